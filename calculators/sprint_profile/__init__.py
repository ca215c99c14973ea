"""The sprint speed profile calculator: what the reader types, and how it is read into `Inputs`.

Up to six splits (distance and time from a standing start) are declared once as
`split_1_distance`, `split_1_time`, ... `split_6_time`; the first two are required and empty rows
are ignored. Body mass may be typed in kg or lb, height in cm or feet and inches, the split
distances in m or yd (a 40-yard dash with 10 and 20 yd splits), and the times from timing gates or
a stopwatch (which gets its standing-start correction, core/timing.py). The speed curve's fit lives in `model.py`, the force-velocity method in
`mechanics.py`, the tunable numbers in `parameters.toml` (checked by `params.py`), the HTML in
`render.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from calculators.core.calculator import Calculator, FieldMessages
from calculators.core.fields import Choice, ChoiceField, FieldGroup, FieldRow, FormItem, NumberField, UnitChoiceField
from calculators.core.formatting import format_number, format_short, plain_number
from calculators.core.parsing import ParsedForm
from calculators.core.timing import timing_field
from calculators.core.units import LENGTH, MASS
from calculators.sprint_profile.mechanics import Air, Athlete, sprint_mechanics
from calculators.sprint_profile.model import SpeedCurveFit, Split, fit_speed_curve
from calculators.sprint_profile.params import Parameters, load_parameters
from calculators.sprint_profile.reading import ANY_SEX
from calculators.sprint_profile.render import (
    SprintProfile,
    figures_over_time,
    render_explanation,
    render_result,
    squad_summary,
)

SLUG = "sprint_profile"
TITLE = "Sprint speed profile"
SCHEMA = 1
"""The version of this form's input names; bump it when a shared URL's inputs change meaning."""

SPLIT_ROWS = 6
REQUIRED_ROWS = 2
CENTIMETRES_PER_METRE = 100.0

# The worked example: a 75 kg, 1.80 m athlete whose splits follow MSS 9.5 m/s and tau 1.1 s,
# rounded to the hundredth as a timing gate shows them.
DEFAULT_BODY_MASS = "75"
DEFAULT_HEIGHT = "180"
DEFAULT_SPLITS = (("5", "1.28"), ("10", "1.97"), ("20", "3.14"), ("30", "4.23"))


def distance_name(row: int) -> str:
    return f"split_{row}_distance"


def time_name(row: int) -> str:
    return f"split_{row}_time"


def _split_fields(row: int, parameters: Parameters) -> tuple[NumberField, NumberField]:
    distance, time = DEFAULT_SPLITS[row - 1] if row <= len(DEFAULT_SPLITS) else ("", "")
    required = row <= REQUIRED_ROWS
    first = row == 1
    return (
        NumberField(
            name=distance_name(row),
            label=f"Split {row} distance",
            unit="m",
            unit_choice="split_distance_unit",
            asks_for="the distance from the start line",
            minimum=0,
            minimum_exclusive=True,
            maximum=parameters.split_distance_max_m,
            step=1,
            default=distance,
            required=required,
            help="From the start line to the timing gate." if first else "",
        ),
        NumberField(
            name=time_name(row),
            label=f"Split {row} time",
            unit="s",
            minimum=0,
            minimum_exclusive=True,
            maximum=parameters.split_time_max_s,
            step=0.01,
            default=time,
            required=required,
            help="From the first movement to passing the gate." if first else "",
        ),
    )


def build_form(parameters: Parameters) -> tuple[FormItem, ...]:
    """The form, in display order; the defaults give a worked example (an athlete near 9.5 m/s)."""
    p = parameters
    shown_rows = [FieldRow(_split_fields(row, p)) for row in range(1, len(DEFAULT_SPLITS) + 1)]
    more_rows = [FieldRow(_split_fields(row, p)) for row in range(len(DEFAULT_SPLITS) + 1, SPLIT_ROWS + 1)]
    return (
        UnitChoiceField.of("body_mass_unit", "Body mass in", MASS, ("kg", "lb"), us="lb"),
        NumberField(
            name="body_mass",
            label="Body mass",
            unit="kg",
            unit_choice="body_mass_unit",
            example="72.5",
            minimum=p.body_mass_kg.minimum,
            maximum=p.body_mass_kg.maximum,
            step=0.1,
            default=DEFAULT_BODY_MASS,
            help="Turns acceleration into force.",
        ),
        UnitChoiceField.of("height_unit", "Height in", LENGTH, ("cm", "ft+in"), us="ft+in"),
        NumberField(
            name="height",
            label="Height",
            unit="cm",
            unit_choice="height_unit",
            minimum=p.height_cm.minimum,
            maximum=p.height_cm.maximum,
            step=1,
            default=DEFAULT_HEIGHT,
            help="Like 180 cm, or 5 ft 11 in (5'11\"). With body mass, it sets the frontal area that meets the air.",
        ),
        UnitChoiceField.of(
            "split_distance_unit",
            "Split distances in",
            LENGTH,
            ("m", "yd"),
            us="yd",
            help="A 40-yard dash with gates at 10 and 20 yd: choose yd and enter 10, 20 and 40.",
        ),
        timing_field(
            "From a standing start a stopwatch reads fast: each of its times gets "
            f"{plain_number(p.timing.hand_correction_s)} s added, and the result is less exact."
        ),
        *shown_rows,
        FieldGroup(
            name="more_splits",
            summary=f"Splits {len(DEFAULT_SPLITS) + 1} and {SPLIT_ROWS} (optional)",
            help="Up to six splits in all; leave a row empty to skip it.",
            items=tuple(more_rows),
        ),
        FieldGroup(
            name="air",
            summary="Air temperature and pressure (optional)",
            help="Warm air at altitude is thinner, so it resists less.",
            items=(
                NumberField(
                    name="temperature",
                    label="Air temperature",
                    unit="°C",
                    minimum=p.temperature_c.minimum,
                    maximum=p.temperature_c.maximum,
                    step=1,
                    required=False,
                    help=f"{plain_number(p.default_temperature)} °C if left empty.",
                ),
                NumberField(
                    name="pressure",
                    label="Air pressure",
                    unit="hPa",
                    minimum=p.pressure_hpa.minimum,
                    maximum=p.pressure_hpa.maximum,
                    step=1,
                    required=False,
                    help=(
                        "The barometer's reading at the track, not the sea-level value of a weather forecast; "
                        f"{plain_number(p.default_pressure)} hPa if left empty."
                    ),
                ),
            ),
        ),
        _comparison_field(),
    )


COMPARE_WITH = "compare_with"


def _comparison_field() -> ChoiceField:
    """Whose published ranges the reading at the end of the result compares the profile with."""
    return ChoiceField(
        name=COMPARE_WITH,
        label="Compare your profile with",
        choices=(Choice(ANY_SEX, "Elite athletes"), Choice("women", "Elite women"), Choice("men", "Elite men")),
        default=ANY_SEX,
        help="Published ranges of elite athletes of many sports, for the reading at the end of the result.",
    )


@dataclass(frozen=True)
class SplitRow:
    """A split as the reader typed it, with the row it came from (to put messages on its fields)."""

    row: int
    split: Split


def given_rows(values: Mapping[str, Any]) -> list[SplitRow]:
    """The rows with both a good distance and a good time, in the order of the form."""
    rows = []
    for row in range(1, SPLIT_ROWS + 1):
        distance, time = values.get(distance_name(row)), values.get(time_name(row))
        if isinstance(distance, float) and isinstance(time, float):
            rows.append(SplitRow(row, Split(distance, time)))
    return rows


def _s(value: float) -> str:
    return format_short(value, 3)


def _pairing_messages(parsed: ParsedForm) -> dict[str, str]:
    """A distance needs its time and a time its distance."""
    messages = {}
    for row in range(1, SPLIT_ROWS + 1):
        distance, time = distance_name(row), time_name(row)
        if parsed.typed(distance) and not parsed.typed(time):
            at = f" at {_distance(parsed, row, parsed.number(distance))}" if parsed.given(distance) else ""
            messages[time] = f"Enter the time{at}, or clear the distance of split {row}."
        elif parsed.typed(time) and not parsed.typed(distance):
            messages[distance] = f"Enter the distance of split {row}, or clear its time."
    return messages


def _distance(form: ParsedForm, row: int, metres: float) -> str:
    """A distance of the splits in the unit the reader typed them in: "20 m", "10 yd"."""
    return form.as_typed(distance_name(row), metres, 3)


def _order_messages(form: ParsedForm, rows: list[SplitRow]) -> dict[str, str]:
    """Each split further and later than the one before."""
    messages = {}
    for before, after in zip(rows, rows[1:]):
        if after.split.distance <= before.split.distance:
            messages[distance_name(after.row)] = (
                f"Each split must be further from the start than the one before: "
                f"{_distance(form, after.row, after.split.distance)} comes after "
                f"{_distance(form, before.row, before.split.distance)}."
            )
        if after.split.time <= before.split.time:
            messages[time_name(after.row)] = (
                f"Each time must be later than the one before: {_s(after.split.time)} s comes after "
                f"{_s(before.split.time)} s."
            )
    return messages


def _human_messages(form: ParsedForm, rows: list[SplitRow], parameters: Parameters, correction: float) -> dict[str, str]:
    """No stretch faster than any sprinter runs; no start faster than any sprinter accelerates
    (a stopwatch's first time with its `correction` added)."""
    messages = {}
    fastest = plain_number(parameters.fastest_speed)
    distance, time = 0.0, 0.0
    for entry in rows:
        speed = (entry.split.distance - distance) / (entry.split.time - time)
        if speed > parameters.fastest_speed:
            start = form.as_typed(distance_name(entry.row), distance, 3, with_unit=False)
            stretch = f"{start} to {_distance(form, entry.row, entry.split.distance)}"
            messages[time_name(entry.row)] = (
                f"{stretch} in {_s(entry.split.time - time)} s is {format_number(speed, 1)} m/s, faster than "
                f"{fastest} m/s, beyond any recorded sprint: check the distance and the time."
            )
        distance, time = entry.split.distance, entry.split.time
    first = rows[0].split
    # From a standing start, covering d in t takes an average acceleration of at least 2d / t².
    start = 2 * first.distance / (first.time + correction) ** 2
    if start > parameters.max_acceleration:
        messages.setdefault(
            time_name(rows[0].row),
            f"{_distance(form, rows[0].row, first.distance)} in {_s(first.time + correction)} s from a standing start takes an "
            f"acceleration of at least {format_number(start, 1)} m/s², more than "
            f"{plain_number(parameters.max_acceleration)} m/s², beyond any sprinter: check the first split.",
        )
    return messages


def fit_messages(fit: SpeedCurveFit, rows: list[SplitRow], parameters: Parameters) -> dict[str, str]:
    """A fit that ran out of room, or that gives a runner no human could be."""
    first, last = time_name(rows[0].row), time_name(rows[-1].row)
    curve = fit.curve
    if fit.tau_at_edge == "low":
        return {
            first: (
                "These splits put the runner at top speed almost at once (τ at its lower limit of "
                f"{plain_number(parameters.fit.tau_min)} s), which a standing start does not allow: "
                "check the first split."
            )
        }
    if fit.tau_at_edge == "high":
        return {
            last: (
                f"No speed curve fits these splits: τ reached its upper limit of {plain_number(parameters.fit.tau_max)} s, "
                "as when the runner is still speeding up at the last gate or the first split is very slow. "
                "Check the times, or add a longer split."
            )
        }
    if curve.max_speed > parameters.fastest_speed:
        return {
            last: (
                f"These splits lead to a top speed of {format_number(curve.max_speed, 1)} m/s, faster than "
                f"{plain_number(parameters.fastest_speed)} m/s, beyond any recorded sprint: check the "
                "distances and times."
            )
        }
    if curve.max_acceleration > parameters.max_acceleration:
        return {
            first: (
                f"These splits imply an acceleration of {format_number(curve.max_acceleration, 1)} m/s² at the "
                f"start, more than {plain_number(parameters.max_acceleration)} m/s², beyond any sprinter: "
                "check the first split."
            )
        }
    return {}


def _read_splits(form: ParsedForm, parameters: Parameters) -> tuple[SpeedCurveFit | None, dict[str, str]]:
    """The speed curve the splits give, or the messages that stop it: each rule runs only when the
    ones before it found nothing, and the fit (the last check) runs once, here. Stopwatch times get
    their standing-start correction before the start is checked and the curve fitted."""
    messages = _pairing_messages(form)
    split_names = {name(row) for row in range(1, SPLIT_ROWS + 1) for name in (distance_name, time_name)}
    if messages or split_names & set(form.errors) or "timing" in form.errors:
        return None, messages
    rows = given_rows(form.values)
    if len(rows) < REQUIRED_ROWS:
        return None, messages  # the required rows have their own "is needed" messages
    correction = parameters.timing.correction(form.choice("timing"))
    messages = _order_messages(form, rows) or _human_messages(form, rows, parameters, correction)
    if messages:
        return None, messages
    fit = fit_speed_curve([Split(entry.split.distance, entry.split.time + correction) for entry in rows], parameters.fit)
    return fit, fit_messages(fit, rows, parameters)


@dataclass(frozen=True)
class Inputs:
    """One sprint, read once: the speed curve its splits give, the athlete and the air."""

    fit: SpeedCurveFit
    """The splits' speed curve: fitting it is how the splits are checked, so it is fitted here, once."""
    athlete: Athlete
    air: Air
    air_given: tuple[bool, bool]
    """Whether the reader gave the temperature and the pressure (else the defaults are used)."""
    timing: str
    """How the splits were timed: "electronic" or "hand" (core/timing.py)."""
    distance_unit: str
    """The unit the reader typed the split distances in ("m" or "yd"), to show them back in it."""
    sex: str = ANY_SEX
    """Whose published ranges the reading compares the profile with ("any", "women" or "men")."""


def make_read(parameters: Parameters) -> Callable[[ParsedForm], Inputs | FieldMessages]:
    """Read the form into `Inputs` (height in metres, the air's defaults filled in; body mass,
    height and distances already in kg, cm and m, whatever units they were typed in)."""

    def read(form: ParsedForm) -> Inputs | FieldMessages:
        fit, messages = _read_splits(form, parameters)
        if messages or form.errors or fit is None:
            return FieldMessages(messages)
        temperature, pressure = form.optional_number("temperature"), form.optional_number("pressure")
        return Inputs(
            fit=fit,
            athlete=Athlete(body_mass=form.number("body_mass"), height=form.number("height") / CENTIMETRES_PER_METRE),
            air=Air(
                temperature=parameters.default_temperature if temperature is None else temperature,
                pressure=parameters.default_pressure if pressure is None else pressure,
            ),
            air_given=(temperature is not None, pressure is not None),
            sex=form.choice(COMPARE_WITH),
            timing=form.choice("timing"),
            distance_unit=form.choice("split_distance_unit"),
        )

    return read


def make_calculator(parameters: Parameters) -> Calculator[Inputs, SprintProfile]:
    """The calculator for a given set of parameters (the site uses parameters.toml's)."""

    def compute(inputs: Inputs) -> SprintProfile:
        return SprintProfile(
            fit=inputs.fit,
            mechanics=sprint_mechanics(inputs.fit.curve, inputs.athlete, inputs.air, parameters.method),
            parameters=parameters,
            air_given=inputs.air_given,
            sex=inputs.sex,
            timing=inputs.timing,
            distance_unit=inputs.distance_unit,
        )

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
"""The sprint speed profile calculator as the site runs it, with the packaged parameters."""
