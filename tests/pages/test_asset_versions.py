"""A published build names the site's scripts and styles with their content's digest, where pages
and modules ask for them, so the service worker can answer them from its precache at once."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from macros.asset_versions import version_assets, with_versioned_addresses, with_versioned_imports
from tests.support.site import precache_revisions


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_a_module_imports_each_site_script_by_its_digest():
    source = 'import * as message from "./messages.mjs";\nimport { a } from "./shared/a.mjs";\nimport "./unknown.mjs";\n'
    versions = {"assets/js/messages.mjs": "0123456789ab", "assets/js/shared/a.mjs": "ba9876543210"}
    assert with_versioned_imports(source, "assets/js/page.js", versions) == (
        'import * as message from "./messages.mjs?v=0123456789ab";\n'
        'import { a } from "./shared/a.mjs?v=ba9876543210";\n'
        'import "./unknown.mjs";\n'
    )


def test_a_page_asks_for_each_site_script_and_style_by_its_digest():
    versions = {"assets/js/page.js": "0123456789ab", "assets/css/site.css": "ba9876543210"}
    html = (
        '<link rel="stylesheet" href="../../assets/css/site.css">'
        '<link rel="modulepreload" href="../../assets/js/page.js">'
        '<section data-worker-url="../../assets/js/page.js"></section>'
        '<a href="../../assets/js/other.js">a script of no digest</a>'
        '<script src="https://cdn.example/assets/js/page.js"></script>'
        '<script src="../../assets/js/page.js?x=1"></script>'
    )
    assert with_versioned_addresses(html, "calculators/strength-balance/index.html", versions) == (
        '<link rel="stylesheet" href="../../assets/css/site.css?v=ba9876543210">'
        '<link rel="modulepreload" href="../../assets/js/page.js?v=0123456789ab">'
        '<section data-worker-url="../../assets/js/page.js?v=0123456789ab"></section>'
        '<a href="../../assets/js/other.js">a script of no digest</a>'
        '<script src="https://cdn.example/assets/js/page.js"></script>'
        '<script src="../../assets/js/page.js?x=1"></script>'
    )


def test_the_404_page_asks_by_addresses_from_the_sites_root():
    """It is served at any depth, so its addresses start at the site's path on its host."""
    versions = {"assets/js/page.js": "0123456789ab"}
    html = '<script src="/speed/assets/js/page.js"></script><script src="/other/assets/js/page.js"></script>'
    assert with_versioned_addresses(html, "404.html", versions, root="/speed/") == (
        '<script src="/speed/assets/js/page.js?v=0123456789ab"></script><script src="/other/assets/js/page.js"></script>'
    )


def test_a_change_in_an_imported_module_gives_its_importers_new_addresses(tmp_path: Path):
    scripts = tmp_path / "assets" / "js"
    scripts.mkdir(parents=True)
    (scripts / "page.js").write_text('import { x } from "./messages.mjs";\n')
    (scripts / "worker.mjs").write_text('import { x } from "./messages.mjs";\n')
    (tmp_path / "index.html").write_text('<script src="assets/js/page.js" type="module"></script>')

    def built(messages: str) -> dict[str, str]:
        site = tmp_path / messages
        for path in ("assets/js/page.js", "assets/js/worker.mjs", "index.html"):
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text((tmp_path / path).read_text())
        (site / "assets" / "js" / "messages.mjs").write_text(f"export const x = {messages!r};\n")
        return version_assets(site)

    one, two = built("one"), built("two")
    assert one["assets/js/messages.mjs"] != two["assets/js/messages.mjs"]
    assert one["assets/js/page.js"] != two["assets/js/page.js"]
    assert one["assets/js/worker.mjs"] != two["assets/js/worker.mjs"]
    page = (tmp_path / "two" / "assets" / "js" / "page.js").read_text()
    assert page == f'import {{ x }} from "./messages.mjs?v={two["assets/js/messages.mjs"]}";\n'
    assert (tmp_path / "two" / "index.html").read_text() == (
        f'<script src="assets/js/page.js?v={two["assets/js/page.js"]}" type="module"></script>'
    )


def test_every_digest_in_the_published_site_is_the_precached_files(built_site):
    """Each address with a digest names the file as it is published, and as the service worker's
    precache holds it (its revision begins with the digest); none of the site's scripts or styles
    is asked for without one."""
    revisions = precache_revisions(built_site)
    pages = [built_site / "index.html", built_site / "calculators" / "strength-balance" / "index.html",
             built_site / "running-mechanics" / "foot-strike" / "index.html", built_site / "404.html"]
    addresses = [
        (built_site if address.startswith("/") else page.parent, address.lstrip("/"))  # the 404 page's, from the root
        for page in pages for address in re.findall(r'(?:src|href|data-worker-url)="([^"]+)"', page.read_text("utf-8"))
    ]
    scripts = built_site / "assets" / "javascripts"
    addresses += [(scripts, specifier) for script in scripts.glob("*.*js") for specifier in re.findall(r'from "(\./[^"]+)"', script.read_text("utf-8"))]
    versioned = [(folder, address) for folder, address in addresses if "/assets/" in f"/{address}" and address.endswith((".css", ".js", ".mjs"))]
    assert versioned == [], "asked for without a digest"
    digests = [(folder, *address.split("?v=")) for folder, address in addresses if "?v=" in address]
    assert len({address for _, address, _ in digests}) >= 15  # every style, module and the worker
    for folder, address, digest in digests:
        file = (folder / address).resolve()
        assert md5(file).startswith(digest), address
        assert revisions[file.relative_to(built_site).as_posix()].startswith(digest), address
