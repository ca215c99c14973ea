"""Charts as inline SVG, built in Python so the build-time page and the live result match.

The SVG scales with its container (a viewBox and width 100 %), so it fits a 375 px phone. It
carries its own text equivalent (`role="img"` named by its `<title>` and `<desc>`), and it needs
no inline styles: presentation attributes give sensible colours, and CSS classes let the site's
stylesheet restyle it (including dark mode) without a CSP exception.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calculators.core.formatting import format_number
from calculators.core.markup import Markup, attributes, escape

WIDTH = 360
LABEL_WIDTH = 100
VALUE_WIDTH = 48
"""Room right of the longest bar for its value."""
VALUE_GAP = 5
"""Between a bar's end and its value."""
ROW_HEIGHT = 34
BAR_HEIGHT = 18
TOP = 26
AXIS_HEIGHT = 26


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, the value as shown, and whether to mark it."""

    label: str
    value: float
    value_text: str
    marked: bool = False
    mark_text: str = ""


def _svg_start(height: float, title: str, description: str, id_prefix: str) -> list[str]:
    """The opening `<svg>` with its text equivalent: `<title>` and `<desc>`, ids from `id_prefix`."""
    title_id = f"{id_prefix}-chart-title"
    desc_id = f"{id_prefix}-chart-desc"
    return [
        f"<svg{attributes(class_='aq-chart__svg', viewBox=f'0 0 {WIDTH} {height:g}', width='100%', role='img', aria_labelledby=f'{title_id} {desc_id}', xmlns='http://www.w3.org/2000/svg', focusable='false')}>",
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>',
    ]


def _x(value: float, maximum: float) -> float:
    """Horizontal position of a value on the bar area."""
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    share = min(max(value / maximum, 0.0), 1.0) if maximum > 0 else 0.0
    return LABEL_WIDTH + share * plot_width


def _ticks(maximum: float, every: float) -> list[float]:
    count = int(maximum / every + 1e-9)
    return [round(index * every, 10) for index in range(count + 1)]


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    maximum: float,
    reference: float | None,
    reference_label: str,
    title: str,
    description: str,
    id_prefix: str,
    tick_every: float = 0.5,
) -> Markup:
    """Horizontal bars from 0 to `maximum`, with a labelled reference line and an axis."""
    height = TOP + ROW_HEIGHT * len(bars) + AXIS_HEIGHT
    axis_y = TOP + ROW_HEIGHT * len(bars)
    parts = _svg_start(height, title, description, id_prefix)
    for index, bar in enumerate(bars):
        row_y = TOP + ROW_HEIGHT * index
        bar_y = row_y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        text_y = row_y + ROW_HEIGHT / 2 + 4.5
        end = _x(bar.value, maximum)
        modifier = " aq-chart__bar--marked" if bar.marked else ""
        weight = "bold" if bar.marked else "normal"
        show_mark = bar.marked and bar.mark_text
        label_y = text_y - 6 if show_mark else text_y
        parts.append(
            f'<text class="aq-chart__label" x="{LABEL_WIDTH - 6}" y="{label_y:.1f}" text-anchor="end" '
            f'font-size="13" font-weight="{weight}" fill="currentColor">{escape(bar.label)}</text>'
        )
        if show_mark:
            parts.append(
                f'<text class="aq-chart__mark" x="{LABEL_WIDTH - 6}" y="{text_y + 7:.1f}" text-anchor="end" '
                f'font-size="11" font-weight="bold" fill="currentColor">{escape(bar.mark_text)}</text>'
            )
        parts.append(
            f'<rect class="aq-chart__bar{modifier}" x="{LABEL_WIDTH}" y="{bar_y:.1f}" '
            f'width="{end - LABEL_WIDTH:.1f}" height="{BAR_HEIGHT}" rx="2" '
            f'fill="currentColor" fill-opacity="{0.85 if bar.marked else 0.45}"/>'
        )
        parts.append(  # next to its bar; a halo in the page's colour keeps it legible across the reference line
            f'<text class="aq-chart__value" x="{end + VALUE_GAP:.1f}" y="{text_y:.1f}" font-size="13" '
            f'font-weight="{weight}" fill="currentColor" paint-order="stroke" stroke-width="4" '
            f'stroke-linejoin="round">{escape(bar.value_text)}</text>'
        )
    parts.append(
        f'<line class="aq-chart__axis" x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{_x(maximum, maximum):.1f}" '
        f'y2="{axis_y}" stroke="currentColor" stroke-opacity="0.6"/>'
    )
    for tick in _ticks(maximum, tick_every):
        x = _x(tick, maximum)
        parts.append(
            f'<text class="aq-chart__tick" x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" '
            f'font-size="11" fill="currentColor">{escape(format_number(tick, 1))}</text>'
        )
    if reference is not None:
        x = _x(reference, maximum)
        parts.append(
            f'<line class="aq-chart__reference" x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{axis_y}" '
            f'stroke="currentColor" stroke-width="2" stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text class="aq-chart__reference-label" x="{x:.1f}" y="{TOP - 12}" text-anchor="middle" '
            f'font-size="11" fill="currentColor">{escape(reference_label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# One bar split into parts (e.g. one running step: time on the ground, then time in the air).
SPLIT_BAR_LEFT = 10
SPLIT_BAR_RIGHT = WIDTH - 10
SPLIT_BAR_TOP = 28
SPLIT_BAR_HEIGHT = 30
SPLIT_BAR_CHART_HEIGHT = 104


@dataclass(frozen=True)
class Segment:
    """One part of a split bar: its label, its size, and its size as shown."""

    label: str
    value: float
    value_text: str


def split_bar_chart(
    segments: Sequence[Segment],
    *,
    total_text: str,
    title: str,
    description: str,
    id_prefix: str,
) -> Markup:
    """One bar for a whole (`total_text` above it), split into `segments` in proportion to their values.

    Labels sit under the bar: the first segment's starts at the left edge, the last one's ends at
    the right edge and any others are centred, so two labels never run into each other.
    """
    total = sum(max(segment.value, 0.0) for segment in segments)
    parts = _svg_start(SPLIT_BAR_CHART_HEIGHT, title, description, id_prefix)
    parts.append(
        f'<text class="aq-chart__label" x="{WIDTH / 2:g}" y="{SPLIT_BAR_TOP - 10}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" fill="currentColor">{escape(total_text)}</text>'
    )
    span = SPLIT_BAR_RIGHT - SPLIT_BAR_LEFT
    start = float(SPLIT_BAR_LEFT)
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        width = span * max(segment.value, 0.0) / total if total > 0 else span / max(len(segments), 1)
        opacity = 0.85 if index % 2 == 0 else 0.35
        parts.append(
            f'<rect class="aq-chart__bar aq-chart__segment aq-chart__segment--{index}" x="{start:.1f}" '
            f'y="{SPLIT_BAR_TOP}" width="{width:.1f}" height="{SPLIT_BAR_HEIGHT}" '
            f'fill="currentColor" fill-opacity="{opacity}"/>'
        )
        if index == 0:
            anchor, x = "start", float(SPLIT_BAR_LEFT)
        elif index == last:
            anchor, x = "end", float(SPLIT_BAR_RIGHT)
        else:
            anchor, x = "middle", start + width / 2
        below = SPLIT_BAR_TOP + SPLIT_BAR_HEIGHT
        parts.append(
            f'<text class="aq-chart__label" x="{x:.1f}" y="{below + 18}" text-anchor="{anchor}" '
            f'font-size="12" fill="currentColor">{escape(segment.label)}</text>'
        )
        parts.append(
            f'<text class="aq-chart__value" x="{x:.1f}" y="{below + 34}" text-anchor="{anchor}" '
            f'font-size="12" font-weight="bold" fill="currentColor">{escape(segment.value_text)}</text>'
        )
        start += width
    parts.append("</svg>")
    return Markup("".join(parts))


# A line chart: numeric x and y axes, each series a line, separate segments or points.
PLOT_LEFT = 48
PLOT_RIGHT = WIDTH - 14
LEGEND_ROW_HEIGHT = 15
PLOT_HEIGHT = 170
PLOT_BELOW = 42
SERIES_KINDS = ("line", "segments", "points")


@dataclass(frozen=True)
class Axis:
    """A numeric axis from `minimum` to `maximum`, labelled ("Time (s)"), a tick every `tick_every`."""

    label: str
    maximum: float
    tick_every: float
    minimum: float = 0.0
    decimals: int = 0


@dataclass(frozen=True)
class Series:
    """One thing drawn on a line chart, named in the legend.

    `kind` is "line" (the points joined in order), "segments" (points taken in pairs, each pair a
    separate line, e.g. a mean speed over each split) or "points" (a dot at each point).
    """

    label: str
    points: Sequence[tuple[float, float]]
    kind: str = "line"
    dashed: bool = False

    def __post_init__(self) -> None:
        if self.kind not in SERIES_KINDS:
            raise ValueError(f"Series kind must be one of {', '.join(SERIES_KINDS)}, not {self.kind!r}")


def _scale(value: float, axis: Axis, low: float, high: float) -> float:
    """Position of `value` between pixel `low` (axis minimum) and `high` (axis maximum), clamped."""
    extent = axis.maximum - axis.minimum
    share = (value - axis.minimum) / extent if extent > 0 else 0.0
    return low + min(max(share, 0.0), 1.0) * (high - low)


def _axis_ticks(axis: Axis) -> list[float]:
    if axis.tick_every <= 0:
        return [axis.minimum, axis.maximum]
    count = int((axis.maximum - axis.minimum) / axis.tick_every + 1e-9)
    return [round(axis.minimum + index * axis.tick_every, 10) for index in range(count + 1)]


def line_chart(
    series: Sequence[Series],
    *,
    x_axis: Axis,
    y_axis: Axis,
    title: str,
    description: str,
    id_prefix: str,
) -> Markup:
    """Series on numeric axes, with a legend above the plot, ticks, gridlines and axis labels."""
    top = 10 + LEGEND_ROW_HEIGHT * len(series) + 8
    bottom = top + PLOT_HEIGHT
    height = bottom + PLOT_BELOW

    def x_of(value: float) -> float:
        return _scale(value, x_axis, PLOT_LEFT, PLOT_RIGHT)

    def y_of(value: float) -> float:
        return _scale(value, y_axis, bottom, top)

    parts = _svg_start(height, title, description, id_prefix)
    for index, item in enumerate(series):
        row_y = 10 + LEGEND_ROW_HEIGHT * index + LEGEND_ROW_HEIGHT / 2
        parts.append(_legend_sample(item, index, row_y))
        parts.append(
            f'<text class="aq-chart__legend" x="{PLOT_LEFT + 26}" y="{row_y + 4:.1f}" font-size="11" '
            f'fill="currentColor">{escape(item.label)}</text>'
        )
    for tick in _axis_ticks(y_axis):
        y = y_of(tick)
        parts.append(
            f'<line class="aq-chart__grid" x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" '
            f'stroke="currentColor" stroke-opacity="0.15"/>'
        )
        parts.append(
            f'<text class="aq-chart__tick" x="{PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="currentColor">{escape(format_number(tick, y_axis.decimals))}</text>'
        )
    for tick in _axis_ticks(x_axis):
        x = x_of(tick)
        parts.append(
            f'<text class="aq-chart__tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11" '
            f'fill="currentColor">{escape(format_number(tick, x_axis.decimals))}</text>'
        )
    parts.append(
        f'<path class="aq-chart__axis" d="M{PLOT_LEFT} {top}V{bottom}H{PLOT_RIGHT}" fill="none" '
        f'stroke="currentColor" stroke-opacity="0.6"/>'
    )
    parts.append(
        f'<text class="aq-chart__axis-label" x="{(PLOT_LEFT + PLOT_RIGHT) / 2:.1f}" y="{bottom + 34}" '
        f'text-anchor="middle" font-size="11" fill="currentColor">{escape(x_axis.label)}</text>'
    )
    middle = (top + bottom) / 2
    parts.append(
        f'<text class="aq-chart__axis-label" x="12" y="{middle:.1f}" text-anchor="middle" font-size="11" '
        f'fill="currentColor" transform="rotate(-90 12 {middle:.1f})">{escape(y_axis.label)}</text>'
    )
    for index, item in enumerate(series):
        parts.append(_draw_series(item, index, x_of, y_of))
    parts.append("</svg>")
    return Markup("".join(parts))


def _stroke(item: Series, index: int) -> str:
    dash = ' stroke-dasharray="5 4"' if item.dashed else ""
    width = 3 if item.kind == "segments" else 2
    opacity = 0.55 if item.kind == "segments" else 0.9
    return f'stroke="currentColor" stroke-width="{width}" stroke-opacity="{opacity}"{dash}'


def _legend_sample(item: Series, index: int, y: float) -> str:
    css = f"aq-chart__series aq-chart__series--{index}"
    if item.kind == "points":
        return f'<circle class="{css}" cx="{PLOT_LEFT + 10}" cy="{y:.1f}" r="3" fill="currentColor"/>'
    return f'<line class="{css}" x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_LEFT + 20}" y2="{y:.1f}" {_stroke(item, index)}/>'


def _draw_series(item: Series, index: int, x_of: Callable[[float], float], y_of: Callable[[float], float]) -> str:
    css = f"aq-chart__series aq-chart__series--{index}"
    points = [(x_of(x), y_of(y)) for x, y in item.points]
    if item.kind == "points":
        return "".join(
            f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="currentColor"/>' for x, y in points
        )
    if item.kind == "segments":
        pairs = zip(points[0::2], points[1::2])
        return "".join(
            f'<line class="{css}" x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" {_stroke(item, index)}/>'
            for a, b in pairs
        )
    joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline class="{css}" points="{joined}" fill="none" {_stroke(item, index)}/>'


def nice_step(span: float, ticks: int = 5) -> float:
    """The smallest round tick spacing (1, 2 or 5 times a power of ten) that covers `span` in at
    most `ticks` + 2 steps: 12 -> 2 (six steps), 641 -> 100, 1584 -> 500."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(span / ticks))
    for multiple in (1, 2, 5, 10, 20):
        if math.ceil(span / (multiple * power) - 1e-9) <= ticks + 2:
            return multiple * power
    return 50 * power


def nice_axis(label: str, largest: float, ticks: int = 5) -> Axis:
    """An axis from 0 that fits `largest`, ending on a round tick: 9.5 -> 0 to 10 by 2."""
    every = nice_step(largest, ticks)
    count = max(math.ceil(largest / every - 1e-9), 1) if math.isfinite(largest) and largest > 0 else 1
    decimals = max(0, -math.floor(math.log10(every) + 1e-9))
    return Axis(label=label, maximum=round(count * every, 10), tick_every=every, decimals=decimals)
