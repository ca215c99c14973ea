"""How a build's time grows with articles: this project's build against plain MkDocs + Material on
the same pages, and how long a saved article takes to reach a 300-article preview.

    .venv/bin/python -m tests.bench.build_speed [--articles 300] [--runs 3] [--no-preview]

Makes a throwaway copy of the project (its code copied as it is at the start, so that edits made
meanwhile do not reach the later builds) with ARTICLES copies of the foot-strike article (each with its
own title, all in nav), then times, RUNS times each, median printed:

- `mkdocs build` with the project's config (macros, hooks, overrides, the published site's steps),
  and the same build as the preview makes it (without those steps: what each page costs);
- `mkdocs build` with a plain config: Material, the same Markdown extensions, nav and pages, the
  search plugin, and nothing of this project's (no macros, no hooks, no overrides);
- both again with no added article: what a build costs once, whatever its number of pages (the
  Python snapshot, found in the user's cache after the first build, and the published site's
  post-build steps over the runtime's files). The per-article cost is the difference.

The builds are interleaved (each run builds every variant once, in turn), so a change in the
machine's load falls on all of them alike; each build's processor time (its own and its children's:
the service worker's node, the snapshot) is printed beside its wall-clock time, and is the steadier
figure on a busy machine. Ratios are of medians.

Then `mkdocs serve --dirty` on the copy: an article is saved and its page polled until it changes.
Figures vary with the machine's load: compare within one run. Builds are not strict (`--no-strict`):
what is timed is the work, whatever a page's problems.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from macros.new_article import NewArticle, with_page_in_nav
from tests.pages.test_preview import _eventually, _fetch, preview_server
from tests.support.site import copy_of_project

FOOT_STRIKE = "running-mechanics/foot-strike.md"
FOOT_STRIKE_TITLE = "Why Your Foot Strike Isn’t Making You Faster (And What Actually Does)"
SECTION = "running-mechanics"
PROJECT_ONLY_SETTINGS = ("hooks", "extra_css", "extra_javascript", "watch")
CODE = ("calculators", "macros", "overrides")
"""The project's code, copied into the throwaway projects (node_modules is linked)."""
FIRST_BUILD_PATIENCE = 600
"""Seconds the preview's first build of every article may take on a loaded machine."""


@dataclass(frozen=True)
class Timing:
    """The runs of one build, in seconds (wall clock, and processor time where measured), and what
    stopped it if it failed."""

    runs: tuple[float, ...]
    failure: str = ""
    processor: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def processor_median(self) -> float:
        return statistics.median(self.processor) if self.processor else float("nan")

    def __str__(self) -> str:
        failed = f"  FAILED: {self.failure}" if self.failure else ""
        processor = f"; processor median {self.processor_median:6.2f} s" if self.processor else ""
        return f"median {self.median:6.2f} s  (runs: {', '.join(f'{run:.2f}' for run in self.runs)}){processor}{failed}"


def article_copy(original: str, number: int) -> tuple[NewArticle, str]:
    """The foot-strike article under another title (its calculator, dividers and FAQ kept)."""
    title = f"Article {number:03d} on Sprint Speed"
    return NewArticle(title, SECTION), original.replace(FOOT_STRIKE_TITLE, title)


def add_articles(project: Path, count: int) -> list[Path]:
    original = (project / "docs" / FOOT_STRIKE).read_text(encoding="utf-8")
    config_file = project / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    written = []
    for number in range(count):
        article, text = article_copy(original, number)
        path = project / "docs" / article.page
        path.write_text(text, encoding="utf-8")
        config = with_page_in_nav(config, article)
        written.append(path)
    config_file.write_text(config, encoding="utf-8")
    return written


def write_plain_config(project: Path) -> Path:
    """The project's config with nothing of the project's own: Material only, same pages."""
    with open(project / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)
    config["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    config["plugins"] = ["search"]
    for setting in PROJECT_ONLY_SETTINGS:
        config.pop(setting, None)
    plain = project / "mkdocs-plain.yml"
    plain.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plain


BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=False)
config.plugins.on_startup(command=sys.argv[3], dirty=False)
build(config)
"""
"""`mkdocs build`, told it is `serve` for a preview build: the hooks then skip the published site's
steps and its Python snapshot, which leaves what every page costs."""


@dataclass(frozen=True)
class Build:
    """One variant of the build: its config, and whether it is built as the preview builds."""

    config: Path
    as_preview: bool = False


def timed_build(build: Build, site: Path) -> tuple[float, float, str]:
    """Seconds of wall clock and of processor time for one build, and what stopped it if it failed:
    a failed build is timed too, the figures stay comparable only up to that point, so the failure
    is printed beside them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", BUILD, str(build.config), str(site), "serve" if build.as_preview else "build"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=build.config.parent, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    processor = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, processor, " ".join(finished.stderr.split())[-300:] if finished.returncode != 0 else ""


