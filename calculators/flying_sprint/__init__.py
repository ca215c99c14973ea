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
from calculators.core.fields import FormItem, NumberField, UnitChoiceField
from calculators.core.formatting import format_short, plain_number
from calculators.core.parsing import ParsedForm
from calculators.core.timing import timing_field
from calculators.core.units import LENGTH, METRES_PER_YARD
from calculators.flying_sprint.model import (
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

# The worked example: a flying 20 m in 1.90 s on electronic gates, 9 steps (10.53 m/s).
DEFAULTS = {"zone_length": "20", "zone_time": "1.9", "steps": "9"}


def build_form(parameters: Parameters) -> tuple[FormItem, ...]:
    """The form, in display order: the zone, its time, how it was timed, the steps."""
    p = parameters
    return (
        UnitChoiceField.of(
            "distance_unit",
            "Zone measured in",
            LENGTH,
            ("m", "yd"),
            us="yd",
            help=f"1 yd = {plain_number(METRES_PER_YARD)} m.",
        ),
        NumberField(
            name="zone_length",
            label="Zone length",
            unit="m",
            unit_choice="distance_unit",
            asks_for="the zone's length",
            minimum=p.zone_length_m.minimum,
            maximum=p.zone_length_m.maximum,
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
        timing_field("A stopwatch time is less exact; the result shows by how much."),
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


def _cross_field_messages(form: ParsedForm, p: Parameters) -> dict[str, str]:
    """A human speed; steps a sprinter could take (the zone's range is the field's own)."""
    length, time = form.values.get("zone_length"), form.values.get("zone_time")
    if not isinstance(length, float) or not isinstance(time, float):
        return {}
    zone = form.as_typed("zone_length", length, 2)
    messages = {}
    if length / time > p.fastest_speed_m_per_s:
        messages["zone_time"] = (
            f"{zone} in {plain_number(time)} s is {format_short(length / time, 1)} m/s, faster "
            f"than {plain_number(p.fastest_speed_m_per_s)} m/s, beyond any recorded sprint: check the zone and the time."
        )
    steps = form.values.get("steps")
    if isinstance(steps, float) and not messages:
        if length / steps > p.longest_step_m:
            messages["steps"] = (
                f"{plain_number(steps)} steps in {zone} is {format_short(length / steps, 2)} m "
                f"a step, longer than {plain_number(p.longest_step_m)} m: count every foot contact in the zone."
            )
        elif steps / time > p.highest_step_frequency_hz:
            messages["steps"] = (
                f"{plain_number(steps)} steps in {plain_number(time)} s is {format_short(steps / time, 1)} steps "
                f"a second, more than {plain_number(p.highest_step_frequency_hz)}: check the count and the time."
            )
    return messages


def make_read(parameters: Parameters) -> Callable[[ParsedForm], Inputs | FieldMessages]:
    """Read the form into `Inputs` (the zone in metres, whatever unit it was typed in)."""

    def read(form: ParsedForm) -> Inputs | FieldMessages:
        messages = _cross_field_messages(form, parameters)
        if messages or form.errors:
            return FieldMessages(messages)
        steps = form.optional_number("steps")
        run = FlyingRun(
            zone_length=form.number("zone_length"),
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
