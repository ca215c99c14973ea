"""Turn what the reader typed into numbers, or into a plain-language message for that field.

Nothing here raises for bad input: a message is a value like any other, so one bad field never
stops the other fields from being read and checked, and nothing the reader typed is lost (an
invalid value is handed back exactly as typed, for the form and the shareable URL).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Union

from calculators.core.fields import (
    ChoiceField,
    DurationField,
    FieldGroup,
    FieldRow,
    FormItem,
    InputField,
    NumberField,
    PairField,
    UnitChoiceField,
    governed_by,
    input_fields,
    unit_choices,
)
from calculators.core.formatting import format_short, plain_number
from calculators.core.units import INCH, Quantity, Unit, convert, decimals_for

# Digits only ([0-9], not \d, which also matches other scripts' digits); one decimal separator,
# a point or a comma. No exponents: "1e999" is not something a reader means to type.
_DECIMAL = re.compile(r"([+-]?)([0-9]*)(?:[.,]([0-9]*))?")
_MINUTES_SECONDS = re.compile(r"([0-9]+):([0-9]*)(?:[.,]([0-9]*))?")
# One or more amounts, each with its unit after it: "165 lb", "165lb", "6 ft 2 in", "6'2\"",
# "5' 11''", and feet with the inches' unit left off: "6'2", "6 ft 2".
_NUMBER = r"[0-9]*(?:[.,][0-9]*)?"
_AMOUNT = rf"({_NUMBER})\s*([^\W\d_]+(?:-[^\W\d_]+)?|''|['\"′″])"
_AMOUNTS = re.compile(rf"(?:{_AMOUNT}\s*)+(?P<rest>{_NUMBER})")
_EACH_AMOUNT = re.compile(_AMOUNT)

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
class UnitInUse:
    """The unit a reader types a field in (their choice), against the field's own metric unit."""

    field_unit: Unit
    chosen: Unit
    offered: tuple[Unit, ...]
    quantity: Quantity

    def from_field_unit(self, value: float) -> float:
        """A value in the field's own unit, in the reader's: 75 (kg) -> 165.35 (lb)."""
        return convert(value, self.field_unit, self.chosen)

    def text(self, value: float, decimals: int, *, with_unit: bool = True) -> str:
        """A value in the field's own unit as the reader reads it, with their unit: "165.3 lb"
        (feet and inches always show theirs: "5 ft 11 in")."""
        shown = self.chosen.text(self.from_field_unit(value), decimals)
        return shown if self.chosen.inches_rest or not with_unit else f"{shown} {self.chosen.symbol}"


@dataclass(frozen=True)
class ParsedForm:
    """Every input of a form after parsing.

    `values` holds the inputs that passed (None for an optional input left empty, or one hidden
    by a `show_when` condition); an input with a problem is absent from `values` and has a
    message in `errors`. `texts` holds, for every input, the tidy text of a good value or the
    raw text of a bad one. A number governed by a unit choice has its value in the field's own
    metric unit, whatever unit the reader typed it in; `units` holds, for each such number, the
    unit the reader used (for messages that quote a value back to them).
    """

    values: Mapping[str, Value | None]
    errors: Mapping[str, str]
    texts: Mapping[str, str]
    units: Mapping[str, UnitInUse] = field(default_factory=dict)

    def given(self, name: str) -> bool:
        """True when the input has a good, non-empty value."""
        return self.values.get(name) is not None

    def typed(self, name: str) -> bool:
        """True when the reader typed something into the input, good or bad."""
        return self.texts.get(name, "").strip() != ""

    # Typed access for a calculator's `read`, once the form has no errors: asking for a number
    # that is not there is a mistake in the calculator, so these raise.

    def number(self, name: str) -> float:
        """A required number's value (in the field's own unit, whatever unit the reader chose)."""
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

    def as_typed(self, name: str, value: float, decimals: int, *, with_unit: bool = True) -> str:
        """A value of the field `name` (in its own unit) in the unit the reader typed it in, with
        that unit: "21.87 yd". A field without a unit choice gets the number alone."""
        unit = self.units.get(name)
        return unit.text(value, decimals, with_unit=with_unit) if unit else format_short(value, decimals)


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


