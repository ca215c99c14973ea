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
// - "normal": loadPyodide with python.zip as its standard library, then calculators.zip on
//   sys.path (both made at build time, beside the wheel): the modules Pyodide's start uses, then
//   the calculators and the modules only they use, compiled to bytecode, so nothing is compiled
//   and no wheel installed. Fewer bytes, so first on a slow network (the page then fetches the
//   snapshot in the background, so the next visit restores it). The writer's preview has
//   Pyodide's own standard library instead, and installs the wheel.
// A snapshot on this device (kept inflated, or in the service worker's cache) is restored; else the
// page chooses (calculators.js: forcedStart, snapshotFirst), and it may force either start. A snapshot that cannot
// be used (missing, damaged, of another build) falls back to "normal".
//
// The page gives up on a start that stays silent too long (calculators.js: the watchdog), so the
// worker reports each step and the bytes as they arrive (`progress`): a slow network is not a stuck
// one.

import * as message from "./calculator-messages.mjs";

const PROGRESS_EVERY_MS = 500; // bytes are reported at most this often

function reportProgress(step) {
  self.postMessage(message.progress(step));
}

// A response body that reports its bytes as they arrive (at most every PROGRESS_EVERY_MS), and
// calls `ended` after the last.
function countedBody(response, name, ended = () => {}) {
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
    flush: ended,
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
// ahead. Its own request for the file is never made: it gets a stand-in, an empty answer, once the
// module has compiled (the file again if it did not). Made, that request streamed the 9.6 MB again
// through the service worker while Python was being restored, on the same two or four cores.
const wasmRefusals = new Set();
// The wasm's URL -> {compiled: Promise<WebAssembly.Module>, arrived: a promise settled once its
// last byte is here, or its download failed}; dropped if the download or compilation fails.
const compiledAhead = new Map();
// A stand-in answer to Pyodide's request for its wasm -> the wasm's URL.
const standIns = new WeakMap();
const instantiate = WebAssembly.instantiate;
const instantiateStreaming = WebAssembly.instantiateStreaming;
const fetchFile = self.fetch;

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
      const compiled = compiledAhead.get(standIns.get(response) ?? response.url)?.compiled;
      if (!compiled) return instantiateStreaming.call(this, response, imports);
      response.body?.cancel().catch(() => {});
      return compiled.then((module) => instantiate(module, imports).then((instance) => ({ instance, module })));
    })
    .catch(refused);
};

self.fetch = function (resource, options) {
  const url = resource instanceof Request ? resource.url : new URL(resource, self.location.href).href;
  const ahead = compiledAhead.get(url);
  if (!ahead) return fetchFile.call(self, resource, options);
  return ahead.compiled.then(
    () => {
      const standIn = new Response(null, { headers: { "Content-Type": "application/wasm" } });
      standIns.set(standIn, url);
      return standIn;
    },
    () => fetchFile.call(self, resource, options), // compiling failed: Pyodide's own request tries again
  );
};

function compileAhead(wasmURL) {
  if (!WebAssembly.compileStreaming || compiledAhead.has(wasmURL)) return;
  let lastByte;
  const arrived = new Promise((resolve) => (lastByte = resolve));
  // Its bytes are reported as they arrive, as every download of a start is (the page's watchdog).
  const counted = fetchFile.call(self, wasmURL).then(
    (response) => new Response(countedBody(response, "pyodide.asm.wasm", lastByte), { status: response.status, headers: response.headers }),
  );
  const compiled = WebAssembly.compileStreaming(counted);
  compiledAhead.set(wasmURL, { compiled, arrived });
  compiled.catch(() => {
    compiledAhead.delete(wasmURL); // Pyodide's own request then tries again, and reports
    lastByte(); // nothing more to wait for
  });
}

