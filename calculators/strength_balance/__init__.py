"""The Strength Balance calculator: what the reader types, and how it is read into `Inputs`.

The model's arithmetic lives in `model.py`, its tunable numbers in `parameters.toml` (checked by
`params.py`), and its HTML in `render.py`; this module declares the form and reads it once into
the model's inputs. Body mass may be typed in kg or lb, forces in N, kgf or lbf, and the sprint
distance in m or yd: parsing turns each into kg, N and m (core/units.py), so `read` and the model
see metric units only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from calculators.core.calculator import Calculator, FieldMessages
from calculators.core.fields import (
    DurationField,
    FieldGroup,
    FormItem,
    NumberField,
    PairField,
    UnitChoiceField,
)
from calculators.core.formatting import format_short, plain_number
from calculators.core.parsing import ParsedForm
from calculators.core.units import FORCE, KGF_IN_NEWTONS, LBF_IN_NEWTONS, LENGTH, MASS
from calculators.strength_balance.model import (
    CONTRIBUTORS,
    LABELS,
    MEASURES,
    LeftRight,
    Parameters,
    Sprint,
    TestResults,
    assess,
)
from calculators.strength_balance.params import load_parameters
from calculators.strength_balance.render import (
    Answer,
    figures_over_time,
    render_explanation,
    render_result,
    squad_summary,
)

SLUG = "strength_balance"
TITLE = "Strength Balance"
SCHEMA = 1
"""The version of this form's input names; bump it when a shared URL's inputs change meaning."""

PREVIOUS = "previous_"
"""Prefix of the retest inputs: `previous_body_mass`, `previous_swing_leg_left`, ..."""

# Plausibility limits of the form (what a reader could sensibly type, not tunable model numbers).
MAX_FORCE = 10_000
"""Newtons (about 1,020 kgf or 2,248 lbf)."""
MAX_HOLD_SECONDS = 3_600
SPRINT_DISTANCE_RANGE_M = (5, 400)
MAX_SPRINT_SECONDS = 600
FASTEST_SPRINT_M_PER_S = 13.0
"""Faster than any recorded sprint (about 12.4 m/s at peak), so a distance and time beyond it are a typo."""

DEFAULT_BODY_MASS = "75"
DEFAULT_SIDES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        # A 75 kg athlete whose swing leg limits them (references at 75 kg: 750, 225, 112.5 N; 100 s).
        "pushing_leg": ("780", "760"),
        "swing_leg": ("180", "170"),
        "arms": ("115", "110"),
        "torso": ("95", "90"),
    }
)


def _contributor_pair(name: str, parameters: Parameters, *, previous: bool) -> PairField:
    settings = parameters.contributor(name)
    label = LABELS[name]
    if MEASURES[name] == "force":
        side: NumberField = NumberField(
            name=name,
            label=label,
            unit="N",
            unit_choice="force_unit",
            asks_for="the force",
            minimum=0,
            minimum_exclusive=True,
            maximum=MAX_FORCE,
            step=1,
            help=f"{settings.test}: the best of 3 efforts on each side.",
        )
    else:
        side = DurationField(
            name=name,
            label=label,
            unit="s",
            minimum=0,
            minimum_exclusive=True,
            maximum=MAX_HOLD_SECONDS,
            step=1,
            help=f"{settings.test}: the best of 3 holds on each side, in seconds or minutes:seconds.",
        )
    if not previous:
        left, right = DEFAULT_SIDES[name]
        return PairField(side=side, left_default=left, right_default=right)
    return PairField(side=replace(side, name=PREVIOUS + name, label=f"Previous {label.lower()}", required=False, help=""))


def build_form(parameters: Parameters) -> tuple[FormItem, ...]:
    """The form, in display order; defaults give a worked example (a swing-leg-limited athlete)."""
    body_mass_unit = UnitChoiceField.of("body_mass_unit", "Body mass in", MASS, ("kg", "lb"), us="lb")
    body_mass = NumberField(
        name="body_mass",
        label="Body mass",
        unit="kg",
        unit_choice="body_mass_unit",
        example="72.5",
        minimum=parameters.body_mass_min_kg,
        maximum=parameters.body_mass_max_kg,
        step=0.1,
        default=DEFAULT_BODY_MASS,
        help="The force references scale with body mass.",
    )
    force_unit = UnitChoiceField.of(
        "force_unit",
        "Force unit",
        FORCE,
        ("N", "kgf", "lbf"),
        us="lbf",
        help=(
            f"The unit your force gauge shows (1 kgf = {plain_number(KGF_IN_NEWTONS)} N; "
            f"1 lbf = {format_short(LBF_IN_NEWTONS, 3)} N)."
        ),
    )
    improvement = NumberField(
        name="improvement",
        label="Improvement to try",
        unit="%",
        minimum=0,
        minimum_exclusive=True,
        maximum=100,
        step=1,
        default=plain_number(parameters.improvement_percent),
        required=False,
        help=(
            "How much to raise each contributor's score in the predicted changes "
            f"({plain_number(parameters.improvement_percent)} % if left empty)."
        ),
    )
    sprint = FieldGroup(
        name="sprint",
        summary="Sprint time (optional): see a predicted time",
        help="A recent sprint over any distance; the predicted changes then include a predicted time.",
        items=(
            UnitChoiceField.of("sprint_distance_unit", "Sprint distance in", LENGTH, ("m", "yd"), us="yd"),
            NumberField(
                name="sprint_distance",
                label="Sprint distance",
                unit="m",
                unit_choice="sprint_distance_unit",
                asks_for="the sprint's distance",
                minimum=SPRINT_DISTANCE_RANGE_M[0],
                maximum=SPRINT_DISTANCE_RANGE_M[1],
                step=1,
                required=False,
                help="Optional: with it, the result also shows your average speed.",
            ),
            DurationField(
                name="sprint_time",
                label="Sprint time",
                unit="s",
                minimum=0,
                minimum_exclusive=True,
                maximum=MAX_SPRINT_SECONDS,
                step=0.01,
                required=False,
                help="In seconds, like 5.62, or minutes:seconds, like 1:02.5.",
            ),
        ),
    )
    previous = FieldGroup(
        name="previous",
        summary="Previous test (optional): see what changed since",
        help="Your results from an earlier test, in the same units, to compare with today's.",
        items=(
            NumberField(
                name=PREVIOUS + "body_mass",
                label="Previous body mass",
                unit="kg",
                unit_choice="body_mass_unit",
                minimum=parameters.body_mass_min_kg,
                maximum=parameters.body_mass_max_kg,
                step=0.1,
                required=False,
                help="Leave empty if it has not changed.",
            ),
            *(_contributor_pair(name, parameters, previous=True) for name in CONTRIBUTORS),
        ),
    )
    return (
        body_mass_unit,
        body_mass,
        force_unit,
        *(_contributor_pair(name, parameters, previous=False) for name in CONTRIBUTORS),
        improvement,
        sprint,
        previous,
    )


@dataclass(frozen=True)
class Inputs:
    """One reader's Strength Balance inputs, read once: forces in newtons, holds in seconds."""

    results: TestResults
    force_unit: str
    """The unit the reader typed forces in ("N", "kgf" or "lbf"), to show them back in it."""
    distance_unit: str
    """The unit the reader typed the sprint's distance in ("m" or "yd")."""
    improvement_percent: float | None
    """None when left empty (the model's default then applies)."""
    sprint: Sprint | None
    previous: TestResults | None
    """The earlier test of a retest, or None."""


