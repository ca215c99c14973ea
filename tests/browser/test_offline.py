"""Offline after the first visit: the service worker of a published build, in real Chromium.

A first visit precaches the site's pages and assets; a calculator's runtime (Pyodide, and the
wheel's folder with the snapshot) is cached the first time it runs, and the calculator then says
it is ready offline. With
the network gone, pages and the calculator still work. A page comes from the precache at once while
the server is asked for it; a page changed on the server replaces the older copy. A new build replaces every cache of the
old one; the writer's preview unregisters a worker an earlier build left; and a browser without
service workers loses nothing.

Playwright's `context.set_offline(True)` cuts the page's, its workers' and the service worker's
fetches, but not Chromium's own update check of `sw.js`: the offline tests also stop the server.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

import calculators
from macros.browser_runtime import runtime_paths
from macros.wheel import wheel_release
from tests.browser.calculator_page import (
    ARTICLE,
    CALCULATOR_PAGE,
    PYTHON_PATHS,
    PYTHON_START,
    SLUG,
    Calculator,
    assert_clean,
    desktop_visit,
    kept_snapshots,
    python_requests,
    wait_until,
)
from tests.pages import test_preview
from tests.support.site import CDN, PROJECT_ROOT, build_site, copy_of_project, mkdocs_build, precache_revisions, serve_directory

DEFAULTS = calculators.defaults(SLUG)
CACHES = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return found;
}"""
"""Every Cache Storage cache of the page's origin, with the URLs it holds."""


def go_live(page: Page, url: str) -> Calculator:
    """Open `url` and bring its calculator into view, as a reader would, until it answers live."""
    page.goto(url)
    calculator = Calculator(page)
    calculator.bring_into_view()
    calculator.expect_state("live")
    return calculator


def ready_offline(calculator: Calculator):
    return expect(calculator.section.locator(".aq-calc__offline"))


def cached(page: Page) -> dict[str, list[str]]:
    return page.evaluate(CACHES)


def drop_runtime_caches(page: Page) -> None:
    """Empty the service worker's caches of Python's runtime, leaving its precache."""
    for name in cached(page):
        if "-precache-" not in name:
            page.evaluate("(name) => caches.delete(name)", name)


def precache_manifest(site: Path) -> list[str]:
    """The site-relative URLs the built `sw.js` precaches."""
    return list(precache_revisions(site))


