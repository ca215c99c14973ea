"""Build the site and serve it on loopback, as an operator's static host would."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class BuildFailed(AssertionError):
    """`mkdocs build --strict` refused the site; the message carries MkDocs' own output."""


def mkdocs_build(config_file: Path, site_dir: Path, *, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a strict build of `config_file` into `site_dir` and return the finished process
    (`site_url`: the address the site is built for, as an operator's SITE_URL gives it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        cwd=config_file.parent, env=env, capture_output=True, text=True, timeout=600,
    )


def build_site(project: Path, site_dir: Path, *, site_url: str | None = None) -> Path:
    """Build `project` strictly into `site_dir`; raise BuildFailed with MkDocs' output if refused."""
    result = mkdocs_build(project / "mkdocs.yml", site_dir, site_url=site_url)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


def copy_of_project(destination: Path, *, copied: tuple[str, ...] = ()) -> Path:
    """A throwaway copy of the project to break on purpose: its own config and docs, with the
    code folders and installed packages linked rather than copied (except the folders named in
    `copied`, e.g. ("calculators",) for a test that edits a calculator)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        (destination / name).write_bytes((PROJECT_ROOT / name).read_bytes())
    for name in ("calculators", "macros", "overrides", "node_modules"):
        if name in copied:
            _copy_tree(PROJECT_ROOT / name, destination / name)
        elif (PROJECT_ROOT / name).exists():
            (destination / name).symlink_to(PROJECT_ROOT / name, target_is_directory=True)
    _copy_tree(PROJECT_ROOT / "docs", destination / "docs")
    return destination


def _copy_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler with the types a static host gives to Pyodide's files."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
        ".json": "application/json",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on `port` (by default a free one) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
