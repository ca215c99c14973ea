"""Debian's nginx serving a built site with the operators' recipe, `deploy/nginx.conf`.

The recipe is used as written, with two lines rewritten: its `root` (the built site) and its
`listen` (a free loopback port). It is included in a throwaway main configuration whose files
(pid, logs, temporary folders) all live in a temporary folder, so nginx runs as the current user
beside anything else on the machine.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pages.test_preview import _free_port
from tests.support.site import PROJECT_ROOT

RECIPE = PROJECT_ROOT / "deploy" / "nginx.conf"
NGINX = Path("/usr/sbin/nginx")
BROTLI_STATIC = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
"""Debian's libnginx-mod-http-brotli-static, which the recipe's `brotli_static on` needs."""

MAIN = """\
{user}daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
{modules}
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def nginx_found() -> bool:
    return NGINX.exists()


def recipe_for(site_dir: Path, port: int) -> str:
    """deploy/nginx.conf serving `site_dir` on 127.0.0.1:`port`, and otherwise as written."""
    text = RECIPE.read_text(encoding="utf-8")
    text, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", rf"\g<1>root {site_dir};", text)
    text = re.sub(r"(?m)^\s*listen\s+\[::\][^;]*;\n", "", text)
    text, listens = re.subn(r"(?m)^(\s*)listen\s+[^;]+;", rf"\g<1>listen 127.0.0.1:{port};", text)
    assert (roots, listens) == (1, 1), "deploy/nginx.conf should have one `root` and one IPv4 `listen`"
    return text


def main_config(prefix: Path) -> str:
    # As root, nginx's workers would switch to `nobody`, who cannot read a test's temporary folder.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    modules = f"load_module {BROTLI_STATIC};" if BROTLI_STATIC.exists() else ""
    return MAIN.format(user=user, prefix=prefix, modules=modules)


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError(f"nginx stopped: {log.read_text(errors='replace') if log.exists() else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening within 5 s")


@contextmanager
def serve_with_nginx(site_dir: Path, prefix: Path) -> Iterator[str]:
    """Serve `site_dir` with the recipe for the duration of the block; yield its base URL."""
    prefix.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    (prefix / "site.conf").write_text(recipe_for(site_dir, port), encoding="utf-8")
    (prefix / "nginx.conf").write_text(main_config(prefix), encoding="utf-8")
    command = [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx refused the recipe:\n{checked.stderr}")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, server, prefix / "error.log")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(prefix / "body", ignore_errors=True)
