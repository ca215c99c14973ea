"""The Strength Balance model (v1): contributor test results in, scores and predictions out.

Pure arithmetic on plain numbers, no parsing and no HTML, so each step can be checked by hand
against the formulas in DESIGN.md. Forces are in newtons and holds in seconds here; the form
converts kilograms-force before anything reaches this module. All tunable numbers arrive in a
`Parameters` value (read from strength_balance.toml), never as constants in this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from calculators.core.sources import Source

PUSHING_LEG = "pushing_leg"
SWING_LEG = "swing_leg"
ARMS = "arms"
TORSO = "torso"
CONTRIBUTORS = (PUSHING_LEG, SWING_LEG, ARMS, TORSO)
"""The four contributors, in the order the form and the tables show them."""
PUSH_SIDE = (PUSHING_LEG, ARMS, TORSO)
"""The contributors that make up the push side; the swing side is the swing leg alone."""

LABELS: Mapping[str, str] = MappingProxyType(
    {PUSHING_LEG: "Pushing leg", SWING_LEG: "Swing leg", ARMS: "Arms", TORSO: "Torso"}
)
MEASURES: Mapping[str, Literal["force", "hold"]] = MappingProxyType(
    {PUSHING_LEG: "force", SWING_LEG: "force", ARMS: "force", TORSO: "hold"}
)

# Two scores this close count as equal when breaking ties (float noise, not a tunable number).
_TIE = 1e-9


@dataclass(frozen=True)
class ContributorSettings:
    """One contributor's test and reference, as set in the TOML file."""

    name: str
    test: str
    reference: float
    """Newtons per kg of body mass for a force test; seconds for a hold."""
    push_weight: float
    """Its weight within the push side (0 for the swing leg, which is a side of its own)."""
    provisional: bool = False
    """True while the content owner has not confirmed the reference."""

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def measure(self) -> Literal["force", "hold"]:
        return MEASURES[self.name]

    def reference_for(self, body_mass: float) -> float:
        """The per-side reference for this athlete: scaled by body mass for a force test."""
        return self.reference * body_mass if self.measure == "force" else self.reference


@dataclass(frozen=True)
class Parameters:
    """Every tunable number of the model (see strength_balance.toml for what each one does)."""

    contributors: tuple[ContributorSettings, ...]
    score_cap: float
    asymmetry_flag_percent: float
    balanced_band: float
    limiter_tie_order: tuple[str, ...]
    push_side_min_weight: float
    """b_in: how much the weakest push-side contributor counts, against the weighted mean."""
    capacity_min_weight: float
    """b_between: how much the weaker side counts in system capacity, against the mean."""
    improvement_percent: float
    speed_elasticity: float
    max_speed_change_percent: float
    body_mass_min_kg: float
    body_mass_max_kg: float
    sources: tuple[Source, ...] = ()

    def contributor(self, name: str) -> ContributorSettings:
        for settings in self.contributors:
            if settings.name == name:
                return settings
        raise KeyError(f"no contributor called {name!r}; the contributors are {', '.join(CONTRIBUTORS)}")


@dataclass(frozen=True)
class LeftRight:
    """A test's left and right results (best of three efforts each), both more than zero."""

    left: float
    right: float

    @property
    def mean(self) -> float:
        return (self.left + self.right) / 2

    @property
    def asymmetry_percent(self) -> float:
        """Bishop et al.'s formula: 100 x (larger - smaller) / larger."""
        larger, smaller = max(self.left, self.right), min(self.left, self.right)
        return 100 * (larger - smaller) / larger

    def times(self, factor: float) -> LeftRight:
        return LeftRight(self.left * factor, self.right * factor)


@dataclass(frozen=True)
class TestResults:
    """One testing session: body mass in kg, forces in newtons, the torso hold in seconds."""

    body_mass: float
    pushing_leg: LeftRight
    swing_leg: LeftRight
    arms: LeftRight
    torso: LeftRight

    __test__ = False  # a value, not a pytest test class

    def of(self, name: str) -> LeftRight:
        if name not in CONTRIBUTORS:
            raise KeyError(f"no contributor called {name!r}")
        return getattr(self, name)


@dataclass(frozen=True)
class ContributorResult:
    """One contributor's score against its reference, and its left/right asymmetry."""

    name: str
    sides: LeftRight
    reference: float
    """The per-side reference for this athlete, in newtons or seconds."""
    score: float
    capped: bool
    asymmetry_percent: float
    asymmetry_flagged: bool

    @property
    def label(self) -> str:
        return LABELS[self.name]


@dataclass(frozen=True)
class Balance:
    """The two sides, Strength Balance (0-100) and system capacity, from four scores."""

    scores: Mapping[str, float]
    push_side: float
    swing_side: float
    strength_balance: float
    capacity: float


@dataclass(frozen=True)
class PredictedChange:
    """What raising one contributor's score by the chosen percentage is predicted to change."""

    contributor: str
    new_score: float
    new_strength_balance: float
    capacity_change_percent: float
    speed_change_percent: float
    predicted_time: float | None

    @property
    def label(self) -> str:
        return LABELS[self.contributor]


@dataclass(frozen=True)
class Sprint:
    """An optional sprint: its time in seconds and, if known, its distance in metres."""

    time: float
    distance: float | None = None

    @property
    def speed(self) -> float | None:
        return None if self.distance is None else self.distance / self.time


