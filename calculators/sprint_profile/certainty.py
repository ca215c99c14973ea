"""How certain each number of a sprint profile is, from how well the speed curve fits the splits.

The fit (model.py) gives MSS and τ from the split times. Each split time is off by a little (the
gates read to 0.01 s; the runner's start is never exactly at zero), and the scatter of the splits
about the curve says how much: its standard error σ = √(Σ r² / (n − 2)), never taken below how far
one time may be off for the way it was timed, 0.01 s for gates (with two splits the curve passes
through both, and the scatter says nothing).
That uncertainty in the times becomes an uncertainty in ln MSS and ln τ through the least-squares
fit, Cov = σ² (JᵀJ)⁻¹, with J the change of each modelled split time per unit of ln MSS and ln τ:

    ∂T/∂ln MSS = −g / h        ∂T/∂ln τ = −τ g_τ / h
    g = t + τ e^(−t/τ) − τ,    h = 1 − e^(−t/τ),    g_τ = e^(−t/τ) (1 + t/τ) − 1

The profile's numbers follow from MSS and τ; with air resistance left out (a few per cent of the
force), F0 ≈ m MSS / τ, V0 ≈ MSS, Pmax ≈ m MSS² / (4 τ) and S_FV ≈ −1 / τ, so each one's relative
uncertainty is √(wᵀ Cov w) with w its powers of MSS and τ: (1, −1), (1, 0), (2, −1) and (0, −1).
It is an estimate of how far a number could move if the same sprint were timed again, one
standard error either way; nothing here builds HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators.sprint_profile.model import SpeedCurveFit, distance_shape, speed_shape

POWERS = {"F0": (1, -1), "V0": (1, 0), "Pmax": (2, -1), "S_FV": (0, -1)}
"""Each profile number's powers of MSS and τ (air resistance left out): F0 ∝ MSS¹ τ⁻¹, ..."""


@dataclass(frozen=True)
class Certainty:
    """The relative standard error of each profile number, and the timing scatter behind it."""

    timing_error: float
    """σ, s: the splits' scatter about the curve, or the timing resolution when that is larger."""
    from_scatter: bool
    """Whether σ came from the scatter (else from the timing resolution)."""
    relative_errors: dict[str, float]
    """Profile number ("F0", "V0", "Pmax", "S_FV") -> its relative standard error (0.05 is ±5 %)."""

    @property
    def least_certain(self) -> str:
        """The number with the largest relative error (the first of POWERS' order on a tie)."""
        return max(POWERS, key=lambda name: self.relative_errors[name])


def _time_sensitivities(time: float, tau: float) -> tuple[float, float]:
    """How a modelled split time moves per unit of ln MSS and of ln τ, at that time."""
    h = speed_shape(time, tau)
    g = distance_shape(time, tau)
    ratio = time / tau
    g_tau = math.exp(-ratio) * (1 + ratio) - 1
    return -g / h, -tau * g_tau / h


def profile_certainty(fit: SpeedCurveFit, least_timing_error: float) -> Certainty | None:
    """The profile's uncertainties, or None when the splits cannot tell MSS and τ apart."""
    tau = fit.curve.tau
    rows = [_time_sensitivities(split.modelled_time, tau) for split in fit.splits]
    a = math.fsum(m * m for m, _ in rows)
    b = math.fsum(m * t for m, t in rows)
    c = math.fsum(t * t for _, t in rows)
    determinant = a * c - b * b
    if not determinant > 1e-12 * max(a * c, 1e-300):
        return None
    degrees_of_freedom = len(fit.splits) - 2
    scatter = (
        math.sqrt(math.fsum(split.residual**2 for split in fit.splits) / degrees_of_freedom)
        if degrees_of_freedom > 0
        else 0.0
    )
    sigma = max(scatter, least_timing_error)
    # Cov(ln MSS, ln τ) = σ² (JᵀJ)⁻¹, with JᵀJ = [[a, b], [b, c]].
    var_m, var_t, cov = sigma**2 * c / determinant, sigma**2 * a / determinant, -(sigma**2) * b / determinant
    errors = {
        name: math.sqrt(max(p * p * var_m + q * q * var_t + 2 * p * q * cov, 0.0)) for name, (p, q) in POWERS.items()
    }
    return Certainty(timing_error=sigma, from_scatter=scatter >= least_timing_error, relative_errors=errors)
