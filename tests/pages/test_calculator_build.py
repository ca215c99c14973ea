"""What the build puts in the site for the calculators: the embedded form with its worked example,
the wheel under a fingerprinted path, the self-hosted Pyodide under its version, and the builds
that must be refused."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path, PurePosixPath
import urllib.parse
from urllib.parse import urljoin, urlsplit

import pytest

import calculators
from macros import python_runtime
from tests.pages.article_page import FOOT_STRIKE, soup_of
from tests.support.calculator_markup import canonical
from tests.support.site import CALCULATORS_ZIP, PROJECT_ROOT, PYTHON_ZIP, build_site, copy_of_project, mkdocs_build

SLUG = "strength_balance"
CALCULATOR_PAGE = Path("calculators/strength-balance/index.html")
PYODIDE_VERSION = json.loads((PROJECT_ROOT / "node_modules/pyodide/package.json").read_text())["version"]
PYODIDE_FILES = {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"}
COMPILE_HINT = "//# allFunctionsCalledOnLoad"  # V8's: compile every function as the file arrives


def node_modules_stdlib() -> Path:
    return PROJECT_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


def section_of(site: Path, page: Path):
    section = soup_of(site, page).select_one(f"section.aq-calc[data-calculator={SLUG}]")
    assert section is not None, f"no {SLUG} calculator in {page}"
    return section


def resolve(site: Path, page: Path, relative_url: str) -> Path:
    """The file a page-relative URL points at (as a browser resolves it from the page's address)."""
    return site / urlsplit(urljoin(f"http://site/{page.as_posix()}", relative_url)).path.lstrip("/")


@pytest.mark.parametrize("page", [FOOT_STRIKE, CALCULATOR_PAGE])
def test_the_page_carries_the_form_and_the_python_result_for_the_defaults(built_site, page):
    section = section_of(built_site, page)
    form = section.select_one("form.aq-calc__form")
    values = {control["name"]: control.get("value", "") for control in form.select("input[type=text]")}
    assert values == {name: text for name, text in calculators.defaults(SLUG).items() if name in values}
    result = section.select_one(".aq-calc__result")
    assert canonical(result.decode_contents()) == canonical(calculators.run(SLUG, {})["html"])
    # The page script announces a summary of each new result, not the whole result (the tables).
    assert not section.select("[aria-live]")
    assert section.select_one(".aq-calc__status")["tabindex"] == "-1"  # Retry gives it the focus
    assert section.select_one(".aq-calc__status").get_text() == "Example result for the values shown."


def test_the_form_is_accessible_as_written(built_site):
    form = section_of(built_site, FOOT_STRIKE).select_one("form")
    for control in form.select("input[type=text]"):
        assert form.select_one(f"label[for='{control['id']}']"), control["id"]
        # a duration, which may be typed as minutes:seconds, needs the full keyboard for its colon
        duration = control["name"].endswith(("torso_left", "torso_right", "sprint_time"))
        assert control["inputmode"] == ("text" if duration else "decimal")
        assert f"{control['id']}-error" in control["aria-describedby"].split()
    assert form.select("fieldset.aq-pair legend")


def test_the_calculator_page_explains_the_model(built_site):
    page = soup_of(built_site, CALCULATOR_PAGE)
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert "model, not a measurement" in text
    assert "Strength Balance = 100 × min(" in text
    assert page.select(".aq-explanation__sources li")


def test_the_wheel_and_pyodide_are_in_the_site_under_versioned_paths(built_site):
    pyodide = built_site / "assets" / "pyodide" / PYODIDE_VERSION
    # Only the runtime files (with their precompressed copies): no source maps, no consoles, and
    # neither the package index nor the whole standard library, which no reader's Python reads.
    assert {path.name.removesuffix(".br").removesuffix(".gz") for path in pyodide.iterdir()} == PYODIDE_FILES
    npm_package = PROJECT_ROOT / "node_modules" / "pyodide"
    assert (pyodide / "pyodide.mjs").read_bytes() == (npm_package / "pyodide.mjs").read_bytes()
    # the Emscripten module, as the npm package has it, after V8's hint to compile it as it loads
    assert (pyodide / "pyodide.asm.mjs").read_bytes() == f"{COMPILE_HINT}\n".encode() + (npm_package / "pyodide.asm.mjs").read_bytes()
    wheels = list((built_site / "assets" / "calculators").glob("*/*.whl"))
    assert len(wheels) == 1 and wheels[0].name.endswith("-py3-none-any.whl")
    beside = {path.name for path in wheels[0].parent.iterdir()}
    assert {PYTHON_ZIP, CALCULATORS_ZIP, "empty.zip", f"pyodide-{PYODIDE_VERSION}.snapshot.gz"} <= beside
    # python.zip: the standard library Pyodide's own start uses; calculators.zip: the calculators
    # and the rest of the standard library they use; both compiled
    with zipfile.ZipFile(wheels[0].parent / PYTHON_ZIP) as python:
        at_start = python.namelist()
    with zipfile.ZipFile(wheels[0].parent / CALCULATORS_ZIP) as later:
        for_calculators = later.namelist()
    assert {"encodings/__init__.pyc", "json/__init__.pyc", "asyncio/__init__.pyc"} <= set(at_start)
    assert not [name for name in at_start if name.startswith("calculators/")]
    assert {"tomllib/__init__.pyc", "statistics.pyc", "calculators/__init__.pyc",
            "calculators/strength_balance/parameters.toml"} <= set(for_calculators)
    assert not set(at_start) & set(for_calculators)
    names = at_start + for_calculators
    assert not [name for name in names if name.endswith(".py")]  # nothing left to compile
    with zipfile.ZipFile(node_modules_stdlib()) as whole:
        assert len(names) < len(whole.namelist()) / 2  # only what the calculators use
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
    assert "calculators/__init__.py" in names and "calculators/strength_balance/parameters.toml" in names
    assert not any(PurePosixPath(name).parts[0] in {"macros", "tests", "docs"} for name in names)


def head_start(site: Path, page: Path) -> dict | None:
    """What the page's head script starts the worker with (None: no such script): its data-
    attributes, the runtime's addresses, and its calculators [[slug, leads], …]; checked to be an
    `async` module, which the browser runs in a task of its own rather than in the page's parsing,
    and to come before every style."""
    head = soup_of(site, page).head
    script = head.find("script", id="aq-early-start")
    if script is None:
        return None
    assert script.get("type") == "module" and script.has_attr("async")
    styles = head.find_all("link", rel="stylesheet")
    assert styles and all(script.sourceline < style.sourceline or (script.sourceline == style.sourceline and script.sourcepos < style.sourcepos) for style in styles)
    urls = {name: value for name, value in script.attrs.items() if name.startswith("data-")}
    return {"urls": urls, "calculators": json.loads(script.get_text().rsplit("})(", 1)[1].removesuffix(");"))}


def test_a_page_with_a_calculator_starts_its_worker_and_pyodides_downloads_from_its_head(built_site):
    calculator_page = head_start(built_site, CALCULATOR_PAGE)
    section = section_of(built_site, CALCULATOR_PAGE)
    assert calculator_page["calculators"] == [[SLUG, True]]
    assert calculator_page["urls"] == {name: section[name] for name in ("data-worker-url", "data-pyodide-url", "data-snapshot-url")}
    assert "calculator-worker.mjs?v=" in calculator_page["urls"]["data-worker-url"]  # by its digest: from the precache
    assert urljoin("https://example.org/calculators/strength-balance/", calculator_page["urls"]["data-pyodide-url"]).endswith(
        f"/assets/pyodide/{PYODIDE_VERSION}/"
    )
    # the article starts them only for an address at the calculator or with its inputs
    article = head_start(built_site, FOOT_STRIKE)
    assert article["calculators"] == [[SLUG, False]]
    assert article["urls"]["data-pyodide-url"] == f"../../assets/pyodide/{PYODIDE_VERSION}/"
    assert head_start(built_site, Path("index.html")) is None


def test_the_page_script_and_the_modules_it_imports_are_compiled_as_they_arrive(built_site):
    # On a first visit their functions were compiled on the page's thread at the first result.
    scripts = built_site / "assets" / "javascripts"
    page_script = (scripts / "calculators.js").read_text(encoding="utf-8")
    imported = re.findall(r'^import .* from "\./([\w-]+\.mjs)\?v=[0-9a-f]+";$', page_script, re.MULTILINE)
    assert sorted(imported) == ["calculator-messages.mjs", "every-page.mjs", "update-in-place.mjs"]
    for name in ["calculators.js", *imported]:
        assert (scripts / name).read_text(encoding="utf-8").splitlines()[0] == COMPILE_HINT, name


@pytest.mark.parametrize("page", [FOOT_STRIKE, CALCULATOR_PAGE])
def test_the_runtime_urls_work_from_the_page_at_any_depth_and_site_path(built_site, page):
    section = section_of(built_site, page)
    for attribute in ("data-worker-url", "data-wheel-url"):
        assert not section[attribute].startswith(("/", "http")), "relative, so any sub-path works"
        assert resolve(built_site, page, section[attribute]).is_file(), attribute
    pyodide = resolve(built_site, page, section["data-pyodide-url"])
    assert pyodide.name == PYODIDE_VERSION and (pyodide / "pyodide.mjs").is_file()


def test_a_change_to_a_calculator_changes_the_wheel_url(tmp_path):
    project = copy_of_project(tmp_path / "project", copied=("calculators",))
    first = build_site(project, tmp_path / "first")
    (project / "calculators" / "__init__.py").write_text(
        (project / "calculators" / "__init__.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    second = build_site(project, tmp_path / "second")
    urls = [section_of(site, CALCULATOR_PAGE)["data-wheel-url"] for site in (first, second)]
    assert urls[0] != urls[1]
    for site, url in zip((first, second), urls):
        assert resolve(site, CALCULATOR_PAGE, url).is_file()
    assert not resolve(second, CALCULATOR_PAGE, urls[0]).exists(), "a rebuild ships only the current wheel"


@pytest.mark.parametrize(
    ("call", "said"),
    [
        ('calculator("no_such_calculator")', ["no calculator called 'no_such_calculator'", SLUG]),
        ('calculator("strength_balance", bodymass=80)', ["no input called 'bodymass'", "body_mass"]),
        ('calculator("strength_balance", body_mass=500)', ["Body mass must be between 30 and 200 kg"]),
        # The article already holds this calculator: its ids and shared address are named after it.
        ('calculator("strength_balance")', ["already on this page"]),
    ],
)
def test_a_calculator_call_that_cannot_work_fails_the_build_naming_the_page(tmp_path, call, said):
    project = copy_of_project(tmp_path / "project")
    article = project / "docs" / "running-mechanics" / "foot-strike.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n{{ " + call + " }}\n", encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    for words in ["running-mechanics/foot-strike.md", *said]:
        assert words in result.stderr


def test_a_missing_pyodide_fails_the_build_saying_what_to_run(tmp_path):
    project = copy_of_project(tmp_path / "project")
    (project / "node_modules").unlink()
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "make setup" in result.stderr and "npm ci" in result.stderr


def test_the_squad_page_offers_every_calculator_with_its_template_and_its_page(built_site):
    page = Path("calculators/squad/index.html")
    section = soup_of(built_site, page).select_one("section.aq-squad")
    choices = json.loads(section["data-choices"])
    assert [choice["slug"] for choice in choices] == list(calculators.available())
    for choice in choices:
        assert resolve(built_site, page, choice["page"] + "index.html").is_file(), choice["page"]
        template = urllib.parse.unquote(choice["template"].removeprefix("data:text/csv;charset=utf-8,"))
        assert template == calculators.table_template(choice["slug"])
    assert "never uploaded" in section.select_one(".aq-squad__privacy").get_text()


def test_the_zips_a_normal_start_reads_are_named_by_the_pyodide_and_the_scripts_that_made_them(monkeypatch):
    """Their folder is named by the calculators alone, and cached for good: bytecode of another
    Python, or modules split otherwise, must come at a new address."""
    assert (PYTHON_ZIP, CALCULATORS_ZIP) == (
        f"python-{PYODIDE_VERSION}-{python_runtime.scripts_fingerprint()}.zip",
        f"calculators-{PYODIDE_VERSION}-{python_runtime.scripts_fingerprint()}.zip",
    )
    assert set(python_runtime.zip_names("315.0.0")).isdisjoint({PYTHON_ZIP, CALCULATORS_ZIP})
    monkeypatch.setattr(python_runtime, "scripts_fingerprint", lambda: "0123456789ab")
    assert python_runtime.zip_names("314.0.7") == ("python-314.0.7-0123456789ab.zip", "calculators-314.0.7-0123456789ab.zip")
