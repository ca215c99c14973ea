"""A whole squad at once: a spreadsheet's rows run through a calculator, one athlete per row.

Coaches test squads, not athletes. `run_table` reads a CSV file as spreadsheets save it (Excel,
LibreOffice, Numbers, Google Sheets: UTF-8 with or without a byte-order mark, `,` or `;` between
cells, quoted cells, blank lines, decimal commas), matches its header to the calculator's fields,
and runs every row through the same parsing and model as the form, so each athlete's answer is
exactly what the form gives for the same values. A bad row is reported with its line and column
and the form's own message, and kept; the good rows are computed. Nothing here knows any one
calculator: a calculator gets batch mode from its declaration.

Everything happens where the calculators run, in the reader's browser: the file is never sent.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from calculators.core.calculator import Calculator
from calculators.core.fields import ChoiceField, input_fields, measured_quantities
from calculators.core.formatting import format_short
from calculators.core.markup import Markup, element, figure, join
from calculators.core.parsing import parse_decimal
from calculators.core.svg import Bar, horizontal_bar_chart, nice_step

ATHLETE_HEADERS = ("athlete", "name", "id", "athlete_id", "athlete_name")
"""Header names (compared as keys: see `header_key`) of the optional column naming each athlete."""
MAX_CHARACTERS = 5_000_000
"""About 5 MB of text: far more than any squad's tests (10,000 athletes of Strength Balance are 1 MB)."""
MAX_ROWS = 10_000
SEPARATORS = (",", ";", "\t")

_BRACKETED_UNIT = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")


@dataclass(frozen=True)
class Column:
    """One column of the file: where it is, its header as written, and the input it fills."""

    number: int
    """1 for the spreadsheet's column A."""
    header: str
    field: str | None
    """The calculator's input name, "athlete" for the athletes' names, or None when unknown."""
    unit: str = ""
    """The unit its header names in brackets, for a number typed in units ("Body mass (lb)": "lb")."""

    def cell(self, text: str) -> str:
        """A cell's text as the form reads it: a bare number gets the header's unit ("165" -> "165 lb")."""
        return f"{text.strip()} {self.unit}" if self.unit and parse_decimal(text) is not None else text

    @property
    def letter(self) -> str:
        """The spreadsheet's name of the column: A, B, ... Z, AA, AB, ..."""
        number, letters = self.number, ""
        while number:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("A") + remainder) + letters
        return letters


@dataclass(frozen=True)
class Row:
    """One athlete: the line it starts on, its name (if the file has a column for it) and inputs."""

    line: int
    athlete: str
    inputs: Mapping[str, str]


def header_key(text: str) -> str:
    """A header as a key: case, spaces, dashes and a unit in brackets do not matter.

    "Body mass (kg)", "body mass", "BODY_MASS" and "body-mass" all give "body_mass".
    """
    return re.sub(r"[\s\-]+", "_", text.strip().lower()).strip("_")


def _keys_of(calculator: Calculator[Any, Any]) -> dict[str, str]:
    """Header key -> input name: each input by its name and by its label that stands on its own."""
    keys: dict[str, str] = {}
    for field in input_fields(calculator.form):
        keys.setdefault(header_key(field.name), field.name)
        keys.setdefault(header_key(field.full_label), field.name)
    return keys


def _field_for(header: str, keys: Mapping[str, str]) -> str | None:
    if header_key(header) in ATHLETE_HEADERS:
        return "athlete"
    for candidate in (header, _BRACKETED_UNIT.sub("", header)):  # "Pushing leg (left)" is a label
        if header_key(candidate) in keys:
            return keys[header_key(candidate)]
    return None


def _unit_in_header(header: str, field: str | None, quantities: Mapping[str, Any]) -> str:
    """The unit a header names for a number typed in units: "Body mass (lb)" -> "lb", else ""."""
    found = _BRACKETED_UNIT.search(header)
    if field not in quantities or found is None:
        return ""
    unit = quantities[field].unit_typed_as(found.group().strip().strip("()[]").strip())
    return unit.symbol if unit else ""


