"""How the benchmark puts a long task down to the site: by the time the site's scripts ran in it."""

from __future__ import annotations

from tests.bench.visits import script_name, site_scripts, site_tasks

SITE = "http://127.0.0.1:8000/"
PAGE = SITE + "running-mechanics/foot-strike/"
CALCULATORS = [100, 30, SITE + "assets/javascripts/calculators.js?v=8dbfe0bacd75", "http://127.0.0.1:8000/assets/javascripts/calculators.js?v=8dbfe0bacd75"]
HEAD = [200, 41, PAGE, PAGE]  # the head's script, which starts the calculators' worker
MATERIAL = [300, 60, SITE + "assets/javascripts/bundle.a5f9d56c.min.js?v=97a8b856f352", "#document.onDOMContentLoaded"]
# Material's bundle run by the script element the page's own script inserted (material-bundle.html)
MATERIAL_INSERTED = [400, 141, PAGE, 'SCRIPT[src="' + SITE + 'assets/javascripts/bundle.a5f9d56c.min.js?v=97a8b856f352"]']


def main_thread(tasks: list[list[float]], page: str = PAGE + "#strength_balance") -> dict:
    return {"page": page, "scripts": [CALCULATORS, HEAD, MATERIAL, MATERIAL_INSERTED], "tasks": tasks, "now": 10_000.0}


def test_the_sites_modules_and_the_scripts_written_into_the_page_are_the_sites():
    assert site_scripts(main_thread([])) == [CALCULATORS, HEAD]


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
    running_long = [100, 60, CALCULATORS[2], CALCULATORS[3]]
    thread = main_thread([[90, 200]]) | {"scripts": [running_long]}
    assert site_tasks(thread) == [[90, 200]]


def test_a_script_is_named_by_its_file_or_as_the_pages_own():
    assert script_name(CALCULATORS[2], PAGE) == "calculators.js"
    assert script_name(PAGE, PAGE + "#strength_balance") == "the page's own"
