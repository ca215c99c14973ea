"""What a calculator asks the reader for, declared once.

The form, the validation, the defaults and the shareable URL all derive from these declarations,
so they cannot drift apart. Everything here is a frozen dataclass: a declaration is a value, not a
thing that changes while a page is open.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

from calculators.core.units import Quantity, Unit


@dataclass(frozen=True)
class NumberField:
    """A number typed as text ("72.5" or "72,5"), checked against an inclusive range.

    `minimum_exclusive` turns the lower bound into "more than", for quantities such as a force
    where zero makes no sense but any positive value does. `whole_number` accepts only counts
    ("12", not "12.5"), such as video frames. `long_label` names the field away from its own
    label (in the "fields need attention" notice); it defaults to `label`. `max_length` is the
    most characters the field holds (the form's `maxlength`; the page refuses longer text from a
    shared address): far more than any number a reader types, mistakes included.

    `unit_choice` names the `UnitChoiceField` that governs the field: the reader then types it in
    the unit chosen there (or with a unit after the number, "165 lb"), while `unit`, the range,
    the default and the value the calculator reads stay in the field's own metric unit. `asks_for`
    is what its hint asks for ("your body mass", the default, from the label); `example` is the
    value the hint shows (the default when empty), in `unit`.
    """

    name: str
    label: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False
    step: float | None = None
    default: str = ""
    help: str = ""
    required: bool = True
    show_when: str | None = None
    long_label: str = ""
    whole_number: bool = False
    max_length: int = 50
    unit_choice: str = ""
    asks_for: str = ""
    example: str = ""

    @property
    def full_label(self) -> str:
        """The label that still makes sense on its own, away from the form."""
        return self.long_label or self.label

    @property
    def asked_for(self) -> str:
        """What a hint asks the reader to enter: "your body mass"."""
        return self.asks_for or f"your {self.full_label[:1].lower()}{self.full_label[1:]}"


@dataclass(frozen=True)
class DurationField(NumberField):
    """A time in seconds that may also be typed as minutes:seconds ("95.5" or "1:35.5")."""

    unit: str = "s"


@dataclass(frozen=True)
class Choice:
    """One option of a choice: the value stored in the URL and the words the reader sees."""

    value: str
    label: str


@dataclass(frozen=True)
class ChoiceField:
    """One of a few fixed options: radio buttons for up to four, a drop-down list beyond."""

    name: str
    label: str
    choices: tuple[Choice, ...]
    default: str = ""
    help: str = ""
    required: bool = True
    show_when: str | None = None
    long_label: str = ""
    unit: str = ""

    @property
    def full_label(self) -> str:
        """The label that still makes sense on its own, away from the form."""
        return self.long_label or self.label

    @property
    def as_radio_buttons(self) -> bool:
        """A handful of options reads best as radio buttons; more need a drop-down list."""
        return len(self.choices) <= 4


UNIT_SYSTEMS = ("metric", "us")
"""The site-wide unit systems a reader may pick once: metric, or US customary units."""


@dataclass(frozen=True, kw_only=True)
class UnitChoiceField(ChoiceField):
    """The unit a reader types one quantity in (body mass in kg or lb): a choice built from a `Quantity`.

    Number fields name it in their `unit_choice`. Its first unit is the default, the metric unit
    the governed fields declare their ranges in; `us_unit` is the one a reader who picked US units
    for the whole site gets.
    """

    quantity: Quantity
    us_unit: str

    @classmethod
    def of(cls, name: str, label: str, quantity: Quantity, symbols: tuple[str, ...], *, us: str, help: str = "") -> UnitChoiceField:
        """A choice of `symbols`, units of `quantity`; the first is the default (metric) one."""
        offered = tuple(quantity.unit(symbol) for symbol in symbols)
        if us not in symbols:
            raise ValueError(f"{name}: the US unit {us!r} is not one of {symbols}")
        return cls(
            name=name,
            label=label,
            choices=tuple(Choice(unit.symbol, unit.label) for unit in offered),
            default=symbols[0],
            help=help,
            quantity=quantity,
            us_unit=us,
        )

    @property
    def units(self) -> tuple[Unit, ...]:
        """The units offered, in the order of the choice."""
        return tuple(self.quantity.unit(choice.value) for choice in self.choices)

    def unit_for(self, system: str) -> str:
        """The unit this choice takes in a site-wide unit system ("metric" or "us")."""
        return self.us_unit if system == "us" else self.default


InputField = Union[NumberField, DurationField, ChoiceField]
"""A field with exactly one input on the form."""


@dataclass(frozen=True)
class PairField:
    """A left and a right value of the same test: two inputs, `NAME_left` and `NAME_right`.

    `side` describes both sides at once (name, label, unit, range, help); the pair makes the two
    inputs from it. When only one side is given, the missing side gets the message.
    """

    side: NumberField
    left_default: str = ""
    right_default: str = ""
    show_when: str | None = None

    @property
    def name(self) -> str:
        return self.side.name

    @property
    def label(self) -> str:
        return self.side.label

    @property
    def unit(self) -> str:
        return self.side.unit

    @property
    def help(self) -> str:
        return self.side.help

    @property
    def required(self) -> bool:
        return self.side.required

    @property
    def left(self) -> NumberField:
        return self._make_side("left", self.left_default)

    @property
    def right(self) -> NumberField:
        return self._make_side("right", self.right_default)

    @property
    def sides(self) -> tuple[NumberField, NumberField]:
        return (self.left, self.right)

    def _make_side(self, side: str, default: str) -> NumberField:
        return replace(
            self.side,
            name=f"{self.side.name}_{side}",
            label=side.capitalize(),
            long_label=f"{self.side.full_label} ({side})",
            default=default,
            help="",
            show_when=None,
        )


@dataclass(frozen=True)
class FieldRow:
    """Inputs read together, kept side by side on one line even on a phone (a split's distance
    and its time): only the layout differs from listing them one by one."""

    items: tuple[InputField, ...]
    show_when: str | None = None


@dataclass(frozen=True)
class FieldGroup:
    """Optional fields shown together under one summary (folded away until the reader opens it)."""

    name: str
    summary: str
    items: tuple[Union[InputField, PairField, FieldRow], ...]
    help: str = ""
    show_when: str | None = None


FormItem = Union[InputField, PairField, FieldRow, FieldGroup]
"""One entry of a calculator's form, in display order."""


