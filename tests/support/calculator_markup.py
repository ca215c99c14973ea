"""Compare a calculator's markup as the browser shows it with what Python wrote, and build the
shareable address of a calculator's inputs."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

Node = tuple


def canonical(html: str, page_url: str = "") -> tuple[Node, ...]:
    """The markup's elements, attributes and text, with serialisation details removed.

    A browser's innerHTML writes `<rect></rect>` where Python wrote `<rect/>`, `'` where Python
    wrote `&#x27;`, and may reorder nothing else: comparing these trees compares what the reader
    sees and what assistive technology reads. With `page_url`, each link is the address it leads
    to from that page (the theme may have written a relative link out in full).
    """
    return _nodes(BeautifulSoup(html, "html.parser"), page_url)


def _nodes(parent: Tag, page_url: str) -> tuple[Node, ...]:
    found: list[Node] = []
    for child in parent.children:
        if isinstance(child, Tag):
            attributes = tuple(sorted((name, _value(name, value, page_url)) for name, value in child.attrs.items()))
            found.append((child.name.lower(), attributes, _nodes(child, page_url)))
        elif isinstance(child, NavigableString) and child.strip():
            found.append((" ".join(child.split()),))
    return tuple(found)


def _value(name: str, value: str | list[str], page_url: str) -> str:
    text = " ".join(value) if isinstance(value, list) else value
    return urljoin(page_url, text) if name == "href" and page_url else text


def shared_query(slug: str, schema: int | str, values: Mapping[str, str]) -> str:
    """The query string a reader's inputs are kept in: ?SLUG.v=SCHEMA&SLUG.NAME=VALUE..."""
    return "?" + urlencode({f"{slug}.v": str(schema), **{f"{slug}.{name}": value for name, value in values.items()}})
