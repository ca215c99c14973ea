"""`{{ calculator("strength_balance") }}`: a calculator in a page, with a worked example in it.

The macro checks the writer's call, runs the calculator in CPython on the example's inputs (the
calculator's defaults, or the values the writer gives: `calculator("strength_balance",
body_mass=80)`), and writes the section of `overrides/partials/calculator.html`: the form and that
result. A reader without JavaScript, or whose browser is still loading Python, already sees a
correct worked example. The page script (overrides/assets/javascripts/calculators.js) makes the
same markup live for every calculator, reading only the section's `data-` attributes: nothing in
this module, the template or the page script knows any one calculator.

A call that cannot give a correct example (an unknown calculator, an input it does not have, a
value it refuses, the same calculator twice on one page) raises `CalculatorCallError`, which
`macros.page_macros` reports with the page and the line (the preview shows it on the page; a strict
build fails).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import calculators
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from macros.browser_runtime import RuntimePaths, runtime_paths
from macros.deferred_html import deferred_of
from macros.early_downloads import PageCalculator, early_downloads_of
from macros.site_links import links_from, root_from

EXAMPLE_STATUS = "Example result for the values shown."
"""The status line before Python answers; the page script keeps it for the example it describes."""
PRIVACY_NOTE = "Worked out in your browser: nothing you type leaves your device."
TEMPLATE = Path(__file__).resolve().parent.parent / "overrides" / "partials" / "calculator.html"


class CalculatorCallError(ValueError):
    """A writer's `calculator(...)` call that cannot be built: the message says what to change."""


@dataclass(frozen=True)
class Example:
    """What a page shows before Python runs in the browser: the calculator's inputs and their result."""

    slug: str
    title: str
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
    title = calculators.title(slug)
    defaults = calculators.defaults(slug)
    unknown = [name for name in overrides if name not in defaults]
    if unknown:
        raise CalculatorCallError(
            f"{call}: the {title} calculator has no input called "
            f"{', '.join(map(repr, unknown))}. Its inputs are: {', '.join(defaults)}."
        )
    inputs = {**defaults, **{name: _as_text(call, name, value) for name, value in overrides.items()}}
    result = calculators.run(slug, inputs)
    if result["errors"]:
        problems = "; ".join(f"{name}: {message}" for name, message in result["errors"].items())
        raise CalculatorCallError(f"{call}: the example's inputs are not valid. {problems}")
    return Example(slug=slug, title=title, inputs=result["values"], result=result)


@dataclass(frozen=True)
class Placement:
    """Where a calculator stands in its page, which its section follows.

    `heading_level` is 2 when the calculator comes before the page's first section heading (on its
    own page, right under the title: its title then heads a section of its own), else 3.
    `model_noted` is True when a calculator earlier on the page already says "This is a model, not
    a measurement" under its result, so this one keeps the note for print and sharing but does not
    show it a second time.
    """

    heading_level: int = 3
    model_noted: bool = False


def placement(markdown: str, slug: str, *, earlier_calculators: int) -> Placement:
    """The placement of `slug`'s calculator in a page's Markdown."""
    call = re.search(rf"calculator\(\s*['\"]{re.escape(slug)}['\"]", markdown)
    before = markdown[: call.start()] if call else markdown
    first_section_before = re.search(r"^ {0,3}#{2,6}\s", before, re.M) is not None
    return Placement(heading_level=3 if first_section_before else 2, model_noted=earlier_calculators > 0)


def _as_text(call: str, name: str, value: object) -> str:
    """A writer's value as the text a reader would type (80 -> "80", 72.5 -> "72.5")."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CalculatorCallError(f"{call}: {name} must be a number or text, not {value!r}.")
    return value if isinstance(value, str) else repr(value)


def _call_text(slug: object, overrides: Mapping[str, object]) -> str:
    arguments = [repr(slug), *(f"{name}={value!r}" for name, value in overrides.items())]
    return f"calculator({', '.join(arguments)})"


def section_template(name: str = TEMPLATE.name) -> Template:
    """A section's template from overrides/partials/, autoescaped (markup from `calculators` is
    passed as Markup)."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE.parent), autoescape=select_autoescape(default=True), keep_trailing_newline=False
    )
    return environment.get_template(name)


def urls_from(paths: RuntimePaths, page_url: str) -> dict[str, str]:
    """The runtime's addresses (RuntimePaths.urls) relative to the page, so the site works under any path."""
    return {name: get_relative_url(path, page_url) for name, path in paths.urls().items()}