@dataclass(frozen=True)
class Assessment:
    """Everything the model says about one testing session (and, optionally, the one before)."""

    parameters: Parameters
    results: TestResults
    contributors: tuple[ContributorResult, ...]
    balance: Balance
    limiter: str | None
    """The contributor to train first, or None when the athlete is balanced."""
    improvement_percent: float
    predictions: tuple[PredictedChange, ...]
    sprint: Sprint | None = None
    previous: Assessment | None = None

    def contributor(self, name: str) -> ContributorResult:
        for result in self.contributors:
            if result.name == name:
                return result
        raise KeyError(name)

    def prediction(self, name: str) -> PredictedChange:
        for prediction in self.predictions:
            if prediction.contributor == name:
                return prediction
        raise KeyError(name)

    @property
    def largest_gain(self) -> str:
        """The contributor whose improvement is predicted to raise capacity the most."""
        best = max(prediction.capacity_change_percent for prediction in self.predictions)
        for name in self.parameters.limiter_tie_order:
            if self.prediction(name).capacity_change_percent >= best - _TIE:
                return name
        raise AssertionError("the tie order names every contributor")  # pragma: no cover


def score(mean: float, reference: float, cap: float) -> float:
    """s = min(mean(L, R) / reference, cap): 1.0 means the athlete reaches the reference."""
    return min(mean / reference, cap)


def balance(scores: Mapping[str, float], parameters: Parameters) -> Balance:
    """Push side, swing side, Strength Balance and capacity from the four contributor scores."""
    push_scores = [scores[name] for name in PUSH_SIDE]
    weighted_mean = sum(parameters.contributor(name).push_weight * scores[name] for name in PUSH_SIDE)
    b_in = parameters.push_side_min_weight
    push_side = b_in * min(push_scores) + (1 - b_in) * weighted_mean
    swing_side = scores[SWING_LEG]
    weaker, stronger = min(push_side, swing_side), max(push_side, swing_side)
    strength_balance = 100 * weaker / stronger
    b_between = parameters.capacity_min_weight
    capacity = b_between * weaker + (1 - b_between) * (push_side + swing_side) / 2
    return Balance(
        scores=dict(scores),
        push_side=push_side,
        swing_side=swing_side,
        strength_balance=strength_balance,
        capacity=capacity,
    )


def limiting_contributor(current: Balance, parameters: Parameters) -> str | None:
    """The contributor to train first, or None ("balanced").

    Balanced when all four scores lie within the balanced band of each other; otherwise the
    swing leg when the swing side is the weaker side; otherwise the lowest push-side score,
    ties broken by the configured order.
    """
    scores = current.scores
    if max(scores.values()) - min(scores.values()) <= parameters.balanced_band + _TIE:
        return None
    if current.swing_side < current.push_side:
        return SWING_LEG
    lowest = min(scores[name] for name in PUSH_SIDE)
    for name in parameters.limiter_tie_order:
        if name in PUSH_SIDE and scores[name] <= lowest + _TIE:
            return name
    raise AssertionError("the tie order names every push-side contributor")  # pragma: no cover


def predict(
    current: Balance,
    name: str,
    parameters: Parameters,
    improvement_percent: float,
    sprint_time: float | None,
) -> PredictedChange:
    """Raise one score by `improvement_percent` (never past the cap) and recompute the rest."""
    raised = dict(current.scores)
    raised[name] = min(raised[name] * (1 + improvement_percent / 100), parameters.score_cap)
    after = balance(raised, parameters)
    capacity_change = (after.capacity / current.capacity - 1) * 100
    speed_change = min(parameters.speed_elasticity * capacity_change, parameters.max_speed_change_percent)
    predicted_time = None if sprint_time is None else sprint_time / (1 + speed_change / 100)
    return PredictedChange(
        contributor=name,
        new_score=raised[name],
        new_strength_balance=after.strength_balance,
        capacity_change_percent=capacity_change,
        speed_change_percent=speed_change,
        predicted_time=predicted_time,
    )


def contributor_result(name: str, results: TestResults, parameters: Parameters) -> ContributorResult:
    settings = parameters.contributor(name)
    sides = results.of(name)
    reference = settings.reference_for(results.body_mass)
    ratio = sides.mean / reference
    asymmetry = sides.asymmetry_percent
    return ContributorResult(
        name=name,
        sides=sides,
        reference=reference,
        score=score(sides.mean, reference, parameters.score_cap),
        capped=ratio > parameters.score_cap,
        asymmetry_percent=asymmetry,
        asymmetry_flagged=asymmetry > parameters.asymmetry_flag_percent,
    )


def assess(
    results: TestResults,
    parameters: Parameters,
    *,
    improvement_percent: float | None = None,
    sprint: Sprint | None = None,
    previous: TestResults | None = None,
) -> Assessment:
    """The whole model for one session: scores, balance, limiter, and every predicted change."""
    improvement = parameters.improvement_percent if improvement_percent is None else improvement_percent
    contributors = tuple(contributor_result(name, results, parameters) for name in CONTRIBUTORS)
    current = balance({result.name: result.score for result in contributors}, parameters)
    predictions = tuple(
        predict(current, name, parameters, improvement, None if sprint is None else sprint.time)
        for name in CONTRIBUTORS
    )
    earlier = None if previous is None else assess(previous, parameters, improvement_percent=improvement)
    return Assessment(
        parameters=parameters,
        results=results,
        contributors=contributors,
        balance=current,
        limiter=limiting_contributor(current, parameters),
        improvement_percent=improvement,
        predictions=predictions,
        sprint=sprint,
        previous=earlier,
    )
