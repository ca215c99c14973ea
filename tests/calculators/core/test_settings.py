"""Ranges in a calculator's parameters.toml: `NAME_min_UNIT` and `NAME_max_UNIT`, checked together."""

from __future__ import annotations

import pytest

from calculators.core.settings import ParameterError, Range, Settings


def test_a_range_is_read_from_its_two_keys_and_holds_its_ends():
    inputs = Settings({"contact_time_min_ms": 50, "contact_time_max_ms": 400.0}, "step_timing/parameters.toml", "inputs")
    contact = inputs.range("contact_time", "ms")
    assert contact == Range(50.0, 400.0)
    assert contact.holds(50) and contact.holds(400) and not contact.holds(49.9)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"height_min_cm": 230, "height_max_cm": 120}, r"inputs\.height_max_cm must be more than 230"),
        ({"height_max_cm": 230}, r"inputs\.height_min_cm is missing"),
        ({"height_min_cm": -1, "height_max_cm": 230}, r"inputs\.height_min_cm must not be negative"),
    ],
)
def test_a_wrong_range_names_the_key_to_fix(data, message):
    with pytest.raises(ParameterError, match=message):
        Settings(data, "sprint_profile/parameters.toml", "inputs").range("height", "cm", at_least=0)
