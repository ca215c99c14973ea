"""Step timing as HTML: the result fragment and the static explanation block.

Numbers are rounded here and only here: times to 0.1 ms, speeds to 0.01 m/s and 0.1 km/h or
mph, frequencies to 0.01 steps/s and whole steps/min, shares and changes to 0.1 %.
"""

from __future__ import annotations

from calculators.core.calculator import Figure
from calculators.core.formatting import (
    format_number,
    format_short,
    format_signed,
    plain_number,
)
from calculators.core.markup import (
    Column,
    Markup,
    Row,
    definition_list,
    element,
    explanation,
    figure,
    join,
    model_statement,
    numbered_steps,
    result_block,
    sources_list,
    speed_headline,
    table,
)
from calculators.core.svg import Segment, split_bar_chart
from calculators.core.units import (
    KM_PER_HOUR_IN_METRES_PER_SECOND,
    LENGTH,
    METRE,
    METRES_PER_SECOND_IN_A_MILE_PER_HOUR,
    convert,
    in_milliseconds,
)
from calculators.step_timing.model import Parameters, Step, StepTiming, WhatIf
from calculators.step_timing.params import load_reading
from calculators.step_timing.reading import reading

READING = load_reading()
"""The "What to train next" settings of parameters.toml, read once."""


def _ms(seconds: float) -> str:
    return f"{format_short(in_milliseconds(seconds), 1)} ms"


def _speed(step: Step) -> str:
    return f"{format_number(step.speed, 2)} m/s"


def _percent(value: float) -> str:
    return f"{format_number(value, 1)} %"


def what_if_label(what_if: WhatIf) -> str:
    """ "Ground contact 10 ms shorter", "Step length 5 cm longer"."""
    amount = abs(what_if.change)
    direction = "shorter" if what_if.change < 0 else "longer"
    if what_if.name == "contact":
        return f"Ground contact {plain_number(amount)} ms {direction}"
    if what_if.name == "flight":
        return f"Flight {plain_number(amount)} ms {direction}"
    return f"Step length {plain_number(amount)} cm {direction}"


def _not_possible(what_if: WhatIf) -> str:
    if what_if.name == "flight":
        return "not possible: the flight time is already shorter than that"
    if what_if.name == "contact":
        return "not possible: the contact time is already shorter than that"
    return "not possible: the step is already shorter than that"


def _headline(step: Step) -> Markup:
    return speed_headline("Speed", step.speed)


def _video_note(timing: StepTiming) -> Markup:
    video = timing.video
    if video is None:
        return Markup("")
    rate = plain_number(video.frame_rate)
    text = (
        f"From the video: {video.contact_frames} frames on the ground and {video.flight_frames} in the air at "
        f"{rate} fps, that is {_ms(timing.step.contact_time)} and {_ms(timing.step.flight_time)}. "
        f"At {rate} fps one frame lasts {_ms(video.frame_time)}, so each time may be off by up to a frame."
    )
    return element("p", text, class_="aq-result__video")


def _length(timing: StepTiming) -> str:
    """The step length as the reader typed it: "2.2 m", or "7.22 ft (2.2 m)"."""
    metres = f"{format_short(timing.step.step_length, 2)} m"
    if timing.length_unit == "m":
        return metres
    typed = convert(timing.step.step_length, METRE, LENGTH.unit(timing.length_unit))
    return f"{format_short(typed, 2)} {timing.length_unit} ({metres})"


def _chart(timing: StepTiming, id_prefix: str) -> Markup:
    step = timing.step
    ground = f"{_ms(step.contact_time)} ({_percent(step.ground_share_percent)})"
    air = f"{_ms(step.flight_time)} ({_percent(step.air_share_percent)})"
    svg = split_bar_chart(
        [Segment("On the ground", step.contact_time, ground), Segment("In the air", step.flight_time, air)],
        total_text=f"One step: {_ms(step.step_time)}, {_length(timing)}",
        title="One step, split into time on the ground and time in the air",
        description=(
            f"Of each {_ms(step.step_time)} step, {ground} is spent on the ground and {air} in the air."
        ),
        id_prefix=f"{id_prefix}-step",
    )
    return figure(svg, "One step from touchdown to the next touchdown, drawn to scale in time.")


def _summary(step: Step) -> Markup:
    return definition_list(
        [
            ("Step time", _ms(step.step_time)),
            (
                "Step frequency",
                f"{format_number(step.frequency, 2)} steps/s ({format_number(step.steps_per_minute, 0)} steps/min)",
            ),
            ("On the ground", f"{_percent(step.ground_share_percent)} of each step ({_ms(step.contact_time)})"),
            ("In the air", f"{_percent(step.air_share_percent)} of each step ({_ms(step.flight_time)})"),
        ]
    )


