"""Turn what the reader typed into numbers, or into a plain-language message for that field.

Nothing here raises for bad input: a message is a value like any other, so one bad field never
stops the other fields from being read and checked, and nothing the reader typed is lost (an
invalid value is handed back exactly as typed, for the form and the shareable URL).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Union

from calculators.core.fields import (
    ChoiceField,
    DurationField,
    FieldGroup,
    FormItem,
    InputField,
    NumberField,
    PairField,
    input_fields,
)
from calculators.core.formatting import plain_number

# Digits only ([0-9], not \d, which also matches other scripts' digits); one decimal separator,
# a point or a comma. No exponents: "1e999" is not something a reader means to type.
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:[.,]([0-9]*))?")
_MINUTES_SECONDS = re.compile(r"([0-9]+):([0-9]*)(?:[.,]([0-9]*))?")

NUMBER_HINT = "Enter a number, like 72.5."
DURATION_HINT = "Enter seconds, like 95.5, or minutes:seconds, like 1:35.5."

Value = Union[float, str]
"""A parsed input: a float for numbers and durations, the option's value for a choice."""


@dataclass(frozen=True)
class Parsed:
    """A value that passed: the typed value and its tidy text (for the form and the URL)."""

    value: Value
    text: str


@dataclass(frozen=True)
class Problem:
    """A value that did not pass: the message for the reader, and the text exactly as typed."""

    message: str
    text: str


@dataclass(frozen=True)
class Empty:
    """Nothing typed (or only spaces)."""

    text: str = ""


Outcome = Union[Parsed, Problem, Empty]


@dataclass(frozen=True)
class ParsedForm:
    """Every input of a form after parsing.

    `values` holds the inputs that passed (None for an optional input left empty, or one hidden
    by a `show_when` condition); an input with a problem is absent from `values` and has a
    message in `errors`. `texts` holds, for every input, the tidy text of a good value or the
    raw text of a bad one.
    """

    values: Mapping[str, Value | None]
    errors: Mapping[str, str]
    texts: Mapping[str, str]

    def given(self, name: str) -> bool:
        """True when the input has a good, non-empty value."""
        return self.values.get(name) is not None

    def typed(self, name: str) -> bool:
        """True when the reader typed something into the input, good or bad."""
        return self.texts.get(name, "").strip() != ""

    # Typed access for a calculator's `read`, once the form has no errors: asking for a number
    # that is not there is a mistake in the calculator, so these raise.

    def number(self, name: str) -> float:
        """A required number's value."""
        value = self.values.get(name)
        if not isinstance(value, float):
            raise TypeError(f"{name} has no number (it holds {value!r})")
        return value

    def optional_number(self, name: str) -> float | None:
        """An optional number's value, or None when it was left empty (or is hidden)."""
        return None if self.values.get(name) is None else self.number(name)

    def choice(self, name: str) -> str:
        """A choice's value, e.g. "kgf"."""
        value = self.values.get(name)
        if not isinstance(value, str):
            raise TypeError(f"{name} has no choice (it holds {value!r})")
        return value


def _tidy_decimal(sign: str, whole: str, fraction: str) -> str:
    """Canonical text of a decimal: no leading or trailing zeros, a point, no "+" or "-0"."""
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    if sign == "-" and text != "0":
        text = "-" + text
    return text


def parse_decimal(text: str) -> tuple[float, str] | None:
    """Read "72.5", "72,5", " 72.50 ", "-3", ".5"; None for anything else (including "1e3")."""
    match = _DECIMAL.fullmatch(text.strip())
    if match is None:
        return None
    sign, whole, fraction = match.group(1), match.group(2), match.group(3) or ""
    if not whole and not fraction:
        return None
    tidy = _tidy_decimal(sign, whole, fraction)
    return float(tidy), tidy


def parse_duration(text: str) -> tuple[float, str] | None | str:
    """Read seconds ("95.5") or minutes:seconds ("1:35.5") as seconds.

    Returns (seconds, tidy text), None when the text is not a time at all, or a message string
    when it is almost one (seconds of 60 or more after the colon).
    """
    stripped = text.strip()
    match = _MINUTES_SECONDS.fullmatch(stripped)
    if match is None:
        return parse_decimal(stripped)
    minutes_text, whole, fraction = match.group(1), match.group(2), match.group(3) or ""
    if not whole:
        return None
    seconds_text = _tidy_decimal("", whole, fraction)
    seconds = float(seconds_text)
    if seconds >= 60:
        return "After the colon, the seconds must be under 60, like 1:35."
    minutes = int(minutes_text)
    whole_seconds, _, decimals = seconds_text.partition(".")
    tidy = f"{minutes}:{whole_seconds.zfill(2)}" + (f".{decimals}" if decimals else "")
    return minutes * 60 + seconds, tidy


