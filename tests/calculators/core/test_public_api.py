"""The public API the browser worker and the site build rely on: `calculators.run` and friends."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

import calculators

SLUG = "strength_balance"
INPUT_NAMES = [
    "body_mass_unit", "body_mass", "force_unit",
    "pushing_leg_left", "pushing_leg_right", "swing_leg_left", "swing_leg_right",
    "arms_left", "arms_right", "torso_left", "torso_right",
    "improvement", "sprint_distance_unit", "sprint_distance", "sprint_time",
    "previous_body_mass",
    "previous_pushing_leg_left", "previous_pushing_leg_right",
    "previous_swing_leg_left", "previous_swing_leg_right",
    "previous_arms_left", "previous_arms_right",
    "previous_torso_left", "previous_torso_right",
]


def test_strength_balance_is_registered_with_its_title():
    assert "strength_balance" in calculators.available()
    assert all(isinstance(slug, str) for slug in calculators.available())
    assert calculators.title(SLUG) == "Strength Balance"


def test_an_unknown_slug_is_a_programming_error_with_a_clear_message():
    with pytest.raises(LookupError, match=r"No calculator called 'nope'\. Known calculators: .*strength_balance"):
        calculators.run("nope", {})
    with pytest.raises(LookupError):
        calculators.form_html("nope")


def test_defaults_give_every_input_its_starting_text():
    defaults = calculators.defaults(SLUG)
    assert list(defaults) == INPUT_NAMES
    assert defaults["body_mass"] == "75"
    assert defaults["force_unit"] == "N"
    assert defaults["improvement"] == "10"
    assert defaults["sprint_time"] == "" and defaults["previous_body_mass"] == ""


def test_run_with_the_defaults_answers_with_the_worked_example():
    answer = calculators.run(SLUG, {})
    assert set(answer) == {"slug", "schema", "ok", "html", "errors", "values", "summary", "figures"}
    assert answer["summary"] == {
        "Strength Balance": "81.0",
        "Limited by": "Swing leg",
        "Speed change from training it": "+2.64 %",
    }
    assert answer["slug"] == SLUG and answer["schema"] == 1
    assert answer["ok"] is True and answer["errors"] == {}
    assert answer["values"] == calculators.defaults(SLUG)
    page = BeautifulSoup(answer["html"], "html.parser")
    assert page.select_one(".aq-result__headline").get_text() == "Strength Balance: 81.0 out of 100"
    assert page.select_one(".aq-result__limiter").get_text().startswith("Your swing leg limits you")
    assert json.loads(json.dumps(answer)) == answer


def test_values_are_tidied_and_invalid_values_come_back_exactly_as_typed():
    answer = calculators.run(SLUG, {"body_mass": " 72,50 ", "arms_left": "12O", "torso_left": "1:5", "force_unit": "KGF"})
    values = answer["values"]
    assert values["body_mass"] == "72.5"
    assert values["torso_left"] == "1:05"
    assert values["force_unit"] == "kgf"
    assert values["arms_left"] == "12O"  # a letter O: kept for the reader to fix
    # 115 N, the form's example, is 11.7 kgf: the message asks in the reader's unit
    assert answer["errors"] == {"arms_left": "Enter the force in kgf, like 11.7 (or switch to N or lbf)."}


def test_an_empty_string_empties_a_field_and_a_missing_key_takes_its_default():
    answer = calculators.run(SLUG, {"body_mass": "", "improvement": ""})
    assert answer["errors"] == {"body_mass": "Body mass is needed."}
    assert answer["values"]["body_mass"] == ""
    assert answer["values"]["improvement"] == ""  # optional: not given, the TOML default is used
    assert answer["values"]["swing_leg_left"] == "180"  # missing: the default


def test_bad_input_gives_a_short_notice_naming_the_fields_by_label():
    answer = calculators.run(SLUG, {"body_mass": "-1", "swing_leg_right": "", "colour": "red"})
    assert answer["ok"] is False
    assert list(answer["errors"]) == ["body_mass", "swing_leg_right"]
    notice = BeautifulSoup(answer["html"], "html.parser").get_text()
    assert notice == "2 fields need attention: Body mass, Swing leg (right)."
    assert "Traceback" not in answer["html"]


def test_cross_field_checks_put_the_message_on_the_input_to_fix():
    assert calculators.run(SLUG, {"sprint_distance": "40"})["errors"] == {
        "sprint_time": "Enter the time for this distance, or clear the distance."
    }
    too_fast = calculators.run(SLUG, {"sprint_distance": "100", "sprint_time": "5"})["errors"]
    assert list(too_fast) == ["sprint_time"] and "faster than 13 m/s" in too_fast["sprint_time"]
    partial_retest = calculators.run(SLUG, {"previous_swing_leg_left": "150", "previous_swing_leg_right": "150"})
    assert "previous_swing_leg_left" not in partial_retest["errors"]
    assert partial_retest["errors"]["previous_torso_right"] == (
        "Enter the previous torso (right) too, or clear the previous test."
    )
    assert len(partial_retest["errors"]) == 6


def test_a_sprint_time_adds_a_predicted_time_column():
    answer = calculators.run(SLUG, {"sprint_distance": "40", "sprint_time": "5.60"})
    page = BeautifulSoup(answer["html"], "html.parser")
    table = page.find("caption", string=lambda text: text and text.startswith("Predicted changes")).parent
    assert [th.get_text() for th in table.select("thead th")][-1] == "Predicted time"
    swing_row = [row for row in table.select("tbody tr") if row.th.get_text().startswith("Swing leg")][0]
    # 5.60 / (1 + 2.638 / 100) = 5.456 s
    assert swing_row.select("td")[-1].get_text() == "5.46 s"
    assert "40 m in 5.60 s (7.14 m/s)" in page.select_one(".aq-result__sprint").get_text()


def test_the_result_has_a_scalable_accessible_chart_and_captioned_tables():
    page = BeautifulSoup(calculators.run(SLUG, {})["html"], "html.parser")
    svg = page.select_one("figure.aq-chart svg")
    assert svg["role"] == "img" and svg["width"] == "100%" and svg["viewbox"].startswith("0 0 360 ")
    title_id, desc_id = svg["aria-labelledby"].split()
    assert page.find(id=title_id).name == "title" and page.find(id=desc_id).name == "desc"
    assert "swing leg 0.78 (the limiter)" in page.find(id=desc_id).get_text()
    assert page.select(".aq-chart__bar--marked") and len(page.select(".aq-chart__bar")) == 4
    for table in page.find_all("table"):
        assert table.caption is not None
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))
    assert "model, not a measurement" in page.get_text()
    assert "style=" not in str(page) and "<script" not in str(page)


def test_the_retest_table_shows_the_change_since_last_time():
    answer = calculators.run(
        SLUG,
        {
            "previous_body_mass": "76",
            "previous_pushing_leg_left": "760", "previous_pushing_leg_right": "760",
            "previous_swing_leg_left": "150", "previous_swing_leg_right": "150",
            "previous_arms_left": "114", "previous_arms_right": "114",
            "previous_torso_left": "80", "previous_torso_right": "80",
        },
    )
    assert answer["ok"], answer["errors"]
    page = BeautifulSoup(answer["html"], "html.parser")
    retest = page.select_one(".aq-result__retest")
    rows = {row.th.get_text(): [td.get_text() for td in row.select("td")] for row in retest.select("tbody tr")}
    # previous at 76 kg: swing 150 / 228 = 0.658; now 0.778 -> +0.12
    assert rows["Swing leg"] == ["0.66", "0.78", "+0.12"]
    assert rows["Strength Balance"][1] == "81.0"


def test_the_explanation_says_what_the_model_rests_on_and_shows_the_numbers_in_use():
    page = BeautifulSoup(calculators.explanation_html(SLUG), "html.parser")
    text = page.get_text()
    assert "About this model." in text
    assert "never more than 1.5" in text and "0.3 × the capacity change, at most 5 %" in text
    rows = {row.th.get_text(): [td.get_text() for td in row.select("td")] for row in page.select("tbody tr")}
    assert rows["Pushing leg"] == ["Isometric split-stance push", "10 N per kg of body mass"]
    assert rows["Swing leg"][1] == "3 N per kg of body mass (provisional)"
    assert rows["Torso"] == ["Side-bridge hold", "100 s"]
    assert len(page.select(".aq-explanation__sources li")) == 5
    assert "Deane" in page.select_one(".aq-explanation__sources").get_text()
