"""The calculators the site offers: every package beside `core` that declares a `CALCULATOR`.

A new calculator is a new folder, `calculators/<name>/`, whose `__init__.py` declares its
`CALCULATOR`; nothing here or anywhere else lists them by hand. The folders are found once, when
`calculators` is first imported (in the browser, before the memory snapshot is taken), and shown in
alphabetical order of their folder names.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from calculators.core.calculator import Calculator

CORE = "core"


def discover(package: str, search_path: Iterable[str]) -> Mapping[str, Calculator]:
    """Slug -> calculator, for every sub-package of `package` (but `core`) that has a CALCULATOR."""
    found: dict[str, Calculator] = {}
    for module in sorted(pkgutil.iter_modules(list(search_path)), key=lambda module: module.name):
        if not module.ispkg or module.name == CORE or module.name.startswith("_"):
            continue
        calculator = getattr(importlib.import_module(f"{package}.{module.name}"), "CALCULATOR", None)
        if not isinstance(calculator, Calculator):
            raise TypeError(f"{package}/{module.name}/__init__.py must declare CALCULATOR = Calculator(...)")
        if calculator.slug in found:
            raise ValueError(f"two calculators have the slug {calculator.slug!r}")
        found[calculator.slug] = calculator
    return MappingProxyType(found)


class Registry:
    """The calculators, looked up by slug; an unknown slug is a programming error, so it raises."""

    def __init__(self, calculators: Mapping[str, Calculator]) -> None:
        self.calculators = calculators

    def slugs(self) -> tuple[str, ...]:
        return tuple(self.calculators)

    def get(self, slug: str) -> Calculator:
        try:
            return self.calculators[slug]
        except (KeyError, TypeError):
            known = ", ".join(sorted(self.calculators)) or "none"
            raise LookupError(f"No calculator called {slug!r}. Known calculators: {known}.") from None
