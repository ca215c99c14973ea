"""Load and check the step timing calculator's tunable numbers (step_timing/parameters.toml).

Every key is checked once, when the file is loaded: a range whose top is below its bottom, a
what-if change of zero or a misspelt key raises `ParameterError` naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calculators.core.settings import Range, Settings, read_parameters
from calculators.core.sources import read_site_page, read_sources, reading_sources, sources_named
from calculators.step_timing.model import Parameters
from calculators.step_timing.reading import ReadingSettings

SOURCE = "step_timing/parameters.toml"

_RANGES = ("contact_time", "flight_time", "step_length", "frame_rate")
_UNITS = {"contact_time": "ms", "flight_time": "ms", "step_length": "m", "frame_rate": "fps"}


def load_parameters(path: Path | None = None) -> Parameters:
    """The calculator's parameters from the packaged TOML file, or from `path` (to try new numbers)."""
    return parameters_from_toml(*read_parameters(__package__, path))


def _range(inputs: Settings, name: str) -> Range:
    return inputs.range(name, _UNITS[name], at_least=0)


def _change(table: Settings, name: str) -> float:
    value = table.number(name)
    if value == 0:
        raise table.fail(name, "must not be 0: a what-if needs a change to try")
    return value


def parameters_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> Parameters:
    """Check every key of the parsed TOML and build `Parameters`; raise `ParameterError` if wrong."""
    root = Settings(data, source)
    root.reject_unknown(["inputs", "what_if", "reading", "sources"])
    inputs = root.table("inputs")
    inputs.reject_unknown(
        [f"{name}_{end}_{_UNITS[name]}" for name in _RANGES for end in ("min", "max")] + ["fastest_speed_m_per_s"]
    )
    contact = _range(inputs, "contact_time")
    if contact.minimum <= 0:
        raise inputs.fail("contact_time_min_ms", "must be more than 0: every step has some ground contact")
    frame_rate = _range(inputs, "frame_rate")
    if frame_rate.minimum <= 0:
        raise inputs.fail("frame_rate_min_fps", "must be more than 0")
    what_if = root.table("what_if")
    what_if.reject_unknown(["contact_time_change_ms", "flight_time_change_ms", "step_length_change_cm"])
    return Parameters(
        contact_time_ms=contact,
        flight_time_ms=_range(inputs, "flight_time"),
        step_length_m=_range(inputs, "step_length"),
        frame_rate_fps=frame_rate,
        fastest_speed_m_per_s=inputs.number("fastest_speed_m_per_s", above=0),
        contact_time_change_ms=_change(what_if, "contact_time_change_ms"),
        flight_time_change_ms=_change(what_if, "flight_time_change_ms"),
        step_length_change_cm=_change(what_if, "step_length_change_cm"),
        sources=read_sources(root),
    )


def load_reading(path: Path | None = None) -> ReadingSettings:
    """The "What to train next" settings from the packaged TOML file's `[reading]`, or from `path`."""
    return reading_from_toml(*read_parameters(__package__, path))


def reading_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> ReadingSettings:
    """Check `[reading]`: its pages, and that each source it cites exists."""
    root = Settings(data, source)
    table = root.table("reading")
    table.reject_unknown(["cites", "sources", "strength_page", "timing_article"])
    return ReadingSettings(
        sources=sources_named(table, "cites", reading_sources(root, table)),
        strength_page=read_site_page(table, "strength_page"),
        timing_article=read_site_page(table, "timing_article"),
    )
