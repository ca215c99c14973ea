"""Fixtures for the Strength Balance tests (pure CPython: no browser, no build)."""

from __future__ import annotations

import pytest

from calculators.strength_balance.model import Parameters
from calculators.strength_balance.params import load_parameters


@pytest.fixture(scope="session")
def parameters() -> Parameters:
    """The packaged model parameters (strength_balance/parameters.toml), as the site uses them."""
    return load_parameters()
