"""The benchmark's printout: one table per network profile, the typing, which start wins, and the
issue's targets with the measured figure and met / not met. It prints; it never fails."""

from __future__ import annotations

import math
import os
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from tests.bench.network import NetworkProfile
from tests.support.site import PROJECT_ROOT

REFERENCE_COLD = "reference page, cold"
REFERENCE_SECOND = "reference page, second visit"
SITE_PAGES = ("article", "calculator page")
SECOND_TARGET = 0.3
LATENCY_TARGET_MS = 50.0
TASK_TARGET_MS = 50.0
PAGE_SCRIPT = PROJECT_ROOT / "overrides/assets/javascripts/calculators.js"


def ms(value: float) -> str:
    return f"{value:,.0f}"


def megabytes(value: float) -> str:
    return f"{value / 1e6:.2f}"


def times(value: float) -> str:
    return "none" if math.isnan(value) else f"{value:.2f}x"


def task(value: float) -> str:
    return ms(value) if value else "< 50"


def spread(values: Sequence[float], show: Callable[[float], str]) -> str:
    """The median, and the range in brackets when the values differ (NaN, a visit that never went
    live, is left out)."""
    values = [value for value in values if not math.isnan(value)]
    if not values:
        return "none"
    low, high = min(values), max(values)
    middle = show(statistics.median(values))
    return middle if show(low) == show(high) else f"{middle} ({show(low)}-{show(high)})"


def reference_row(row: str) -> str:
    return REFERENCE_SECOND if "second visit" in row else REFERENCE_COLD


def ratios(runs: Sequence, row: str) -> list[float]:
    """`row`'s time over the reference's, run by run (a second visit over the reference's second);
    NaN where either never went live."""
    return [run.visits[row].live_ms / run.visits[reference_row(row)].live_ms for run in runs]


def median(values: Iterable[float]) -> float:
    """The median of the values that are numbers (NaN: none are)."""
    values = [value for value in values if not math.isnan(value)]
    return statistics.median(values) if values else math.nan


def starts(values: Iterable[str]) -> str:
    """How Python started, counted: "snapshot 5", "normal 2, snapshot 1"."""
    counted = Counter(value or "-" for value in values)
    return "-" if set(counted) == {"-"} else ", ".join(f"{name} {number}" for name, number in sorted(counted.items()))


