"""The memory snapshot the reader's browser restores instead of starting Python from scratch.

`macros/make_snapshot.mjs` (run here with Node and the pinned npm `pyodide`) starts Pyodide, unpacks
the calculators wheel, imports and runs every calculator, and saves the interpreter's memory; it
restores the snapshot once as the browser will and stops the build if anything differs. Restoring
takes a fraction of a normal start (see README, Speed).

A snapshot belongs to one wheel and one Pyodide version, so it sits in the wheel's fingerprinted
folder with the Pyodide version in its name. Making one takes about ten seconds, so each is kept
in the user's cache folder by that name: a build (or a `mkdocs serve` rebuild) whose calculators
did not change reuses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.wheel import WHEEL_FOLDER, WheelRelease

MAKER = Path(__file__).resolve().parent / "make_snapshot.mjs"
EMPTY_ZIP = "empty.zip"
"""Beside the snapshot: what a restored Python gets instead of the 2.5 MB standard library, which
it no longer reads (everything it needs was imported before the snapshot was taken)."""


def snapshot_path(release: WheelRelease, pyodide_version: str) -> str:
    """The snapshot's path in the site, e.g. assets/calculators/<fingerprint>/pyodide-314.0.7.snapshot.gz."""
    return f"{WHEEL_FOLDER}/{release.fingerprint}/pyodide-{pyodide_version}.snapshot.gz"


def empty_zip_path(release: WheelRelease) -> str:
    return f"{WHEEL_FOLDER}/{release.fingerprint}/{EMPTY_ZIP}"


def empty_zip() -> bytes:
    """A valid zip file with nothing in it."""
    buffer = BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    return buffer.getvalue()


def cache_folder(name: str) -> Path:
    """A folder of this project's build cache, shared by every checkout of it on this machine."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = root / "aq-sprint-speed" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def memory_snapshot(release: WheelRelease, wheel: bytes, pyodide_package: Path, pyodide_version: str) -> bytes:
    """The gzip-compressed snapshot for this wheel and Pyodide: from the cache, or made now."""
    cached = cache_folder("snapshots") / f"{release.fingerprint}-pyodide-{pyodide_version}.snapshot.gz"
    if cached.is_file():
        return cached.read_bytes()
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js (`node`) is needed to build the site's Python snapshot: install Node 20, then build again.")
    with tempfile.TemporaryDirectory() as scratch:
        wheel_file = Path(scratch) / release.filename
        wheel_file.write_bytes(wheel)
        made = Path(scratch) / "snapshot.gz"
        completed = subprocess.run(
            [node, str(MAKER), "--pyodide", str(pyodide_package), "--wheel", str(wheel_file),
             "--fingerprint", release.fingerprint, "--out", str(made)],
            capture_output=True, text=True, timeout=300, check=False,
        )
        if completed.returncode != 0:
            raise PluginError(f"The Python snapshot could not be made:\n{completed.stderr.strip()}")
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        shutil.copyfile(made, partial)
        partial.replace(cached)  # whole or not at all, even with two builds at once
    return cached.read_bytes()
