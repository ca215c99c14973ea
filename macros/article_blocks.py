"""Small pieces of article markup that writers place with one line of Markdown.

Each returns HTML, so the look of a divider or a "coming soon" title is decided in one place
(and styled in overrides/assets/stylesheets/site.css), not copied into every article.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

from calculators.core import markup
from macros.writer_problems import WriterProblem, line_of

PROMISED_KEY = "aq_coming_soon"
"""Where a build keeps its `coming_soon(...)` calls in the MkDocs config, to check them once every
page's title is known."""


def divider(mark: str = "🔥") -> str:
    """A quiet break between passages, marked by the article's emoji (`{{ divider("⚡") }}`).

    It is a separator to assistive technology; the emoji itself is decoration and is hidden
    from screen readers so they do not announce "fire" every few paragraphs.
    """
    return (
        '<div class="aq-divider" role="separator">'
        f'<span class="aq-divider__mark" aria-hidden="true">{escape(mark)}</span></div>'
    )


def coming_soon(title: str) -> str:
    """The title of an article the site does not have yet, shown without a link.

    When the article is published, the writer replaces the call with an ordinary Markdown link,
    which `mkdocs build --strict` then checks like any other. The markup is the one a calculator's
    result uses for an article it points to (`calculators.core.markup.coming_soon`).
    """
    return str(markup.coming_soon(title))


@dataclass(frozen=True)
class Promised:
    """A `coming_soon("Title")` in a page (docs/`file`), and the title it promises."""

    file: str
    title: str


def coming_soon_macro(env: Any) -> Callable[[str], str]:
    """The `coming_soon(...)` macro, which also notes each call so the build can say when the
    article it promises has been published (see `now_published`)."""
    promised: list[Promised] = env.conf.setdefault(PROMISED_KEY, [])

    def coming_soon_title(title: str) -> str:
        """An article the site does not have yet: `coming_soon("Run Faster With Isometric Training")`."""
        promised.append(Promised(env.page.file.src_path, title))
        return coming_soon(title)

    return coming_soon_title


def now_published(promised: Iterable[Promised], pages: Iterable[Any]) -> list[WriterProblem]:
    """The `coming_soon(...)` calls whose article now exists, each with the link to write instead."""
    pages = list(pages)
    published = {_same_title(page.title): page.file.src_path for page in pages if page.title}
    by_file = {page.file.src_path: page for page in pages}  # a page's source is read only for a message
    problems = []
    for call in promised:
        article = published.get(_same_title(call.title))
        if article and article != call.file:
            link = posixpath.relpath(article, posixpath.dirname(call.file) or ".")
            problems.append(WriterProblem(
                call.file, line_of(by_file[call.file].file.content_string, "coming_soon(", call.title),
                f'"{call.title}" is published now (docs/{article}), but this page still shows it as coming soon.',
                f"Replace the coming_soon(...) call with a link: [{call.title}]({link})",
            ))
    return problems


def _same_title(title: str) -> str:
    """Titles compare alike whatever their case, spacing or apostrophe (' or ’)."""
    text = unicodedata.normalize("NFKC", title).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())