def table(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned first column, right-aligned others, a rule under the heading."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                       for column, (cell, width) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def visits_table(runs: Sequence) -> str:
    rows = [("visit", "-> live, ms", "x reference", "start", "MB to live", "MB in all",
             "longest task ms", "site task ms", "fastest Mbit/s")]
    for row in runs[0].visits:
        visits = [run.visits[row] for run in runs]
        in_all = [each.bytes_in_all for each in visits if each.bytes_in_all is not None]
        rows.append((
            row,
            spread([each.live_ms for each in visits], ms),
            "" if row.startswith("reference") else spread(ratios(runs, row), times),
            starts(each.start for each in visits),
            spread([each.bytes_to_live for each in visits], megabytes),
            (spread(in_all, megabytes) + ("" if all(each.settled for each in visits) else " *")) if in_all else "",
            spread([each.longest_task_ms for each in visits], task),
            "" if row.startswith("reference") else spread([each.site_task_ms for each in visits], task),
            spread([each.fastest_mbps for each in visits], lambda value: f"{value:,.1f}" if value else "-"),
        ))
    return table(rows)


def typing_table(runs: Sequence) -> str:
    rows = [("typing, one key at a time", "changes", "input -> result ms", "90th pct", "longest task ms", "site task ms")]
    for name in runs[0].typing:
        typed = [run.typing[name] for run in runs]
        latencies = sorted(latency for each in typed for latency in each.latencies_ms)
        rows.append((
            name,
            str(len(latencies)),
            spread(latencies, lambda value: f"{value:.1f}"),
            f"{latencies[int(0.9 * (len(latencies) - 1))]:.1f}" if latencies else "none",
            spread([each.longest_task_ms for each in typed], task),
            spread([each.site_task_ms for each in typed], task),
        ))
    return table(rows)


def problems(runs: Sequence) -> list[str]:
    """Each visit that never went live, with the reason the page (or the benchmark) gave."""
    counted = Counter(f"{row}: {visit.problem}" for run in runs for row, visit in run.visits.items() if not visit.live)
    return [f"{text} ({number}x)" for text, number in counted.items()]


def forced(runs: Sequence, start: str) -> list[float]:
    return [run.visits[f"calculator page, cold, ?aq-python={start}"].live_ms for run in runs]


def forced_bytes(runs: Sequence, start: str) -> float:
    return statistics.median(run.visits[f"calculator page, cold, ?aq-python={start}"].bytes_to_live for run in runs)


def which_start_wins(profile: NetworkProfile, runs: Sequence) -> str:
    snapshot, normal = median(forced(runs, "snapshot")), median(forced(runs, "normal"))
    if math.isnan(snapshot) or math.isnan(normal):
        return f"{profile.name}: a forced start never went live, so the two cannot be compared"
    winner, margin = ("snapshot", normal - snapshot) if snapshot < normal else ("normal", snapshot - normal)
    chosen = starts(run.visits["calculator page, cold"].start for run in runs)
    return (f"{profile.name}: forced snapshot {ms(snapshot)} ms, forced normal {ms(normal)} ms -> {winner} wins "
            f"by {ms(margin)} ms; the page chose: {chosen}")


def page_threshold() -> str:
    """The page script's snapshot threshold, as written in calculators.js."""
    found = re.search(r"SNAPSHOT_MIN_MBPS\s*=\s*([\d.]+)", PAGE_SCRIPT.read_text(encoding="utf-8"))
    return f"{found.group(1)} Mbit/s" if found else "(not found in calculators.js)"


def break_even(results: dict[NetworkProfile, list]) -> str:
    """Where the snapshot's extra bytes cost as much time as it saves, from the loopback times."""
    loopback = next((runs for profile, runs in results.items() if not profile.emulated), None)
    if loopback is None:
        return "break-even: needs the loopback profile"
    saved_s = (median(forced(loopback, "normal")) - median(forced(loopback, "snapshot"))) / 1000
    extra_bits = 8 * (forced_bytes(loopback, "snapshot") - forced_bytes(loopback, "normal"))
    if saved_s <= 0:
        return f"break-even: on loopback the snapshot saved no time ({saved_s * 1000:,.0f} ms), so it never pays on a first visit"
    return (f"break-even (rough: the snapshot's {extra_bits / 8e6:.2f} MB more over the {saved_s * 1000:,.0f} ms it "
            f"saves on loopback): about {extra_bits / saved_s / 1e6:.0f} Mbit/s; the page's threshold is {page_threshold()}")


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def targets(results: dict[NetworkProfile, list]) -> list[str]:
    lines = []
    for profile, runs in results.items():
        cold = {page: median(ratios(runs, f"{page}, cold")) for page in SITE_PAGES}
        second = {page: median(ratios(runs, f"{page}, second visit")) for page in SITE_PAGES}
        latency = {name: median(each for run in runs for each in run.typing[name].latencies_ms) for name in runs[0].typing}
        tasks = [each.site_task_ms for run in runs for each in run.visits.values()]
        tasks += [each.site_task_ms for run in runs for each in run.typing.values()]
        pages = lambda figures, show: ", ".join(f"{name} {show(value)}" for name, value in figures.items())  # noqa: E731
        lines += [
            f"{profile.name}: cold <= {profile.cold_target:.1f}x reference: {pages(cold, times)} -- "
            + verdict(all(value <= profile.cold_target for value in cold.values())),
            f"{profile.name}: second visit <= {SECOND_TARGET:.1f}x reference: {pages(second, times)} -- "
            + verdict(all(value <= SECOND_TARGET for value in second.values())),
            f"{profile.name}: input -> result median <= {LATENCY_TARGET_MS:.0f} ms: {pages(latency, lambda v: 'none' if math.isnan(v) else f'{v:.1f} ms')} -- "
            + verdict(all(value <= LATENCY_TARGET_MS for value in latency.values())),
            f"{profile.name}: no main-thread task over {TASK_TARGET_MS:.0f} ms caused by the site's scripts: "
            f"longest {task(max(tasks))} ms -- " + verdict(max(tasks) <= TASK_TARGET_MS),
        ]
    return lines


NOTES = """\
Times are in the page: navigation -> the `aq-calculator-live` mark. "x reference": the site's time over
the reference page's in the same run (second visits over the reference's second visit), median (min-max).
MB: headers and bodies as sent (brotli where the host has a copy), the workers' and the service worker's
requests included, cache hits and service-worker answers not; "to live" until the first live result,
"in all" once the first visit's background downloads were over (* some had not finished in time).
Longest task: the Long Tasks API, navigation -> live ("< 50": none of 50 ms or more). Site task: the
longest of them the site's own scripts made long: they ran 50 ms in it, or without them it would have
been under 50 ms (calculators.js and the modules beside it, not Material's bundle, and the site's two
scripts written into the page, the head's, which starts the worker, and the bundle's loader, told
from Material's by when they ran; the Long Animation Frames API names scripts and their time). A
task long without them is named on stderr as such.
Fastest: the fastest download of 100 kB or more, timed from its request (from its response's first byte,
bytes that waited in a buffer read one 10 Mbit/s visit at 81 Mbit/s), showing the rate the network gave.
Network emulation: DevTools' Network.emulateNetworkConditions on the page (its workers share it) and on
the service worker (a target of its own, auto-attached); Emulation.setCPUThrottlingRate slows the
page's main thread only: Chromium refuses it for workers, so Python starts at full speed everywhere."""


def print_report(results: dict[NetworkProfile, list], *, browser: str, load: str) -> None:
    print(f"Page speed, {date.today().isoformat()}, {browser}, {os.cpu_count()} cores, load average {load}\n")
    for profile, runs in results.items():
        print(f"== {profile.title}: medians of {len(runs)} runs (min-max) ==\n")
        print(visits_table(runs) + "\n")
        for problem in problems(runs):
            print(f"no live result: {problem}")
        print("\n" if problems(runs) else "", end="")
        print(typing_table(runs) + "\n")
    print(NOTES + "\n")
    print("Which start wins, calculator page, cold:")
    for profile, runs in results.items():
        print("  " + which_start_wins(profile, runs))
    print("  " + break_even(results) + "\n")
    print("Targets:")
    for line in targets(results):
        print("  " + line)
