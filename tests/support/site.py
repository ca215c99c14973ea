"""Build the site and serve it on loopback, as an operator's static host would."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from macros.browser_runtime import pyodide_version
from macros.deploy import HEADERS_FILE, HeaderRule, parse_headers_file
from macros.python_runtime import zip_names

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PYTHON_ZIP, CALCULATORS_ZIP = zip_names(pyodide_version(PROJECT_ROOT))
"""What a normal start reads, as the build names them ("python-314.0.7-<scripts' digest>.zip", …)."""


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

    asked: list[str] | None = None
    """Where each request's path is noted (`serve_directory(..., asked=[])`), if anywhere."""
    before_answer: Callable[[str], None] | None = None
    """Called with each request's path before it is answered, if given: it may hold the answer,
    or change the file about to be sent."""

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if parsed:
            _ANSWERING[self] = f"{self.server.server_address[1]}: {self.path}"
        if parsed and self.asked is not None:
            self.asked.append(self.path)
        if parsed and self.before_answer is not None:
            self.before_answer(self.path)
        return parsed

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        finally:
            _ANSWERING.pop(self, None)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


_ANSWERING: dict[_QuietHandler, str] = {}
"""Each request the servers of this process have read and not finished answering: "port: path"."""


def still_answering() -> list[str]:
    """The requests the servers of this process are answering now ("port: path"): with what a
    failed test's page was waiting for, it tells a server that never answered from a browser that
    never read the answer."""
    return sorted(_ANSWERING.copy().values())


@dataclass(frozen=True)
class HostRecipe:
    """What a static host does beyond sending files, as an operator's deploy recipe sets it up."""

    precompressed: bool = False
    """Send `FILE.br` or `FILE.gz` to a browser that accepts it (nginx's `brotli_static` and
    `gzip_static`, Caddy's `precompressed`), brotli first."""
    cache_headers: bool = False
    """`Cache-Control`: a year and immutable under the fingerprinted folders, `no-cache` elsewhere."""
    rules: tuple[HeaderRule, ...] = ()
    """Rules of a `_headers` file (Netlify, Cloudflare Pages): every matching rule's headers are sent."""

    @classmethod
    def from_headers_file(cls, site_dir: Path) -> HostRecipe:
        """A host that reads the site's own `_headers` file, and sends the precompressed copies."""
        text = (site_dir / HEADERS_FILE).read_text(encoding="utf-8")
        return cls(precompressed=True, rules=tuple(parse_headers_file(text)))

    def headers_for(self, url_path: str) -> list[tuple[str, str]]:
        """The headers this recipe adds to a successful response for `url_path`."""
        headers = [("Vary", "Accept-Encoding")] if self.precompressed else []
        if self.cache_headers:
            fingerprinted = any(f"/{folder}/" in url_path for folder in FINGERPRINTED_FOLDERS)
            headers.append(("Cache-Control", IMMUTABLE if fingerprinted else "no-cache"))
        return headers + [header for rule in self.rules if rule.matches(url_path) for header in rule.headers]


PLAIN = HostRecipe()
"""Files as they are, with no caching advice: what most tests want."""
CDN = HostRecipe(precompressed=True, cache_headers=True)
"""The publishing recipe in README.md: precompressed files and long caching of fingerprinted ones."""
FINGERPRINTED_FOLDERS = ("assets/pyodide", "assets/calculators")
"""Folders whose files never change at their address (a version or a fingerprint is in it)."""
IMMUTABLE = "public, max-age=31536000, immutable"
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
"""Content codings a precompressing host looks for, in its order of preference, and their suffix."""


def accepted_codings(accept_encoding: str) -> set[str]:
    """The content codings an `Accept-Encoding` header allows (`br;q=0` refuses brotli)."""
    accepted = set()
    for item in accept_encoding.split(","):
        coding, _, weight = item.partition(";")
        try:
            if float(weight.strip().removeprefix("q=") or 1) > 0:
                accepted.add(coding.strip().lower())
        except ValueError:
            continue
    return accepted


