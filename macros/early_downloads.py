"""Which calculators a page is there for, decided once in its head, where their worker starts; and,
on a first visit of a published build, the early start of Pyodide's two largest downloads.

A page whose purpose is a calculator (its own page, or an address at `#slug` or with its shared
inputs) starts Python at once: the head script (`overrides/partials/early-downloads.html`) names
those calculators and starts the calculators' worker, which downloads and compiles what every start
needs and restores a snapshot kept on the device while the page loads. On a first visit (no
service worker in charge yet) of a published build it also begins the downloads of
`pyodide.asm.wasm` and `pyodide.asm.mjs`, so that they start with the page's own files; the
worker's requests join them in the browser's HTTP cache. From the head, before the styles: a
script in the page's body waits for every style above it to load, which at 10 Mbit/s with 40 ms
round trips held the wasm's request back by 170-200 ms, and a second visit's worker by 50-70 ms.

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


# The runtime's addresses the head script needs (RuntimePaths.urls' names), as its data- attributes.
HEAD_URLS = ("worker", "pyodide", "snapshot")


@dataclass
class EarlyDownloads:
    """This build's pages with calculators: page (its source path) -> the runtime's addresses from
    the page (name -> URL, as the calculators' sections have them), and the page's calculators in
    the order they were embedded."""

    urls: dict[str, dict[str, str]] = field(default_factory=dict)
    calculators: dict[str, list[PageCalculator]] = field(default_factory=dict)

    def note(self, page: str, urls_from_page: dict[str, str], calculator: PageCalculator) -> None:
        self.urls[page] = {name: url for name, url in urls_from_page.items() if name in HEAD_URLS}
        self.calculators.setdefault(page, []).append(calculator)

    def for_head(self, page: str) -> dict[str, object] | None:
        """What the page's head script is written with: {"urls": {name: URL}, "calculators":
        [[slug, leads], …]}, or None for a page without calculators."""
        if page not in self.calculators:
            return None
        return {"urls": self.urls[page], "calculators": [[each.slug, each.leads] for each in self.calculators[page]]}


def early_downloads_of(config) -> EarlyDownloads:
    """This build's record (a build made outside the hooks, e.g. by a test, gets its own)."""
    if CONFIG_KEY not in config:
        config[CONFIG_KEY] = EarlyDownloads()
    return config[CONFIG_KEY]
