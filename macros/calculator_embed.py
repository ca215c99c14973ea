"""`{{ calculator("strength_balance") }}`: a calculator in a page, with a worked example in it.

The macro checks the writer's call, runs the calculator in CPython on the example's inputs (the
calculator's defaults, or the values the writer gives: `calculator("strength_balance",
body_mass=80)`), and writes the form and that result into the page. A reader without JavaScript,
or whose browser is still loading Python, already sees a correct worked example. The page script
(overrides/assets/javascripts/calculators.js) makes the same markup live for every calculator,
reading only the `data-` attributes written here: nothing in this module or in the page script
knows any one calculator.

A call that cannot give a correct example (an unknown calculator, an input it does not have, a
value it refuses) stops the build with a message naming the page and the problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

import calculators
from macros.browser_runtime import RuntimePaths, runtime_paths

EXAMPLE_STATUS = "Example result for the values shown."
PRIVACY_NOTE = "Worked out in your browser: nothing you type leaves your device."


class CalculatorCallError(ValueError):
    """A writer's `calculator(...)` call that cannot be built: the message says what to change."""


@dataclass(frozen=True)
class Example:
    """What a page shows before Python runs in the browser: the inputs and their result."""

    slug: str
    inputs: Mapping[str, str]
    result: Mapping[str, Any]


def example(slug: str, overrides: Mapping[str, object]) -> Example:
    """Check a call's calculator and overrides, and run the calculator on the example's inputs."""
    call = _call_text(slug, overrides)
    if slug not in calculators.available():
        raise CalculatorCallError(
            f"{call}: there is no calculator called {slug!r}. "
            f"The calculators are: {', '.join(calculators.available())}."
        )
    defaults = calculators.defaults(slug)
    unknown = [name for name in overrides if name not in defaults]
    if unknown:
        raise CalculatorCallError(
            f"{call}: the {calculators.title(slug)} calculator has no input called "
            f"{', '.join(map(repr, unknown))}. Its inputs are: {', '.join(defaults)}."
        )
    inputs = {**defaults, **{name: _as_text(call, name, value) for name, value in overrides.items()}}
    result = calculators.run(slug, inputs)
    if result["errors"]:
        problems = "; ".join(f"{name}: {message}" for name, message in result["errors"].items())
        raise CalculatorCallError(f"{call}: the example's inputs are not valid. {problems}")
    return Example(slug=slug, inputs=result["values"], result=result)


def _as_text(call: str, name: str, value: object) -> str:
    """A writer's value as the text a reader would type (80 -> "80", 72.5 -> "72.5")."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CalculatorCallError(f"{call}: {name} must be a number or text, not {value!r}.")
    return value if isinstance(value, str) else repr(value)


def _call_text(slug: object, overrides: Mapping[str, object]) -> str:
    arguments = [repr(slug), *(f"{name}={value!r}" for name, value in overrides.items())]
    return f"calculator({', '.join(arguments)})"


def render(shown: Example, *, page_url: str, paths: RuntimePaths, explain: bool) -> str:
    """The calculator's section: title, form, status line, the example result, and optionally
    the model's explanation. URLs are relative to the page, so the site works under any path."""
    slug = shown.slug
    prefix = slug
    title_id = f"{prefix}-title"
    data = {
        "data-calculator": slug,
        "data-schema": str(shown.result["schema"]),
        "data-id-prefix": prefix,
        "data-worker-url": get_relative_url(paths.worker, page_url),
        "data-pyodide-url": get_relative_url(paths.pyodide, page_url),
        "data-wheel-url": get_relative_url(paths.wheel, page_url),
    }
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in data.items())
    explanation = (
        f'<div class="aq-calc__explanation">{calculators.explanation_html(slug)}</div>' if explain else ""
    )
    return (
        f'<section class="aq-calc" id="{escape(prefix)}" aria-labelledby="{escape(title_id)}"{attributes}>'
        f'<h3 class="aq-calc__title" id="{escape(title_id)}">{escape(calculators.title(slug))}</h3>'
        f'<p class="aq-calc__privacy">{escape(PRIVACY_NOTE)}</p>'
        f'<div data-search-exclude>{calculators.form_html(slug, shown.inputs, id_prefix=prefix)}'
        '<div class="aq-calc__output" aria-live="polite">'
        '<div class="aq-calc__status-bar">'
        f'<p class="aq-calc__status" data-state="example">{escape(EXAMPLE_STATUS)}</p>'
        '<button type="button" class="aq-calc__retry md-button" hidden>Retry</button>'
        "</div>"
        f'<div class="aq-calc__result">{shown.result["html"]}</div>'
        "</div></div>"
        f"{explanation}"
        "</section>"
    )


def calculator_macro(env: Any) -> Callable[..., str]:
    """The `calculator(...)` macro for mkdocs-macros, bound to its environment (for the page)."""

    def calculator(slug: str, explain: bool = False, **overrides: object) -> str:
        """Embed a calculator: `calculator("strength_balance")`, with `explain=True` to add the
        model's explanation, and any input's example value as a keyword (`body_mass=80`)."""
        page = env.page
        try:
            shown = example(slug, overrides)
            if not isinstance(explain, bool):
                raise CalculatorCallError(f"{_call_text(slug, overrides)}: explain must be True or False.")
        except CalculatorCallError as problem:
            raise CalculatorCallError(f"{page.file.src_path}: {problem}") from None
        paths = runtime_paths(Path(env.project_dir))
        return render(shown, page_url=page.url, paths=paths, explain=explain)

    return calculator