class _HostHandler(_QuietHandler):
    """The static handler, plus what `recipe` asks of the host."""

    status = HTTPStatus.OK
    copy: tuple[Path, Path, str] | None = None
    """While a precompressed copy is answered: the requested file, its copy, the coding."""

    def __init__(self, *args: object, recipe: HostRecipe, **kwargs: object) -> None:
        self.recipe = recipe  # before the base class's __init__, which answers the request
        super().__init__(*args, **kwargs)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        if self.copy and self.status == HTTPStatus.OK:
            self.send_header("Content-Encoding", self.copy[2])
        if self.status < HTTPStatus.BAD_REQUEST:  # as nginx's add_header: not on errors
            for name, value in self.recipe.headers_for(urlsplit(self.path).path):
                self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        """A precompressed copy when the recipe and the browser allow one, else the file itself:
        the plain handler sends either (with its `Last-Modified`, and "304 Not Modified" to a
        request whose `If-Modified-Since` is not older, as nginx answers), the copy from its path."""
        self.copy = None  # the last request's (a connection kept alive): not to be translated to below
        self.copy = self._precompressed_copy() if self.recipe.precompressed else None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return str(self.copy[1]) if self.copy else super().translate_path(path)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return super().guess_type(self.copy[0] if self.copy else path)  # the original's type

    def _precompressed_copy(self) -> tuple[Path, Path, str] | None:
        """(the requested file, its copy, the coding) for the copy to send, if any."""
        original = Path(self.translate_path(self.path))
        if original.is_dir() and urlsplit(self.path).path.endswith("/"):
            original = original / "index.html"
        if not original.is_file():
            return None  # a folder to redirect, or a 404: the plain handler answers
        accepted = accepted_codings(self.headers.get("Accept-Encoding", ""))
        for coding, suffix in PRECOMPRESSED:
            copy = original.with_name(original.name + suffix)
            if coding in accepted and copy.is_file():
                return original, copy, coding
        return None


class _Server(ThreadingHTTPServer):
    """The tests' and the benchmark's server: a thread per connection, and room for a page's burst
    of connections. `http.server` speaks HTTP/1.0, so each request of a page opens a connection of
    its own, several at once (a page's styles, Pyodide's downloads, its workers' requests), and
    socketserver listens with a queue of 5: on this two-core machine the kernel counted listen
    queue overflows (`nstat TcpExtListenOverflows`) during full test runs, each a connection whose
    request then waits for TCP to try again."""

    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:
        """A browser that closed its connection before the answer ended (a page closed or gone on
        mid-download, a fetch the page aborted) is no error of the server's: socketserver's
        traceback for it is left out. Any other error is printed as before."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve_directory(
    root: Path,
    port: int = 0,
    recipe: HostRecipe = PLAIN,
    asked: list[str] | None = None,
    before_answer: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on `port` (by default a free one) for the duration of the block,
    as a static host set up by `recipe` would (by default: the files, nothing more), noting each
    request's path in `asked` if given, and calling `before_answer` with it before answering."""
    hooks = {"asked": asked, "before_answer": staticmethod(before_answer) if before_answer else None}
    noted = type("_NotedHandler", (_QuietHandler if recipe == PLAIN else _HostHandler,), hooks)
    if recipe == PLAIN:
        handler = functools.partial(noted, directory=str(root))
    else:
        handler = functools.partial(noted, directory=str(root), recipe=recipe)
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def precache_revisions(site: Path) -> dict[str, str | None]:
    """The site-relative URLs the built `sw.js` precaches, with their revisions (workbox-build's)."""
    manifest = re.search(r"const PRECACHE = (\[.*?\]);", (site / "sw.js").read_text(encoding="utf-8"))
    assert manifest, "sw.js has no precache manifest"
    return {entry["url"]: entry["revision"] for entry in json.loads(manifest[1])}
