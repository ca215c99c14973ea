// Build the Python a normal start of the calculators reads: python.zip, holding the modules of the
// standard library that Pyodide's start and every calculator import, and the calculators package,
// all compiled to bytecode.
//
//   node macros/make_python_zip.mjs --pyodide DIR --wheel WHEEL --out FILE
//
// DIR is the pinned `pyodide` npm package, WHEEL the calculators wheel, FILE the zip to write.
// macros/python_runtime.py runs this during the site build. The worker passes the zip to Pyodide
// as its standard library (`stdLibURL`), so `import calculators` finds the package there too and
// no wheel is installed.
//
// Why compiled: Pyodide's python_stdlib.zip holds source (.py), and Python compiles every module
// it imports, every time it starts. Sourceless bytecode (`name.pyc` beside where `name.py` was,
// which zipimport loads as is) took a normal start in Node from about 3.8 s to 1.4 s. Everything is
// compiled as `python -OO` would (no docstrings, no asserts: 15 % fewer bytes; nothing in the
// calculators reads a docstring or asserts, and the check below compares every answer). Bytecode
// is tied to Python's version, so it is compiled here, by Pyodide's own Python.
// It is compiled without columns (python_warm_up.mjs: WITHOUT_COLUMNS).
//
// The script starts Python as the worker once did (Pyodide's whole standard library, the wheel on
// sys.path), runs the warm-up of python_warm_up.mjs, and keeps every module then loaded. It then
// starts again with the new zip alone and stops the build if anything fails to import, anything
// new is imported, or any answer differs.

import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { EMPTY_LOCK, WARM_UP, WITHOUT_COLUMNS, fail, quiet } from "./python_warm_up.mjs";

const SCRIPT = "make_python_zip";
const USAGE = "usage: node macros/make_python_zip.mjs --pyodide DIR --wheel WHEEL --out FILE";
const WHEEL_IN_PYTHON = "/tmp/calculators.whl";
const OUT_IN_PYTHON = "/tmp/python.zip";

// Writes the zip: every module loaded from the standard library, and the calculators package from
// the wheel (its data files as they are), .py compiled to sourceless .pyc.
const COMPILE = `
import importlib._bootstrap_external as _external
import sys
import zipfile

def _bytecode(source, name):
    code = compile(source, name, "exec", dont_inherit=True, optimize=2)
    return bytes(_external._code_to_timestamp_pyc(code, 0, 0))

def _copy(source_zip, entry, destination):
    data = source_zip.read(entry)
    if entry.filename.endswith(".py"):
        destination.writestr(entry.filename[:-3] + ".pyc", _bytecode(data, entry.filename))
    else:
        destination.writestr(entry.filename, data)

def _python_zip(out, wheel):
    stdlib = next(path for path in sys.path if path.endswith(".zip") and path != wheel)
    used = set()
    for module in list(sys.modules.values()):
        origin = getattr(module, "__file__", None) or ""
        if origin.startswith(stdlib + "/"):
            used.add(origin[len(stdlib) + 1:])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as made:
        with zipfile.ZipFile(stdlib) as whole:
            for entry in whole.infolist():
                if entry.filename in used:
                    _copy(whole, entry, made)
        with zipfile.ZipFile(wheel) as package:
            for entry in package.infolist():
                if not entry.filename.split("/")[0].endswith(".dist-info") and not entry.is_dir():
                    _copy(package, entry, made)
    return len(used)
`;

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { pyodide: { type: "string" }, wheel: { type: "string" }, out: { type: "string" } },
    }));
  } catch (error) {
    fail(SCRIPT, `${error.message}\n${USAGE}`, 2);
  }
  for (const name of ["pyodide", "wheel", "out"]) {
    if (!values[name]) fail(SCRIPT, `--${name} is missing\n${USAGE}`, 2);
  }
  return { indexURL: resolve(values.pyodide) + "/", wheel: resolve(values.wheel), out: resolve(values.out) };
}

const options = parseCommandLine();
const { loadPyodide } = await import(pathToFileURL(join(options.indexURL, "pyodide.mjs")).href).catch((error) =>
  fail(SCRIPT, `cannot load pyodide.mjs from ${options.indexURL}: ${error.message}`),
);

// Pyodide's whole standard library, and the wheel importable as a zip (Python reads a pure-Python
// wheel from sys.path as it is): what Python needs, without what installing a package would add.
const full = await loadPyodide({ indexURL: options.indexURL, lockFileContents: EMPTY_LOCK, ...WITHOUT_COLUMNS, ...quiet });
full.FS.writeFile(WHEEL_IN_PYTHON, new Uint8Array(await readFile(options.wheel)));
full.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(WHEEL_IN_PYTHON)})`);
full.runPython("import importlib.util"); // the worker looks for the calculators with it
full.runPython(WARM_UP);
const answers = full.runPython("_warm_up()");
full.runPython(COMPILE);
const modules = full.runPython(`_python_zip(${JSON.stringify(OUT_IN_PYTHON)}, ${JSON.stringify(WHEEL_IN_PYTHON)})`);
await writeFile(options.out, full.FS.readFile(OUT_IN_PYTHON));

// The zip alone, as the worker starts Python with it.
let report;
try {
  const alone = await loadPyodide({ indexURL: options.indexURL, stdLibURL: options.out, lockFileContents: EMPTY_LOCK, ...quiet });
  alone.runPython(WARM_UP);
  report = JSON.parse(alone.globals.get("_check")(answers));
} catch (error) {
  fail(SCRIPT, `the calculators do not run from ${options.out}: ${error.message}`);
}
if (report.imported.length) fail(SCRIPT, `from ${options.out}, running the calculators imports ${report.imported.join(", ")} again`);
if (!report.same) fail(SCRIPT, `from ${options.out}, the calculators answer differently`);

const size = (await readFile(options.out)).length;
console.log(`${options.out}: ${size} bytes, ${modules} modules of the standard library and the calculators, compiled`);
