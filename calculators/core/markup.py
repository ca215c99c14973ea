"""Small helpers for writing HTML fragments safely, and the pieces every calculator's result shares.

Every piece of text goes through `html.escape` unless it is already `Markup` (a string this code
built from escaped parts), so a reader's input or a label can never become markup. Numbers are
rounded before they get here (`calculators.core.formatting`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Union

from calculators.core.formatting import format_number
from calculators.core.sources import SitePage, Source
from calculators.core.units import km_per_hour, miles_per_hour


class Markup(str):
    """HTML that is already safe: built by this package from escaped parts."""

    __slots__ = ()


Content = Union[str, Markup]
"""Plain text (escaped on output) or `Markup` (used as is)."""


def escape(text: Content) -> str:
    """Plain text -> HTML; `Markup` passes through unchanged."""
    if isinstance(text, Markup):
        return str(text)
    return html.escape(str(text), quote=True)


def attributes(**values: str | bool | None) -> str:
    """` name="value"` pairs, escaped; True gives a bare attribute, False or None none at all.

    A trailing underscore is dropped (`class_` -> `class`), other underscores become hyphens
    (`aria_describedby` -> `aria-describedby`).
    """
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key[:-1] if key.endswith("_") else key.replace("_", "-")
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(parts)


def element(tag: str, content: Content = "", **attrs: str | bool | None) -> Markup:
    """`<tag attrs>content</tag>` with the content escaped unless it is Markup."""
    return Markup(f"<{tag}{attributes(**attrs)}>{escape(content)}</{tag}>")


def join(parts: Iterable[Content], separator: str = "") -> Markup:
    """Several pieces of content as one piece of Markup, each escaped as needed."""
    return Markup(separator.join(escape(part) for part in parts))


@dataclass(frozen=True)
class Column:
    """A table column: its heading and, optionally, a class for its cells (e.g. numbers)."""

    heading: Content
    class_: str | None = None


@dataclass(frozen=True)
class Row:
    """A table row: the first cell is the row's heading (`<th scope="row">`)."""

    cells: Sequence[Content]
    class_: str | None = None


def table(caption: Content, columns: Sequence[Column], rows: Sequence[Row], class_: str = "aq-table") -> Markup:
    """An accessible data table: a caption, column headings and row headings with scope."""
    head = join(element("th", column.heading, scope="col", class_=column.class_) for column in columns)
    body_rows = []
    for row in rows:
        cells = []
        for index, (cell, column) in enumerate(zip(row.cells, columns)):
            if index == 0:
                cells.append(element("th", cell, scope="row", class_=column.class_))
            else:
                cells.append(element("td", cell, class_=column.class_))
        body_rows.append(element("tr", join(cells), class_=row.class_))
    # A table wider than a phone scrolls in its box, which a keyboard can then reach and scroll.
    wrap = attributes(class_="aq-table-wrap", tabindex="0", role="region", aria_label=plain_text(caption))
    return Markup(
        f'<div{wrap}><table{attributes(class_=class_)}>'
        f"{element('caption', caption)}"
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{join(body_rows)}</tbody></table></div>"
    )


def plain_text(content: Content) -> str:
    """Content's words without its tags, for an attribute (`aria-label`)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(escape(content)))).split())


def definition_list(items: Sequence[tuple[Content, Content]], class_: str = "aq-result__summary") -> Markup:
    """Named values ("Step time", "220 ms") as a `<dl>`, each pair in its own `<div>` for styling."""
    return element(
        "dl",
        join(element("div", join([element("dt", term), element("dd", value)])) for term, value in items),
        class_=class_,
    )


def explanation(model_note: Content, sections: Sequence[tuple[str, Content]]) -> Markup:
    """A calculator's explanation block: the model-not-measurement note, then headed sections."""
    parts: list[Content] = [element("p", model_note, class_="aq-explanation__model-note")]
    for heading, body in sections:
        parts.append(element("h3", heading, class_="aq-explanation__heading"))
        parts.append(body)
    return element("div", join(parts), class_="aq-explanation")


MODEL_NOT_MEASUREMENT = "This is a model, not a measurement"
"""Said under each result, always in these words (and shown once per page: see calculators.css)."""


def model_statement(why: str) -> Markup:
    """The explanation's opening: "About this model." in bold, then what it rests on and how far to trust it."""
    return Markup(f"<strong>About this model.</strong> {escape(why)}")


