"""Precompressed copies of the published site: `FILE.br` and `FILE.gz` beside every file worth it.

Why: a reader's first visit to a calculator fetches Pyodide's core, 13.5 MB as files but about
5.5 MB with brotli, and on a real network bytes decide how soon the calculator goes live. Static
hosts that find `FILE.br` or `FILE.gz` beside a file send it, with `Content-Encoding`, to a
browser that accepts it (nginx's `gzip_static` and `brotli_static`, Caddy's `file_server
precompressed`); hosts that compress on the fly use fast, weaker settings, or skip large files.
Compressing once at build time gets the strongest settings for every reader.

Brotli at quality 11 is also the slowest: about 45 s for `pyodide.asm.wasm` on a 2-core machine.
It is kept for the files that never change at their address (`encodings_for`); pages and the
search index, which change with the site's content, get quality 8. Every compressed copy is kept
in a cache in the user's cache folder, named by the SHA-256 of what it compresses and by the
settings, and shared by every copy of the project on the machine (the tests build throwaway
copies): Pyodide's files are compressed once per machine and release.

Only text (pages, CSS, scripts, JSON, XML, SVG, source maps), WebAssembly and zips get copies,
above 1 KiB, and only where the copy is under 90 % of the original. Files that are compressed
already (the wheel, images, fonts, the gzip memory snapshot) are not listed, so they are left as
they are.

A zip's copies hold the same files, in the same order and with the same names and times, stored
instead of deflated (`stored_zip`): one stream over all of them compresses far better than each
file on its own. The standard library a normal start in the browser reads, `python.zip`, is 806 kB
deflated and 550 kB as brotli over the stored zip; `calculators.zip` 269 and 175 kB. A browser
that gets a copy unpacks a stored zip (Python's `zipimport` reads either, with no inflating), and
a host that sends no copies sends the deflated zip as before.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import os
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli

from macros.deploy import FINGERPRINTED_FOLDERS

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".wasm", ".zip"})
"""Suffixes of the files that compress well: text, WebAssembly's code, and zips (as stored zips)."""
SMALLEST = 1024
"""Bytes: a smaller file fits in a packet or two whichever way it is sent."""
WORTH_IT = 0.9
"""A copy is written only when it is under this share of the original's size."""
UNUSED_DAYS = 30
"""A cache entry no build has read for this long is deleted (the cache keeps itself bounded)."""


@dataclass(frozen=True)
class Encoding:
    """An HTTP content coding: its `Content-Encoding` name, its copy's suffix, and how it is made."""

    name: str
    suffix: str
    settings: str
    """Names the library version and the levels, in the cache's entries: new settings, new entries."""
    compress: Callable[[bytes], bytes]


def _brotli(quality: int, window_bits: int = 24, block_bits: int = 0) -> Callable[[bytes], bytes]:
    """Brotli at `quality`, with a window of 2**window_bits bytes and input blocks of
    2**block_bits (0: the encoder chooses)."""
    return lambda data: brotli.compress(data, quality=quality, lgwin=window_bits, lgblock=block_bits)


