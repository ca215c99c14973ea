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
// - "normal": loadPyodide with the part of the standard library the calculators use (made at build
//   time, beside the wheel), then install the wheel. Fewer bytes, so first on a slow network (the
//   page then fetches the snapshot in the background, so the next visit restores it).
// The page chooses (calculators.js: chooseStart). A snapshot that cannot be used (missing, damaged,
// of another build) falls back to "normal".

import * as message from "./calculator-messages.mjs";

const quiet = { stdout: () => {}, stderr: () => {} };
// The calculators need no package from Pyodide's index, so neither start downloads it; and a
// restored Python reads no file of the standard library, so it gets an empty zip (beside the wheel).
const EMPTY_LOCK = JSON.stringify({ info: { abi_version: "2026_0" }, packages: {} });

async function importPyodide(pyodideURL) {
  return (await import(new URL("pyodide.mjs", pyodideURL).href)).loadPyodide;
}

async function startNormally({ pyodideURL, wheelURL, stdlibURL }) {
  const loadPyodide = await importPyodide(pyodideURL);
  const pyodide = await loadPyodide({
    indexURL: pyodideURL,
    stdLibURL: stdlibURL,
    lockFileContents: EMPTY_LOCK,
    // Packages resolve against our own copy; Pyodide's CDN is never asked for anything.
    packageBaseUrl: pyodideURL,
    ...quiet,
  });
  const problems = [];
  await pyodide.loadPackage(wheelURL, { messageCallback: () => {}, errorCallback: (text) => problems.push(text) });
  if (problems.length) throw new Error(problems.join(" "));
  return pyodide;
}

async function fetchSnapshot(snapshotURL) {
  const response = await fetch(snapshotURL);
  if (!response.ok) throw new Error(`${snapshotURL}: HTTP ${response.status}`);
  // gzip on any static host; the stream checks the length and CRC, so a cut download is refused.
  const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function restoreSnapshot({ pyodideURL, wheelURL, snapshotURL }) {
  const snapshot = fetchSnapshot(snapshotURL); // downloads while pyodide.mjs loads
  snapshot.catch(() => {}); // awaited below; a failure there is the one reported
  const loadPyodide = await importPyodide(pyodideURL);
  const pyodide = await loadPyodide({
    indexURL: pyodideURL,
    _loadSnapshot: snapshot,
    stdLibURL: new URL("empty.zip", wheelURL).href,
    lockFileContents: EMPTY_LOCK,
    ...quiet,
  });
  const made = JSON.parse(pyodide.globals.get("SNAPSHOT_INFO"));
  const fingerprint = new URL(wheelURL).pathname.split("/").at(-2);
  if (made.fingerprint !== fingerprint) throw new Error(`the snapshot is of calculators ${made.fingerprint}, not ${fingerprint}`);
  return pyodide;
}

// The files a start downloads, asked for at once (into the HTTP cache), so that they are on their
// way while pyodide.mjs loads and asks for the next, instead of one after the other.
function startFiles({ pyodideURL, wheelURL, stdlibURL }, path) {
  const pyodide = ["pyodide.asm.mjs", "pyodide.asm.wasm"].map((name) => new URL(name, pyodideURL).href);
  if (path === "snapshot") return pyodide; // the snapshot itself is fetched first thing
  return [...pyodide, stdlibURL, wheelURL];
}

function fetchAhead(urls) {
  for (const url of urls) {
    fetch(url)
      .then((response) => response.body?.pipeTo(new WritableStream()))
      .catch(() => {}); // only a head start: the start itself reports what really fails
  }
}

// Start Python with the calculators loaded. Resolves to {runJSON, path}: calculators.run_json,
// (slug, inputsJSON) -> resultJSON, and the start used: "snapshot", "normal", or "fallback" (a
// snapshot was tried and could not be used).
async function boot(urls) {
  let path = urls.wanted === "normal" ? "normal" : "snapshot"; // the page's choice (calculators.js)
  fetchAhead(startFiles(urls, path));
  let pyodide;
  if (path === "snapshot") {
    try {
      pyodide = await restoreSnapshot(urls);
    } catch (problem) {
      console.warn(`Calculators: the Python snapshot was not used (${problem?.message ?? problem}); starting normally.`);
      path = "fallback";
    }
  }
  if (!pyodide) pyodide = await startNormally(urls);
  return { runJSON: pyodide.pyimport("calculators").run_json, path };
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
  } else if (data.type === message.RUN) {
    try {
      const { runJSON } = await runner;
      const answer = JSON.parse(runJSON(data.slug, JSON.stringify(data.inputs)));
      self.postMessage(message.result(data.id, answer));
    } catch (problem) {
      self.postMessage(message.error(data.id, String(problem?.message ?? problem)));
    }
  }
});
