"""The accessible form for any calculator, generated from its field declarations.

No calculator writes form HTML by hand: labels, help, error slots and ids follow one set of
conventions that the page script relies on (see the `aq-` classes and `data-` attributes below).
Numbers are `type="text"` with `inputmode="decimal"`: `type="number"` would silently discard a
comma decimal such as "72,5", which is exactly what many readers type. A phone's decimal keyboard
has digits and one separator only, so a field that invites "1:35.5" (a duration) or feet and
inches ("6'2\"") asks for the full keyboard (`inputmode="text"`).

A unit choice's radio buttons carry the unit as it reads after a label (`data-unit`), and each
governed field's unit (`data-unit-of`), so the page can follow a switch at once; the choice also
carries its unit in each site-wide system (`data-metric`, `data-us`), and the form carries its
inputs in US units (`data-units-us`), so a reader who picked US units gets them before Python
has loaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from calculators.core.fields import (
    ChoiceField,
    DurationField,
    FieldGroup,
    FieldRow,
    FormItem,
    NumberField,
    PairField,
    UnitChoiceField,
    input_fields,
    unit_choices,
)
from calculators.core.formatting import plain_number
from calculators.core.markup import Markup, attributes, element, escape, join
from calculators.core.parsing import UnitInUse, convert_units, units_in_use


def render_form(
    slug: str,
    items: tuple[FormItem, ...],
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> Markup:
    """The whole `<form>`; missing values take the field's default, errors show beside their field.

    Every id starts with the slug, so different calculators never clash on one page.
    """
    given = dict(values or {})
    texts = {field.name: _text(given.get(field.name), field.default) for field in input_fields(items)}
    renderer = _FormRenderer(prefix=slug, texts=texts, errors=dict(errors or {}), units=units_in_use(items, texts))
    body = join(renderer.item(item) for item in items)
    return Markup(f"<form{attributes(class_='aq-calc__form', novalidate=True, data_units_us=_in_us_units(items, texts))}>{body}</form>")


def _in_us_units(items: tuple[FormItem, ...], texts: Mapping[str, str]) -> str | None:
    """The form's inputs with every unit choice on its US unit (JSON), or None without unit choices."""
    choices = unit_choices(items)
    if not choices:
        return None
    return json.dumps(convert_units(items, texts, {name: choice.us_unit for name, choice in choices.items()}))


def _text(value: object, default: str) -> str:
    if value is None:
        return default
    return value if isinstance(value, str) else str(value)


