"""The studies behind a model: read from its TOML file (`[[sources]]`) and shown in its explanation.

Every calculator cites its sources the same way, so the content owner edits them in one kind of
table and readers see them in one kind of list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from calculators.markup import Markup, element, join
from calculators.params import Settings


@dataclass(frozen=True)
class Source:
    """A study behind the model: the citation, and what the model takes from it."""

    citation: str
    finding: str


def read_sources(root: Settings, name: str = "sources") -> tuple[Source, ...]:
    """Each `[[sources]]` table (citation and finding, both text); none when the key is absent."""
    if name not in root.data:
        return ()
    found = []
    for entry in root.tables(name):
        entry.reject_unknown(["citation", "finding"])
        found.append(Source(citation=entry.text("citation"), finding=entry.text("finding")))
    return tuple(found)


def sources_list(sources: Iterable[Source]) -> Markup:
    """The sources as a list for an explanation block: the citation (as `<cite>`), then the finding."""
    return element(
        "ul",
        join(element("li", join([element("cite", source.citation), " ", source.finding])) for source in sources),
        class_="aq-explanation__sources",
    )
