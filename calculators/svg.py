"""Charts as inline SVG, built in Python so the build-time page and the live result match.

The SVG scales with its container (a viewBox and width 100 %), so it fits a 375 px phone. It
carries its own text equivalent (`role="img"` named by its `<title>` and `<desc>`), and it needs
no inline styles: presentation attributes give sensible colours, and CSS classes let the site's
stylesheet restyle it (including dark mode) without a CSP exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from calculators.markup import Markup, attributes, escape, format_number

WIDTH = 360
LABEL_WIDTH = 100
VALUE_WIDTH = 48
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
        parts.append(  # values in their own column, so the reference line never crosses them
            f'<text class="aq-chart__value" x="{WIDTH - 2}" y="{text_y:.1f}" text-anchor="end" font-size="13" '
            f'font-weight="{weight}" fill="currentColor">{escape(bar.value_text)}</text>'
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
