"""AQ's calculators: pure standard-library Python that runs in CPython and in Pyodide alike.

This is the whole public surface. The browser worker calls `run_json`; the site build calls
`form_html`, `run` (with the defaults) and `explanation_html` to put a worked example in the page.
Each calculator is a folder beside `core/` (see calculators/README.md); they are found, not listed.

    >>> import calculators
    >>> "strength_balance" in calculators.available()
    True
    >>> answer = calculators.run("strength_balance", {"body_mass": "72,5"})
    >>> answer["ok"], answer["values"]["body_mass"]
    (True, '72.5')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from calculators.core.registry import Registry, discover

__all__ = ["available", "defaults", "explanation_html", "form_html", "labels", "run", "run_json", "title"]

_REGISTRY = Registry(discover(__name__, __path__))


def available() -> tuple[str, ...]:
    """The slugs of every calculator, e.g. ("sprint_profile", "step_timing", "strength_balance")."""
    return _REGISTRY.slugs()


def run(slug: str, raw_inputs: Mapping[str, object]) -> dict[str, Any]:
    """Run a calculator on what the reader typed; never raises for bad input.

    Returns a JSON-serialisable dict: `slug`, `schema` (the input schema version, for shared
    addresses), `ok`, `html` (the result, or a short notice naming the fields to fix), `errors`
    (input name -> message) and `values` (input name -> tidy text, or the raw text when invalid).
    A missing key takes the field's default; an empty string means the field was left empty;
    unknown keys are ignored. An unknown slug raises LookupError (a programming error).
    """
    return _REGISTRY.get(slug).run(raw_inputs)


def run_json(slug: str, inputs_json: str) -> str:
    """`run` with JSON text in and out: the one bridge the browser worker calls.

    Only plain strings cross between JavaScript and Python, so nothing depends on how Pyodide
    converts objects; the Pyodide tests call this same function.
    """
    inputs = json.loads(inputs_json)
    if not isinstance(inputs, dict):
        raise TypeError(f"the inputs must be a JSON object of name -> text, not {type(inputs).__name__}")
    return json.dumps(run(slug, inputs))


def defaults(slug: str) -> dict[str, str]:
    """Input name -> the text the form starts with ("" for an optional field with no default)."""
    return _REGISTRY.get(slug).defaults()


def labels(slug: str) -> dict[str, str]:
    """Input name -> the label that names it away from the form, e.g. "Body mass"."""
    return _REGISTRY.get(slug).labels()


def form_html(slug: str, values: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None) -> str:
    """The calculator's accessible form, filled with `values` (defaults where missing) and `errors`."""
    return _REGISTRY.get(slug).form_html(values, errors)


def explanation_html(slug: str) -> str:
    """The static explanation: the formula in words, the reference values in use, the sources."""
    return _REGISTRY.get(slug).explain()


def title(slug: str) -> str:
    """The calculator's title, e.g. "Strength Balance"."""
    return _REGISTRY.get(slug).title
