"""The calculators' script runs before Material's bundle, which every page defers."""

from __future__ import annotations

import re

from macros.script_order import calculators_first

MATERIAL = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
CALCULATORS = '<script src="../assets/javascripts/calculators.js" type="module"></script>'
SQUAD = '<script src="../assets/javascripts/squad.js" type="module"></script>'


def test_the_calculators_script_goes_before_materials_bundle_which_is_deferred():
    scripts = f"\n{MATERIAL}\n{CALCULATORS}\n{SQUAD}\n"
    assert calculators_first(scripts) == (
        f"\n{CALCULATORS}\n"
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>\n'
        f"\n{SQUAD}\n"
    )


def test_scripts_it_does_not_know_stay_as_they_are():
    """A theme that renamed its bundle, or a page without the calculators' script, is left alone."""
    assert calculators_first(f"{MATERIAL}\n{SQUAD}") == f"{MATERIAL}\n{SQUAD}"
    renamed = '<script src="../assets/javascripts/material.min.js"></script>'
    assert calculators_first(f"{renamed}\n{CALCULATORS}") == f"{renamed}\n{CALCULATORS}"


def test_every_built_page_runs_the_calculators_script_first_and_materials_bundle_deferred(built_site):
    """In document order: deferred scripts and modules run in it once the page is parsed, and the
    other modules, which need Material's `document$` as they run, come after the bundle."""
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        scripts = re.findall(r"<script src=\"[^\"]*/(\w[\w.-]*?)(?:\?v=\w+)?\"([^>]*)>", page.read_text(encoding="utf-8"))
        names = [name for name, _ in scripts]
        bundle = next(index for index, name in enumerate(names) if name.startswith("bundle."))
        assert names.index("calculators.js") < bundle < names.index("squad.js"), (page, names)
        assert "defer" in scripts[bundle][1], page