def _range_message(field: NumberField, unit: UnitInUse | None = None) -> str:
    """The field's allowed range in words, e.g. "Body mass must be between 30 and 200 kg.", in the
    unit the reader chose ("between 66.2 and 440.9 lb": rounded inwards, so every value it
    names is allowed)."""
    name = field.full_label
    low, high = _bounds_text(field, unit)
    if unit is None or unit.chosen == unit.field_unit:
        after = f" {field.unit}" if field.unit else ""
    else:
        after = "" if unit.chosen.inches_rest else f" {unit.chosen.symbol}"
    if low is not None and high is not None:
        if field.minimum_exclusive:
            return f"{name} must be more than {low} and at most {high}{after}."
        return f"{name} must be between {low} and {high}{after}."
    if low is not None:
        word = "more than" if field.minimum_exclusive else "at least"
        return f"{name} must be {word} {low}{after}."
    if high is not None:
        return f"{name} must be at most {high}{after}."
    return f"{name} is too large to use."


def _bounds_text(field: NumberField, unit: UnitInUse | None) -> tuple[str | None, str | None]:
    """The range's ends as text: exact in the field's own unit, rounded inwards in another."""
    if unit is None or unit.chosen == unit.field_unit:
        return (
            None if field.minimum is None else plain_number(field.minimum),
            None if field.maximum is None else plain_number(field.maximum),
        )
    decimals = display_decimals(field, unit)
    scale = 10**decimals
    per = _rounded_in(unit.chosen)

    def rounded(value: float | None, towards: str) -> str | None:
        if value is None:
            return None
        converted = convert(value, unit.field_unit, per) * scale
        whole = math.floor(converted + 1e-9) if towards == "down" else math.ceil(converted - 1e-9)
        return unit.chosen.text(convert(whole / scale, per, unit.chosen), decimals)

    return rounded(field.minimum, "up"), rounded(field.maximum, "down")


def _rounded_in(unit: Unit) -> Unit:
    """The unit whose places a value shows: feet and inches round their inches, every other unit itself."""
    return INCH if unit.inches_rest else unit


def _step_places(field: NumberField, field_unit: Unit, unit: Unit) -> int:
    """Places as fine as the field's step (a hundredth when it has none), in another unit."""
    return decimals_for(convert(field.step if field.step is not None else 0.01, field_unit, _rounded_in(unit)))


def display_decimals(field: NumberField, unit: UnitInUse) -> int:
    """Places to show a value of the field in the reader's unit: as fine as the field's step in it."""
    return _step_places(field, unit.field_unit, unit.chosen)


KEPT_ON_CONVERSION = 1e-4
"""A value converted into another unit keeps this share of itself or better (a few ten-thousandths),
so that switching units leaves the result as it was: 75 kg is 165.35 lb, not 165.3 (74.98 kg)."""


def conversion_decimals(field: NumberField, unit: Unit, field_unit: Unit, value: float) -> int:
    """Places for a value (in `field_unit`) converted into `unit`: the fewest, never coarser than the
    field's step, that keep it within KEPT_ON_CONVERSION of itself (the inches, for feet and inches)."""
    per = _rounded_in(unit)
    places = _step_places(field, field_unit, unit)
    converted = convert(value, field_unit, per)
    while places < 6:
        back = convert(float(format_short(converted, places)), per, field_unit)
        if abs(back - value) <= KEPT_ON_CONVERSION * abs(value):
            break
        places += 1
    return places


def _within_range(field: NumberField, value: float) -> bool:
    if not math.isfinite(value):
        return False
    if field.minimum is not None:
        if value < field.minimum or (field.minimum_exclusive and value == field.minimum):
            return False
    if field.maximum is not None and value > field.maximum:
        return False
    return True


def parse_field(field: InputField, raw: str, unit: UnitInUse | None = None) -> Outcome:
    """One input's raw text -> its value, nothing typed, or a message. Never raises.

    With `unit` (a number governed by a unit choice), the text is read in the reader's unit, or
    in the unit typed after the number, and the value is in the field's own unit.
    """
    if not raw.strip():
        if field.required:
            return Problem(f"{field.full_label} is needed.", raw)
        return Empty()
    if isinstance(field, ChoiceField):
        return _parse_choice(field, raw)
    if isinstance(field, DurationField):
        read = parse_duration(raw)
        hint = DURATION_HINT
    elif unit is not None:
        read = parse_measure(raw, unit)
        hint = unit_hint(field, unit)
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
        return Problem(_range_message(field, unit), raw)
    return Parsed(value, tidy)


def parse_measure(text: str, unit: UnitInUse) -> tuple[float, str] | None:
    """A number in the reader's unit ("165"), or amounts with their units ("165 lb", "6 ft 2 in",
    "6'2\"", "2.1 m"), as (value in the field's own unit, tidy text); None for anything else."""
    plain = parse_decimal(text)
    if plain is not None:
        value, tidy = plain
        return convert(value, unit.chosen, unit.field_unit), tidy
    amounts = _amounts(text.strip(), unit.quantity)
    if amounts is None:
        return None
    total = math.fsum(number * typed.size_in_base for number, _, typed in amounts)
    tidy = " ".join(f"{number_text} {typed.symbol}" for _, number_text, typed in amounts)
    return total / unit.field_unit.size_in_base, tidy