def _range_message(field: NumberField) -> str:
    """The field's allowed range in words, e.g. "Body mass must be between 30 and 200 kg."."""
    unit = f" {field.unit}" if field.unit else ""
    low = None if field.minimum is None else plain_number(field.minimum)
    high = None if field.maximum is None else plain_number(field.maximum)
    name = field.full_label
    if low is not None and high is not None:
        if field.minimum_exclusive:
            return f"{name} must be more than {low} and at most {high}{unit}."
        return f"{name} must be between {low} and {high}{unit}."
    if low is not None:
        word = "more than" if field.minimum_exclusive else "at least"
        return f"{name} must be {word} {low}{unit}."
    if high is not None:
        return f"{name} must be at most {high}{unit}."
    return f"{name} is too large to use."


def _within_range(field: NumberField, value: float) -> bool:
    if not math.isfinite(value):
        return False
    if field.minimum is not None:
        if value < field.minimum or (field.minimum_exclusive and value == field.minimum):
            return False
    if field.maximum is not None and value > field.maximum:
        return False
    return True


def parse_field(field: InputField, raw: str) -> Outcome:
    """One input's raw text -> its value, nothing typed, or a message. Never raises."""
    if not raw.strip():
        if field.required:
            return Problem(f"{field.full_label} is needed.", raw)
        return Empty()
    if isinstance(field, ChoiceField):
        return _parse_choice(field, raw)
    if isinstance(field, DurationField):
        read = parse_duration(raw)
        hint = DURATION_HINT
    else:
        read = parse_decimal(raw)
        hint = NUMBER_HINT
    if read is None:
        return Problem(hint, raw)
    if isinstance(read, str):
        return Problem(read, raw)
    value, tidy = read
    if field.whole_number and math.isfinite(value) and value != int(value):
        return Problem(f"{field.full_label} must be a whole number, like 12.", raw)
    if not _within_range(field, value):
        return Problem(_range_message(field), raw)
    return Parsed(value, tidy)


def _parse_choice(field: ChoiceField, raw: str) -> Outcome:
    wanted = raw.strip().casefold()
    for choice in field.choices:
        if choice.value.casefold() == wanted:
            return Parsed(choice.value, choice.value)
    options = ", ".join(choice.value for choice in field.choices)
    return Problem(f"Choose one of: {options}.", raw)


def _as_text(raw: object) -> str:
    """Whatever arrived for an input, as text (the browser sends strings; be kind to others)."""
    return raw if isinstance(raw, str) else str(raw)


def raw_text(field: InputField, raw_inputs: Mapping[str, object]) -> str:
    """The text for one input: the field's default when the key is missing (or None)."""
    raw = raw_inputs.get(field.name)
    if raw is None:
        return field.default
    return _as_text(raw)


def _conditions(items: tuple[FormItem, ...], inherited: tuple[str, ...] = ()) -> Iterator[tuple[InputField, tuple[str, ...]]]:
    """Each input with every `show_when` condition that applies to it (its own and its containers')."""
    for item in items:
        own = inherited + ((item.show_when,) if item.show_when else ())
        if isinstance(item, FieldGroup):
            yield from _conditions(item.items, own)
        elif isinstance(item, PairField):
            for side in item.sides:
                yield side, own
        else:
            yield item, own


def _condition_holds(condition: str, texts: Mapping[str, str]) -> bool:
    """`FIELD=VALUE` holds when FIELD's tidy text equals VALUE (case-insensitive)."""
    name, _, wanted = condition.partition("=")
    return texts.get(name.strip(), "").strip().casefold() == wanted.strip().casefold()


def parse_form(items: tuple[FormItem, ...], raw_inputs: Mapping[str, object]) -> ParsedForm:
    """Parse every input of a form; unknown keys are ignored, missing keys take the default."""
    outcomes: dict[str, Outcome] = {
        field.name: parse_field(field, raw_text(field, raw_inputs)) for field in input_fields(items)
    }
    _require_both_sides(items, outcomes)
    texts = {name: outcome.text for name, outcome in outcomes.items()}

    values: dict[str, Value | None] = {}
    errors: dict[str, str] = {}
    for field, conditions in _conditions(items):
        outcome = outcomes[field.name]
        if not all(_condition_holds(condition, texts) for condition in conditions):
            values[field.name] = None  # hidden from the reader: neither used nor checked
        elif isinstance(outcome, Problem):
            errors[field.name] = outcome.message
        else:
            values[field.name] = outcome.value if isinstance(outcome, Parsed) else None
    return ParsedForm(values=values, errors=errors, texts=texts)


def _pairs(items: tuple[FormItem, ...]) -> Iterator[PairField]:
    for item in items:
        if isinstance(item, FieldGroup):
            yield from _pairs(item.items)
        elif isinstance(item, PairField):
            yield item


def _require_both_sides(items: tuple[FormItem, ...], outcomes: dict[str, Outcome]) -> None:
    """A left value without a right one (or the reverse) gets a message on the missing side."""
    for pair in _pairs(items):
        left, right = pair.sides
        for missing, other, other_side in ((left, right, "right"), (right, left, "left")):
            if isinstance(outcomes[missing.name], Empty) and not isinstance(outcomes[other.name], Empty):
                missing_side = "left" if other_side == "right" else "right"
                outcomes[missing.name] = Problem(
                    f"Enter the {missing_side} value too, or clear the {other_side} one.",
                    outcomes[missing.name].text,
                )
