"""What the build prepares so that Python starts fast in the reader's browser.

Two files, made with Node and the pinned npm `pyodide` by the scripts beside this module, each
checked by the script that makes it (the build stops if the calculators would answer differently):

- the **memory snapshot** (`make_snapshot.mjs`): Python with the calculators imported and run,
  saved as the interpreter's memory; restoring it takes a fraction of a normal start and needs
  neither the standard library nor the wheel. Gzip-compressed, for the worker to inflate.
- the **Python a normal start reads** (`make_python_zip.mjs`), compiled to bytecode (Pyodide's own
  python_stdlib.zip is source, 2.5 MB, compiled anew at every start), for the readers whose
  browser starts normally (a slow network, or a snapshot that could not be used): python.zip, the
  modules of the standard library that Pyodide's start imports, and calculators.zip, the
  calculators package and the modules only it imports, fetched once the wasm has arrived. They
  replace the standard library and the wheel.

They belong to one wheel and one Pyodide version, so they sit in the wheel's fingerprinted folder
(the zips also named by Pyodide's version and the scripts: `zip_names`), beside an empty zip that
a restored Python gets instead of any standard library. Making them takes about twenty seconds,
so each is kept in the user's cache folder by the wheel's fingerprint, the Pyodide version and the
scripts that make them: a build whose calculators did not change reuses them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.wheel import WheelRelease

SCRIPTS = Path(__file__).resolve().parent
SNAPSHOT = "pyodide-{version}.snapshot.gz"
PYTHON_ZIP = "python-{made_by}.zip"
CALCULATORS_ZIP = "calculators-{made_by}.zip"
EMPTY_ZIP = "empty.zip"


@dataclass(frozen=True)
class PreparedPython:
    """The files, by their names in the wheel's folder."""

    snapshot: bytes
    python_zip: bytes
    calculators_zip: bytes

    def files(self, pyodide_version: str) -> dict[str, bytes]:
        python_zip, calculators_zip = zip_names(pyodide_version)
        return {
            SNAPSHOT.format(version=pyodide_version): self.snapshot,
            python_zip: self.python_zip,
            calculators_zip: self.calculators_zip,
            EMPTY_ZIP: empty_zip(),
        }


def zip_names(pyodide_version: str) -> tuple[str, str]:
    """python.zip's and calculators.zip's names in the wheel's folder, e.g.
    ("python-314.0.7-0123456789ab.zip", "calculators-314.0.7-0123456789ab.zip"): named by the
    Pyodide whose Python compiled them and by the scripts that made them. Bytecode is tied to
    Python's version, and the scripts decide which module goes in which zip; the folder is named by
    the calculators alone, and its files are cached for good (the browser, the service worker, a
    CDN): a new Pyodide or a changed script must give new addresses, never new bytes at an old one."""
    made = made_by(pyodide_version)
    return PYTHON_ZIP.format(made_by=made), CALCULATORS_ZIP.format(made_by=made)


def made_by(pyodide_version: str) -> str:
    """What the prepared files are made by besides the wheel, e.g. "314.0.7-0123456789ab": the
    Pyodide version and the scripts (their cache's key, and the zips' names)."""
    return f"{pyodide_version}-{scripts_fingerprint()}"


def snapshot_path(release: WheelRelease, pyodide_version: str) -> str:
    """The snapshot's path in the site, e.g. assets/calculators/<fingerprint>/pyodide-314.0.7.snapshot.gz."""
    return f"{release.folder}/{SNAPSHOT.format(version=pyodide_version)}"


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


def prepare_python(release: WheelRelease, wheel: bytes, pyodide_package: Path, pyodide_version: str) -> PreparedPython:
    """The snapshot, python.zip and calculators.zip for this wheel and Pyodide: cached, or made now."""
    key = f"{release.fingerprint}-pyodide-{made_by(pyodide_version)}"
    with tempfile.TemporaryDirectory() as scratch:
        wheel_file = Path(scratch) / release.filename
        wheel_file.write_bytes(wheel)
        common = ["--pyodide", str(pyodide_package), "--wheel", str(wheel_file)]
        [snapshot] = _made_or_cached(
            "make_snapshot.mjs", [*common, "--fingerprint", release.fingerprint], {"--out": f"{key}.snapshot.gz"}, scratch
        )
        python_zip, calculators_zip = _made_or_cached(
            "make_python_zip.mjs", common, {"--out": f"{key}.python.zip", "--calculators": f"{key}.calculators.zip"}, scratch
        )
    return PreparedPython(snapshot=snapshot, python_zip=python_zip, calculators_zip=calculators_zip)


def scripts_fingerprint() -> str:
    """A short digest of the scripts that make the files: a changed script makes them anew."""
    digest = hashlib.sha256()
    for script in sorted(SCRIPTS.glob("*.mjs")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()[:12]


def _made_or_cached(script: str, arguments: list[str], outputs: dict[str, str], scratch: str) -> list[bytes]:
    """The files `script` writes (option -> name in the cache, e.g. {"--out": NAME}), in that order:
    from the cache when every one is there, else made now and then cached."""
    cached = [cache_folder("python") / name for name in outputs.values()]
    if all(path.is_file() for path in cached):
        return [path.read_bytes() for path in cached]
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node.js (`node`) is needed to prepare Python for the site: install Node 20, then build again.")
    made = [Path(scratch) / name for name in outputs.values()]
    written = [part for option, path in zip(outputs, made) for part in (option, str(path))]
    completed = subprocess.run(
        [node, str(SCRIPTS / script), *arguments, *written],
        capture_output=True, text=True, timeout=300, check=False,
    )
    if completed.returncode != 0:
        raise PluginError(f"{script} could not prepare Python for the site:\n{completed.stderr.strip()}")
    for source, path in zip(made, cached):
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        shutil.copyfile(source, partial)
        partial.replace(path)  # whole or not at all, even with two builds at once
    return [path.read_bytes() for path in made]
