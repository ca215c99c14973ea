"""What `make build` hands an operator: a site ready for a static host, under a sub-path too.

The site is built as an operator publishing it at https://example.org/speed/ would build it: no
source maps, a robots.txt naming the sitemap, a 404 page whose links work from any address, the
strict Content-Security-Policy in every page, and the `_headers` file that Netlify and Cloudflare
Pages read, whose rules must give every file the headers the README promises, each header once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import deploy, security
from tests.support.site import PROJECT_ROOT, build_site

SITE_URL = "https://example.org/speed/"
NEVER_RENAMED = (
    "assets/javascripts/calculators.js",
    "assets/javascripts/calculator-worker.mjs",
    "assets/javascripts/calculator-messages.mjs",
    "assets/javascripts/offline.mjs",
    "sw.js",
)
"""Scripts whose names never change: a reader's browser must ask for them again before each use."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(PROJECT_ROOT, tmp_path_factory.mktemp("published"), site_url=SITE_URL)


@pytest.fixture(scope="module")
def rules(site: Path) -> list[deploy.HeaderRule]:
    return deploy.parse_headers_file((site / deploy.HEADERS_FILE).read_text(encoding="utf-8"))


def headers_for(rules: list[deploy.HeaderRule], site_path: str) -> list[tuple[str, str]]:
    """Every header the rules give `/site_path`, in the hosts' way: from every matching rule."""
    return [header for rule in rules if rule.matches("/" + site_path) for header in rule.headers]


def test_no_source_maps_are_published(site):
    assert sorted(site.rglob("*.map*")) == []
    for script in site.glob("assets/javascripts/*.min.js"):
        assert "sourceMappingURL" not in script.read_text(encoding="utf-8")


def test_source_maps_are_kept_when_asked(tmp_path, monkeypatch):
    (tmp_path / "bundle.min.js").write_text("run();\n//# sourceMappingURL=bundle.min.js.map\n")
    (tmp_path / "bundle.min.js.map").write_text("{}")
    monkeypatch.setenv(deploy.SOURCE_MAPS_WANTED, "1")
    assert deploy.drop_source_maps(tmp_path) == []
    monkeypatch.delenv(deploy.SOURCE_MAPS_WANTED)
    assert deploy.drop_source_maps(tmp_path) == [tmp_path / "bundle.min.js.map"]
    assert (tmp_path / "bundle.min.js").read_text() == "run();\n"


def test_robots_txt_names_the_sitemap_by_its_address(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/speed/sitemap.xml" in robots.splitlines()
    assert (site / "sitemap.xml").is_file()


def test_the_404_page_links_work_from_any_address_under_the_sub_path(site):
    """A host sends 404.html for any missing address, at any depth: its links must be absolute."""
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    links = [tag.get("href") or tag.get("src") or tag.get("content") for tag in page.select("link[href], script[src], a[href], meta[name=aq-service-worker]")]
    local = [link for link in links if not link.startswith(("#", "https://", "http://"))]
    assert local and all(link.startswith("/speed/") for link in local), local
    assert 'new URL("/speed/",location)' in str(page)  # Material's storage scope: the site's root


def test_every_page_carries_the_policy_before_any_script(site):
    policy = security.site_policy(site)
    assert len(policy.inline_scripts) >= 3  # Material's three, the scope one differing by depth
    for page in security.pages(site):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("<script")]
        assert policy.meta_tag() in head, page
        assert html.index("<meta charset") < html.index(policy.meta_tag()) < 1024
        for script in security.inline_scripts(html):
            assert security.script_hash(script) in policy.inline_scripts


def test_the_policy_allows_only_the_sites_own_files_and_its_inline_scripts(site):
    meta = security.site_policy(site).meta_policy()
    assert "script-src 'self' 'sha256-" in meta
    for loophole in ("'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "*", "http:", "https:", "frame-ancestors"):
        assert loophole not in meta.split(), loophole
    assert "style-src 'self';" in meta and "object-src 'none';" in meta and "default-src 'self';" in meta


def test_data_blocks_need_no_hash():
    page = """<head><script type="application/ld+json">{"@type": "Article"}</script>
    <script id="__config" type="application/json">{}</script><script src="a.js"></script>
    <script>alert('Hello, world.');</script><script type="module">run()</script></head>"""
    assert security.inline_scripts(page) == ["alert('Hello, world.');", "run()"]
    # The example of the CSP specification:
    assert security.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_the_headers_file_sends_the_policy_and_security_headers_everywhere(site, rules):
    policy = security.site_policy(site)
    for path in deploy.served_files(site):
        headers = dict(headers_for(rules, path))
        assert headers["Content-Security-Policy"] == policy.header_policy()
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]
    header = policy.header_policy()
    assert header.startswith(policy.meta_policy().replace("; worker-src", " 'wasm-unsafe-eval'; worker-src"))
    assert header.endswith("; frame-ancestors 'none'")


def test_the_headers_file_gives_each_file_its_cache_policy_once(site, rules):
    """Cloudflare joins a header two matching rules set, so no file may get one header twice."""
    for path in deploy.served_files(site):
        names = [name for name, _ in headers_for(rules, path)]
        assert len(names) == len(set(names)), f"/{path} gets {names}"
        expected = deploy.IMMUTABLE if path.startswith(("assets/pyodide/", "assets/calculators/")) else "no-cache"
        assert dict(headers_for(rules, path))["Cache-Control"] == expected, path
    for path in (*NEVER_RENAMED, "", "calculators/strength-balance/", "404.html"):
        assert dict(headers_for(rules, path))["Cache-Control"] == "no-cache", path
    wasm = next(path for path in deploy.served_files(site) if path.endswith("pyodide.asm.wasm"))
    assert dict(headers_for(rules, wasm))["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_headers_file_is_not_a_page_the_service_worker_keeps(site):
    assert not re.search(r'"url":"(_headers|robots\.txt)"', (site / "sw.js").read_text(encoding="utf-8"))
