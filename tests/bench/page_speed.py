"""How fast a calculator becomes live for a reader: headless Chromium against the built site on
loopback, medians over several runs. Run with `make bench` (or `python -m tests.bench.page_speed
--runs 9`); it prints figures and never passes or fails.

Each run opens the foot-strike article at its calculator with a fresh browser profile (a cold
visit: nothing cached), then opens it again with the same profile (a second visit, from the HTTP
cache), and measures:

- navigation -> first live result: the page's `aq-calculator-live` performance mark;
- input change -> updated result: a typed value to the result shown, including the page's
  200 ms debounce; and a run with no debounce (the form submitted), which is the worker's round trip;
- bytes transferred on the cold visit: every response's headers and body as sent (the loopback
  server does not compress; a CDN's gzip or brotli shrinks Pyodide's 13.5 MB to about 6 MB);
- the longest main-thread task from navigation to the first live result (Long Tasks API: only
  tasks of 50 ms or more are reported, so "< 50" means none was).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.site import PROJECT_ROOT, build_site, serve_directory

PAGE = "running-mechanics/foot-strike/#strength_balance"  # the article, scrolled to its calculator
LIVE_MARK = "aq-calculator-live"
PATIENCE_MS = 60_000

# Registered before any page script runs: long tasks are not buffered for later observers.
WATCH_LONG_TASKS = """
window.__aqLongTasks = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__aqLongTasks.push([task.startTime, task.duration]);
}).observe({ type: "longtask", buffered: true });
"""

# Time from a change to the result it causes, measured inside the page.
TIME_A_CHANGE = """
async ({ name, value, submit }) => {
  const section = document.querySelector("section.aq-calc");
  const field = section.querySelector(`[name="${name}"]`);
  const shown = new Promise((resolve) =>
    section.addEventListener("aq-calculator:result", () => resolve(performance.now()), { once: true }));
  const start = performance.now();
  field.value = value;
  if (submit) field.form.requestSubmit();
  else field.dispatchEvent(new Event("input", { bubbles: true }));
  return (await shown) - start;
}
"""


@dataclass(frozen=True)
class Visit:
    live_ms: float
    longest_task_ms: float
    bytes: int


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    values: list[float]
    show: Callable[[float], str] = lambda value: f"{value:,.0f}"


@contextmanager
def browser_profile(playwright: Playwright, profile: Path) -> Iterator[BrowserContext]:
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS),
        viewport={"width": 1280, "height": 800},
    )
    try:
        context.add_init_script(WATCH_LONG_TASKS)
        yield context
    finally:
        context.close()


def visit(context: BrowserContext, url: str) -> tuple[Page, Visit]:
    """Open the page and wait for its first live result; what it cost."""
    finished = []

    def record(request) -> None:
        finished.append(request)

    context.on("requestfinished", record)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(f"performance.getEntriesByName('{LIVE_MARK}').length > 0", timeout=PATIENCE_MS)
    live = page.evaluate(f"performance.getEntriesByName('{LIVE_MARK}')[0].startTime")
    tasks = page.evaluate("window.__aqLongTasks")
    context.remove_listener("requestfinished", record)
    sent = 0
    for request in finished:
        sizes = request.sizes()
        sent += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    longest = max((duration for start, duration in tasks if start <= live), default=0.0)
    return page, Visit(live_ms=live, longest_task_ms=longest, bytes=sent)


def one_run(playwright: Playwright, url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="aq-bench-profile-") as profile:
        with browser_profile(playwright, Path(profile)) as context:
            page, cold = visit(context, url)
            typed = page.evaluate(TIME_A_CHANGE, {"name": "body_mass", "value": "81", "submit": False})
            round_trip = page.evaluate(TIME_A_CHANGE, {"name": "body_mass", "value": "82", "submit": True})
            page.close()
            _, second = visit(context, url)
    return {
        "cold": cold.live_ms, "second": second.live_ms, "typed": typed, "round_trip": round_trip,
        "bytes": cold.bytes, "second_bytes": second.bytes, "task": cold.longest_task_ms,
    }


def table(metrics: list[Metric], runs: int) -> str:
    rows = [("metric", f"median of {runs}", "min", "max", "unit")]
    for metric in metrics:
        rows.append((metric.name, metric.show(statistics.median(metric.values)), metric.show(min(metric.values)),
                     metric.show(max(metric.values)), metric.unit))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                               for column, (cell, width) in enumerate(zip(row, widths))))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs to take the median of (default 5)")
    parser.add_argument("--site", type=Path, default=PROJECT_ROOT / "site",
                        help="the built site (default: site/, built by `make build`; built into a temporary folder if missing)")
    options = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"Chromium not found at {CHROMIUM}: install Debian's chromium package", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="aq-bench-site-") as scratch:
        site = options.site if (options.site / "index.html").is_file() else build_site(PROJECT_ROOT, Path(scratch))
        with serve_directory(site) as base, sync_playwright() as playwright:
            results = []
            for run in range(1, options.runs + 1):
                results.append(one_run(playwright, base + PAGE))
                print(f"run {run}/{options.runs}: first live result {results[-1]['cold']:.0f} ms cold, "
                      f"{results[-1]['second']:.0f} ms second visit", file=sys.stderr)
    values = {key: [result[key] for result in results] for key in results[0]}
    megabytes = lambda value: f"{value / 1e6:.2f}"  # noqa: E731
    print(table([
        Metric("navigation -> first live result, cold profile", "ms", values["cold"]),
        Metric("navigation -> first live result, second visit", "ms", values["second"]),
        Metric("input change -> updated result (incl. 200 ms debounce)", "ms", values["typed"]),
        Metric("run round trip, no debounce (form submitted)", "ms", values["round_trip"], lambda v: f"{v:.1f}"),
        Metric("bytes transferred, cold visit (uncompressed)", "MB", values["bytes"], megabytes),
        Metric("bytes transferred, second visit", "MB", values["second_bytes"], megabytes),
        Metric("longest main-thread task, navigation -> live", "ms", values["task"],
               lambda v: f"{v:.0f}" if v else "< 50"),
    ], options.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
