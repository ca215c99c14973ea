"""The generated form follows the DOM conventions the page script relies on, and is accessible."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import calculators
from calculators.core.fields import Choice, ChoiceField, NumberField
from calculators.core.form import render_form
from tests.support.typing_like_a_reader import MISTAKES

SLUG = "strength_balance"


def form(values=None, errors=None) -> BeautifulSoup:
    return BeautifulSoup(calculators.form_html(SLUG, values, errors), "html.parser")


def test_the_form_element_is_plain_and_has_no_submit_button():
    """The section around the form names the calculator and its schema; the form only holds fields."""
    page = form()
    element = page.select_one("form")
    assert element["class"] == ["aq-calc__form"]
    assert not element.has_attr("data-calculator") and not element.has_attr("data-schema")
    assert element.has_attr("novalidate")
    assert page.select("button, input[type=submit]") == []


def test_every_control_has_a_label_and_ids_are_unique():
    page = form()
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    controls = page.select("input, select")
    assert {control["name"] for control in controls} == set(calculators.defaults(SLUG))
    for control in controls:
        label = page.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), control["name"]


def test_numbers_are_text_inputs_with_a_decimal_keyboard_described_by_help_and_error():
    """A phone's decimal keyboard has digits and a separator only: a duration, which may be typed
    as minutes:seconds, gets the full keyboard for its colon."""
    page = form()
    for control in page.select("input:not([type=radio])"):
        keyboard = "text" if control["name"].endswith(("torso_left", "torso_right", "sprint_time")) else "decimal"
        assert control["type"] == "text" and control["inputmode"] == keyboard and control["autocomplete"] == "off"
        for described in control["aria-describedby"].split():
            assert page.find(id=described) is not None
    body_mass = page.select_one("#strength_balance-body_mass")
    assert body_mass["name"] == "body_mass" and body_mass["value"] == "75"
    assert body_mass["aria-describedby"] == "strength_balance-body_mass-help strength_balance-body_mass-error"


def test_a_number_holds_at_most_its_declared_length_and_every_mistake_a_reader_types_fits():
    """The form's maxlength comes from the declaration; the page refuses longer address values."""
    for control in form().select("input:not([type=radio])"):
        assert control["maxlength"] == str(NumberField("x", "X").max_length)
    assert max(len(mistake) for mistake in MISTAKES) <= NumberField("x", "X").max_length
    narrow = render_form("demo", (NumberField("count", "Count", max_length=4),))
    assert 'maxlength="4"' in narrow


def test_a_single_field_is_a_div_with_label_and_unit_control_help_and_an_empty_error_slot():
    field = form().select_one('div.aq-field[data-field="body_mass"]')
    children = [child for child in field.children if child.name]
    assert [child.name for child in children] == ["label", "input", "p", "p"]
    label, _, help_text, error = children
    assert label["for"] == "strength_balance-body_mass"
    assert label.select_one(".aq-field__unit").get_text() == "kg"
    assert help_text["class"] == ["aq-field__help"] and help_text["id"] == "strength_balance-body_mass-help"
    assert error["class"] == ["aq-field__error"] and error["id"] == "strength_balance-body_mass-error"
    assert error["data-error-for"] == "body_mass" and error.get_text() == ""


def test_left_and_right_values_sit_in_a_fieldset_with_a_legend():
    pair = form().select_one('fieldset.aq-pair[data-field="swing_leg"]')
    assert pair.legend.get_text(" ", strip=True) == "Swing leg N"  # the force unit chosen
    sides = pair.select("div.aq-field")
    assert [side["data-field"] for side in sides] == ["swing_leg_left", "swing_leg_right"]
    assert [side.label.get_text() for side in sides] == ["Left", "Right"]
    assert [side.input["value"] for side in sides] == ["180", "170"]
    assert [side.select_one(".aq-field__error")["data-error-for"] for side in sides] == ["swing_leg_left", "swing_leg_right"]


