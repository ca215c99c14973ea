"""The HTML that macros write into a page, kept out of the build's way where the build only passes
it through.

Two kinds, each put back where it is needed again:

- **Hidden from Markdown** (`hide`): a macro's HTML block standing alone on its line (a divider, a
  calculator's section), which Markdown would keep as it is, a raw HTML block. Markdown's raw-HTML
  parsers (md_in_html's and MkDocs' collector of anchors) still read it tag by tag: 55 dividers
  and a calculator cost more there than a page's own text. Markdown gets a comment in its place,
  and the `on_page_content` hook puts the block back (`show`) before anything reads the page's
  HTML (the search index, the theme).
- **Deferred to the written page** (`defer`): the elements of a section marked
  `data-search-exclude` (a calculator's form, worked example and saved-tests panel: 27 kB, some 450
  tags, on every article). The search index skips them; the search plugin's parser still reads
  them, and Markdown's too. They are put back in the page as written (`restore`, `on_post_page`).

Either way the page written is the same, byte for byte, and MkDocs' link check still knows the ids
inside (`anchor_ids`). One `DeferredHtml` per build (`deferred_of(config)`): a piece is kept once,
under the digest of its HTML, so the same divider or calculator on 300 articles is kept once and
a placeholder can never bring back another piece.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

CONFIG_KEY = "aq_deferred_html"
"""Where a build keeps its `DeferredHtml` in the MkDocs config."""
HIDDEN, DEFERRED = "hidden", "deferred"
PLACEHOLDER = re.compile(r"<!--aq-(?P<kind>hidden|deferred):(?P<key>[0-9a-f]{24})-->")
EXCLUDED_START = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?=\s)[^<>]*?\sdata-search-exclude(?=[\s=/>])[^<>]*>")
"""A start tag with the attribute that keeps an element out of the search index."""
BLOCK_START = re.compile(r"<(?P<tag>div|section|aside|article|details|figure|nav)(?=[\s>])[^<>]*>")
"""A start tag Markdown reads as the start of a raw HTML block, at the start of a line."""
ID_ATTRIBUTE = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class DeferredHtml:
    """This build's pieces kept aside, by the digest of their HTML."""

    pieces: dict[str, str] = field(default_factory=dict)

    def hide(self, block: str) -> str:
        """A macro's output, standing alone on its line: its placeholder when it is one HTML block
        on one line (which Markdown keeps whole, as it is), else the output itself."""
        start = BLOCK_START.match(block)
        if not start or "\n" in block or "markdown=" in block or element_end(block, start) != len(block):
            return block
        return self._keep(HIDDEN, block)

    def defer(self, html: str) -> str:
        """`html` with each element marked `data-search-exclude` (outermost ones, whole) replaced by
        its placeholder. An element whose end is not found, or that asks Markdown to read inside
        it (`markdown="1"`), stays where it is."""
        parts, done = [], 0
        for start in EXCLUDED_START.finditer(html):
            if start.start() < done:
                continue  # inside an element already deferred
            end = element_end(html, start)
            piece = html[start.start() : end] if end else ""
            if not piece or "markdown=" in piece:
                continue
            parts += [html[done : start.start()], self._keep(DEFERRED, piece)]
            done = end
        return "".join(parts) + html[done:]

    def show(self, content: str) -> str:
        """A page's HTML as Markdown made it, with the blocks hidden from Markdown back in place."""
        return self._put_back(content, HIDDEN)

    def restore(self, page: str) -> str:
        """The written page, with the deferred elements back in place."""
        return self._put_back(page, DEFERRED)

    def anchor_ids(self, html: str) -> set[str]:
        """The ids inside the pieces whose placeholders `html` holds (links may point at them)."""
        ids: set[str] = set()
        for found in PLACEHOLDER.finditer(html):
            piece = self.pieces[found["key"]]
            ids.update(ID_ATTRIBUTE.findall(piece), self.anchor_ids(piece))
        return ids

    def _keep(self, kind: str, piece: str) -> str:
        key = hashlib.sha256(piece.encode("utf-8")).hexdigest()[:24]
        self.pieces.setdefault(key, piece)
        return f"<!--aq-{kind}:{key}-->"

    def _put_back(self, html: str, kind: str) -> str:
        if f"<!--aq-{kind}:" not in html:
            return html
        return PLACEHOLDER.sub(lambda found: self.pieces[found["key"]] if found["kind"] == kind else found[0], html)


def element_end(html: str, start: re.Match[str]) -> int | None:
    """Where the element opened by `start` ends (after its end tag), counting the same elements
    nested in it; None when it is never closed."""
    tag = start["tag"].lower()
    depth = 1
    for found in re.compile(rf"<(/?){tag}(?=[\s>/])[^<>]*>", re.IGNORECASE).finditer(html, start.end()):
        if found[1]:
            depth -= 1
            if depth == 0:
                return found.end()
        elif not found[0].endswith("/>"):
            depth += 1
    return None


def deferred_of(config) -> DeferredHtml:
    """This build's pieces (a build made outside the hooks, e.g. by a test, gets its own)."""
    if CONFIG_KEY not in config:
        config[CONFIG_KEY] = DeferredHtml()
    return config[CONFIG_KEY]
