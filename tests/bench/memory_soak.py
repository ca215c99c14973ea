"""Memory over a long session (not in CI): one calculator page, 10,000 results one after the
other (a changing value typed, as a reader would), printing every 1,000 the renderer's resident
memory (/proc), the page's JS heap and DOM counters (CDP). Prints figures; never fails.

    .venv/bin/python -m tests.bench.memory_soak [--runs 10000] [--every 1000]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from tests.support.browser import launch_chromium
from tests.support.site import PROJECT_ROOT, build_site, serve_directory

PAGE = "calculators/strength-balance/"

# Type `count` values one after the other, each waiting for its result (as fast as the page answers).
RUN_RESULTS = """
async (count) => {
  const section = document.querySelector("section.aq-calc[data-calculator=strength_balance]");
  const field = section.querySelector("input[name=body_mass]");
  for (let run = 0; run < count; run++) {
    const answered = new Promise((resolve) => section.addEventListener("aq-calculator:result", resolve, { once: true }));
    field.value = String(40 + ((window.aqSoakRuns = (window.aqSoakRuns ?? 0) + 1) % 150));
    field.dispatchEvent(new Event("input", { bubbles: true }));
    await answered;
  }
}
"""


def parent_of(pid: int) -> int:
    """The parent process of `pid` (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def started_by_us(pid: int) -> bool:
    """Whether this Python process is an ancestor of `pid`: our Chromium, not another run's."""
    while pid > 1:
        pid = parent_of(pid)
        if pid == os.getpid():
            return True
    return False


def renderer_rss_mb() -> float:
    """Resident memory of our Chromium's renderer processes (this soak opens one page), in MB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"--type=renderer" not in status.read_bytes() or not started_by_us(int(status.parent.name)):
                continue
            for line in (status.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def page_figures(cdp) -> str:
    metrics = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
    counters = cdp.send("Memory.getDOMCounters")
    return (f"page JS heap {metrics['JSHeapUsedSize'] / 1e6:6.1f} MB, "
            f"DOM nodes {counters['nodes']:6d}, listeners {counters['jsEventListeners']:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = build_site(PROJECT_ROOT, Path(folder) / "site")
        with serve_directory(site) as url, launch_chromium() as browser:
            page = browser.new_page()
            page.goto(url + PAGE)
            page.wait_for_selector(".aq-calc__status[data-state=live]", timeout=60_000)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            for done in range(0, options.runs + 1, options.every):
                if done:
                    page.evaluate(RUN_RESULTS, options.every)
                cdp.send("HeapProfiler.collectGarbage")
                print(f"{done:6d} results: renderer {renderer_rss_mb():7.1f} MB, {page_figures(cdp)}", flush=True)


if __name__ == "__main__":
    main()
