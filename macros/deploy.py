"""A published site ready for a static host: no source maps, a robots.txt, and the host's headers.

`make build` writes `site/` for any static host. Beside the pages, a published build:

- drops Material's source maps (about 1 MB that no reader needs) and the comments pointing to
  them, unless `SOURCE_MAPS=1` is set (`make build SOURCE_MAPS=1`);
- writes `robots.txt`, naming the sitemap by its absolute address (the site's `site_url`);
- writes `_headers`, the headers file Netlify and Cloudflare Pages read from the published folder
  (and do not serve): the Content-Security-Policy (`macros/security.py`), the security headers and
  the cache policy below. `deploy/nginx.conf` sends the same headers.

The cache policy (`cache_control`): the folders named by a version or a fingerprint never change
at their address and are kept for a year; everything else (pages, and the scripts whose names never
change: `calculators.js`, the worker, its messages, `offline.mjs`, `sw.js`) is revalidated on every
use, a conditional request answered `304` when nothing changed.

Both hosts apply every rule whose path matches, and Cloudflare joins the values of a header set by
two of them ("no-cache, public, max-age=…"), so the file never sets one header in two rules that
match the same path: the security headers are set once for `/*`, and `Cache-Control` by rules that
do not overlap, worked out from the files of the build.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from macros.security import ContentSecurityPolicy

FINGERPRINTED_FOLDERS = ("assets/pyodide/", "assets/calculators/")
"""Folders whose files never change at their address (a version or a fingerprint is in it)."""
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
"""Kept, but asked of the host again before each use."""
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()",
    ),
)
"""Sent with every response: types as declared, no full address sent to other sites, and none of
the device features the site never uses (sensors, camera, microphone, location, payment, USB)."""
HEADERS_FILE = "_headers"
ROBOTS = "robots.txt"
SOURCE_MAPS_WANTED = "SOURCE_MAPS"
"""Environment variable: `1` keeps the source maps in the published site."""
COMPRESSED_COPIES = (".br", ".gz")
"""Copies a host sends for the file beside them: they are not addresses of their own."""
_SOURCE_MAP_COMMENT = re.compile(rb"\n?(//|/\*)# sourceMappingURL=[^\n]*\s*$")


def cache_control(site_path: str) -> str:
    """The `Cache-Control` of a file, by its path in the site ("assets/pyodide/314.0.7/pyodide.mjs")."""
    return IMMUTABLE if site_path.startswith(FINGERPRINTED_FOLDERS) else REVALIDATE


@dataclass(frozen=True)
class HeaderRule:
    """One block of a `_headers` file: a path (`*` matches anything, `/` included) and its headers."""

    path: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, url_path: str) -> bool:
        pattern = ".*".join(re.escape(part) for part in self.path.split("*"))
        return re.fullmatch(pattern, url_path) is not None

    def text(self) -> str:
        return "\n".join([self.path, *(f"  {name}: {value}" for name, value in self.headers)])


def served_files(site_dir: Path) -> list[str]:
    """Site paths of the files a host serves at their own address (no compressed copies, no
    `_headers`), in a stable order."""
    return sorted(
        path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
        if path.is_file() and path.suffix not in COMPRESSED_COPIES and path.name != HEADERS_FILE
    )


def cache_rules(files: list[str]) -> list[HeaderRule]:
    """`Cache-Control` rules covering every file once: a whole folder (`/folder/*`) where all its
    files share a policy, else its files one by one (and a page's folder address beside its
    `index.html`), then its folders in the same way."""
    return _cover("", files)


def _cover(folder: str, files: list[str]) -> list[HeaderRule]:
    """The rules for the files under `folder` ("" for the site's root, else "a/b/")."""
    inside = [file for file in files if file.startswith(folder)]
    policies = {cache_control(file) for file in inside}
    if folder and len(policies) == 1:
        return [_cache_rule(f"/{folder}*", policies.pop())]
    here = [file for file in inside if "/" not in file.removeprefix(folder)]
    rules = [
        _cache_rule(address, cache_control(file))
        for file in here
        for address in ([f"/{folder}"] if file.removeprefix(folder) == "index.html" else []) + [f"/{file}"]
    ]
    subfolders = sorted({file.removeprefix(folder).split("/")[0] + "/" for file in inside if file not in here})
    return rules + [rule for subfolder in subfolders for rule in _cover(folder + subfolder, inside)]


def _cache_rule(path: str, cache: str) -> HeaderRule:
    return HeaderRule(path, (("Cache-Control", cache),))


def header_rules(policy: ContentSecurityPolicy, files: list[str]) -> list[HeaderRule]:
    """Every rule of the site's `_headers`: the security headers for all paths, then the cache policy."""
    everywhere = (("Content-Security-Policy", policy.header_policy()), *SECURITY_HEADERS)
    return [HeaderRule("/*", everywhere), *cache_rules(files)]


def headers_file(rules: list[HeaderRule]) -> str:
    intro = "# Written by `make build` (macros/deploy.py) for Netlify and Cloudflare Pages: see README.md, Deploy.\n"
    return intro + "\n".join(rule.text() for rule in rules) + "\n"


def parse_headers_file(text: str) -> list[HeaderRule]:
    """The rules of a `_headers` file, as Netlify and Cloudflare Pages read it."""
    rules: list[HeaderRule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append(HeaderRule(line.strip(), ()))
            continue
        name, _, value = line.strip().partition(":")
        rules[-1] = HeaderRule(rules[-1].path, (*rules[-1].headers, (name.strip(), value.strip())))
    return rules


def robots_txt(site_url: str) -> str:
    """Every page may be indexed; the sitemap is named by its absolute address, as robots.txt requires."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def drop_source_maps(site_dir: Path) -> list[Path]:
    """Delete the site's `*.map` files and the comments that name them (a browser's developer tools
    would ask for each); return the maps deleted. `SOURCE_MAPS=1` keeps them all."""
    if os.environ.get(SOURCE_MAPS_WANTED) == "1":
        return []
    maps = sorted(site_dir.rglob("*.map"))
    for source_map in maps:
        mapped = source_map.with_suffix("")  # bundle.min.js.map -> bundle.min.js
        if mapped.is_file():
            mapped.write_bytes(_SOURCE_MAP_COMMENT.sub(b"\n", mapped.read_bytes()))
        source_map.unlink()
    return maps


def write_host_files(site_dir: Path, site_url: str, policy: ContentSecurityPolicy) -> None:
    """Write `robots.txt` and `_headers` into the built site."""
    (site_dir / ROBOTS).write_text(robots_txt(site_url), encoding="utf-8")
    rules = header_rules(policy, served_files(site_dir))
    (site_dir / HEADERS_FILE).write_text(headers_file(rules), encoding="utf-8")
