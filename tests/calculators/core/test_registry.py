"""How the calculators are found and imported: every folder beside `core/` is one, by its name, and
each is imported the first time it is asked for, so a reader's browser starting Python for one
calculator imports that one alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from calculators.core.registry import Registry, discover, load

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def fresh_python(code: str) -> str:
    """What `code` prints in a new CPython with the project importable."""
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout.strip()


def test_importing_the_calculators_imports_none_of_them_until_asked():
    printed = fresh_python(
        """
        import sys
        import calculators

        def loaded():
            return sorted(slug for slug in calculators.available() if f"calculators.{slug}" in sys.modules)

        print(loaded(), "csv" in sys.modules)
        calculators.run("strength_balance", {"body_mass": "80"})
        print(loaded(), "csv" in sys.modules)
        calculators.table_template("strength_balance")
        print(loaded(), "csv" in sys.modules)
        """
    )
    assert printed.splitlines() == ["[] False", "['strength_balance'] False", "['strength_balance'] True"]


def test_every_folder_beside_core_is_a_calculator_named_by_its_folder():
    folders = sorted(
        path.name for path in (PROJECT_ROOT / "calculators").iterdir() if (path / "__init__.py").is_file() and path.name != "core"
    )
    assert discover([str(PROJECT_ROOT / "calculators")]) == tuple(folders)
    registry = Registry("calculators", tuple(folders))
    assert [registry.get(slug).slug for slug in folders] == folders


@pytest.fixture
def package(tmp_path, monkeypatch):
    """An importable package `made_up` with a calculator folder without CALCULATOR and one whose
    CALCULATOR names another slug."""
    root = tmp_path / "made_up"
    for folder, text in {
        "no_declaration": "TITLE = 'Nothing declared'\n",
        "other_name": "from calculators.strength_balance import CALCULATOR\n",
    }.items():
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text(text, encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    for name in [name for name in sys.modules if name.startswith("made_up")]:
        del sys.modules[name]


def test_a_folder_without_a_calculator_says_what_to_declare(package):
    with pytest.raises(TypeError, match=r"made_up/no_declaration/__init__.py must declare CALCULATOR = Calculator"):
        load("made_up", "no_declaration")


def test_a_calculator_must_be_named_as_its_folder(package):
    with pytest.raises(ValueError, match=r"declares the slug 'strength_balance': it must be its folder's name, 'other_name'"):
        load("made_up", "other_name")


def test_an_unknown_slug_names_the_known_ones():
    registry = Registry("calculators", ("step_timing", "strength_balance"))
    with pytest.raises(LookupError, match=r"No calculator called 'stride'. Known calculators: step_timing, strength_balance."):
        registry.get("stride")
    with pytest.raises(LookupError):
        registry.get(["strength_balance"])  # not a slug at all
