//# allFunctionsCalledOnLoad
// Makes every calculator on the page live: the page script of the calculators.
//
// Each calculator arrives in the page as a <section class="aq-calc"> written at build time: the
// form, a status line and a worked example computed by the same Python. This script knows no
// calculator in particular. It reads the section's data- attributes, starts one module worker for
// the page when a calculator comes near the screen or a field gets focus, sends the form's inputs
// to it (every change, at once), and shows what Python answers: the result, and each field's
// message next to it. The inputs are kept in the address (?SLUG.v=SCHEMA&SLUG.NAME=VALUE...) so a
// result can be shared (written when the reader pauses in their typing or leaves the field). Works
// with Material's instant navigation: new pages are enhanced, the worker is reused.
//
// The first line is V8's compile hint (Chromium 136 and later; other browsers read a comment): the
// functions of this script (and of the three modules it imports, which carry the same line) are
// compiled as the file is downloaded, off the page's thread, instead of each on its first call.
// Most of them run by the first result, and on a first visit that is where they were compiled:
// 2.4-10.2 ms of lazy compiling in the task that showed it, with the processor slowed 4x, and none
// with the hint (README, Speed).

import * as message from "./calculator-messages.mjs";
import { updateChildren } from "./update-in-place.mjs";
import { onEveryPage } from "./every-page.mjs";

const LIVE_MARK = "aq-calculator-live"; // performance mark: the first live result on this page
const LIVE_EVENT = "aq-calculator:live"; // dispatched on the document with it (partials/material-bundle.html waits for it)
const AHEAD_MARK = "aq-calculator-ahead"; // performance mark: a first result worked out ahead was shown
const RESULT_EVENT = "aq-calculator:result"; // dispatched on the section after each result, with its answer

// The status line's words; "example" is the text the build wrote, kept from the page itself.
const STATUS = {
  yours: "Loading your result…",
  loading: "Loading Python…",
  live: "Live: the result follows your values.",
  invalid: "Check the highlighted fields: the result updates when they are valid.",
  outdated: "This link was made for a different version of the calculator, so the example is shown.",
  unavailable:
    "Live results are unavailable right now: Python could not be loaded. " +
    "The result shown is the example for the values the page came with.",
  broken: "Something went wrong working this out, so the result shown may be out of date.",
};

// ---- the one worker of this page ------------------------------------------------------------

// A start or a run that stays silent this long has stopped: a stalled download, a wasm the browser
// never instantiates, a worker that died. The worker reports every step of a start and its bytes as
// they arrive (`progress`), so a slow network keeps it going; only silence ends it.
const SILENCE_MS = 20_000;
// A worker that dies once it was ready is started again once, on the next input; a second death
// leaves the calculators unavailable, with Retry.
const RESTARTS = 1;

const runtime = {
  state: "idle", // idle -> loading -> ready | failed (-> loading again on retry); ready -> idle when the worker died
  worker: null,
  watchdog: 0, // the timer that ends a silent start or run
  restarts: 0, // restarts after the worker died, since the page opened or the reader's Retry
  nextId: 1,
  path: "", // how Python started: "snapshot", "normal" or "fallback" (on each section as data-python)
  snapshotURL: "",
  views: new Set(),
  tables: new Map(), // id -> {resolve, reject}: squads' files (runTable) and unit conversions (convertUnits) being worked out
  ahead: new Map(), // slug -> {inputs, result}: a first result the worker worked out before the page asked
  liveMarked: false,
};

function moduleWorker(url, name) {
  // Browsers that do not know module workers never read `type`: we would get a classic worker.
  let understood = false;
  const options = {
    name,
    get type() {
      understood = true;
      return "module";
    },
  };
  const worker = new Worker(url, options);
  if (!understood) {
    worker.terminate();
    throw new Error("this browser cannot start module workers");
  }
  return worker;
}

// A data- attribute's address, made absolute ("" when there is none).
function absolute(url) {
  return url ? new URL(url, document.baseURI).href : "";
}

// The worker the page's head started while the page loaded (partials/early-downloads.html),
// taken once: a Retry, or a worker lost, starts a new one. With it, the first results it worked
// out ahead and the head kept. On a first visit the head starts it in a task of its own: if that
// task has not come yet, it starts now. Taken, the head's start is spent: should the head's script
// (an async module) run only now, or again, it starts no second worker.
function earlyWorker(url) {
  window.aqEarlyStart?.();
  window.aqEarlyStart = null;
  const worker = window.aqEarlyWorker;
  window.aqEarlyWorker = null;
  for (const answer of window.aqAhead ?? []) runtime.ahead.set(answer.slug, answer);
  window.aqAhead = null;
  return worker && url ? worker : null;
}

