"""The methods Python writes for each dataclass, compiled when the site is built.

Making a dataclass, Python writes its methods (`__init__`, `__repr__`, `__eq__`, `__hash__`, a
frozen one's `__setattr__` and `__delattr__`) as source text and compiles that text. In Pyodide
the compiling is half the time of `import calculators` and a first Strength Balance result (about
65 of 130 ms in Node, for 42 dataclasses): time a reader's first visit waits for once Python has
started, and longer on a phone.

So the site's build notes every such text while the calculators warm up, compiles them all with
Pyodide's own Python (`compiled`) and writes them beside this package in calculators.zip, the copy
a normal start in the reader's browser imports (macros/make_python_zip.mjs). There `use`, called by
`calculators/__init__.py` before any dataclass is made, finds them, and each dataclass runs the code
compiled from its text instead of compiling the text again: the same code, from the same text.
Anywhere else (CPython, the wheel, the writer's preview) there is no such file and nothing changes;
a text not found is compiled as before.

`dataclasses` calls `exec` by its global name, so `use` gives that module an `exec` of its own that
looks the text up first.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import pkgutil
import sys
from collections.abc import Iterable, Mapping
from types import CodeType
from typing import Any

FILE_NAME = "dataclass_methods.marshal"  # beside the package's __init__, in calculators.zip only


class CompiledMethods:
    """`exec` for `dataclasses`: runs the code compiled at build from a text it knows, else the
    text; counts both, so the build can check that every dataclass of the warm-up was found."""

    def __init__(self, compiled: Mapping[str, CodeType]) -> None:
        self._compiled = compiled
        self.found = 0
        self.missed = 0

    def __call__(self, source: Any, globals: dict[str, Any] | None = None, locals: Mapping[str, Any] | None = None) -> None:
        code = self._compiled.get(source) if isinstance(source, str) else None
        if code is None:
            self.missed += 1
        else:
            self.found += 1
        builtins.exec(source if code is None else code, globals, locals)


def compiled(sources: Iterable[str]) -> bytes:
    """The file `use` reads: each source text with its code, compiled as `exec` would compile it,
    tagged with the Python that compiled them (bytecode is tied to its version)."""
    methods = {source: compile(source, "<string>", "exec", dont_inherit=True) for source in sources}
    return marshal.dumps((sys.implementation.cache_tag, methods))


def use(package: str) -> CompiledMethods | None:
    """Run `package`'s compiled dataclass methods from now on, when it has them (and they are this
    Python's); returns what stands in for `exec`, or None where nothing changed."""
    try:
        data = pkgutil.get_data(package, FILE_NAME)
        tag, methods = marshal.loads(data) if data else (None, None)
    except (OSError, ValueError, EOFError, TypeError):  # no file here, or not one this Python reads
        return None
    if tag != sys.implementation.cache_tag or not isinstance(methods, dict):
        return None
    standing_in = CompiledMethods(methods)
    dataclasses.exec = standing_in  # type: ignore[attr-defined]
    return standing_in
