"""The site's module scripts and every module they import, for `<link rel="modulepreload">` in the
head of every page (overrides/main.html).

Material writes the `extra_javascript` modules at the end of the body, after its own bundle, and a
module's imports are asked for only once it has arrived: three round trips before calculators.js
runs (on a second visit at 40 ms, a third of the time to the calculator's first live result).
Listed in the head, they all load with the styles. The graph is read from the scripts' own
`import … from "./…"` lines, so it follows the code.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

RELATIVE_IMPORT = re.compile(r"""^\s*import\s[^;'"]*?\bfrom\s+["'](\./[^"']+)["']|^\s*import\s+["'](\./[^"']+)["']""", re.M)


def imported_path(module: str, specifier: str) -> str:
    """The site path a relative `specifier` imported by the module at site path `module` names."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(module), specifier))


def module_graph(theme_dir: Path, entries: Iterable[str]) -> list[str]:
    """`entries` (site paths of module scripts under `theme_dir`) and what they import, depth first."""
    found: list[str] = []

    def visit(path: str) -> None:
        if path in found:
            return
        found.append(path)
        source = theme_dir / path
        if not source.is_file():
            return  # a theme's own script: nothing of ours to follow
        for match in RELATIVE_IMPORT.finditer(source.read_text(encoding="utf-8")):
            visit(imported_path(path, match[1] or match[2]))

    for entry in entries:
        visit(entry)
    return found
