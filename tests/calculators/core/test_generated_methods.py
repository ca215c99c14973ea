"""The dataclass methods compiled at build: where the file is (calculators.zip in the reader's
browser), a dataclass runs the code compiled from its methods' text; where it is not, or is not
this Python's, nothing changes. Each test makes its own package in a temporary folder."""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import marshal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from calculators.core import generated_methods
from calculators.core.generated_methods import FILE_NAME, CompiledMethods


@pytest.fixture(autouse=True)
def dataclasses_exec_as_it_was() -> Iterator[None]:
    before = dataclasses.__dict__.get("exec")
    yield
    if before is None:
        dataclasses.__dict__.pop("exec", None)
    else:
        dataclasses.exec = before


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """An importable package of nothing but its __init__, and the folder its file goes in."""
    folder = tmp_path / "squad_package"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield "squad_package", folder
    sys.modules.pop("squad_package", None)


def athlete_class() -> type:
    @dataclasses.dataclass(frozen=True)
    class Athlete:
        name: str
        body_mass: float = 80.0

    return Athlete


def methods_text_of(make: Callable[[], type]) -> list[str]:
    """The text of the methods Python writes while `make` makes its dataclass."""
    noted: list[str] = []

    def noting_exec(source, globals=None, locals=None):
        noted.append(source)
        builtins.exec(source, globals, locals)

    dataclasses.exec = noting_exec
    make()
    del dataclasses.exec
    return noted


def test_a_dataclass_runs_the_methods_compiled_from_its_text(package):
    name, folder = package
    texts = methods_text_of(athlete_class)
    (folder / FILE_NAME).write_bytes(generated_methods.compiled(texts))

    standing_in = generated_methods.use(name)
    Athlete = athlete_class()

    assert isinstance(standing_in, CompiledMethods) and dataclasses.exec is standing_in
    assert (standing_in.found, standing_in.missed) == (len(texts), 0)  # one text a class in 3.14, one a method in 3.11
    assert Athlete("Ada") == Athlete("Ada", 80.0)
    assert repr(Athlete("Ada")).endswith("Athlete(name='Ada', body_mass=80.0)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Athlete("Ada").body_mass = 75.0


def test_a_dataclass_whose_text_is_not_there_is_compiled_as_before(package):
    name, folder = package
    texts = methods_text_of(athlete_class)
    (folder / FILE_NAME).write_bytes(generated_methods.compiled([]))

    standing_in = generated_methods.use(name)
    Athlete = athlete_class()

    assert (standing_in.found, standing_in.missed) == (0, len(texts))
    assert Athlete("Ada").body_mass == 80.0


def test_without_the_file_nothing_changes(package):
    name, _ = package

    assert generated_methods.use(name) is None
    assert "exec" not in vars(dataclasses)


def test_a_file_compiled_by_another_python_is_left_alone(package):
    name, folder = package
    (folder / FILE_NAME).write_bytes(marshal.dumps(("cpython-27", {})))

    assert generated_methods.use(name) is None
    assert "exec" not in vars(dataclasses)


def test_a_damaged_file_is_left_alone(package):
    name, folder = package
    (folder / FILE_NAME).write_bytes(generated_methods.compiled(methods_text_of(athlete_class))[:40])

    assert generated_methods.use(name) is None
    assert "exec" not in vars(dataclasses)


def test_the_calculators_package_itself_carries_no_such_file():
    """Only the build's calculators.zip does: the source tree and the wheel compile as Python does."""
    assert not (Path(generated_methods.__file__).parents[1] / FILE_NAME).exists()
