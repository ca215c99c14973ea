"""How fast a calculator becomes live for a reader, against what a competent developer would write
without this project. Run with `make bench` (or `python -m tests.bench.page_speed --runs 3
--profiles loopback,10mbit`); it prints figures and never passes or fails.

Beside the built site it writes a minimal reference page (tests/bench/reference_page.py: Pyodide in
a module worker, `loadPyodide` + `loadPackage(wheel)` + one `calculators.run`), served by the same
server with the same precompressed files and cache headers as a CDN would send them
(`serve_directory(..., recipe=CDN)`). On each network profile (tests/bench/network.py), run after
run, it visits in turn, each in a fresh browser profile (nothing cached, no service worker):

- the reference page, then again in the same context (a second visit);
- the foot-strike article opened at its calculator, then again;
- the Strength Balance calculator page, then again, then types into it; then the step timing
  page, and types into that;
- the calculator page forced to each start (`?aq-python=snapshot`, `?aq-python=normal`), cold.

Before a second visit the first visit's background work is let finish, as for a reader who stays
on the page: its downloads (the service worker's precache, the snapshot fetched for the next visit)
and the worker's writing of the heap it keeps inflated. The site's times are also given as ratios to the
reference's in the same run, so a slower or busier machine moves both.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Playwright, sync_playwright

from tests.bench.network import PROFILE_NAMED, PROFILES, NetworkProfile
from tests.bench.reference_page import remove_reference_page, runtime_of, write_reference_page
from tests.bench.report import print_report
from tests.bench.visits import NOT_TYPED, Typing, Visit, fresh_context, type_into, visit
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.site import CDN, PROJECT_ROOT, build_site, serve_directory

ARTICLE = "running-mechanics/foot-strike/#strength_balance"  # the article, scrolled to its calculator
CALCULATOR_PAGE = "calculators/strength-balance/"
STEP_TIMING_PAGE = "calculators/step-timing/"
FORCED = "?aq-python="
KEYS = (".", "5", "Backspace", "Backspace") * 5
"""20 changes: "75" -> "75." -> "75.5" -> "75." -> "75", and again (the same on step timing's "100")."""


@dataclass(frozen=True)
class Run:
    """One run on one profile: every visit, by its row in the report, and the typing."""

    visits: dict[str, Visit]
    typing: dict[str, Typing]


def first_and_second(playwright: Playwright, url: str, profile: NetworkProfile) -> tuple[Visit, Visit]:
    """A cold visit to `url`, its background downloads let finish, then a second visit."""
    with fresh_context(playwright) as (context, traffic):
        tab, cold = visit(context, traffic, url, profile, settle_first=True)
        tab.close()
        tab, second = visit(context, traffic, url, profile, settle_first=False)
        tab.close()
    return cold, second


def calculator_visits(playwright: Playwright, base: str, profile: NetworkProfile) -> tuple[Visit, Visit, dict[str, Typing]]:
    """The calculator page cold and again, typing into it; then typing into step timing's page."""
    with fresh_context(playwright) as (context, traffic):
        tab, cold = visit(context, traffic, base + CALCULATOR_PAGE, profile, settle_first=True)
        tab.close()
        tab, second = visit(context, traffic, base + CALCULATOR_PAGE, profile, settle_first=False)
        strength_balance = type_into(tab, "body_mass", KEYS) if second.live else NOT_TYPED
        tab.close()
        tab, step_timing_visit = visit(context, traffic, base + STEP_TIMING_PAGE, profile, settle_first=False)
        step_timing = type_into(tab, "contact_time", KEYS) if step_timing_visit.live else NOT_TYPED
        tab.close()
    return cold, second, {"Strength Balance": strength_balance, "step timing": step_timing}


def forced_start(playwright: Playwright, base: str, start: str, profile: NetworkProfile) -> Visit:
    """The calculator page, cold, made to start Python one way."""
    with fresh_context(playwright) as (context, traffic):
        tab, cold = visit(context, traffic, base + CALCULATOR_PAGE + FORCED + start, profile, settle_first=False)
        tab.close()
    return cold


def one_run(playwright: Playwright, base: str, reference: str, profile: NetworkProfile) -> Run:
    """The reference, then the site's pages, as the report's rows."""
    visits: dict[str, Visit] = {}
    visits["reference page, cold"], visits["reference page, second visit"] = first_and_second(playwright, base + reference, profile)
    visits["article, cold"], visits["article, second visit"] = first_and_second(playwright, base + ARTICLE, profile)
    visits["calculator page, cold"], visits["calculator page, second visit"], typing = calculator_visits(playwright, base, profile)
    for start in ("snapshot", "normal"):
        visits[f"calculator page, cold, {FORCED}{start}"] = forced_start(playwright, base, start, profile)
    return Run(visits=visits, typing=typing)


def measure(playwright: Playwright, base: str, reference: str, profile: NetworkProfile, runs: int) -> list[Run]:
    results = []
    for number in range(1, runs + 1):
        results.append(one_run(playwright, base, reference, profile))
        times = ", ".join(f"{name} {each.live_ms:,.0f} ms" if each.live else f"{name}: {each.problem}"
                          for name, each in results[-1].visits.items() if "cold" in name)
        print(f"{profile.name} run {number}/{runs}: {times}", file=sys.stderr, flush=True)
    return results


def chromium_version(playwright: Playwright) -> str:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS))
    try:
        return browser.version
    finally:
        browser.close()


def chosen_profiles(names: str) -> list[NetworkProfile]:
    unknown = [name for name in names.split(",") if name not in PROFILE_NAMED]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown profile {', '.join(unknown)}: choose from {', '.join(PROFILE_NAMED)}")
    return [PROFILE_NAMED[name] for name in names.split(",")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="runs per profile (default 5 on loopback and 10mbit, 3 on 1.6mbit)")
    parser.add_argument("--profiles", type=chosen_profiles, default=list(PROFILES),
                        help="comma-separated, from: " + ", ".join(PROFILE_NAMED))
    parser.add_argument("--site", type=Path, default=PROJECT_ROOT / "site",
                        help="the built site (default: site/, built by `make build`; built into a temporary folder if missing)")
    options = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"Chromium not found at {CHROMIUM}: install Debian's chromium package", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="aq-bench-site-") as scratch:
        site = options.site if (options.site / "index.html").is_file() else build_site(PROJECT_ROOT, Path(scratch))
        reference = write_reference_page(site, runtime_of(site, CALCULATOR_PAGE))
        load_before = os.getloadavg()[0]
        try:
            with serve_directory(site, recipe=CDN) as base, sync_playwright() as playwright:
                results = {profile: measure(playwright, base, reference, profile, options.runs or profile.runs)
                           for profile in options.profiles}
                version = chromium_version(playwright)
        finally:
            remove_reference_page(site)
    print_report(results, browser=f"headless Chromium {version}", load=f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
