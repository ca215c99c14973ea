"""A long session on one calculator, in real Chromium on the built site: what each new result
leaves behind. Chromium keeps memory for every result that replaces the page's nodes and for
every new address (it fetches the site's icon again), so a new result changes the nodes already
shown, and the address follows the reader's typing once they pause or leave the field
(tests/bench/memory_soak.py measures the memory itself; README, Speed)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean

DEFAULTS = calculators.defaults(SLUG)

# Counts the nodes added to the result and the address writes with this calculator's inputs.
WATCH = """
window.aqAdded = 0;
window.aqAddresses = [];
const replaceState = history.replaceState;
history.replaceState = function (state, unused, url) {
  if (String(url).includes("strength_balance.")) window.aqAddresses.push(new URL(url, location.href).search);
  return replaceState.call(this, state, unused, url);
};
addEventListener("DOMContentLoaded", () => {
  const result = document.querySelector("section.aq-calc[data-calculator=strength_balance] .aq-calc__result");
  new MutationObserver((changes) => {
    for (const change of changes) window.aqAdded += change.addedNodes.length;
  }).observe(result, { childList: true, subtree: true });
});
"""


def body_mass_addresses(page) -> list[str]:
    return [re.search(r"body_mass=([^&]*)", search).group(1) for search in page.evaluate("window.aqAddresses")]


def test_a_new_result_changes_the_numbers_in_place(desktop, site_url):
    desktop.page.add_init_script(WATCH)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "70"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "70"})
    headline = calculator.result.locator(".aq-result__value")
    headline.evaluate("value => { window.aqHeadline = value; window.aqAdded = 0; }")

    # 70 to 90 kg give results of one shape (the same limiter, the same rows): only numbers change.
    for body_mass in ("75", "80", "85", "90"):
        calculator.type({"body_mass": body_mass})
        answer = calculator.expect_result_for({**DEFAULTS, "body_mass": body_mass})
        expect(headline).to_have_text(answer["summary"]["Strength Balance"])
    assert headline.evaluate("value => value === window.aqHeadline")  # the same element, its text changed
    assert desktop.page.evaluate("window.aqAdded") == 0

    # A result of another shape (a message instead of the result) replaces what differs.
    calculator.type({"body_mass": "abc"})
    expect(calculator.error("body_mass")).to_contain_text("Enter your body mass in kg")
    calculator.expect_result_for({**DEFAULTS, "body_mass": "abc"})
    calculator.type({"body_mass": "80"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "80"})
    assert_clean(desktop)


def test_the_address_follows_the_reader_once_they_pause_or_leave_the_field(desktop, site_url):
    desktop.page.add_init_script(WATCH)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    field = calculator.field("body_mass")

    field.fill("")
    field.press_sequentially("72.75")  # five keys, five results
    calculator.expect_result_for({**DEFAULTS, "body_mass": "72.75"})
    desktop.page.wait_for_url(re.compile(rf"{SLUG}\.body_mass=72\.75"))  # written once the reader paused
    assert body_mass_addresses(desktop.page)[-1] == "72.75"
    assert len(body_mass_addresses(desktop.page)) < 5  # not once per key

    # Leaving the field writes the address at once: a click on Share, or on the address bar, finds it.
    field.press_sequentially("5")
    assert field.evaluate("field => { field.blur(); return location.search; }").count(f"{SLUG}.body_mass=72.755") == 1
    calculator.expect_result_for({**DEFAULTS, "body_mass": "72.755"})
    assert_clean(desktop)