def interleaved(builds: dict[str, Build], site: Path, runs: int) -> dict[str, Timing]:
    """Every build once per run, in turn, `runs` times; each run starts one build further down
    the list, so that none is always the one built after a given other."""
    measured: dict[str, list[tuple[float, float, str]]] = {name: [] for name in builds}
    names = list(builds)
    for run in range(runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            measured[name].append(timed_build(builds[name], site))
    return {
        name: Timing(tuple(wall for wall, _, _ in done), next((f for _, _, f in done if f), ""),
                     tuple(processor for _, processor, _ in done))
        for name, done in measured.items()
    }


def timed_compression(site: Path, cache_folder: Path) -> float:
    """The published site's compression step alone, on a built site, with an empty cache: what it
    costs when every page has changed (a new article changes every page's nav)."""
    from macros import compression

    start = time.perf_counter()
    compression.precompress(site, compression.CompressionCache(cache_folder))
    return time.perf_counter() - start


def save_to_preview(project: Path, article: Path, runs: int) -> Timing:
    """Seconds from saving `article` to its served page showing the change, under `serve --dirty`."""
    page = article.relative_to(project / "docs").with_suffix("").as_posix() + "/"
    times = []
    with preview_server(project, output=[], extra_arguments=("--dirty",)) as url:
        _eventually(lambda: "Most Runners Start With the Foot" in (_fetch(url + page) or ""), "the first build",
                    patience=FIRST_BUILD_PATIENCE)
        text = article.read_text(encoding="utf-8")
        for run in range(runs):
            marker = f"Saved for the benchmark, time {run}."
            start = time.perf_counter()
            article.write_text(text.replace("Want to run faster?", marker), encoding="utf-8")
            _eventually(lambda: marker in (_fetch(url + page) or ""), "the saved article")
            times.append(time.perf_counter() - start)
            time.sleep(1)  # let the watcher settle before the next save
    return Timing(tuple(times))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-preview", dest="preview", action="store_false")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aq-build-speed-") as scratch:
        base = copy_of_project(Path(scratch) / "base", copied=CODE)
        base_plain = write_plain_config(base)
        project = copy_of_project(Path(scratch) / "project", copied=CODE)
        articles = add_articles(project, arguments.articles)
        plain = write_plain_config(project)
        site = Path(scratch) / "site"
        many = f"{arguments.articles} articles"
        figures = interleaved({
            "plain, no added article": Build(base_plain),
            "pages, no added article": Build(base / "mkdocs.yml", as_preview=True),
            "published, no added article": Build(base / "mkdocs.yml"),
            f"plain, {many}": Build(plain),
            f"pages, {many}": Build(project / "mkdocs.yml", as_preview=True),
            f"published, {many}": Build(project / "mkdocs.yml"),
        }, site, arguments.runs)
        print("plain: MkDocs + Material; pages: this project without the published site's steps;")
        print("published: this project's `mkdocs build` (snapshot from the cache, service worker, CSP, compression)")
        for name, timing in figures.items():
            print(f"{name:32} {timing}")
        for figure, unit in (("median", "wall clock"), ("processor_median", "processor time")):
            theirs = getattr(figures[f"plain, {many}"], figure)
            once_theirs = getattr(figures["plain, no added article"], figure)
            print(f"in {unit}:")
            for who in ("pages", "published"):
                ours, once_ours = getattr(figures[f"{who}, {many}"], figure), getattr(figures[f"{who}, no added article"], figure)
                print(f"  {who}: {ours / theirs:.2f}x plain's whole build; per article "
                      f"{(ours - once_ours) / (theirs - once_theirs):.2f}x "
                      f"({(ours - once_ours) / arguments.articles * 1000:.0f} ms vs "
                      f"{(theirs - once_theirs) / arguments.articles * 1000:.0f} ms); once per build {once_ours:.2f} s "
                      f"(plain {once_theirs:.2f} s)")
        for who in ("pages", "published"):
            ours, theirs = figures[f"{who}, {many}"], figures[f"plain, {many}"]
            for unit, mine, plains in (("wall clock", ours.runs, theirs.runs), ("processor", ours.processor, theirs.processor)):
                ratios = [one / other for one, other in zip(mine, plains)]
                print(f"{who} / plain, {many}, run by run ({unit}): {', '.join(f'{ratio:.2f}x' for ratio in ratios)}; "
                      f"median {statistics.median(ratios):.2f}x")
        timed_build(Build(plain), site)  # the plain pages, to compress as the published build would
        print(f"compressing {arguments.articles} plain pages' site (published build's last step, empty cache): "
              f"{timed_compression(site, Path(scratch) / 'compressed'):.2f} s")
        if arguments.preview:
            print(f"save to preview (serve --dirty, {arguments.articles} articles): "
                  f"{save_to_preview(project, articles[len(articles) // 2], arguments.runs)}")


if __name__ == "__main__":
    main()
