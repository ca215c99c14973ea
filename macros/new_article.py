"""A new article in one step: `make article TITLE="…" SECTION=running-mechanics`, or
`python -m macros.new_article --title "…" --section running-mechanics`.

Writes `docs/SECTION/<title-as-slug>.md` with its front matter, first heading and the house
conventions (👉 lists, dividers, an FAQ), and lists it in `nav:` after the section's last page.
mkdocs.yml is edited as text, one line added, so its comments and layout stay as they are. An
existing file is never overwritten. The build then says what is left to write (the description)
and where a `coming_soon("…")` of the same title should become a link.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from macros.front_matter import DESCRIPTION_PLACEHOLDER

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ARTICLE_TEMPLATE = """\
---
title: {title_yaml}
description: {description_yaml}
---

# {title}

## 👀 The First Heading, With Its Emoji

Open with the reader's question, one short line at a time.

They hear things like:

- a list item (lists show with 👉 markers)
- another list item

{{{{ divider("🔥") }}}}

The next passage.

{{{{ divider("⚡") }}}}

The passage after it.

## ❓ FAQ

### A question readers ask?

Its answer, in a few sentences.
"""


class ArticleRefused(ValueError):
    """The article cannot be added as asked: the message says why and what to do."""


@dataclass(frozen=True)
class NewArticle:
    """The article to write: its title and the section (a folder of docs/) it belongs to."""

    title: str
    section: str

    @property
    def page(self) -> str:
        """The page's path under docs/, as `nav:` lists it."""
        return f"{self.section}/{slug(self.title)}.md"

    def markdown(self) -> str:
        return ARTICLE_TEMPLATE.format(
            title=self.title,
            title_yaml=json.dumps(self.title, ensure_ascii=False),  # JSON strings are YAML strings
            description_yaml=json.dumps(DESCRIPTION_PLACEHOLDER),
        )


def slug(title: str) -> str:
    """'Why Timing Between Steps Controls Sprint Speed' -> 'why-timing-between-steps-controls-sprint-speed'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    if not words:
        raise ArticleRefused(f"The title {title!r} has no letters or digits to name its file with.")
    return "-".join(words)


def with_page_in_nav(config_text: str, article: NewArticle) -> str:
    """mkdocs.yml's text with the article listed after the last page of its section."""
    lines = config_text.splitlines(keepends=True)
    in_section = re.compile(rf"^(\s*)- (?:[^:\n]+:\s*)?{re.escape(article.section)}/\S+\.md\s*$")
    found = [number for number, line in enumerate(lines) if in_section.match(line)]
    if not found:
        raise ArticleRefused(
            f"mkdocs.yml's nav: has no page under {article.section}/. Use a section that has one, "
            "or add the section's index page to nav: first."
        )
    last = found[-1]
    indent = in_section.match(lines[last]).group(1)
    new_line = f"{indent}- {article.page}\n"
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    return "".join(lines[: last + 1] + [new_line] + lines[last + 1 :])


def add_article(project: Path, article: NewArticle) -> Path:
    """Write the article and list it in nav; refuse, changing nothing, if its file exists."""
    path = project / "docs" / article.page
    if not (project / "docs" / article.section).is_dir():
        raise ArticleRefused(f"There is no section folder docs/{article.section}/.")
    if path.exists():
        raise ArticleRefused(f"docs/{article.page} exists already: it is left as it is. Choose another title.")
    config = project / "mkdocs.yml"
    new_config = with_page_in_nav(config.read_text(encoding="utf-8"), article)
    path.write_text(article.markdown(), encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", required=True, help="the article's title, as readers will see it")
    parser.add_argument("--section", required=True, help="its section: a folder of docs/, e.g. running-mechanics")
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    try:
        path = add_article(arguments.project, NewArticle(arguments.title.strip(), arguments.section.strip("/ ")))
    except ArticleRefused as refused:
        print(f"make article: {refused}", file=sys.stderr)
        return 1
    print(f"Wrote {path.relative_to(arguments.project)} and listed it in mkdocs.yml's nav:. "
          "Next: write its description, then the article (make serve shows what is left).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
