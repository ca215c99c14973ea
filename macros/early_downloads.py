"""Which calculators a page is there for, decided once in its head; and, on a first visit of a
published build, the early start of Pyodide's two largest downloads.

A page whose purpose is a calculator (its own page, or an address at `#slug` or with its shared
inputs) starts Python at once: the head script (`overrides/partials/early-downloads.html`) names
those calculators for their sections' scripts, which start the worker while the page loads. On a
first visit (no service worker in charge yet) of a published build it also begins the downloads
of `pyodide.asm.wasm` and `pyodide.asm.mjs`, so that they start with the page's own files; the
worker's requests join them in the browser's HTTP cache. From the head, before the styles: a
script in the page's body waits for every style above it to load, which at 10 Mbit/s with 40 ms
round trips held the wasm's request back by 170-200 ms.

The calculator macro notes each calculator of a page here; `site_hooks.on_page_context` gives the
page's template what its head needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONFIG_KEY = "aq_early_downloads"


@dataclass(frozen=True)
class PageCalculator:
    """A calculator of a page: its slug, and whether it leads the page (its own page)."""

    slug: str
    leads: bool


@dataclass
class EarlyDownloads:
    """This build's pages with calculators: page (its source path) -> Pyodide's folder from the
    page, and the page's calculators in the order they were embedded."""

    pyodide: dict[str, str] = field(default_factory=dict)
    calculators: dict[str, list[PageCalculator]] = field(default_factory=dict)

    def note(self, page: str, pyodide_from_page: str, calculator: PageCalculator) -> None:
        self.pyodide[page] = pyodide_from_page
        self.calculators.setdefault(page, []).append(calculator)

    def for_head(self, page: str) -> dict[str, object] | None:
        """What the page's head script reads: {"pyodide": URL, "calculators": [[slug, leads], …]},
        or None for a page without calculators."""
        if page not in self.calculators:
            return None
        return {"pyodide": self.pyodide[page], "calculators": [[each.slug, each.leads] for each in self.calculators[page]]}


def early_downloads_of(config) -> EarlyDownloads:
    """This build's record (a build made outside the hooks, e.g. by a test, gets its own)."""
    if CONFIG_KEY not in config:
        config[CONFIG_KEY] = EarlyDownloads()
    return config[CONFIG_KEY]
