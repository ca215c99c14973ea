"""A whole squad from a spreadsheet: every row gives exactly what the form gives for the same values,
bad rows are reported with their line and column and kept, and a file that is not a squad says so."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from tests.support.calculator_examples import every_calculator
from tests.support.squad_files import (
    Spreadsheet,
    full_inputs,
    random_spreadsheet,
    squad_csv,
)

SLUG = "strength_balance"
CALCULATORS = [pytest.param(slug, examples, id=slug) for slug, examples in every_calculator()]


@pytest.mark.parametrize(("slug", "examples"), CALCULATORS)
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_every_row_gives_exactly_what_the_form_gives(slug, examples, seed):
    rng = random.Random(seed)
    athletes = [full_inputs(slug, examples.random_inputs(rng)) for _ in range(rng.randint(1, 12))]
    sheet = random_spreadsheet(rng)
    squad = calculators.run_table(slug, squad_csv(slug, athletes, sheet), with_html=True)
    assert squad["ok"], squad["message"]
    assert [row["athlete"] for row in squad["rows"]] == [f"Athlete {n}" for n in range(1, len(athletes) + 1)]
    for row, inputs in zip(squad["rows"], athletes, strict=True):
        assert row["result"] == calculators.run(slug, inputs)


def test_without_html_a_row_is_the_same_answer_less_its_markup():
    squad = calculators.run_table(SLUG, calculators.table_template(SLUG))
    answer = calculators.run(SLUG, calculators.defaults(SLUG))
    del answer["html"]
    assert squad["rows"][0]["result"] == answer


def test_the_template_is_the_header_row_and_the_forms_example():
    for slug in calculators.available():
        squad = calculators.run_table(slug, calculators.table_template(slug))
        assert squad["missing"] == [] and squad["problems"] == []
        (row,) = squad["rows"]
        assert row["athlete"] == "Example athlete" and row["result"]["ok"]
        assert row["result"]["summary"]  # the headline figures for the squad's table


def test_european_excel_semicolons_decimal_commas_and_a_byte_order_mark():
    text = (
        "\ufeffAthlete;Body mass (kg);Pushing leg (left);Pushing leg (right);Swing leg (left);Swing leg (right);"
        "Arms (left);Arms (right);Torso (left);Torso (right)\r\n"
        "Ana;72,5;780;760;180;170;115;110;95;90\r\n"
    )
    squad = calculators.run_table(SLUG, text)
    (row,) = squad["rows"]
    assert row["result"]["values"]["body_mass"] == "72.5 kg"  # the header's unit, after the number
    assert row["result"]["summary"] == {"Strength Balance": "82.7", "Limited by": "Swing leg", "Speed change from training it": "+2.64 %"}
    # a missing choice takes the form's: kilograms, newtons
    assert squad["missing"][:3] == ["body_mass_unit", "force_unit", "improvement"]
    assert row["result"]["values"]["force_unit"] == "N"


def test_quoted_cells_may_hold_the_separator_and_even_a_line_break():
    text = 'athlete,step_length,contact_time,flight_time\n"Lee, J.",2.1,100,120\n"Mo\nSalah",abc,100,120\n'
    squad = calculators.run_table("step_timing", text)
    assert [row["athlete"] for row in squad["rows"]] == ["Lee, J.", "Mo\nSalah"]
    (problem,) = squad["problems"]
    assert problem == {
        "line": 3,  # where Mo's record starts
        "athlete": "Mo\nSalah",
        "field": "step_length",
        "column": "B",
        "header": "step_length",
        "message": "Enter your step length in m, like 2.2 (or switch to ft).",
    }


def test_three_bad_rows_are_reported_and_kept_and_the_others_computed():
    athletes = [calculators.defaults(SLUG) for _ in range(30)]
    athletes[4] = {**athletes[4], "body_mass": "500"}
    athletes[11] = {**athletes[11], "torso_left": "abc"}
    athletes[20] = {**athletes[20], "swing_leg_right": ""}
    squad = calculators.run_table(SLUG, squad_csv(SLUG, athletes, Spreadsheet(blank_line_every=10)))
    assert len(squad["rows"]) == 30
    assert sum(row["result"]["ok"] for row in squad["rows"]) == 27
    assert [(problem["athlete"], problem["field"], problem["message"]) for problem in squad["problems"]] == [
        ("Athlete 5", "body_mass", "Body mass must be between 30 and 200 kg."),
        ("Athlete 12", "torso_left", "Enter seconds, like 95.5, or minutes:seconds, like 1:35.5."),
        ("Athlete 21", "swing_leg_right", "Swing leg (right) is needed."),
    ]
    assert [problem["line"] for problem in squad["problems"]] == [6, 14, 24]  # blank lines counted
    assert squad["problems"][0]["column"] == "C" and squad["problems"][0]["header"] == "body_mass"  # after its unit


def test_unknown_columns_are_named_and_left_out_and_short_rows_are_empty_at_the_end():
    text = "Athlete,Shoe size,step_length (m),contact_time,flight_time\nA,42,2.2,100,120\nB,43,2.1\n"
    squad = calculators.run_table("step_timing", text)
    assert {"column": "B", "header": "Shoe size", "field": ""} in squad["columns"]
    assert squad["rows"][0]["result"]["ok"]
    assert {(p["field"], p["column"], p["message"]) for p in squad["problems"]} == {
        ("contact_time", "D", "Ground contact time is needed."),
        ("flight_time", "E", "Flight time is needed."),
    }


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "This file is empty"),
        ("\n\n  \n", "This file is empty"),
        ("PK\x03\x04\x14\x00\x06\x00binary", "This is not a CSV file"),
        ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "This is not a CSV file"),
        ("shoe size,favourite colour\n42,red\n", "no column of this file is an input of the Strength Balance"),
        ("body_mass,Body mass (kg)\n70,70\n", "these inputs have more than one column (body_mass: columns A, B)"),
        ("body_mass\n" + "70\n" * 10_001, "more than 10,000 athletes"),
        ("body_mass\n" + "7" * 5_000_001, "MB of text"),
    ],
)
def test_a_file_that_is_not_a_squad_says_what_to_do(text, said):
    squad = calculators.run_table(SLUG, text)
    assert squad["ok"] is False and squad["rows"] == []
    assert said in squad["message"]


def test_run_table_json_is_run_table_through_json():
    import json

    text = calculators.table_template("flying_sprint")
    assert json.loads(calculators.run_table_json("flying_sprint", text)) == calculators.run_table("flying_sprint", text)
