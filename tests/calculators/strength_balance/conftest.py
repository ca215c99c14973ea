"""Shared fixtures for the calculator tests (pure CPython: no browser, no build)."""

from __future__ import annotations

import pytest

from calculators.strength_balance.model import Parameters
from calculators.strength_balance.params import load_parameters


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml; repeated here so these tests can be run on their own.
    config.addinivalue_line("markers", "pyodide: runs the calculators in real Pyodide under Node")


@pytest.fixture(scope="session")
def parameters() -> Parameters:
    """The packaged model parameters (strength_balance.toml), as the site uses them."""
    return load_parameters()
