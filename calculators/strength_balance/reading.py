"""Strength Balance's "What to train next": the limiter, why, and where to start training it.

The words for AQ's method are the foot-strike article's own (Strength Balance, the Sprint System,
its contributors and what each one does in it); the numbers come from the assessment; the pages
and the sources are set in parameters.toml (`[reading]`), so the content owner can point to a new
article without a code change. The reading says nothing the model or a cited source does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.core.formatting import format_number, plain_number
from calculators.core.markup import Markup, element, page_reference, sentence, what_to_train_next
from calculators.core.sources import SitePage, Source
from calculators.strength_balance.model import SWING_LEG, Assessment


@dataclass(frozen=True)
class ContributorAdvice:
    """What one contributor does in the Sprint System, and the sources behind starting with it."""

    role: str
    """In the article's words, after its name: "attacks forward and balances the system"."""
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ReadingSettings:
    """The reading's pages and sources (parameters.toml, `[reading]`)."""

    sources: tuple[Source, ...]
    """What every reading rests on: the article whose terms it uses."""
    how_to_test: SitePage
    why: SitePage
    """Where the article explains why the contributors must rise together."""
    start_here: SitePage
    """AQ's starting point for training a contributor."""
    balance: SitePage
    """AQ's guide to raising Strength Balance."""
    contributors: Mapping[str, ContributorAdvice]


def _score(value: float) -> str:
    return format_number(value, 2)


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]



def reading(assessment: Assessment, settings: ReadingSettings) -> Markup:
    """The "What to train next" block for one assessment."""
    if assessment.limiter is None:
        return _balanced(assessment, settings)
    return _limited(assessment, settings)


def _balanced(a: Assessment, settings: ReadingSettings) -> Markup:
    band = format_number(a.parameters.balanced_band, 2)
    points = [
        sentence(
            element("strong", "Raise all four together."),
            f" Your scores lie within {band} of each other, so no contributor is falling behind the others. "
            "Faster speed needs the pushing leg, swing leg, arms and torso to rise in strength together "
            "while staying in balance: keep them level as they rise.",
        ),
        sentence("Where to start: ", page_reference(settings.start_here), "; ", page_reference(settings.balance), "."),
        _retest(settings),
    ]
    return what_to_train_next(points, settings.sources)


def _limited(a: Assessment, settings: ReadingSettings) -> Markup:
    name = a.limiter or ""
    limiter = a.contributor(name)
    advice = settings.contributors[name]
    balance = a.balance
    label = _lower(limiter.label)
    if name == SWING_LEG:
        behind = (
            f"your swing side ({_score(balance.swing_side)}) is weaker than your push side "
            f"({_score(balance.push_side)}), so the swing leg is the contributor not keeping pace"
        )
    else:
        behind = (
            f"its score ({_score(limiter.score)}) is the lowest on your push side, which "
            f"({_score(balance.push_side)}) is not stronger than your swing side ({_score(balance.swing_side)})"
        )
    prediction = a.prediction(name)
    points = [
        sentence(
            element("strong", f"Start with your {label}."),
            f" In the Sprint System it {advice.role}; {behind}. Raised by {plain_number(a.improvement_percent)} %, "
            f"it would take your Strength Balance from {format_number(balance.strength_balance, 1)} to "
            f"{format_number(prediction.new_strength_balance, 1)}.",
        ),
        sentence(
            f"Train it in the effort you tested, the {_lower(_test_of(a, name))}, on both sides. "
            "AQ starts with isometric training: ",
            page_reference(settings.start_here),
            ". Why the contributors must rise together: ",
            page_reference(settings.why),
            ".",
        ),
        _retest(settings),
    ]
    return what_to_train_next(points, (*settings.sources, *advice.sources))


def _test_of(a: Assessment, name: str) -> str:
    """The test that measures a contributor ("Standing isometric knee drive (hip flexion)")."""
    return a.parameters.contributor(name).test


def _retest(settings: ReadingSettings) -> Markup:
    return sentence(
        "Retest all four the same way after a block of training (",
        page_reference(settings.how_to_test),
        ") and compare: this calculator shows the change since your previous test.",
    )