def test_the_published_build_precaches_pages_and_assets_but_never_python(built_site):
    precached = precache_manifest(built_site)
    pages = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")]
    assert sorted(pages) == sorted(url for url in precached if url.endswith(".html"))
    scripts = {url.rsplit("/", 1)[-1] for url in precached if url.endswith((".js", ".mjs"))}
    assert {"calculators.js", "calculator-worker.mjs", "calculator-messages.mjs", "offline.mjs"} <= scripts
    assert any(re.fullmatch(r"bundle\.\w+\.min\.js", name) for name in scripts)  # Material
    assert any(re.fullmatch(r"search\.\w+\.min\.js", name) for name in scripts)  # its search worker
    assert "search/search_index.json" in precached
    assert any(url.endswith("favicon.svg") for url in precached)
    assert not [url for url in precached if url.startswith(PYTHON_PATHS) or url.endswith((".br", ".gz", ".map"))]

    paths = runtime_paths(PROJECT_ROOT)
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    for folder in (paths.pyodide, paths.wheel.rsplit("/", 1)[0] + "/"):
        assert json.dumps(folder) in worker  # cached on first use, in a cache named by the folder
    assert '<meta name="aq-service-worker" content="../../sw.js">' in (built_site / ARTICLE / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_reader_at_the_top_of_an_article_still_downloads_no_python(phone, site_url):
    phone.page.goto(site_url + ARTICLE)
    phone.page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed: the site is precached
    phone.page.wait_for_load_state("networkidle")
    assert python_requests(phone) == []
    assert [name.split("-")[1] for name in cached(phone.page)] == ["precache"]
    assert_clean(phone)


def test_after_one_visit_the_article_and_the_calculator_work_offline(browser, built_site):
    """On a host as README.md's publishing recipe sets it up (brotli copies, caching headers)."""
    with desktop_visit(browser) as visit:
        with serve_directory(built_site, recipe=CDN) as url:
            for path in (ARTICLE, CALCULATOR_PAGE):
                calculator = go_live(visit.page, url + path)
                ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        visit.page.context.set_offline(True)  # and the server is gone

        wasm = url + runtime_paths(PROJECT_ROOT).pyodide + "pyodide.asm.wasm"  # compiled as it streams in:
        assert visit.page.evaluate("async (url) => (await fetch(url)).headers.get('content-type')", wasm) == (
            "application/wasm"  # only with its type, which the cache keeps
        )

        for path, body_mass in ((ARTICLE, "64"), (CALCULATOR_PAGE, "91.5")):
            visit.page.goto(url + path)
            expect(visit.page.locator("h1")).to_be_visible()
            calculator = Calculator(visit.page)
            calculator.bring_into_view()
            calculator.type({"body_mass": body_mass})
            calculator.expect_result_for({**DEFAULTS, "body_mass": body_mass})
            calculator.expect_state("live")
        assert_clean(visit)


def test_the_worker_answers_ready_only_once_every_file_is_in_its_cache(browser, site_url):
    """The page's one question is answered after the files it fetched are written, not merely
    downloaded: a new build's worker, asked once as it takes charge, answers right the first time."""
    with desktop_visit(browser) as visit:
        calculator = go_live(visit.page, site_url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        drop_runtime_caches(visit.page)
        urls = calculator.section.evaluate(
            "(section) => ['pyodideUrl', 'wheelUrl', 'snapshotUrl'].map((key) => new URL(section.dataset[key], document.baseURI).href)"
        )
        answer = visit.page.evaluate(
            """async (urls) => {
              const { active } = await navigator.serviceWorker.ready;
              const channel = new MessageChannel();
              const replied = new Promise((resolve) => { channel.port1.onmessage = ({ data }) => resolve(data); });
              active.postMessage({ type: "aq-keep-offline", urls, fetchMissing: true }, [channel.port2]);
              return replied;
            }""",
            urls,
        )
        assert answer is True
        runtime = [entry for name, entries in cached(visit.page).items() if "-precache-" not in name for entry in entries]
        assert any(entry.endswith("pyodide.asm.wasm") for entry in runtime)
        assert any(entry.endswith(".snapshot.gz") for entry in runtime)
        assert_clean(visit)


class HeldPage:
    """A slow server for one page: its answers wait while `held()` runs, and go once it ends."""

    def __init__(self, page: str) -> None:
        self._path = f"/{page}"
        self._answer = threading.Event()
        self._answer.set()

    def before_answer(self, path: str) -> None:
        if urlsplit(path).path == self._path:
            self._answer.wait()

    @contextmanager
    def held(self) -> Iterator[None]:
        self._answer.clear()
        try:
            yield
        finally:
            self._answer.set()


def navigation_type(page: Page) -> str:
    """How the page shown came to be: "navigate", or "reload" when it reloaded itself."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].type")


def test_a_second_visit_shows_the_page_from_the_precache_while_the_server_is_asked(browser, built_site):
    """The page comes from the precache at once, and the server is asked for it meanwhile (here it
    is slow to answer: the reader waits for nothing); its scripts and styles, the calculators' worker
    and its import included, are named by their digests, which the precache answers without asking."""
    asked: list[str] = []
    slow = HeldPage(CALCULATOR_PAGE)
    with serve_directory(built_site, recipe=CDN, asked=asked, before_answer=slow.before_answer) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        asked.clear()
        with slow.held():
            calculator = go_live(visit.page, url + CALCULATOR_PAGE)
            calculator.type({"body_mass": "77"})
            calculator.expect_result_for({**DEFAULTS, "body_mass": "77"})
            assert f"/{CALCULATOR_PAGE}" in asked  # and not answered yet
        versioned = visit.page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.includes('?v='))")
        assert any("calculator-worker.mjs?v=" in name for name in versioned)
        assert len(versioned) >= 15
        assert [path for path in asked if "?v=" in path or path.lstrip("/").startswith(PYTHON_PATHS)] == []
        visit.page.wait_for_timeout(500)  # the server's page, the same: the page stays as it is
        assert navigation_type(visit.page) == "navigate"
        assert_clean(visit)


def published_change(site: Path, page: str, words: str) -> None:
    """`page` of the published `site` as a new build would have it: a paragraph more."""
    html = site / page / "index.html"
    later = max(time.time(), html.stat().st_mtime) + 1  # a newer `Last-Modified`, to the second
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", f"</h1><p>{words}</p>", 1), encoding="utf-8")
    os.utime(html, (later, later))


def visited_once(visit, url: str, path: str) -> None:
    """A first visit to `path`, until the site's worker is in charge of the page (its pages precached)."""
    visit.page.goto(url + path)
    wait_until(visit.page, lambda: visit.page.evaluate("navigator.serviceWorker.controller !== null"),
               "the site's worker to take the page")


def test_a_page_changed_on_the_server_replaces_the_older_copy_at_once(browser, built_site, tmp_path):
    """The reader has typed nothing yet: the page reloads into the new version, which the worker
    keeps for the next visit, offline too."""
    site = shutil.copytree(built_site, tmp_path / "site")
    with desktop_visit(browser) as visit:
        with serve_directory(site) as url:
            visited_once(visit, url, ARTICLE)
            published_change(site, ARTICLE, "A sentence the writer added.")
            visit.page.goto(url + ARTICLE)
            expect(visit.page.get_by_text("A sentence the writer added.")).to_be_visible()
            assert navigation_type(visit.page) == "reload"
        visit.page.context.set_offline(True)  # and the server is gone
        visit.page.goto(url + ARTICLE)
        expect(visit.page.get_by_text("A sentence the writer added.")).to_be_visible()
        expect(visit.page.locator(".aq-page-changed")).to_have_count(0)
        assert_clean(visit)


def test_a_reader_who_typed_keeps_it_and_is_offered_the_new_version(browser, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    slow = HeldPage(CALCULATOR_PAGE)
    with serve_directory(site, before_answer=slow.before_answer) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        published_change(site, CALCULATOR_PAGE, "The formula, explained again.")
        with slow.held():  # then the server's page reaches the worker, which tells the page
            calculator = go_live(visit.page, url + CALCULATOR_PAGE)
            calculator.type({"body_mass": "83"})
            calculator.expect_result_for({**DEFAULTS, "body_mass": "83"})

        notice = visit.page.locator(".aq-page-changed")
        expect(notice).to_contain_text("This page has been updated")
        expect(notice).to_have_attribute("role", "status")
        calculator.expect_result_for({**DEFAULTS, "body_mass": "83"})  # nothing the reader typed is lost
        assert navigation_type(visit.page) == "navigate"
        notice.get_by_role("button", name="Show the new version").click()
        expect(visit.page.get_by_text("The formula, explained again.")).to_be_visible()
        expect(visit.page.locator(".aq-page-changed")).to_have_count(0)
        assert_clean(visit)


def test_a_host_that_changes_the_page_every_time_reloads_it_once_then_offers(browser, built_site, tmp_path):
    """A host that writes something new into every answer (a nonce, a counter): the page reloads
    once, then offers the new version instead of reloading for ever."""
    site = shutil.copytree(built_site, tmp_path / "site")
    answers = itertools.count()
    published = threading.Event()

    def new_every_time(path: str) -> None:
        if published.is_set() and urlsplit(path).path == f"/{ARTICLE}":
            published_change(site, ARTICLE, f"Answer {next(answers)}.")

    asked: list[str] = []
    with serve_directory(site, asked=asked, before_answer=new_every_time) as url, desktop_visit(browser) as visit:
        visited_once(visit, url, ARTICLE)
        published.set()
        asked.clear()
        visit.page.goto(url + ARTICLE)
        expect(visit.page.locator(".aq-page-changed")).to_be_visible()
        assert navigation_type(visit.page) == "reload"
        visit.page.wait_for_timeout(1000)  # nothing more happens
        assert asked.count(f"/{ARTICLE}") == 2  # the worker's check of the visit, and of its one reload
        assert_clean(visit)


def traced_compiles(page: Page, url: str, action: Callable[[], None]) -> list[dict]:
    """What V8 reported of compiling the module at `url` while `action` ran, in any thread of the
    page's (its workers' included): Chromium's trace events, one per compilation."""
    session = page.context.new_cdp_session(page)
    events: list[dict] = []
    ended: list[bool] = []
    session.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
    session.on("Tracing.tracingComplete", lambda _: ended.append(True))
    session.send("Tracing.start", {"traceConfig": {"includedCategories": ["v8", "devtools.timeline"]}, "transferMode": "ReportEvents"})
    action()
    session.send("Tracing.end")
    wait_until(page, lambda: ended, "the trace")
    session.detach()
    compiled = [event.get("args", {}).get("data", {}) for event in events if event.get("name") == "v8.compileModule"]
    return [data for data in compiled if data.get("url") == url]


def test_once_ready_offline_pyodides_scripts_are_compiled_for_the_next_visit(browser, built_site):
    """A first visit's worker imports Pyodide before the service worker has it; once it has, a
    worker of the page's own imports it from the cache, so the browser keeps the compiled code
    there: the next visit's worker reads it instead of compiling 1.3 MB of JavaScript."""
    with serve_directory(built_site, recipe=CDN) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        pyodide = url + runtime_paths(PROJECT_ROOT).pyodide
        wait_until(visit.page, lambda: visit.page.evaluate("localStorage.getItem('aq-calculators:compiled')") == pyodide, "the scripts compiled")

        def second_visit():
            calculator = go_live(visit.page, url + CALCULATOR_PAGE)
            calculator.type({"body_mass": "78"})
            calculator.expect_result_for({**DEFAULTS, "body_mass": "78"})

        [compiled] = traced_compiles(visit.page, pyodide + "pyodide.asm.mjs", second_visit)
        assert compiled.get("consumedCacheSize", 0) > 500_000 and not compiled.get("cacheRejected"), compiled
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        visit.page.wait_for_timeout(1000)  # the note shown again compiles nothing again: once a device
        assert visit.page.evaluate("performance.getEntriesByName('aq-python-compiled').length") == 0
        assert_clean(visit)


def test_a_new_build_takes_over_and_leaves_nothing_of_the_old_one(browser, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    old = wheel_release(PROJECT_ROOT).fingerprint
    asked: list[str] = []
    with serve_directory(site, asked=asked) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        assert any(old in name for name in cached(visit.page))

        project = copy_of_project(tmp_path / "project", copied=("calculators", "overrides"))
        model = project / "calculators" / SLUG / "model.py"
        model.write_text(model.read_text(encoding="utf-8") + "\n# a new build\n", encoding="utf-8")
        messages = project / "overrides" / "assets" / "javascripts" / "calculator-messages.mjs"
        messages.write_text(messages.read_text(encoding="utf-8") + "\n// a new build\n", encoding="utf-8")
        new = wheel_release(project).fingerprint
        assert new != old
        build_site(project, site)
        asked.clear()

        # The page comes from the network; the browser finds the new worker, which takes over at
        # once; the note appears only when the worker in charge has the new wheel. The page asks for
        # its scripts by the new digests. The old worker, if still in charge then, has none by them:
        # the server sends them; the new one, if it took over first, has precached them from the
        # server (Workbox's install asks for a file at its own address, the revision being only
        # its cache key) and answers with that very file.
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        digest = hashlib.md5((site / "assets" / "javascripts" / "calculator-messages.mjs").read_bytes()).hexdigest()
        new_messages = f"/assets/javascripts/calculator-messages.mjs?v={digest[:12]}"
        assert any(entry.endswith(new_messages) for entry in visit.page.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)"))
        assert new_messages in asked or "/assets/javascripts/calculator-messages.mjs" in asked
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        assert visit.page.evaluate("navigator.serviceWorker.controller !== null")
        # by their names alone: opening a cache the worker is deleting would make it anew, empty
        wait_until(visit.page, lambda: old not in json.dumps(visit.page.evaluate("caches.keys()")), "the old build's caches to go")
        wait_until(visit.page, lambda: not any(old in path for path in kept_snapshots(visit.page)), "the old build's kept heap to go")

        visit.requests.clear()
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)  # the next visit
        calculator.type({"body_mass": "70"})
        calculator.expect_result_for({**DEFAULTS, "body_mass": "70"})
        fetched = [request for request in visit.requests if "/assets/calculators/" in request]
        assert fetched and all(f"/assets/calculators/{new}/" in request for request in fetched)
        found = cached(visit.page)
        assert old not in json.dumps(found)
        assert not any(old in path for path in kept_snapshots(visit.page))
        assert sorted(name.split("-")[1] for name in found) == ["calculators", "precache", "pyodide"]
        assert any(f"/{new}/" in entry and entry.endswith(".snapshot.gz") for entries in found.values() for entry in entries)
        assert_clean(visit)


def test_a_worker_taking_charge_late_is_asked_again_until_it_has_the_files(browser, built_site, tmp_path):
    """The page asks the worker in charge for about 31 s. A new build's worker may take charge later
    (its script slow to come), and answer "no" at first (a download failed on the way): the page
    asks it again, and says "Ready offline" once it has every file."""
    site = shutil.copytree(built_site, tmp_path / "site")
    [snapshot] = site.glob("assets/calculators/*/*.snapshot.gz")
    set_aside = snapshot.with_name("set-aside")
    asked: list[str] = []
    slow_worker = HeldPage("sw.js")
    with serve_directory(site, asked=asked, before_answer=slow_worker.before_answer) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)

        # A new build's worker (the same files, a new script), which will find the snapshot missing,
        # as will the old one: every file of the runtime has to be fetched again, from the server
        # (the browser's HTTP cache, which may hold them fresh, is emptied too).
        for name in (site / "sw.js.br", site / "sw.js.gz"):
            name.unlink(missing_ok=True)
        (site / "sw.js").write_text((site / "sw.js").read_text(encoding="utf-8") + "\n// a new build\n", encoding="utf-8")
        drop_runtime_caches(visit.page)
        visit.page.context.new_cdp_session(visit.page).send("Network.clearBrowserCache")
        snapshot.rename(set_aside)

        with slow_worker.held():
            calculator = go_live(visit.page, url + CALCULATOR_PAGE)
            visit.page.evaluate("navigator.serviceWorker.addEventListener('controllerchange', () => { window.aqTakenCharge = true; })")
            visit.page.wait_for_timeout(35_000)  # the page's questions to the old worker: all "no"
            expect(calculator.section.locator(".aq-calc__offline")).to_be_hidden()
            asked.clear()
        wait_until(visit.page, lambda: visit.page.evaluate("window.aqTakenCharge"), "the new worker to take charge")
        # The new worker's first answer: "no", the snapshot missing. The file is back after it.
        wait_until(visit.page, lambda: any(path.endswith(".snapshot.gz") for path in asked), "the new worker to ask for the snapshot")
        visit.page.wait_for_timeout(500)
        set_aside.rename(snapshot)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        assert visit.foreign_requests() == []
        assert all("404" in error for error in visit.console_errors), visit.console_errors  # the snapshot set aside


def test_a_script_by_a_digest_the_worker_does_not_hold_comes_from_the_server_however_slow(browser, built_site, tmp_path):
    """A new build's page, while the old build's worker is still in charge, asks for its scripts by
    the new digests. The old worker's precache has another build's file by those names: the server
    answers, even after the 3 s after which other files come from the precache, so the page's
    scripts are all of one build. (A slow server once gave a new page the old file.)"""
    site = shutil.copytree(built_site, tmp_path / "site")
    messages = "assets/javascripts/calculator-messages.mjs"
    slow_messages = HeldPage(messages)
    with serve_directory(site, before_answer=slow_messages.before_answer) as url, desktop_visit(browser) as visit:
        calculator = go_live(visit.page, url + CALCULATOR_PAGE)
        ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
        assert visit.page.evaluate("navigator.serviceWorker.controller !== null")

        # The new build's file, on the server alone; its digest is one the worker does not hold.
        for name in (site / f"{messages}.br", site / f"{messages}.gz"):
            name.unlink(missing_ok=True)
        (site / messages).write_text((site / messages).read_text(encoding="utf-8") + "\n// a new build\n", encoding="utf-8")
        digest = hashlib.md5((site / messages).read_bytes()).hexdigest()[:12]
        with slow_messages.held():
            visit.page.evaluate(f"() => {{ window.aqAsked = fetch('{url}{messages}?v={digest}').then((answer) => answer.text()); }}")
            visit.page.wait_for_timeout(4_000)
        assert visit.page.evaluate("window.aqAsked").endswith("// a new build\n")
        assert_clean(visit)


@pytest.mark.parametrize("without", ["blocked", "absent"])
def test_a_browser_without_service_workers_loses_nothing(browser, site_url, without):
    """Blocked: `register` does nothing; absent: there is no `navigator.serviceWorker` at all."""
    with desktop_visit(browser, service_workers="block" if without == "blocked" else "allow") as visit:
        if without == "absent":
            visit.page.add_init_script("delete Navigator.prototype.serviceWorker")
        calculator = go_live(visit.page, site_url + CALCULATOR_PAGE)
        calculator.type({"body_mass": "88"})
        calculator.expect_result_for({**DEFAULTS, "body_mass": "88"})
        ready_offline(calculator).to_be_hidden()
        assert visit.console_errors == []
        assert visit.page.evaluate("'caches' in self ? caches.keys() : []") == []


def test_the_preview_unregisters_a_worker_an_earlier_build_registered(browser, built_site, tmp_path, monkeypatch):
    """`make build` served on the writer's preview address, then `mkdocs serve` on the same one."""
    port = test_preview._free_port()
    with desktop_visit(browser) as visit:
        with serve_directory(built_site, port=port) as url:
            visit.page.goto(url + ARTICLE)
            visit.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            wait_until(visit.page, lambda: visit.page.evaluate("navigator.serviceWorker.controller !== null"),
                       "the published build's worker to take the page")

        monkeypatch.setattr(test_preview, "_free_port", lambda: port)
        with test_preview.preview_server(copy_of_project(tmp_path / "project")) as preview:
            assert preview == url
            test_preview._eventually(lambda: test_preview._fetch(url + ARTICLE) is not None, "the preview's build")
            assert 'name="aq-service-worker"' not in test_preview._fetch(url + ARTICLE)
            assert test_preview._fetch(url + "sw.js") is None  # the preview writes no worker
            # Answered by the old worker from its precache; the server's page is the preview's: the
            # worker leaves, and the page reloads into the preview by itself.
            visit.page.goto(url + ARTICLE)
            expect(visit.page.locator('meta[name="aq-service-worker"]')).to_have_count(0)
            assert "livereload" in visit.page.content()
            wait_until(visit.page, lambda: visit.page.evaluate("navigator.serviceWorker.getRegistrations()") == [],
                       "the old worker to leave")
            assert visit.page.evaluate("navigator.serviceWorker.controller") is None
            assert_clean(visit)  # before the preview stops, which its live-reload script reports


def test_a_build_without_workbox_stops_and_says_what_to_run(tmp_path):
    project = copy_of_project(tmp_path / "project")
    (project / "node_modules").unlink()
    (project / "node_modules").mkdir()
    (project / "node_modules" / "pyodide").symlink_to(PROJECT_ROOT / "node_modules" / "pyodide")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "workbox-build" in result.stderr and "make setup" in result.stderr
