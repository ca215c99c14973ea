"""MkDocs' own warnings about a page (a broken link, a missing heading, a page left out of `nav`),
said again as `WriterProblem`s: with the line of the link, in a writer's words, and on the page.

A logging filter on the MkDocs loggers that emit them recognises each warning, reports it as a
problem (logged once, as one line, and counted by strict mode like the original) and drops the
original. Warnings it does not recognise pass unchanged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mkdocs.utils import CountHandler

from macros.writer_problems import WriterProblem, WriterProblems, line_of

WATCHED_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
MARK = "aq_writer_problems_filter"
"""An attribute on the filter, to find the one a previous preview build installed (its class is
re-imported by every build, so `isinstance` would not recognise it)."""

LINK_NOT_FOUND = re.compile(
    r"Doc file '(?P<file>[^']+)' contains (?:a link|an unrecognized relative link|an absolute link) '(?P<link>[^']+)'"
    r".*?(?: Did you mean '(?P<suggestion>[^']*)'\?)?$", re.DOTALL)
MISSING_ANCHOR = re.compile(
    r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but "
    r"(?:there is no such anchor on this page|the doc '(?P<doc>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)')")
NOT_IN_NAV = re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\"")


@dataclass(frozen=True)
class Translation:
    """How to read MkDocs' warnings: the problems found so far, and each page's Markdown text."""

    problems: WriterProblems
    source_of: Callable[[str], str]

    def problems_in(self, message: str) -> Iterator[WriterProblem]:
        if found := MISSING_ANCHOR.match(message):
            yield self._missing_anchor(found)
        elif NOT_IN_NAV.match(message):
            yield from (_not_in_nav(file) for file in re.findall(r"^  - (.+)$", message, re.MULTILINE))
        elif found := LINK_NOT_FOUND.match(message):  # after MISSING_ANCHOR, whose start it shares
            yield self._link_not_found(found)

    def _line(self, file: str, link: str) -> int:
        return line_of(self.source_of(file), link)

    def _link_not_found(self, found: re.Match[str]) -> WriterProblem:
        file, link, suggestion = found["file"], found["link"], found["suggestion"]
        advice = f"Did you mean '{suggestion}'?" if suggestion else (
            "Link to the page's .md file, relative to this page: e.g. [Step timing](../calculators/step-timing.md).")
        return WriterProblem(file, self._line(file, link), f"The link '{link}' goes to a page the site does not have.", advice)

    def _missing_anchor(self, found: re.Match[str]) -> WriterProblem:
        file, link = found["file"], found["link"]
        where = f"docs/{found['doc']}" if found["doc"] else "this page"
        return WriterProblem(
            file, self._line(file, link), f"The link '{link}' goes to a heading {where} does not have.",
            "Copy the heading's link from the ¶ beside it in the preview, or link to the page without '#…'.",
        )


def _not_in_nav(file: str) -> WriterProblem:
    return WriterProblem(
        file, 1, "This page is not in the site's menu (nav: in mkdocs.yml), so readers cannot find it.",
        f"Add '- {file}' under its section in mkdocs.yml's nav: (make article does this for a new article).",
    )


class _WriterWarningsFilter(logging.Filter):
    def __init__(self, translation: Translation) -> None:
        super().__init__()
        self.translation = translation
        setattr(self, MARK, True)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        found = list(self.translation.problems_in(record.getMessage()))
        for problem in found:
            self.translation.problems.report(problem)
        return not found


def translate_mkdocs_warnings(translation: Translation) -> None:
    """Install the filter for this build, replacing the previous build's."""
    for logger in map(logging.getLogger, WATCHED_LOGGERS):
        for stale in [f for f in logger.filters if getattr(f, MARK, False)]:
            logger.removeFilter(stale)
        logger.addFilter(_WriterWarningsFilter(translation))


def forgive_warnings_in_preview() -> None:
    """Under `mkdocs serve`, strict mode (`strict: true` in mkdocs.yml, or `--strict`) would abort
    the rebuild on the first warning, and MkDocs' preview then holds every request until a build
    succeeds: every page hangs. The preview shows the problems on their pages instead, so it stops
    counting warnings; `mkdocs build --strict` still fails on them."""
    counting = logging.getLogger("mkdocs")
    for counter in [handler for handler in counting.handlers if isinstance(handler, CountHandler)]:
        counting.removeHandler(counter)
