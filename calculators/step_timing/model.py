"""Step timing: ground contact, flight and step length in; step rate, speed and what-ifs out.

Plain arithmetic on one running step, so every number can be checked by hand:

    step time       = contact time + flight time
    step frequency  = 1 / step time                  (steps per second; x 60 for steps per minute)
    speed           = step length x step frequency   (= step length / step time)
    ground share    = contact time / step time x 100 (% of each step spent on the ground)

Times are in seconds here (the form converts milliseconds and video frames before anything
reaches this module); lengths in metres. The tunable numbers (what-if changes, input ranges,
sources) arrive in a `Parameters` value read from step_timing.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.settings import Range
from calculators.core.sources import Source
from calculators.core.units import in_seconds, km_per_hour, miles_per_hour

SECONDS_PER_MINUTE = 60.0


@dataclass(frozen=True)
class Parameters:
    """Every tunable number of the calculator (see step_timing.toml for what each one does)."""

    contact_time_ms: Range
    flight_time_ms: Range
    step_length_m: Range
    frame_rate_fps: Range
    fastest_speed_m_per_s: float
    """Beyond this speed, the inputs must hold a typo: no sprinter has run this fast."""
    contact_time_change_ms: float
    flight_time_change_ms: float
    step_length_change_cm: float
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Step:
    """One running step: from touchdown, through the time on the ground, to the next touchdown."""

    contact_time: float
    """Ground contact time, s."""
    flight_time: float
    """Flight time (both feet off the ground), s."""
    step_length: float
    """Distance covered by the step, m."""

    @property
    def step_time(self) -> float:
        """Seconds from one touchdown to the next."""
        return self.contact_time + self.flight_time

    @property
    def frequency(self) -> float:
        """Steps per second."""
        return 1.0 / self.step_time

    @property
    def steps_per_minute(self) -> float:
        return self.frequency * SECONDS_PER_MINUTE

    @property
    def speed(self) -> float:
        """Metres per second: how far each step goes, times how many steps each second."""
        return self.step_length * self.frequency

    @property
    def speed_km_per_hour(self) -> float:
        return km_per_hour(self.speed)

    @property
    def speed_miles_per_hour(self) -> float:
        return miles_per_hour(self.speed)

    @property
    def ground_share_percent(self) -> float:
        """The share of each step spent on the ground, %."""
        return 100.0 * self.contact_time / self.step_time

    @property
    def air_share_percent(self) -> float:
        return 100.0 - self.ground_share_percent


@dataclass(frozen=True)
class VideoTiming:
    """How the times were measured when they came from a video: frame counts and the frame rate."""

    contact_frames: int
    flight_frames: int
    frame_rate: float

    @property
    def frame_time(self) -> float:
        """Seconds per frame: the resolution of every time read from this video."""
        return 1.0 / self.frame_rate


@dataclass(frozen=True)
class WhatIf:
    """One change tried on the step, and the step that results (None when it is not possible)."""

    name: str
    """"contact", "flight" or "step_length"."""
    change: float
    """The change as configured: milliseconds for the times, centimetres for the step length."""
    step: Step | None
    speed_change_percent: float | None


@dataclass(frozen=True)
class StepTiming:
    """Everything the result shows: the step, the what-ifs, and how the times were measured."""

    step: Step
    what_ifs: tuple[WhatIf, ...]
    parameters: Parameters
    video: VideoTiming | None = None
    length_unit: str = "m"
    """The unit the reader typed the step length in ("m" or "ft"), to show it back to them."""


def frames_to_seconds(frames: float, frame_rate: float) -> float:
    """Time spanned by a number of video frames: 12 frames at 120 fps is 0.1 s."""
    return frames / frame_rate


def percent_change(new: float, old: float) -> float:
    return 100.0 * (new / old - 1.0)


def _what_if(name: str, change: float, step: Step | None, now: Step) -> WhatIf:
    if step is None:
        return WhatIf(name=name, change=change, step=None, speed_change_percent=None)
    return WhatIf(name=name, change=change, step=step, speed_change_percent=percent_change(step.speed, now.speed))


def what_ifs(step: Step, parameters: Parameters) -> tuple[WhatIf, ...]:
    """Change one thing at a time, holding the other two, and see the speed that follows.

    A change that would leave no contact time, a negative flight time (flight already shorter
    than the change, say) or no step length is reported as not possible rather than computed.
    """
    contact = step.contact_time + in_seconds(parameters.contact_time_change_ms)
    flight = step.flight_time + in_seconds(parameters.flight_time_change_ms)
    length = step.step_length + parameters.step_length_change_cm / 100.0
    return (
        _what_if(
            "contact",
            parameters.contact_time_change_ms,
            Step(contact, step.flight_time, step.step_length) if contact > 0 else None,
            step,
        ),
        _what_if(
            "flight",
            parameters.flight_time_change_ms,
            Step(step.contact_time, flight, step.step_length) if flight >= 0 else None,
            step,
        ),
        _what_if(
            "step_length",
            parameters.step_length_change_cm,
            Step(step.contact_time, step.flight_time, length) if length > 0 else None,
            step,
        ),
    )


def time_step(step: Step, parameters: Parameters, video: VideoTiming | None = None, length_unit: str = "m") -> StepTiming:
    """The whole result for one step."""
    return StepTiming(step=step, what_ifs=what_ifs(step, parameters), parameters=parameters, video=video, length_unit=length_unit)
