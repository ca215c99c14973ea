"""Read a calculator's tunable numbers from TOML, with errors that name the key to fix.

The content owner tunes a model by editing its TOML file, never its code. A mistake there is a
configuration error, not a reader's error, so it raises `ParameterError` at load time, and the
site build, which runs every calculator, stops with a message that says which key is wrong.
"""

from __future__ import annotations

import math
import pkgutil
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ParameterError(ValueError):
    """A calculator's TOML settings are wrong: fix the file, not the code."""


PARAMETERS_FILE = "parameters.toml"
"""Each calculator's tunable numbers, in its own folder: calculators/<name>/parameters.toml."""


def parameters_source(package: str) -> str:
    """How messages name a calculator's parameter file, e.g. "strength_balance/parameters.toml"."""
    return f"{package.rpartition('.')[2]}/{PARAMETERS_FILE}"


def read_parameters(package: str, path: Path | None = None) -> tuple[Mapping[str, Any], str]:
    """A calculator's parsed parameters.toml and its name for messages.

    `package` is the calculator's package (its modules pass `__package__`); the file is read as a
    package resource, so it works from the wheel in Pyodide as well. With `path`, the file there
    is read instead (for tests, or to try new numbers before editing the real file).
    """
    if path is None:
        source = parameters_source(package)
        # The package's loader reads it, from a folder or from a zip (Pyodide's python.zip) alike:
        # importlib.resources would parse the whole zip's directory again for every calculator.
        data = pkgutil.get_data(package, PARAMETERS_FILE)
        if data is None:
            raise ParameterError(f"{source}: cannot be read from the {package} package")
        text = data.decode("utf-8")
    else:
        source = path.name
        text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text), source
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"{source}: not valid TOML: {error}") from error


@dataclass(frozen=True)
class Range:
    """An inclusive range of values, e.g. what a reader may type into a field."""

    minimum: float
    maximum: float

    def holds(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class Settings:
    """One TOML table and where it sits (`source` file, dotted `path`), for precise messages."""

    data: Mapping[str, Any]
    source: str
    path: str = ""

    def key(self, name: str) -> str:
        """The dotted name of a key, as the content owner would search for it in the file."""
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, problem: str) -> ParameterError:
        return ParameterError(f"{self.source}: {self.key(name)} {problem}")

    def _get(self, name: str) -> Any:
        if name not in self.data:
            raise self.fail(name, "is missing")
        return self.data[name]

    def number(
        self,
        name: str,
        *,
        at_least: float | None = None,
        above: float | None = None,
        at_most: float | None = None,
    ) -> float:
        """A finite number within the given bounds."""
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(name, f"must be a number (got {value!r})")
        value = float(value)
        if not math.isfinite(value):
            raise self.fail(name, f"must be a finite number (got {value!r})")
        if at_least is not None and value < at_least:
            word = "not be negative" if at_least == 0 else f"be at least {at_least:g}"
            raise self.fail(name, f"must {word} (got {value:g})")
        if above is not None and value <= above:
            raise self.fail(name, f"must be more than {above:g} (got {value:g})")
        if at_most is not None and value > at_most:
            raise self.fail(name, f"must be at most {at_most:g} (got {value:g})")
        return value

    def range(self, name: str, unit: str, *, at_least: float | None = None) -> Range:
        """`NAME_min_UNIT` and `NAME_max_UNIT` as a range; the maximum must be above the minimum."""
        low = self.number(f"{name}_min_{unit}", at_least=at_least)
        return Range(low, self.number(f"{name}_max_{unit}", above=low))

    def text(self, name: str) -> str:
        value = self._get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"must be some text (got {value!r})")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, f"must be true or false (got {value!r})")
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        value = self._get(name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(name, f"must be a list of names (got {value!r})")
        return tuple(value)

    def table(self, name: str) -> Settings:
        value = self._get(name)
        if not isinstance(value, dict):
            raise self.fail(name, "must be a table")
        return Settings(value, self.source, self.key(name))

    def tables(self, name: str) -> tuple[Settings, ...]:
        """An array of tables (`[[name]]` in TOML)."""
        value = self._get(name)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(name, "must be a list of tables, written [[" + self.key(name) + "]]")
        return tuple(Settings(item, self.source, f"{self.key(name)}[{index}]") for index, item in enumerate(value))

    def reject_unknown(self, known: Iterable[str]) -> None:
        """A misspelt key would otherwise be silently ignored; name it instead."""
        allowed = set(known)
        for name in self.data:
            if name not in allowed:
                raise self.fail(name, f"is not a known setting (known here: {', '.join(sorted(allowed))})")