// Start Python for the page. After a failure only the reader's Retry starts it again (typing,
// focus or scrolling do not), so an offline page does not ask again on every key.
function startRuntime(view, { retry = false } = {}) {
  if (runtime.state !== "idle" && !(retry && runtime.state === "failed")) return;
  setRuntimeState("loading");
  performance.mark("aq-calculator-start");
  const { workerUrl, pyodideUrl, wheelUrl, stdlibUrl, calculatorsUrl, snapshotUrl } = view.section.dataset;
  const urls = {
    pyodideURL: absolute(pyodideUrl),
    wheelURL: absolute(wheelUrl),
    stdlibURL: absolute(stdlibUrl),
    calculatorsURL: absolute(calculatorsUrl), // none in the writer's preview
    snapshotURL: absolute(snapshotUrl), // none in the writer's preview
  };
  let worker;
  try {
    worker = runtime.worker = earlyWorker(absolute(workerUrl)) ?? moduleWorker(absolute(workerUrl), message.workerName(urls));
  } catch (error) {
    failRuntime(error.message);
    return;
  }
  worker.addEventListener("message", ({ data }) => {
    if (runtime.worker === worker) onWorkerMessage(data);
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    if (runtime.worker === worker) workerLost(event.message || "the worker could not be started");
  });
  watchWorker();
  runtime.snapshotURL = urls.snapshotURL;
  const boot = (start) => {
    if (runtime.worker === worker) worker.postMessage(message.boot({ ...urls, ...start })); // unless stopped meanwhile
  };
  const forced = forcedStart(urls.snapshotURL);
  if (forced?.wanted === "normal") runtime.ahead.clear(); // worked out by a restored snapshot
  if (forced) boot(forced);
  else snapshotFirst(urls.snapshotURL).then((first) => boot({ wanted: first ? "snapshot" : "normal", forced: false }));
  for (const each of runtime.views) requestResult(each); // answered as soon as Python is ready (the worker keeps them until its start)
}

// ---- how Python starts: from the build's memory snapshot, or normally --------------------------

// Below this download speed (Mbit/s) the snapshot's extra 5 MB cost more time than the start-up it
// saves, so a first visit starts normally (measured: README, Speed). A visit that already has the
// snapshot on the device always restores it.
const SNAPSHOT_MIN_MBPS = 20;

// The start the page wants is {wanted: "snapshot" | "normal", forced}. Unless `forced`, the worker
// restores a snapshot it finds on this device whatever `wanted` says (kept inflated, or in the
// service worker's cache: it looks as it starts, before this page's scripts have run), so the page
// decides without asking Cache Storage itself (snapshotFirst). The snapshot an earlier visit fetched
// without a service worker, into the browser's HTTP cache, only this page knows of (localStorage).
// A forced start, decided at once, or null.
function forcedStart(snapshotURL) {
  if (!snapshotURL) return { wanted: "normal", forced: true }; // the writer's preview has none
  const forced = new URLSearchParams(location.search).get("aq-python"); // for tests and the benchmark
  return forced === "snapshot" || forced === "normal" ? { wanted: forced, forced: true } : null;
}

// How long a first visit's start may wait for the wasm the page's head is downloading
// (partials/early-downloads.html), when the page's smaller files read a slow network: they
// under-read a fast one (a 21 kB stylesheet is mostly round trips), and the 2.8 MB wasm, once it
// has arrived, reads it right. Arrived within this, the network is fast; not, the start is normal,
// and only the standard library's request waits (the wasm has the network meanwhile).
const WASM_WAIT_MS = 300;

// Whether restoring the snapshot beats a normal start when the service worker does not have it.
async function snapshotFirst(snapshotURL) {
  if (remembered(SNAPSHOT_KEPT) === snapshotURL) return true; // fetched before: in the HTTP cache
  if (navigator.connection?.saveData) return false;
  if (fastEnough()) return true;
  if (window.aqEarlyWasm) await Promise.race([window.aqEarlyWasm, new Promise((done) => setTimeout(done, WASM_WAIT_MS))]);
  return fastEnough();
}

function fastEnough() {
  const mbps = measuredMbps() ?? navigator.connection?.downlink;
  return mbps === undefined || mbps >= SNAPSHOT_MIN_MBPS;
}

const SNAPSHOT_KEPT = "aq-calculators:snapshot"; // localStorage: the snapshot last fetched

function remembered(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the calculators work the same, just without the memory
  }
}

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {}
}

// After a normal start, fetch the snapshot for the next visit to restore, once the first live
// result is out and the page is idle (not while the first run imports its calculator); the worker
// then keeps it inflated as well (calculator-worker.mjs), so that visit reads it at once.
function keepSnapshotForNextVisit(snapshotURL) {
  if (navigator.connection?.saveData) return;
  const keep = () =>
    fetch(snapshotURL, { priority: "low" })
      .then((response) => (response.ok ? response.arrayBuffer() : Promise.reject()))
      .then(() => {
        remember(SNAPSHOT_KEPT, snapshotURL);
        runtime.worker?.postMessage(message.keepSnapshot(snapshotURL));
      })
      .catch(() => {});
  if (runtime.liveMarked) whenIdle(keep);
  else document.addEventListener(RESULT_EVENT, () => whenIdle(keep), { once: true });
}

function whenIdle(task) {
  if (window.requestIdleCallback) requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}

// ---- the next visit: Pyodide's scripts compiled once, from the service worker's cache ------------

