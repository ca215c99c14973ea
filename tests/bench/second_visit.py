"""Where a second visit's time goes: the calculators' worker, or the page's own parsing.

    .venv/bin/python -m tests.bench.second_visit [--profile 1.6mbit] [--runs 5] [--page PATH]

On a visit after the first, two things run side by side until the first live result: the
calculators' worker, which the head's script creates and which restores Python from this device and
works out the first result ahead (calculator-worker.mjs), and the page's thread, which parses and
lays out the page before `calculators.js` (a deferred module) can show that result. Whichever ends
later decides the visit. Each run here is a fresh profile: a first visit on loopback, its
background work let finish (`visits.settle`), then a second visit on `--profile`. It prints, per run
and as medians, in the page's time: when the worker was created, when the page heard the result
worked out ahead, when the page was parsed (`domInteractive`) and when the first result was live,
and which of the two ended later. Nothing in the site is changed to measure this: the page's
`Worker` is watched from outside, as the benchmark watches its long tasks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Playwright, sync_playwright

from tests.bench.network import PROFILE_NAMED
from tests.bench.page_speed import ARTICLE
from tests.bench.visits import fresh_context, visit
from tests.support.site import CDN, PROJECT_ROOT, serve_directory

AHEAD = "ahead"  # calculator-messages.mjs: AHEAD, the worker's first result worked out ahead

# Registered before any page script runs: every worker the page creates, and when the page heard
# the first result worked out ahead from one of them. A subclass keeps `new Worker(url, options)`
# as it is (the head's script reads `options.type` through a getter to learn about module workers).
WATCH_WORKER = f"""
window.__aqWorker = {{ created: null, ahead: null }};
window.Worker = class extends window.Worker {{
  constructor(url, options) {{
    super(url, options);
    __aqWorker.created ??= performance.now();
    this.addEventListener("message", ({{ data }}) => {{
      if (data?.type === "{AHEAD}") __aqWorker.ahead ??= performance.now();
    }});
  }}
}};
"""

TIMELINE = """() => ({
  ...window.__aqWorker,
  parsed: performance.getEntriesByType("navigation")[0]?.domInteractive ?? null,
})"""


@dataclass(frozen=True)
class Timeline:
    """One second visit, in ms from its navigation; None where it did not happen."""

    worker_created: float | None
    ahead_heard: float | None
    page_parsed: float | None
    live: float | None

    def decided_by(self) -> str:
        """Which chain ended later: "the worker" (its result came after the page was parsed),
        "the page" (parsed after the result was heard), or "no result ahead"."""
        if self.ahead_heard is None or self.page_parsed is None:
            return "no result ahead"
        return "the worker" if self.ahead_heard >= self.page_parsed else "the page"


MOMENTS = (("worker created", "worker_created"), ("ahead heard", "ahead_heard"), ("page parsed", "page_parsed"), ("live", "live"))
"""The report's columns: each a moment of the Timeline, by its label and its field."""


def second_visit(playwright: Playwright, base: str, page: str, profile_name: str) -> Timeline:
    with fresh_context(playwright) as (context, traffic):
        tab, _ = visit(context, traffic, base + page, PROFILE_NAMED["loopback"], settle_first=True)
        tab.close()
        context.add_init_script(WATCH_WORKER)
        tab, second = visit(context, traffic, base + page, PROFILE_NAMED[profile_name], settle_first=False)
        seen = tab.page.evaluate(TIMELINE)
        tab.close()
    return Timeline(
        worker_created=seen["created"],
        ahead_heard=seen["ahead"],
        page_parsed=seen["parsed"],
        live=second.live_ms if second.live else None,
    )


def median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def report(timelines: list[Timeline]) -> str:
    """A table: a row per run with its moments and which chain decided it, then the medians."""
    header = ("run", *(f"{label}, ms" for label, _ in MOMENTS), "decided by")
    rows = [(str(number), *(ms(getattr(each, field)) for _, field in MOMENTS), each.decided_by()) for number, each in enumerate(timelines, 1)]
    rows.append(("median", *(ms(median([getattr(each, field) for each in timelines])) for _, field in MOMENTS), ""))
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in [header, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="1.6mbit", choices=list(PROFILE_NAMED))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default=ARTICLE, help=f"the page, from the site's root (default {ARTICLE})")
    parser.add_argument("--site", type=Path, default=PROJECT_ROOT / "site", help="the built site (default: site/, `make build`)")
    options = parser.parse_args(argv)
    if not (options.site / "index.html").is_file():
        print(f"No built site in {options.site}: run `make build` first", file=sys.stderr)
        return 1
    with serve_directory(options.site, recipe=CDN) as base, sync_playwright() as playwright:
        timelines = [second_visit(playwright, base, options.page, options.profile) for _ in range(options.runs)]
    print(f"Second visits of {options.page} on {options.profile} (first visit on loopback), {options.runs} runs:")
    print(report(timelines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
