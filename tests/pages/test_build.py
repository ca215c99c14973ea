"""The site builds strictly, and a strict build refuses what an operator must never publish."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.pages.article_page import FOOT_STRIKE, soup_of
from tests.support.site import copy_of_project, mkdocs_build

EXTERNAL_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_the_strict_build_writes_every_page(built_site):
    for page in ("index.html", "404.html", "running-mechanics/index.html", str(FOOT_STRIKE)):
        assert (built_site / page).is_file(), page


def test_a_broken_internal_link_fails_the_build(tmp_path):
    project = copy_of_project(tmp_path / "project")
    article = project / "docs" / "running-mechanics" / "foot-strike.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nSee [ground mechanics](ground-mechanics.md).\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "ground-mechanics.md" in result.stderr


def test_a_link_to_a_missing_heading_fails_the_build(tmp_path):
    project = copy_of_project(tmp_path / "project")
    (project / "docs" / "index.md").write_text(
        "# Home\n\n[The FAQ](running-mechanics/foot-strike.md#no-such-section)\n", encoding="utf-8"
    )
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-section" in result.stderr


def test_pages_reference_nothing_on_another_host(built_site):
    """Scripts, styles, fonts and images all come from the site itself. (Links that a reader
    may follow, like the canonical URL, are not requests and are not counted.)"""
    for page in built_site.rglob("*.html"):
        soup = soup_of(built_site, page.relative_to(built_site))
        for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video"]):
            assert not urlsplit(tag.get("src", "")).netloc, f"{page}: {tag}"
        for tag in soup.find_all("link", rel=lambda r: r and set(r) & {"stylesheet", "preload", "icon", "manifest", "modulepreload"}):
            assert not urlsplit(tag.get("href", "")).netloc, f"{page}: {tag}"
    for stylesheet in built_site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, stylesheet


def test_the_sitemap_lists_every_page_under_the_site_url(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert {urlsplit(url).path for url in locations} >= {"/", "/running-mechanics/", "/running-mechanics/foot-strike/"}
    assert len({urlsplit(url).netloc for url in locations}) == 1


def test_the_home_page_says_what_the_site_is_and_leads_to_the_article(built_site):
    home = soup_of(built_site, "index.html")
    assert home.find("h1").get_text(strip=True).startswith("Run faster")
    assert home.find("meta", attrs={"name": "description"})["content"]
    links = [a["href"] for a in home.select("article a")]
    assert "running-mechanics/foot-strike/" in links
