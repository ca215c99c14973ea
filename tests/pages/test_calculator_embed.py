"""The `calculator(...)` macro's own rules, without a build: what a writer's call becomes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

import calculators
from macros.browser_runtime import RuntimePaths
from macros.calculator_embed import CalculatorCallError, Placement, calculator_macro, example, placement, render
from macros.deferred_html import deferred_of
from tests.support.calculator_markup import canonical
from tests.support.site import PROJECT_ROOT

PATHS = RuntimePaths(
    pyodide="assets/pyodide/1.2.3/",
    wheel="assets/calculators/abc/x-1.0-py3-none-any.whl",
    stdlib="assets/calculators/abc/python.zip",
    snapshot="assets/calculators/abc/pyodide-1.2.3.snapshot.gz",
)


def test_a_writer_sets_the_example_values_in_the_call():
    shown = example("strength_balance", {"body_mass": 80, "improvement": "15"})
    assert shown.inputs["body_mass"] == "80" and shown.inputs["improvement"] == "15"
    expected = calculators.run("strength_balance", {**calculators.defaults("strength_balance"), "body_mass": "80", "improvement": "15"})
    assert shown.result["html"] == expected["html"]

    section = BeautifulSoup(render(shown, page_url="a/b/", paths=PATHS, explain=False), "html.parser").section
    assert section.select_one("input[name=body_mass]")["value"] == "80"
    assert canonical(section.select_one(".aq-calc__result").decode_contents()) == canonical(expected["html"])
    assert not section.select(".aq-calc__explanation")


def test_the_urls_are_relative_to_the_page():
    section = BeautifulSoup(
        render(example("strength_balance", {}), page_url="a/b/", paths=PATHS, explain=True), "html.parser"
    ).section
    assert section["data-pyodide-url"] == "../../assets/pyodide/1.2.3/"
    assert section["data-wheel-url"] == "../../assets/calculators/abc/x-1.0-py3-none-any.whl"
    assert section["data-worker-url"] == "../../assets/javascripts/calculator-worker.mjs"
    assert section["data-snapshot-url"] == "../../assets/calculators/abc/pyodide-1.2.3.snapshot.gz"
    assert section.select(".aq-calc__explanation .aq-explanation")


@pytest.mark.parametrize(
    ("slug", "overrides", "said"),
    [
        ("nope", {}, "no calculator called 'nope'"),
        ("strength_balance", {"weight": 80}, "no input called 'weight'"),
        ("strength_balance", {"body_mass": "abc"}, "body_mass: "),
        ("strength_balance", {"body_mass": True}, "must be a number or text"),
        ("strength_balance", {"sprint_distance": 40}, "sprint_time: "),  # a rule spanning two fields
    ],
)
def test_a_call_that_cannot_give_a_correct_example_is_refused(slug, overrides, said):
    with pytest.raises(CalculatorCallError, match=said.replace("(", r"\(")):
        example(slug, overrides)


def test_a_calculator_under_the_page_title_heads_its_own_section():
    page = "# Step timing\n\nType one step.\n\n{{ calculator('step_timing') }}\n\n## How to measure\n"
    assert placement(page, "step_timing", earlier_calculators=0) == Placement(heading_level=2, model_noted=False)


def test_a_calculator_inside_a_section_is_a_subsection_and_only_the_first_on_a_page_shows_the_model_note():
    page = '# Article\n\n## Your step\n\n{{ calculator("step_timing") }}\n\n## Balance\n\n{{ calculator( "strength_balance" ) }}\n'
    assert placement(page, "step_timing", earlier_calculators=0) == Placement(heading_level=3, model_noted=False)
    second = placement(page, "strength_balance", earlier_calculators=1)
    assert second == Placement(heading_level=3, model_noted=True)
    section = BeautifulSoup(
        render(example("strength_balance", {}), page_url="a/", paths=PATHS, explain=False, where=second), "html.parser"
    ).section
    assert section.select_one("h3.aq-calc__title").get_text() == "Strength Balance"
    assert "aq-calc--model-noted" in section["class"]
    assert section.select_one(".aq-result__model-note")  # still in the markup, for print and sharing


def test_the_example_headline_figures_come_with_the_section():
    shown = example("step_timing", {})
    glance = BeautifulSoup(render(shown, page_url="a/", paths=PATHS, explain=False), "html.parser").select_one(".aq-calc__glance")
    assert glance["aria-hidden"] == "true" and glance["data-state"] == "example"
    assert " ".join(glance.get_text(" ").split()) == "Example " + " ".join(f"{name} {value}" for name, value in shown.result["summary"].items())


def test_a_build_renders_a_section_once_for_all_pages_that_see_it_alike():
    """The macro reuses a section within a build only where everything it shows is the same: on a
    page at another depth the runtime's URLs and the result's site links differ, and so does the
    section."""
    env = SimpleNamespace(project_dir=str(PROJECT_ROOT), conf={}, page=None)
    calculator = calculator_macro(env)

    def on_page(src_path: str, url: str) -> str:
        markdown = "## A\n\n{{ calculator('strength_balance') }}\n"
        env.page = SimpleNamespace(file=SimpleNamespace(src_path=src_path), url=url, markdown=markdown)
        return deferred_of(env.conf).restore(calculator("strength_balance"))  # as the page is written

    first, second = on_page("running-mechanics/a.md", "running-mechanics/a/"), on_page("calculators/b.md", "calculators/b/")
    home = on_page("index.md", "")
    assert first == second
    assert home != first
    assert 'data-site-root="../../"' in first and 'data-site-root=""' in home
    assert 'data-worker-url="../../assets/javascripts/calculator-worker.mjs"' in first
    assert 'data-worker-url="assets/javascripts/calculator-worker.mjs"' in home
