"""Every calculator live in real Chromium, on its own page of the built site: typing gives the
result CPython gives, a bad value gets its message next to its field, and a shared address
restores the inputs and the result.

The same three tests run for each calculator `calculators.available()` finds, from the SCENARIO
in its tests/calculators/<slug>/examples.py (what to choose and type, and one bad value), through
the page object of test_calculator_live.py, which covers the runtime itself in depth with
Strength Balance. A calculator without examples fails here, with a message saying what to add.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.calculator_page import Calculator, assert_clean
from tests.support.browser import PageRecorder
from tests.support.calculator_examples import every_calculator
from tests.support.scenario import Scenario

SCENARIOS = [pytest.param(slug, examples.SCENARIO, id=slug) for slug, examples in every_calculator()]


def use(calculator: Calculator, scenario: Scenario) -> dict[str, str]:
    """Do what the scenario's reader does; return the inputs the form then holds."""
    for name, value in scenario.choices.items():
        calculator.choice(name, value).check()
    calculator.type(scenario.typed)
    inputs = calculator.inputs()
    for name, value in scenario.inputs().items():
        assert inputs[name] == value
    for name in scenario.shown:
        expect(calculator.field(name)).to_be_visible()
    for name in scenario.hidden:
        expect(calculator.field(name)).to_be_hidden()
        assert name not in inputs
    return inputs


@pytest.mark.parametrize(("slug", "scenario"), SCENARIOS)
def test_typing_gives_the_result_python_gives(desktop, site_url, slug, scenario):
    desktop.page.goto(site_url + scenario.page)
    calculator = Calculator(desktop.page, slug)
    calculator.bring_into_view()
    calculator.expect_state("live")
    inputs = use(calculator, scenario)
    answer = calculator.expect_result_for(inputs)
    assert answer["ok"] is True, answer["errors"]
    calculator.expect_state("live")
    assert_clean(desktop)


@pytest.mark.parametrize(("slug", "scenario"), SCENARIOS)
def test_bad_input_is_explained_next_to_its_field(phone, site_url, slug, scenario):
    phone.page.goto(site_url + scenario.page)
    calculator = Calculator(phone.page, slug)
    calculator.bring_into_view()
    calculator.expect_state("live")
    inputs = use(calculator, scenario)
    name, value, message = scenario.bad
    calculator.type({name: value})

    expect(calculator.error(name)).to_contain_text(message)
    expect(calculator.field(name)).to_have_attribute("aria-invalid", "true")
    assert calculator.error(name).get_attribute("id") in calculator.field(name).get_attribute("aria-describedby").split()
    calculator.expect_state("invalid")
    expect(calculator.field(name)).to_have_value(value)  # kept exactly as typed
    for other, typed in scenario.typed.items():
        if other != name:
            expect(calculator.field(other)).to_have_value(typed)
            expect(calculator.error(other)).to_be_empty()
    calculator.expect_result_for({**inputs, name: value})  # the notice naming the field to fix

    calculator.type({name: inputs[name]})
    expect(calculator.error(name)).to_be_empty()
    calculator.expect_result_for(inputs)
    calculator.expect_state("live")
    assert_clean(phone)


@pytest.mark.parametrize(("slug", "scenario"), SCENARIOS)
def test_a_shared_address_restores_the_inputs_and_their_result(browser, site_url, slug, scenario):
    last_name, last_value = list(scenario.typed.items())[-1]
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        visit.page.goto(site_url + scenario.page)
        calculator = Calculator(visit.page, slug)
        calculator.bring_into_view()
        mine = use(calculator, scenario)
        calculator.expect_result_for(mine)
        key = f"{slug}.{last_name}"
        visit.page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get(key) == [last_value])
        shared = visit.page.url
        assert_clean(visit)

    with PageRecorder.open(browser, width=375, height=812, mobile=True) as friend:
        friend.page.goto(shared)
        calculator = Calculator(friend.page, slug)
        calculator.expect_state("live")
        assert calculator.inputs() == mine
        for name in scenario.shown:
            expect(calculator.field(name)).to_be_visible()
        for name in scenario.hidden:
            expect(calculator.field(name)).to_be_hidden()
        calculator.expect_result_for(mine)

        friend.page.reload()
        calculator.expect_state("live")
        assert calculator.inputs() == mine
        calculator.expect_result_for(mine)
        assert_clean(friend)
