"""The calculators give the same answers in real Pyodide (Python 3.14, WebAssembly) as in CPython.

The wheel the site ships is loaded into the pinned npm `pyodide` package under Node. Every
calculator `calculators.available()` finds is run there on its own examples
(tests/calculators/<slug>/examples.py): its worked examples and its generated cases
(GENERATED_CASES, 100 unless it says otherwise). Every answer, HTML included, must equal
CPython's byte for byte; and so must a squad of its generated athletes through `run_table`.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

import calculators
from tests.support.calculator_examples import every_calculator, generated_inputs
from tests.support.squad_files import full_inputs, random_spreadsheet, squad_csv

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).resolve().parent / "run_calculators.mjs"
CALCULATORS = [pytest.param(slug, id=slug) for slug, _ in every_calculator()]


SQUAD_SIZE = 40


def cases_of_every_calculator() -> dict[str, dict[str, list]]:
    """slug -> {"worked": [inputs, ...], "generated": [inputs, ...], "squad": [csv text]}, the same on
    every run (the squad: the first generated athletes, as a spreadsheet saves them)."""
    cases = {}
    for slug, examples in every_calculator():
        generated = generated_inputs(slug, examples)
        athletes = [full_inputs(slug, inputs) for inputs in generated[:SQUAD_SIZE]]
        squad = squad_csv(slug, athletes, random_spreadsheet(random.Random(slug)))
        cases[slug] = {"worked": examples.WORKED_EXAMPLES, "generated": generated, "squad": [squad]}
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
    flat = [(slug, case) for slug, kinds in cases.items() for each in kinds.values() for case in each]
    ran = run_in_pyodide(node, calculators_wheel, flat)
    assert len(ran["results"]) == len(flat)
    answers = iter(ran["results"])
    by_slug = {
        slug: {kind: [next(answers) for _ in inputs] for kind, inputs in kinds.items()} for slug, kinds in cases.items()
    }
    return {"python": ran["python"], "cases": cases, "answers": by_slug}


def mismatches(slug: str, cases: list[dict[str, str]], in_pyodide: list[dict]) -> list[dict[str, str]]:
    """The inputs whose answer in Pyodide differs from CPython's."""
    return [inputs for inputs, answer in zip(cases, in_pyodide, strict=True) if answer != calculators.run(slug, inputs)]


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
