"""Load and check the sprint profile calculator's tunable numbers (sprint_profile/parameters.toml).

Every key is checked once, when the file is loaded: a τ bracket upside down, a negative drag
coefficient, a sampling step longer than the sprint or a misspelt key raises `ParameterError`
naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calculators.core.settings import Range, Settings, read_parameters
from calculators.core.sources import Source, read_site_page, read_sources, source_named, sources_named
from calculators.core.timing import Timing, read_timing
from calculators.sprint_profile.mechanics import MechanicsSettings
from calculators.sprint_profile.model import FitSettings
from calculators.sprint_profile.reading import ReadingSettings, SlopeRange

SOURCE = "sprint_profile/parameters.toml"


@dataclass(frozen=True)
class Parameters:
    """Every tunable number of the calculator (see sprint_profile.toml for what each one does)."""

    fit: FitSettings
    method: MechanicsSettings
    residual_note: float
    default_temperature: float
    default_pressure: float
    body_mass_kg: Range
    height_cm: Range
    split_distance_max_m: float
    split_time_max_s: float
    temperature_c: Range
    pressure_hpa: Range
    fastest_speed: float
    max_acceleration: float
    timing: Timing
    sources: tuple[Source, ...] = ()
    reading: ReadingSettings | None = None
    """What the "What to train next" reading compares with and cites; None without `[reading]`."""


def load_parameters(path: Path | None = None) -> Parameters:
    """The calculator's parameters from the packaged TOML file, or from `path` (to try new numbers)."""
    return parameters_from_toml(*read_parameters(__package__, path))


def _fit(table: Settings) -> tuple[FitSettings, float]:
    table.reject_unknown(
        ["tau_min_s", "tau_max_s", "tau_tolerance_s", "grid_points", "edge_margin_s", "residual_note_s"]
    )
    tau_min = table.number("tau_min_s", above=0)
    tau_max = table.number("tau_max_s", above=tau_min)
    grid_points = table.number("grid_points", at_least=3, at_most=10_000)
    if grid_points != int(grid_points):
        raise table.fail("grid_points", f"must be a whole number (got {grid_points:g})")
    settings = FitSettings(
        tau_min=tau_min,
        tau_max=tau_max,
        tau_tolerance=table.number("tau_tolerance_s", above=0, at_most=0.01),
        grid_points=int(grid_points),
        edge_margin=table.number("edge_margin_s", at_least=0, at_most=(tau_max - tau_min) / 4),
    )
    return settings, table.number("residual_note_s", above=0)


def _method(table: Settings) -> MechanicsSettings:
    table.reject_unknown(
        [
            "drag_coefficient", "air_density_reference", "body_surface_coefficient", "height_exponent",
            "mass_exponent", "frontal_area_fraction", "gravity_m_per_s2", "time_step_s", "duration_s",
            "force_ratio_from_s",
        ]
    )
    duration = table.number("duration_s", above=0, at_most=60)
    time_step = table.number("time_step_s", above=0, at_most=duration / 10)
    return MechanicsSettings(
        drag_coefficient=table.number("drag_coefficient", at_least=0),
        air_density_reference=table.number("air_density_reference", above=0),
        body_surface_coefficient=table.number("body_surface_coefficient", above=0),
        height_exponent=table.number("height_exponent", at_least=0),
        mass_exponent=table.number("mass_exponent", at_least=0),
        frontal_area_fraction=table.number("frontal_area_fraction", above=0, at_most=1),
        gravity=table.number("gravity_m_per_s2", above=0),
        time_step=time_step,
        duration=duration,
        force_ratio_from=table.number("force_ratio_from_s", at_least=0, at_most=duration - 2 * time_step),
    )


def parameters_from_toml(data: Mapping[str, Any], source: str = SOURCE) -> Parameters:
    """Check every key of the parsed TOML and build `Parameters`; raise `ParameterError` if wrong."""
    root = Settings(data, source)
    root.reject_unknown(["fit", "method", "air", "inputs", "limits", "timing", "reading", "sources"])
    fit, residual_note = _fit(root.table("fit"))
    inputs = root.table("inputs")
    inputs.reject_unknown(
        [
            "body_mass_min_kg", "body_mass_max_kg", "height_min_cm", "height_max_cm", "split_distance_max_m",
            "split_time_max_s", "temperature_min_c", "temperature_max_c", "pressure_min_hpa", "pressure_max_hpa",
        ]
    )
    temperature = inputs.range("temperature", "c", at_least=-273)
    pressure = inputs.range("pressure", "hpa", at_least=0)
    air = root.table("air")
    air.reject_unknown(["default_temperature_c", "default_pressure_hpa"])
    limits = root.table("limits")
    limits.reject_unknown(["fastest_speed_m_per_s", "max_acceleration_m_per_s2"])
    return Parameters(
        fit=fit,
        method=_method(root.table("method")),
        residual_note=residual_note,
        default_temperature=air.number("default_temperature_c", at_least=temperature.minimum, at_most=temperature.maximum),
        default_pressure=air.number("default_pressure_hpa", at_least=pressure.minimum, at_most=pressure.maximum),
        body_mass_kg=inputs.range("body_mass", "kg", at_least=1),
        height_cm=inputs.range("height", "cm", at_least=1),
        split_distance_max_m=inputs.number("split_distance_max_m", above=0),
        split_time_max_s=inputs.number("split_time_max_s", above=0),
        temperature_c=temperature,
        pressure_hpa=pressure,
        fastest_speed=limits.number("fastest_speed_m_per_s", above=0),
        max_acceleration=limits.number("max_acceleration_m_per_s2", above=0),
        timing=read_timing(root.table("timing"), standing_start=True),
        sources=read_sources(root),
        reading=reading_from_toml(root) if "reading" in root.data else None,
    )


SEXES = ("women", "men")


def reading_from_toml(root: Settings) -> ReadingSettings:
    """Check `[reading]`: each slope range (a sex, a steeper and a flatter end,
    and the key of the source it comes from), the cited sources and the top-speed page."""
    sources = read_sources(root)
    table = root.table("reading")
    table.reject_unknown(["orientation_cites", "certainty_cites", "top_speed_page", "slope_ranges"])
    ranges = []
    for entry in table.tables("slope_ranges"):
        entry.reject_unknown(["sex", "group", "steepest", "flattest", "cites"])
        sex = entry.text("sex")
        if sex not in SEXES:
            raise entry.fail("sex", f"must be one of {', '.join(SEXES)} (got {sex!r})")
        steepest = entry.number("steepest", at_most=0)
        ranges.append(
            SlopeRange(
                sex=sex,
                group=entry.text("group"),
                steepest=steepest,
                flattest=entry.number("flattest", above=steepest, at_most=0),
                source=source_named(entry, "cites", sources),
            )
        )
    if not ranges:
        raise table.fail("slope_ranges", "must hold at least one range")
    return ReadingSettings(
        slope_ranges=tuple(ranges),
        orientation_sources=sources_named(table, "orientation_cites", sources),
        certainty_sources=sources_named(table, "certainty_cites", sources),
        top_speed_page=read_site_page(table, "top_speed_page"),
    )
