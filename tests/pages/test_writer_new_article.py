"""`make article TITLE="…" SECTION=…`: a new article in one step, listed in nav, which the build
walks the writer through finishing (its description, and the "coming soon" mentions of it that
should now be links)."""

from __future__ import annotations

import subprocess

import pytest

from macros.new_article import (
    ArticleRefused,
    NewArticle,
    add_article,
    main,
    slug,
    with_page_in_nav,
)
from macros.writer_problems import line_of
from tests.support.site import PROJECT_ROOT, build_site, copy_of_project, mkdocs_build

TITLE = "Why Timing Between Steps Controls Sprint Speed"
PAGE = "running-mechanics/why-timing-between-steps-controls-sprint-speed.md"
LINK = f"[{TITLE}](why-timing-between-steps-controls-sprint-speed.md)"
"""The link the build asks for, from the section's index and from the foot-strike article (same folder)."""


def test_make_article_runs_the_module_with_the_title_and_section():
    planned = subprocess.run(["make", "-n", "article", f"TITLE={TITLE}", "SECTION=running-mechanics"],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout
    assert f'-m macros.new_article --title "{TITLE}" --section "running-mechanics"' in planned


def test_the_title_names_the_file():
    assert slug(TITLE) == "why-timing-between-steps-controls-sprint-speed"
    assert slug("Push Phase vs Swing Phase: Why Most Runners Train Only Half of Speed") == (
        "push-phase-vs-swing-phase-why-most-runners-train-only-half-of-speed")
    assert slug("Isn’t It Café Time?") == "isnt-it-cafe-time"


def test_nav_gets_one_line_after_the_sections_last_page_and_keeps_its_comments():
    config = "# a comment\nnav:\n  - Home: index.md\n  - Running:\n      - running-mechanics/index.md\n" \
             "      - running-mechanics/foot-strike.md  \n  - Calculators:\n      - calculators/index.md\n"
    edited = with_page_in_nav(config, NewArticle(TITLE, "running-mechanics"))
    assert edited == config.replace("foot-strike.md  \n", f"foot-strike.md  \n      - {PAGE}\n")
    with pytest.raises(ArticleRefused, match="no page under nowhere/"):
        with_page_in_nav(config, NewArticle(TITLE, "nowhere"))


def test_a_new_article_is_written_listed_and_finished_with_the_builds_help(tmp_path):
    project = copy_of_project(tmp_path / "project")
    assert main(["--title", TITLE, "--section", "running-mechanics", "--project", str(project)]) == 0
    article = project / "docs" / PAGE
    text = article.read_text(encoding="utf-8")
    assert text.startswith(f'---\ntitle: "{TITLE}"\n') and f"\n# {TITLE}\n" in text
    assert '{{ divider("🔥") }}' in text and "\n## ❓ FAQ\n\n### " in text
    assert f"      - {PAGE}\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")

    unfinished = mkdocs_build(project / "mkdocs.yml", tmp_path / "unfinished")
    assert unfinished.returncode != 0
    assert f"docs/{PAGE}:3: The description is still the placeholder." in unfinished.stderr
    index, foot_strike = project / "docs/running-mechanics/index.md", project / "docs/running-mechanics/foot-strike.md"
    for page in (index, foot_strike):
        line = line_of(page.read_text(encoding="utf-8"), f'coming_soon("{TITLE}")')
        assert f"docs/{page.relative_to(project / 'docs').as_posix()}:{line}: \"{TITLE}\" is published now" in unfinished.stderr
    assert f"Replace the coming_soon(...) call with a link: {LINK}" in unfinished.stderr

    # The writer does what the build said.
    article.write_text(text.replace("TODO: one or two sentences on what the reader takes away.",
                                    "Why the time between steps decides how fast you run."), encoding="utf-8")
    for page in (index, foot_strike):
        page.write_text(page.read_text(encoding="utf-8").replace(f'{{{{ coming_soon("{TITLE}") }}}}', LINK),
                        encoding="utf-8")
    site = build_site(project, tmp_path / "site")
    built = (site / "running-mechanics/why-timing-between-steps-controls-sprint-speed/index.html").read_text()
    assert f"<h1 id=\"why-timing-between-steps-controls-sprint-speed\">{TITLE}" in built
    assert 'href="why-timing-between-steps-controls-sprint-speed/"' in (site / "running-mechanics/index.html").read_text()


def test_an_existing_article_is_never_overwritten(tmp_path):
    project = copy_of_project(tmp_path / "project")
    existing = NewArticle("Why Your Foot Strike", "running-mechanics")
    (project / "docs" / existing.page).write_text("the writer's own words", encoding="utf-8")
    config_before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    with pytest.raises(ArticleRefused, match="exists already"):
        add_article(project, existing)
    assert (project / "docs" / existing.page).read_text(encoding="utf-8") == "the writer's own words"
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config_before