def _cross_field_messages(form: ParsedForm) -> dict[str, str]:
    """Rules that span fields: a distance needs a time; a retest needs all four previous tests."""
    messages: dict[str, str] = {}
    if form.typed("sprint_distance") and not form.typed("sprint_time"):
        messages["sprint_time"] = "Enter the time for this distance, or clear the distance."
    distance, time = form.values.get("sprint_distance"), form.values.get("sprint_time")
    if isinstance(distance, float) and isinstance(time, float) and distance / time > FASTEST_SPRINT_M_PER_S:
        messages["sprint_time"] = (
            f"{form.as_typed('sprint_distance', distance, 2)} in {plain_number(time)} s would be faster than "
            f"{plain_number(FASTEST_SPRINT_M_PER_S)} m/s, beyond any recorded sprint: check the distance and the time."
        )
    previous_sides = [f"{PREVIOUS}{name}_{side}" for name in CONTRIBUTORS for side in ("left", "right")]
    if any(form.typed(name) for name in [PREVIOUS + "body_mass", *previous_sides]):
        for name in previous_sides:
            if not form.typed(name):
                contributor, _, side = name[len(PREVIOUS):].rpartition("_")
                messages[name] = (
                    f"Enter the previous {LABELS[contributor].lower()} ({side}) too, or clear the previous test."
                )
    return messages


def _test_results(form: ParsedForm, prefix: str, body_mass: float) -> TestResults:
    def sides(name: str) -> LeftRight:
        return LeftRight(form.number(f"{prefix}{name}_left"), form.number(f"{prefix}{name}_right"))

    return TestResults(
        body_mass=body_mass,
        pushing_leg=sides("pushing_leg"),
        swing_leg=sides("swing_leg"),
        arms=sides("arms"),
        torso=sides("torso"),
    )


def read(form: ParsedForm) -> Inputs | FieldMessages:
    """The form as `Inputs` (in kg, N and m, whatever units were typed), or the messages that stop it being read."""
    messages = _cross_field_messages(form)
    if messages or form.errors:
        return FieldMessages(messages)
    body_mass = form.number("body_mass")
    sprint_time = form.optional_number("sprint_time")
    previous = None
    if form.given(PREVIOUS + "pushing_leg_left"):
        previous = _test_results(form, PREVIOUS, form.optional_number(PREVIOUS + "body_mass") or body_mass)
    return Inputs(
        results=_test_results(form, "", body_mass),
        force_unit=form.choice("force_unit"),
        distance_unit=form.choice("sprint_distance_unit"),
        improvement_percent=form.optional_number("improvement"),
        sprint=None if sprint_time is None else Sprint(time=sprint_time, distance=form.optional_number("sprint_distance")),
        previous=previous,
    )


def make_calculator(parameters: Parameters) -> Calculator[Inputs, Answer]:
    """The calculator for a given set of parameters (the site uses parameters.toml's)."""

    def compute(inputs: Inputs) -> Answer:
        assessment = assess(
            inputs.results,
            parameters,
            improvement_percent=inputs.improvement_percent,
            sprint=inputs.sprint,
            previous=inputs.previous,
        )
        return Answer(assessment=assessment, force_unit=inputs.force_unit, distance_unit=inputs.distance_unit)

    return Calculator(
        slug=SLUG,
        title=TITLE,
        schema=SCHEMA,
        form=build_form(parameters),
        read=read,
        compute=compute,
        render=render_result,
        explain=lambda: render_explanation(parameters),
        summarise=squad_summary,
        figures=figures_over_time,
    )


CALCULATOR = make_calculator(load_parameters())
"""The Strength Balance calculator as the site runs it, with the packaged parameters."""
