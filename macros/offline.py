"""Offline after the first visit: the service worker of a published site.

`mkdocs build` (never `mkdocs serve`) ends by writing `sw.js` at the site's root with the pinned
workbox-build (`macros/service_worker.mjs`, run with Node, the same Node that installed Pyodide):
the site's pages and assets are precached, and the folders of the Python runtime and of the
calculators wheel, named by this build's fingerprints, are cached on first use. Templates see
`aq_offline` (true in a published build), and only then name the worker for the page script
(`overrides/assets/javascripts/offline.mjs`) to register.
"""

from __future__ import annotations

import json
import logging
import posixpath
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.browser_runtime import runtime_paths

SCRIPT = Path(__file__).resolve().parent / "service_worker.mjs"
WORKER = "sw.js"
"""The service worker, at the site's root so that its scope is the whole site."""

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def write_service_worker(site_dir: Path, project_root: Path) -> None:
    """Write `sw.js` into the built site; a missing Node or workbox-build stops the build."""
    node = shutil.which("node")
    if node is None or not (project_root / "node_modules" / "workbox-build" / "package.json").is_file():
        raise PluginError(
            "The service worker needs Node and workbox-build "
            f"({'node_modules/workbox-build is missing' if node else 'node is not on PATH'}). "
            "Run `make setup` (or `npm ci`) in the project folder, then build again."
        )
    paths = runtime_paths(project_root)
    folders = (paths.pyodide, posixpath.dirname(paths.wheel) + "/")
    command = [node, str(SCRIPT), "--site", str(site_dir), *(f"--runtime={folder}" for folder in folders)]
    done = subprocess.run(command, cwd=project_root, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise PluginError(f"Writing the service worker failed:\n{done.stderr.strip() or done.stdout.strip()}")
    written = json.loads(done.stdout)
    log.info(
        f"Service worker: {WORKER} ({written['bytes'] / 1000:.1f} kB) precaches {written['precached']} files "
        f"({written['precachedBytes'] / 1e6:.2f} MB); the runtime is cached on first use"
    )
