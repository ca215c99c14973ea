"""The sprint speed profile as HTML: the result fragment and the static explanation block.

Numbers are rounded here and only here: speeds to 0.01 m/s, τ to 0.01 s, times and residuals to
0.001 s, forces to whole newtons and 0.01 N/kg, power to whole watts and 0.01 W/kg, RF to 0.1 %.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.core.calculator import Figure
from calculators.core.formatting import (
    format_number,
    format_short,
    format_signed,
    plain_number,
)
from calculators.core.markup import (
    Column,
    Markup,
    Row,
    definition_list,
    element,
    explanation,
    figure,
    model_statement,
    numbered_steps,
    result_block,
    sources_list,
    speed_headline,
    table,
)
from calculators.core.svg import Series, line_chart, nice_axis
from calculators.core.timing import ELECTRONIC, HAND
from calculators.core.units import LENGTH, METRE, convert
from calculators.sprint_profile.certainty import profile_certainty
from calculators.sprint_profile.mechanics import Mechanics
from calculators.sprint_profile.model import SpeedCurveFit
from calculators.sprint_profile.params import Parameters
from calculators.sprint_profile.reading import ANY_SEX, reading

CURVE_POINTS = 120
"""How many straight pieces draw the speed curve (smooth at any phone's width)."""
FORCE_POINTS_EVERY_S = 0.25
"""One dot of modelled force every quarter of a second on the force-velocity chart."""
SHARE_AT_TAU = 1 - math.exp(-1)
"""At t = τ the runner is at 63.2 % of MSS."""


@dataclass(frozen=True)
class SprintProfile:
    """Everything the result shows: the fitted speed curve, the mechanics, and the settings used."""

    fit: SpeedCurveFit
    mechanics: Mechanics
    parameters: Parameters
    air_given: tuple[bool, bool]
    """Whether the reader gave the temperature and the pressure (else the defaults were used)."""
    sex: str = ANY_SEX
    """Whose published ranges the reading compares the profile with: "women", "men" or "any" (both)."""
    timing: str = ELECTRONIC
    """How the splits were timed (a stopwatch's times had its correction added before the fit)."""
    distance_unit: str = "m"
    """The unit the reader typed the split distances in, to show the gates in it."""


def _speed(value: float) -> str:
    return f"{format_number(value, 2)} m/s"


def _seconds(value: float, decimals: int = 2) -> str:
    return f"{format_number(value, decimals)} s"


def _percent(share: float) -> str:
    return f"{format_number(100 * share, 1)} %"


class _Renderer:
    """Renders one profile; holds it and the id prefix so each piece stays a short method."""

    def __init__(self, profile: SprintProfile, id_prefix: str) -> None:
        self.profile = profile
        self.fit = profile.fit
        self.curve = profile.fit.curve
        self.mechanics = profile.mechanics
        self.parameters = profile.parameters
        self.id_prefix = id_prefix

    def render(self) -> Markup:
        parts = [
            self.headline(),
            self.summary(),
            self.residual_note(),
            self.speed_chart(),
            self.force_velocity_chart(),
            self.splits_table(),
            self.timing_note(),
            self.air_note(),
            self.what_to_train_next(),
        ]
        note = (
            "a smooth speed curve fitted to your splits, and the forces "
            "and power that curve implies for your body mass and height."
        )
        return result_block("sprint-profile", parts, note)

    def what_to_train_next(self) -> Markup:
        settings = self.parameters.reading
        if settings is None:
            return Markup("")
        certainty = profile_certainty(self.fit, self.parameters.timing.uncertainty(self.profile.timing))
        return reading(self.mechanics, certainty, self.profile.sex, settings)

    def headline(self) -> Markup:
        return speed_headline("Maximal sprinting speed", self.curve.max_speed)

    def summary(self) -> Markup:
        m = self.mechanics
        return definition_list(
            [
                ("τ (tau), time to 63 % of top speed", _seconds(self.curve.tau)),
                ("Maximal acceleration, a_max = MSS ÷ τ", f"{format_number(self.curve.max_acceleration, 2)} m/s²"),
                ("F0, maximal horizontal force", f"{format_number(m.max_force, 0)} N ({format_number(m.max_force_per_kg, 2)} N/kg)"),
                ("V0, speed at zero force", _speed(m.max_velocity)),
                ("Pmax, maximal horizontal power", f"{format_number(m.max_power, 0)} W ({format_number(m.max_power_per_kg, 2)} W/kg)"),
                ("S_FV, force-velocity slope", f"{format_signed(m.force_velocity_slope, 2)} N/kg per m/s"),
                ("RFmax, highest ratio of forces", _percent(m.max_force_ratio)),
                ("DRF, change in RF per m/s", f"{format_signed(100 * m.force_ratio_decrease, 2)} % per m/s"),
            ]
        )

    def residual_note(self) -> Markup:
        worst = self.fit.largest_residual
        if worst <= self.parameters.residual_note:
            return Markup("")
        return element(
            "p",
            f"One split is {_seconds(worst, 3)} away from the fitted curve, more than "
            f"{plain_number(self.parameters.residual_note)} s: check the times in the table below, or the start.",
            class_="aq-result__hint",
        )

    def speed_chart(self) -> Markup:
        curve = self.curve
        splits = self.fit.splits
        end = splits[-1].split.time
        x_axis = nice_axis("Time (s)", end)
        top = max([curve.max_speed] + [fit.mean_speed for fit in splits])
        y_axis = nice_axis("Speed (m/s)", top)
        span = x_axis.maximum
        modelled = [(span * i / CURVE_POINTS, curve.speed_at(span * i / CURVE_POINTS)) for i in range(CURVE_POINTS + 1)]
        segments = []
        start = 0.0
        for fit in splits:
            segments += [(start, fit.mean_speed), (fit.split.time, fit.mean_speed)]
            start = fit.split.time
        stretches = []
        distance = 0.0
        for fit in splits:
            stretches.append(f"{plain_number(distance)} to {plain_number(fit.split.distance)} m {_speed(fit.mean_speed)}")
            distance = fit.split.distance
        description = (
            f"The modelled speed rises from 0 towards {_speed(curve.max_speed)}, reaching "
            f"{_speed(SHARE_AT_TAU * curve.max_speed)} (63 %) after τ = {_seconds(curve.tau)}. "
            f"Measured mean speeds between gates: {'; '.join(stretches)}."
        )
        svg = line_chart(
            [
                Series("Modelled speed", modelled),
                Series("Mean speed between gates (measured)", segments, kind="segments"),
                Series(f"Maximal sprinting speed {_speed(curve.max_speed)}", [(0, curve.max_speed), (span, curve.max_speed)], dashed=True),
            ],
            x_axis=x_axis,
            y_axis=y_axis,
            title="Speed over time: the fitted curve and the measured mean speeds",
            description=description,
            id_prefix=f"{self.id_prefix}-speed",
        )
        return figure(svg, "The curve is the model; each flat bar is your mean speed between two gates, from your splits.")

    def force_velocity_chart(self) -> Markup:
        m = self.mechanics
        if not (math.isfinite(m.max_velocity) and m.max_velocity > 0 and m.max_force > 0):
            return Markup("")
        every = max(int(round(FORCE_POINTS_EVERY_S / self.parameters.method.time_step)), 1)
        dots = [(s.speed, s.horizontal_force) for s in m.samples[::every]]
        line = [(0.0, m.max_force), (m.max_velocity, 0.0)]
        description = (
            f"The force-velocity line falls from F0 = {format_number(m.max_force, 0)} N at 0 m/s to zero force at "
            f"V0 = {_speed(m.max_velocity)}. Power is highest, Pmax = {format_number(m.max_power, 0)} W, at half "
            f"of V0 ({_speed(m.max_velocity / 2)}), where the force is half of F0."
        )
        svg = line_chart(
            [
                Series("Force-velocity line (least squares)", line),
                Series("Modelled horizontal force, every 0.25 s", dots, kind="points"),
            ],
            x_axis=nice_axis("Speed (m/s)", m.max_velocity),
            y_axis=nice_axis("Horizontal force (N)", m.max_force),
            title="Horizontal force against speed: the force-velocity profile",
            description=description,
            id_prefix=f"{self.id_prefix}-force",
        )
        return figure(svg, "Each dot is the modelled push at one moment of the sprint; the line through them gives F0 and V0.")

    def gate(self, metres: float) -> str:
        """A gate's distance as the reader typed it: "20 m", "10 yd"."""
        unit = self.profile.distance_unit
        return f"{format_short(convert(metres, METRE, LENGTH.unit(unit)), 3)} {unit}"

    def timing_note(self) -> Markup:
        if self.profile.timing != HAND:
            return Markup("")
        timing = self.parameters.timing
        return element(
            "p",
            f"Timed by hand: a stopwatch reads fast from a standing start, so each split had "
            f"{format_short(timing.hand_correction_s, 2)} s added (Mann et al. 2015) and the table shows them so. "
            f"Each may still be off by about {format_short(timing.hand_uncertainty_s, 2)} s (Mayhew et al. 2010), "
            "which moves τ and F0 far more than MSS: use timing gates for numbers to compare over time.",
            class_="aq-result__timing aq-result__timing--hand",
        )

    def splits_table(self) -> Markup:
        rows = [
            Row(
                [
                    self.gate(fit.split.distance),
                    _seconds(fit.split.time, 3),
                    _seconds(fit.modelled_time, 3),
                    f"{format_signed(fit.residual, 3)} s",
                    _speed(fit.mean_speed),
                ]
            )
            for fit in self.fit.splits
        ]
        columns = [
            Column("Gate"),
            Column("Measured", "aq-num"),
            Column("Modelled", "aq-num"),
            Column("Difference", "aq-num"),
            Column("Mean speed since the gate before", "aq-num"),
        ]
        caption = (
            "Split times, measured and modelled; difference = measured − modelled (root mean square "
            f"{_seconds(self.fit.root_mean_square_residual, 3)})"
        )
        return table(caption, columns, rows)

    def air_note(self) -> Markup:
        m = self.mechanics
        temperature_given, pressure_given = self.profile.air_given
        temperature = f"{format_short(m.air.temperature, 1)} °C" + ("" if temperature_given else " (assumed)")
        pressure = f"{format_short(m.air.pressure, 1)} hPa" + ("" if pressure_given else " (assumed)")
        drag_at_top = m.drag_factor * self.curve.max_speed**2
        text = (
            f"Air: {temperature}, {pressure}, density {format_number(m.air_density, 3)} kg/m³; frontal area "
            f"{format_number(m.frontal_area, 3)} m². Air resistance at top speed: {format_number(drag_at_top, 1)} N "
            "in still air."
        )
        return element("p", text, class_="aq-result__air")


def render_result(profile: SprintProfile, id_prefix: str) -> str:
    """The result fragment for one profile (ids inside start with `id_prefix`)."""
    return str(_Renderer(profile, id_prefix).render())


def render_explanation(parameters: Parameters) -> str:
    """The static explanation: the model, the fit, the force-velocity method, constants, sources."""
    p = parameters
    method = p.method
    curve_steps = [
        "Speed: <strong>v(t) = MSS × (1 − e<sup>−t/τ</sup>)</strong>. MSS is the maximal sprinting speed the "
        "runner approaches; τ (tau) is how quickly: after τ seconds the runner is at 63 % of MSS.",
        "Distance: <strong>x(t) = MSS × (t + τ e<sup>−t/τ</sup> − τ)</strong>; acceleration: "
        "a(t) = (MSS ÷ τ) × e<sup>−t/τ</sup>, so the <strong>maximal acceleration</strong> a_max = MSS ÷ τ.",
    ]
    fit_steps = [
        "The curve is fitted to your splits by <strong>least squares on time</strong>: timing gates stand at "
        "known distances and measure times, so the errors are in the times, and the fit makes the differences "
        "between measured and modelled times as small as possible.",
        "Each time difference is worked out to first order, as the distance difference at the measured time "
        "divided by the modelled speed there. Then, for any τ, the best MSS follows from a formula "
        "(1 ÷ MSS is a weighted least-squares slope), so only τ has to be searched.",
        f"τ is searched from {plain_number(p.fit.tau_min)} to {plain_number(p.fit.tau_max)} s: first on a grid of "
        f"{p.fit.grid_points} values, then by golden-section search to within {format_short(p.fit.tau_tolerance, 9)} s. "
        "A τ at either end of that range means the splits do not follow the curve, and you get a message instead "
        "of a result.",
    ]
    force_steps = [
        "Air resistance: F_air = k × v², with k = ½ × ρ × Af × Cd (still air). Frontal area "
        f"Af = {plain_number(method.body_surface_coefficient)} × height<sup>{plain_number(method.height_exponent)}</sup> "
        f"× mass<sup>{plain_number(method.mass_exponent)}</sup> × {plain_number(method.frontal_area_fraction)} (m, kg); "
        f"Cd = {plain_number(method.drag_coefficient)}; air density ρ = {plain_number(method.air_density_reference)} × "
        "(P ÷ 760 Torr) × 273 ÷ (273 + T °C).",
        "Horizontal force: <strong>F_H(t) = m × a(t) + F_air(t)</strong>, and power P_H(t) = F_H(t) × v(t), "
        f"from 0 to {plain_number(method.duration)} s every {plain_number(method.time_step)} s.",
        "A straight line fitted to F_H against v gives <strong>F0</strong> (where it meets zero speed, also shown "
        "per kg), <strong>V0</strong> (where it meets zero force), its slope <strong>S_FV = −(F0 ÷ m) ÷ V0</strong> "
        "and <strong>Pmax = F0 × V0 ÷ 4</strong>, the top of the power curve.",
        f"Ratio of forces: <strong>RF = F_H ÷ √(F_H² + (m × g)²)</strong> with g = {plain_number(method.gravity)} m/s², "
        f"the share of the push that goes forwards, from {plain_number(method.force_ratio_from)} s on. "
        "<strong>RFmax</strong> is its highest value; <strong>DRF</strong> is the slope of RF against speed: how "
        "quickly the push turns upwards as you speed up.",
    ]

    def steps(items: list[str]) -> Markup:
        # Fixed words and numbers only, so the <strong> and <sup> tags are safe as markup.
        return numbered_steps(Markup(item) for item in items)

    constants = table(
        "Constants in use",
        [Column("Constant"), Column("Value", "aq-num")],
        [
            Row(["Drag coefficient Cd", plain_number(method.drag_coefficient)]),
            Row(["Air density at 0 °C and 760 Torr, ρ0", f"{plain_number(method.air_density_reference)} kg/m³"]),
            Row(["Air temperature if not given", f"{plain_number(p.default_temperature)} °C"]),
            Row(["Air pressure if not given", f"{plain_number(p.default_pressure)} hPa"]),
            Row(["Sampling step", _seconds(method.time_step)]),
            Row(["RF counted from", _seconds(method.force_ratio_from)]),
            Row(["Range of τ searched", f"{plain_number(p.fit.tau_min)} to {plain_number(p.fit.tau_max)} s"]),
            Row(["Fastest speed accepted", _speed(p.fastest_speed)]),
            Row(["Largest acceleration accepted", f"{plain_number(p.max_acceleration)} m/s²"]),
            Row(["Added to each stopwatch split", _seconds(p.timing.hand_correction_s)]),
            Row(["A stopwatch split may be off by", f"± {_seconds(p.timing.hand_uncertainty_s)}"]),
        ],
    )
    reading = element(
        "p",
        "Time every split from the first movement of a standing start. If the clock starts later, for example "
        "when the runner breaks the first beam or after a rocking start, the early splits are too short, which "
        "makes τ too short and F0 too high. τ, and with it a_max, F0 and Pmax, depends on the times far more "
        "than MSS does: an error of 0.01 s in the splits can move τ by a few per cent and MSS by less than one. "
        "More gates, and a last gate where the runner is near top speed, make both steadier.",
    )
    note = model_statement(
        "Your splits are measured; the smooth speed curve through them, and the forces and power worked out "
        "from it, are estimates from a model validated against force plates in trained sprinters."
    )
    return str(
        explanation(
            note,
            [
                ("The speed curve", steps(curve_steps)),
                ("How the curve is fitted to your splits", steps(fit_steps)),
                ("Force, power and ratio of forces (Samozino et al. 2016)", steps(force_steps)),
                ("Values in use", constants),
                ("Getting good splits", reading),
                ("Sources", sources_list(p.sources)),
            ],
        )
    )


def squad_summary(profile: SprintProfile) -> dict[str, str]:
    """One athlete's row in a squad's table: top speed, τ, force and power per kg."""
    m = profile.mechanics
    return {
        "MSS": _speed(profile.fit.curve.max_speed),
        "τ": _seconds(profile.fit.curve.tau),
        "F0": f"{format_number(m.max_force_per_kg, 2)} N/kg",
        "Pmax": f"{format_number(m.max_power_per_kg, 2)} W/kg",
    }


def figures_over_time(profile: SprintProfile) -> tuple[Figure, ...]:
    """What a reader's saved tests chart: top speed, τ, force and power per kg."""
    m = profile.mechanics
    return (
        Figure.as_shown("MSS", profile.fit.curve.max_speed, 2, "m/s"),
        Figure.as_shown("τ", profile.fit.curve.tau, 2, "s"),
        Figure.as_shown("F0", m.max_force_per_kg, 2, "N/kg"),
        Figure.as_shown("Pmax", m.max_power_per_kg, 2, "W/kg"),
    )
