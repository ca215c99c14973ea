"""Units the reader uses, in real Chromium on the built site: a unit switch converts what is typed
(by the same Python) and keeps the result, the units travel in the shared address, and the
reader's unit system (metric or US) is remembered across pages, or simply not when storage is
refused."""

from __future__ import annotations

import re

from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean
from tests.support.browser import PageRecorder
from tests.support.calculator_markup import shared_query

SPRINT_PROFILE_PAGE = "calculators/sprint-profile/"
DEFAULTS = calculators.defaults(SLUG)


def headline(calculator: Calculator) -> str:
    return calculator.result.locator(".aq-result__headline").inner_text()


def unit_shown(calculator: Calculator, field: str) -> str:
    return calculator.section.locator(f"[data-field={field}] .aq-field__unit").inner_text()


def test_switching_kg_to_lb_converts_the_typed_value_and_keeps_the_result(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "80"})
    in_kg = calculator.expect_result_for({**DEFAULTS, "body_mass": "80"})
    before = headline(calculator)

    calculator.choice("body_mass_unit", "lb").check()
    # 80 kg / 0.45359237 = 176.37 lb: to the hundredth, so the result does not move
    expect(calculator.field("body_mass")).to_have_value("176.37")
    assert unit_shown(calculator, "body_mass") == "lb"
    in_lb = calculator.expect_result_for({**DEFAULTS, "body_mass_unit": "lb", "body_mass": "176.37"})
    assert headline(calculator) == before
    assert in_lb["summary"] == in_kg["summary"]

    calculator.choice("force_unit", "lbf").check()
    # 780 N / 4.4482216152605 = 175.35 lbf
    expect(calculator.field("pushing_leg_left")).to_have_value("175.35")
    assert unit_shown(calculator, "pushing_leg") == "lbf"
    calculator.expect_result_for(calculator.inputs())
    assert headline(calculator) == before
    assert "lbf" in calculator.result.inner_text()  # the forces shown back in the reader's unit

    calculator.choice("body_mass_unit", "kg").check()
    expect(calculator.field("body_mass")).to_have_value("80")  # and back again, exactly
    assert_clean(desktop)


def test_a_unit_typed_after_the_number_is_understood_and_a_bad_value_names_the_unit(phone, site_url):
    phone.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(phone.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "165 lb"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "165 lb"})
    calculator.type({"body_mass": "heavy"})
    expect(calculator.error("body_mass")).to_have_text("Enter your body mass in kg, like 72.5 (or switch to lb).")
    expect(calculator.field("body_mass")).to_have_value("heavy")  # nothing typed is lost


# Holds the page's first unit conversion on its way to the worker until the test lets it go, as a
# busy phone would: the reader's next click lands while Python is still converting.
HOLD_FIRST_CONVERSION = """(() => {
  const Started = window.Worker;
  let held = null;
  window.aqReleaseConversion = () => held?.();
  window.Worker = class extends Started {
    postMessage(data, ...rest) {
      if (data?.type === "convert" && !window.aqConversionHeld) {
        window.aqConversionHeld = true;
        held = () => super.postMessage(data, ...rest);
        return;
      }
      super.postMessage(data, ...rest);
    }
  };
})()"""


def test_a_second_unit_switch_while_python_converts_converts_those_numbers_too(desktop, site_url):
    desktop.page.add_init_script(HOLD_FIRST_CONVERSION)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    before = headline(calculator)

    calculator.choice("body_mass_unit", "lb").check()
    desktop.page.wait_for_function("window.aqConversionHeld === true")
    calculator.choice("force_unit", "kgf").check()  # before Python has answered the first switch
    desktop.page.evaluate("window.aqReleaseConversion()")

    expect(calculator.field("body_mass")).to_have_value("165.35")  # 75 kg
    expect(calculator.field("swing_leg_left")).to_have_value("18.355")  # 180 N, not 180 kgf
    calculator.expect_result_for(calculator.inputs())
    assert headline(calculator) == before
    assert_clean(desktop)


