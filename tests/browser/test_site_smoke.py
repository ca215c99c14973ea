"""The article in a real browser, on a phone and on a laptop, against the built site."""

from __future__ import annotations

import pytest

from tests.pages.test_foot_strike_article import TITLE

ARTICLE = "running-mechanics/foot-strike/"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_article_opens_cleanly(device, request, site_url):
    visit = request.getfixturevalue(device)
    visit.page.goto(site_url + ARTICLE)
    visit.page.wait_for_load_state("networkidle")

    assert visit.page.locator("h1").inner_text().rstrip("¶") == TITLE
    assert visit.page.title().startswith(TITLE)
    assert visit.console_errors == []
    assert visit.foreign_requests() == []
    assert len(visit.requests) > 3  # the recorder did see the page's own files


def test_nothing_is_wider_than_a_phone(phone, site_url):
    for path in ("", ARTICLE, "running-mechanics/"):
        phone.page.goto(site_url + path)
        overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'home'} is {overflow}px too wide"


def test_search_works_offline(desktop, site_url):
    """Search runs in the reader's browser on an index the site ships: once the page has loaded,
    it answers with the network gone."""
    desktop.page.goto(site_url)
    desktop.page.wait_for_load_state("networkidle")
    desktop.page.context.set_offline(True)
    desktop.page.locator("label.md-search__icon, .md-search__input").first.click()
    # Typed key by key, as a reader types: Material's search reacts to key presses, and a value
    # set all at once (fill) is sometimes missed while its search worker is still starting.
    desktop.page.locator(".md-search__input").press_sequentially("foot strike", delay=20)
    result = desktop.page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Foot Strike" in result.inner_text()
    assert desktop.foreign_requests() == []


def test_the_reader_can_switch_between_light_and_dark(desktop, site_url):
    desktop.page.goto(site_url + ARTICLE)
    scheme = lambda: desktop.page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    seen = {scheme()}
    for _ in range(3):
        desktop.page.locator("form[data-md-component=palette] label:visible").first.click()
        seen.add(scheme())
    assert seen == {"default", "slate"}


def test_the_home_page_leads_to_the_article(phone, site_url):
    phone.page.goto(site_url)
    phone.page.locator("article").get_by_role("link", name=TITLE).click()
    phone.page.wait_for_url(f"**/{ARTICLE}")
    assert phone.page.locator("h1").inner_text().rstrip("¶") == TITLE
