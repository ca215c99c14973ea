"""Pack `calculators/` into the pure-Python wheel that the browser loads into Pyodide.

The wheel is built with the project's own build backend (hatchling, through its PEP 517 hook), so
what the browser installs is exactly what a `pip install .` would give. Hatchling writes
reproducible archives, so the same sources always give the same bytes; the caller uses a digest of
those bytes in the wheel's URL, and a change to any calculator busts every cache on the way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltWheel:
    """A wheel on disk and the short digest of its bytes, for a cache-busting URL."""

    path: Path
    digest: str


def build_calculators_wheel(out_dir: Path) -> Path:
    """Build the calculators wheel into `out_dir` and return its path."""
    from hatchling.build import build_wheel  # build-time dependency, imported only when needed

    out_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(PROJECT_ROOT):
        name = build_wheel(str(out_dir))
    return out_dir / name


def build_fingerprinted_wheel(out_dir: Path) -> BuiltWheel:
    """Build the wheel under `out_dir/<digest>/`, so its URL changes whenever its bytes do."""
    with tempfile.TemporaryDirectory() as scratch:
        built = build_calculators_wheel(Path(scratch))
        data = built.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:16]
        target = out_dir / digest / built.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return BuiltWheel(path=target, digest=digest)


if __name__ == "__main__":
    # `python -m macros.wheel OUT_DIR` prints the built wheel's path (used by the Pyodide tests).
    destination = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(os.getcwd())
    print(build_calculators_wheel(destination))
