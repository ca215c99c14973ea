// Makes every calculator on the page live: the page script of the calculators.
//
// Each calculator arrives in the page as a <section class="aq-calc"> written at build time: the
// form, a status line and a worked example computed by the same Python. This script knows no
// calculator in particular. It reads the section's data- attributes, starts one module worker for
// the page when a calculator comes into view or a field gets focus, sends the form's inputs to it
// (debounced), and shows what Python answers: the result, and each field's message next to it.
// The inputs are kept in the address (?SLUG.v=SCHEMA&SLUG.NAME=VALUE...) so a result can be
// shared. Works with Material's instant navigation: new pages are enhanced, the worker is reused.

import * as message from "./calculator-messages.mjs";

const DEBOUNCE_MS = 200;
const LIVE_MARK = "aq-calculator-live"; // performance mark: the first live result on this page
const RESULT_EVENT = "aq-calculator:result"; // dispatched on the section after each result

// The status line's words; "example" is the text the build wrote, kept from the page itself.
const STATUS = {
  yours: "Loading your result…",
  loading: "Loading Python…",
  live: "Live: the result follows your values.",
  invalid: "Check the highlighted fields: the result updates when they are valid.",
  outdated: "This link was made for an older version of the calculator, so the example is shown.",
  unavailable:
    "Live results are unavailable right now: Python could not be loaded. " +
    "The result shown is the example for the values the page came with.",
  broken: "Something went wrong working this out, so the result shown may be out of date.",
};

// ---- the one worker of this page ------------------------------------------------------------

const runtime = {
  state: "idle", // idle -> loading -> ready | failed (-> loading again on retry)
  worker: null,
  nextId: 1,
  path: "", // how Python started: "snapshot", "normal" or "fallback" (on each section as data-python)
  views: new Set(),
  liveMarked: false,
};

function moduleWorker(url) {
  // Browsers that do not know module workers never read `type`: we would get a classic worker.
  let understood = false;
  const options = {
    name: "calculators",
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

// Start Python for the page. After a failure only the reader's Retry starts it again (typing,
// focus or scrolling do not), so an offline page does not ask again on every key.
function startRuntime(view, { retry = false } = {}) {
  if (runtime.state !== "idle" && !(retry && runtime.state === "failed")) return;
  setRuntimeState("loading");
  performance.mark("aq-calculator-start");
  const { workerUrl, pyodideUrl, wheelUrl, snapshotUrl } = view.section.dataset;
  const absolute = (url) => new URL(url, document.baseURI).href;
  try {
    runtime.worker = moduleWorker(absolute(workerUrl));
  } catch (error) {
    failRuntime(error.message);
    return;
  }
  runtime.worker.addEventListener("message", ({ data }) => onWorkerMessage(data));
  runtime.worker.addEventListener("error", (event) => {
    event.preventDefault();
    failRuntime(event.message || "the worker could not be started");
  });
  runtime.worker.postMessage(
    message.boot({
      pyodideURL: absolute(pyodideUrl),
      wheelURL: absolute(wheelUrl),
      snapshotURL: absolute(snapshotUrl),
      // ?aq-python=snapshot|normal forces one way of starting (for tests and the benchmark).
      wanted: new URLSearchParams(location.search).get("aq-python") ?? "",
    }),
  );
  for (const each of runtime.views) requestResult(each); // answered as soon as Python is ready
}

function failRuntime(reason) {
  console.warn(`Calculators: live results are unavailable (${reason}).`);
  runtime.worker?.terminate();
  runtime.worker = null;
  setRuntimeState("failed");
}

function setRuntimeState(state) {
  runtime.state = state;
  for (const view of runtime.views) showRuntimeState(view);
}

function onWorkerMessage(data) {
  if (data.type === message.READY) {
    runtime.path = data.path;
    setRuntimeState("ready");
  } else if (data.type === message.FAILED) {
    failRuntime(data.message);
  } else if (runtime.state !== "failed") {
    const view = [...runtime.views].find((each) => each.latestId === data.id);
    if (!view) return; // an answer nobody waits for any more: the reader typed on
    if (data.type === message.RESULT) showResult(view, data.result);
    else {
      console.error(`Calculators: ${view.slug} failed: ${data.message}`);
      setStatus(view, "broken");
    }
  }
}

function requestResult(view) {
  if (!runtime.worker) return;
  view.latestId = runtime.nextId++;
  runtime.worker.postMessage(message.run(view.latestId, view.slug, readInputs(view.form)));
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
    latestId: 0,
    timer: 0,
    mode: "example", // which status the view shows while it has no live result
    live: false,
    observer: null,
  };
  view.exampleStatus = view.status.textContent; // written by the build for the example shown
  runtime.views.add(view);

  const shared = readSharedState(view);
  if (shared?.outdated) view.mode = "outdated";
  else if (shared) {
    fillForm(form, shared.values);
    view.mode = "yours";
    view.result.hidden = true; // the example is not their result: never show it as if it were
  }
  applyShowWhen(form);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    inputChanged(view, 0);
  });
  form.addEventListener("input", () => inputChanged(view, DEBOUNCE_MS));
  form.addEventListener("change", (event) => {
    if (event.target.type === "radio" || event.target.tagName === "SELECT") inputChanged(view, DEBOUNCE_MS);
  });
  form.addEventListener("focusin", () => startRuntime(view));
  view.retry.addEventListener("click", () => {
    view.retry.hidden = true;
    startRuntime(view, { retry: true });
  });
  view.observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) startRuntime(view);
  });
  view.observer.observe(section);

  showRuntimeState(view);
  if (view.mode === "yours") {
    // An address with this calculator's inputs asks for that result: work it out now, and show it.
    startRuntime(view);
    bringIntoView(section);
  }
  if (runtime.worker && !view.latestId) requestResult(view); // Python is already running
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
  clearTimeout(view.timer);
  runtime.views.delete(view);
}

