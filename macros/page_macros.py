"""Runs the macros of a page (`{{ calculator("step_timing") }}`...), and turns a writer's mistake in
them into a `WriterProblem` on the right line of the Markdown file instead of a stopped build.

mkdocs-macros is set to render nothing by itself (`render_by_default: false` in mkdocs.yml): its
own error handling either exits the process (`on_error_fail: true`, which stops `mkdocs serve`) or
prints a traceback and puts it in the page. It still provides the Jinja environment, the
variables and the macros; this module renders with them, from the `on_post_page_macros` hook.
"""

from __future__ import annotations

import functools
import re
import traceback
from dataclasses import dataclass

from jinja2 import Environment, Template, TemplateSyntaxError, UndefinedError

from macros.calculator_embed import CalculatorCallError
from macros.deferred_html import DeferredHtml, deferred_of
from macros.writer_problems import LOG, WriterProblem, problems_of, verbose

TEMPLATE_FILE = "<template>"
"""The file name Jinja gives a template made from a string, in a traceback it rewrote."""
HIDDEN_CONTENT = "*The rest of this page is hidden until the problem above is fixed.*\n"
SHOW_BRACES_AS_TEXT = "To show {{ as text, put it between {% raw %} and {% endraw %}."
PLAIN_SYNTAX_MESSAGES = {
    "Expected an expression, got 'end of print statement'": "there is nothing between {{ and }}",
    "unexpected '}', expected ')'": "a bracket is not closed: ')' is missing before }}",
    "unexpected end of template, expected ')'": "a bracket is not closed: ')' is missing",
}


@dataclass(frozen=True)
class PageSource:
    """A page's Markdown as the macros see it, and how many lines of front matter precede it."""

    file: str
    markdown: str
    front_matter_lines: int

    def file_line(self, template_line: int) -> int:
        return template_line + self.front_matter_lines


def page_source(page, markdown: str) -> PageSource:
    """MkDocs gives the macros the file's text after its front matter: count what was cut."""
    source = page.file.content_string
    cut = len(source) - len(markdown) if source.endswith(markdown) else 0
    return PageSource(page.file.src_path, markdown, source[:cut].count("\n"))


def render_page(env, writer_macros: tuple[str, ...]) -> None:
    """Render the macros of `env.page` into `env.markdown`; a failure is reported as a problem and
    the page shows only that (the preview keeps serving it and every other page)."""
    page = env.page
    if page.meta.get("render_macros") in (False, True):
        return  # off for this page; or on, and then mkdocs-macros itself has rendered it
    try:
        env.markdown = rendered(env.env, env.markdown, {**env.variables, **page.meta}, deferred_of(env.conf))
    except FailedAt as failure:  # only now is the file read again, to find the line
        problems_of(env.conf).report(problem_in(page_source(page, env.markdown), failure, writer_macros))
        env.markdown = HIDDEN_CONTENT


class FailedAt(Exception):
    """A failure in the part of the page that starts after `lines_before` lines."""

    def __init__(self, lines_before: int, error: Exception) -> None:
        super().__init__(str(error))
        self.lines_before, self.error = lines_before, error


EXPRESSION = re.compile(r"\{\{(?![-+])[^{}]*?(?<![-+])\}\}")
"""One `{{ … }}` without whitespace control and without braces inside."""


def rendered(environment: Environment, markdown: str, variables: dict, deferred: DeferredHtml | None = None) -> str:
    """The page with its macros run. A page whose only Jinja is `{{ … }}` expressions (every
    article so far) has each one rendered on its own, compiled once per build: compiling a whole
    long article as a template costs more than MkDocs' own work on it; and the HTML block of an
    expression alone on its line is hidden from Markdown (`DeferredHtml.hide`), which would pass
    it through as it is. Any other page is rendered as one template, the way mkdocs-macros does."""
    expressions = simple_expressions(markdown)
    if expressions is None:
        try:
            return environment.from_string(markdown).render(variables)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message on the page
            raise FailedAt(0, error) from error
    parts, done = [], 0
    for expression in expressions:
        parts.append(markdown[done : expression.start()])
        try:
            output = compiled(environment, expression.group()).render(variables)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message on the page
            raise FailedAt(markdown.count("\n", 0, expression.start()), error) from error
        parts.append(deferred.hide(output) if deferred and alone_on_its_line(markdown, expression) else output)
        done = expression.end()
    return "".join(parts) + markdown[done:]


