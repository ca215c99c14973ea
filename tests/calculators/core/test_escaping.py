"""Nothing typed by a reader, or written in a label or the TOML file, ever becomes markup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

import calculators
from calculators.core.calculator import Calculator, FieldMessages
from calculators.core.fields import (
    Choice,
    ChoiceField,
    FieldGroup,
    NumberField,
    PairField,
)
from calculators.core.form import render_form
from calculators.core.svg import Bar, horizontal_bar_chart
from calculators.strength_balance import make_calculator
from calculators.strength_balance.params import load_parameters

ATTACK = '<script>alert("x")</script>'
PACKAGED = Path(__file__).resolve().parents[3] / "calculators" / "strength_balance" / "parameters.toml"


def assert_no_script(html: str) -> None:
    assert "<script" not in html
    assert BeautifulSoup(html, "html.parser").find("script") is None


def test_a_label_unit_help_and_choice_containing_script_are_escaped_in_the_form():
    items = (
        NumberField("mass", f"Mass {ATTACK}", unit=ATTACK, help=ATTACK, minimum=1),
        ChoiceField("unit", ATTACK, (Choice("a", ATTACK), Choice("b", "B"))),
        PairField(side=NumberField("leg", ATTACK, unit=ATTACK, help=ATTACK)),
        FieldGroup("extra", ATTACK, (NumberField("x", "X", required=False),), help=ATTACK),
    )
    html = render_form("demo", items, values={"mass": f'"><{ATTACK}'}, errors={"mass": ATTACK})
    assert_no_script(html)
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("#demo-mass")["value"] == f'"><{ATTACK}'  # kept as text, in the attribute
    assert page.select_one("#demo-mass-error").get_text() == ATTACK
    assert page.find("label", attrs={"for": "demo-mass"}).get_text().startswith(f"Mass {ATTACK}")


def test_a_script_typed_into_a_field_comes_back_as_data_not_markup():
    answer = calculators.run("strength_balance", {"body_mass": ATTACK, "force_unit": ATTACK})
    assert answer["values"]["body_mass"] == ATTACK  # for the input's value, set as text by the page
    assert_no_script(answer["html"])
    assert_no_script(calculators.form_html("strength_balance", answer["values"], answer["errors"]))


def test_a_field_label_with_script_is_escaped_in_the_attention_notice():
    demo = Calculator(
        slug="demo",
        title="Demo",
        schema=1,
        form=(NumberField("mass", ATTACK, minimum=1),),
        read=lambda form: FieldMessages() if form.errors else form.values,
        compute=lambda values: values,
        render=lambda result, prefix: "",
        explain=lambda: "",
    )
    answer = demo.run({"mass": "0"})
    assert answer["ok"] is False
    assert_no_script(answer["html"])
    assert BeautifulSoup(answer["html"], "html.parser").get_text() == f"1 field needs attention: {ATTACK}."


def test_text_from_the_toml_file_is_escaped_in_the_form_the_result_and_the_explanation(tmp_path):
    text = PACKAGED.read_text(encoding="utf-8")
    text = text.replace('test = "Side-bridge hold"', f"test = '{ATTACK}'")
    text = text.replace('citation = "Deane', f"citation = '{ATTACK}'\n# was: Deane", 1)
    path = tmp_path / "parameters.toml"
    path.write_text(text, encoding="utf-8")
    calculator = make_calculator(load_parameters(path))
    assert_no_script(calculator.form_html())
    assert_no_script(calculator.run({})["html"])
    explanation = calculator.explain()
    assert_no_script(explanation)
    assert ATTACK in BeautifulSoup(explanation, "html.parser").get_text()


def test_chart_labels_are_escaped():
    svg = horizontal_bar_chart(
        [Bar(ATTACK, 1.0, ATTACK, marked=True, mark_text=ATTACK)],
        maximum=1.5,
        reference=1.0,
        reference_label=ATTACK,
        title=ATTACK,
        description=ATTACK,
        id_prefix='x"><script>',
    )
    assert_no_script(svg)
