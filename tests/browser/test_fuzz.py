"""Fuzzed in the browser: for every calculator, 1,000 generated input sets (its examples'
`random_inputs`) go through the real page, one after the other, as fast as it answers. Each
result shown is the markup CPython's `calculators.run` gives for the inputs the page sent, and
none is the "Something went wrong" (broken) state."""

from __future__ import annotations

import random

import pytest

import calculators
from tests.browser.calculator_page import Calculator
from tests.support.calculator_examples import every_calculator
from tests.support.calculator_markup import canonical

CASES = 1_000

# In the page: fill the form with each input set (a name left out is empty, a choice not offered
# is no option checked), tell the page script as typing would, and wait for its answer.
RUN_EVERY_CASE = """
async ([slug, cases]) => {
  const section = document.querySelector(`section.aq-calc[data-calculator=${slug}]`);
  const form = section.querySelector("form");
  const answered = () => new Promise((resolve) =>
    section.addEventListener("aq-calculator:result", resolve, { once: true }));
  const seen = [];
  for (const inputs of cases) {
    for (const control of form.elements) {
      if (!control.name) continue;
      if (control.type === "radio") control.checked = (inputs[control.name] ?? "") === control.value;
      else control.value = inputs[control.name] ?? "";
    }
    const answer = answered();
    form.elements[0].dispatchEvent(new Event("input", { bubbles: true }));
    await answer;
    const sent = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
    seen.push({ sent, html: section.querySelector(".aq-calc__result").innerHTML,
                state: section.querySelector(".aq-calc__status").dataset.state });
  }
  return seen;
}
"""


@pytest.mark.parametrize(("slug", "examples"), every_calculator(), ids=[slug for slug, _ in every_calculator()])
def test_generated_inputs_give_the_results_cpython_gives(desktop, site_url, slug, examples):
    rng = random.Random(f"browser-fuzz-{slug}")
    cases = [examples.random_inputs(rng) for _ in range(CASES)]
    desktop.page.goto(site_url + examples.SCENARIO.page)
    Calculator(desktop.page, slug).expect_state("live")
    seen = desktop.page.evaluate(RUN_EVERY_CASE, [slug, cases])
    assert len(seen) == CASES
    broken = [each["sent"] for each in seen if each["state"] == "broken"]
    assert broken == [], f"'Something went wrong' for {broken[:3]}"
    different = [each["sent"] for each in seen
                 if canonical(each["html"]) != canonical(calculators.run(slug, each["sent"])["html"])]
    assert different == [], f"{len(different)} of {CASES} differ from CPython, e.g. {different[:3]}"
