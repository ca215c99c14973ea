"""The studies behind a model, read from its TOML file (`[[sources]]`), and the site's pages a
result points readers to.

Every calculator cites its sources the same way, so the content owner edits them in one kind of
table (and readers see them in one kind of list: `calculators.core.markup.sources_list`). Models
keep their sources in their `Parameters`; nothing here builds HTML.

A source may carry a short `key` ("deane-2005") so that other settings, such as the "What to
train next" reading, can name the sources they rest on; `sources_named` finds them, and a key that
names no source stops the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from calculators.core.settings import Settings


@dataclass(frozen=True)
class Source:
    """A study behind the model: the citation, and what the model takes from it."""

    citation: str
    finding: str
    key: str = ""
    """A short name other settings cite it by ("" when nothing cites it by name)."""


def read_sources(root: Settings, name: str = "sources") -> tuple[Source, ...]:
    """Each `[[sources]]` table (citation and finding, both text, and an optional key); none when
    the key is absent. Two sources with the same key stop the build."""
    if name not in root.data:
        return ()
    found: list[Source] = []
    for entry in root.tables(name):
        entry.reject_unknown(["citation", "finding", "key"])
        key = entry.text("key") if "key" in entry.data else ""
        if key and any(source.key == key for source in found):
            raise entry.fail("key", f"{key!r} names another source already: each key names one source")
        found.append(Source(citation=entry.text("citation"), finding=entry.text("finding"), key=key))
    return tuple(found)


def sources_named(table: Settings, name: str, sources: Iterable[Source]) -> tuple[Source, ...]:
    """The sources a setting cites by key (`sources = ["deane-2005"]`), in the order given; a key
    that names none of the file's `[[sources]]` stops the build, naming the setting."""
    return tuple(_cited(table, name, key, sources) for key in table.texts(name))


def source_named(table: Settings, name: str, sources: Iterable[Source]) -> Source:
    """The one source a setting cites by key (`cites = "haugen-2019"`); an unknown key stops the build."""
    return _cited(table, name, table.text(name), sources)


def _cited(table: Settings, name: str, key: str, sources: Iterable[Source]) -> Source:
    by_key = {source.key: source for source in sources if source.key}
    if key not in by_key:
        known = ", ".join(sorted(by_key)) or "none: give a [[sources]] table a key"
        raise table.fail(name, f"cites {key!r}, which is not the key of any [[sources]] (keys: {known})")
    return by_key[key]


@dataclass(frozen=True)
class SitePage:
    """A page of this site a result points to: its title, and where it is from the site's root
    ("calculators/strength-balance/#how-to-test"), or "" while the site does not have it yet (it
    is then shown as "coming soon", as `coming_soon(...)` shows it in an article)."""

    title: str
    path: str = ""

    @property
    def published(self) -> bool:
        return bool(self.path)


def read_site_page(table: Settings, name: str) -> SitePage:
    """`name = { title = "...", page = "section/page/#anchor" }`; without `page` it is coming soon.

    The path is from the site's root, as MkDocs publishes pages (`docs/a/b.md` is `a/b/`); the
    site's build test checks that every published one resolves."""
    entry = table.table(name)
    entry.reject_unknown(["title", "page"])
    path = entry.data.get("page", "")
    if not isinstance(path, str) or path.startswith(("/", ".")) or "://" in path:
        raise entry.fail("page", f"must be a path from the site's root, like \"calculators/step-timing/\" (got {path!r})")
    if path and not (path.endswith("/") or "/#" in path):
        raise entry.fail("page", f"must name a page's folder, ending in / (or /#anchor) (got {path!r})")
    return SitePage(title=entry.text("title"), path=path)


def reading_sources(root: Settings, reading: Settings) -> tuple[Source, ...]:
    """Every source a `[reading]` table may cite: the model's `[[sources]]`, then the reading's own
    `[[reading.sources]]` (shown with the reading only, not in the model's explanation)."""
    return (*read_sources(root), *read_sources(reading))
