"""AQ's calculators: pure standard-library Python that runs in CPython and in Pyodide alike.

This is the whole public surface. The browser worker calls `run`; the site build calls
`form_html`, `run` (with the defaults) and `explanation_html` to put a worked example in the page.

    >>> import calculators
    >>> "strength_balance" in calculators.available()
    True
    >>> answer = calculators.run("strength_balance", {"body_mass": "72,5"})
    >>> answer["ok"], answer["values"]["body_mass"]
    (True, '72.5')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from calculators import registry

__all__ = ["available", "defaults", "explanation_html", "form_html", "run", "title"]


def available() -> tuple[str, ...]:
    """The slugs of every registered calculator, e.g. ("strength_balance",)."""
    return tuple(registry.CALCULATORS)


def run(slug: str, raw_inputs: Mapping[str, str], *, id_prefix: str | None = None) -> dict[str, Any]:
    """Run a calculator on what the reader typed; never raises for bad input.

    Returns a JSON-serialisable dict: `slug`, `schema` (the input schema version, for shared
    URLs), `ok`, `html` (the result, or a short notice naming the fields to fix), `errors`
    (input name -> message) and `values` (input name -> tidy text, or the raw text when invalid).
    A missing key takes the field's default; an empty string means the field was left empty;
    unknown keys are ignored. An unknown slug raises LookupError (a programming error).
    `id_prefix` (default: the slug) starts every id in the result, for two copies on one page.
    """
    return registry.get(slug).run(raw_inputs, id_prefix=id_prefix)


def defaults(slug: str) -> dict[str, str]:
    """Input name -> the text the form starts with ("" for an optional field with no default)."""
    return registry.get(slug).defaults()


def form_html(
    slug: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    id_prefix: str | None = None,
) -> str:
    """The calculator's accessible form, filled with `values` (defaults where missing) and `errors`."""
    return registry.get(slug).form_html(values, errors, id_prefix)


def explanation_html(slug: str) -> str:
    """The static explanation: the formula in words, the reference values in use, the sources."""
    return registry.get(slug).explain()


def title(slug: str) -> str:
    """The calculator's title, e.g. "Strength Balance"."""
    return registry.get(slug).title
