"""Load and check the flying sprint calculator's tunable numbers (flying_sprint/parameters.toml).

Every key is checked once, when the file is loaded: a range upside down, a negative uncertainty
or a misspelt key raises `ParameterError` naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calculators.core.settings import Settings, read_parameters
from calculators.core.sources import read_site_page, read_sources, reading_sources, sources_named
from calculators.core.timing import read_timing
from calculators.flying_sprint.model import Parameters
from calculators.flying_sprint.reading import ReadingSettings

SOURCE = "flying_sprint/parameters.toml"


def load_parameters(path: Path | None = None) -> Parameters:
    """The calculator's parameters from the packaged TOML file, or from `path` (to try new numbers)."""
    return parameters_from_toml(*read_parameters(__package__, path))


def parameters_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> Parameters:
    """Check every key of the parsed TOML and build `Parameters`; raise `ParameterError` if wrong."""
    root = Settings(data, source)
    root.reject_unknown(["inputs", "limits", "timing", "reading", "sources"])
    inputs = root.table("inputs")
    inputs.reject_unknown(
        ["zone_length_min_m", "zone_length_max_m", "zone_time_min_s", "zone_time_max_s", "steps_min_count", "steps_max_count"]
    )
    limits = root.table("limits")
    limits.reject_unknown(["fastest_speed_m_per_s", "longest_step_m", "highest_step_frequency_hz"])
    return Parameters(
        zone_length_m=inputs.range("zone_length", "m", at_least=0),
        zone_time_s=inputs.range("zone_time", "s", at_least=0),
        steps=inputs.range("steps", "count", at_least=1),
        fastest_speed_m_per_s=limits.number("fastest_speed_m_per_s", above=0),
        longest_step_m=limits.number("longest_step_m", above=0),
        highest_step_frequency_hz=limits.number("highest_step_frequency_hz", above=0),
        timing=read_timing(root.table("timing"), standing_start=False),
        sources=read_sources(root),
    )


def load_reading(path: Path | None = None) -> ReadingSettings:
    """The "What to train next" settings from the packaged TOML file's `[reading]`, or from `path`."""
    return reading_from_toml(*read_parameters(__package__, path))


def reading_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> ReadingSettings:
    """Check `[reading]`: its page, and that each source it cites exists."""
    root = Settings(data, source)
    table = root.table("reading")
    table.reject_unknown(["cites", "sources", "step_timing_page"])
    return ReadingSettings(
        sources=sources_named(table, "cites", reading_sources(root, table)),
        step_timing_page=read_site_page(table, "step_timing_page"),
    )
