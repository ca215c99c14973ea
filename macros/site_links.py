"""Links inside a calculator's result, which the same Python writes at build time and in the
reader's browser, and so cannot know the page they are shown on.

A result links to other pages of the site from `calculators.core.markup.SITE_ROOT_FROM_PAGE`
("../../"): the way up from a page two folders below the site's root (`section/page/`), where
every article and calculator page is published. On a page at another depth (the home page,
`docs/about.md`) those links would lead nowhere, so the `calculator(...)` macro refuses it with
this module's message rather than publish broken links. A result without such links may go
anywhere.
"""

from __future__ import annotations

import posixpath

from calculators.core.markup import SITE_ROOT_FROM_PAGE

SITE_LINK_MARK = 'class="aq-site-link"'
"""How a link to another page of the site appears in a result (`calculators.core.markup.site_link`)."""


def root_from(page_url: str) -> str:
    """The way up from a page's address to the site's root: "calculators/step-timing/" -> "../../"."""
    folder = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth


def links_problem(call: str, title: str, page_url: str, result_html: str) -> str | None:
    """Why this page cannot hold this calculator's result, or None when its links all lead somewhere."""
    if SITE_LINK_MARK not in result_html or root_from(page_url) == SITE_ROOT_FROM_PAGE:
        return None
    return (
        f"{call}: the {title} calculator's result links to other pages of the site as seen from an "
        f"article or calculator page, two folders below the site's root (like "
        f"docs/running-mechanics/foot-strike.md); from this page those links would lead nowhere. "
        "Put the calculator in an article or a calculator page, and link to it from here."
    )