// Chromium keeps a script's compiled code beside its entry in Cache Storage once the script has run
// from there (V8's code cache), and every later run reads it instead of compiling. For Pyodide's
// Emscripten module (1.3 MB, compiled whole as it loads: macros/browser_runtime.py) that is most of
// the worker's start before Python's own. A first visit's worker imported the scripts before the
// service worker had cached them, so the next visit would compile them again (and only the one
// after would read them). So once this device has the calculator offline (offline.mjs says so with
// OFFLINE_EVENT, the files are in the service worker's cache), a worker of its own imports them
// once from there, and ends. Once per Pyodide version on this device.
const OFFLINE_EVENT = "aq-calculator:offline"; // dispatched on the section by offline.mjs
const COMPILED_KEPT = "aq-calculators:compiled"; // localStorage: the Pyodide folder last compiled so
const COMPILED_MARK = "aq-python-compiled"; // performance mark: that worker has ended
const COMPILED_WRITTEN_MS = 2000; // after its import, for the browser to write the code down
const COMPILE_GIVE_UP_MS = 30_000;
let compiling = false;
document.addEventListener(OFFLINE_EVENT, ({ target }) => whenIdle(() => compileForNextVisit(target)));

function compileForNextVisit(section) {
  const pyodideURL = absolute(section.dataset.pyodideUrl);
  if (compiling || !pyodideURL || remembered(COMPILED_KEPT) === pyodideURL) return;
  compiling = true;
  let worker;
  try {
    worker = moduleWorker(absolute(section.dataset.workerUrl), "aq-compile");
  } catch {
    return; // no module workers: no calculator started either
  }
  let imported = false;
  const end = () => {
    clearTimeout(givingUp);
    worker.terminate();
    if (imported) remember(COMPILED_KEPT, pyodideURL);
    performance.mark(COMPILED_MARK);
  };
  const givingUp = setTimeout(end, COMPILE_GIVE_UP_MS);
  worker.addEventListener("message", ({ data }) => {
    if (data.type !== message.COMPILED) return;
    imported = true;
    clearTimeout(givingUp);
    setTimeout(end, COMPILED_WRITTEN_MS);
  });
  worker.addEventListener("error", end);
  worker.postMessage(message.compile(pyodideURL));
}

// The fastest download this page has seen (its own page, styles and scripts), in Mbit/s, timed
// from its request. Bytes that waited in a buffer (a busy device, the network's emulation) are
// read in one go once the response begins: timed from there, one visit on a 10 Mbit/s network
// read 20 Mbit/s or more (the benchmark read a download of its at 81 Mbit/s) and fetched the
// snapshot's 6 MB first, live at 8.5 s instead of 4.5 s. From its request, a download takes at
// least what the network took to bring it; a small one's round trip makes it read slow, which
// only makes a first visit wait for the wasm (WASM_WAIT_MS).
function measuredMbps() {
  const loads = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  const speeds = loads
    .filter((load) => load.transferSize > 0 && load.encodedBodySize >= 16_000 && load.responseEnd > load.requestStart)
    .map((load) => (load.encodedBodySize * 8) / ((load.responseEnd - load.requestStart) * 1000));
  return speeds.length ? Math.max(...speeds) : undefined;
}

function failRuntime(reason) {
  console.warn(`Calculators: live results are unavailable (${reason}).`);
  stopWorker();
  setRuntimeState("failed");
}

function stopWorker() {
  clearTimeout(runtime.watchdog);
  runtime.worker?.terminate();
  runtime.worker = null;
  for (const table of runtime.tables.values()) table.reject(new Error("Python stopped"));
  runtime.tables.clear();
  for (const view of runtime.views) {
    if (view.asked) view.changed = true; // that answer will never come: ask again when there is a worker
    view.asked = 0;
  }
}

// While a start or a run waits for the worker, its silence is timed; every message restarts the
// clock. `?aq-silence-ms=` shortens it, for the tests of a worker that dies.
function watchWorker() {
  clearTimeout(runtime.watchdog);
  const waiting = runtime.state === "loading" || runtime.tables.size > 0 || [...runtime.views].some((view) => view.asked);
  if (!runtime.worker || !waiting) return;
  const quiet = Number(new URLSearchParams(location.search).get("aq-silence-ms")) || SILENCE_MS;
  // A squad's file keeps Python busy (and silent) for a while: up to TABLE_ROW_MS an athlete more.
  const silence = quiet + Math.max(0, ...[...runtime.tables.values()].map((table) => table.budget));
  runtime.watchdog = setTimeout(() => workerLost(`no word from Python for ${silence / 1000} s`), silence);
}

// The worker stopped answering or failed. Before it was ready, the start has failed. Once it was
// ready, it is started again (once) on the next input, or at once if an answer was awaited: the
// reader's inputs are in the form, and are sent again.
function workerLost(reason) {
  if (runtime.state !== "ready" || runtime.restarts >= RESTARTS) {
    failRuntime(reason);
    return;
  }
  console.warn(`Calculators: the Python worker stopped (${reason}); it starts again with the next change.`);
  runtime.restarts += 1;
  stopWorker();
  setRuntimeState("idle");
  const waiting = [...runtime.views].find((view) => view.changed);
  if (waiting) startRuntime(waiting);
}

function setRuntimeState(state) {
  runtime.state = state;
  for (const view of runtime.views) showRuntimeState(view);
}

function onWorkerMessage(data) {
  if (data.type === message.READY) {
    runtime.path = data.path;
    if (data.path === "snapshot") remember(SNAPSHOT_KEPT, runtime.snapshotURL);
    else if (runtime.snapshotURL) keepSnapshotForNextVisit(runtime.snapshotURL);
    setRuntimeState("ready");
  } else if (data.type === message.FAILED) {
    failRuntime(data.message);
  } else if (data.type === message.RESULT || data.type === message.ERROR) {
    showAnswer(data);
  } else if (data.type === message.AHEAD) {
    showAheadNow(data);
  }
  watchWorker(); // heard from: the silence starts again, if anything is still awaited
}

