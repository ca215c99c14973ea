"""A writer's mistakes, each said in plain words with its file and line: `mkdocs build --strict`
fails with all of them at once (the preview shows the same messages: test_writer_preview.py)."""

from __future__ import annotations

from dataclasses import dataclass

from macros.new_article import NewArticle, with_page_in_nav
from tests.support.site import copy_of_project, mkdocs_build

FRONT_MATTER = "---\ntitle: A Page With One Mistake\ndescription: It shows what the build says about one mistake.\n---\n"
BODY = "\n# A Page With One Mistake\n\nSome text.\n"


@dataclass(frozen=True)
class Mistake:
    """Something a writer gets wrong in an article, and the words and line the build answers with."""

    name: str
    said: str
    appended: str = ""
    """Text added at the end of the article, on a line of its own."""
    front_matter: tuple[str, str] = ("", "")
    """(old, new): a change to the article's front matter."""
    line: int | None = None
    """The line the message names; None: the appended text's."""

    def made_in(self, article: str) -> str:
        broken = article.replace(*self.front_matter) if self.front_matter[0] else article
        return broken + "\n" + self.appended + "\n" if self.appended else broken

    def line_in(self, article: str) -> int:
        return self.line if self.line is not None else len(article.splitlines()) + 2


MISTAKES = (
    Mistake("misspelt calculator", "there is no calculator called 'step_timng'", '{{ calculator("step_timng") }}'),
    Mistake("unknown input", "has no input called 'contact_ms'. Its inputs are: timing, contact_time",
            '{{ calculator("step_timing", contact_ms=90) }}'),
    Mistake("out-of-range example", "Ground contact time must be between 50 and 400 ms",
            '{{ calculator("step_timing", contact_time=900) }}'),
    Mistake("unclosed bracket", "A macro is not written correctly: a bracket is not closed",
            'See {{ calculator("step_timing" }} for yours.'),
    Mistake("empty braces", "there is nothing between {{ and }}", "Write {{ }} here."),
    Mistake("unknown name", "Between {{ and }}, there is no macro called 'time'", "Race day: {{time}}"),
    Mistake("broken link", "The link 'ground-mechanics.md' goes to a page the site does not have",
            "See [ground mechanics](ground-mechanics.md)."),
    Mistake("missing anchor", "The link '#no-such-section' goes to a heading this page does not have",
            "See [the FAQ](#no-such-section)."),
    Mistake("no description", "has no description in its front matter",
            front_matter=("\ndescription:", "\nsummary:"), line=1),
    Mistake("no title", "has no title in its front matter", front_matter=("\ntitle:", "\nheadline:"), line=1),
)
NOT_IN_NAV = "This page is not in the site's menu"
LITERAL_BRACES = {
    "shown-as-text": BODY + "Race day: {% raw %}{{time}} and {{ }}{% endraw %}.\n",
    "macros-off": BODY.replace("\n#", "\n# Macros off") + "Race day: {{time}}.\n",
}
"""Pages that show {{ as text, the two ways README.md's writing guide gives."""


def page_with(mistake: Mistake) -> str:
    return mistake.made_in(FRONT_MATTER + BODY)


def expected_line(file: str, mistake: Mistake) -> str:
    return f"docs/{file}:{mistake.line_in(FRONT_MATTER + BODY)}: "


def test_a_strict_build_fails_naming_each_mistake_its_file_and_line(tmp_path):
    project = copy_of_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    for number, mistake in enumerate(MISTAKES):
        article = NewArticle(f"Mistake {number}", "running-mechanics")
        (project / "docs" / article.page).write_text(page_with(mistake), encoding="utf-8")
        config.write_text(with_page_in_nav(config.read_text(encoding="utf-8"), article), encoding="utf-8")
    (project / "docs" / "running-mechanics" / "left-out.md").write_text(FRONT_MATTER + BODY, encoding="utf-8")
    for name, body in LITERAL_BRACES.items():
        front_matter = FRONT_MATTER.replace("---\n", "---\nrender_macros: false\n", 1) if name == "macros-off" else FRONT_MATTER
        (project / "docs" / f"{name}.md").write_text(front_matter + body, encoding="utf-8")
        config.write_text(config.read_text(encoding="utf-8").replace("  - Home: index.md\n", f"  - Home: index.md\n  - {name}.md\n"),
                          encoding="utf-8")

    result = mkdocs_build(config, tmp_path / "site")

    assert result.returncode != 0
    said = result.stderr.splitlines()
    for number, mistake in enumerate(MISTAKES):
        where = expected_line(f"running-mechanics/mistake-{number}.md", mistake)
        assert any(line.startswith("WARNING") and where in line and mistake.said in line for line in said), mistake.name
    assert any("docs/running-mechanics/left-out.md:1: " + NOT_IN_NAV in line for line in said)
    assert "Traceback" not in result.stderr
    assert not any(f"docs/{name}.md" in line for name in LITERAL_BRACES for line in said)
    assert "Race day: {{time}} and {{ }}." in (tmp_path / "site/shown-as-text/index.html").read_text(encoding="utf-8")
    assert "Race day: {{time}}." in (tmp_path / "site/macros-off/index.html").read_text(encoding="utf-8")
