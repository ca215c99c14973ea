// Build the Python a normal start of the calculators reads, compiled to bytecode, as two zips:
// - python.zip, the modules of the standard library that Pyodide's own start imports: Python's
//   start needs them the moment Pyodide's wasm has arrived;
// - calculators.zip, the calculators package and the modules of the standard library that only
//   they import: the worker asks for it once the wasm has arrived, so on a slow network the bytes
//   Python's start waits for come first, and this one arrives while Python starts.
//
//   node macros/make_python_zip.mjs --pyodide DIR --wheel WHEEL --out FILE --calculators FILE
//
// DIR is the pinned `pyodide` npm package, WHEEL the calculators wheel, and the two FILEs the zips
// to write. macros/python_runtime.py runs this during the site build. The worker passes
// python.zip to Pyodide as its standard library (`stdLibURL`) and puts calculators.zip on
// `sys.path`, so `import calculators` finds the package there and no wheel is installed.
//
// Why compiled: Pyodide's python_stdlib.zip holds source (.py), and Python compiles every module
// it imports, every time it starts. Sourceless bytecode (`name.pyc` beside where `name.py` was,
// which zipimport loads as is) took a normal start in Node from about 3.8 s to 1.4 s. Everything is
// compiled without asserts, and the standard library also without docstrings, as `python -OO`
// would (15 % fewer bytes; nothing in the calculators reads a docstring or asserts, and the check
// below compares every answer). The calculators keep their docstrings: a dataclass without one is
// given one at import, made from its signature by `inspect`, about 1 ms each in Pyodide, and the
// calculators declare some 80 dataclasses. Bytecode is tied to Python's version, so it is compiled
// here, by Pyodide's own Python.
// It is compiled without columns (python_warm_up.mjs: WITHOUT_COLUMNS), and the standard library
// also without line numbers (`_without_lines`): python.zip as brotli went from 642 to 550 kB, and a
// traceback still names the calculators' file and line, with "line None" in the standard library's
// frames (which the writer's preview, with Pyodide's own standard library, shows in full).
//
// The script starts Python as the worker once did (Pyodide's whole standard library, the wheel on
// sys.path), notes the modules its start loaded, runs the warm-up of python_warm_up.mjs, and keeps
// every module then loaded. It then starts again as the worker does, with python.zip alone and
// then calculators.zip on sys.path (the only places that Python has modules in), and stops the
// build if the start fails, anything fails to import, or any answer differs.

import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { EMPTY_LOCK, WARM_UP, WITHOUT_COLUMNS, fail, quiet } from "./python_warm_up.mjs";

const SCRIPT = "make_python_zip";
const USAGE = "usage: node macros/make_python_zip.mjs --pyodide DIR --wheel WHEEL --out FILE --calculators FILE";
const WHEEL_IN_PYTHON = "/tmp/calculators.whl";
const OUT_IN_PYTHON = "/tmp/python.zip";
const CALCULATORS_IN_PYTHON = "/tmp/calculators.zip";
const CALCULATORS_ON_PATH = "/lib/calculators.zip"; // where the worker puts calculators.zip (calculator-worker.mjs)