def headline(label: str, value: str, rest: str = "") -> Markup:
    """The number a reader looks for first: "Speed: <strong>10.00 m/s</strong> (36.0 km/h)"."""
    strong = element("strong", value, class_="aq-result__value")
    return element("p", Markup(f"{escape(label)}: {strong}{escape(rest)}"), class_="aq-result__headline")


def speed_headline(label: str, metres_per_second: float) -> Markup:
    """A speed as the headline, in the three units readers use: "Speed: 10.00 m/s (36.0 km/h, 22.4 mph)"."""
    in_other_units = (
        f" ({format_number(km_per_hour(metres_per_second), 1)} km/h, "
        f"{format_number(miles_per_hour(metres_per_second), 1)} mph)"
    )
    return headline(label, f"{format_number(metres_per_second, 2)} m/s", in_other_units)


def result_block(kind: str, parts: Iterable[Content], what_the_model_does: str) -> Markup:
    """A calculator's result: its parts, then "This is a model, not a measurement: ..." and what it does."""
    note = element("p", f"{MODEL_NOT_MEASUREMENT}: {what_the_model_does}", class_="aq-result__model-note")
    return element("div", join([*parts, note]), class_=f"aq-result aq-result--{kind}")


def figure(chart: Content, caption: Content) -> Markup:
    """A chart with a caption that says how to read it."""
    return element("figure", join([chart, element("figcaption", caption)]), class_="aq-chart")


def numbered_steps(steps: Iterable[Content]) -> Markup:
    """How the numbers are worked out, one step per item (pass `Markup` for steps with tags)."""
    return element("ol", join(element("li", step) for step in steps), class_="aq-explanation__steps")


def sources_list(sources: Iterable[Source]) -> Markup:
    """The sources as a list for an explanation block: the citation (as `<cite>`), then the finding."""
    return element(
        "ul",
        join(element("li", join([element("cite", source.citation), " ", source.finding])) for source in sources),
        class_="aq-explanation__sources",
    )


SITE_ROOT_FROM_PAGE = "../../"
"""The way up to the site's root from a page two folders down (`section/page/`, where articles and
calculator pages are published). A result's links to other pages start with it, and carry their
path from the root too (`data-site-path`), so that the page shows them from wherever it is: the
`calculator(...)` macro rewrites the example's (macros/site_links.py), the page script each live
result's (calculators.js), for a page at any depth."""


def site_link(text: Content, path: str) -> Markup:
    """A link to another page of the site, by its path from the site's root
    ("calculators/strength-balance/#how-to-test"), relative, so the site works under any path."""
    return element("a", text, href=SITE_ROOT_FROM_PAGE + path, class_="aq-site-link", data_site_path=path)


def coming_soon(title: str) -> Markup:
    """The title of an article the site does not have yet, with a "Coming soon" badge and no link
    (the same markup as the writers' `coming_soon(...)` macro)."""
    return element(
        "span",
        join([element("span", title, class_="aq-coming-soon__title"), " ", element("span", "Coming soon", class_="aq-coming-soon__badge")]),
        class_="aq-coming-soon",
    )


def page_reference(page: SitePage) -> Markup:
    """A page of the site as a link, or as "coming soon" while the site does not have it."""
    return site_link(page.title, page.path) if page.published else coming_soon(page.title)


def sentence(*parts: Content) -> Markup:
    """One piece of text from plain words and markup (a link, <strong>): each part escaped as needed."""
    return join(parts)


WHAT_TO_TRAIN_NEXT = "What to train next"


def what_to_train_next(points: Sequence[Content], sources: Sequence[Source]) -> Markup:
    """The plain reading that ends a result: what the numbers mean for the reader and where to
    start, two to four short points, then the sources those points rest on, folded away under
    one line so the reading stays short on a phone."""
    cited = ""
    if sources:
        count = f"{len(sources)} source{'s' if len(sources) > 1 else ''}"
        cited = element(
            "details",
            join([element("summary", f"What this rests on ({count})"), sources_list(sources)]),
            class_="aq-result__next-sources",
        )
    return element(
        "section",
        join(
            [
                element("h3", WHAT_TO_TRAIN_NEXT, class_="aq-result__next-heading"),
                element("ul", join(element("li", point) for point in points), class_="aq-result__next-points"),
                cited,
            ]
        ),
        class_="aq-result__next",
    )
