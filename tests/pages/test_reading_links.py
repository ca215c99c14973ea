"""Every link in a calculator's result leads somewhere in the built site, from every page that
shows it: the worked example the build wrote into each page, and the results the same page shows
live for each calculator's worked examples (the same Python answers in the browser). An article a
reading shows as "coming soon" is one the site does not have yet. A page where a result's links
could not resolve cannot hold that calculator (macros/site_links.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import calculators
from macros.site_links import links_from, root_from
from tests.support.calculator_examples import every_calculator

EXAMPLES = dict(every_calculator())


def pages_of(site: Path) -> list[Path]:
    return sorted(path.relative_to(site) for path in site.rglob("index.html"))


def soup(site: Path, page: Path) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def broken(site: Path, page: Path, href: str) -> str | None:
    """Why `href`, followed from `page`, leads nowhere in the site (None when it leads to a page,
    and to an element with the fragment's id when it has one)."""
    parts = urlsplit(urljoin(f"http://site/{page.parent.as_posix()}/", href))
    if parts.netloc != "site":
        return f"{href} leaves the site"
    target = site / parts.path.lstrip("/")
    target = target / "index.html" if target.is_dir() or parts.path.endswith("/") else target
    if not target.is_file():
        return f"{href} from {page.parent}/ leads to no page ({target.relative_to(site)})"
    if parts.fragment and soup(site, target.relative_to(site)).find(id=parts.fragment) is None:
        return f"{href} from {page.parent}/: its page has no #{parts.fragment}"
    return None


def result_links(html: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")]


def embedded(site: Path) -> list[tuple[Path, str]]:
    """(page, calculator) for every calculator section in the built site."""
    return [
        (page, section["data-calculator"])
        for page in pages_of(site)
        for section in soup(site, page).select("section.aq-calc[data-calculator]")
    ]


def test_every_link_in_every_example_result_on_every_page_leads_to_a_page_and_its_section(built_site):
    checked = 0
    problems = []
    for page in pages_of(built_site):
        for result in soup(built_site, page).select("section.aq-calc .aq-calc__result"):
            for href in result_links(str(result)):
                checked += 1
                problems.append(broken(built_site, page, href))
    assert checked >= 5, "the readings link to the site's pages"
    assert [problem for problem in problems if problem] == []


def test_every_link_in_the_live_results_of_the_worked_examples_leads_somewhere_from_each_page(built_site):
    problems = []
    places = embedded(built_site)
    assert {slug for _, slug in places} == set(calculators.available()), "every calculator is on a page"
    for page, slug in places:
        for inputs in EXAMPLES[slug].WORKED_EXAMPLES:
            for href in result_links(calculators.run(slug, inputs)["html"]):
                problems.append(broken(built_site, page, href))
    assert [problem for problem in problems if problem] == []


def _title(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold().split())


def test_no_result_shows_as_coming_soon_an_article_the_site_has(built_site):
    published = {_title(tag.get_text()) for page in pages_of(built_site) for tag in soup(built_site, page).select("h1")}
    promised = {
        _title(tag.get_text())
        for slug in calculators.available()
        for inputs in EXAMPLES[slug].WORKED_EXAMPLES
        for tag in BeautifulSoup(calculators.run(slug, inputs)["html"], "html.parser").select(".aq-coming-soon__title")
    }
    assert promised, "the readings name articles still to come"
    assert promised.isdisjoint(published), "published now: give its page in the calculator's parameters.toml"


@pytest.mark.parametrize(
    ("page_url", "way_up"),
    [("", ""), ("calculators/", "../"), ("calculators/step-timing/", "../../"), ("a/b/c/", "../../../"), ("about.html", "")],
)
def test_the_way_up_from_a_page_to_the_site_root(page_url, way_up):
    assert root_from(page_url) == way_up


def test_on_a_page_at_another_depth_the_examples_links_start_from_that_page():
    html = calculators.run("strength_balance", {})["html"]
    links = BeautifulSoup(html, "html.parser").select("a[data-site-path]")
    assert links and all(link["href"] == "../../" + link["data-site-path"] for link in links)
    for page_url, way_up in (("", ""), ("calculators/", "../"), ("a/b/c/", "../../../")):
        moved = BeautifulSoup(links_from(page_url, html), "html.parser").select("a[data-site-path]")
        assert [link["href"] for link in moved] == [way_up + link["data-site-path"] for link in links]
        assert [link.get_text() for link in moved] == [link.get_text() for link in links]
    assert links_from("running-mechanics/foot-strike/", html) == html
