"""Each calculator's own cases for the test layers that run every calculator alike.

Beside its unit tests, each calculator's test folder, tests/calculators/<slug>/, has an
examples.py with:

    WORKED_EXAMPLES: list[dict[str, str]]   inputs (name -> text) the Pyodide parity test runs
    def random_inputs(rng: random.Random) -> dict[str, str]
                                            one repeatable generated case, about a third mistyped
    SCENARIO: Scenario                      what a reader does with it in the browser
    GENERATED_CASES: int                    optional: how many generated cases (default 100)

The Pyodide parity test and the every-calculator browser test find calculators through
`every_calculator()`, so a new calculator folder with its examples.py is tested by both with no
edit to them, and a calculator without one fails there with a message saying what to add.
"""

from __future__ import annotations

import importlib
import random
from types import ModuleType
from typing import Protocol, cast

import calculators
from tests.support.scenario import Scenario

REQUIRED = ("WORKED_EXAMPLES", "random_inputs", "SCENARIO")
DEFAULT_GENERATED_CASES = 100


class CalculatorExamples(Protocol):
    """The contract of a calculator's examples.py (GENERATED_CASES is optional)."""

    WORKED_EXAMPLES: list[dict[str, str]]
    SCENARIO: Scenario

    def random_inputs(self, rng: random.Random) -> dict[str, str]: ...


class MissingExamples(LookupError):
    """A calculator has no examples.py, or one without the names the shared tests need."""


def examples_folder(slug: str) -> str:
    return f"tests/calculators/{slug}/"


def examples_for(slug: str) -> CalculatorExamples:
    """The examples module of the calculator `slug`: tests/calculators/<slug>/examples.py."""
    module_name = f"tests.calculators.{slug}.examples"
    try:
        module: ModuleType | None = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name not in (module_name, f"tests.calculators.{slug}"):
            raise  # the examples exist but import something missing: show that error as it is
        module = None
    missing = [name for name in REQUIRED if module is None or not hasattr(module, name)]
    if missing:
        where = f"{examples_folder(slug)}examples.py"
        problem = "does not exist" if module is None else f"lacks {', '.join(missing)}"
        raise MissingExamples(
            f"The calculator {slug!r} has no examples for the tests every calculator goes through: {where} "
            f"{problem}. Add that file (and {examples_folder(slug)}__init__.py) defining WORKED_EXAMPLES "
            "(a list of inputs, name -> text), random_inputs(rng) (one generated case) and SCENARIO "
            "(a tests.support.scenario.Scenario); see tests/support/calculator_examples.py."
        )
    return cast(CalculatorExamples, module)


def every_calculator() -> list[tuple[str, CalculatorExamples]]:
    """(slug, examples) for every calculator `calculators.available()` finds, in its order."""
    return [(slug, examples_for(slug)) for slug in calculators.available()]


def generated_inputs(slug: str, examples: CalculatorExamples) -> list[dict[str, str]]:
    """The calculator's GENERATED_CASES (default 100) generated cases, the same on every run."""
    rng = random.Random(slug)
    count = getattr(examples, "GENERATED_CASES", DEFAULT_GENERATED_CASES)
    return [examples.random_inputs(rng) for _ in range(count)]