def _separator(first_line: str) -> str:
    """The cell separator: the one the header row uses most, outside quotes (`,` if none)."""
    outside = re.sub(r'"[^"]*"', "", first_line)
    counts = {separator: outside.count(separator) for separator in SEPARATORS}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _records(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """(the line a record starts on, its cells), skipping blank lines."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    next_line = 1
    for cells in reader:
        start, next_line = next_line, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield start, cells


class SquadFileError(ValueError):
    """The file as a whole cannot be read as a squad: the message says what to do."""


def _text_problem(text: str) -> str | None:
    if len(text) > MAX_CHARACTERS:
        return (
            f"This file is {len(text) / 1_000_000:.0f} MB of text, more than the {MAX_CHARACTERS // 1_000_000} MB "
            "a squad needs: check that it is the right file, or split it."
        )
    if not text.strip():
        return "This file is empty: save your squad's sheet as CSV, with a header row and one row per athlete."
    sample = text[:4096]
    if "\0" in sample or sample.startswith("PK\x03\x04") or sample.count("\ufffd") > 3:
        return (
            "This is not a CSV file (it looks like a spreadsheet or another binary file): in your spreadsheet, "
            "use Save as or Download as, and choose CSV (UTF-8)."
        )
    return None


def read_squad(calculator: Calculator[Any, Any], text: str) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    """The file's columns and its athletes' rows; raises SquadFileError when it cannot be read."""
    problem = _text_problem(text)
    if problem:
        raise SquadFileError(problem)
    text = text.removeprefix("\ufeff")
    records = _records(text, _separator(text.lstrip("\r\n").split("\n", 1)[0]))
    try:
        header_line, header = next(records)
    except StopIteration:
        raise SquadFileError("This file has no rows: it needs a header row and one row per athlete.") from None
    except csv.Error as error:
        raise SquadFileError(f"This file is not valid CSV ({error}).") from None
    keys = _keys_of(calculator)
    quantities = measured_quantities(calculator.form)
    columns = tuple(
        Column(number, cell.strip(), field, _unit_in_header(cell, field, quantities))
        for number, cell in enumerate(header, 1)
        for field in [_field_for(cell, keys)]
    )
    known = [column for column in columns if column.field and column.field != "athlete"]
    if not known:
        examples = ", ".join(list(calculator.defaults())[:3])
        raise SquadFileError(
            f"Line {header_line}: no column of this file is an input of the {calculator.title} calculator. "
            f"The header row must name them, like {examples}: download the template to start from."
        )
    repeated = sorted({column.field for column in known if [c.field for c in known].count(column.field) > 1})
    if repeated:
        where = "; ".join(
            f"{field}: columns {', '.join(c.letter for c in known if c.field == field)}" for field in repeated
        )
        raise SquadFileError(f"Line {header_line}: these inputs have more than one column ({where}). Keep one of each.")
    rows = []
    try:
        for line, cells in records:
            if len(rows) == MAX_ROWS:
                raise SquadFileError(
                    f"This file has more than {MAX_ROWS:,} athletes: split it into files of {MAX_ROWS:,} or fewer."
                )
            values = {
                column.field: column.cell(cells[column.number - 1]) if column.number <= len(cells) else ""
                for column in columns
                if column.field
            }
            athlete = values.pop("athlete", "").strip()
            rows.append(Row(line=line, athlete=athlete, inputs=values))
    except csv.Error as error:
        raise SquadFileError(f"This file is not valid CSV after line {rows[-1].line if rows else header_line} ({error}).") from None
    return columns, tuple(rows)


def run_squad(calculator: Calculator[Any, Any], text: str, *, with_html: bool = False) -> dict[str, Any]:
    """Every athlete of the file through the calculator: see `calculators.run_table`."""
    answer: dict[str, Any] = {"slug": calculator.slug, "schema": calculator.schema, "ok": False, "message": ""}
    try:
        columns, rows = read_squad(calculator, text)
    except SquadFileError as problem:
        return answer | {"message": str(problem), "columns": [], "missing": [], "rows": [], "problems": []}
    by_field = {column.field: column for column in columns if column.field}
    missing = [name for name in calculator.defaults() if name not in by_field]
    # A column the file lacks is left empty for every athlete (never filled with the form's
    # example values), except a choice, which takes the form's (force in N, times in ms, ...).
    choices = {field.name: field.default for field in input_fields(calculator.form) if isinstance(field, ChoiceField)}
    absent = {name: choices.get(name, "") for name in missing}
    results, problems = [], []
    for row in rows:
        inputs = {**absent, **row.inputs}
        result = calculator.run(inputs, with_html=with_html)
        results.append({"line": row.line, "athlete": row.athlete, "result": result})
        for field, message in result["errors"].items():
            column = by_field.get(field)
            problems.append(
                {
                    "line": row.line,
                    "athlete": row.athlete,
                    "field": field,
                    "column": column.letter if column else "",
                    "header": column.header if column else "",
                    "message": message,
                }
            )
    return answer | {
        "ok": True,
        "columns": [
            {"column": column.letter, "header": column.header, "field": column.field or ""} for column in columns
        ],
        "missing": missing,
        "rows": results,
        "problems": problems,
        "summary_html": str(squad_summary(calculator, results)),
        "results_csv": results_csv(results),
    }


def _leading_number(text: str) -> float | None:
    """The number a summary cell starts with ("82.7", "+2.64 %", "10.53 m/s"), or None for words."""
    found = re.match(r"[+\u2212-]?[0-9]+(?:\.[0-9]+)?", text)
    return float(found.group().replace("\u2212", "-")) if found else None


def squad_summary(calculator: Calculator[Any, Any], results: list[dict[str, Any]]) -> Markup:
    """The squad at a glance: how many athletes were worked out, and for each figure of the table
    its spread (numbers, in ranges) or its counts (words, e.g. how many each contributor limits)."""
    summaries = [row["result"]["summary"] for row in results if row["result"]["summary"]]
    lead = f"{len(summaries)} of {len(results)} athletes worked out"
    parts: list[Markup] = [element("p", f"{lead}." if summaries else f"{lead}: fix the problems listed to see results.")]
    labels = list(dict.fromkeys(label for summary in summaries for label in summary))
    for number, label in enumerate(labels, 1):
        cells = [summary[label] for summary in summaries if label in summary]
        numbers = [_leading_number(cell) for cell in cells]
        if all(value is not None for value in numbers):
            bars, caption = _spread([value for value in numbers if value is not None])
        else:
            bars, caption = _counts(cells), "Athletes by value"
        chart = horizontal_bar_chart(
            bars,
            maximum=max(bar.value for bar in bars),
            reference=None,
            reference_label="",
            title=f"{label}: {caption.lower()}",
            description="; ".join(f"{bar.label}: {bar.value_text}" for bar in bars),
            id_prefix=f"{calculator.slug}-squad-{number}",
            tick_every=float(max(1, round(max(bar.value for bar in bars) / 4))),
        )
        parts.append(figure(chart, f"{label}: {caption.lower()} (number of athletes)."))
    return element("div", join(parts), class_="aq-squad__overview")


def _counts(cells: list[str]) -> list[Bar]:
    counted: dict[str, int] = {}
    for cell in cells:
        counted[cell] = counted.get(cell, 0) + 1
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return [Bar(label=value, value=count, value_text=str(count)) for value, count in ordered]


def _spread(values: list[float]) -> tuple[list[Bar], str]:
    low, high = min(values), max(values)
    step = nice_step(high - low, ticks=6) if high > low else 1.0
    start = math.floor(low / step) * step
    bins = max(1, math.floor((high - start) / step) + 1)
    bars = []
    for index in range(bins):
        bottom = start + index * step
        count = sum(1 for value in values if bottom <= value < bottom + step or (index == bins - 1 and value == high))
        label = f"{format_short(bottom, 2)}–{format_short(bottom + step, 2)}"
        bars.append(Bar(label=label, value=count, value_text=str(count)))
    middle = statistics.median(values)
    caption = f"Spread: lowest {format_short(low, 2)}, median {format_short(middle, 2)}, highest {format_short(high, 2)}"
    return bars, caption


def results_csv(results: list[dict[str, Any]]) -> str:
    """The squad's results as a spreadsheet: line, athlete, each headline figure, and the problems."""
    labels = list(dict.fromkeys(label for row in results for label in row["result"]["summary"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["line", "athlete", *labels, "problems"])
    for row in results:
        problems = " ".join(f"{field}: {message}" for field, message in row["result"]["errors"].items())
        writer.writerow([row["line"], row["athlete"], *(row["result"]["summary"].get(label, "") for label in labels), problems])
    return buffer.getvalue()


def template(calculator: Calculator[Any, Any]) -> str:
    """A CSV to start from: the header row (the athlete, then every input) and the form's example."""
    names = list(calculator.defaults())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["athlete", *names])
    writer.writerow(["Example athlete", *calculator.defaults().values()])
    return buffer.getvalue()
