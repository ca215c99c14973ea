"""`{{ squad("strength_balance") }}`, or `{{ squad() }}` with a choice of calculator: coach mode.

A coach chooses, drops or pastes a spreadsheet of their squad; the calculators' worker (the same
one the page's calculators use) runs every row through `calculators.run_table`, and the page shows
a sortable table, the squad at a glance, and each athlete's full result one click away, on the
calculator's own page through its shareable address. The file never leaves the reader's device.

This module writes the section of `overrides/partials/squad.html`; the page script
`overrides/assets/javascripts/squad.js` makes it work, reading only its `data-` attributes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import calculators
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from macros.browser_runtime import runtime_paths
from macros.calculator_embed import CalculatorCallError, one_line, section_template

PRIVACY_NOTE = "Your file is read and worked out in this browser: it is never uploaded, and nothing in it leaves your device."


def calculator_page(docs_dir: Path, slug: str, use_directory_urls: bool) -> str | None:
    """The site path of the page that embeds `calculator("slug")` (its own page first), or None."""
    call = re.compile(r"calculator\(\s*[\"']" + re.escape(slug) + r"[\"']")
    pages = sorted(docs_dir.rglob("*.md"), key=lambda path: (not path.is_relative_to(docs_dir / "calculators"), path))
    for path in pages:
        if call.search(path.read_text(encoding="utf-8")):
            source = path.relative_to(docs_dir).as_posix()
            return File(source, str(docs_dir), "", use_directory_urls).url
    return None


def squad_macro(env: Any) -> Callable[..., str]:
    """The `squad(...)` macro for mkdocs-macros, bound to its environment (for the page)."""
    paths = runtime_paths(Path(env.project_dir), preview=bool(env.conf.get("aq_preview")))
    template = section_template("squad.html")
    docs_dir = Path(env.conf["docs_dir"])

    def squad(slug: str | None = None) -> str:
        """A squad's spreadsheet through one calculator (`squad("step_timing")`), or through the one
        the coach chooses (`squad()`)."""
        page = env.page
        slugs = calculators.available() if slug is None else (slug,)
        unknown = [each for each in slugs if each not in calculators.available()]
        if unknown:
            raise CalculatorCallError(
                f"{page.file.src_path}: squad({slug!r}): there is no calculator called {slug!r}. "
                f"The calculators are: {', '.join(calculators.available())}."
            )
        choices = []
        for each in slugs:
            target = calculator_page(docs_dir, each, env.conf["use_directory_urls"])
            choices.append(
                {
                    "slug": each,
                    "title": calculators.title(each),
                    "schema": calculators.run(each, {})["schema"],
                    "page": get_relative_url(target, page.url) if target else "",
                    "template": "data:text/csv;charset=utf-8," + quote(calculators.table_template(each)),
                }
            )
        html = template.render(
            id=f"squad-{slug or 'any'}",
            choices=choices,
            choices_json=json.dumps(choices),
            urls={name: get_relative_url(path, page.url) for name, path in paths.urls().items()},
            privacy_note=PRIVACY_NOTE,
        )
        return one_line(html)

    return squad
