"""The published site carries brotli and gzip copies of the files worth compressing, each giving
back the original's exact bytes; and a host set up as README.md's publishing recipe says (the test
server with `CDN`) sends each browser the copy it accepts, with the original's type."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import brotli
import pytest

from macros.compression import BROTLI, ENCODINGS, GZIP, CompressionCache, encodings_for, precompress
from tests.pages.article_page import FOOT_STRIKE
from tests.pages.test_calculator_build import CALCULATOR_PAGE, PYODIDE_VERSION
from tests.support.site import CALCULATORS_ZIP, CDN, IMMUTABLE, PYTHON_ZIP, serve_directory

PYODIDE = Path("assets/pyodide") / PYODIDE_VERSION
WASM = PYODIDE / "pyodide.asm.wasm"
EMSCRIPTEN_MODULE = PYODIDE / "pyodide.asm.mjs"
DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}


def compressed_files(site: Path) -> list[Path]:
    """Files that must have copies: Pyodide's core, pages, the CSS and the scripts."""
    return [
        WASM, EMSCRIPTEN_MODULE, Path("index.html"), FOOT_STRIKE, CALCULATOR_PAGE,
        Path("assets/stylesheets/calculators.css"), Path("assets/javascripts/calculators.js"),
        Path("assets/javascripts/calculator-worker.mjs"),
        *(path.relative_to(site) for path in site.glob("assets/stylesheets/main.*.min.css")),
        *(path.relative_to(site) for path in site.glob("assets/javascripts/bundle.*.min.js")),
    ]


def fetch(url: str, accept_encoding: str | None) -> tuple[Message, bytes]:
    """GET `url` with exactly this Accept-Encoding (none when None): the headers and the raw body."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding is not None else {}
    with urlopen(Request(url, headers=headers), timeout=30) as response:
        return response.headers, response.read()


@pytest.fixture(scope="module")
def cdn_url(built_site: Path) -> Iterator[str]:
    with serve_directory(built_site, recipe=CDN) as url:
        yield url


def test_files_worth_it_get_copies_that_give_back_the_exact_bytes(built_site):
    files = compressed_files(built_site)
    assert len(files) == 10, files  # Material's CSS and bundle were found
    for path in files:
        original = (built_site / path).read_bytes()
        for encoding in ENCODINGS:
            copy = (built_site / path).with_name(path.name + encoding.suffix)
            assert copy.is_file(), f"no {copy.name}"
            assert DECOMPRESS[encoding.name](copy.read_bytes()) == original, copy.name
            assert copy.stat().st_size < 0.9 * len(original)


def test_compressed_files_get_no_copies(built_site):
    already_compressed = [
        *built_site.glob("assets/calculators/*/*.whl"),
        *built_site.glob("assets/calculators/*/*.snapshot.gz"),
    ]
    assert len(already_compressed) == 2
    for path in already_compressed:
        assert [copy.name for copy in path.parent.glob(path.name + ".*")] == []
    copies_of_copies = [path for path in built_site.rglob("*") if path.suffixes[-2:] in ([".br", ".gz"], [".gz", ".br"], [".br", ".br"])]
    assert copies_of_copies == []


@pytest.mark.parametrize("name", [PYTHON_ZIP, CALCULATORS_ZIP])
def test_the_python_zips_copies_hold_the_same_files_stored(built_site, name):
    # One brotli stream over the stored files beats each file deflated on its own (806 kB against
    # 550 kB for python.zip); a host without copies sends the deflated zip itself.
    [original] = built_site.glob(f"assets/calculators/*/{name}")
    copy = original.with_name(name + ".br")
    assert copy.stat().st_size < 0.8 * original.stat().st_size
    with zipfile.ZipFile(original) as deflated, zipfile.ZipFile(io.BytesIO(brotli.decompress(copy.read_bytes()))) as stored:
        assert [member.filename for member in stored.infolist()] == [member.filename for member in deflated.infolist()]
        assert {member.compress_type for member in stored.infolist()} == {zipfile.ZIP_STORED}
        assert {member.compress_type for member in deflated.infolist()} == {zipfile.ZIP_DEFLATED}
        for member in deflated.infolist():
            assert stored.read(member.filename) == deflated.read(member), member.filename
            assert stored.getinfo(member.filename).date_time == member.date_time
    gzip_copy = original.with_name(name + ".gz")
    if gzip_copy.exists():  # only where it is under 90 % of the zip (calculators.zip's is)
        assert zipfile.ZipFile(io.BytesIO(gzip.decompress(gzip_copy.read_bytes()))).namelist() == zipfile.ZipFile(original).namelist()


@pytest.mark.parametrize(("accept_encoding", "sent"), [
    ("gzip, deflate, br, zstd", "br"),  # what Chromium sends
    ("gzip, deflate", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("identity", None),
    (None, None),
])
@pytest.mark.parametrize(("path", "content_type"), [
    (WASM, "application/wasm"),
    (EMSCRIPTEN_MODULE, "text/javascript"),
    (CALCULATOR_PAGE, "text/html"),
])
def test_the_host_sends_the_copy_the_browser_accepts(built_site, cdn_url, path, content_type, accept_encoding, sent):
    url = cdn_url + path.as_posix().removesuffix("index.html")  # pages by their address
    headers, body = fetch(url, accept_encoding)
    assert headers.get("Content-Encoding") == sent
    assert headers["Content-Type"].startswith(content_type)
    assert headers["Content-Length"] == str(len(body))
    assert headers["Vary"] == "Accept-Encoding"
    decoded = DECOMPRESS[sent](body) if sent else body
    assert decoded == (built_site / path).read_bytes()


@pytest.mark.parametrize("accept_encoding", ["gzip, deflate, br, zstd", "identity"])
def test_a_page_asked_for_again_unchanged_is_not_sent_again(cdn_url, accept_encoding):
    # As nginx answers a browser revalidating a page it has (a second visit, `Cache-Control:
    # no-cache`), whether the copy or the file itself was sent.
    url = cdn_url + CALCULATOR_PAGE.as_posix().removesuffix("index.html")
    headers, _ = fetch(url, accept_encoding)
    asked_again = {"Accept-Encoding": accept_encoding, "If-Modified-Since": headers["Last-Modified"]}
    with pytest.raises(HTTPError) as answer:
        urlopen(Request(url, headers=asked_again), timeout=30)
    assert answer.value.code == 304
    assert answer.value.read() == b""


@pytest.mark.parametrize(("pattern", "cache_control"), [
    ("assets/pyodide/*/pyodide.asm.wasm", IMMUTABLE),
    (f"assets/calculators/*/{PYTHON_ZIP}", IMMUTABLE),
    ("assets/calculators/*/*.snapshot.gz", IMMUTABLE),
    ("assets/calculators/*/*.whl", IMMUTABLE),
    ("calculators/strength-balance/index.html", "no-cache"),
    ("index.html", "no-cache"),
    ("assets/javascripts/calculators.js", "no-cache"),
])
def test_fingerprinted_files_are_cached_for_a_year_and_the_rest_revalidated(built_site, cdn_url, pattern, cache_control):
    path = next(built_site.glob(pattern)).relative_to(built_site)
    headers, _ = fetch(cdn_url + path.as_posix(), "gzip, deflate, br")
    assert headers["Cache-Control"] == cache_control


def test_the_default_server_sends_the_files_as_they_are(built_site, site_url):
    headers, body = fetch(site_url + EMSCRIPTEN_MODULE.as_posix(), "gzip, deflate, br")
    assert "Content-Encoding" not in headers and "Cache-Control" not in headers and "Vary" not in headers
    assert body == (built_site / EMSCRIPTEN_MODULE).read_bytes()


def test_the_build_keeps_pyodides_copies_in_the_users_cache(built_site):
    wasm = (built_site / WASM).read_bytes()
    for encoding in encodings_for(WASM.as_posix()):
        entry = CompressionCache.for_this_user().entry(wasm, encoding)
        assert entry.read_bytes() == (built_site / WASM).with_name(WASM.name + encoding.suffix).read_bytes()


def small_site(built_site: Path, destination: Path) -> Path:
    """A few of the built site's pages and styles, without their copies: quick to compress."""
    for path in (Path("index.html"), CALCULATOR_PAGE, Path("assets/stylesheets/calculators.css")):
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built_site / path, destination / path)
    return destination


