// The calculators' module worker: Python (Pyodide) runs here, never on the page's main thread.
//
// One worker serves every calculator on a page, and survives Material's instant navigation. It
// speaks the messages of calculator-messages.mjs. Runs that arrive while Python is loading wait for
// it, and are answered in order.
//
// Python starts one of two ways (`boot`):
// - "snapshot": restore the memory snapshot made at build time, with the calculators already
//   imported: no standard library, no wheel, no imports to fetch or run. Fastest when the snapshot
//   is already on this device, or the network is fast.
// - "normal": loadPyodide with python.zip as its standard library (made at build time, beside the
//   wheel): the modules the calculators use and the calculators themselves, compiled to bytecode,
//   so nothing is compiled and no wheel installed. Fewer bytes, so first on a slow network (the
//   page then fetches the snapshot in the background, so the next visit restores it). The writer's
//   preview has Pyodide's own standard library instead, and installs the wheel.
// The page chooses (calculators.js: chooseStart). A snapshot that cannot be used (missing, damaged,
// of another build) falls back to "normal".
//
// The page gives up on a start that stays silent too long (calculators.js: the watchdog), so the
// worker reports each step and the bytes as they arrive (`progress`): a slow network is not a stuck
// one.

import * as message from "./calculator-messages.mjs";

const PROGRESS_EVERY_MS = 500; // bytes are reported at most this often

function reportProgress(step) {
  self.postMessage(message.progress(step));
}

// A response body that reports its bytes as they arrive (at most every PROGRESS_EVERY_MS).
function countedBody(response, name) {
  let bytes = 0;
  let reported = 0;
  const counter = new TransformStream({
    transform(chunk, stream) {
      bytes += chunk.byteLength;
      if (performance.now() - reported >= PROGRESS_EVERY_MS) {
        reported = performance.now();
        reportProgress(`${name}: ${bytes} bytes`);
      }
      stream.enqueue(chunk);
    },
  });
  return response.body.pipeThrough(counter);
}

// Pyodide 314 catches a failed WebAssembly instantiation itself: it logs "wasm instantiation
// failed!" and never settles loadPyodide (a 404, a wrong MIME type, a Content-Security-Policy
// without 'wasm-unsafe-eval'). So the worker watches instantiation, and a refusal ends the start
// at once, with the browser's reason.
//
// The worker also compiles Pyodide's WebAssembly itself, from the moment it boots (`compileAhead`):
// Pyodide would compile it only once the snapshot has arrived and been inflated, or once the
// standard library has. When Pyodide asks to instantiate that file, it gets the module compiled
// ahead (its own request for the file is cancelled).
const wasmRefusals = new Set();
const compiledAhead = new Map(); // the wasm's URL -> Promise<WebAssembly.Module>
const instantiate = WebAssembly.instantiate;
const instantiateStreaming = WebAssembly.instantiateStreaming;

function refused(problem) {
  for (const refuse of wasmRefusals) refuse(problem);
  throw problem;
}

WebAssembly.instantiate = function (...args) {
  return instantiate.apply(this, args).catch(refused);
};

WebAssembly.instantiateStreaming = function (source, imports) {
  return Promise.resolve(source)
    .then((response) => {
      const compiled = compiledAhead.get(response.url);
      if (!compiled) return instantiateStreaming.call(this, response, imports);
      response.body?.cancel().catch(() => {});
      return compiled.then((module) => instantiate(module, imports).then((instance) => ({ instance, module })));
    })
    .catch(refused);
};

function compileAhead(wasmURL) {
  if (!WebAssembly.compileStreaming || compiledAhead.has(wasmURL)) return;
  // Its bytes are reported as they arrive, as every download of a start is (the page's watchdog).
  const counted = fetch(wasmURL).then(
    (response) => new Response(countedBody(response, "pyodide.asm.wasm"), { status: response.status, headers: response.headers }),
  );
  const compiled = WebAssembly.compileStreaming(counted);
  compiledAhead.set(wasmURL, compiled);
  compiled.catch(() => compiledAhead.delete(wasmURL)); // Pyodide's own request then tries again, and reports
}

