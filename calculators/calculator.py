"""What every calculator is made of, and the one way every calculator is run.

A calculator declares its form, checks that span several fields, a pure `compute` and a `render`.
`run_calculator` strings them together the same way for all of them, so the browser worker, the
build and the tests all get the same answer for the same inputs, and bad input always comes back
as messages rather than as an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from calculators.fields import FormItem, defaults, input_fields
from calculators.form import field_labels, render_form
from calculators.markup import Markup, element
from calculators.parsing import ParsedForm, parse_form

ResultT = TypeVar("ResultT")


def no_cross_checks(parsed: ParsedForm) -> Mapping[str, str]:
    """For calculators whose fields can each be checked on their own."""
    return {}


@dataclass(frozen=True)
class Evaluation(Generic[ResultT]):
    """The parsed form, every message keyed to its input, and the result when there were none."""

    parsed: ParsedForm
    errors: Mapping[str, str]
    result: ResultT | None


@dataclass(frozen=True)
class Calculator(Generic[ResultT]):
    """One calculator: its declaration (`form`) and its behaviour (`check`, `compute`, `render`).

    - `check(parsed)` returns messages for rules that span fields, keyed to the input to fix;
      it must cope with inputs that are missing from `parsed.values` (they had their own problem).
    - `compute(values)` gets only good values (None for optional inputs left empty) and is pure.
    - `render(result, id_prefix)` returns the result's HTML fragment.
    - `explain()` returns the static explanation block (formula, reference values, sources).
    """

    slug: str
    title: str
    schema: int
    form: tuple[FormItem, ...]
    compute: Callable[[Mapping[str, Any]], ResultT]
    render: Callable[[ResultT, str], str]
    explain: Callable[[], str]
    check: Callable[[ParsedForm], Mapping[str, str]] = no_cross_checks

    def defaults(self) -> dict[str, str]:
        return defaults(self.form)

    def evaluate(self, raw_inputs: Mapping[str, object]) -> Evaluation[ResultT]:
        """Parse, check, and compute when every input is good. Never raises for bad input."""
        parsed = parse_form(self.form, raw_inputs)
        found = dict(parsed.errors)
        for name, message in self.check(parsed).items():
            found.setdefault(name, message)
        order = [field.name for field in input_fields(self.form)]
        errors = {name: found[name] for name in order if name in found}
        result = None if errors else self.compute(parsed.values)
        return Evaluation(parsed=parsed, errors=errors, result=result)

    def run(self, raw_inputs: Mapping[str, object], id_prefix: str | None = None) -> dict[str, Any]:
        """The JSON-serialisable answer the browser worker shows: see `calculators.run`."""
        evaluation = self.evaluate(raw_inputs)
        if evaluation.result is None:
            html = attention_notice(evaluation.errors, field_labels(self.form))
        else:
            html = self.render(evaluation.result, id_prefix or self.slug)
        return {
            "slug": self.slug,
            "schema": self.schema,
            "ok": evaluation.result is not None,
            "html": str(html),
            "errors": dict(evaluation.errors),
            "values": dict(evaluation.parsed.texts),
        }

    def form_html(
        self,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        id_prefix: str | None = None,
    ) -> str:
        return str(render_form(self.slug, self.schema, self.form, values, errors, id_prefix))


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
