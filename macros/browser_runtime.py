"""The files the reader's browser needs to run the calculators, and where they sit in the site.

These files are added to every build (and every `mkdocs serve` rebuild):

- the calculators wheel, under a folder named by the sources' fingerprint (see `macros.wheel`),
  and beside it what makes Python start fast: a memory snapshot with the calculators imported,
  and the part of the standard library they use, compiled with the calculators in two zips
  (`macros.python_runtime`);
- the self-hosted Pyodide runtime, copied from the pinned npm package under a folder named by its
  version. Only the files a reader's browser fetches are copied: no source maps, no console pages,
  no CommonJS build, no package index.

`runtime_paths` says where these are without building anything, so the macro that writes a page can
link to them; `runtime_files` makes the files for MkDocs to write. Both read the same sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros import python_runtime
from macros.wheel import build_release, wheel_release

PYODIDE_FILES = (
    "pyodide.mjs",  # the loader the worker imports
    "pyodide.asm.mjs",  # the Emscripten module
    "pyodide.asm.wasm",  # the interpreter
)
"""What a published site copies from the npm package: the Python a reader's browser reads is
python.zip and calculators.zip beside the wheel (the standard library it needs and the
calculators, compiled), and no start reads Pyodide's package index."""
COMPILE_EVERY_FUNCTION = b"//# allFunctionsCalledOnLoad\n"
"""V8's compile hint (Chromium 136 and later; a comment to any other browser), put before the
Emscripten module: V8 then compiles its functions as it loads the file, instead of pre-parsing each
and parsing it again when first called, and most of them are called as Python starts. Measured on
second visits at 10 Mbit/s (the worker's own marks, 6 visits each): the Emscripten module's set-up
before instantiation 95-203 -> 66-132 ms, its start after it 266-355 -> 141-268 ms."""
EAGERLY_COMPILED = ("pyodide.asm.mjs",)
PREVIEW_FILES = ("python_stdlib.zip",)
"""What the writer's preview copies too: Pyodide's whole standard library (it makes no trimmed one)."""
PYODIDE_FOLDER = "assets/pyodide"
WORKER = "assets/javascripts/calculator-worker.mjs"
"""The module worker (a theme file under overrides/) that runs Python off the main thread."""


@dataclass(frozen=True)
class RuntimePaths:
    """Site-relative paths of what the page script needs to start a calculator."""

    pyodide: str
    """The folder holding Pyodide's files (Pyodide's `indexURL`), ending in a slash."""
    wheel: str
    stdlib: str
    """The standard library a normal start reads: python.zip beside the wheel, or (in the
    writer's preview) Pyodide's own."""
    calculators: str = ""
    """calculators.zip beside the wheel: the calculators and the standard library only they use,
    compiled, put on `sys.path` by a normal start (so no wheel is installed); none in the preview."""
    snapshot: str = ""
    """The gzip-compressed memory snapshot (macros/python_runtime.py); none in the writer's preview."""
    worker: str = WORKER

    def urls(self) -> dict[str, str]:
        """Name -> path, written into each calculator section as `data-NAME-url`."""
        urls = {"worker": self.worker, "pyodide": self.pyodide, "wheel": self.wheel, "stdlib": self.stdlib}
        published = {"calculators": self.calculators, "snapshot": self.snapshot}
        return urls | {name: url for name, url in published.items() if url}


def pyodide_package(project_root: Path) -> Path:
    """The installed npm package `pyodide`; a missing one stops the build with what to run."""
    package = project_root / "node_modules" / "pyodide"
    missing = [name for name in ("package.json", *PYODIDE_FILES, *PREVIEW_FILES) if not (package / name).is_file()]
    if missing:
        raise PluginError(
            f"The Pyodide runtime is not installed ({package} lacks {', '.join(missing)}). "
            "Run `make setup` (or `npm ci`) in the project folder, then build again."
        )
    return package


def pyodide_version(project_root: Path) -> str:
    """The installed Pyodide's version, e.g. "314.0.7" (from its package.json)."""
    package = pyodide_package(project_root)
    return str(json.loads((package / "package.json").read_text(encoding="utf-8"))["version"])


def runtime_paths(project_root: Path, *, preview: bool = False) -> RuntimePaths:
    """Where the runtime's files will be in the site, from the sources alone.

    A published build has the memory snapshot and the two zips, which take Node about twenty seconds
    to make whenever a calculator changes; the writer's preview
    (`mkdocs serve`, `preview=True`) does without them, so a saved calculator shows at once.
    """
    release, version = wheel_release(project_root), pyodide_version(project_root)
    pyodide = f"{PYODIDE_FOLDER}/{version}/"
    if preview:
        return RuntimePaths(pyodide=pyodide, wheel=release.site_path, stdlib=pyodide + PREVIEW_FILES[0])
    python_zip, calculators_zip = python_runtime.zip_names(version)
    return RuntimePaths(
        pyodide=pyodide,
        wheel=release.site_path,
        stdlib=f"{release.folder}/{python_zip}",
        calculators=f"{release.folder}/{calculators_zip}",
        snapshot=python_runtime.snapshot_path(release, version),
    )


def runtime_files(config: MkDocsConfig, project_root: Path, *, preview: bool = False) -> list[File]:
    """The wheel (built now), what makes Python start fast, and Pyodide's files, as MkDocs files."""
    paths = runtime_paths(project_root, preview=preview)
    release, wheel = build_release(project_root)
    if release.site_path != paths.wheel:  # the sources changed while we were building
        raise PluginError("The calculators changed during the build; build again.")
    package = pyodide_package(project_root)
    files = [File.generated(config, paths.wheel, content=wheel)]
    if not preview:
        version = pyodide_version(project_root)
        prepared = python_runtime.prepare_python(release, wheel, package, version)
        files += [
            File.generated(config, f"{release.folder}/{name}", content=content)
            for name, content in prepared.files(version).items()
        ]
    for name in (*PYODIDE_FILES, *(PREVIEW_FILES if preview else ())):
        if name in EAGERLY_COMPILED:
            content = COMPILE_EVERY_FUNCTION + (package / name).read_bytes()
            files.append(File.generated(config, paths.pyodide + name, content=content))
        else:
            files.append(File.generated(config, paths.pyodide + name, abs_src_path=str(package / name)))
    return files
