"""The flying sprint calculator: what the reader types, and how it is read into `Inputs`.

A flying sprint times a zone entered at speed after a running start (a "flying 20 m"). The reader
gives the zone's length in metres or yards, the time through it, how it was timed, and optionally
the steps counted in it. The arithmetic lives in `model.py`, the tunable numbers in
`parameters.toml` (checked by `params.py`), the HTML in `render.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from calculators.core.calculator import Calculator, FieldMessages
from calculators.core.fields import Choice, ChoiceField, FormItem, NumberField
from calculators.core.formatting import format_short, plain_number
from calculators.core.parsing import ParsedForm
from calculators.core.units import METRES_PER_YARD, yards_in_metres
from calculators.flying_sprint.model import (
    ELECTRONIC,
    HAND,
    FlyingRun,
    Parameters,
    speed_through,
)
from calculators.flying_sprint.params import load_parameters
from calculators.flying_sprint.render import (
    Answer,
    figures_over_time,
    render_explanation,
    render_result,
    squad_summary,
)

SLUG = "flying_sprint"
TITLE = "Flying sprint speed"
SCHEMA = 1
"""The version of this form's input names; bump it when a shared address's inputs change meaning."""

METRES = "m"
YARDS = "yd"
MAX_TYPED_LENGTH = 1000
"""A typo guard for the zone's length in either unit; the real range is checked in metres."""

# The worked example: a flying 20 m in 1.90 s on electronic gates, 9 steps (10.53 m/s).
DEFAULTS = {"zone_length": "20", "zone_time": "1.9", "steps": "9"}


def build_form(parameters: Parameters) -> tuple[FormItem, ...]:
    """The form, in display order: the zone, its time, how it was timed, the steps."""
    p = parameters
    return (
        ChoiceField(
            name="distance_unit",
            label="Zone measured in",
            choices=(Choice(METRES, "metres (m)"), Choice(YARDS, "yards (yd)")),
            default=METRES,
            help=f"1 yd = {plain_number(METRES_PER_YARD)} m.",
        ),
        NumberField(
            name="zone_length",
            label="Zone length",
            unit="m or yd",
            minimum=0,
            minimum_exclusive=True,
            maximum=MAX_TYPED_LENGTH,
            step=1,
            default=DEFAULTS["zone_length"],
            help="The timed zone, from the first gate or cone to the last, entered at speed: a flying 10, 20 or 30 m.",
        ),
        NumberField(
            name="zone_time",
            label="Time through the zone",
            unit="s",
            minimum=p.zone_time_s.minimum,
            maximum=p.zone_time_s.maximum,
            step=0.01,
            default=DEFAULTS["zone_time"],
            help="From crossing the first gate to crossing the last, like 1.90.",
        ),
        ChoiceField(
            name="timing",
            label="Timed with",
            choices=(Choice(ELECTRONIC, "timing gates"), Choice(HAND, "a stopwatch")),
            default=ELECTRONIC,
            help="A stopwatch time is less exact; the result shows by how much.",
        ),
        NumberField(
            name="steps",
            label="Steps in the zone",
            unit="steps",
            long_label="Steps counted in the zone",
            minimum=p.steps.minimum,
            maximum=p.steps.maximum,
            step=1,
            whole_number=True,
            default=DEFAULTS["steps"],
            required=False,
            help="Optional: count the foot contacts inside the zone (on a video) to see step length and rate.",
        ),
    )


@dataclass(frozen=True)
class Inputs:
    """One flying run, read once: the zone's length in metres whatever unit it was typed in."""

    run: FlyingRun
    distance_unit: str
    """The unit the reader typed the zone in, to show it back to them."""


def _length_in_metres(form: ParsedForm) -> float | None:
    length = form.values.get("zone_length")
    if not isinstance(length, float):
        return None
    return yards_in_metres(length) if form.values.get("distance_unit") == YARDS else length


def _cross_field_messages(form: ParsedForm, length: float | None, p: Parameters) -> dict[str, str]:
    """The zone in range whatever its unit; a human speed; steps a sprinter could take."""
    if length is None:
        return {}
    if not p.zone_length_m.holds(length):
        low, high = p.zone_length_m.minimum, p.zone_length_m.maximum
        return {
            "zone_length": (
                f"A flying zone must be between {plain_number(low)} and {plain_number(high)} m "
                f"({format_short(low / METRES_PER_YARD, 1)} to {format_short(high / METRES_PER_YARD, 1)} yd)."
            )
        }
    time = form.values.get("zone_time")
    if not isinstance(time, float):
        return {}
    messages = {}
    if length / time > p.fastest_speed_m_per_s:
        messages["zone_time"] = (
            f"{format_short(length, 2)} m in {plain_number(time)} s is {format_short(length / time, 1)} m/s, faster "
            f"than {plain_number(p.fastest_speed_m_per_s)} m/s, beyond any recorded sprint: check the zone and the time."
        )
    steps = form.values.get("steps")
    if isinstance(steps, float) and not messages:
        if length / steps > p.longest_step_m:
            messages["steps"] = (
                f"{plain_number(steps)} steps in {format_short(length, 2)} m is {format_short(length / steps, 2)} m "
                f"a step, longer than {plain_number(p.longest_step_m)} m: count every foot contact in the zone."
            )
        elif steps / time > p.highest_step_frequency_hz:
            messages["steps"] = (
                f"{plain_number(steps)} steps in {plain_number(time)} s is {format_short(steps / time, 1)} steps "
                f"a second, more than {plain_number(p.highest_step_frequency_hz)}: check the count and the time."
            )
    return messages


def make_read(parameters: Parameters) -> Callable[[ParsedForm], Inputs | FieldMessages]:
    """Read the form into `Inputs` (yards converted to metres, once)."""

    def read(form: ParsedForm) -> Inputs | FieldMessages:
        length = _length_in_metres(form)
        messages = _cross_field_messages(form, length, parameters)
        if messages or form.errors or length is None:
            return FieldMessages(messages)
        steps = form.optional_number("steps")
        run = FlyingRun(
            zone_length=length,
            zone_time=form.number("zone_time"),
            timing=form.choice("timing"),
            steps=None if steps is None else int(steps),
        )
        return Inputs(run=run, distance_unit=form.choice("distance_unit"))

    return read


def make_calculator(parameters: Parameters) -> Calculator[Inputs, Answer]:
    """The calculator for a given set of parameters (the site uses parameters.toml's)."""

    def compute(inputs: Inputs) -> Answer:
        return Answer(sprint=speed_through(inputs.run, parameters), distance_unit=inputs.distance_unit)

    return Calculator(
        slug=SLUG,
        title=TITLE,
        schema=SCHEMA,
        form=build_form(parameters),
        read=make_read(parameters),
        compute=compute,
        render=render_result,
        explain=lambda: render_explanation(parameters),
        summarise=squad_summary,
        figures=figures_over_time,
    )


CALCULATOR = make_calculator(load_parameters())
"""The flying sprint calculator as the site runs it, with the packaged parameters."""
