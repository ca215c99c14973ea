"""The studies behind a model, read from its TOML file (`[[sources]]`).

Every calculator cites its sources the same way, so the content owner edits them in one kind of
table (and readers see them in one kind of list: `calculators.core.markup.sources_list`). Models
keep their sources in their `Parameters`; nothing here builds HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.settings import Settings


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