// A first result worked out ahead that arrives once the page has asked for its own (its script ran
// before the worker had restored Python): shown at once, if the form still holds its inputs. The
// answer to the page's own run follows, the same.
function showAheadNow(answer) {
  runtime.ahead.set(answer.slug, answer);
  for (const view of runtime.views) if (view.slug === answer.slug && view.asked) shownAhead(view);
}

function showAnswer(data) {
  const table = runtime.tables.get(data.id);
  if (table) {
    runtime.tables.delete(data.id);
    if (data.type === message.RESULT) table.resolve(data.result);
    else table.reject(new Error(data.message));
    return;
  }
  const view = [...runtime.views].find((each) => each.asked === data.id);
  if (!view) return; // an answer for a calculator no longer on the page
  view.asked = 0;
  if (view.changed) requestResult(view); // the reader typed on: their latest inputs go next
  else if (data.type === message.RESULT) showResult(view, data.result);
  else {
    console.error(`Calculators: ${view.slug} failed: ${data.message}`);
    setStatus(view, "broken");
  }
}

// Every change is sent at once, with no waiting for the reader to pause: a run takes a few
// milliseconds. While one is being worked out, changes only mark the calculator as changed, and
// its latest inputs are sent when that answer arrives, so runs never queue up behind the reader.
function requestResult(view) {
  view.changed = true;
  if (!runtime.worker || view.asked) return;
  view.changed = false;
  if (shownAhead(view)) return;
  view.asked = runtime.nextId++;
  runtime.worker.postMessage(message.run(view.asked, view.slug, readInputs(view.form)));
  watchWorker();
}

// The first result the worker worked out before the page asked (calculator-worker.mjs:
// workOutAhead), shown, once, when no result is shown yet and the form holds the very inputs it
// was worked out for: Python's answer to them, from the snapshot the worker restored.
function shownAhead(view) {
  const ahead = runtime.ahead.get(view.slug);
  runtime.ahead.delete(view.slug);
  if (!ahead || hasResult(view) || !sameInputs(readInputs(view.form), ahead.inputs)) return false;
  view.section.dataset.python = "snapshot";
  showResult(view, ahead.result);
  performance.mark(AHEAD_MARK, { detail: view.slug });
  return true;
}

function sameInputs(these, those) {
  const names = Object.keys(these);
  return names.length === Object.keys(those).length && names.every((name) => these[name] === those[name]);
}

// A squad's CSV file through `calculators.run_table`, in the page's one worker (coach mode:
// squad.js). `section` carries the runtime's data- attributes, as a calculator's does. Resolves
// to run_table's answer; rejects when Python cannot be started or stops.
const TABLE_ROW_MS = 50; // far more than a row takes (a few milliseconds), so only a stuck worker ends it

export function runTable(section, slug, csvText) {
  if (runtime.state === "failed") startRuntime({ section }, { retry: true });
  else startRuntime({ section });
  if (!runtime.worker) return Promise.reject(new Error("Python could not be started here"));
  const id = runtime.nextId++;
  const budget = TABLE_ROW_MS * (csvText.match(/\n/g)?.length ?? 1);
  const answer = new Promise((resolve, reject) => runtime.tables.set(id, { resolve, reject, budget }));
  runtime.worker.postMessage(message.table(id, slug, csvText));
  watchWorker();
  return answer;
}

// ---- one calculator on the page ---------------------------------------------------------------

