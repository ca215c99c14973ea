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

import { EMPTY_LOCK, EMPTY_ZIP, WARM_UP, WITHOUT_COLUMNS, fail, quiet } from "./python_warm_up.mjs";

const USAGE = "usage: node macros/make_snapshot.mjs --pyodide DIR --wheel WHEEL --fingerprint FP --out FILE";


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
    fail("make_snapshot", `${error.message}\n${USAGE}`, 2);
  }
  for (const name of ["pyodide", "wheel", "fingerprint", "out"]) {
    if (!values[name]) fail("make_snapshot", `--${name} is missing\n${USAGE}`, 2);
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
    fail("make_snapshot", `cannot load pyodide.mjs from ${indexURL}: ${error.message}`);
  }
}


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
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, ...WITHOUT_COLUMNS, ...quiet });
  const heapBefore = heapUse(pyodide);

  // Unpack the wheel into site-packages ourselves. loadPackage would work too, but it records the
  // wheel in pyodide.loadedPackages, and makeMemorySnapshot then refuses ("Unexpected hiwire
  // entry at index 6"). A Node Buffer is copied to a plain Uint8Array: Pyodide rejects Buffers.
  const wheelBytes = new Uint8Array(await readFile(wheel).catch((error) => fail("make_snapshot", `cannot read the wheel: ${error.message}`)));
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });

  pyodide.runPython(WARM_UP);
  const answers = pyodide.runPython("_warm_up()");
  const info = { wheel: basename(wheel), fingerprint, pyodide: pyodide.version };
  pyodide.globals.set("SNAPSHOT_INFO", JSON.stringify(info));
  pyodide.runPython("import gc; gc.collect()"); // garbage left in the heap is shipped too

  const heap = heapUse(pyodide);
  if (heapBefore && heap && heap.size !== heapBefore.size) {
    fail(
      "make_snapshot",
      `the warm-up grew the WebAssembly heap from ${heapBefore.size} to ${heap.size} bytes; ` +
        "Pyodide 314.0.x cannot restore such a snapshot (pyodide#6254)",
    );
  }
  return { snapshot: pyodide.makeMemorySnapshot(), answers, info, heap };
}

// Restore the snapshot as the browser will, with an empty site-packages (the file system is not
// in the snapshot), and run every calculator again.

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
    fail("make_snapshot", `the snapshot does not restore: ${error.message}`);
  } finally {
    await rm(emptyZip, { force: true });
  }
  const check = restored.globals.get("_check");
  let report;
  try {
    report = JSON.parse(check(answers));
  } catch (error) {
    fail("make_snapshot", `a calculator fails after restore: ${error.message}`);
  } finally {
    check.destroy();
  }
  if (report.imported.length) {
    fail("make_snapshot", `after restore, running the calculators imports ${report.imported.join(", ")}: import it in the warm-up`);
  }
  if (!report.same) fail("make_snapshot", "after restore, the calculators answer differently");
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
