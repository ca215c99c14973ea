"""The site's own scripts and styles, named with their content's digest where pages ask for them.

A published build (never the writer's preview) writes every address of a script or style of the
site's `assets/` as `FILE?v=DIGEST`: in each page's `src`, `href` (styles, `modulepreload`), the
calculator's `data-worker-url` and the `data-bundle-url` of Material's bundle, and in each
module's relative imports (`from "./x.mjs"`). DIGEST is the start of the file's MD5, the revision
the service worker's precache names it by (workbox-build), so the service worker answers such an
address from its precache without asking the server (macros/sw.src.js): the address says which
file the page wants. A page is still asked of the server first, so a reader online gets the
published page, and with it the addresses of the published scripts; one of another build is
fetched from the server.

A module's digest covers its imports' digests (each import is rewritten before the file's own
digest is taken), so a change anywhere below a script gives it a new address too. The files stay
where they are: a host needs no rule for them, and an address without `?v=` still works.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from macros.deploy import FINGERPRINTED_FOLDERS
from macros.module_preload import RELATIVE_IMPORT, imported_path

VERSIONED_SUFFIXES = (".css", ".js", ".mjs")
DIGEST_LENGTH = 12
"""Hex digits of the MD5 kept in an address (the service worker compares them with the start of
the precache's revision)."""
_ATTRIBUTE = re.compile(r'\b(src|href|data-worker-url|data-bundle-url)="([^"?#:]+)"')
"""A site-relative address in a page (no scheme, query or fragment of its own)."""


def digest(content: bytes) -> str:
    return hashlib.md5(content).hexdigest()[:DIGEST_LENGTH]


def versioned_files(site_dir: Path) -> list[str]:
    """The site paths of the scripts and styles that get a digest: the site's `assets/`, less the
    runtime folders (already named by a version or a fingerprint)."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in (site_dir / "assets").rglob("*")
        if path.suffix in VERSIONED_SUFFIXES and path.is_file()
        and not path.relative_to(site_dir).as_posix().startswith(FINGERPRINTED_FOLDERS)
    )


def with_versioned_imports(source: str, module: str, versions: dict[str, str]) -> str:
    """`source` of the module at site path `module`, each relative import of a versioned file
    written with its digest."""
    pieces, end = [], 0
    for match in RELATIVE_IMPORT.finditer(source):
        group = 1 if match[1] else 2
        target = imported_path(module, match[group])
        if target in versions:
            pieces += [source[end : match.end(group)], f"?v={versions[target]}"]
            end = match.end(group)
    return "".join(pieces) + source[end:]


def version_modules(site_dir: Path, files: list[str]) -> dict[str, str]:
    """Rewrite the modules' imports, imports first, and return every file's digest by site path."""
    versions: dict[str, str] = {}

    def visit(path: str, seen: tuple[str, ...]) -> None:
        if path in versions or path in seen:
            return  # done, or an import cycle: its imports keep their plain addresses
        file = site_dir / path
        if path.endswith(".css"):
            versions[path] = digest(file.read_bytes())
            return
        source = file.read_text(encoding="utf-8")
        for match in RELATIVE_IMPORT.finditer(source):
            target = imported_path(path, match[1] or match[2])
            if target in files:
                visit(target, (*seen, path))
        rewritten = with_versioned_imports(source, path, versions)
        if rewritten != source:
            file.write_text(rewritten, encoding="utf-8")
        versions[path] = digest(rewritten.encode("utf-8"))

    for path in files:
        visit(path, ())
    return versions


def with_versioned_addresses(html: str, page: str, versions: dict[str, str], root: str = "/") -> str:
    """`html` of the page at site path `page`, each address of a versioned file with its digest:
    relative to the page, or from the host's root when it starts with `root`, the site's path on
    its host (the 404 page's addresses, which must work at any depth)."""

    def versioned(match: re.Match[str]) -> str:
        address = match[2]
        if address.startswith("/"):
            target = address.removeprefix(root) if address.startswith(root) else ""
        else:
            target = imported_path(page, address)  # resolved as a module's import is
        if target not in versions:
            return match[0]
        return f'{match[1]}="{address}?v={versions[target]}"'

    return _ATTRIBUTE.sub(versioned, html)


def version_assets(site_dir: Path, root: str = "/") -> dict[str, str]:
    """Give the site's scripts and styles their digests, in the modules that import them and in
    every page (`root`: the site's path on its host, from `site_url`); return the digests by site
    path."""
    versions = version_modules(site_dir, versioned_files(site_dir))
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        rewritten = with_versioned_addresses(html, page.relative_to(site_dir).as_posix(), versions, root)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
    return versions