function enhance(section) {
  const form = section.querySelector("form.aq-calc__form");
  if (!form) return;
  const view = {
    section,
    form,
    slug: section.dataset.calculator,
    schema: section.dataset.schema,
    status: section.querySelector(".aq-calc__status"),
    retry: section.querySelector(".aq-calc__retry"),
    result: section.querySelector(".aq-calc__result"),
    glance: section.querySelector(".aq-calc__glance"),
    asked: 0, // the id of the run being worked out, 0 when none
    changed: false, // inputs changed since that run was sent
    mode: "example", // which status the view shows while it has no live result
    live: false,
    firstResult: undefined, // the first result, parsed, until the task that shows it (showResult)
    shown: section.dataset.shown ?? "", // the fingerprint of the result shown: at first the build's example
    untold: 0, // results shown but not yet told to the page's other scripts (showResult)
    observer: null,
    announcement: announcementFor(section),
    refused: {}, // messages for address values the form refused, until the reader edits those fields
    units: {}, // unit choice -> the unit its numbers are in (a switch converts them: switchUnits)
    converting: false, // a unit switch waits for Python's conversion
    addressTimer: 0, // the address is written when this ends (keepInAddress), 0 when nothing waits
  };
  view.exampleStatus = view.status.textContent; // written by the build for the example shown
  runtime.views.add(view);

  const shared = readSharedState(view);
  if (shared?.outdated) view.mode = "outdated";
  else if (shared) {
    view.refused = fillForm(form, shared.values);
    view.mode = "yours";
    view.result.hidden = true; // the example is not their result: never show it as if it were
    view.glance.hidden = true;
  } else if (unitSystem() === "us" && form.dataset.unitsUs) {
    fillForm(form, JSON.parse(form.dataset.unitsUs)); // the same example in US units, written by the build
  }
  view.units = chosenUnits(form);
  showUnits(form);
  addUnitSystemSwitch(view);
  applyShowWhen(form);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    inputChanged(view);
  });
  form.addEventListener("input", (event) => {
    forgetAddressValue(view, event.target.name);
    if (readerSwitchedUnits(view, event)) unitChoiceChanged(view);
    else inputChanged(view, { typing: event.target.type === "text" });
  });
  form.addEventListener("change", (event) => {
    if (event.target.type !== "radio" && event.target.tagName !== "SELECT") return;
    forgetAddressValue(view, event.target.name);
    if (readerSwitchedUnits(view, event)) unitChoiceChanged(view);
    else inputChanged(view);
  });
  form.addEventListener("focusin", () => startRuntime(view));
  form.addEventListener("focusout", () => writeTypedAddress(view)); // before a click on Share, or on the address bar
  view.retry.addEventListener("click", () => {
    view.retry.hidden = true;
    view.status.focus(); // the button goes away: keyboard focus goes to what it changes, the status line
    runtime.restarts = 0;
    startRuntime(view, { retry: true });
  });
  // Python starts when the calculator is within about a screen of being seen: a calculator at the
  // top of its own page starts at once, one deep in an article only if the reader gets near it.
  view.observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) startRuntime(view);
    },
    { rootMargin: "100% 0px" },
  );
  view.observer.observe(section);

  showRuntimeState(view);
  if (view.mode === "yours") {
    // An address with this calculator's inputs asks for that result: work it out now, and show it.
    startRuntime(view);
    bringIntoView(section);
  } else if (section.hasAttribute("data-leads-page") || location.hash === `#${view.slug}`) {
    startRuntime(view); // the page is there for this calculator: no need to wait for the first frame's layout
  }
  // Python is already running (a page instant navigation brought): ask for this one's result. Not
  // again for a start just made here, which asked already (a second run would hide the first answer)
  // or showed the result the worker worked out ahead.
  if (runtime.worker && !view.asked && !hasResult(view)) requestResult(view);
}

// What a screen reader hears after each result: its headline (or which fields need attention),
// not the whole result with its tables. A visually hidden live region the script fills.
function announcementFor(section) {
  const announcement = document.createElement("p");
  announcement.className = "aq-calc__announcement";
  announcement.setAttribute("aria-live", "polite");
  section.querySelector(".aq-calc__status-bar").after(announcement);
  return announcement;
}

function announce(view) {
  const summary = view.result.querySelector(".aq-result__headline, .aq-notice");
  view.announcement.textContent = (summary?.textContent ?? view.status.textContent).replace(/\s+/g, " ").trim();
}

function bringIntoView(section) {
  // After the browser's own scroll to the address's #fragment (often just the heading that
  // Material's navigation tracking wrote while the reader was typing).
  const scroll = () => section.scrollIntoView({ block: "start" });
  if (document.readyState === "complete") scroll();
  else window.addEventListener("load", scroll, { once: true });
}

function forget(view) {
  view.observer.disconnect();
  runtime.views.delete(view);
}

function inputChanged(view, { typing = false } = {}) {
  if (view.mode === "outdated") view.mode = "example"; // the reader's own values from now on
  if (!view.converting) view.units = chosenUnits(view.form); // a form filled by a script: its numbers are in its units
  applyShowWhen(view.form);
  keepInAddress(view, { typing });
  startRuntime(view);
  requestResult(view);
}

function showRuntimeState(view) {
  view.retry.hidden = runtime.state !== "failed";
  if (runtime.path) view.section.dataset.python = runtime.path;
  if (runtime.state === "failed") {
    view.result.hidden = false;
    view.glance.hidden = false;
    setStatus(view, "unavailable");
  } else if (runtime.state === "loading") {
    setStatus(view, view.mode === "yours" && !view.live ? "yours" : "loading");
  } else if (!view.live) {
    setStatus(view, view.mode);
  }
}

function setStatus(view, state) {
  view.status.dataset.state = state;
  view.status.textContent = state === "example" ? view.exampleStatus : STATUS[state];
}

// A calculator's first result, once the page has loaded, is parsed in the task that brought it and
// shown in the next one: on a phone's slower processor, parsing its markup and putting it in place
// of the example, with the rest of showing it, made one task of up to 60 ms (README, Speed). An
// answer that arrives in between takes the place of the one waiting (only the latest is shown).
// While the page is still loading (a second visit's result, worked out ahead) it is shown at once,
// to be drawn with the page's first frames: shown a task later, the page was first drawn with the
// example and then again, 50-130 ms later at 1.6 Mbit/s with the processor slowed 4x. Every later
// result is shown at once: it changes only what differs.
//
// A result the page shows already leaves the markup as it is: nothing to parse or compare. That is
// the first result of most visits, for the inputs the page came with, whose worked example the
// build wrote with the same Python (calculator.html: data-shown); and any later change the result
// does not show ("75" -> "75.").
function showResult(view, result) {
  const markup = result.fingerprint === view.shown ? null : parsedMarkup(view, result.html);
  if (view.live || document.readyState !== "complete" || (!markup && view.firstResult === undefined)) {
    showParsedResult(view, result, markup);
    return;
  }
  const waiting = view.firstResult !== undefined;
  view.firstResult = { result, markup };
  if (waiting) return;
  setTimeout(() => {
    const { result: latest, markup } = view.firstResult;
    view.firstResult = undefined;
    showParsedResult(view, latest, markup);
  });
}