def test_the_units_survive_the_shared_address(browser, site_url):
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as first:
        first.page.goto(site_url + CALCULATOR_PAGE)
        calculator = Calculator(first.page)
        calculator.expect_state("live")
        calculator.choice("body_mass_unit", "lb").check()
        calculator.choice("force_unit", "kgf").check()
        expect(calculator.field("swing_leg_left")).to_have_value("18.355")  # 180 N in kgf
        typed = calculator.inputs()
        answer = calculator.expect_result_for(typed)
        address = first.page.url
    assert f"{SLUG}.body_mass_unit=lb" in address and f"{SLUG}.force_unit=kgf" in address

    with PageRecorder.open(browser, width=375, height=812, mobile=True) as second:  # another device
        second.page.goto(address)
        again = Calculator(second.page)
        again.expect_state("live")
        expect(again.choice("body_mass_unit", "lb")).to_be_checked()
        expect(again.choice("force_unit", "kgf")).to_be_checked()
        assert again.inputs() == typed
        assert again.expect_result_for(typed)["summary"] == answer["summary"]
        assert unit_shown(again, "body_mass") == "lb"
        assert_clean(second)


def test_the_reader_s_unit_system_is_remembered_across_pages(desktop, site_url):
    page = desktop.page
    page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(page)
    calculator.expect_state("live")
    before = headline(calculator)
    calculator.section.get_by_role("radio", name="US").check()
    expect(calculator.field("body_mass")).to_have_value("165.35")  # 75 kg
    expect(calculator.field("pushing_leg_left")).to_have_value("175.35")  # 780 N in lbf
    expect(calculator.choice("sprint_distance_unit", "yd")).to_be_checked()
    calculator.expect_result_for(calculator.inputs())
    assert headline(calculator) == before

    page.goto(site_url + SPRINT_PROFILE_PAGE)  # a page never opened: US units from the start
    profile = Calculator(page, "sprint_profile")
    expect(profile.section.get_by_role("radio", name="US")).to_be_checked()
    for choice, unit in [("body_mass_unit", "lb"), ("height_unit", "ft+in"), ("split_distance_unit", "yd")]:
        expect(profile.choice(choice, unit)).to_be_checked()
    expect(profile.field("height")).to_have_value("5 ft 10.87 in")  # 180 cm = 70.87 in
    assert unit_shown(profile, "height") == "ft and in"
    profile.expect_state("live")
    in_us = profile.expect_result_for(profile.inputs())
    in_metric = calculators.run("sprint_profile", {})
    assert in_us["summary"] == in_metric["summary"]  # the same athlete and splits
    assert re.search(r"\b5\.468 yd\b", profile.result.inner_text())  # the first gate, 5 m, in yards

    profile.section.get_by_role("radio", name="Metric").check()
    expect(profile.field("body_mass")).to_have_value("75")
    page.goto(site_url + CALCULATOR_PAGE)
    expect(Calculator(page).choice("body_mass_unit", "kg")).to_be_checked()
    assert_clean(desktop)


def test_with_storage_refused_the_unit_system_still_switches_this_page(browser, site_url):
    refuse = "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('refused', 'SecurityError'); } });"
    with PageRecorder.open(browser, width=375, height=812, mobile=True) as visit:
        visit.page.context.add_init_script(refuse)
        visit.page.goto(site_url + CALCULATOR_PAGE)
        calculator = Calculator(visit.page)
        calculator.expect_state("live")
        calculator.section.get_by_role("radio", name="US").check()
        expect(calculator.field("body_mass")).to_have_value("165.35")
        calculator.expect_result_for(calculator.inputs())
        visit.page.reload()
        expect(Calculator(visit.page).section.get_by_role("radio", name="Metric")).to_be_checked()


def test_an_address_made_before_the_unit_choices_keeps_its_metric_meaning_for_a_us_reader(desktop, site_url):
    """The reader's US units apply to calculators the address does not set; this one it sets, with
    no unit named: it means kilograms and newtons, as it did when it was shared."""
    page = desktop.page
    page.goto(site_url + CALCULATOR_PAGE)
    Calculator(page).section.get_by_role("radio", name="US").check()
    before = {name: text for name, text in DEFAULTS.items() if text and name not in {"body_mass_unit", "sprint_distance_unit", "force_unit"}}
    page.goto(site_url + CALCULATOR_PAGE + shared_query(SLUG, "1", {**before, "body_mass": "80", "swing_leg_left": "200"}))
    calculator = Calculator(page)
    calculator.expect_state("live")
    expect(calculator.choice("body_mass_unit", "kg")).to_be_checked()
    expect(calculator.choice("force_unit", "N")).to_be_checked()
    assert calculator.inputs()["body_mass"] == "80"
    calculator.expect_result_for({**DEFAULTS, "body_mass": "80", "swing_leg_left": "200"})
