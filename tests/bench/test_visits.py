"""How the benchmark puts a long task down to the site: by the time the site's scripts ran in it."""

from __future__ import annotations

from tests.bench.visits import (
    BUNDLE_LOADER,
    HEAD_SCRIPT,
    MAIN_THREAD,
    WATCH_MAIN_THREAD,
    inline_script_name,
    script_name,
    site_scripts,
    site_tasks,
)
from tests.browser.calculator_page import ARTICLE, SLUG, Calculator

SITE = "http://127.0.0.1:8000/"
PAGE = SITE + "running-mechanics/foot-strike/"
CALCULATORS_JS = SITE + "assets/javascripts/calculators.js?v=8dbfe0bacd75"
CALCULATORS = [100, 30, CALCULATORS_JS, CALCULATORS_JS, "module-script"]
HEAD = [200, 41, PAGE, PAGE, "classic-script"]  # the head's script, which starts the calculators' worker
HEAD_RAN = [200.4, HEAD_SCRIPT]  # the time the head's script noted as it began (visits.WATCH_MAIN_THREAD)
LOADER_RAN = [505.0, BUNDLE_LOADER]  # and the bundle's loader
MATERIAL = [300, 60, SITE + "assets/javascripts/bundle.a5f9d56c.min.js?v=97a8b856f352", "#document.onDOMContentLoaded", "event-listener"]
# Material's bundle run by the script element the page's own script inserted (material-bundle.html)
MATERIAL_INSERTED = [400, 141, PAGE, 'SCRIPT[src="' + SITE + 'assets/javascripts/bundle.a5f9d56c.min.js?v=97a8b856f352"]', "classic-script"]
MATERIALS_INLINE = [500, 12, PAGE, PAGE, "classic-script"]  # its colour scheme's script, reading local storage
HEAD_TIMER = [700, 8, PAGE, "TimerHandler:setTimeout", "user-callback"]  # the head's script's next task


def main_thread(tasks: list[list[float]], page: str = PAGE + "#strength_balance") -> dict:
    scripts = [CALCULATORS, HEAD, MATERIAL, MATERIAL_INSERTED, MATERIALS_INLINE, HEAD_TIMER]
    return {"page": page, "scripts": scripts, "inline": [HEAD_RAN], "tasks": tasks, "now": 10_000.0}


def test_the_sites_modules_and_its_scripts_written_into_the_page_are_the_sites():
    assert site_scripts(main_thread([])) == [CALCULATORS, HEAD, HEAD_TIMER]


def test_materials_own_inline_scripts_are_not_the_sites():
    # every inline script has the page's address; only the site's two note when they ran
    assert MATERIALS_INLINE not in site_scripts(main_thread([]))
    assert MATERIALS_INLINE in site_scripts(main_thread([]) | {"inline": [HEAD_RAN, LOADER_RAN]})


def test_the_sites_inline_scripts_are_named_by_which_noted_its_time():
    thread = main_thread([]) | {"inline": [HEAD_RAN, LOADER_RAN]}
    assert inline_script_name(thread, HEAD) == HEAD_SCRIPT
    assert inline_script_name(thread, MATERIALS_INLINE) == BUNDLE_LOADER  # as if it were
    assert inline_script_name(main_thread([]), MATERIALS_INLINE) == ""


def test_materials_bundle_is_not_the_sites_even_when_the_pages_own_script_inserted_it():
    assert MATERIAL not in site_scripts(main_thread([], page=PAGE))
    assert MATERIAL_INSERTED not in site_scripts(main_thread([], page=PAGE))


def test_a_long_task_is_the_sites_when_its_scripts_made_it_long():
    # calculators.js ran 30 ms, the head's script 41 ms; Material's bundle is not the site's
    tasks = [[90, 55], [190, 53], [290, 80], [390, 600]]
    assert site_tasks(main_thread(tasks)) == [[90, 55], [190, 53]]


def test_a_task_long_without_the_sites_scripts_is_not_the_sites():
    # the page parsed around the head's script: 41 of 120 ms, 79 ms without it
    assert site_tasks(main_thread([[150, 120]])) == []


def test_a_task_in_which_the_sites_scripts_ran_50_ms_is_the_sites_however_long():
    running_long = [100, 60, CALCULATORS_JS, CALCULATORS_JS, "module-script"]
    thread = main_thread([[90, 200]]) | {"scripts": [running_long]}
    assert site_tasks(thread) == [[90, 200]]


def test_a_script_is_named_by_its_file_or_as_the_pages_own():
    assert script_name(CALCULATORS[2], PAGE) == "calculators.js"
    assert script_name(PAGE, PAGE + "#strength_balance") == "the page's own"


def test_on_the_built_site_the_sites_two_inline_scripts_note_when_they_ran(browser, site_url):
    """In real Chromium, with the benchmark's watch installed: the head's script and the bundle's
    loader each note one time, in that order, and the calculator still goes live."""
    context = browser.new_context()
    try:
        context.add_init_script(WATCH_MAIN_THREAD)
        page = context.new_page()
        page.goto(f"{site_url}{ARTICLE}#{SLUG}")
        Calculator(page).expect_state("live")
        noted = page.evaluate(MAIN_THREAD)["inline"]  # other scripts read the two properties later
        assert noted[0][1] == HEAD_SCRIPT and 0 < noted[0][0]
        assert any(name == BUNDLE_LOADER and ran > noted[0][0] for ran, name in noted)
        assert page.evaluate("'aqEarlyStart' in window")  # the head's script went on past its check of Worker
    finally:
        context.close()