// A result is shown, or parsed and about to be.
function hasResult(view) {
  return view.live || view.firstResult !== undefined;
}

function showParsedResult(view, result, markup) {
  const first = !view.live;
  if (markup) showResultMarkup(view, markup, result.fingerprint);
  view.live = true;
  view.result.hidden = false;
  showErrors(view.form, { ...result.errors, ...view.refused });
  const ok = result.ok && Object.keys(view.refused).length === 0;
  showGlance(view, ok ? "live" : "invalid", ok ? result.summary : {});
  // An outdated link keeps saying why the example is shown, until the reader changes a value.
  setStatus(view, !ok ? "invalid" : view.mode === "outdated" ? "outdated" : "live");
  announce(view);
  if (!runtime.liveMarked) {
    runtime.liveMarked = true;
    performance.mark(LIVE_MARK);
    document.dispatchEvent(new Event(LIVE_EVENT));
  }
  // The answer, for what follows a result (history.mjs saves it; the benchmark times it).
  const { slug, schema, values, summary, figures } = result;
  const detail = { ok: result.ok, slug, schema, values, summary, figures };
  const tell = () => view.section.dispatchEvent(new CustomEvent(RESULT_EVENT, { bubbles: true, detail }));
  // Told in order: none before an earlier one still waiting (as each result before the page's
  // scripts have run is, behind the first).
  if (first || view.untold > 0) {
    view.untold += 1;
    afterPageScripts(() => {
      view.untold -= 1;
      tell();
    });
  } else tell();
}

// A result's markup as a fragment, not yet on the page.
function parsedMarkup(view, html) {
  const fresh = document.createElement("template");
  fresh.innerHTML = html;
  // Links to the site's other pages, written from a page two folders down, as seen from this one.
  for (const link of fresh.content.querySelectorAll("a[data-site-path]")) {
    link.setAttribute("href", view.section.dataset.siteRoot + link.dataset.sitePath);
  }
  return fresh.content;
}

function showResultMarkup(view, markup, fingerprint) {
  // A first result other than the example replaces it; each later one changes only what differs
  // in the result shown.
  if (view.live) updateChildren(view.result, markup);
  else view.result.replaceChildren(markup);
  view.shown = fingerprint;
}

// The page's other scripts (history.mjs, offline.mjs) hear of a calculator's first result in a
// task of its own, after the one that showed it: on a slow phone the first result's markup and
// their first work (the service worker's registration, the save bar) made one long task. Later
// results they hear at once (their work is then a few lines). This script shows the first result
// before they have run (enhanceAll, at the end), so until then what they are to hear waits for a
// task after DOMContentLoaded: by then every script of the page has run and set up its calculators.
let pageScriptsRan = document.readyState === "complete";
const waitingForPageScripts = [];
document.addEventListener(
  "DOMContentLoaded",
  () =>
    setTimeout(() => {
      pageScriptsRan = true;
      for (const task of waitingForPageScripts.splice(0)) task();
    }),
  { once: true },
);

function afterPageScripts(task) {
  if (pageScriptsRan) setTimeout(task);
  else waitingForPageScripts.push(task);
}

// The result's headline figures in one line, kept in view on a phone while the reader types.
const GLANCE_LABEL = { live: "Yours", invalid: "Check the highlighted fields" };

function showGlance(view, state, summary) {
  const label = document.createElement("span");
  label.className = "aq-calc__glance-label";
  label.textContent = GLANCE_LABEL[state];
  const figures = Object.entries(summary).map(([name, value]) => {
    const figure = document.createElement("span");
    figure.className = "aq-calc__glance-figure";
    const number = document.createElement("b");
    number.textContent = value;
    figure.append(`${name} `, number);
    return figure;
  });
  const fresh = document.createDocumentFragment();
  fresh.append(label, ...figures.flatMap((figure) => [" ", figure]));
  updateChildren(view.glance, fresh);
  view.glance.dataset.state = state;
  view.glance.hidden = false;
}

// ---- the form: reading it, filling it, its messages -------------------------------------------

function readInputs(form) {
  const inputs = {};
  for (const [name, value] of new FormData(form)) inputs[name] = String(value);
  return inputs;
}

// Fill the form from a shared address; returns {name: message} for the values it refused. A choice
// the form does not offer is kept (a hidden input) and sent, so Python says what to choose, and the
// parts that depend on it are shown: never a silent default. Text longer than its field holds is
// refused here, with a message next to the field.
function fillForm(form, values) {
  const refused = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    const value = values[control.name] ?? "";
    if (control.type === "radio" || control.type === "checkbox") {
      // A choice the address does not name keeps the form's own (an address made before it existed).
      control.checked = control.name in values ? sameChoice(value, control.value) : control.defaultChecked;
    }
    else if (control.maxLength > 0 && value.length > control.maxLength) refused[control.name] = tooLong(control);
    else control.value = value;
  }
  for (const [name, value] of Object.entries(values)) {
    if (offeredChoices(form, name)?.every((offered) => !sameChoice(value, offered))) keepUnknownChoice(form, name, value);
  }
  for (const group of form.querySelectorAll("details")) {
    if ([...group.querySelectorAll("[name]")].some((control) => control.type !== "radio" && control.value !== "")) group.open = true;
  }
  return refused;
}

