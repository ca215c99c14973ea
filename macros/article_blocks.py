"""Small pieces of article markup that writers place with one line of Markdown.

Each returns HTML, so the look of a divider or a "coming soon" title is decided in one place
(and styled in overrides/assets/stylesheets/site.css), not copied into every article.
"""

from __future__ import annotations

from html import escape


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
    which `mkdocs build --strict` then checks like any other.
    """
    return (
        '<span class="aq-coming-soon">'
        f'<span class="aq-coming-soon__title">{escape(title)}</span> '
        '<span class="aq-coming-soon__badge">Coming soon</span></span>'
    )