// Writes the two zips: every module loaded from the standard library, into python.zip when
// Pyodide's start had loaded it (`started`: their files) and else into calculators.zip, with the
// calculators package from the wheel (its data files as they are); .py compiled to sourceless .pyc.
const COMPILE = `
import importlib._bootstrap_external as _external
import sys
import types
import zipfile

WITHOUT_DOCSTRINGS = 2  # the standard library: as python -OO
WITHOUT_ASSERTS = 1  # the calculators: as python -O, their docstrings kept

# One entry of a code object's location table (CPython's Objects/locations.md): "the next n code
# units have no location", for n of 1 to 8, in one byte: 1, the kind (15: none), n - 1.
NO_LOCATION = 0x80 | 15 << 3
MOST_UNITS_PER_ENTRY = 8

def _without_lines(code):
    # code and the code objects in it, with no source location for any instruction: a traceback
    # through it says "line None", and the bytecode is 15 % smaller
    units = len(code.co_code) // 2
    table = bytes(NO_LOCATION | min(MOST_UNITS_PER_ENTRY, units - at) - 1 for at in range(0, units, MOST_UNITS_PER_ENTRY))
    inner = tuple(_without_lines(const) if isinstance(const, types.CodeType) else const for const in code.co_consts)
    return code.replace(co_linetable=table, co_consts=inner)

def _bytecode(source, name, optimize, lines):
    code = compile(source, name, "exec", dont_inherit=True, optimize=optimize)
    return bytes(_external._code_to_timestamp_pyc(code if lines else _without_lines(code), 0, 0))

def _copy(source_zip, entry, destination, optimize, lines):
    data = source_zip.read(entry)
    if entry.filename.endswith(".py"):
        destination.writestr(entry.filename[:-3] + ".pyc", _bytecode(data, entry.filename, optimize, lines))
    else:
        destination.writestr(entry.filename, data)

def _stdlib():
    return next(path for path in sys.path if path.endswith(".zip") and not path.endswith(".whl"))

def _stdlib_files(names):
    # the files, in the standard library zip, of the loaded modules called so
    stdlib = _stdlib()
    files = set()
    for name in names:
        origin = getattr(sys.modules.get(name), "__file__", None) or ""
        if origin.startswith(stdlib + "/"):
            files.add(origin[len(stdlib) + 1:])
    return files

def _python_zips(start_out, calculators_out, wheel, started, noted):
    used = _stdlib_files(list(sys.modules))
    at_start = _stdlib_files(started)
    with zipfile.ZipFile(start_out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as start:
        with zipfile.ZipFile(calculators_out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as later:
            with zipfile.ZipFile(_stdlib()) as whole:
                for entry in whole.infolist():
                    if entry.filename in used:
                        _copy(whole, entry, start if entry.filename in at_start else later, WITHOUT_DOCSTRINGS, lines=False)
            with zipfile.ZipFile(wheel) as package:
                for entry in package.infolist():
                    if not entry.filename.split("/")[0].endswith(".dist-info") and not entry.is_dir():
                        _copy(package, entry, later, WITHOUT_ASSERTS, lines=True)
            from calculators.core import generated_methods
            later.writestr(f"calculators/{generated_methods.FILE_NAME}", generated_methods.compiled(noted))
    return (
        f"{len(at_start)} modules of the standard library for Pyodide's start; {len(used - at_start)} more and the calculators,"
        f" with the methods of {len(set(noted))} dataclasses"
    )
`;

// Notes the text of every dataclass's methods that Python compiles from now on (`_noted`), for
// calculators.zip to carry them compiled (calculators/core/generated_methods.py). Run before the
// warm-up first imports the calculators.
const NOTING_DATACLASS_METHODS = `
import builtins, dataclasses
_noted = []
def _noting_exec(source, globals=None, locals=None):
    _noted.append(source)
    builtins.exec(source, globals, locals)
dataclasses.exec = _noting_exec
`;

// In a Python started as the worker starts it, after the warm-up: every dataclass found its methods
// compiled in calculators.zip.
const DATACLASS_METHODS_FOUND = `
import dataclasses, json
from calculators.core.generated_methods import CompiledMethods
_standing_in = dataclasses.exec
json.dumps(
    {"found": _standing_in.found, "missed": _standing_in.missed}
    if isinstance(_standing_in, CompiledMethods) else None
)
`;