function tooLong(control) {
  control.value = "";
  return `The link's value was too long for this field (at most ${control.maxLength} characters), so it was left out.`;
}

// Compared as Python's parsing compares a choice: spaces trimmed, case ignored.
function sameChoice(a, b) {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

// The values a choice offers (its radio buttons or its list), or undefined for any other input.
function offeredChoices(form, name) {
  const control = form.elements.namedItem(name);
  if (control instanceof RadioNodeList) return [...control].map((radio) => radio.value);
  if (control?.tagName === "SELECT") return [...control.options].map((option) => option.value);
  return undefined;
}

function keepUnknownChoice(form, name, value) {
  const kept = Object.assign(document.createElement("input"), { type: "hidden", name, value });
  kept.dataset.unknownChoice = "";
  form.append(kept);
}

// The reader has set this field themselves: what the address said no longer matters.
function forgetAddressValue(view, name) {
  delete view.refused[name];
  for (const kept of view.form.querySelectorAll("input[data-unknown-choice]")) if (kept.name === name) kept.remove();
}

// Only what changes is written: after most results no field's message does.
function showErrors(form, errors) {
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const name = slot.dataset.errorFor;
    const message = errors[name] ?? "";
    if (slot.textContent === message) continue;
    slot.textContent = message;
    const controls = form.elements.namedItem(name);
    for (const control of controls instanceof RadioNodeList ? controls : [controls].filter(Boolean)) {
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
    const group = slot.closest("details");
    if (message && group) group.open = true;
  }
}

// `data-show-when="FIELD=VALUE"`: shown only while FIELD has VALUE, compared as Python's parsing
// does (sameChoice). A hidden part's inputs are disabled, so they are not sent
// (the calculator then neither reads nor checks them).
function applyShowWhen(form) {
  const inputs = readInputs(form);
  const unknown = new Set([...form.querySelectorAll("input[data-unknown-choice]")].map((kept) => kept.name));
  for (const part of form.querySelectorAll("[data-show-when]")) {
    const [field, value] = part.dataset.showWhen.split("=", 2);
    // While a choice holds a value the form does not offer, every part that depends on it is shown.
    part.hidden = !unknown.has(field.trim()) && !sameChoice(inputs[field.trim()] ?? "", value);
  }
  for (const control of form.elements) {
    if (control.name) control.disabled = Boolean(control.closest("[data-show-when][hidden]"));
  }
}

// ---- units: each calculator's unit choices, and the reader's unit system for the whole site ----

// "metric" or "us": chosen once in any calculator (addUnitSystemSwitch), remembered on this device,
// and used by every calculator the address does not set. Storage blocked: metric, every visit.
const UNIT_SYSTEM = "aq-calculators:units";
const UNIT_SYSTEMS = { metric: "Metric", us: "US" };

function unitSystem() {
  return remembered(UNIT_SYSTEM) === "us" ? "us" : "metric";
}

function unitChoices(form) {
  return [...form.querySelectorAll("[data-unit-choice]")]; // each with its unit per system: data-metric, data-us
}

function chosenUnits(form) {
  const inputs = readInputs(form);
  return Object.fromEntries(unitChoices(form).map((choice) => [choice.dataset.field, inputs[choice.dataset.field] ?? ""]));
}

// Each governed field's label shows the unit chosen (the radio's data-unit: "lb", "ft and in").
function showUnits(form) {
  for (const unit of form.querySelectorAll("[data-unit-of]")) {
    const chosen = [...form.querySelectorAll(`input[name="${unit.dataset.unitOf}"]`)].find((radio) => radio.checked);
    if (chosen) unit.textContent = chosen.dataset.unit;
  }
}

// The numbers in new units, worked out by Python (calculators.convert_units) in the page's worker.
function convertUnits(view, inputs, units) {
  startRuntime(view);
  if (!runtime.worker) return Promise.reject(new Error("Python could not be started here"));
  const id = runtime.nextId++;
  const answer = new Promise((resolve, reject) => runtime.tables.set(id, { resolve, reject, budget: 0 }));
  runtime.worker.postMessage(message.convert(id, view.slug, inputs, units));
  watchWorker();
  return answer;
}

// The reader clicked a unit choice (a script filling the form sets its numbers and units together).
function readerSwitchedUnits(view, event) {
  return event.isTrusted && event.target.name in view.units;
}

function unitChoiceChanged(view) {
  if (view.converting) return; // the conversion under way looks at the choices again when it ends
  const units = unitsToSwitch(view, chosenUnits(view.form));
  if (Object.keys(units).length > 0) switchUnits(view, units);
  else inputChanged(view);
}

function unitsToSwitch(view, wanted) {
  return Object.fromEntries(Object.entries(wanted).filter(([name, unit]) => unit && view.units[name] !== unit));
}

// Put unit choices on `units` ({choice: unit}) and convert the numbers they govern (75 kg -> 165.35
// lb), so the result stays the same. Until Python answers, the text fields are read-only and nothing
// is computed with numbers in the wrong unit.
async function switchUnits(view, units) {
  const sent = { ...readInputs(view.form), ...view.units };
  const shown = chosenUnits(view.form); // the choices as the form showed them when asked
  const locked = [...view.form.querySelectorAll("input[type=text]")].filter((field) => !field.readOnly);
  for (const field of locked) field.readOnly = true;
  view.converting = true;
  let converted = null;
  try {
    converted = await convertUnits(view, sent, units);
  } catch {
    // No Python to convert with: the choices go back to the units the numbers are in.
    for (const control of view.form.elements) {
      if (control.name in view.units) control.checked = sameChoice(view.units[control.name], control.value);
    }
  } finally {
    for (const field of locked) field.readOnly = false;
    view.converting = false;
  }
  if (!converted) return;
  const latest = chosenUnits(view.form);
  for (const control of view.form.elements) {
    const name = control.name;
    if (name in units && control.type === "radio") control.checked = sameChoice(units[name], control.value);
    else if (name in sent && name in converted && converted[name] !== sent[name] && !(name in view.units)) control.value = converted[name];
  }
  view.units = { ...view.units, ...units };
  showUnits(view.form);
  // The reader switched again while Python worked: convert those numbers too before anything is
  // computed (inputChanged would take the form's choices as the units its numbers are in).
  const again = unitsToSwitch(view, latest);
  if (Object.keys(latest).some((name) => latest[name] !== shown[name]) && Object.keys(again).length > 0) switchUnits(view, again);
  else inputChanged(view);
}

// "Units: Metric / US", above the calculator's fields: sets every calculator's units, on this page
// and the next ones.
function addUnitSystemSwitch(view) {
  if (unitChoices(view.form).length === 0) return;
  const box = document.createElement("fieldset");
  box.className = "aq-units";
  box.append(Object.assign(document.createElement("legend"), { textContent: "Units" }));
  for (const [system, words] of Object.entries(UNIT_SYSTEMS)) {
    const id = `${view.slug}-unit-system-${system}`;
    const radio = Object.assign(document.createElement("input"), { type: "radio", name: `${view.slug}-unit-system`, id, value: system });
    radio.checked = system === unitSystem();
    radio.addEventListener("change", () => chooseUnitSystem(system));
    const option = Object.assign(document.createElement("div"), { className: "aq-choice" });
    option.append(radio, Object.assign(document.createElement("label"), { htmlFor: id, textContent: words }));
    box.append(option);
  }
  view.section.querySelector(".aq-calc__body")?.before(box);
}

function chooseUnitSystem(system) {
  remember(UNIT_SYSTEM, system);
  for (const view of runtime.views) {
    for (const radio of view.section.querySelectorAll(".aq-units input")) radio.checked = radio.value === system;
    const units = unitsToSwitch(view, Object.fromEntries(unitChoices(view.form).map((choice) => [choice.dataset.field, choice.dataset[system]])));
    if (Object.keys(units).length > 0 && !view.converting) switchUnits(view, units);
  }
}

// ---- the inputs in the address -----------------------------------------------------------------

function readSharedState(view) {
  const params = new URLSearchParams(location.search);
  const prefix = `${view.slug}.`;
  if (!params.has(`${prefix}v`)) return null;
  if (params.get(`${prefix}v`) !== view.schema) return { outdated: true };
  const values = {};
  for (const [key, value] of params) {
    if (key.startsWith(prefix) && key !== `${prefix}v`) values[key.slice(prefix.length)] = value;
  }
  return { values };
}

// While the reader types, the address is written when they pause or leave the field, not on every
// keystroke: Chromium fetches the site's icon again for each new address, and keeps some memory of
// each (README, Speed: memory over a long session). A choice is written at once.
const ADDRESS_PAUSE_MS = 500;

function keepInAddress(view, { typing }) {
  clearTimeout(view.addressTimer);
  view.addressTimer = 0;
  if (typing) view.addressTimer = setTimeout(() => writeTypedAddress(view), ADDRESS_PAUSE_MS);
  else writeSharedState(view);
}

function writeTypedAddress(view) {
  if (!view.addressTimer) return;
  clearTimeout(view.addressTimer);
  view.addressTimer = 0;
  if (view.section.isConnected) writeSharedState(view); // not into the address of a page navigated to since
}

function writeSharedState(view) {
  const url = new URL(location.href);
  const prefix = `${view.slug}.`;
  for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
  url.searchParams.set(`${prefix}v`, view.schema);
  for (const [name, value] of Object.entries(readInputs(view.form))) {
    if (value !== "") url.searchParams.set(prefix + name, value);
  }
  history.replaceState(history.state, "", url); // keep Material's state (scroll position)
}

// ---- every page, including those instant navigation brings ---------------------------------

function enhanceAll() {
  for (const view of [...runtime.views]) if (!view.section.isConnected) forget(view);
  const known = new Set([...runtime.views].map((view) => view.section));
  for (const section of document.querySelectorAll("section.aq-calc[data-calculator]")) {
    if (!known.has(section)) enhance(section);
  }
}

// The page's calculators are enhanced as soon as this script runs, with the page parsed and before
// Material's bundle runs (macros/material_bundle.py): a first result worked out ahead shows at once,
// and Python is asked for the others before Material sets itself up and does its DOMContentLoaded
// work (0.5-0.8 s with the page's processor slowed 4x, as the benchmark's phone profile has it).
// Then every page that Material's instant navigation brings in (enhanceAll skips the calculators
// it knows).
onEveryPage(enhanceAll);
