"""The step timing calculator: what the reader types, and how it is read into `Inputs`.

The reader gives the times of one step either in milliseconds or as frame counts from a video
with its frame rate; the form shows only the fields of the chosen way (`show_when`), and the
fields of the other way are neither read nor checked. The arithmetic lives in `model.py`, the
tunable numbers in `parameters.toml` (checked by `params.py`), the HTML in `render.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from calculators.core.calculator import Calculator, FieldMessages
from calculators.core.fields import Choice, ChoiceField, FormItem, NumberField, UnitChoiceField
from calculators.core.formatting import format_short, plain_number
from calculators.core.parsing import ParsedForm
from calculators.core.units import LENGTH, in_milliseconds, in_seconds
from calculators.step_timing.model import (
    Parameters,
    Step,
    StepTiming,
    VideoTiming,
    frames_to_seconds,
    time_step,
)
from calculators.step_timing.params import load_parameters
from calculators.step_timing.render import (
    figures_over_time,
    render_explanation,
    render_result,
    squad_summary,
)

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
        UnitChoiceField.of("step_length_unit", "Step length in", LENGTH, ("m", "ft"), us="ft"),
        NumberField(
            name="step_length",
            label="Step length",
            unit="m",
            unit_choice="step_length_unit",
            minimum=p.step_length_m.minimum,
            maximum=p.step_length_m.maximum,
            step=0.01,
            default=DEFAULTS["step_length"],
            help="From one foot's touchdown to the other foot's touchdown, e.g. toe to toe.",
        ),
    )


@dataclass(frozen=True)
class Inputs:
    """One step as the reader measured it, read once: times in seconds, length in metres."""

    step: Step
    video: VideoTiming | None
    """The frame counts and frame rate when the times came from a video, else None."""
    length_unit: str
    """The unit the reader typed the step length in ("m" or "ft")."""


def _times(form: ParsedForm) -> tuple[float | None, float | None]:
    """Contact and flight in seconds, from whichever way the reader measured (None if missing)."""
    values = form.values
    if values.get("timing") == FRAMES:
        rate = values.get("frame_rate")
        if not isinstance(rate, float):
            return None, None
        contact, flight = values.get("contact_frames"), values.get("flight_frames")
        return (
            frames_to_seconds(contact, rate) if isinstance(contact, float) else None,
            frames_to_seconds(flight, rate) if isinstance(flight, float) else None,
        )
    contact, flight = values.get("contact_time"), values.get("flight_time")
    return (
        in_seconds(contact) if isinstance(contact, float) else None,
        in_seconds(flight) if isinstance(flight, float) else None,
    )


def _cross_field_messages(form: ParsedForm, contact: float | None, flight: float | None, p: Parameters) -> dict[str, str]:
    """Rules that span fields: frame counts must give times in range; the speed must be human."""
    messages: dict[str, str] = {}
    if form.values.get("timing") == FRAMES:
        rate = plain_number(form.number("frame_rate")) if form.given("frame_rate") else ""
        for name, what, seconds, allowed in (
            ("contact_frames", "Ground contact time", contact, p.contact_time_ms),
            ("flight_frames", "Flight time", flight, p.flight_time_ms),
        ):
            if seconds is not None and not allowed.holds(in_milliseconds(seconds)):
                messages[name] = (
                    f"{plain_number(form.number(name))} frames at {rate} fps is "
                    f"{format_short(in_milliseconds(seconds), 1)} ms; {what.lower()} must be "
                    f"between {plain_number(allowed.minimum)} and {plain_number(allowed.maximum)} ms. "
                    "Check the frame count and the frame rate."
                )
    length = form.values.get("step_length")
    if contact is not None and flight is not None and isinstance(length, float) and not messages:
        speed = length / (contact + flight)
        if speed > p.fastest_speed_m_per_s:
            messages["step_length"] = (
                f"A step of {form.as_typed('step_length', length, 2)} every {format_short(in_milliseconds(contact + flight), 1)} ms "
                f"is {format_short(speed, 1)} m/s, faster than {plain_number(p.fastest_speed_m_per_s)} m/s, "
                "beyond any recorded sprint: check the step length and the times."
            )
    return messages


def make_read(parameters: Parameters) -> Callable[[ParsedForm], Inputs | FieldMessages]:
    """Read the form into one `Step` (frames or milliseconds converted to seconds, once)."""

    def read(form: ParsedForm) -> Inputs | FieldMessages:
        contact, flight = _times(form)
        messages = _cross_field_messages(form, contact, flight, parameters)
        if messages or form.errors or contact is None or flight is None:
            return FieldMessages(messages)
        video = None
        if form.choice("timing") == FRAMES:
            video = VideoTiming(
                int(form.number("contact_frames")), int(form.number("flight_frames")), form.number("frame_rate")
            )
        return Inputs(
            step=Step(contact, flight, form.number("step_length")), video=video, length_unit=form.choice("step_length_unit")
        )

    return read


def make_calculator(parameters: Parameters) -> Calculator[Inputs, StepTiming]:
    """The calculator for a given set of parameters (the site uses parameters.toml's)."""

    def compute(inputs: Inputs) -> StepTiming:
        return time_step(inputs.step, parameters, inputs.video, inputs.length_unit)

    return Calculator(
        slug=SLUG,
        title=TITLE,
        schema=SCHEMA,
        form=build_form(parameters),
        read=make_read(parameters),
        compute=compute,
        render=render_result,
        explain=lambda: render_explanation(parameters),
        summarise=squad_summary,
        figures=figures_over_time,
    )


CALCULATOR = make_calculator(load_parameters())
"""The step timing calculator as the site runs it, with the packaged parameters."""