def _what_if_table(timing: StepTiming) -> Markup:
    now = timing.step
    rows = [
        Row(
            ["As measured", _ms(now.step_time), _speed(now), "–"],
            class_="aq-table__row--now",
        )
    ]
    for what_if in timing.what_ifs:
        label = what_if_label(what_if)
        if what_if.step is None or what_if.speed_change_percent is None:
            rows.append(Row([f"{label} ({_not_possible(what_if)})", "–", "–", "–"]))
            continue
        step = what_if.step
        rows.append(
            Row(
                [
                    label,
                    _ms(step.step_time),
                    _speed(step),
                    f"{format_signed(what_if.speed_change_percent, 1)} %",
                ]
            )
        )
    columns = [
        Column("What if"),
        Column("Step time", "aq-num"),
        Column("Speed", "aq-num"),
        Column("Speed change", "aq-num"),
    ]
    return table("What if one thing changed, and the other two stayed the same", columns, rows)


def render_result(timing: StepTiming, id_prefix: str) -> str:
    """The result fragment for one step (ids inside start with `id_prefix`)."""
    step = timing.step
    parts = [_headline(step), _summary(step), _video_note(timing), _chart(timing, id_prefix), _what_if_table(timing)]
    note = (
        "it works out speed from the step you entered. Each what-if changes "
        "one number and holds the other two; in real running they move together."
    )
    parts.append(reading(step, READING))
    return str(result_block("step-timing", parts, note))


def render_explanation(parameters: Parameters) -> str:
    """The static explanation: the formulas, the what-ifs, frame counting, the ranges, the sources."""
    p = parameters
    kmh = plain_number(KM_PER_HOUR_IN_METRES_PER_SECOND)
    mph = plain_number(METRES_PER_SECOND_IN_A_MILE_PER_HOUR)
    steps = [
        "<strong>Step time</strong> = ground contact time + flight time: one step, from one foot's touchdown "
        "to the other foot's touchdown.",
        "<strong>Step frequency</strong> = 1 ÷ step time, in steps per second; × 60 gives steps per minute.",
        "<strong>Speed</strong> = step length × step frequency = step length ÷ step time, in m/s; "
        f"× {kmh} gives km/h, ÷ {mph} gives mph.",
        "<strong>Share on the ground</strong> = contact time ÷ step time × 100.",
        "From a video, each time = frames ÷ frame rate: 12 frames at 120 fps is 12 ÷ 120 = 0.1 s = 100 ms.",
    ]
    what_ifs = element(
        "p",
        f"The what-if table changes one number at a time: ground contact "
        f"{format_signed(p.contact_time_change_ms, 0)} ms, flight {format_signed(p.flight_time_change_ms, 0)} ms, "
        f"step length {format_signed(p.step_length_change_cm, 0)} cm, and works the speed out again with the "
        "other two held as they were. Real running rarely allows that: a longer step usually comes with a lower "
        "step rate, and a shorter flight with a shorter step. Read each row as the most that change could give.",
    )
    ranges = table(
        "Values the calculator accepts",
        [Column("Input"), Column("From", "aq-num"), Column("To", "aq-num")],
        [
            Row(["Ground contact time (ms)", plain_number(p.contact_time_ms.minimum), plain_number(p.contact_time_ms.maximum)]),
            Row(["Flight time (ms)", plain_number(p.flight_time_ms.minimum), plain_number(p.flight_time_ms.maximum)]),
            Row(["Step length (m)", plain_number(p.step_length_m.minimum), plain_number(p.step_length_m.maximum)]),
            Row(["Video frame rate (fps)", plain_number(p.frame_rate_fps.minimum), plain_number(p.frame_rate_fps.maximum)]),
        ],
    )
    speed_note = element(
        "p",
        f"Inputs that add up to more than {plain_number(p.fastest_speed_m_per_s)} m/s are refused as a typo: the "
        "fastest sprinters peak at about 12.4 m/s.",
    )
    # The steps are fixed words and numbers only, so their <strong> tags are safe as markup.
    formula = numbered_steps(Markup(text) for text in steps)
    note = model_statement(
        "It is the arithmetic of one step: speed follows exactly from step length and step time, but the "
        "what-ifs assume you could change one of them alone."
    )
    return str(
        explanation(
            note,
            [
                ("How the numbers are worked out", formula),
                ("The what-if table", what_ifs),
                ("Values in use", join([ranges, speed_note])),
                ("Sources", sources_list(p.sources)),
            ],
        )
    )


def squad_summary(timing: StepTiming) -> dict[str, str]:
    """One athlete's row in a squad's table: speed, step frequency, the share on the ground."""
    step = timing.step
    return {
        "Speed": _speed(step),
        "Step frequency": f"{format_number(step.frequency, 2)} steps/s",
        "On the ground": _percent(step.ground_share_percent),
    }


def figures_over_time(timing: StepTiming) -> tuple[Figure, ...]:
    """What a reader's saved tests chart: speed, step frequency, the share on the ground."""
    step = timing.step
    return (
        Figure.as_shown("Speed", step.speed, 2, "m/s"),
        Figure.as_shown("Step frequency", step.frequency, 2, "steps/s"),
        Figure.as_shown("On the ground", step.ground_share_percent, 1, "% of each step"),
    )
