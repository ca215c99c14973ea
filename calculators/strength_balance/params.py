"""Load and check the Strength Balance model's tunable numbers (strength_balance/parameters.toml).

Every key is checked here, once, so the model can trust its `Parameters`: a negative weight,
push-side weights that do not add up to 1, a missing contributor, a cap below 1 or a misspelt key
each raise `ParameterError` naming the key, when the file is loaded rather than when a reader
happens to hit the bad number.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calculators.core.settings import ParameterError, Settings, read_parameters
from calculators.core.sources import read_site_page, read_sources, reading_sources, sources_named
from calculators.strength_balance.model import (
    CONTRIBUTORS,
    MEASURES,
    PUSH_SIDE,
    ContributorSettings,
    Parameters,
)
from calculators.strength_balance.reading import ContributorAdvice, ReadingSettings

SOURCE = "strength_balance/parameters.toml"
WEIGHT_TOLERANCE = 1e-6
"""How far the push-side weights may be from adding up to 1 (decimal weights such as 0.4 + 0.3 + 0.3
do not add up exactly in binary floating point)."""


def load_parameters(path: Path | None = None) -> Parameters:
    """The model's parameters from the packaged TOML file, or from `path` (to try new numbers)."""
    return parameters_from_toml(*read_parameters(__package__, path))


def parameters_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> Parameters:
    """Check every key of the parsed TOML and build `Parameters`; raise `ParameterError` if wrong."""
    root = Settings(data, source)
    root.reject_unknown(["contributors", "scores", "balance", "prediction", "inputs", "reading", "sources"])

    contributors = _contributors(root.table("contributors"))

    scores = root.table("scores")
    scores.reject_unknown(["cap", "asymmetry_flag_percent", "balanced_band", "limiter_tie_order"])
    tie_order = scores.texts("limiter_tie_order")
    if sorted(tie_order) != sorted(CONTRIBUTORS):
        raise scores.fail(
            "limiter_tie_order",
            f"must name each contributor exactly once ({', '.join(CONTRIBUTORS)}); got {list(tie_order)}",
        )

    sides = root.table("balance")
    sides.reject_unknown(["push_side_min_weight", "capacity_min_weight"])
    prediction = root.table("prediction")
    prediction.reject_unknown(["improvement_percent", "speed_elasticity", "max_speed_change_percent"])
    inputs = root.table("inputs")
    inputs.reject_unknown(["body_mass_min_kg", "body_mass_max_kg"])
    body_mass_min = inputs.number("body_mass_min_kg", above=0)
    body_mass_max = inputs.number("body_mass_max_kg", above=body_mass_min)

    return Parameters(
        contributors=contributors,
        score_cap=scores.number("cap", at_least=1),
        asymmetry_flag_percent=scores.number("asymmetry_flag_percent", at_least=0, at_most=100),
        balanced_band=scores.number("balanced_band", at_least=0),
        limiter_tie_order=tie_order,
        push_side_min_weight=sides.number("push_side_min_weight", at_least=0, at_most=1),
        capacity_min_weight=sides.number("capacity_min_weight", at_least=0, at_most=1),
        improvement_percent=prediction.number("improvement_percent", above=0, at_most=100),
        speed_elasticity=prediction.number("speed_elasticity", at_least=0),
        max_speed_change_percent=prediction.number("max_speed_change_percent", above=0),
        body_mass_min_kg=body_mass_min,
        body_mass_max_kg=body_mass_max,
        sources=read_sources(root),
    )


def _contributors(table: Settings) -> tuple[ContributorSettings, ...]:
    for name in table.data:
        if name not in CONTRIBUTORS:
            raise table.fail(name, f"is not a contributor of this model ({', '.join(CONTRIBUTORS)})")
    found = []
    for name in CONTRIBUTORS:
        if name not in table.data:
            raise table.fail(name, "is missing: the model needs all four contributors")
        entry = table.table(name)
        reference_key = "reference_newtons_per_kg" if MEASURES[name] == "force" else "reference_seconds"
        known = ["test", reference_key, "provisional"] + (["push_weight"] if name in PUSH_SIDE else [])
        entry.reject_unknown(known)
        found.append(
            ContributorSettings(
                name=name,
                test=entry.text("test"),
                reference=entry.number(reference_key, above=0),
                push_weight=entry.number("push_weight", at_least=0) if name in PUSH_SIDE else 0.0,
                provisional=entry.flag("provisional", False),
            )
        )
    total = sum(settings.push_weight for settings in found)
    if abs(total - 1) > WEIGHT_TOLERANCE:
        keys = ", ".join(table.key(f"{name}.push_weight") for name in PUSH_SIDE)
        raise ParameterError(f"{table.source}: {keys} must add up to 1 (they add up to {total:g})")
    return tuple(found)


def load_reading(path: Path | None = None) -> ReadingSettings:
    """The "What to train next" settings from the packaged TOML file's `[reading]`, or from `path`."""
    return reading_from_toml(*read_parameters(__package__, path))


def reading_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> ReadingSettings:
    """Check `[reading]`: its pages, every contributor's role, and that each source it cites exists."""
    root = Settings(data, source)
    table = root.table("reading")
    table.reject_unknown(["cites", "sources", "how_to_test", "why", "start_here", "balance", "contributors"])
    sources = reading_sources(root, table)
    contributors = table.table("contributors")
    contributors.reject_unknown(CONTRIBUTORS)
    advice = {}
    for name in CONTRIBUTORS:
        if name not in contributors.data:
            raise contributors.fail(name, "is missing: the reading needs every contributor's role")
        entry = contributors.table(name)
        entry.reject_unknown(["role", "cites"])
        cited = sources_named(entry, "cites", sources) if "cites" in entry.data else ()
        advice[name] = ContributorAdvice(role=entry.text("role"), sources=cited)
    return ReadingSettings(
        sources=sources_named(table, "cites", sources),
        how_to_test=read_site_page(table, "how_to_test"),
        why=read_site_page(table, "why"),
        start_here=read_site_page(table, "start_here"),
        balance=read_site_page(table, "balance"),
        contributors=advice,
    )
