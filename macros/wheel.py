"""Pack `calculators/` into the pure-Python wheel that the browser loads into Pyodide.

The wheel is built with the project's own build backend (hatchling, through its PEP 517 hook), so
what the browser installs is exactly what a `pip install .` would give.

Its place in the site, `assets/calculators/<fingerprint>/<wheel file name>`, is worked out from the
sources alone by `wheel_release`, a pure function: the macro that writes a page needs the wheel's
URL before the wheel is built, and the build step that writes the wheel calls the same function,
so the two always agree. A change to any calculator file changes the fingerprint, which busts
every cache on the way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "calculators"
WHEEL_FOLDER = "assets/calculators"
"""Where wheels go in the site, one sub-folder per fingerprint."""


@dataclass(frozen=True)
class WheelRelease:
    """The wheel a given state of the sources gives: its file name and its fingerprint."""

    filename: str
    """e.g. aq_calculators-1.0.0-py3-none-any.whl"""
    fingerprint: str
    """The first 16 hex digits of a SHA-256 over the package's files and pyproject.toml."""

    @property
    def folder(self) -> str:
        """The folder of this release in the built site: the wheel and what belongs to it only."""
        return f"{WHEEL_FOLDER}/{self.fingerprint}"

    @property
    def site_path(self) -> str:
        """The wheel's path in the built site (a URL path relative to the site's root)."""
        return f"{self.folder}/{self.filename}"


def wheel_release(project_root: Path = PROJECT_ROOT) -> WheelRelease:
    """The name and fingerprint of the wheel the sources under `project_root` give (no building)."""
    pyproject = project_root / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    # The wheel file name normalises the distribution name (PEP 427 / binary distribution format).
    name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    digest = hashlib.sha256()
    for path in [pyproject, *_package_files(project_root / PACKAGE)]:
        digest.update(path.relative_to(project_root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return WheelRelease(filename=f"{name}-{project['version']}-py3-none-any.whl", fingerprint=digest.hexdigest()[:16])


def _package_files(package_dir: Path) -> list[Path]:
    """Every file that goes into the wheel, in a stable order (compiled caches are not sources)."""
    return sorted(
        path for path in package_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}
    )


def build_calculators_wheel(out_dir: Path, project_root: Path = PROJECT_ROOT) -> Path:
    """Build the calculators wheel into `out_dir` and return its path."""
    from hatchling.build import (
        build_wheel,  # build-time dependency, imported only when needed
    )

    out_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.chdir(project_root):
        name = build_wheel(str(out_dir))
    return out_dir / name


def build_release(project_root: Path = PROJECT_ROOT) -> tuple[WheelRelease, bytes]:
    """Build the wheel and return it with the release it belongs under in the site."""
    release = wheel_release(project_root)
    with tempfile.TemporaryDirectory() as scratch:
        built = build_calculators_wheel(Path(scratch), project_root)
        if built.name != release.filename:
            raise RuntimeError(f"hatchling built {built.name}, but the site expects {release.filename}")
        return release, built.read_bytes()


if __name__ == "__main__":
    # `python -m macros.wheel OUT_DIR` prints the built wheel's path (used by the Pyodide tests).
    destination = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(os.getcwd())
    print(build_calculators_wheel(destination))
