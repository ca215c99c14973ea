"""Every page asks for the site's module scripts, and everything they import, in its head."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from macros.module_preload import module_graph


def test_the_graph_follows_the_scripts_own_imports(tmp_path: Path):
    scripts = tmp_path / "assets" / "js"
    scripts.mkdir(parents=True)
    (scripts / "page.js").write_text('import * as message from "./messages.mjs";\nimport { a } from "./shared/a.mjs";\n')
    (scripts / "messages.mjs").write_text("export const x = 1;\n")
    (scripts / "shared").mkdir()
    (scripts / "shared" / "a.mjs").write_text('import "../messages.mjs";\nexport const a = 1; // import "./not-an-import.mjs"\n')
    (scripts / "other.js").write_text('import { a } from "./shared/a.mjs";\n')
    assert module_graph(tmp_path, ["assets/js/page.js", "assets/js/other.js", "assets/js/material.js"]) == [
        "assets/js/page.js", "assets/js/messages.mjs", "assets/js/shared/a.mjs", "assets/js/other.js", "assets/js/material.js",
    ]


def test_every_module_a_page_runs_is_preloaded(built_site):
    """By the very address the page and the modules ask for (with its digest in a published build):
    a preload of another address would be a second download."""
    page_url = "https://site.example/calculators/strength-balance/"
    page = (built_site / "calculators" / "strength-balance" / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    preloaded = {urljoin(page_url, href) for href in re.findall(r'<link rel="modulepreload" href="([^"]+)"', head)}
    modules = {urljoin(page_url, src) for src in re.findall(r'<script src="([^"]+)" type="module"', page)}
    imported = {
        urljoin(urljoin("https://site.example/", script.relative_to(built_site).as_posix()), specifier)
        for script in (built_site / "assets" / "javascripts").glob("*.*js")
        for specifier in re.findall(r'from "(\./[^"]+)"', script.read_text(encoding="utf-8"))
    }
    assert modules and modules <= preloaded
    assert imported and imported <= preloaded
