"""Coach mode's speed (not in CI): a squad's file of 30, 500 and 5,000 athletes chosen on the
squad page, timed from the file chosen to the table shown, with the longest main-thread task in
that time (the work itself runs in the worker). Medians of a few runs; prints, never fails.

    .venv/bin/python -m tests.bench.squad_speed [--runs 3] [--sizes 30,500,5000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
from pathlib import Path

import calculators
from tests.calculators.strength_balance.examples import random_inputs
from tests.support.browser import launch_chromium
from tests.support.site import PROJECT_ROOT, build_site, serve_directory
from tests.support.squad_files import full_inputs, squad_csv

SLUG = "strength_balance"
PAGE = "calculators/squad/"

# Choose the file (as a reader's file input does) and time until the table is in the page.
TIME_THE_TABLE = """
async ([text, slug]) => {
  const section = document.querySelector("section.aq-squad");
  section.querySelector(".aq-squad__calculator").value = slug;
  section.querySelector(".aq-squad__calculator").dispatchEvent(new Event("change"));
  const longest = { ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const task of list.getEntries()) longest.ms = Math.max(longest.ms, task.duration);
  });
  observer.observe({ type: "longtask" });
  const shown = new Promise((resolve) => section.addEventListener("aq-squad:result", resolve, { once: true }));
  const input = section.querySelector("input[type=file]");
  const files = new DataTransfer();
  files.items.add(new File([text], "squad.csv", { type: "text/csv" }));
  const start = performance.now();
  input.files = files.files;
  input.dispatchEvent(new Event("change"));
  await shown;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))); // the table painted
  const ms = performance.now() - start;
  observer.disconnect();
  return { ms, longestTask: longest.ms, rows: section.querySelectorAll(".aq-squad__results tbody tr").length };
}
"""


def squad_of(size: int) -> str:
    rng = random.Random(size)
    athletes = [full_inputs(SLUG, random_inputs(rng)) for _ in range(size)]
    return squad_csv(SLUG, athletes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="30,500,5000")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        site = build_site(PROJECT_ROOT, Path(scratch) / "site")
        with serve_directory(site) as url, launch_chromium() as browser:
            print(f"Coach mode, {SLUG}: file chosen -> table shown (medians of {options.runs} runs)")
            print(f"{'athletes':>9} {'file':>9} {'median':>10} {'min-max':>17} {'longest task':>13}")
            for size in sizes:
                text = squad_of(size)
                times, tasks = [], []
                for _ in range(options.runs):
                    page = browser.new_page()
                    page.goto(url + PAGE)
                    page.evaluate("document.querySelector('section.aq-squad') !== null")
                    # Python started once (the first table pays for it): measure the tables after it.
                    page.evaluate(TIME_THE_TABLE, [calculators.table_template(SLUG), SLUG])
                    measured = page.evaluate(TIME_THE_TABLE, [text, SLUG])
                    assert measured["rows"] == size, measured
                    times.append(measured["ms"])
                    tasks.append(measured["longestTask"])
                    page.close()
                print(
                    f"{size:>9,} {len(text) / 1000:>7.0f}kB {statistics.median(times):>8.0f}ms "
                    f"{min(times):>7.0f}-{max(times):<7.0f}ms {statistics.median(tasks):>11.0f}ms"
                )


if __name__ == "__main__":
    main()
