"""Links inside a calculator's result, which the same Python writes at build time and in the
reader's browser, and so cannot know the page they are shown on.

A result links to other pages of the site from `calculators.core.markup.SITE_ROOT_FROM_PAGE`
("../../", the way up from a page two folders below the site's root), and gives each link's path
from the root in `data-site-path`. Shown on a page at another depth (the home page, a section's
index), the example's links are rewritten here from that path; the page script does the same for
each live result (`data-site-root` on the section, overrides/assets/javascripts/calculators.js).
"""

from __future__ import annotations

import html
import posixpath
import re

from calculators.core.markup import SITE_ROOT_FROM_PAGE

_SITE_LINK = re.compile(r'href="([^"]*)"([^>]*) data-site-path="([^"]*)"')


def root_from(page_url: str) -> str:
    """The way up from a page's address to the site's root: "calculators/step-timing/" -> "../../"."""
    folder = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth


def links_from(page_url: str, result_html: str) -> str:
    """A result's links to other pages of the site, as seen from the page at `page_url`."""
    root = root_from(page_url)
    if root == SITE_ROOT_FROM_PAGE:
        return result_html
    return _SITE_LINK.sub(
        lambda link: f'href="{html.escape(root)}{link.group(3)}"{link.group(2)} data-site-path="{link.group(3)}"',
        result_html,
    )
