"""The benchmark's yardstick: the page a competent developer writes without this project.

A page that starts one module worker at once; the worker loads the self-hosted Pyodide the
documented way (`loadPyodide({indexURL})`: the full standard library and the default lock file),
installs the calculators wheel with `pyodide.loadPackage(wheelURL)`, and calls
`calculators.run("strength_balance", {...})` once. The page shows the result and marks
`aq-calculator-live`, as the site does, so both are timed the same way.

Its files are written at bench time into `<site>/reference/` (build output, never committed) and
served by the same server as the site. The site ships only the part of Pyodide it uses (no full
standard library, no lock file), so the reference gets a complete copy of the pinned Pyodide
(`node_modules/pyodide`: the five files `loadPyodide` fetches, the site's three among them byte for
byte) under `reference/assets/pyodide/<version>/`, precompressed as the build does
(`macros/compression.py`) and cached for a year like the site's own copy. The wheel is the site's.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from macros.compression import precompress
from tests.support.site import PROJECT_ROOT

FOLDER = "reference"
"""Where the reference page goes in the served site: `<site>/reference/`."""
PYODIDE = PROJECT_ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
"""What `loadPyodide({indexURL})` fetches from indexURL."""
INPUTS = {"body_mass": "75"}  # the Strength Balance example's athlete; the other fields keep their defaults

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strength Balance (reference: Pyodide in a worker)</title>
</head>
<body>
<h1>Strength Balance</h1>
<div id="result">Loading Python…</div>
<script type="module">
const worker = new Worker("worker.mjs", { type: "module" });
worker.addEventListener("message", ({ data }) => {
  document.getElementById("result").innerHTML = data.html;
  performance.mark("aq-calculator-live");
});
</script>
</body>
</html>
"""

WORKER = """import {{ loadPyodide }} from "./{pyodide}pyodide.mjs";

const pyodide = await loadPyodide({{ indexURL: new URL("./{pyodide}", import.meta.url).href }});
await pyodide.loadPackage(new URL("{wheel}", import.meta.url).href);
const calculators = pyodide.pyimport("calculators");
const answer = calculators.run("strength_balance", pyodide.toPy({inputs}));
self.postMessage({{ html: answer.get("html") }});
"""


@dataclass(frozen=True)
class Runtime:
    """Where a built calculator page says Pyodide and the wheel are, relative to the site's root."""

    pyodide: str
    """e.g. "assets/pyodide/314.0.7/"."""
    wheel: str


class _SectionReader(HTMLParser):
    """Reads the first calculator section's `data-pyodide-url` and `data-wheel-url`."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if not self.found and tag == "section" and "data-pyodide-url" in values:
            self.found = values


def runtime_of(site: Path, page: str) -> Runtime:
    """The runtime the built `page` (e.g. "calculators/strength-balance/") loads, from the site's root."""
    reader = _SectionReader()
    reader.feed((site / page / "index.html").read_text(encoding="utf-8"))
    if not reader.found:
        raise ValueError(f"{page} has no calculator section: is {site} a built site?")
    from_root = lambda url: posixpath.normpath(posixpath.join(page, url))  # noqa: E731
    return Runtime(pyodide=from_root(reader.found["data-pyodide-url"]) + "/", wheel=from_root(reader.found["data-wheel-url"]))


def copy_pyodide(runtime: Runtime, folder: Path) -> None:
    """The whole pinned Pyodide into `folder` at the site's path for it, with compressed copies."""
    version = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    if f"/{version}/" not in f"/{runtime.pyodide}":
        raise ValueError(f"the site loads {runtime.pyodide}, node_modules has Pyodide {version}: rebuild the site")
    target = folder / runtime.pyodide
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE / name, target / name)
    precompress(target)


def write_reference_page(site: Path, runtime: Runtime) -> str:
    """Write the reference page and its Pyodide into `site`; its address relative to the site's root."""
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    copy_pyodide(runtime, folder)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    worker = WORKER.format(pyodide=runtime.pyodide, wheel=f"../{runtime.wheel}", inputs=json.dumps(INPUTS))
    (folder / "worker.mjs").write_text(worker, encoding="utf-8")
    return f"{FOLDER}/"


def remove_reference_page(site: Path) -> None:
    """Leave the built site as the build wrote it."""
    shutil.rmtree(site / FOLDER, ignore_errors=True)
