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
const wasmRefusals = new Set();
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).catch((problem) => {
      for (const refuse of wasmRefusals) refuse(problem);
      throw problem;
    });
  };
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

async function startNormally({ pyodideURL, wheelURL, stdlibURL }, downloads) {
  // The standard library has arrived (into the HTTP cache, where Pyodide's own request finds it)
  // before Pyodide asks for it: a failed download then ends the start with its reason, instead of
  // an error Pyodide writes to the console before it stops.
  const [loadPyodide] = await Promise.all([importPyodide(pyodideURL), downloads.get(stdlibURL) ?? fetchAhead([stdlibURL]).get(stdlibURL)]);
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

async function fetchSnapshot(snapshotURL) {
  const response = await fetch(snapshotURL);
  if (!response.ok) throw new Error(`${snapshotURL}: HTTP ${response.status}`);
  // gzip on any static host; the stream checks the length and CRC, so a cut download is refused.
  const inflated = countedBody(response, "snapshot").pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function restoreSnapshot({ pyodideURL, wheelURL, snapshotURL }) {
  const snapshot = fetchSnapshot(snapshotURL); // downloads while pyodide.mjs loads
  snapshot.catch(() => {}); // awaited below; a failure there is the one reported
  const loadPyodide = await importPyodide(pyodideURL);
  reportProgress("pyodide.mjs loaded");
  const pyodide = await unlessWasmRefused(loadPyodide({
    indexURL: pyodideURL,
    _loadSnapshot: snapshot,
    stdLibURL: new URL("empty.zip", wheelURL).href,
    lockFileContents: EMPTY_LOCK,
    ...quiet,
  }));
  const made = JSON.parse(pyodide.globals.get("SNAPSHOT_INFO"));
  const fingerprint = new URL(wheelURL).pathname.split("/").at(-2);
  if (made.fingerprint !== fingerprint) throw new Error(`the snapshot is of calculators ${made.fingerprint}, not ${fingerprint}`);
  return pyodide;
}

// The files a start downloads, asked for at once (into the HTTP cache), so that they are on their
// way while pyodide.mjs loads and asks for the next, instead of one after the other.
function startFiles({ pyodideURL, stdlibURL }, path) {
  const pyodide = ["pyodide.asm.mjs", "pyodide.asm.wasm"].map((name) => new URL(name, pyodideURL).href);
  if (path === "snapshot") return pyodide; // the snapshot itself is fetched first thing
  return [...pyodide, stdlibURL];
}

// url -> a promise settled when its download is over (rejected with the reason if it failed).
function fetchAhead(urls) {
  const downloads = new Map();
  for (const url of urls) {
    const download = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url.split("/").at(-1)}: HTTP ${response.status}`);
      return countedBody(response, url.split("/").at(-1)).pipeTo(new WritableStream());
    });
    download.catch(() => {}); // a head start: what the start awaits, it reports
    downloads.set(url, download);
  }
  return downloads;
}

// Start Python with the calculators loaded. Resolves to {runJSON, path}: calculators.run_json,
// (slug, inputsJSON) -> resultJSON, and the start used: "snapshot", "normal", or "fallback" (a
// snapshot was tried and could not be used).
async function boot(urls) {
  let path = urls.wanted === "normal" ? "normal" : "snapshot"; // the page's choice (calculators.js)
  const downloads = fetchAhead(startFiles(urls, path));
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
  if (!pyodide) pyodide = await startNormally(urls, downloads);
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
  if (data.type === message.BOOT && !booted) {
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
