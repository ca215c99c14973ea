"""Every page says its `title` and `description` in front matter: the title names it in the menu,
the browser's tab and link previews; the description is its search snippet and link preview text
(without one, a page would silently take the site's)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from macros.writer_problems import WriterProblem, line_of

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""The block MkDocs reads as front matter (mkdocs.utils.meta)."""

DESCRIPTION_PLACEHOLDER = "TODO: one or two sentences on what the reader takes away."
"""What `make article` writes until the writer has written the description (the build says so)."""
ADD_BETWEEN_DASHES = "between the --- lines at the top of the file"


def front_matter_problems(page: Any) -> list[WriterProblem]:
    """What is missing from the page's front matter, each on the line to change. The file is read
    again only when there is something to say: front matter MkDocs has read (`page.meta` holds
    something) was valid YAML."""
    meta, file = page.meta, page.file.src_path
    unreadable = None if meta else unreadable_front_matter(file, page.file.content_string)
    if unreadable:
        return [unreadable]  # MkDocs read none of it: saying the title is missing would mislead
    problems = []
    if not str(meta.get("title") or "").strip():
        problems.append(WriterProblem(file, 1, "The page has no title in its front matter.",
                                      f"Add 'title: The Page's Title' {ADD_BETWEEN_DASHES}."))
    description = str(meta.get("description") or "").strip()
    if not description:
        problems.append(WriterProblem(file, 1, "The page has no description in its front matter: search results "
                                      "and link previews would show the site's.",
                                      f"Add 'description: One or two sentences…' {ADD_BETWEEN_DASHES}."))
    elif description == DESCRIPTION_PLACEHOLDER:
        problems.append(WriterProblem(file, line_of(page.file.content_string, "description:"), "The description is still the placeholder.",
                                      "Write one or two sentences on what the reader takes away from this page."))
    return problems


def unreadable_front_matter(file: str, source: str) -> WriterProblem | None:
    """Front matter that is not valid YAML, which MkDocs ignores without a word."""
    block = FRONT_MATTER.match(source)
    if not block:
        return None
    try:
        yaml.safe_load(block.group(1))
    except yaml.MarkedYAMLError as error:
        line = 2 + (error.problem_mark.line if error.problem_mark else 0)  # the block starts on line 2
        return WriterProblem(file, line, f"The front matter cannot be read: {error.problem}.",
                             "Put quotes around a value holding ': ', e.g. title: \"Coach mode: your squad\".")
    return None
