"""A writer's mistakes in a page, said in plain words with the file and the line.

Every mistake a build finds in an article (a macro that cannot run, a broken link, a page missing
from `nav`, front matter without a description...) becomes one `WriterProblem`. The build's
`WriterProblems` logs each once, as one warning line (`docs/FILE.md:LINE: what is wrong. What to
do.`), and keeps them by page so that the writer's preview shows them at the top of that page.
`mkdocs build --strict` turns those warnings into a failed build, with the same lines; the
preview keeps serving every page (see `macros/site_hooks.py`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from html import escape

LOG = logging.getLogger("mkdocs.plugins.aq.writer")
"""Under `mkdocs`, so MkDocs prints these lines and strict mode counts them."""
CONFIG_KEY = "aq_writer_problems"
"""Where a build keeps its `WriterProblems` in the MkDocs config (one per build)."""


@dataclass(frozen=True)
class WriterProblem:
    """One mistake: where it is (a path under docs/ and a line of that file), and what to do."""

    file: str
    line: int
    message: str
    what_to_do: str

    def one_line(self) -> str:
        """The terminal's line: clickable `docs/FILE:LINE` in most editors' terminals."""
        return f"docs/{self.file}:{self.line}: {self.message} {self.what_to_do}"

    def as_html(self) -> str:
        """The preview's notice, as a Material admonition (styled by the theme already)."""
        return (
            '<div class="admonition failure aq-writer-problem" role="alert">'
            f'<p class="admonition-title">docs/{escape(self.file)}, line {self.line}</p>'
            f"<p>{escape(self.message)}</p><p><strong>What to do:</strong> {escape(self.what_to_do)}</p></div>"
        )


class WriterProblems:
    """The problems one build has found, by page. Each is logged once, when first reported."""

    def __init__(self) -> None:
        self._by_file: dict[str, list[WriterProblem]] = {}

    def report(self, problem: WriterProblem) -> None:
        found = self._by_file.setdefault(problem.file, [])
        if problem not in found:
            found.append(problem)
            LOG.warning(problem.one_line())

    def on_page(self, file: str) -> tuple[WriterProblem, ...]:
        return tuple(self._by_file.get(file, ()))

    def notice_html(self, file: str) -> str:
        """What the preview shows above the page's content: every problem found in it."""
        return "".join(problem.as_html() for problem in self.on_page(file))


def problems_of(config) -> WriterProblems:
    """This build's problems (a build made outside the hooks, e.g. by a test, gets its own)."""
    if CONFIG_KEY not in config:
        config[CONFIG_KEY] = WriterProblems()
    return config[CONFIG_KEY]


def line_of(source: str, *needles: str) -> int:
    """The first line (from 1) of `source` holding every one of `needles`; 1 when none does,
    which points at the front matter: the writer still gets the file."""
    for number, line in enumerate(source.splitlines(), start=1):
        if all(needle in line for needle in needles):
            return number
    return 1


def verbose() -> bool:
    """Tracebacks are for the project's developers: `AQ_VERBOSE=1` or `mkdocs serve -v`."""
    return os.environ.get("AQ_VERBOSE", "") not in {"", "0"} or logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)
