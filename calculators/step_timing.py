"""The step timing calculator: its form, its cross-field checks, and the model wired to them.

The reader gives the times of one step either in milliseconds or as frame counts from a video
with its frame rate; the form shows only the fields of the chosen way (`show_when`), and the
fields of the other way are neither read nor checked. The arithmetic lives in
`step_timing_model`, the tunable numbers in `step_timing.toml`, the HTML in `step_timing_render`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from calculators.calculator import Calculator
from calculators.fields import Choice, ChoiceField, FormItem, NumberField
from calculators.markup import format_short
from calculators.parsing import ParsedForm, plain_number
from calculators.step_timing_model import (
    Parameters,
    Step,
    StepTiming,
    VideoTiming,
    frames_to_seconds,
    in_milliseconds,
    in_seconds,
    time_step,
)
from calculators.step_timing_params import load_parameters
from calculators.step_timing_render import render_explanation, render_result

SLUG = "step_timing"
TITLE = "Step timing"
SCHEMA = 1
"""The version of this form's input names; bump it when a shared URL's inputs change meaning."""

MILLISECONDS = "ms"
FRAMES = "frames"
MAX_FRAMES = 10_000
"""More frames than any one step lasts at any frame rate this form accepts (a typo guard)."""

# The worked example: an athlete at 10 m/s (2.2 m every 0.22 s). Filmed at 120 fps, the same step
# reads 12 frames on the ground (100 ms) and 14 in the air (116.7 ms).
DEFAULTS = {
    "contact_time": "100",
    "flight_time": "120",
    "step_length": "2.2",
    "contact_frames": "12",
    "flight_frames": "14",
    "frame_rate": "120",
}


def build_form(parameters: Parameters) -> tuple[FormItem, ...]:
    """The form, in display order: how the times were measured, the times, the step length."""
    p = parameters
    in_frames = f"timing={FRAMES}"
    in_ms = f"timing={MILLISECONDS}"
    return (
        ChoiceField(
            name="timing",
            label="Times measured in",
            choices=(Choice(MILLISECONDS, "milliseconds"), Choice(FRAMES, "video frames")),
            default=MILLISECONDS,
            help="From a contact mat or timing system in milliseconds, or by counting frames of a video.",
        ),
        NumberField(
            name="contact_time",
            label="Ground contact time",
            unit="ms",
            minimum=p.contact_time_ms.minimum,
            maximum=p.contact_time_ms.maximum,
            step=1,
            default=DEFAULTS["contact_time"],
            help="How long the foot is on the ground in one step, from touchdown to toe-off.",
            show_when=in_ms,
        ),
        NumberField(
            name="flight_time",
            label="Flight time",
            unit="ms",
            minimum=p.flight_time_ms.minimum,
            maximum=p.flight_time_ms.maximum,
            step=1,
            default=DEFAULTS["flight_time"],
            help="How long both feet are off the ground, from toe-off to the next touchdown.",
            show_when=in_ms,
        ),
        NumberField(
            name="contact_frames",
            label="Ground contact",
            unit="frames",
            long_label="Ground contact in frames",
            minimum=1,
            maximum=MAX_FRAMES,
            step=1,
            whole_number=True,
            default=DEFAULTS["contact_frames"],
            help="Frames from touchdown to toe-off: the toe-off frame's number minus the touchdown frame's.",
            show_when=in_frames,
        ),
        NumberField(
            name="flight_frames",
            label="Flight",
            unit="frames",
            long_label="Flight in frames",
            minimum=0,
            maximum=MAX_FRAMES,
            step=1,
            whole_number=True,
            default=DEFAULTS["flight_frames"],
            help="Frames from toe-off to the next touchdown (of the other foot).",
            show_when=in_frames,
        ),
        NumberField(
            name="frame_rate",
            label="Video frame rate",
            unit="fps",
            minimum=p.frame_rate_fps.minimum,
            maximum=p.frame_rate_fps.maximum,
            step=1,
            default=DEFAULTS["frame_rate"],
            help="Frames per second of the video: a phone's slow motion is usually 120 or 240.",
            show_when=in_frames,
        ),
        NumberField(
            name="step_length",
            label="Step length",
            unit="m",
            minimum=p.step_length_m.minimum,
            maximum=p.step_length_m.maximum,
            step=0.01,
            default=DEFAULTS["step_length"],
            help="From one foot's touchdown to the other foot's touchdown, e.g. toe to toe.",
        ),
    )


def _times_ms(parsed: ParsedForm) -> tuple[float | None, float | None]:
    """Contact and flight in milliseconds, from whichever way the reader measured (None if missing)."""
    values = parsed.values
    if values.get("timing") == FRAMES:
        rate = values.get("frame_rate")
        if not isinstance(rate, float):
            return None, None
        contact, flight = values.get("contact_frames"), values.get("flight_frames")
        return (
            in_milliseconds(frames_to_seconds(contact, rate)) if isinstance(contact, float) else None,
            in_milliseconds(frames_to_seconds(flight, rate)) if isinstance(flight, float) else None,
        )
    contact, flight = values.get("contact_time"), values.get("flight_time")
    return (contact if isinstance(contact, float) else None, flight if isinstance(flight, float) else None)


def make_check(parameters: Parameters) -> Callable[[ParsedForm], Mapping[str, str]]:
    """Rules that span fields: frame counts must give times in range; the speed must be human."""
    p = parameters

    def check(parsed: ParsedForm) -> dict[str, str]:
        messages: dict[str, str] = {}
        contact_ms, flight_ms = _times_ms(parsed)
        if parsed.values.get("timing") == FRAMES:
            rate = plain_number(parsed.values["frame_rate"]) if parsed.given("frame_rate") else ""
            for name, what, value, allowed in (
                ("contact_frames", "Ground contact time", contact_ms, p.contact_time_ms),
                ("flight_frames", "Flight time", flight_ms, p.flight_time_ms),
            ):
                if value is not None and not allowed.holds(value):
                    frames = plain_number(parsed.values[name])
                    messages[name] = (
                        f"{frames} frames at {rate} fps is {format_short(value, 1)} ms; {what.lower()} must be "
                        f"between {plain_number(allowed.minimum)} and {plain_number(allowed.maximum)} ms. "
                        "Check the frame count and the frame rate."
                    )
        length = parsed.values.get("step_length")
        if contact_ms is not None and flight_ms is not None and isinstance(length, float) and not messages:
            speed = length / in_seconds(contact_ms + flight_ms)
            if speed > p.fastest_speed_m_per_s:
                messages["step_length"] = (
                    f"A step of {plain_number(length)} m every {format_short(contact_ms + flight_ms, 1)} ms is "
                    f"{format_short(speed, 1)} m/s, faster than {plain_number(p.fastest_speed_m_per_s)} m/s, "
                    "beyond any recorded sprint: check the step length and the times."
                )
        return messages

    return check


def make_calculator(parameters: Parameters) -> Calculator[StepTiming]:
    """The calculator for a given set of parameters (the site uses step_timing.toml's)."""

    def compute(values: Mapping[str, Any]) -> StepTiming:
        length = values["step_length"]
        if values["timing"] == FRAMES:
            rate = values["frame_rate"]
            video = VideoTiming(int(values["contact_frames"]), int(values["flight_frames"]), rate)
            step = Step(
                frames_to_seconds(video.contact_frames, rate), frames_to_seconds(video.flight_frames, rate), length
            )
            return time_step(step, parameters, video)
        step = Step(in_seconds(values["contact_time"]), in_seconds(values["flight_time"]), length)
        return time_step(step, parameters)

    return Calculator(
        slug=SLUG,
        title=TITLE,
        schema=SCHEMA,
        form=build_form(parameters),
        compute=compute,
        check=make_check(parameters),
        render=render_result,
        explain=lambda: render_explanation(parameters),
    )


CALCULATOR = make_calculator(load_parameters())
"""The step timing calculator as the site runs it, with the packaged parameters."""