def test_the_force_unit_is_a_radio_group_with_a_legend():
    field = form({"force_unit": "kgf"}).select_one('div.aq-field[data-field="force_unit"]')
    assert field.fieldset.legend.get_text() == "Force unit"
    radios = field.select("input[type=radio]")
    assert {radio["name"] for radio in radios} == {"force_unit"}
    assert [radio["value"] for radio in radios if radio.has_attr("checked")] == ["kgf"]


def test_optional_groups_are_folded_until_they_hold_a_value_or_an_error():
    closed = form()
    assert [group["data-group"] for group in closed.select("details.aq-group")] == ["sprint", "previous"]
    assert not any(group.has_attr("open") for group in closed.select("details.aq-group"))
    assert closed.select_one('details[data-group="sprint"] summary').get_text().startswith("Sprint time")
    with_time = form({"sprint_time": "5.6"})
    assert with_time.select_one('details[data-group="sprint"]').has_attr("open")
    with_error = form(errors={"previous_torso_left": "Enter the previous torso (left) too."})
    assert with_error.select_one('details[data-group="previous"]').has_attr("open")


def test_errors_from_run_are_shown_beside_their_fields_and_mark_the_control_invalid():
    answer = calculators.run(SLUG, {"body_mass": "250", "arms_right": "lots"})
    page = form(answer["values"], answer["errors"])
    error = page.select_one('[data-error-for="body_mass"]')
    assert error.get_text() == "Body mass must be between 30 and 200 kg."
    assert page.select_one("#strength_balance-body_mass")["aria-invalid"] == "true"
    assert page.select_one("#strength_balance-arms_right")["value"] == "lots"  # kept as typed
    assert not page.select_one("#strength_balance-arms_left").has_attr("aria-invalid")


def test_every_id_starts_with_the_slug_and_names_stay_plain():
    """Ids start with the slug so that two different calculators never clash on one page."""
    page = form()
    assert page.select_one("#strength_balance-body_mass")["name"] == "body_mass"
    assert page.select_one("#strength_balance-body_mass-error")["data-error-for"] == "body_mass"
    assert all(tag["id"].startswith("strength_balance-") for tag in page.find_all(id=True))


def test_the_form_needs_no_inline_script_style_or_event_handler():
    html = calculators.form_html(SLUG)
    assert "<script" not in html and "style=" not in html
    page = BeautifulSoup(html, "html.parser")
    for tag in page.find_all(True):
        assert not any(attribute.startswith("on") for attribute in tag.attrs), tag.name


@pytest.mark.parametrize("count, control", [(4, "radio"), (5, "select")])
def test_a_choice_of_more_than_four_options_becomes_a_select(count, control):
    field = ChoiceField("event", "Event", tuple(Choice(f"e{i}", f"Event {i}") for i in range(count)), default="e1")
    page = BeautifulSoup(render_form("demo", (field,)), "html.parser")
    if control == "select":
        select = page.select_one("select#demo-event")
        assert page.find("label", attrs={"for": "demo-event"}).get_text() == "Event"
        assert select.find("option", selected=True)["value"] == "e1"
    else:
        assert len(page.select("input[type=radio]")) == 4


def test_show_when_is_passed_to_the_page_script_as_a_data_attribute():
    field = NumberField("frame_rate", "Frame rate", "fps", minimum=1, show_when="mode=frames")
    page = BeautifulSoup(render_form("demo", (field,)), "html.parser")
    assert page.select_one('[data-field="frame_rate"]')["data-show-when"] == "mode=frames"


def test_a_row_keeps_a_splits_distance_and_time_on_one_line_and_they_are_read_as_two_inputs():
    page = BeautifulSoup(calculators.form_html("sprint_profile"), "html.parser")
    first = page.select_one("form > .aq-row")
    assert [control["name"] for control in first.select("input")] == ["split_1_distance", "split_1_time"]
    assert [label.get_text(" ", strip=True) for label in first.select("label")] == ["Split 1 distance m", "Split 1 time s"]
    answer = calculators.run("sprint_profile", {"split_1_distance": "5", "split_1_time": "1.30"})
    assert answer["values"]["split_1_distance"] == "5" and answer["values"]["split_1_time"] == "1.3"
