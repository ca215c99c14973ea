"""A writer's preview: `mkdocs serve` on loopback rebuilds when an article is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.site import copy_of_project

PATIENCE_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _eventually(check: Callable[[], bool], what: str, patience: float = PATIENCE_SECONDS) -> None:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"gave up after {patience} s waiting for {what}")


def _collect_lines(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))


@contextmanager
def preview_server(
    project: Path, output: list[str] | None = None, extra_arguments: tuple[str, ...] = ()
) -> Iterator[str]:
    """`mkdocs serve --strict` for `project` on a free loopback port, stopped at the end of the
    block; the lines it prints are appended to `output` as they come; `extra_arguments` such as `--dirty`. (`--strict`, as mkdocs.yml
    has it: the preview must keep serving anyway.)"""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", *extra_arguments],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE if output is not None else subprocess.DEVNULL, stderr=subprocess.STDOUT, text=True,
    )
    if output is not None:
        threading.Thread(target=_collect_lines, args=(server.stdout, output), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saving_an_article_updates_the_preview(tmp_path):
    project = copy_of_project(tmp_path / "project")
    article = project / "docs" / "running-mechanics" / "foot-strike.md"
    with preview_server(project) as url:
        page = url + "running-mechanics/foot-strike/"
        _eventually(lambda: "Most Runners Start With the Foot" in (_fetch(page) or ""), "the first build")
        assert "livereload" in _fetch(page), "the preview reloads the browser on change"

        article.write_text(
            article.read_text(encoding="utf-8").replace("Want to run faster?", "Want to run much faster?"),
            encoding="utf-8",
        )
        _eventually(lambda: "Want to run much faster?" in (_fetch(page) or ""), "the rebuild after saving")