def alone_on_its_line(markdown: str, expression: re.Match[str]) -> bool:
    """True for `{{ … }}` at the very start of a line (not indented: not inside a list, a note or a
    quote) with nothing but spaces after it on that line."""
    at_start = expression.start() == 0 or markdown[expression.start() - 1] == "\n"
    line_end = markdown.find("\n", expression.end())
    rest = markdown[expression.end() : line_end if line_end >= 0 else len(markdown)]
    return at_start and not rest.strip(" \t")


def simple_expressions(markdown: str) -> list[re.Match[str]] | None:
    """Every `{{ … }}` of the page, or None when it has Jinja beyond them (`{% %}`, `{# #}`,
    whitespace control, braces inside an expression)."""
    if "{%" in markdown or "{#" in markdown:
        return None
    found = list(EXPRESSION.finditer(markdown))
    return found if markdown.count("{{") == markdown.count("}}") == len(found) else None


@functools.lru_cache(maxsize=256)
def compiled(environment: Environment, expression: str) -> Template:
    """One expression's template (`{{ divider("🔥") }}` recurs in every article)."""
    return environment.from_string(expression)


def problem_in(source: PageSource, failure: FailedAt, writer_macros: tuple[str, ...]) -> WriterProblem:
    """What went wrong, where, and what to do, for a writer (or, for a bug, for the developers)."""
    error = failure.error
    line = source.file_line(failure.lines_before + template_line(error))
    if isinstance(error, TemplateSyntaxError):
        said = PLAIN_SYNTAX_MESSAGES.get(error.message or "", error.message)
        return WriterProblem(source.file, line, f"A macro is not written correctly: {said}.",
                             f'A macro looks like {{{{ calculator("step_timing") }}}}. {SHOW_BRACES_AS_TEXT}')
    if isinstance(error, UndefinedError):
        name = re.fullmatch(r"'(.+)' is undefined", str(error))
        said = f"there is no macro called '{name.group(1)}'" if name else str(error)
        return WriterProblem(source.file, line, f"Between {{{{ and }}}}, {said}.",
                             f"The macros are: {', '.join(writer_macros)}. {SHOW_BRACES_AS_TEXT}")
    if isinstance(error, CalculatorCallError):
        return WriterProblem(source.file, line, str(error),
                             "Change the call on this line (each calculator's page lists its inputs and their ranges).")
    if isinstance(error, TypeError) and raised_by_template(error):
        return WriterProblem(source.file, line, f"A macro is called the wrong way: {error}.",
                             f"The macros are: {', '.join(writer_macros)}; README.md's 'Writing articles' shows each.")
    return project_bug(source, line, error)


def project_bug(source: PageSource, line: int, error: Exception) -> WriterProblem:
    """A failure in the project's own code: said as such, with the traceback behind AQ_VERBOSE=1."""
    where = traceback.extract_tb(error.__traceback__)[-1]
    if verbose():
        LOG.warning("".join(traceback.format_exception(error)))
    return WriterProblem(
        source.file, line,
        f"The project's code failed on this page ({type(error).__name__}: {error}; {where.filename}, line {where.lineno}).",
        "This is not a writing mistake: tell the developers (AQ_VERBOSE=1 make serve prints the traceback).",
    )


def template_line(error: Exception) -> int:
    """The line of the template (the Markdown after its front matter) that failed: Jinja gives it
    for a syntax error, and rewrites a runtime error's traceback to point at template lines."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == TEMPLATE_FILE]
    return lines[-1] if lines and lines[-1] else 1


def raised_by_template(error: Exception) -> bool:
    """True when the template's own line raised (a macro called with the wrong arguments), not
    code the macro ran."""
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and frames[-1].filename == TEMPLATE_FILE