def test_a_rerun_writes_the_same_bytes_as_the_build(built_site, tmp_path):
    site = small_site(built_site, tmp_path / "site")
    cache = CompressionCache(tmp_path / "cache")
    first = precompress(site, cache)
    assert len(first) == 6
    for copy in first:  # an empty cache makes the same bytes as the build did
        assert copy.path.read_bytes() == (built_site / copy.path.relative_to(site)).read_bytes()
        assert cache.entry(copy.original.read_bytes(), BROTLI if copy.encoding == "br" else GZIP).is_file()
    second = precompress(site, cache)
    assert second == first


def test_a_rerun_takes_its_bytes_from_the_cache(built_site, tmp_path):
    site = small_site(built_site, tmp_path / "site")
    cache = CompressionCache(tmp_path / "cache")
    precompress(site, cache)
    page = (site / CALCULATOR_PAGE).read_bytes()
    quicker = brotli.compress(page, quality=4)  # another valid brotli of the same page, planted
    cache.entry(page, BROTLI).write_bytes(quicker)

    precompress(site, cache)
    assert (site / CALCULATOR_PAGE).with_name("index.html.br").read_bytes() == quicker


def test_entries_no_build_read_for_thirty_days_are_forgotten(built_site, tmp_path):
    site = small_site(built_site, tmp_path / "site")
    cache = CompressionCache(tmp_path / "cache")
    precompress(site, cache)
    page = (site / CALCULATOR_PAGE).read_bytes()
    planted = brotli.compress(page, quality=4)
    cache.entry(page, BROTLI).write_bytes(planted)
    forgotten = cache.folder / f"{'0' * 64}-{BROTLI.settings}.br"  # a page that has since changed
    forgotten.write_bytes(brotli.compress(b"an old page"))
    month_ago = time.time() - 31 * 86_400
    for entry in (forgotten, cache.entry(page, BROTLI)):
        os.utime(entry, (month_ago, month_ago))

    precompress(site, cache)
    assert not forgotten.exists()
    assert cache.entry(page, BROTLI).read_bytes() == planted  # as old, but this build read it
