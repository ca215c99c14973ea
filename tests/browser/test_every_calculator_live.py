"""Every registered calculator live in real Chromium, on its own page of the built site: typing gives
the result CPython gives, a bad value gets its message next to its field, and a shared address
restores the inputs and the result.

The same three tests run for each calculator from one scenario apiece (what to choose and type,
and one bad value), through the page object of test_calculator_live.py, which covers the
runtime itself in depth with Strength Balance. A calculator added to the registry without a
scenario here fails `test_every_calculator_has_a_scenario`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import Calculator, assert_clean
from tests.support.browser import PageRecorder


@dataclass(frozen=True)
class Scenario:
    """What a reader does with one calculator: choose options, then type values (the page object
    opens a folded group as a reader would)."""

    slug: str
    page: str
    typed: Mapping[str, str]
    bad: tuple[str, str, str]
    """An input, a value it refuses, and part of the message the reader should see next to it."""
    choices: Mapping[str, str] = field(default_factory=dict)
    shown: tuple[str, ...] = ()
    """Inputs the choices bring into view."""
    hidden: tuple[str, ...] = ()
    """Inputs the choices take away (not shown, not sent)."""

    def __str__(self) -> str:
        return self.slug


SCENARIOS = [
    Scenario(
        slug="strength_balance",
        page="calculators/strength-balance/",
        choices={"force_unit": "kgf"},
        typed={"body_mass": "82,5", "swing_leg_left": "24", "pushing_leg_right": "79"},
        bad=("body_mass", "500", "Body mass must be between 30 and 200 kg"),
    ),
    Scenario(
        slug="step_timing",
        page="calculators/step-timing/",
        choices={"timing": "frames"},
        typed={"contact_frames": "11", "flight_frames": "13", "frame_rate": "100", "step_length": "2,05"},
        bad=("contact_frames", "12.5", "Ground contact in frames must be a whole number"),
        shown=("contact_frames", "flight_frames", "frame_rate"),
        hidden=("contact_time", "flight_time"),
    ),
    Scenario(
        slug="sprint_profile",
        page="calculators/sprint-profile/",
        typed={"body_mass": "68", "split_2_time": "1.95", "split_5_distance": "40", "split_5_time": "5.31", "temperature": "28"},
        bad=("split_3_distance", "8", "Each split must be further from the start than the one before"),
    ),
]


def test_every_calculator_has_a_scenario():
    assert sorted(scenario.slug for scenario in SCENARIOS) == sorted(calculators.available())


def use(calculator: Calculator, scenario: Scenario) -> dict[str, str]:
    """Do what the scenario's reader does; return the inputs the form then holds."""
    for name, value in scenario.choices.items():
        calculator.choice(name, value).check()
    calculator.type(scenario.typed)
    inputs = calculator.inputs()
    for name, value in {**scenario.choices, **scenario.typed}.items():
        assert inputs[name] == value
    for name in scenario.shown:
        expect(calculator.field(name)).to_be_visible()
    for name in scenario.hidden:
        expect(calculator.field(name)).to_be_hidden()
        assert name not in inputs
    return inputs


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_typing_gives_the_result_python_gives(desktop, site_url, scenario):
    desktop.page.goto(site_url + scenario.page)
    calculator = Calculator(desktop.page, scenario.slug)
    calculator.bring_into_view()
    calculator.expect_state("live")
    inputs = use(calculator, scenario)
    answer = calculator.expect_result_for(inputs)
    assert answer["ok"] is True, answer["errors"]
    calculator.expect_state("live")
    assert_clean(desktop)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_bad_input_is_explained_next_to_its_field(phone, site_url, scenario):
    phone.page.goto(site_url + scenario.page)
    calculator = Calculator(phone.page, scenario.slug)
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


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_a_shared_address_restores_the_inputs_and_their_result(browser, site_url, scenario):
    last_name, last_value = list(scenario.typed.items())[-1]
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        visit.page.goto(site_url + scenario.page)
        calculator = Calculator(visit.page, scenario.slug)
        calculator.bring_into_view()
        mine = use(calculator, scenario)
        calculator.expect_result_for(mine)
        key = f"{scenario.slug}.{last_name}"
        visit.page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get(key) == [last_value])
        shared = visit.page.url
        assert_clean(visit)

    with PageRecorder.open(browser, width=375, height=812, mobile=True) as friend:
        friend.page.goto(shared)
        calculator = Calculator(friend.page, scenario.slug)
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