def _gzip(data: bytes) -> bytes:
    """Level 9 with the time stamp zeroed, so the same file always gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


BROTLI = Encoding("br", ".br", f"brotli{brotli.__version__}-q8-w24", _brotli(8))
"""For the files that change with the site's content (pages, the search index): on a page of a
300-article site (199 kB) quality 11 takes 590 ms, 9 takes 24 ms and 8 takes 5 ms, for 16.6, 18.8
and 18.9 kB; the 9.4 MB search index of that site takes 2.9 s at quality 11, 0.07 s at 8."""
BROTLI_ONCE = Encoding("br", ".br", f"brotli{brotli.__version__}-q11-w21-b16", _brotli(11, window_bits=21, block_bits=16))
"""For the files that never change at their address (Pyodide, the calculators' folder): the
smallest copy, made once per machine and release and kept in the cache, however slow (about 50 s
for `pyodide.asm.wasm`). The window and block sizes are those that made `pyodide.asm.wasm` (314.0.7)
smallest: 2,712,369 bytes, against 2,766,607 with a 16 MiB window and blocks of the encoder's
choosing (windows of 2**20 to 2**24 and blocks of 2**16 to 2**24 tried: larger was not smaller).
The other files' copies came out within 0.1 % either way."""
GZIP = Encoding("gzip", ".gz", f"zlib{zlib.ZLIB_RUNTIME_VERSION}-9", _gzip)
ENCODINGS = (BROTLI, GZIP)


def encodings_for(site_path: str) -> tuple[Encoding, ...]:
    """The copies a file of the site gets, by its path in the site ("assets/pyodide/…")."""
    return (BROTLI_ONCE if site_path.startswith(FINGERPRINTED_FOLDERS) else BROTLI, GZIP)


@dataclass(frozen=True)
class CompressedCopy:
    """A copy written beside a site file: what a host sends to a browser accepting `encoding`."""

    original: Path
    path: Path
    encoding: str
    original_size: int
    size: int


@dataclass(frozen=True)
class CompressionCache:
    """Compressed bytes, kept across builds by what they compress and how.

    An entry is named by its content, so a stale entry is never wrong, only unused; entries are
    written whole (a temporary file renamed into place), so builds running side by side share the
    folder safely.
    """

    folder: Path

    @classmethod
    def for_this_user(cls) -> CompressionCache:
        """`$XDG_CACHE_HOME` (or `~/.cache`) `/aq-sprint-speed/precompressed/`."""
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return cls(Path(base) / "aq-sprint-speed" / "precompressed")

    def entry(self, data: bytes, encoding: Encoding) -> Path:
        """Where the copy of `data` made with `encoding` is kept."""
        return self.folder / f"{hashlib.sha256(data).hexdigest()}-{encoding.settings}{encoding.suffix}"

    def compressed(self, data: bytes, encoding: Encoding) -> bytes:
        """`data` compressed with `encoding`: from the cache when it holds it, else made and kept."""
        entry = self.entry(data, encoding)
        try:
            kept = entry.read_bytes()
        except OSError:
            made = encoding.compress(data)
            self._keep(entry, made)
            return made
        with contextlib.suppress(OSError):
            os.utime(entry)  # read now: not unused, whatever its age
        return kept

    def _keep(self, entry: Path, data: bytes) -> None:
        """Store an entry; a cache folder that cannot be written costs time, never the build."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".partial-", delete=False) as part:
                part.write(data)
            os.replace(part.name, entry)

    def forget_unused(self, days: int = UNUSED_DAYS) -> None:
        """Delete the entries (and any partial files) no build has read for `days` days."""
        oldest = time.time() - days * 86_400
        for entry in self.folder.glob("*"):
            with contextlib.suppress(OSError):  # another build may have deleted it first
                if entry.stat().st_mtime < oldest:
                    entry.unlink()


def precompress(site_dir: Path, cache: CompressionCache | None = None) -> tuple[CompressedCopy, ...]:
    """Write `.br` and `.gz` copies beside every file of `site_dir` worth compressing, and say
    which. Run it last: it compresses the files as the build's other steps left them."""
    cache = cache or CompressionCache.for_this_user()
    copies = tuple(
        copy for path in files_to_compress(site_dir)
        for copy in compress_file(path, cache, encodings_for(path.relative_to(site_dir).as_posix()))
    )
    cache.forget_unused()  # after: what this build read is fresh again, however old
    return copies


def files_to_compress(site_dir: Path) -> list[Path]:
    """The site's files of a compressible type and at least `SMALLEST` bytes, in a stable order."""
    return sorted(
        path for path in site_dir.rglob("*")
        if path.is_file() and path.suffix.lower() in COMPRESSIBLE and path.stat().st_size >= SMALLEST
    )


def stored_zip(data: bytes) -> bytes:
    """The zip `data` with every file stored instead of compressed: the same files, order, names,
    times and attributes, so the same bytes come out whichever of the two is read."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(packed, "w", zipfile.ZIP_STORED) as stored:
        stored.comment = original.comment
        for member in original.infolist():
            stored.writestr(member, original.read(member), compress_type=zipfile.ZIP_STORED)
    return packed.getvalue()


def compress_file(path: Path, cache: CompressionCache, encodings: tuple[Encoding, ...] = ENCODINGS) -> Iterator[CompressedCopy]:
    """Write each encoding's copy of `path` beside it, where that copy is worth it (a zip's
    copies: of the zip with its files stored, `stored_zip`)."""
    original = path.read_bytes()
    data = stored_zip(original) if path.suffix.lower() == ".zip" else original
    for encoding in encodings:
        compressed = cache.compressed(data, encoding)
        if len(compressed) < WORTH_IT * len(original):
            copy = path.with_name(path.name + encoding.suffix)
            copy.write_bytes(compressed)
            yield CompressedCopy(path, copy, encoding.name, len(original), len(compressed))