function unlessWasmRefused(loading) {
  let refuse;
  const refused = new Promise((_, reject) => {
    refuse = (problem) => reject(new Error(`WebAssembly could not be started: ${problem?.message ?? problem}`));
  });
  wasmRefusals.add(refuse);
  return Promise.race([loading, refused]).finally(() => wasmRefusals.delete(refuse));
}

const quiet = { stdout: () => {}, stderr: () => {} };
// The calculators need no package from Pyodide's index, so neither start downloads it; and a
// restored Python reads no file of the standard library, so it gets an empty zip (beside the wheel).
const EMPTY_LOCK = JSON.stringify({ info: { abi_version: "2026_0" }, packages: {} });

async function importPyodide(pyodideURL) {
  return (await import(new URL("pyodide.mjs", pyodideURL).href)).loadPyodide;
}

async function startNormally({ pyodideURL, wheelURL, stdlibURL }) {
  // The standard library has arrived (into the HTTP cache, where Pyodide's own request finds it)
  // before Pyodide asks for it: a failed download then ends the start with its reason, instead of
  // an error Pyodide writes to the console before it stops.
  fetchAhead([stdlibURL]);
  const [loadPyodide] = await Promise.all([importPyodide(pyodideURL), downloads.get(stdlibURL)]);
  reportProgress("pyodide.mjs loaded");
  const pyodide = await unlessWasmRefused(loadPyodide({
    indexURL: pyodideURL,
    stdLibURL: stdlibURL,
    lockFileContents: EMPTY_LOCK,
    // Packages resolve against our own copy; Pyodide's CDN is never asked for anything.
    packageBaseUrl: pyodideURL,
    ...quiet,
  }));
  reportProgress("Python started");
  if (pyodide.runPython("import importlib.util; importlib.util.find_spec('calculators') is None")) {
    const problems = []; // the preview: Pyodide's own standard library, and the wheel
    await pyodide.loadPackage(wheelURL, { messageCallback: () => {}, errorCallback: (text) => problems.push(text) });
    if (problems.length) throw new Error(problems.join(" "));
  }
  return pyodide;
}

