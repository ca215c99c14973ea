"""What search engines and link previews read about a page: breadcrumbs and JSON-LD.

The visible breadcrumb trail and the BreadcrumbList are built from the same `breadcrumbs()`, and
the FAQPage is read from the FAQ as rendered on the page (its section only), so the structured data can never say
something the reader does not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

ORGANIZATION = {"@type": "Organization", "name": "AQ"}
FAQ_SECTION_ID = "faq"  # the id Markdown gives a heading "## ❓ FAQ"


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
    soup = BeautifulSoup(faq_section_html(content_html), "html.parser")
    heading = soup.find(id=FAQ_SECTION_ID)
    if not isinstance(heading, Tag):
        return []
    entries: list[tuple[str, str]] = []
    question: str | None = None
    answer: list[str] = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2"}:
            break
        if sibling.name == "h3":
            if question:
                entries.append((question, " ".join(answer)))
            question, answer = _text(sibling), []
        elif question:
            answer.append(_text(sibling))
    if question:
        entries.append((question, " ".join(answer)))
    return entries


def faq_section_html(content_html: str) -> str:
    """Only the FAQ's heading and what follows it up to the next h1 or h2: parsing that, not the
    whole page, keeps a build's cost per article small (a long article is ~100 kB of HTML)."""
    anchor = content_html.find(f'id="{FAQ_SECTION_ID}"')
    if anchor < 0:
        return ""
    start = content_html.rfind("<h", 0, anchor)
    ends = [end for end in (content_html.find(tag, anchor) for tag in ("<h1", "<h2")) if end >= 0]
    return content_html[start : min(ends, default=len(content_html))]


def _text(element: Tag) -> str:
    for permalink in element.select("a.headerlink"):
        permalink.decompose()
    return " ".join(element.get_text(" ").split())


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