def _amounts(text: str, quantity: Quantity) -> list[tuple[float, str, Unit]] | None:
    """(number, tidy number, unit) for each amount in "6 ft 2 in", largest unit first; None when
    a word is not a unit of the quantity, a number lacks its unit, or the units do not shrink."""
    match = _AMOUNTS.fullmatch(text)
    if match is None:
        return None
    found = []
    for number_text, word in _EACH_AMOUNT.findall(text):
        typed = quantity.unit_typed_as(word)
        read = parse_decimal(number_text)
        if typed is None or read is None or read[1].startswith("-"):
            return None
        found.append((read[0], read[1], typed))
    rest = match.group("rest")
    if rest:
        # "6'2" and "6 ft 2": the inches after feet, their unit left off.
        read = parse_decimal(rest)
        if read is None or found[-1][2].symbol != "ft":
            return None
        found.append((read[0], read[1], quantity.unit("in")))
    sizes = [typed.size_in_base for _, _, typed in found]
    if any(later >= earlier for earlier, later in zip(sizes, sizes[1:])):
        return None
    return found


def unit_hint(field: NumberField, unit: UnitInUse) -> str:
    """What to type, in the reader's unit: "Enter your body mass in kg, like 72.5 (or switch to lb)."."""
    example = parse_decimal(field.example or field.default)
    like = ""
    if example is not None:
        like = ", like " + unit.chosen.text(unit.from_field_unit(example[0]), display_decimals(field, unit))
    others = [offered.shown for offered in unit.offered if offered != unit.chosen]
    switch = f" (or switch to {' or '.join(others)})" if others else ""
    return f"Enter {field.asked_for} in {unit.chosen.shown}{like}{switch}."


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
        if isinstance(item, (FieldGroup, FieldRow)):
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


def units_in_use(items: tuple[FormItem, ...], raws: Mapping[str, str]) -> dict[str, UnitInUse]:
    """For each number governed by a unit choice, the unit the reader chose for it (the choice's
    default while the choice itself holds something it does not offer)."""
    choices = unit_choices(items)
    found = {}
    for field in input_fields(items):
        if not isinstance(field, NumberField) or not field.unit_choice:
            continue
        choice = choices[field.unit_choice]
        outcome = _parse_choice(choice, raws.get(choice.name, choice.default))
        symbol = outcome.value if isinstance(outcome, Parsed) and isinstance(outcome.value, str) else choice.default
        found[field.name] = UnitInUse(
            field_unit=choice.quantity.unit(field.unit),
            chosen=choice.quantity.unit(symbol),
            offered=choice.units,
            quantity=choice.quantity,
        )
    return found


def parse_form(items: tuple[FormItem, ...], raw_inputs: Mapping[str, object]) -> ParsedForm:
    """Parse every input of a form; unknown keys are ignored, missing keys take the default."""
    raws = {field.name: raw_text(field, raw_inputs) for field in input_fields(items)}
    units = units_in_use(items, raws)
    outcomes: dict[str, Outcome] = {
        field.name: parse_field(field, raws[field.name], units.get(field.name)) for field in input_fields(items)
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
    return ParsedForm(values=values, errors=errors, texts=texts, units=units)


def convert_units(items: tuple[FormItem, ...], raw_inputs: Mapping[str, object], wanted: Mapping[str, str]) -> dict[str, str]:
    """The form's inputs after the reader switches unit choices (`wanted`: choice -> unit symbol).

    Every number a switched choice governs is converted into the new unit ("75" kg -> "165.3" lb),
    to enough places that the result stays the same; text that is not a number is kept as typed,
    and a unit the choice does not offer is ignored. Returns every input's text.
    """
    raws = {field.name: raw_text(field, raw_inputs) for field in input_fields(items)}
    before = units_in_use(items, raws)
    texts = dict(raws)
    for name, symbol in wanted.items():
        choice = unit_choices(items).get(name)
        if choice is None or symbol not in {unit.symbol for unit in choice.units}:
            continue
        texts[name] = symbol
        new_unit = choice.quantity.unit(symbol)
        for field in governed_by(items, name):
            read = parse_measure(raws[field.name], before[field.name]) if raws[field.name].strip() else None
            if read is None:
                continue
            value = read[0]
            field_unit = before[field.name].field_unit
            decimals = conversion_decimals(field, new_unit, field_unit, value)
            texts[field.name] = new_unit.text(convert(value, field_unit, new_unit), decimals)
    return texts


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
