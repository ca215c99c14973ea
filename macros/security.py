"""The site's Content-Security-Policy: only the site's own files, and exactly its inline scripts.

Material writes three small inline scripts into every page (the `__md_scope` one names the site's
root relative to the page, so its text differs with the page's depth), and a strict policy that
does not allow them breaks the theme: no search, no light/dark toggle. A published build therefore
hashes every inline script of every page (`sha256-…`, base64) and writes one policy, allowing
exactly those hashes, into every page as `<meta http-equiv="Content-Security-Policy">`, the first
element after `<meta charset>`, before any script. The deploy recipes send the same policy as a
header (`macros/deploy.py`), with what a meta tag cannot carry (`frame-ancestors`).

One policy for the whole site, not one per page: with Material's instant navigation a page's
scripts run under the policy of the page the reader arrived on, so every page must allow every
page's scripts; and a host sends one header for all paths.

Blocks of data (`application/ld+json`, Material's `application/json` config) are not executed,
so the policy needs no hash for them.

`'wasm-unsafe-eval'` (compile WebAssembly, never JavaScript) is not in the pages' policy: no page
compiles WebAssembly. Python runs in the calculators' module worker, whose policy is the one its
own response's header carries, never the page's meta tag; the header therefore allows it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

EXECUTED_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
"""`<script type>` values a browser runs (an empty or missing type is JavaScript); other types,
such as `application/ld+json`, are data."""

BASE_DIRECTIVES = (
    ("default-src", "'self'"),
    ("worker-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""Everything but scripts: only the site's own files (Material's icons are inline SVG; images may be
`data:` URLs), no plugins, no other base for links, forms sent nowhere else."""
WASM = "'wasm-unsafe-eval'"
HEADER_ONLY = (("frame-ancestors", "'none'"),)
"""Directives a meta tag cannot carry (browsers ignore them there): the site is never framed."""

_META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
_CHARSET = re.compile(rb"<meta charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class ContentSecurityPolicy:
    """The site's policy: its own files, plus the inline scripts whose hashes it lists."""

    inline_scripts: tuple[str, ...]
    """The sources allowing inline scripts: `'sha256-…'`, sorted, one per distinct inline script of
    the site (or, in `STATIC_HEADER`, `'unsafe-inline'`)."""

    def directives(self, *, header: bool) -> tuple[tuple[str, str], ...]:
        scripts = " ".join(("'self'", *self.inline_scripts, *((WASM,) if header else ())))
        return (BASE_DIRECTIVES[0], ("script-src", scripts), *BASE_DIRECTIVES[1:], *(HEADER_ONLY if header else ()))

    def meta_policy(self) -> str:
        """The policy as the pages' meta tag carries it."""
        return _serialise(self.directives(header=False))

    def header_policy(self) -> str:
        """The policy as a host sends it, for every path (pages, and the worker's script)."""
        return _serialise(self.directives(header=True))

    def meta_tag(self) -> str:
        return _META.format(policy=self.meta_policy())


def _serialise(directives: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives)


class _InlineScripts(HTMLParser):
    """Collects the text of every executed `<script>` without `src`, exactly as the page holds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # a script's text is raw: nothing to convert
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            given = dict(attrs)
            executed = (given.get("type") or "").strip().lower() in EXECUTED_TYPES
            self._inside = [] if executed and "src" not in given else None

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


SCRIPT_ELEMENT = re.compile(
    r"""<script(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*/?>.*?</script\s*>""",
    re.IGNORECASE | re.DOTALL,
)
"""A script element, whole: its start tag (attribute values may hold '>'), its text, its end tag
(a script's text ends at the first `</script`, whatever it says)."""
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run in `html`, in page order.

    Only the script elements are parsed, found by their tags (outside comments): a published page
    of a 300-article site is some 200 kB, of which its scripts are a few hundred bytes, and parsing
    every page whole took longer than MkDocs' own work on it."""
    comments = [found.span() for found in COMMENT.finditer(html)] if "<!--" in html else []
    parser = _InlineScripts()
    for element in SCRIPT_ELEMENT.finditer(html):
        if not any(start <= element.start() < end for start, end in comments):
            parser.feed(element.group())
    parser.close()
    return parser.scripts


def script_hash(text: str) -> str:
    """The CSP source allowing an inline script whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def site_policy(site_dir: Path) -> ContentSecurityPolicy:
    """The policy allowing every inline script of every page of the built site."""
    hashes = {script_hash(script) for page in pages(site_dir) for script in inline_scripts(page.read_text("utf-8"))}
    return ContentSecurityPolicy(tuple(sorted(hashes)))


def with_meta_tag(html: bytes, tag: bytes) -> bytes:
    """`html` with `tag` right after `<meta charset>` (which must stay in the first 1024 bytes), or
    else right after `<head>`: before any script, so that the policy covers them all."""
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head> to hold its Content-Security-Policy")
    return html[: anchor.end()] + tag + html[anchor.end() :]


def secure_pages(site_dir: Path) -> ContentSecurityPolicy:
    """Write the site's policy into every page of `site_dir` and return it (for the host's headers)."""
    policy = site_policy(site_dir)
    tag = policy.meta_tag().encode("utf-8")
    for page in pages(site_dir):
        page.write_bytes(with_meta_tag(page.read_bytes(), tag))
    return policy


STATIC_HEADER = ContentSecurityPolicy(("'unsafe-inline'",))
"""The header for a host whose configuration stays the same from build to build (nginx): every
directive of the site's policy, but inline scripts left to the pages. A browser enforces the header
and the page's meta tag both, so a page's inline script runs only when the meta tag's hashes allow
it; the worker, which has no meta tag, runs no inline script anyway. The hashes change with
Material's version, and a header carrying them would have to be reloaded into the host with every
build that changes them."""