// The snapshot's bytes, inflated: from the device's Cache Storage when the service worker kept it
// there (read here directly, without a round trip through the service worker), else downloaded.
async function fetchSnapshot(snapshotURL) {
  const kept = await self.caches?.match(snapshotURL).catch(() => undefined);
  const response = kept ?? (await fetch(snapshotURL));
  if (!response.ok) throw new Error(`${snapshotURL}: HTTP ${response.status}`);
  // gzip on any static host; the stream checks the length and CRC, so a cut download is refused.
  const inflated = countedBody(response, "snapshot").pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

// Python restored from `snapshot` (a promise of its bytes, which may still be on their way).
async function restore(pyodideURL, snapshotURL, snapshot) {
  snapshot.catch(() => {}); // awaited by loadPyodide; a failure there is the one reported
  const loadPyodide = await importPyodide(pyodideURL);
  reportProgress("pyodide.mjs loaded");
  return unlessWasmRefused(loadPyodide({
    indexURL: pyodideURL,
    _loadSnapshot: snapshot,
    stdLibURL: new URL("empty.zip", snapshotURL).href, // beside the snapshot and the wheel
    lockFileContents: EMPTY_LOCK,
    ...quiet,
  }));
}

async function restoreSnapshot({ pyodideURL, wheelURL, snapshotURL }) {
  const pyodide = await ((await takeRestored(snapshotURL)) ?? restore(pyodideURL, snapshotURL, fetchSnapshot(snapshotURL)));
  const made = JSON.parse(pyodide.globals.get("SNAPSHOT_INFO"));
  const fingerprint = new URL(wheelURL).pathname.split("/").at(-2);
  if (made.fingerprint !== fingerprint) throw new Error(`the snapshot is of calculators ${made.fingerprint}, not ${fingerprint}`);
  return pyodide;
}

// A download asked for ahead of Pyodide (into the HTTP cache, where Pyodide's own request finds
// it): url -> a promise settled when it is over (rejected with the reason if it failed).
const downloads = new Map();

function fetchAhead(urls) {
  for (const url of urls) {
    if (downloads.has(url)) continue;
    const download = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url.split("/").at(-1)}: HTTP ${response.status}`);
      return countedBody(response, url.split("/").at(-1)).pipeTo(new WritableStream());
    });
    download.catch(() => {}); // a head start: what the start awaits, it reports
    downloads.set(url, download);
  }
}

// What every start needs, begun before the page has chosen how to start (the `prepare` message,
// sent while the page is still loading), or at boot: Pyodide's loader and Emscripten module
// imported, its wasm compiled ahead.
// And when the service worker has kept the snapshot on this device, the page will choose to
// restore it (calculators.js: chooseStart), so the worker reads it from Cache Storage and restores
// it at once, while the page is still loading.
let prepared = null;

function prepare({ pyodideURL, snapshotURL }) {
  if (prepared) return;
  compileAhead(new URL("pyodide.asm.wasm", pyodideURL).href);
  // The loader, and the Emscripten module it imports in turn, imported now (a module is fetched and
  // compiled once: the start's own imports find them); the start reports what fails.
  importPyodide(pyodideURL).catch(() => {});
  import(new URL("pyodide.asm.mjs", pyodideURL).href).catch(() => {});
  const restored = snapshotURL && self.caches
    ? caches.match(snapshotURL).catch(() => null).then((kept) => kept && restore(pyodideURL, snapshotURL, fetchSnapshot(snapshotURL)))
    : Promise.resolve(null);
  restored.catch(() => {}); // the start awaits it, and falls back
  prepared = { snapshotURL, restored };
}

// The Python restored ahead (null if there was no kept snapshot to restore): given once, so that a
// start that does not want it lets it go.
function takeRestored(snapshotURL) {
  const restored = prepared?.snapshotURL === snapshotURL ? prepared.restored : Promise.resolve(null);
  if (prepared) prepared.restored = Promise.resolve(null);
  return restored;
}

// Start Python with the calculators loaded. Resolves to {runJSON, path}: calculators.run_json,
// (slug, inputsJSON) -> resultJSON, and the start used: "snapshot", "normal", or "fallback" (a
// snapshot was tried and could not be used).
async function boot(urls) {
  let path = urls.wanted === "normal" ? "normal" : "snapshot"; // the page's choice (calculators.js)
  prepare(urls);
  if (path !== "snapshot") takeRestored(urls.snapshotURL); // not wanted: let it go
  let pyodide;
  if (path === "snapshot") {
    try {
      pyodide = await restoreSnapshot(urls);
    } catch (problem) {
      console.warn(`Calculators: the Python snapshot was not used (${problem?.message ?? problem}); starting normally.`);
      path = "fallback";
      reportProgress("starting normally");
    }
  }
  if (!pyodide) pyodide = await startNormally(urls);
  const calculators = pyodide.pyimport("calculators");
  return { runJSON: calculators.run_json, runTableJSON: calculators.run_table_json, convertJSON: calculators.convert_json, path };
}

// Python, once the page has said how to start it. Runs that arrive before that wait for it too.
let booted = false;
let bootWith;
const runner = new Promise((resolve) => (bootWith = resolve)).then(boot);
runner.then(
  ({ path }) => self.postMessage(message.ready(path)),
  (problem) => self.postMessage(message.failed(String(problem?.message ?? problem))),
);

self.addEventListener("message", async ({ data }) => {
  if (data.type === message.PREPARE) {
    prepare(data);
  } else if (data.type === message.BOOT && !booted) {
    booted = true;
    bootWith(data);
  } else if (data.type === message.RUN || data.type === message.TABLE || data.type === message.CONVERT) {
    try {
      const { runJSON, runTableJSON, convertJSON } = await runner;
      const answer =
        data.type === message.RUN
          ? runJSON(data.slug, JSON.stringify(data.inputs))
          : data.type === message.CONVERT
            ? convertJSON(data.slug, JSON.stringify(data.inputs), JSON.stringify(data.units))
            : runTableJSON(data.slug, data.csvText); // the squad's file, as text: it stays in this worker
      self.postMessage(message.result(data.id, JSON.parse(answer)));
    } catch (problem) {
      self.postMessage(message.error(data.id, String(problem?.message ?? problem)));
    }
  }
});
