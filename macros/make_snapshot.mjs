// Build a Pyodide memory snapshot with the calculators already imported and warmed up.
//
//   node macros/make_snapshot.mjs --pyodide DIR --wheel WHEEL --fingerprint FP --out FILE
//
// DIR is the pinned `pyodide` npm package (pyodide.mjs, pyodide.asm.wasm, python_stdlib.zip, ...),
// WHEEL the calculators wheel and FP its fingerprint (its folder in the site), FILE the snapshot
// to write (a name ending in ".gz" is written gzip -9, for the worker to inflate with
// DecompressionStream("gzip")). macros/snapshot.py runs this during the site build.
//
// The browser worker (overrides/assets/javascripts/calculator-worker.mjs) restores it with
//
//   loadPyodide({indexURL, _loadSnapshot: bytes, stdLibURL: EMPTY_ZIP, lockFileContents})
//
// and calls `calculators.run_json`, instead of loadPyodide + loadPackage(wheel) + import.
//
// What a snapshot holds, and what it does not (Pyodide 314.0.x, `_makeSnapshot` is private API):
// - It is the WebAssembly heap only. The Emscripten file system lives in JavaScript and is not in
//   it: after a restore, site-packages is empty and only python_stdlib.zip (fetched again by
//   loadPyodide) is on disk. So everything a run needs must be imported, and every data file
//   read, before the snapshot is taken. The warm-up below runs every calculator, on good and on
//   bad input, and the check afterwards restores the snapshot and fails the build if a run
//   imports anything new or answers differently.
// - It is tied to this exact pyodide.asm.wasm/.mjs (a build id is checked on restore), but not
//   to the wheel: a stale snapshot restores fine and runs the old calculators. `SNAPSHOT_INFO` in
//   `__main__` names the wheel's fingerprint so the worker can tell.
// - Nothing of the standard library is read after a restore (everything needed is imported
//   here), so the worker gives Pyodide an empty zip instead of python_stdlib.zip (2.5 MB).
// - Pyodide 314.0.x cannot restore a snapshot larger than its initial 30 MiB heap (pyodide#6254):
//   this script stops if the warm-up grew the heap.
// - The hash seed is frozen into the snapshot: every restored interpreter starts with the same one.
//   Nothing in the calculators uses `random`; one that does must reseed it after a restore.

import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync, constants as zlib } from "node:zlib";

const USAGE = "usage: node macros/make_snapshot.mjs --pyodide DIR --wheel WHEEL --fingerprint FP --out FILE";

// Runs before the snapshot is taken. Everything it imports, reads or defines is in the snapshot.
const WARM_UP = `
import json
import sys
import traceback

import calculators
from calculators import run_json


def _snapshot_warm_up():
    """Run every calculator through run_json on the paths a reader can take; return the answers.

    Defaults (the result), every field invalid, every field empty, every field out of range (the
    error messages and notices): whatever these import or read is loaded now, not after restore.
    """
    answers = {}
    for slug in calculators.available():
        fields = calculators.defaults(slug)
        answers[slug] = [
            run_json(slug, "{}"),
            run_json(slug, json.dumps({name: "x" for name in fields})),
            run_json(slug, json.dumps({name: "" for name in fields})),
            run_json(slug, json.dumps({name: "-1e999" for name in fields})),
            run_json(slug, json.dumps({name: "9" * 40 for name in fields})),
        ]
    try:
        run_json("", "[]")  # a programming error, as the worker reports one: traceback is loaded
    except Exception:
        traceback.format_exc()
    return json.dumps(answers, sort_keys=True)


def _snapshot_check(expected):
    """After a restore: the same answers, and no module imported that the snapshot lacked."""
    before = set(sys.modules)
    same = _snapshot_warm_up() == expected
    return json.dumps({"same": same, "imported": sorted(set(sys.modules) - before)})
`;

function fail(message, code = 1) {
  console.error(`make_snapshot: ${message}`);
  process.exit(code);
}

