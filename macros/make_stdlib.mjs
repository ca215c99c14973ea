// Build the standard library a normal start of the calculators needs: python_stdlib.zip with only
// the modules that Pyodide's start, installing the wheel and running every calculator import.
//
//   node macros/make_stdlib.mjs --pyodide DIR --wheel WHEEL --out FILE
//
// DIR is the pinned `pyodide` npm package, WHEEL the calculators wheel, FILE the zip to write.
// macros/python_runtime.py runs this during the site build. Pyodide's own python_stdlib.zip is
// 2.5 MB and does not compress further; the calculators use about a third of it, which is what a
// reader on a slow network then downloads (the worker passes it as `stdLibURL`).
//
// The script starts Python as the worker does (loadPyodide, then loadPackage of the wheel), runs
// the warm-up of python_warm_up.mjs, and keeps every module then loaded from the zip. It then
// starts again with the trimmed zip and stops the build if anything fails to import or any answer
// differs.

import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { WARM_UP, fail, quiet } from "./python_warm_up.mjs";

const SCRIPT = "make_stdlib";
const USAGE = "usage: node macros/make_stdlib.mjs --pyodide DIR --wheel WHEEL --out FILE";

// Copies the zip entries of every module loaded from the standard library into a new zip.
const TRIM = `
import sys
import zipfile

def _trimmed_stdlib(out):
    archive = next(path for path in sys.path if path.endswith(".zip"))
    used = set()
    for module in list(sys.modules.values()):
        origin = getattr(module, "__file__", None) or ""
        if origin.startswith(archive + "/"):
            used.add(origin[len(archive) + 1:])
    with zipfile.ZipFile(archive) as full, zipfile.ZipFile(out, "w") as trimmed:
        for entry in full.infolist():
            if entry.filename in used:
                trimmed.writestr(entry, full.read(entry))
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

// Python with the calculators installed, as the browser worker starts it.
async function startWithWheel(loadPyodide, { indexURL, wheel }, stdLibURL) {
  const pyodide = await loadPyodide({ indexURL, ...(stdLibURL ? { stdLibURL } : {}), ...quiet });
  await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: (line) => console.error(line) });
  pyodide.runPython(WARM_UP);
  return pyodide;
}

const options = parseCommandLine();
const { loadPyodide } = await import(pathToFileURL(join(options.indexURL, "pyodide.mjs")).href).catch((error) =>
  fail(SCRIPT, `cannot load pyodide.mjs from ${options.indexURL}: ${error.message}`),
);

const full = await startWithWheel(loadPyodide, options);
const answers = full.runPython("_warm_up()");
full.runPython(TRIM);
const modules = full.runPython(`_trimmed_stdlib("/tmp/python_stdlib.zip")`);
await writeFile(options.out, full.FS.readFile("/tmp/python_stdlib.zip"));

let report;
try {
  const trimmed = await startWithWheel(loadPyodide, options, options.out);
  report = JSON.parse(trimmed.globals.get("_check")(answers));
} catch (error) {
  fail(SCRIPT, `the calculators do not run with the trimmed standard library: ${error.message}`);
}
if (!report.same) fail(SCRIPT, "with the trimmed standard library, the calculators answer differently");

const size = (await readFile(options.out)).length;
console.log(`${options.out}: ${size} bytes, ${modules} modules of the standard library`);
