"""The calculators give the same answers in real Pyodide (Python 3.14, WebAssembly) as in CPython.

The wheel the site ships is loaded into the pinned npm `pyodide` package under Node. Every
calculator `calculators.available()` finds is run there on its own examples
(tests/calculators/<slug>/examples.py): its worked examples and its generated cases
(GENERATED_CASES, 100 unless it says otherwise). Every answer, HTML included, must equal
CPython's byte for byte; and so must a squad of its generated athletes through `run_table`, and
every worked example switched to US units and back through `convert_units`.
"""

from __future__ import annotations

import importlib
import json
import random
import subprocess
from pathlib import Path

import pytest

import calculators
from calculators.core.fields import UNIT_SYSTEMS, unit_choices
from tests.support.calculator_examples import every_calculator, generated_inputs
from tests.support.squad_files import full_inputs, random_spreadsheet, squad_csv

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).resolve().parent / "run_calculators.mjs"
CALCULATORS = [pytest.param(slug, id=slug) for slug, _ in every_calculator()]


SQUAD_SIZE = 40


def unit_switches(slug: str, worked: list[dict[str, str]]) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(inputs, units): each worked example with every unit choice switched to US units, then to metric."""
    form = importlib.import_module(f"calculators.{slug}").CALCULATOR.form
    systems = [{name: choice.unit_for(system) for name, choice in unit_choices(form).items()} for system in UNIT_SYSTEMS]
    return [(inputs, units) for inputs in worked for units in systems if units]


def cases_of_every_calculator() -> dict[str, dict[str, list]]:
    """slug -> {"worked": [inputs, ...], "generated": [inputs, ...], "squad": [csv text], "switched":
    [(inputs, units), ...]}, the same on every run (the squad: the first generated athletes, as a
    spreadsheet saves them)."""
    cases = {}
    for slug, examples in every_calculator():
        generated = generated_inputs(slug, examples)
        athletes = [full_inputs(slug, inputs) for inputs in generated[:SQUAD_SIZE]]
        squad = squad_csv(slug, athletes, random_spreadsheet(random.Random(slug)))
        switched = unit_switches(slug, examples.WORKED_EXAMPLES)
        cases[slug] = {"worked": examples.WORKED_EXAMPLES, "generated": generated, "squad": [squad], "switched": switched}
    return cases


def run_in_pyodide(node: str, wheel: Path, cases: list[tuple[str, dict[str, str]]]) -> dict:
    """Pyodide's answers to [slug, inputs] cases, in order, and the version of its Python."""
    completed = subprocess.run(
        [node, str(RUNNER), str(wheel)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def pyodide_session(node, calculators_wheel) -> dict:
    """One Pyodide session (about 2 s to start) answers every case of every calculator.

    Returns {"python": version, "cases": the cases by slug and kind, "answers": Pyodide's answers
    in the same shape}.
    """
    cases = cases_of_every_calculator()
    flat = [
        (slug, *case) if kind == "switched" else (slug, case)  # a switch is (inputs, units)
        for slug, kinds in cases.items()
        for kind, each in kinds.items()
        for case in each
    ]
    ran = run_in_pyodide(node, calculators_wheel, flat)
    assert len(ran["results"]) == len(flat)
    answers = iter(ran["results"])
    by_slug = {
        slug: {kind: [next(answers) for _ in inputs] for kind, inputs in kinds.items()} for slug, kinds in cases.items()
    }
    return {"python": ran["python"], "cases": cases, "answers": by_slug}


def mismatches(slug: str, cases: list[dict[str, str]], in_pyodide: list[dict]) -> list[dict[str, str]]:
    """The inputs whose answer in Pyodide (through run_json, as the browser worker calls it) differs
    from CPython's through the same bridge."""
    return [
        inputs
        for inputs, answer in zip(cases, in_pyodide, strict=True)
        if answer != json.loads(calculators.run_json(slug, json.dumps(inputs)))
    ]


def test_the_runner_used_pyodides_python_3_14(pyodide_session):
    assert pyodide_session["python"].startswith("3.14.")


@pytest.mark.parametrize("slug", CALCULATORS)
def test_the_worked_examples_give_identical_answers_in_cpython_and_pyodide(pyodide_session, slug):
    cases = pyodide_session["cases"][slug]["worked"]
    in_pyodide = pyodide_session["answers"][slug]["worked"]
    assert any(answer["ok"] for answer in in_pyodide)  # the examples do compute
    assert mismatches(slug, cases, in_pyodide) == []


@pytest.mark.parametrize("slug", CALCULATORS)
def test_generated_inputs_give_identical_answers_in_cpython_and_pyodide(pyodide_session, slug):
    """Random inputs across the whole range, a third mistyped: the arithmetic, the searches and the
    formatting must come out the same in both Pythons."""
    cases = pyodide_session["cases"][slug]["generated"]
    in_pyodide = pyodide_session["answers"][slug]["generated"]
    assert sum(answer["ok"] for answer in in_pyodide) > len(cases) // 2  # most of them compute
    assert mismatches(slug, cases, in_pyodide) == []


@pytest.mark.parametrize("slug", CALCULATORS)
def test_a_squad_gives_identical_answers_in_cpython_and_pyodide(pyodide_session, slug):
    """run_table, the coach's batch, reads the same spreadsheet the same way in both Pythons."""
    (squad,) = pyodide_session["cases"][slug]["squad"]
    (in_pyodide,) = pyodide_session["answers"][slug]["squad"]
    assert in_pyodide["ok"] and len(in_pyodide["rows"]) == SQUAD_SIZE
    assert in_pyodide == calculators.run_table(slug, squad)


@pytest.mark.parametrize("slug", CALCULATORS)
def test_a_unit_switch_converts_identically_in_cpython_and_pyodide(pyodide_session, slug):
    """convert_units, which the page calls when the reader switches units, gives the same text."""
    cases = pyodide_session["cases"][slug]["switched"]
    in_pyodide = pyodide_session["answers"][slug]["switched"]
    assert len(cases) == 2 * len(pyodide_session["cases"][slug]["worked"])  # every calculator has unit choices
    assert in_pyodide == [calculators.convert_units(slug, inputs, units) for inputs, units in cases]