function inputChanged(view, delay) {
  applyShowWhen(view.form);
  writeSharedState(view);
  startRuntime(view);
  clearTimeout(view.timer);
  view.timer = setTimeout(() => requestResult(view), delay);
}

function showRuntimeState(view) {
  view.retry.hidden = runtime.state !== "failed";
  if (runtime.path) view.section.dataset.python = runtime.path;
  if (runtime.state === "failed") {
    view.result.hidden = false;
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

function showResult(view, result) {
  view.live = true;
  view.result.innerHTML = result.html;
  view.result.hidden = false;
  showErrors(view.form, result.errors);
  setStatus(view, result.ok ? "live" : "invalid");
  if (!runtime.liveMarked) {
    runtime.liveMarked = true;
    performance.mark(LIVE_MARK);
  }
  view.section.dispatchEvent(new CustomEvent(RESULT_EVENT, { bubbles: true, detail: { ok: result.ok } }));
}

// ---- the form: reading it, filling it, its messages -------------------------------------------

function readInputs(form) {
  const inputs = {};
  for (const [name, value] of new FormData(form)) inputs[name] = String(value);
  return inputs;
}

function fillForm(form, values) {
  for (const control of form.elements) {
    if (!control.name) continue;
    if (control.type === "radio" || control.type === "checkbox") control.checked = values[control.name] === control.value;
    else control.value = values[control.name] ?? "";
  }
  for (const group of form.querySelectorAll("details")) {
    if ([...group.querySelectorAll("[name]")].some((control) => control.type !== "radio" && control.value !== "")) group.open = true;
  }
}

function showErrors(form, errors) {
  for (const slot of form.querySelectorAll("[data-error-for]")) {
    const name = slot.dataset.errorFor;
    const message = errors[name] ?? "";
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
// does (spaces trimmed, case ignored). A hidden part's inputs are disabled, so they are not sent
// (the calculator then neither reads nor checks them).
function applyShowWhen(form) {
  const inputs = readInputs(form);
  const same = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();
  for (const part of form.querySelectorAll("[data-show-when]")) {
    const [field, value] = part.dataset.showWhen.split("=", 2);
    part.hidden = !same(inputs[field.trim()] ?? "", value);
  }
  for (const control of form.elements) {
    if (control.name) control.disabled = Boolean(control.closest("[data-show-when][hidden]"));
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

if (window.document$) window.document$.subscribe(enhanceAll);
else enhanceAll();
