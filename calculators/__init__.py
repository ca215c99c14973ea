"""AQ's calculators: pure standard-library Python that runs in CPython and in Pyodide alike.

This is the whole public surface. The browser worker calls `run_json` (and `defaults_json`); the site build calls
`form_html`, `run` (with the defaults), `fingerprint` and `explanation_html` to put a worked example in the page.
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
import zlib
from collections.abc import Mapping
from typing import Any

# First, before any dataclass is made: in the reader's browser, their methods come compiled by the
# site's build (core/generated_methods.py).
from calculators.core import generated_methods

generated_methods.use(__name__)

from calculators.core.parsing import convert_units as _convert_units  # noqa: E402 (after `use`)
from calculators.core.registry import Registry, discover  # noqa: E402 (after `use`)

__all__ = [
    "available",
    "convert_json",
    "convert_units",
    "defaults",
    "defaults_json",
    "explanation_html",
    "fingerprint",
    "form_html",
    "labels",
    "run",
    "run_json",
    "run_table",
    "run_table_json",
    "table_template",
    "title",
]

_REGISTRY = Registry(__name__, discover(__path__))


def available() -> tuple[str, ...]:
    """The slugs of every calculator, e.g. ("sprint_profile", "step_timing", "strength_balance")."""
    return _REGISTRY.slugs()


def run(slug: str, raw_inputs: Mapping[str, object]) -> dict[str, Any]:
    """Run a calculator on what the reader typed; never raises for bad input.

    Returns a JSON-serialisable dict: `slug`, `schema` (the input schema version, for shared
    addresses), `ok`, `html` (the result, or a short notice naming the fields to fix), `errors`
    (input name -> message), `values` (input name -> tidy text, or the raw text when invalid) and
    `summary` (the headline figures, column -> text, e.g. {"Strength Balance": "81.0", ...}; {}
    when not ok) and `figures` (the numbers a reader's saved tests chart over time, each
    {"name", "value", "unit"}, e.g. {"name": "Strength Balance", "value": 81.0, "unit": "out of 100"};
    [] when not ok).
    A missing key takes the field's default; an empty string means the field was left empty;
    unknown keys are ignored. An unknown slug raises LookupError (a programming error).
    """
    return _REGISTRY.get(slug).run(raw_inputs)


def run_json(slug: str, inputs_json: str) -> str:
    """`run` with JSON text in and out: the one bridge the browser worker calls. The answer also
    carries its html's `fingerprint`, by which the page knows a result it already shows.

    Only plain strings cross between JavaScript and Python, so nothing depends on how Pyodide
    converts objects; the Pyodide tests call this same function.
    """
    inputs = json.loads(inputs_json)
    if not isinstance(inputs, dict):
        raise TypeError(f"the inputs must be a JSON object of name -> text, not {type(inputs).__name__}")
    answer = run(slug, inputs)
    return json.dumps({**answer, "fingerprint": fingerprint(answer["html"])})


def fingerprint(html: str) -> str:
    """A result's html in a few characters: its length and CRC-32, e.g. "8723-5d2f1c0a".

    The build writes the worked example's on the page, and a first live result with the same one
    is that example: the page then marks it live and redraws nothing. Two different results of a
    calculator share one only by a 1 in 4 billion chance, with a length and CRC alike; the CRC is
    the one Python's start has loaded already (zlib), some 10 microseconds in Pyodide, where a
    cryptographic hash (hashlib) would import `logging` for 8 ms more.
    """
    data = html.encode()
    return f"{len(data)}-{zlib.crc32(data):08x}"


def convert_units(slug: str, raw_inputs: Mapping[str, object], units: Mapping[str, str]) -> dict[str, str]:
    """The inputs after the reader switches unit choices, e.g. {"body_mass_unit": "lb"}: every
    number those choices govern is converted ("75" kg -> "165.35" lb) so the result stays the same;
    text that is not a number is kept as typed. Returns every input's text (name -> text).
    """
    return _convert_units(_REGISTRY.get(slug).form, raw_inputs, units)


def convert_json(slug: str, inputs_json: str, units_json: str) -> str:
    """`convert_units` with JSON text in and out, for the browser worker."""
    inputs, units = json.loads(inputs_json), json.loads(units_json)
    if not isinstance(inputs, dict) or not isinstance(units, dict):
        raise TypeError("the inputs and the units must be JSON objects of name -> text")
    return json.dumps(convert_units(slug, inputs, {str(name): str(unit) for name, unit in units.items()}))


def run_table(slug: str, csv_text: str, *, with_html: bool = False) -> dict[str, Any]:
    """Run a calculator on every athlete of a squad's spreadsheet (CSV text); never raises for a bad file.

    The header row names the inputs (by name or label, in any case, with or without a unit in
    brackets: "Body mass (kg)"), plus an optional `athlete` (or `name`, `id`) column; `,`, `;` or
    tab between cells. Returns a JSON-serialisable dict: `ok` (False when the file as a whole cannot
    be read, with `message` saying what to do), `columns` (each column's letter, header and the
    input it fills, "" when unknown), `missing` (inputs the file has no column for: left empty),
    `rows` (per athlete: its `line`, `athlete` and `result`, exactly `run`'s answer for that row,
    headline figures in its `summary`, its `html` only when `with_html`), and `problems` (per bad
    value: line, athlete, field, column letter, header and the form's own message).
    """
    from calculators.core import squad  # with csv and statistics: imported by coach mode alone

    return squad.run_squad(_REGISTRY.get(slug), csv_text, with_html=with_html)


def run_table_json(slug: str, csv_text: str) -> str:
    """`run_table` with JSON out, for the browser worker (the CSV text comes in as it is)."""
    return json.dumps(run_table(slug, csv_text))


def table_template(slug: str) -> str:
    """A CSV file to start a squad from: the header row and one example athlete (the form's defaults)."""
    from calculators.core import squad  # with csv and statistics: imported by coach mode alone

    return squad.template(_REGISTRY.get(slug))


def defaults(slug: str) -> dict[str, str]:
    """Input name -> the text the form starts with ("" for an optional field with no default)."""
    return _REGISTRY.get(slug).defaults()


def defaults_json(slug: str) -> str:
    """`defaults` as JSON text: the browser worker works out a page's first result with them
    before the page asks (calculator-worker.mjs)."""
    return json.dumps(defaults(slug))


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
