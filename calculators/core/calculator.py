"""What every calculator is made of, and the one way every calculator is run.

A calculator declares its form and three functions:

- `read(form)` turns the parsed form into the calculator's own typed, frozen `Inputs`, or into
  `FieldMessages` for rules that span fields ("a distance needs its time"). It sees every parsed
  form, including one whose fields had problems of their own, so that its messages appear beside
  theirs; it returns `FieldMessages` (perhaps empty) whenever `form.errors` is not empty.
- `compute(inputs)` is the model: pure, deterministic, no I/O.
- `render(result, slug)` is the result's HTML fragment (every id in it starts with the slug).

`Calculator.run` strings them together the same way for all of them, so the browser worker, the
build and the tests get the same answer for the same inputs, and bad input always comes back as
messages, never as an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

from calculators.core.fields import FormItem, defaults, input_fields
from calculators.core.form import field_labels, render_form
from calculators.core.formatting import format_number
from calculators.core.markup import Markup, element, plain_text
from calculators.core.parsing import ParsedForm, parse_form

InputsT = TypeVar("InputsT")
ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class FieldMessages:
    """Messages instead of inputs: input name -> what the reader should change there."""

    messages: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """One number of a result that a reader follows from test to test (their saved tests chart it)."""

    name: str
    """What it is, as the result names it: "Strength Balance", "Swing leg", "Speed"."""
    value: float
    """As the result shows it, rounded the same way, so a saved test and its result agree."""
    unit: str
    """What the number counts: "m/s", "out of 100"; figures with the same unit share a chart."""

    @classmethod
    def as_shown(cls, name: str, value: float, decimals: int, unit: str) -> Figure:
        """The figure rounded to `decimals` places, exactly as `format_number` shows it."""
        return cls(name=name, value=float(format_number(value, decimals)), unit=unit)


@dataclass(frozen=True)
class Evaluation(Generic[ResultT]):
    """The parsed form, every message keyed to its input, and the result when there were none."""

    parsed: ParsedForm
    errors: Mapping[str, str]
    result: ResultT | None


@dataclass(frozen=True)
class Calculator(Generic[InputsT, ResultT]):
    """One calculator: its declaration (slug, title, schema, form) and its behaviour."""

    slug: str
    title: str
    schema: int
    """The version of the form's input names; bump it when a shared address's inputs change meaning."""
    form: tuple[FormItem, ...]
    read: Callable[[ParsedForm], InputsT | FieldMessages]
    compute: Callable[[InputsT], ResultT]
    render: Callable[[ResultT, str], str]
    explain: Callable[[], str]
    summarise: Callable[[ResultT], Mapping[str, str]] | None = None
    """A result's headline figures as column -> text, for a squad's table (`core/squad.py`);
    without it, the squad table shows each result's headline."""
    figures: Callable[[ResultT], Sequence[Figure]] | None = None
    """A result's numbers to follow over time, for the reader's saved tests and their chart."""

    def defaults(self) -> dict[str, str]:
        return defaults(self.form)

    def labels(self) -> dict[str, str]:
        """Input name -> the label that names it on its own."""
        return field_labels(self.form)

    def evaluate(self, raw_inputs: Mapping[str, object]) -> Evaluation[ResultT]:
        """Parse, read, and compute when every input is good. Never raises for bad input."""
        parsed = parse_form(self.form, raw_inputs)
        inputs = self.read(parsed)
        found = dict(parsed.errors)
        if isinstance(inputs, FieldMessages):
            for name, message in inputs.messages.items():
                found.setdefault(name, message)
        order = [item.name for item in input_fields(self.form)]
        errors = {name: found[name] for name in order if name in found}
        if isinstance(inputs, FieldMessages):
            if not errors:
                raise AssertionError(f"{self.slug}: read() refused the inputs without a message")
            return Evaluation(parsed=parsed, errors=errors, result=None)
        return Evaluation(parsed=parsed, errors={}, result=self.compute(inputs))

    def run(self, raw_inputs: Mapping[str, object], *, with_html: bool = True) -> dict[str, Any]:
        """The JSON-serialisable answer the browser worker shows: see `calculators.run`.

        Its `summary` holds the result's headline figures (column -> text; {} when not ok): the
        squad's table, the page's compact live summary and a saved test show them. Its `figures`
        are the numbers a saved test charts over time ({name, value, unit} each; [] when not ok).
        Without `with_html` the answer has no "html" and the result is not rendered at all when
        the calculator declares its own summary (the costliest part of a run, for a squad's file).
        """
        evaluation = self.evaluate(raw_inputs)
        summary: dict[str, str] = {}
        figures: list[dict[str, Any]] = []
        html = None
        if evaluation.result is None:
            html = attention_notice(evaluation.errors, self.labels()) if with_html else None
        elif self.summarise and not with_html:
            summary = dict(self.summarise(evaluation.result))
        else:
            html = self.render(evaluation.result, self.slug)
            summary = dict(self.summarise(evaluation.result)) if self.summarise else {"Result": headline_text(html)}
        if evaluation.result is not None and self.figures:
            figures = [asdict(figure) for figure in self.figures(evaluation.result)]
        answer = {
            "slug": self.slug,
            "schema": self.schema,
            "ok": evaluation.result is not None,
            "html": str(html),
            "errors": dict(evaluation.errors),
            "values": dict(evaluation.parsed.texts),
            "summary": summary,
            "figures": figures,
        }
        if not with_html:
            del answer["html"]
        return answer

    def form_html(self, values: Mapping[str, str] | None = None, errors: Mapping[str, str] | None = None) -> str:
        return str(render_form(self.slug, self.form, values, errors))


def headline_text(html: str) -> str:
    """The words of a rendered result's headline ("Speed: 10.00 m/s (36.0 km/h, 22.4 mph)")."""
    found = re.search(r'<p class="aq-result__headline">(.*?)</p>', html, re.S)
    return plain_text(Markup(found.group(1))) if found else ""


def attention_notice(errors: Mapping[str, str], labels: Mapping[str, str]) -> Markup:
    """A short notice instead of a result: how many fields need attention, named by label."""
    count = len(errors)
    names = ", ".join(labels.get(name, name) for name in errors)
    lead = "1 field needs attention" if count == 1 else f"{count} fields need attention"
    return element(
        "div",
        element("p", f"{lead}: {names}.", class_="aq-notice__text"),
        class_="aq-result aq-result--needs-attention aq-notice",
    )
