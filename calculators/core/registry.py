"""The calculators the site offers: every package beside `core` that declares a `CALCULATOR`.

A new calculator is a new folder, `calculators/<name>/`, whose `__init__.py` declares its
`CALCULATOR`; nothing here or anywhere else lists them by hand. The folder's name is the slug.
The folders are found when `calculators` is first imported, in alphabetical order; each calculator
is imported the first time it is asked for, so a reader's browser starting Python for one
calculator imports that one alone (the other three cost a normal start about 0.1 s). The site's
build and the memory snapshot import them all.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from calculators.core.calculator import Calculator

CORE = "core"


def discover(search_path: Iterable[str]) -> tuple[str, ...]:
    """The slugs: every sub-package in `search_path` but `core` (and private `_name`s), sorted."""
    return tuple(
        sorted(
            module.name
            for module in pkgutil.iter_modules(list(search_path))
            if module.ispkg and module.name != CORE and not module.name.startswith("_")
        )
    )


def load(package: str, slug: str) -> Calculator:
    """Import `package.slug` and return the `CALCULATOR` it declares, whose slug is the folder's name."""
    calculator = getattr(importlib.import_module(f"{package}.{slug}"), "CALCULATOR", None)
    if not isinstance(calculator, Calculator):
        raise TypeError(f"{package}/{slug}/__init__.py must declare CALCULATOR = Calculator(...)")
    if calculator.slug != slug:
        raise ValueError(f"{package}/{slug}/__init__.py declares the slug {calculator.slug!r}: it must be its folder's name, {slug!r}")
    return calculator


class Registry:
    """The calculators of `package`, looked up by slug and imported on first use; an unknown slug is
    a programming error, so it raises."""

    def __init__(self, package: str, slugs: tuple[str, ...]) -> None:
        self.package = package
        self._slugs = slugs
        self._loaded: dict[str, Calculator] = {}

    def slugs(self) -> tuple[str, ...]:
        return self._slugs

    def get(self, slug: str) -> Calculator:
        if not isinstance(slug, str) or slug not in self._slugs:
            known = ", ".join(self._slugs) or "none"
            raise LookupError(f"No calculator called {slug!r}. Known calculators: {known}.")
        if slug not in self._loaded:
            self._loaded[slug] = load(self.package, slug)
        return self._loaded[slug]