def render(
    shown: Example,
    *,
    page_url: str,
    paths: RuntimePaths,
    explain: bool,
    where: Placement = Placement(),
    template: Template | None = None,
) -> str:
    """The calculator's section: title, form, the example's headline figures, status line, the
    example result, and optionally the model's explanation. URLs are relative to the page, so the
    site works under any path."""
    html = (template or section_template()).render(
        slug=shown.slug,
        heading_level=where.heading_level,
        model_noted=where.model_noted,
        summary=shown.result["summary"],
        schema=shown.result["schema"],
        title=shown.title,
        urls=urls_from(paths, page_url),
        site_root=root_from(page_url),
        privacy_note=PRIVACY_NOTE,
        form=Markup(calculators.form_html(shown.slug, shown.inputs)),
        example_status=EXAMPLE_STATUS,
        result=Markup(links_from(page_url, shown.result["html"])),
        result_fingerprint=calculators.fingerprint(shown.result["html"]),
        explanation=Markup(calculators.explanation_html(shown.slug)) if explain else None,
    )
    return one_line(html)


def one_line(html: str) -> str:
    """A section as one line: Markdown keeps a raw HTML block whole only while it has no blank line."""
    return " ".join(line.strip() for line in html.splitlines() if line.strip())


def calculator_macro(env: Any) -> Callable[..., str]:
    """The `calculator(...)` macro for mkdocs-macros, bound to its environment (for the page).

    What every embed of this build shares is worked out here, once: where the runtime's files are
    and the section's template. So are the examples and the sections themselves: the same call
    (calculator, inputs, `explain`) at the same placement, with the same URLs from the page (to the
    runtime, to the site's root), gives the same HTML on every page, and is run and rendered once
    per build. Every build makes a new macro (mkdocs-macros calls
    `define_env` in each build's `on_config`, after `site_hooks` has dropped the project's modules),
    so a changed calculator or template is never served from an earlier build. The parts only the
    browser reads are deferred past Markdown and search (`macros.deferred_html`).
    """
    paths = runtime_paths(Path(env.project_dir), preview=bool(env.conf.get("aq_preview")))
    template = section_template()
    deferred = deferred_of(env.conf)
    embedded: dict[str, set[str]] = {}  # page -> the calculators already on it
    examples: dict[str, Example] = {}  # call -> its example
    sections: dict[tuple[object, ...], str] = {}  # call, explain, placement, URLs from the page -> section

    def example_of(slug: str, overrides: dict[str, object]) -> Example:
        call = _call_text(slug, overrides)
        if call not in examples:
            examples[call] = example(slug, overrides)
        return examples[call]

    def calculator(slug: str, explain: bool = False, **overrides: object) -> str:
        """Embed a calculator: `calculator("strength_balance")`, with `explain=True` to add the
        model's explanation, and any input's example value as a keyword (`body_mass=80`)."""
        page = env.page
        on_page = embedded.setdefault(page.file.src_path, set())
        shown = example_of(slug, overrides)
        if not isinstance(explain, bool):
            raise CalculatorCallError(f"{_call_text(slug, overrides)}: explain must be True or False.")
        if slug in on_page:
            raise CalculatorCallError(
                f"{_call_text(slug, overrides)}: the {shown.title} calculator is already on this page. "
                "A page holds each calculator once (its fields and its shared address are named after it); "
                "link to the first one instead."
            )
        where = placement(page.markdown or "", slug, earlier_calculators=len(on_page))
        on_page.add(slug)
        urls_from_page = urls_from(paths, page.url)
        leads = PageCalculator(slug, leads=where.heading_level == 2)  # for the page's head (partials/early-downloads.html)
        early_downloads_of(env.conf).note(page.file.src_path, urls_from_page, leads)
        urls = tuple(urls_from_page.values())
        key = (_call_text(slug, overrides), explain, where, urls, root_from(page.url))  # all render reads of the page
        if key not in sections:
            sections[key] = deferred.defer(
                render(shown, page_url=page.url, paths=paths, explain=explain, where=where, template=template)
            )
        return sections[key]

    return calculator


def explanation_macro(env: Any) -> Callable[[str], str]:
    """The `calculator_explanation(...)` macro: a calculator's formula, values in use and sources,
    wherever the writer wants them (on a calculator's own page, below the form and its result)."""

    def calculator_explanation(slug: str) -> str:
        """The explanation of the calculator called `slug`: `calculator_explanation("step_timing")`."""
        if slug not in calculators.available():
            raise CalculatorCallError(
                f"calculator_explanation({slug!r}): there is no calculator called "
                f"{slug!r}. The calculators are: {', '.join(calculators.available())}."
            )
        return f'<div class="aq-calc__explanation">{calculators.explanation_html(slug)}</div>'

    return calculator_explanation
