"""python.zip and calculators.zip, the Python a normal start in the reader's browser reads, keep
what a bug report needs.

The build compiles the standard library it keeps and the calculators to bytecode without column
positions (macros/python_warm_up.mjs: WITHOUT_COLUMNS), a quarter fewer bytes to download, and the
standard library also without line numbers (macros/make_python_zip.mjs: `_without_lines`). A
traceback from the published site must still name the calculators' file and line, so here Pyodide
under Node starts with the published python.zip alone and then calculators.zip on sys.path, as the
worker's normal start does, and a calculator raises, and so does the standard library.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import calculators
from tests.support.site import CALCULATORS_ZIP, PYTHON_ZIP

pytestmark = pytest.mark.pyodide

PYODIDE = Path(__file__).resolve().parents[2] / "node_modules" / "pyodide" / "pyodide.mjs"

# Starts Python as the worker does, and reports where run_json raised.
SCRIPT = """
import { readFileSync } from "node:fs";
const [pyodideModule, pythonZip, calculatorsZip] = process.argv.slice(1);
const { loadPyodide } = await import(pyodideModule);
const pyodide = await loadPyodide({ stdLibURL: pythonZip, stdout: () => {}, stderr: () => {} });
pyodide.FS.writeFile("/lib/calculators.zip", new Uint8Array(readFileSync(calculatorsZip)));
process.stdout.write(pyodide.runPython(`
import sys
sys.path.append("/lib/calculators.zip")
import json, traceback, calculators
try:
    calculators.run_json("", "[]")
except TypeError as error:
    frame = traceback.extract_tb(error.__traceback__)[-1]
positions = list(calculators.run_json.__code__.co_positions())
try:
    json.loads("{")
except ValueError as error:
    standard_library = [[each.filename, each.lineno] for each in traceback.extract_tb(error.__traceback__)[1:]]
    formatted = traceback.format_exc()
import dataclasses
json.dumps({
    "dataclass methods": {"found": dataclasses.exec.found, "missed": dataclasses.exec.missed},
    "package": calculators.__file__,
    "file": frame.filename,
    "line": frame.lineno,
    "function": frame.name,
    "columns": [column for _, _, column, end in positions if column is not None or end is not None],
    "docstrings": {"calculators": calculators.run.__doc__ is not None, "standard library": json.dumps.__doc__ is not None},
    "standard library frames": standard_library,
    "standard library traceback": formatted,
})
`));
"""


@pytest.fixture(scope="module")
def raised(built_site: Path, node: str) -> dict[str, object]:
    [python_zip] = built_site.glob(f"assets/calculators/*/{PYTHON_ZIP}")
    completed = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, PYODIDE.as_uri(), str(python_zip), str(python_zip.with_name(CALCULATORS_ZIP))],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout)


def line_of(text: str, path: Path) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_calculators_come_from_calculators_zip(raised):
    assert raised["package"] == "/lib/calculators.zip/calculators/__init__.pyc"


def test_a_traceback_names_the_file_and_the_line_that_raised(raised):
    source = Path(calculators.__file__)
    assert raised["file"] == "calculators/__init__.py"  # the name it was compiled under, in the zip
    assert raised["function"] == "run_json"
    assert raised["line"] == line_of("raise TypeError(f\"the inputs must be a JSON object", source)


def test_the_bytecode_carries_no_column_positions(raised):
    assert raised["columns"] == []


def test_the_calculators_keep_their_docstrings_and_the_standard_library_does_not(raised):
    """A dataclass without a docstring is given one at import, made by `inspect` from its
    signature: about 1 ms each in Pyodide, for some 80 of them."""
    assert raised["docstrings"] == {"calculators": True, "standard library": False}


def test_the_standard_library_has_no_line_numbers_and_a_traceback_through_it_still_reads(raised):
    """15 % fewer bytes of python.zip for a first visit to wait for; the writer's preview, with
    Pyodide's own standard library, shows its lines."""
    frames = raised["standard library frames"]
    assert frames and all(file.startswith("json/") and line is None for file, line in frames)
    assert 'File "json/decoder.py", line None, in raw_decode' in raised["standard library traceback"]
    assert "JSONDecodeError: Expecting property name" in raised["standard library traceback"]


def test_every_dataclass_the_calculators_made_found_its_methods_compiled_at_build(raised):
    """Compiling them from text was half of `import calculators` and a first result in Pyodide
    (calculators/core/generated_methods.py)."""
    assert raised["dataclass methods"]["found"] > 0
    assert raised["dataclass methods"]["missed"] == 0
