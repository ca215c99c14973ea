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
//   time, beside the wheel), then install the wheel. Fewer bytes, so first on a slow network; the
//   snapshot is then fetched in the background, so the next visit restores it.
// A snapshot that cannot be used (missing, damaged, of another build) falls back to "normal".

import * as message from "./calculator-messages.mjs";

const quiet = { stdout: () => {}, stderr: () => {} };
// The calculators need no package from Pyodide's index, so neither start downloads it; and a
// restored Python reads no file of the standard library, so it gets an empty zip (beside the wheel).
const EMPTY_LOCK = JSON.stringify({ info: { abi_version: "2026_0" }, packages: {} });
// Below this downlink (Mbit/s, as the browser estimates it) the snapshot's extra bytes cost more
// than the start-up they save (measured: README, Speed).
const SNAPSHOT_MIN_MBPS = 5;

async function importPyodide(pyodideURL) {
  return (await import(new URL("pyodide.mjs", pyodideURL).href)).loadPyodide;
}

async function startNormally({ pyodideURL, wheelURL }) {
  const loadPyodide = await importPyodide(pyodideURL);
  const pyodide = await loadPyodide({
    indexURL: pyodideURL,
    stdLibURL: new URL("python_stdlib.zip", wheelURL).href,
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

async function isOnThisDevice(url) {
  try {
    if (await self.caches?.match(url)) return true; // the service worker's cache
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" }); // the HTTP cache
    response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

// Which start to try first: "snapshot" or "normal". `wanted` (from the page's address, for tests
// and the benchmark) overrides the choice.
async function firstChoice({ snapshotURL, wanted }) {
  if (wanted === "snapshot" || wanted === "normal") return wanted;
  if (await isOnThisDevice(snapshotURL)) return "snapshot";
  const link = navigator.connection;
  if (link?.saveData) return "normal";
  return link?.downlink === undefined || link.downlink >= SNAPSHOT_MIN_MBPS ? "snapshot" : "normal";
}

// Keep the snapshot for the next visit, once the reader has their result (low priority).
function fetchForNextVisit(snapshotURL) {
  if (navigator.connection?.saveData) return;
  fetch(snapshotURL, { priority: "low" }).then((response) => response.arrayBuffer()).catch(() => {});
}

// Start Python with the calculators loaded. Resolves to {runJSON, path}: calculators.run_json,
// (slug, inputsJSON) -> resultJSON, and the start used: "snapshot", "normal", or "fallback" (a
// snapshot was tried and could not be used).
async function boot(urls) {
  let path = await firstChoice(urls);
  let pyodide;
  if (path === "snapshot") {
    try {
      pyodide = await restoreSnapshot(urls);
    } catch (problem) {
      console.warn(`Calculators: the Python snapshot was not used (${problem?.message ?? problem}); starting normally.`);
      path = "fallback";
    }
  }
  if (!pyodide) {
    pyodide = await startNormally(urls);
    if (path === "normal") fetchForNextVisit(urls.snapshotURL);
  }
  return { runJSON: pyodide.pyimport("calculators").run_json, path };
}

let runner = null; // the promise boot() returned

self.addEventListener("message", async ({ data }) => {
  if (data.type === message.BOOT && !runner) {
    runner = boot(data);
    runner.then(
      ({ path }) => self.postMessage(message.ready(path)),
      (problem) => self.postMessage(message.failed(String(problem?.message ?? problem))),
    );
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
