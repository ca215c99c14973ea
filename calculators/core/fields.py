"""What a calculator asks the reader for, declared once.

The form, the validation, the defaults and the shareable URL all derive from these declarations,
so they cannot drift apart. Everything here is a frozen dataclass: a declaration is a value, not a
thing that changes while a page is open.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union


@dataclass(frozen=True)
class NumberField:
    """A number typed as text ("72.5" or "72,5"), checked against an inclusive range.

    `minimum_exclusive` turns the lower bound into "more than", for quantities such as a force
    where zero makes no sense but any positive value does. `whole_number` accepts only counts
    ("12", not "12.5"), such as video frames. `long_label` names the field away from its own
    label (in the "fields need attention" notice); it defaults to `label`. `max_length` is the
    most characters the field holds (the form's `maxlength`; the page refuses longer text from a
    shared address): far more than any number a reader types, mistakes included.
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

    @property
    def full_label(self) -> str:
        """The label that still makes sense on its own, away from the form."""
        return self.long_label or self.label


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
class FieldGroup:
    """Optional fields shown together under one summary (folded away until the reader opens it)."""

    name: str
    summary: str
    items: tuple[Union[InputField, PairField], ...]
    help: str = ""
    show_when: str | None = None


FormItem = Union[InputField, PairField, FieldGroup]
"""One entry of a calculator's form, in display order."""


def input_fields(items: tuple[FormItem, ...]) -> tuple[InputField, ...]:
    """Every single input of a form, in display order (pairs give their left then right side)."""
    found: list[InputField] = []
    for item in items:
        if isinstance(item, FieldGroup):
            found.extend(input_fields(item.items))
        elif isinstance(item, PairField):
            found.extend(item.sides)
        else:
            found.append(item)
    return tuple(found)


def defaults(items: tuple[FormItem, ...]) -> dict[str, str]:
    """Input name -> the text the form starts with ("" where an optional field has no default)."""
    return {field.name: field.default for field in input_fields(items)}
