"""Zero axe-core violations on every built page: light and dark, a phone's width and a desktop's,
and on the calculators' pages with each calculator live and with a field in error. axe-core is
the pinned npm package (node_modules/axe-core), injected into the real page in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.calculator_page import PYTHON_START, Calculator
from tests.support.browser import PageRecorder
from tests.support.site import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": (375, 812, True), "desktop": (1280, 800, False)}
SCHEMES = ("light", "dark")


def built_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path from its root ("" for the home page)."""
    pages = sorted(path.relative_to(site).parent.as_posix() for path in site.rglob("index.html"))
    return ["" if page == "." else page + "/" for page in pages]


# What a reader sees once a fade has ended: axe-core measures contrast as it is at that instant,
# and Material's back-to-top button fades in and out as the calculators are scrolled into view.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (the whole document, every rule axe runs)."""
    if not page.evaluate("Boolean(window.axe)"):
        page.add_style_tag(content=NO_TRANSITIONS)
        page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document).then(results => results.violations)")


def described(where: str, found: list[dict]) -> list[str]:
    """One line per violation: where, rule, impact and a few of the elements it was found on."""
    return [
        f"{where}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): "
        + "; ".join(" ".join(node["target"]) if isinstance(node["target"][0], str) else str(node["target"])
                    for node in violation["nodes"][:3])
        for violation in found
    ]


def states_of(page) -> list[str]:
    """Bring the page to each state worth checking, yielding its name: as loaded, or for a page
    with calculators, every calculator live, then each with a field in error."""
    calculators = [Calculator(page, slug) for slug in page.eval_on_selector_all(
        "section.aq-calc[data-calculator]", "sections => sections.map(section => section.dataset.calculator)")]
    if not calculators:
        yield "as loaded"
        return
    for calculator in calculators:
        calculator.bring_into_view()
        calculator.expect_state("live", timeout=PYTHON_START)
    yield "live"
    for calculator in calculators:
        calculator.section.locator("input[type=text]").first.fill("abc")
        calculator.expect_state("invalid")
    yield "a field in error"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_has_no_axe_violation(browser, built_site, site_url, width, scheme):
    wide, high, mobile = WIDTHS[width]
    problems: list[str] = []
    # axe-core is injected as a script of the test's own, which the site's policy rightly refuses.
    with PageRecorder.open(browser, width=wide, height=high, mobile=mobile, bypass_csp=True) as visit:
        visit.page.emulate_media(color_scheme=scheme)
        for path in built_pages(built_site):
            visit.page.goto(site_url + path)
            for state in states_of(visit.page):
                problems += described(f"/{path} ({state})", violations(visit.page))
    assert problems == [], "axe-core found:\n" + "\n".join(problems)
