"""Squads written as spreadsheets save them, for the tests of `calculators.run_table`."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import calculators


@dataclass(frozen=True)
class Spreadsheet:
    """How a spreadsheet program writes a CSV file."""

    separator: str = ","
    byte_order_mark: bool = False
    headers: str = "names"
    """"names" (body_mass) or "labels" (Body mass (kg), the unit in brackets as people write it)."""
    blank_line_every: int = 0
    """A blank line after every so many athletes (0: none)."""


def header_for(slug: str, name: str, style: str) -> str:
    if style == "names":
        return name
    label = calculators.labels(slug)[name]
    return label.upper() if len(label) % 3 == 0 else label  # header case never matters


def squad_csv(slug: str, athletes: Sequence[Mapping[str, str]], sheet: Spreadsheet = Spreadsheet()) -> str:
    """A CSV file with an athlete column and one column per input, one row per athlete."""
    names = list(calculators.defaults(slug))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sheet.separator, lineterminator="\r\n")
    writer.writerow(["Athlete", *(header_for(slug, name, sheet.headers) for name in names)])
    for number, inputs in enumerate(athletes, 1):
        writer.writerow([f"Athlete {number}", *(inputs.get(name, "") for name in names)])
        if sheet.blank_line_every and number % sheet.blank_line_every == 0:
            buffer.write("\r\n")
    return ("\ufeff" if sheet.byte_order_mark else "") + buffer.getvalue()


def random_spreadsheet(rng: random.Random) -> Spreadsheet:
    return Spreadsheet(
        separator=rng.choice([",", ";", "\t"]),
        byte_order_mark=rng.random() < 0.5,
        headers=rng.choice(["names", "labels"]),
        blank_line_every=rng.choice([0, 0, 3]),
    )


def full_inputs(slug: str, inputs: Mapping[str, str]) -> dict[str, str]:
    """An athlete's inputs with every input present (the defaults where the case gives none), as a
    row of a squad's file has a cell for every column."""
    return {**calculators.defaults(slug), **inputs}
