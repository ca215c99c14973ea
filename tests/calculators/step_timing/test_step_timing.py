"""Step timing: worked examples by hand, unit conversions, video frames, what-ifs and bad input.

Each worked example shows its arithmetic, so a coach can follow it with a pocket calculator.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.core.settings import ParameterError
from calculators.core.units import km_per_hour, miles_per_hour
from calculators.step_timing import CALCULATOR, make_calculator
from calculators.step_timing.model import Step, frames_to_seconds, what_ifs
from calculators.step_timing.params import load_parameters, parameters_from_toml

SLUG = "step_timing"
INPUT_NAMES = [
    "timing", "contact_time", "flight_time", "contact_frames", "flight_frames", "frame_rate", "step_length_unit", "step_length",
]
PACKAGED_TOML = Path(__file__).parents[3] / "calculators" / "step_timing" / "parameters.toml"


def result_of(inputs: dict[str, str]):
    """The model's result for what a reader typed (the calculator's own parse, read and compute)."""
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result


def text_of(html: str, selector: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one(selector).get_text()


# --- Worked examples -------------------------------------------------------------------------


def test_the_default_example_an_athlete_at_10_metres_per_second():
    # contact 100 ms + flight 120 ms = step time 220 ms = 0.22 s
    # step frequency = 1 / 0.22 = 4.5454... steps/s; x 60 = 272.73 steps/min
    # speed = 2.2 m / 0.22 s = 10.0 m/s; x 3.6 = 36.0 km/h; / 0.44704 = 22.369 mph
    # on the ground: 100 / 220 = 45.45 % of each step
    step = result_of({}).step
    assert step.step_time == pytest.approx(0.220)
    assert step.frequency == pytest.approx(4.54545, rel=1e-5)
    assert step.steps_per_minute == pytest.approx(272.727, rel=1e-5)
    assert step.speed == pytest.approx(10.0)
    assert step.speed_km_per_hour == pytest.approx(36.0)
    assert step.speed_miles_per_hour == pytest.approx(22.3694, rel=1e-5)
    assert step.ground_share_percent == pytest.approx(45.4545, rel=1e-5)
    assert step.air_share_percent == pytest.approx(54.5455, rel=1e-5)


def test_the_default_example_as_the_reader_sees_it():
    answer = calculators.run(SLUG, {})
    assert answer["ok"] is True and answer["errors"] == {}
    html = answer["html"]
    assert text_of(html, ".aq-result__headline") == "Speed: 10.00 m/s (36.0 km/h, 22.4 mph)"
    summary = text_of(html, ".aq-result__summary")
    assert "Step time220 ms" in summary
    assert "4.55 steps/s (273 steps/min)" in summary
    assert "45.5 % of each step (100 ms)" in summary


def test_a_slower_runner_worked_by_hand():
    # 120 + 110 = 230 ms; 1 / 0.23 = 4.3478 steps/s = 260.87 steps/min
    # 2.0 m / 0.23 s = 8.6957 m/s = 31.304 km/h = 19.452 mph; 120 / 230 = 52.17 % on the ground
    step = result_of({"contact_time": "120", "flight_time": "110", "step_length": "2,0"}).step
    assert step.frequency == pytest.approx(4.34783, rel=1e-5)
    assert step.steps_per_minute == pytest.approx(260.870, rel=1e-5)
    assert step.speed == pytest.approx(8.69565, rel=1e-5)
    assert step.speed_km_per_hour == pytest.approx(31.3043, rel=1e-5)
    assert step.speed_miles_per_hour == pytest.approx(19.4516, rel=1e-5)
    assert step.ground_share_percent == pytest.approx(52.1739, rel=1e-5)


def test_the_what_ifs_of_the_default_example():
    # contact 90 ms: 2.2 / 0.21 = 10.476 m/s, +4.76 %
    # flight 110 ms: 2.2 / 0.21 = 10.476 m/s, +4.76 %
    # step 2.25 m:   2.25 / 0.22 = 10.227 m/s, +2.27 %
    contact, flight, length = result_of({}).what_ifs
    assert [w.name for w in (contact, flight, length)] == ["contact", "flight", "step_length"]
    assert contact.step.speed == pytest.approx(10.4762, rel=1e-5)
    assert contact.speed_change_percent == pytest.approx(4.7619, rel=1e-4)
    assert flight.step.speed == pytest.approx(10.4762, rel=1e-5)
    assert length.step.speed == pytest.approx(10.2273, rel=1e-5)
    assert length.speed_change_percent == pytest.approx(2.2727, rel=1e-4)


def test_the_what_if_table_names_each_change_with_its_new_speed_and_change():
    page = BeautifulSoup(calculators.run(SLUG, {})["html"], "html.parser")
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in page.select("table tbody tr")]
    assert rows == [
        ["As measured", "220 ms", "10.00 m/s", "–"],
        ["Ground contact 10 ms shorter", "210 ms", "10.48 m/s", "+4.8 %"],
        ["Flight 10 ms shorter", "210 ms", "10.48 m/s", "+4.8 %"],
        ["Step length 5 cm longer", "220 ms", "10.23 m/s", "+2.3 %"],
    ]


def test_a_what_if_that_cannot_happen_says_so_instead_of_a_number():
    # A flight of 5 ms cannot get 10 ms shorter.
    inputs = {"flight_time": "5", "step_length": "1.2"}
    timing = result_of(inputs)
    assert timing.what_ifs[1].step is None
    html = calculators.run(SLUG, inputs)["html"]
    assert "Flight 10 ms shorter (not possible: the flight time is already shorter than that)" in html


# --- Units and video frames ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metres_per_second", "kmh", "mph"),
    [(1.0, 3.6, 2.23694), (0.44704, 1.609344, 1.0), (10.0, 36.0, 22.3694), (12.4, 44.64, 27.7381)],
)
def test_speeds_convert_to_kilometres_and_miles_per_hour(metres_per_second, kmh, mph):
    assert km_per_hour(metres_per_second) == pytest.approx(kmh, rel=1e-5)
    assert miles_per_hour(metres_per_second) == pytest.approx(mph, rel=1e-5)


def test_frames_become_seconds_by_dividing_by_the_frame_rate():
    assert frames_to_seconds(12, 120) == pytest.approx(0.100)  # 12 / 120
    assert frames_to_seconds(24, 240) == pytest.approx(0.100)
    assert frames_to_seconds(3, 30) == pytest.approx(0.100)
    assert frames_to_seconds(0, 240) == 0


@pytest.mark.parametrize(
    ("frames", "milliseconds"),
    [
        ({"contact_frames": "12", "flight_frames": "12", "frame_rate": "120"}, {"contact_time": "100", "flight_time": "100"}),
        ({"contact_frames": "24", "flight_frames": "30", "frame_rate": "240"}, {"contact_time": "100", "flight_time": "125"}),
        ({"contact_frames": "5", "flight_frames": "6", "frame_rate": "50"}, {"contact_time": "100", "flight_time": "120"}),
        ({"contact_frames": "110", "flight_frames": "120", "frame_rate": "1000"}, {"contact_time": "110", "flight_time": "120"}),
        ({"contact_frames": "48", "flight_frames": "0", "frame_rate": "240"}, {"contact_time": "200", "flight_time": "0"}),
    ],
)
def test_counting_video_frames_gives_the_same_step_as_typing_milliseconds(frames, milliseconds):
    from_video = result_of({"timing": "frames", **frames, "step_length": "2.1"})
    from_mat = result_of({"timing": "ms", **milliseconds, "step_length": "2.1"})
    assert from_video.step.speed == pytest.approx(from_mat.step.speed, rel=1e-12)
    assert from_video.step.ground_share_percent == pytest.approx(from_mat.step.ground_share_percent, rel=1e-12)
    assert from_video.step.contact_time == pytest.approx(from_mat.step.contact_time, rel=1e-12)
    assert from_video.video is not None and from_mat.video is None


def test_the_video_result_says_how_precise_a_frame_count_is():
    html = calculators.run(SLUG, {"timing": "frames"})["html"]
    assert text_of(html, ".aq-result__video") == (
        "From the video: 12 frames on the ground and 14 in the air at 120 fps, that is 100 ms and 116.7 ms. "
        "At 120 fps one frame lasts 8.3 ms, so each time may be off by up to a frame."
    )


def test_fields_of_the_way_not_chosen_are_neither_read_nor_checked():
    answer = calculators.run(SLUG, {"timing": "ms", "contact_frames": "lots", "frame_rate": "5"})
    assert answer["ok"] is True and answer["errors"] == {}
    assert answer["values"]["contact_frames"] == "lots"  # kept as typed, for when the reader switches back
    answer = calculators.run(SLUG, {"timing": "frames", "contact_time": "", "flight_time": "-1"})
    assert answer["ok"] is True


def test_the_form_shows_each_way_of_timing_only_when_it_is_chosen():
    page = BeautifulSoup(calculators.form_html(SLUG), "html.parser")
    shown_when = {tag["data-field"]: tag.get("data-show-when") for tag in page.select("[data-field]")}
    assert shown_when == {
        "timing": None,
        "contact_time": "timing=ms",
        "flight_time": "timing=ms",
        "contact_frames": "timing=frames",
        "flight_frames": "timing=frames",
        "frame_rate": "timing=frames",
        "step_length_unit": None,
        "step_length": None,
    }
    assert page.select_one("#step_timing-contact_frames")["inputmode"] == "numeric"
    assert page.select_one("#step_timing-step_length")["inputmode"] == "decimal"


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "name", "message"),
    [
        ({"contact_time": "40"}, "contact_time", "Ground contact time must be between 50 and 400 ms."),
        ({"contact_time": ""}, "contact_time", "Ground contact time is needed."),
        ({"flight_time": "-5"}, "flight_time", "Flight time must be between 0 and 300 ms."),
        ({"flight_time": "fast"}, "flight_time", "Enter a number, like 72.5."),
        ({"step_length": "220"}, "step_length", "Step length must be between 0.5 and 3.5 m."),
        ({"timing": "seconds"}, "timing", "Choose one of: ms, frames."),
        ({"timing": "frames", "contact_frames": "12.5"}, "contact_frames", "Ground contact in frames must be a whole number, like 12."),
        ({"timing": "frames", "flight_frames": "2,5"}, "flight_frames", "Flight in frames must be a whole number, like 12."),
        ({"timing": "frames", "frame_rate": "10"}, "frame_rate", "Video frame rate must be between 24 and 1000 fps."),
        ({"timing": "frames", "frame_rate": "5000"}, "frame_rate", "Video frame rate must be between 24 and 1000 fps."),
        (
            {"timing": "frames", "contact_frames": "3", "frame_rate": "120"},
            "contact_frames",
            "3 frames at 120 fps is 25 ms; ground contact time must be between 50 and 400 ms. "
            "Check the frame count and the frame rate.",
        ),
        (
            {"timing": "frames", "flight_frames": "90", "frame_rate": "240"},
            "flight_frames",
            "90 frames at 240 fps is 375 ms; flight time must be between 0 and 300 ms. "
            "Check the frame count and the frame rate.",
        ),
        (
            {"contact_time": "80", "flight_time": "100", "step_length": "2.5"},
            "step_length",
            "A step of 2.5 m every 180 ms is 13.9 m/s, faster than 13 m/s, beyond any recorded sprint: "
            "check the step length and the times.",
        ),
    ],
)
def test_bad_input_gets_a_plain_message_on_its_own_field(inputs, name, message):
    answer = calculators.run(SLUG, inputs)
    assert answer["ok"] is False
    assert answer["errors"] == {name: message}
    assert "needs attention" in answer["html"]


def test_a_bad_field_keeps_every_other_value_as_typed():
    answer = calculators.run(SLUG, {"contact_time": "abc", "flight_time": "115", "step_length": "2,15"})
    assert set(answer["errors"]) == {"contact_time"}
    assert answer["values"]["contact_time"] == "abc"
    assert answer["values"]["flight_time"] == "115"
    assert answer["values"]["step_length"] == "2.15"


def test_the_fastest_plausible_speed_is_still_accepted():
    # 2.86 m every 220 ms = 13.0 m/s exactly: at the limit, not beyond it.
    assert calculators.run(SLUG, {"step_length": "2.86"})["ok"] is True


# --- Properties ------------------------------------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"-?[0-9]{0,4}([.,][0-9]{0,3})?", fullmatch=True),
    st.sampled_from(["ms", "frames", "FRAMES", "NaN", "inf", "1e3", "<script>", "0", ""]),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(INPUT_NAMES), TEXTS))
def test_any_text_in_any_field_gives_an_answer_never_an_exception(inputs):
    answer = calculators.run(SLUG, inputs)
    assert json.loads(json.dumps(answer)) == answer
    assert answer["ok"] is (answer["errors"] == {})
    assert set(answer["errors"]) <= set(INPUT_NAMES)
    assert set(answer["values"]) == set(INPUT_NAMES)


@settings(max_examples=200, deadline=None)
@given(
    contact=st.integers(min_value=50, max_value=400),
    flight=st.integers(min_value=0, max_value=300),
    length_cm=st.integers(min_value=50, max_value=350),
)
def test_speed_is_always_step_length_over_step_time_and_shares_add_up(contact, flight, length_cm):
    evaluation = CALCULATOR.evaluate(
        {"contact_time": str(contact), "flight_time": str(flight), "step_length": str(length_cm / 100)}
    )
    speed = (length_cm / 100) / ((contact + flight) / 1000)
    if speed > 13:
        assert set(evaluation.errors) == {"step_length"}
        return
    step = evaluation.result.step
    assert step.speed == pytest.approx(speed)
    assert step.ground_share_percent + step.air_share_percent == pytest.approx(100)
    assert all(w.speed_change_percent is None or w.speed_change_percent > 0 for w in evaluation.result.what_ifs)


def test_text_typed_into_the_form_is_never_markup():
    answer = calculators.run(SLUG, {"contact_time": "<script>alert(1)</script>", "timing": "<b>ms</b>"})
    assert "<script>" not in answer["html"] and "<b>" not in answer["html"]
    form = calculators.form_html(SLUG, answer["values"], answer["errors"])
    assert "<script>" not in form and "&lt;script&gt;" in form


# --- Chart, explanation and tunable numbers --------------------------------------------------


def test_the_chart_is_one_step_split_into_ground_and_air_with_a_text_equivalent():
    page = BeautifulSoup(calculators.run(SLUG, {})["html"], "html.parser")
    svg = page.select_one("figure.aq-chart svg")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "One step, split into time on the ground and time in the air"
    assert svg.desc.get_text() == "Of each 220 ms step, 100 ms (45.5 %) is spent on the ground and 120 ms (54.5 %) in the air."
    ground, air = svg.select("rect.aq-chart__segment")
    # 340 px of bar: 100/220 of it on the ground, 120/220 in the air.
    assert float(ground["width"]) == pytest.approx(340 * 100 / 220, abs=0.05)
    assert float(air["width"]) == pytest.approx(340 * 120 / 220, abs=0.05)


def test_the_explanation_gives_the_formulas_the_ranges_and_the_sources():
    page = BeautifulSoup(calculators.explanation_html(SLUG), "html.parser")
    text = page.get_text()
    assert "About this model." in text
    assert "Speed = step length × step frequency" in text
    assert "12 frames at 120 fps is 12 ÷ 120 = 0.1 s = 100 ms" in text
    assert "ground contact −10 ms, flight −10 ms, step length +5 cm" in text
    sources = [item.get_text() for item in page.select(".aq-explanation__sources li")]
    assert len(sources) == 2
    assert sources[0].startswith("Hunter, Marshall and McNair (2004)")
    assert sources[1].startswith("Weyand, Sternlight, Bellizzi and Wright (2000)")


def test_changing_a_what_if_in_the_toml_changes_the_table_with_no_code_change(tmp_path):
    tuned = tmp_path / "parameters.toml"
    tuned.write_text(
        PACKAGED_TOML.read_text(encoding="utf-8").replace("step_length_change_cm = 5.0", "step_length_change_cm = 10.0"),
        encoding="utf-8",
    )
    calculator = make_calculator(load_parameters(tuned))
    html = calculator.run({})["html"]
    # 2.3 m / 0.22 s = 10.4545 m/s, +4.5 %
    assert "Step length 10 cm longer" in html and "10.45 m/s" in html and "+4.5 %" in html


def test_changing_a_range_in_the_toml_changes_the_field_message(tmp_path):
    tuned = tmp_path / "parameters.toml"
    tuned.write_text(
        PACKAGED_TOML.read_text(encoding="utf-8").replace("contact_time_min_ms = 50.0", "contact_time_min_ms = 70.0"),
        encoding="utf-8",
    )
    answer = make_calculator(load_parameters(tuned)).run({"contact_time": "60"})
    assert answer["errors"] == {"contact_time": "Ground contact time must be between 70 and 400 ms."}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("step_length_change_cm = 5.0", "step_length_change_cm = 0"), r"what_if\.step_length_change_cm must not be 0"),
        (("contact_time_max_ms = 400.0", "contact_time_max_ms = 40.0"), r"inputs\.contact_time_max_ms must be more than 50"),
        (("fastest_speed_m_per_s = 13.0", "fastest_sped_m_per_s = 13.0"), r"inputs\.fastest_sped_m_per_s is not a known setting"),
        (("contact_time_min_ms = 50.0", "contact_time_min_ms = 0.0"), r"inputs\.contact_time_min_ms must be more than 0"),
    ],
)
def test_a_mistake_in_the_toml_names_the_key_to_fix(change, message):
    text = PACKAGED_TOML.read_text(encoding="utf-8").replace(*change)
    with pytest.raises(ParameterError, match=message):
        parameters_from_toml(tomllib.loads(text))


def test_the_model_holds_the_other_two_numbers_in_each_what_if():
    step = Step(contact_time=0.1, flight_time=0.12, step_length=2.2)
    parameters = replace(load_parameters(), contact_time_change_ms=-20.0)
    contact, flight, length = what_ifs(step, parameters)
    assert contact.step == Step(pytest.approx(0.08), 0.12, 2.2)
    assert flight.step == Step(0.1, pytest.approx(0.11), 2.2)
    assert length.step == Step(0.1, 0.12, pytest.approx(2.25))