class _FormRenderer:
    """Renders form items with one id prefix, the current texts and the errors to show."""

    def __init__(self, prefix: str, texts: Mapping[str, str], errors: Mapping[str, str], units: Mapping[str, UnitInUse]) -> None:
        self.prefix = prefix
        self.texts = texts
        self.errors = errors
        self.units = units

    def item(self, item: FormItem) -> Markup:
        if isinstance(item, FieldGroup):
            return self.group(item)
        if isinstance(item, FieldRow):
            return element("div", join(self.item(field) for field in item.items), class_="aq-row", data_show_when=item.show_when)
        if isinstance(item, PairField):
            return self.pair(item)
        if isinstance(item, ChoiceField):
            return self.choice(item)
        return self.single(item)

    def id_for(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    def error(self, name: str) -> Markup:
        """The error slot: always present so the page script can fill it; empty when fine."""
        return element("p", self.errors.get(name, ""), class_="aq-field__error", id=f"{self.id_for(name)}-error", data_error_for=name)

    def help(self, name: str, text: str) -> Markup:
        if not text:
            return Markup("")
        return element("p", text, class_="aq-field__help", id=f"{self.id_for(name)}-help")

    def unit(self, unit: str, field: NumberField | None = None) -> Markup:
        """The unit after a label: the reader's chosen one for a field governed by a unit choice."""
        in_use = self.units.get(field.name) if field is not None else None
        if in_use is not None:
            return Markup(" " + element("span", in_use.chosen.shown, class_="aq-field__unit", data_unit_of=field.unit_choice))
        if not unit:
            return Markup("")
        return Markup(" " + element("span", unit, class_="aq-field__unit"))

    def keyboard(self, field: NumberField) -> str:
        """The phone keyboard the field needs: digits, digits and a separator, or the full one
        (a duration's colon; feet and inches' marks)."""
        in_use = self.units.get(field.name)
        if isinstance(field, DurationField) or (in_use and any(unit.inches_rest for unit in in_use.offered)):
            return "text"
        return "numeric" if field.whole_number else "decimal"

    def text_input(self, field: NumberField, described_by: str) -> Markup:
        name = field.name
        return Markup(
            "<input"
            + attributes(
                type="text",
                inputmode=self.keyboard(field),
                autocomplete="off",
                id=self.id_for(name),
                name=name,
                value=self.texts.get(name, ""),
                maxlength=str(field.max_length),
                aria_describedby=described_by,
                aria_required="true" if field.required else None,
                aria_invalid="true" if name in self.errors else None,
                data_step=plain_number(field.step) if field.step is not None else None,
            )
            + ">"
        )

    def single(self, field: NumberField) -> Markup:
        field_id = self.id_for(field.name)
        described = " ".join(
            ([f"{field_id}-help"] if field.help else []) + [f"{field_id}-error"]
        )
        label = Markup(f'<label for="{escape(field_id)}">{escape(field.label)}{self.unit(field.unit, field)}</label>')
        return element(
            "div",
            join([label, self.text_input(field, described), self.help(field.name, field.help), self.error(field.name)]),
            class_="aq-field",
            data_field=field.name,
            data_show_when=field.show_when,
        )

    def choice(self, field: ChoiceField) -> Markup:
        field_id = self.id_for(field.name)
        described = " ".join(([f"{field_id}-help"] if field.help else []) + [f"{field_id}-error"])
        current = self.texts.get(field.name, "").strip().casefold()
        invalid = "true" if field.name in self.errors else None
        unit_choice = field if isinstance(field, UnitChoiceField) else None
        if field.as_radio_buttons:
            options = []
            for choice in field.choices:
                option_id = f"{field_id}-{_id_part(choice.value)}"
                radio = "<input" + attributes(
                    type="radio",
                    id=option_id,
                    name=field.name,
                    value=choice.value,
                    checked=choice.value.casefold() == current,
                    aria_describedby=described,
                    aria_invalid=invalid,
                    data_unit=unit_choice.quantity.unit(choice.value).shown if unit_choice else None,
                ) + ">"
                options.append(
                    Markup(
                        f'<div class="aq-choice">{radio}'
                        f'<label for="{escape(option_id)}">{escape(choice.label)}</label></div>'
                    )
                )
            control = Markup(
                f'<fieldset class="aq-choices" id="{escape(field_id)}"{attributes(aria_describedby=described)}>'
                f"{element('legend', Markup(escape(field.label) + self.unit(field.unit)))}"
                f"{join(options)}</fieldset>"
            )
        else:
            options = [
                element("option", choice.label, value=choice.value, selected=choice.value.casefold() == current)
                for choice in field.choices
            ]
            if not field.required or not current:
                options.insert(0, element("option", "", value=""))
            label = Markup(f'<label for="{escape(field_id)}">{escape(field.label)}{self.unit(field.unit)}</label>')
            select = element(
                "select",
                join(options),
                id=field_id,
                name=field.name,
                aria_describedby=described,
                aria_required="true" if field.required else None,
                aria_invalid=invalid,
            )
            control = join([label, select])
        return element(
            "div",
            join([control, self.help(field.name, field.help), self.error(field.name)]),
            class_="aq-field aq-field--choice aq-field--unit" if unit_choice else "aq-field aq-field--choice",
            data_field=field.name,
            data_show_when=field.show_when,
            data_unit_choice=True if unit_choice else None,
            data_metric=unit_choice.unit_for("metric") if unit_choice else None,
            data_us=unit_choice.unit_for("us") if unit_choice else None,
        )

    def pair(self, pair: PairField) -> Markup:
        help_id = f"{self.id_for(pair.name)}-help"
        sides = []
        for side in pair.sides:
            described = " ".join(([help_id] if pair.help else []) + [f"{self.id_for(side.name)}-error"])
            label = Markup(f'<label for="{escape(self.id_for(side.name))}">{escape(side.label)}</label>')
            sides.append(
                element(
                    "div",
                    join([label, self.text_input(side, described), self.error(side.name)]),
                    class_="aq-field",
                    data_field=side.name,
                )
            )
        legend = element("legend", Markup(escape(pair.label) + self.unit(pair.unit, pair.left)))
        return element(
            "fieldset",
            join([legend, self.help(pair.name, pair.help), *sides]),
            class_="aq-pair",
            data_field=pair.name,
            data_show_when=pair.show_when,
        )

    def group(self, group: FieldGroup) -> Markup:
        # A unit choice always holds a unit: only what the reader typed opens the group.
        names = [field.name for field in input_fields(group.items) if not isinstance(field, UnitChoiceField)]
        is_open = any(self.texts.get(name, "").strip() or name in self.errors for name in names)
        help_text = element("p", group.help, class_="aq-group__help") if group.help else Markup("")
        body = join(self.item(item) for item in group.items)
        return Markup(
            f"<details{attributes(class_='aq-group', data_group=group.name, data_show_when=group.show_when, open=bool(is_open))}>"
            f"{element('summary', group.summary)}{help_text}"
            f'<div class="aq-group__fields">{body}</div></details>'
        )


def _id_part(value: str) -> str:
    """A choice's value as part of an id ("ft+in" -> "ft-in")."""
    return "".join(character if character.isalnum() or character in "-_" else "-" for character in value)


def field_labels(items: tuple[FormItem, ...]) -> dict[str, str]:
    """Input name -> the label that names it on its own (for the "fields need attention" notice)."""
    labels: dict[str, str] = {}
    for field in input_fields(items):
        labels[field.name] = field.full_label
    return labels
