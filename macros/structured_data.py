"""What search engines and link previews read about a page: breadcrumbs and JSON-LD.

The visible breadcrumb trail and the BreadcrumbList are built from the same `breadcrumbs()`, and
the FAQPage is read from the FAQ as rendered on the page (its section only), so the structured data can never say
something the reader does not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin


ORGANIZATION = {"@type": "Organization", "name": "AQ"}
FAQ_SECTION_ID = "faq"  # the id Markdown gives a heading "## ❓ FAQ"
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
UNREAD = frozenset({"script", "style", "template"})
"""Elements whose text is not part of an answer, as a page's text leaves them out."""


@dataclass(frozen=True)
class Crumb:
    """One step of the trail: its name and its site-relative URL ("" is the home page)."""

    name: str
    url: str


def breadcrumbs(page: Any) -> list[Crumb]:
    """Home, then each section the page sits in, then the page itself (once)."""
    trail = [Crumb("Home", "")]
    for section in reversed(page.ancestors):
        index = next((child for child in section.children if getattr(child, "is_index", False)), None)
        trail.append(Crumb(section.title, index.url if index else ""))
    if not page.is_homepage and trail[-1].url != page.url:
        trail.append(Crumb(page.title, page.url))
    return trail


def is_article(page: Any) -> bool:
    """Articles are the pages that are neither the home page nor a section's index."""
    return not page.is_homepage and not getattr(page, "is_index", False)


def structured_data(page: Any, config: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects for a page: BreadcrumbList, and Article and FAQPage where they apply."""
    site_url = config["site_url"] or ""
    items: list[dict[str, Any]] = []
    trail = breadcrumbs(page)
    if len(trail) > 1:
        items.append(_breadcrumb_list(trail, site_url))
    if is_article(page):
        items.append(_article(page, config))
    faq = faq_entries(page.content or "")
    if faq:
        items.append(_faq_page(faq))
    return items


def faq_entries(content_html: str) -> list[tuple[str, str]]:
    """(question, answer) pairs from the page's FAQ section: each h3 is a question, and what
    follows it up to the next heading is its answer."""
    reader = _FaqReader()
    reader.feed(faq_section_html(content_html))
    reader.close()
    return reader.entries()


class _FaqReader(HTMLParser):
    """The text of the FAQ heading's following siblings, up to the next h1 or h2 (the heading's
    own permalink left out), as questions and answers. The standard library's parser, element by
    element: the FAQ of every article is read on every build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # elements open around the one being read
        self.faq_depth: int | None = None  # the FAQ heading's depth, once it is found
        self.faq_open = False  # inside the FAQ heading itself
        self.finished = False
        self.sibling: tuple[str, list[str]] | None = None  # the sibling being read: its tag, its text
        self.skipped = 0  # open elements whose text is not read (a permalink, a script)
        self.read: list[tuple[str, str]] = []  # (tag, text) of each sibling

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.finished:
            return
        void = tag in VOID_ELEMENTS
        if self.faq_depth is None:
            if dict(attrs).get("id") == FAQ_SECTION_ID:
                self.faq_depth, self.faq_open = self.depth, not void
        elif self.depth == self.faq_depth and not self.faq_open:
            if tag in {"h1", "h2"}:
                self.finished = True
                return
            self.sibling = (tag, [])
            if void:
                self._end_sibling()
        elif self.sibling and (self.skipped or tag in UNREAD or _is_permalink(tag, attrs)) and not void:
            self.skipped += 1
        if not void:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.finished or tag in VOID_ELEMENTS:
            return
        self.depth -= 1
        if self.faq_depth is None:
            return
        if self.depth < self.faq_depth:
            self.finished = True  # the FAQ's parent ends
        elif self.depth == self.faq_depth:
            if self.faq_open:
                self.faq_open = False
            elif self.sibling:
                self._end_sibling()
        elif self.skipped:
            self.skipped -= 1

    def handle_data(self, data: str) -> None:
        if self.sibling and not self.skipped and not self.finished:
            self.sibling[1].append(data)

    def _end_sibling(self) -> None:
        tag, text = self.sibling
        self.read.append((tag, " ".join(" ".join(text).split())))
        self.sibling = None

    def entries(self) -> list[tuple[str, str]]:
        if self.sibling:
            self._end_sibling()  # cut short where the section ends
        entries: list[tuple[str, str]] = []
        question: str | None = None
        answer: list[str] = []
        for tag, text in self.read:
            if tag == "h3":
                if question:
                    entries.append((question, " ".join(answer)))
                question, answer = text, []
            elif question:
                answer.append(text)
        if question:
            entries.append((question, " ".join(answer)))
        return entries


def _is_permalink(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    return tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()


def faq_section_html(content_html: str) -> str:
    """Only the FAQ's heading and what follows it up to the next h1 or h2: parsing that, not the
    whole page, keeps a build's cost per article small (a long article is ~100 kB of HTML)."""
    anchor = content_html.find(f'id="{FAQ_SECTION_ID}"')
    if anchor < 0:
        return ""
    start = content_html.rfind("<h", 0, anchor)
    ends = [end for end in (content_html.find(tag, anchor) for tag in ("<h1", "<h2")) if end >= 0]
    return content_html[start : min(ends, default=len(content_html))]


def _breadcrumb_list(trail: list[Crumb], site_url: str) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.name, "item": urljoin(site_url, crumb.url)}
            for n, crumb in enumerate(trail, start=1)
        ],
    }


def _article(page: Any, config: Any) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.meta.get("description") or config["site_description"],
        "url": page.canonical_url,
        "mainEntityOfPage": page.canonical_url,
        "inLanguage": "en",
        "author": ORGANIZATION,
        "publisher": ORGANIZATION,
    }
    for key, field in (("date", "datePublished"), ("updated", "dateModified")):
        if page.meta.get(key):
            article[field] = str(page.meta[key])
    return article


def _faq_page(entries: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in entries
        ],
    }
