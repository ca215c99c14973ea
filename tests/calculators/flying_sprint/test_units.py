"""The flying sprint's zone in yards, on the shared unit mechanism: chosen or typed after the number."""

from __future__ import annotations

import pytest

import calculators
from calculators.flying_sprint import CALCULATOR

SLUG = "flying_sprint"


def run_of(inputs):
    evaluation = CALCULATOR.evaluate(inputs)
    assert evaluation.errors == {}, evaluation.errors
    return evaluation.result.sprint.run


@pytest.mark.parametrize(
    "inputs",
    [
        {"distance_unit": "yd", "zone_length": "40"},
        {"zone_length": "40 yd"},
        {"zone_length": "40yds"},
        {"zone_length": "120 ft"},
        {"zone_length": "36.576"},
    ],
)
def test_a_40_yard_zone_is_36_576_m_however_it_is_typed(inputs):
    assert run_of({**inputs, "zone_time": "3.6", "steps": ""}).zone_length == pytest.approx(36.576, rel=1e-12)


def test_an_address_made_before_the_new_mechanism_means_the_same():
    """distance_unit kept its name and its values: a shared address of schema 1 reads as it did."""
    assert calculators.run(SLUG, {"distance_unit": "yd", "zone_length": "40", "zone_time": "4.2", "steps": ""})["schema"] == 1


def test_the_unit_choice_is_a_unit_choice_of_lengths_in_metres_and_yards():
    page = calculators.form_html(SLUG)
    assert 'data-unit-choice' in page and 'data-us="yd"' in page and 'data-metric="m"' in page