// Settled once the wasm compiled ahead has arrived or failed; at once if there is none.
function wasmArrived(pyodideURL) {
  return compiledAhead.get(new URL("pyodide.asm.wasm", pyodideURL).href)?.arrived ?? Promise.resolve();
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

// Pyodide's loader and the Emscripten module it imports in turn, imported (a module is fetched and
// compiled once a worker: a start's own imports find them).
function importPyodideScripts(pyodideURL) {
  return Promise.all([importPyodide(pyodideURL), import(new URL("pyodide.asm.mjs", pyodideURL).href)]);
}

// Where a normal start puts calculators.zip, on sys.path (as make_python_zip.mjs checks it).
const CALCULATORS_ON_PATH = "/lib/calculators.zip";

// A download of a start: its body, its bytes reported as they arrive, or its HTTP error.
async function download(url) {
  const name = new URL(url).pathname.split("/").at(-1);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return countedBody(response, name);
}

async function downloadBytes(url) {
  return new Uint8Array(await new Response(await download(url)).arrayBuffer());
}

async function startNormally({ pyodideURL, wheelURL, stdlibURL, calculatorsURL }) {
  // The standard library has arrived (into the HTTP cache, where Pyodide's own request finds it)
  // before Pyodide asks for it: a failed download then ends the start with its reason, instead of
  // an error Pyodide writes to the console before it stops.
  fetchAhead([stdlibURL]);
  // The calculators' zip once Pyodide's wasm has arrived: on a slow network the bytes Python's
  // start waits for come first, and this one arrives while Python starts.
  const calculators = calculatorsURL ? wasmArrived(pyodideURL).then(() => downloadBytes(calculatorsURL)) : null;
  calculators?.catch(() => {}); // awaited once Python has started: a failure before is the one reported
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
  if (calculators) {
    pyodide.FS.writeFile(CALCULATORS_ON_PATH, await calculators);
    pyodide.runPython(`import sys; sys.path.append(${JSON.stringify(CALCULATORS_ON_PATH)})`);
  } else {
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

// ---- the snapshot kept inflated on this device --------------------------------------------------
//
// Reading the 6.6 MB gzip file and inflating it to the 30 MiB heap is the longest step of a second
// visit. So after a restore from it, the worker keeps the inflated heap in the origin's private
// file system (OPFS), named by the snapshot's address (which holds the site's path, the build's
// fingerprint and Pyodide's version), and a later visit reads it at once (a synchronous read, in
// workers only): measured in Chromium, 67-132 ms for the heap against about 200 ms to inflate it,
// on a quiet processor. Keeping one drops the site's others (another build's); so does the service
// worker when a new build takes over (sw.src.js). A browser without OPFS, or a copy that cannot be
// read, uses the gzip file.

const KEPT_FOLDER = "aq-python-snapshots";
// Written a second after the first results (31 MB, off the reader's way), and no later: a reader
// who leaves within seconds of a first visit still finds it on the next one.
const KEEP_AFTER_MS = 1000;

// "/speed/assets/calculators/<fingerprint>/pyodide-314.0.7.snapshot.gz", as one file name.
function keptName(snapshotURL) {
  return encodeURIComponent(new URL(snapshotURL).pathname);
}

// What the names of the site's kept heaps begin with: its path ("/speed/"), as in keptName.
function sitePrefix(snapshotURL) {
  const path = new URL(snapshotURL).pathname;
  return encodeURIComponent(path.slice(0, path.lastIndexOf("/assets/calculators/") + 1));
}

async function keptFolder() {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(KEPT_FOLDER, { create: true });
}

// The inflated heap an earlier visit kept, or null.
async function readKept(snapshotURL) {
  let handle;
  try {
    handle = await (await (await keptFolder()).getFileHandle(keptName(snapshotURL))).createSyncAccessHandle();
    const heap = new Uint8Array(handle.getSize());
    return handle.read(heap, { at: 0 }) === heap.length && heap.length > 0 ? heap : null;
  } catch {
    return null; // none kept, no OPFS here, or another tab reading it now
  } finally {
    handle?.close();
  }
}

// Keep `heap` for the next visit (written to a copy that replaces the file only once complete),
// and drop whatever else is kept: another build's heap.
async function keep(snapshotURL, heap) {
  try {
    const folder = await keptFolder();
    const name = keptName(snapshotURL);
    const file = await (await folder.getFileHandle(name, { create: true })).createWritable();
    await file.write(heap);
    await file.close();
    const site = sitePrefix(snapshotURL);
    for await (const other of folder.keys()) {
      if (other !== name && other.startsWith(site)) await folder.removeEntry(other).catch(() => {});
    }
  } catch {} // no room, or no OPFS: the next visit inflates the gzip file again
}

// Whether a heap is kept for `snapshotURL`: not while its first write is under way (until then the
// file is empty), and yes when another tab has it open (it is being read).
async function hasKept(snapshotURL) {
  if (!self.navigator?.storage?.getDirectory) return false;
  try {
    const handle = await (await keptFolder()).getFileHandle(keptName(snapshotURL));
    return (await handle.getFile().catch(() => ({ size: 1 }))).size > 0;
  } catch {
    return false;
  }
}

// After a normal start the page fetched the snapshot for the next visit (into the browser's
// caches): inflated and kept here too, off the reader's way, so that visit reads it at once.
async function keepForNextVisit(snapshotURL) {
  try {
    if (self.navigator?.storage?.getDirectory && !(await hasKept(snapshotURL))) await keep(snapshotURL, await fetchSnapshot(snapshotURL));
  } catch {} // the next visit inflates the gzip file
}

async function forget(snapshotURL) {
  try {
    await (await keptFolder()).removeEntry(keptName(snapshotURL));
  } catch {} // gone already
}

// The heap kept inflated on this device for `snapshotURL`, read (null if none is kept, or there is no OPFS).
function keptHeap(snapshotURL) {
  return self.navigator?.storage?.getDirectory ? readKept(snapshotURL) : Promise.resolve(null);
}

// The snapshot's heap, kept inflated on this device (`kept`: its read, if begun already) or else
// from the gzip file: {heap, kept}.
async function snapshotHeap(snapshotURL, kept = keptHeap(snapshotURL)) {
  const heap = await kept;
  return heap ? { heap, kept: true } : { heap: await fetchSnapshot(snapshotURL), kept: false };
}

// Python restored from the snapshot, its bytes fetched while Pyodide's loader loads (`kept`: the
// kept heap's read, if begun already): {pyodide, heap, kept}. A kept copy that does not restore is
// dropped.
async function restore(pyodideURL, snapshotURL, kept) {
  const snapshot = snapshotHeap(snapshotURL, kept);
  const heap = snapshot.then((found) => found.heap);
  // Awaited by loadPyodide, which may stop before it does: a failure there is the one reported.
  for (const awaited of [snapshot, heap]) awaited.catch(() => {});
  const loadPyodide = await importPyodide(pyodideURL);
  reportProgress("pyodide.mjs loaded");
  try {
    const pyodide = await unlessWasmRefused(loadPyodide({
      indexURL: pyodideURL,
      _loadSnapshot: heap,
      stdLibURL: new URL("empty.zip", snapshotURL).href, // beside the snapshot and the wheel
      lockFileContents: EMPTY_LOCK,
      ...quiet,
    }));
    return { pyodide, ...(await snapshot) };
  } catch (problem) {
    if ((await snapshot.catch(() => null))?.kept) await forget(snapshotURL);
    throw problem;
  }
}

// The fingerprint of the calculators a snapshot was made of, and the one a file of this build's
// calculators folder (the wheel, the snapshot) is named by: assets/calculators/<fingerprint>/.
const madeOf = (pyodide) => JSON.parse(pyodide.globals.get("SNAPSHOT_INFO")).fingerprint;
const folderOf = (url) => new URL(url).pathname.split("/").at(-2);

async function restoreSnapshot({ pyodideURL, wheelURL, snapshotURL }) {
  const { pyodide, heap, kept } = await ((await takeRestored(snapshotURL)) ?? restore(pyodideURL, snapshotURL));
  if (madeOf(pyodide) !== folderOf(wheelURL)) {
    if (kept) await forget(snapshotURL);
    throw new Error(`the snapshot is of calculators ${madeOf(pyodide)}, not ${folderOf(wheelURL)}`);
  }
  if (!kept && self.navigator?.storage?.getDirectory) setTimeout(() => keep(snapshotURL, heap), KEEP_AFTER_MS);
  return pyodide;
}

// A download asked for ahead of Pyodide (into the HTTP cache, where Pyodide's own request finds
// it): url -> a promise settled when it is over (rejected with the reason if it failed).
const downloads = new Map();

function fetchAhead(urls) {
  for (const url of urls) {
    if (downloads.has(url)) continue;
    const done = download(url).then((body) => body.pipeTo(new WritableStream()));
    done.catch(() => {}); // a head start: what the start awaits, it reports
    downloads.set(url, done);
  }
}

// What every start needs, begun before the page has chosen how to start (as soon as this module
// has run, when the worker's name says where Pyodide is: workerName in calculator-messages.mjs),
// or at boot: Pyodide's loader and Emscripten module imported, its wasm compiled ahead.
// And when the snapshot is on this device (kept inflated by an earlier visit, or by the service
// worker), the start will restore it (unless the page forces a normal one), so the worker reads it
// and restores it at once, while the page is still loading, then works out the first results of
// the calculators the page is there for (`ahead`).
let prepared = null;

function prepare({ pyodideURL, snapshotURL, ahead = [] }) {
  if (prepared) return;
  compileAhead(new URL("pyodide.asm.wasm", pyodideURL).href);
  importPyodideScripts(pyodideURL).catch(() => {}); // the start reports what fails
  // A kept heap is read at once: finding it and reading it are the same few steps in OPFS.
  const kept = snapshotURL ? keptHeap(snapshotURL) : Promise.resolve(null);
  const onDevice = snapshotURL ? snapshotOnDevice(snapshotURL, kept) : Promise.resolve(false);
  const restored = onDevice.then((here) => (here ? restore(pyodideURL, snapshotURL, kept) : null));
  restored.catch(() => {}); // the start awaits it, and falls back
  prepared = { snapshotURL, onDevice, restored };
  if (ahead.length) restored.then((python) => python && workOutAhead(python.pyodide, snapshotURL, ahead)).catch(() => {});
}

// The first result of each calculator the page is there for, with the inputs its form starts
// with, sent before the page asks: the page's thread, busy loading the page, hears the answer to
// its own request late (0.3-0.5 s with its processor slowed 4x), so it shows this one when its
// form holds those very inputs (calculators.js: shownAhead). The first run after a restore is
// also the slow one (60-90 ms): the page's own requests then find Python warm. Only with a
// snapshot of this build's calculators; what fails here, the start reports.
function workOutAhead(pyodide, snapshotURL, slugs) {
  if (madeOf(pyodide) !== folderOf(snapshotURL)) return;
  const calculators = pyodide.pyimport("calculators");
  try {
    for (const slug of slugs) {
      const inputs = calculators.defaults_json(slug);
      self.postMessage(message.ahead(slug, JSON.parse(inputs), JSON.parse(calculators.run_json(slug, inputs))));
    }
  } finally {
    calculators.destroy();
  }
}

async function snapshotOnDevice(snapshotURL, kept) {
  try {
    return (await kept) !== null || Boolean(await self.caches?.match(snapshotURL));
  } catch {
    return false;
  }
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
  prepare(urls);
  const here = !urls.forced && prepared.snapshotURL === urls.snapshotURL && (await prepared.onDevice);
  let path = here || urls.wanted !== "normal" ? "snapshot" : "normal"; // else the page's choice (calculators.js)
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
  if (data.type === message.KEEP_SNAPSHOT) {
    setTimeout(() => keepForNextVisit(data.snapshotURL), KEEP_AFTER_MS); // the first results first
  } else if (data.type === message.COMPILE) {
    importPyodideScripts(data.pyodideURL).then(() => self.postMessage(message.compiled()), () => {});
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

// Started by a page that named Pyodide and the snapshot in this worker's name.
const named = message.namedInWorkerName(self.name);
if (named) prepare(named);