// A traceback through the standard library's frames, which have no line numbers here, still
// formats (it names them "line None").
const TRACEBACK_WITHOUT_LINES = `
import json, traceback
try:
    json.loads("{")
except ValueError:
    assert "line None" in traceback.format_exc(), "the standard library has line numbers"
`;

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { pyodide: { type: "string" }, wheel: { type: "string" }, out: { type: "string" }, calculators: { type: "string" } },
    }));
  } catch (error) {
    fail(SCRIPT, `${error.message}\n${USAGE}`, 2);
  }
  for (const name of ["pyodide", "wheel", "out", "calculators"]) {
    if (!values[name]) fail(SCRIPT, `--${name} is missing\n${USAGE}`, 2);
  }
  return {
    indexURL: resolve(values.pyodide) + "/",
    wheel: resolve(values.wheel),
    out: resolve(values.out),
    calculators: resolve(values.calculators),
  };
}

const options = parseCommandLine();
const { loadPyodide } = await import(pathToFileURL(join(options.indexURL, "pyodide.mjs")).href).catch((error) =>
  fail(SCRIPT, `cannot load pyodide.mjs from ${options.indexURL}: ${error.message}`),
);

// Pyodide's whole standard library, and the wheel importable as a zip (Python reads a pure-Python
// wheel from sys.path as it is): what Python needs, without what installing a package would add.
const full = await loadPyodide({ indexURL: options.indexURL, lockFileContents: EMPTY_LOCK, ...WITHOUT_COLUMNS, ...quiet });
full.runPython("import sys; _started = list(sys.modules)"); // what Pyodide's own start loaded
full.FS.writeFile(WHEEL_IN_PYTHON, new Uint8Array(await readFile(options.wheel)));
full.runPython(`sys.path.insert(0, ${JSON.stringify(WHEEL_IN_PYTHON)})`);
full.runPython(NOTING_DATACLASS_METHODS);
full.runPython(WARM_UP);
const answers = full.runPython("_warm_up()");
full.runPython(COMPILE);
const made = full.runPython(
  `_python_zips(${JSON.stringify(OUT_IN_PYTHON)}, ${JSON.stringify(CALCULATORS_IN_PYTHON)}, ${JSON.stringify(WHEEL_IN_PYTHON)}, _started, _noted)`,
);
await writeFile(options.out, full.FS.readFile(OUT_IN_PYTHON));
await writeFile(options.calculators, full.FS.readFile(CALCULATORS_IN_PYTHON));

// As the worker starts Python: python.zip alone as the standard library, then calculators.zip on
// sys.path.
let alone;
try {
  alone = await loadPyodide({ indexURL: options.indexURL, stdLibURL: options.out, lockFileContents: EMPTY_LOCK, ...quiet });
} catch (error) {
  fail(SCRIPT, `Pyodide does not start from ${options.out}: ${error.message}`);
}
let report;
try {
  alone.FS.writeFile(CALCULATORS_ON_PATH, new Uint8Array(await readFile(options.calculators)));
  alone.runPython(`import sys; sys.path.append(${JSON.stringify(CALCULATORS_ON_PATH)})`);
  alone.runPython(WARM_UP);
  report = JSON.parse(alone.globals.get("_check")(answers));
  report.methods = JSON.parse(alone.runPython(DATACLASS_METHODS_FOUND));
} catch (error) {
  fail(SCRIPT, `the calculators do not run from ${options.out} and ${options.calculators}: ${error.message}`);
}
try {
  alone.runPython(TRACEBACK_WITHOUT_LINES);
} catch (error) {
  fail(SCRIPT, `a traceback through the standard library of ${options.out} does not format: ${error.message}`);
}
if (!report.same) fail(SCRIPT, `from ${options.out} and ${options.calculators}, the calculators answer differently`);
if (!report.methods || report.methods.missed || !report.methods.found) {
  fail(SCRIPT, `${options.calculators}: the dataclasses did not all find their methods compiled (${JSON.stringify(report.methods)})`);
}

const sizes = await Promise.all([options.out, options.calculators].map(async (file) => (await readFile(file)).length));
console.log(`${options.out}: ${sizes[0]} bytes, ${options.calculators}: ${sizes[1]} bytes (${made}), compiled`);
