"""A writer's preview survives every mistake: saved into an article, each one is shown on that
page (file, line, what is wrong, what to do) and printed as one line in the terminal; the server
keeps serving the other pages, and the page comes back when the file is fixed. One server for all
the mistakes: each start costs seconds."""

from __future__ import annotations

import html

from macros.new_article import NewArticle, with_page_in_nav
from tests.pages.test_preview import _eventually, _fetch, preview_server
from tests.pages.test_writer_mistakes import BODY, FRONT_MATTER, MISTAKES, NOT_IN_NAV
from tests.support.site import copy_of_project

ARTICLE = "running-mechanics/foot-strike.md"
ARTICLE_TEXT = "Most Runners Start With the Foot"
NOTICE = "aq-writer-problem"


def shown(url: str) -> str:
    return html.unescape(_fetch(url) or "")


def printed(output: list[str], where: str, said: str) -> bool:
    return any(line.startswith("WARNING") and where in line and said in line for line in list(output))


def test_each_mistake_shows_on_its_page_and_the_preview_recovers(tmp_path):
    project = copy_of_project(tmp_path / "project")
    article = project / "docs" / ARTICLE
    original = article.read_text(encoding="utf-8")
    output: list[str] = []
    with preview_server(project, output) as url:
        page, other_page = url + "running-mechanics/foot-strike/", url + "calculators/step-timing/"
        _eventually(lambda: ARTICLE_TEXT in shown(page), "the first build")

        for mistake in MISTAKES:
            article.write_text(mistake.made_in(original), encoding="utf-8")
            where = f"docs/{ARTICLE}:{mistake.line_in(original)}"
            _eventually(lambda: NOTICE in shown(page) and mistake.said in shown(page), f"the page to show: {mistake.name}")
            assert f"docs/{ARTICLE}, line {mistake.line_in(original)}" in shown(page), mistake.name
            _eventually(lambda: printed(output, where + ": ", mistake.said), f"the terminal to say: {mistake.name}")
            assert "Step timing" in shown(other_page), f"another page still loads after: {mistake.name}"

        article.write_text(original, encoding="utf-8")
        _eventually(lambda: ARTICLE_TEXT in shown(page) and NOTICE not in shown(page), "the fixed page")

        left_out = NewArticle("Left Out", "running-mechanics")
        (project / "docs" / left_out.page).write_text(FRONT_MATTER + BODY, encoding="utf-8")
        left_out_url = url + "running-mechanics/left-out/"
        _eventually(lambda: NOT_IN_NAV in shown(left_out_url), "the page left out of nav to say so")
        config = project / "mkdocs.yml"
        config.write_text(with_page_in_nav(config.read_text(encoding="utf-8"), left_out), encoding="utf-8")
        _eventually(lambda: NOTICE not in shown(left_out_url), "the page, once in nav")

    assert not any("Traceback" in line for line in output), "\n".join(output)
    assert any(f"docs/{left_out.page}:1: {NOT_IN_NAV}" in line for line in output)
