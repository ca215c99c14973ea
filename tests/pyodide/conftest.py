"""The Pyodide layer: the calculators' wheel, run in the pinned npm `pyodide` package under Node."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = PROJECT_ROOT / "node_modules" / "pyodide" / "pyodide.mjs"


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml; repeated here so these tests can be run on their own.
    config.addinivalue_line("markers", "pyodide: runs the calculators in real Pyodide under Node")


@pytest.fixture(scope="session")
def node() -> str:
    """The `node` executable and the pyodide package; in CI a missing one fails, elsewhere it skips."""
    problem = None
    executable = shutil.which("node")
    if executable is None:
        problem = "Node.js (`node`) is not on PATH: install Debian's nodejs package"
    elif not PYODIDE_PACKAGE.exists():
        problem = f"{PYODIDE_PACKAGE} is missing: run `npm ci` (package.json pins pyodide)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    return executable


@pytest.fixture(scope="session")
def calculators_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The calculators wheel, built by the same code the site build uses."""
    from macros.wheel import build_calculators_wheel

    return build_calculators_wheel(tmp_path_factory.mktemp("wheel"))