function parseCommandLine() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        pyodide: { type: "string" },
        wheel: { type: "string" },
        fingerprint: { type: "string" },
        out: { type: "string" },
      },
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`, 2);
  }
  for (const name of ["pyodide", "wheel", "fingerprint", "out"]) {
    if (!values[name]) fail(`--${name} is missing\n${USAGE}`, 2);
  }
  return {
    indexURL: resolve(values.pyodide) + "/",
    wheel: resolve(values.wheel),
    fingerprint: values.fingerprint,
    out: resolve(values.out),
  };
}

async function importPyodide(indexURL) {
  try {
    return await import(pathToFileURL(join(indexURL, "pyodide.mjs")).href);
  } catch (error) {
    fail(`cannot load pyodide.mjs from ${indexURL}: ${error.message}`);
  }
}

// Python's stdout is dropped (nothing the calculators print belongs in the build log); its
// stderr goes to ours.
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// The WebAssembly heap's size and how much of it malloc has handed out (the top of the sbrk
// area), from Pyodide's Emscripten module: private, so undefined if it ever moves.
function heapUse(pyodide) {
  try {
    const module = pyodide._module;
    const top = module.HEAPU32[module._emscripten_get_sbrk_ptr() >>> 2];
    return { size: module.HEAP8.length, used: top };
  } catch {
    return undefined;
  }
}

async function makeSnapshot(loadPyodide, { indexURL, wheel, fingerprint }) {
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, ...quiet });
  const heapBefore = heapUse(pyodide);

  // Unpack the wheel into site-packages ourselves. loadPackage would work too, but it records the
  // wheel in pyodide.loadedPackages, and makeMemorySnapshot then refuses ("Unexpected hiwire
  // entry at index 6"). A Node Buffer is copied to a plain Uint8Array: Pyodide rejects Buffers.
  const wheelBytes = new Uint8Array(await readFile(wheel).catch((error) => fail(`cannot read the wheel: ${error.message}`)));
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });

  pyodide.runPython(WARM_UP);
  const answers = pyodide.runPython("_snapshot_warm_up()");
  const info = { wheel: basename(wheel), fingerprint, pyodide: pyodide.version };
  pyodide.globals.set("SNAPSHOT_INFO", JSON.stringify(info));
  pyodide.runPython("import gc; gc.collect()"); // garbage left in the heap is shipped too

  const heap = heapUse(pyodide);
  if (heapBefore && heap && heap.size !== heapBefore.size) {
    fail(
      `the warm-up grew the WebAssembly heap from ${heapBefore.size} to ${heap.size} bytes; ` +
        "Pyodide 314.0.x cannot restore such a snapshot (pyodide#6254)",
    );
  }
  return { snapshot: pyodide.makeMemorySnapshot(), answers, info, heap };
}

// Restore the snapshot as the browser will, with an empty site-packages (the file system is not
// in the snapshot), and run every calculator again.
// What the worker gives Pyodide on a restore instead of the standard library and the package
// index: an empty zip (the 22 bytes of an end-of-central-directory record) and an empty lock.
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
const EMPTY_LOCK = JSON.stringify({ info: { abi_version: "2026_0" }, packages: {} });

async function checkSnapshot(loadPyodide, { indexURL, out }, { snapshot, answers }) {
  const emptyZip = join(dirname(out), `.empty-${process.pid}.zip`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(emptyZip, EMPTY_ZIP);
  let restored;
  try {
    restored = await loadPyodide({
      indexURL,
      _loadSnapshot: snapshot,
      stdLibURL: emptyZip,
      lockFileContents: EMPTY_LOCK,
      ...quiet,
    });
  } catch (error) {
    fail(`the snapshot does not restore: ${error.message}`);
  } finally {
    await rm(emptyZip, { force: true });
  }
  const check = restored.globals.get("_snapshot_check");
  let report;
  try {
    report = JSON.parse(check(answers));
  } catch (error) {
    fail(`a calculator fails after restore: ${error.message}`);
  } finally {
    check.destroy();
  }
  if (report.imported.length) {
    fail(`after restore, running the calculators imports ${report.imported.join(", ")}: import it in the warm-up`);
  }
  if (!report.same) fail("after restore, the calculators answer differently");
}

function megabytes(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

const options = parseCommandLine();
const { loadPyodide } = await importPyodide(options.indexURL);
const made = await makeSnapshot(loadPyodide, options);
await checkSnapshot(loadPyodide, options, made);

const bytes = options.out.endsWith(".gz")
  ? gzipSync(made.snapshot, { level: zlib.Z_BEST_COMPRESSION })
  : made.snapshot;
await mkdir(dirname(options.out), { recursive: true });
await writeFile(options.out, bytes);
console.log(
  `${options.out}: ${bytes.length} bytes (${megabytes(bytes.length)}; ` +
    `heap snapshot ${megabytes(made.snapshot.length)}) for ${made.info.wheel} on Pyodide ${made.info.pyodide}`,
);
if (made.heap) {
  console.log(
    `heap in use: ${megabytes(made.heap.used)} of ${megabytes(made.heap.size)} ` +
      "(the snapshot cannot be restored once the heap has to grow)",
  );
}
