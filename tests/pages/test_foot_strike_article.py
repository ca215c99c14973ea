"""The foot-strike article as built: faithful to the customer's text, and well structured."""

from __future__ import annotations

import pytest

from tests.pages.article_page import FOOT_STRIKE, json_ld, normalised_text, soup_of
from tests.pages.seed_repair import repaired_lines

TITLE = "Why Your Foot Strike Isn’t Making You Faster (And What Actually Does)"
POINTER = "👉 "


@pytest.fixture(scope="module")
def article(built_site):
    return soup_of(built_site, FOOT_STRIKE)


def expected_text(line: str) -> str:
    """What a line of the repaired seed must read as on the page: pointer bullets become list
    items whose 👉 is the list marker, and everything else appears exactly."""
    return line.removeprefix(POINTER)


def test_every_line_of_the_repaired_seed_appears_in_order(article):
    page_text = normalised_text(article.select_one(".md-content"))
    position = 0
    for line in repaired_lines():
        found = page_text.find(expected_text(line), position)
        assert found >= 0, f"missing or out of order: {line!r}"
        position = found + len(expected_text(line))


def test_the_repair_left_no_damaged_characters(article):
    text = normalised_text(article)
    for damaged in ("β", "π", "Β", "₯", "Έ", "ο"):
        assert damaged not in text


def test_the_title_is_the_only_h1(article):
    headings = article.find_all("h1")
    assert [normalised_text(h).rstrip(" ¶") for h in headings] == [TITLE]
    assert article.title.string.startswith(TITLE)


def test_emoji_led_lines_are_section_headings(article):
    sections = [normalised_text(h2).rstrip(" ¶") for h2 in article.select("article h2")]
    assert len(sections) >= 9
    assert sections[:3] == [
        "👣 Most Runners Start With the Foot",
        "👀 Foot Strike Is Easy to See (Which Is Why It Gets Too Much Credit)",
        "⚠️ What Happens When You Chase the Outcome Instead of the Cause?",
    ]
    assert "❓ FAQ" in sections


def test_pointer_bullets_are_lists(article):
    items = [normalised_text(li) for li in article.select("article li")]
    assert "land on your forefoot" in items
    assert "the torso is supporting those force expressions even more" in items
    pointer_lines = [line for line in repaired_lines() if line.startswith(POINTER)]
    assert len(items) >= len(pointer_lines)


def test_lone_emoji_lines_are_dividers_not_headings(article):
    dividers = article.select("article .aq-divider[role=separator]")
    assert len(dividers) >= 40
    assert {normalised_text(d) for d in dividers} == {"🔥", "⚡", "⚖️"}
    heading_texts = {normalised_text(h).rstrip(" ¶") for h in article.select("h2, h3")}
    assert not heading_texts & {"🔥", "⚡", "⚖️"}


def test_the_faq_is_questions_and_answers(article):
    faq = article.find(id="faq")
    questions = [normalised_text(h3).rstrip(" ¶") for h3 in faq.find_all_next("h3")]
    assert questions == [
        "Does foot strike make you faster?",
        "Should I switch to a forefoot strike?",
        "Is heel striking always bad?",
        "What influences foot strike?",
        "Why do fast athletes often have different foot strikes?",
        "If foot strike isn’t the answer, what should I focus on?",
    ]
    first_answer = faq.find_next("h3").find_next_sibling("p")
    assert normalised_text(first_answer) == "Not necessarily."


def test_articles_the_site_lacks_are_coming_soon_not_links(article):
    # The article's own list (the calculator's reading may promise some of the same articles).
    soon = [normalised_text(s) for s in article.select(".aq-coming-soon__title") if s.find_parent(class_="aq-calc") is None]
    assert soon == [
        "What Are Ground Mechanics? (And Why Your Foot May Not Be The Problem)",
        "Why Timing Between Steps Controls Sprint Speed",
        "How to Improve Strength Balance for Maximum Running Speed",
        "Push Phase vs Swing Phase: Why Most Runners Train Only Half of Speed",
        "Run Faster With Isometric Training",
    ]
    for title in article.select(".aq-coming-soon"):
        assert title.find_parent("a") is None and title.find("a") is None


def test_structured_data_has_article_breadcrumbs_and_faq(article):
    objects = {item["@type"]: item for item in json_ld(article)}
    assert set(objects) == {"Article", "BreadcrumbList", "FAQPage"}
    assert objects["Article"]["headline"] == TITLE
    assert objects["Article"]["url"].endswith("/running-mechanics/foot-strike/")
    crumbs = objects["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Running Mechanics Explained", TITLE]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    faq = objects["FAQPage"]["mainEntity"]
    assert len(faq) == 6
    assert faq[0]["name"] == "Does foot strike make you faster?"
    assert faq[0]["acceptedAnswer"]["text"].startswith("Not necessarily. AQ believes foot strike")
    assert "Strength Balance" in faq[3]["acceptedAnswer"]["text"]


def test_visible_breadcrumbs_match_the_seed(article):
    trail = normalised_text(article.select_one("nav.aq-breadcrumbs"))
    assert trail == f"Home » Running Mechanics Explained » {TITLE}"
    links = [a["href"] for a in article.select("nav.aq-breadcrumbs a")]
    assert links == ["../..", "../"]


def test_link_previews_and_description(article):
    def meta(attribute: str, value: str) -> str:
        return article.find("meta", attrs={attribute: value})["content"]

    description = meta("name", "description")
    assert description.startswith("Foot strike is easy to see")
    assert meta("property", "og:title") == TITLE
    assert meta("property", "og:description") == description
    assert meta("property", "og:type") == "article"
    assert meta("property", "og:url").endswith("/running-mechanics/foot-strike/")