def input_fields(items: tuple[FormItem, ...]) -> tuple[InputField, ...]:
    """Every single input of a form, in display order (pairs give their left then right side)."""
    found: list[InputField] = []
    for item in items:
        if isinstance(item, (FieldGroup, FieldRow)):
            found.extend(input_fields(item.items))
        elif isinstance(item, PairField):
            found.extend(item.sides)
        else:
            found.append(item)
    return tuple(found)


def unit_choices(items: tuple[FormItem, ...]) -> dict[str, UnitChoiceField]:
    """Name -> every unit choice of a form."""
    return {field.name: field for field in input_fields(items) if isinstance(field, UnitChoiceField)}


def measured_quantities(items: tuple[FormItem, ...]) -> dict[str, Quantity]:
    """Name -> the quantity of every number governed by a unit choice (body_mass -> mass)."""
    choices = unit_choices(items)
    return {
        field.name: choices[field.unit_choice].quantity
        for field in input_fields(items)
        if isinstance(field, NumberField) and field.unit_choice
    }


def governed_by(items: tuple[FormItem, ...], choice: str) -> tuple[NumberField, ...]:
    """The number fields a unit choice governs, in display order."""
    return tuple(field for field in input_fields(items) if isinstance(field, NumberField) and field.unit_choice == choice)


def defaults(items: tuple[FormItem, ...]) -> dict[str, str]:
    """Input name -> the text the form starts with ("" where an optional field has no default)."""
    return {field.name: field.default for field in input_fields(items)}
