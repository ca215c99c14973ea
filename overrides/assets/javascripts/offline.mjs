// Offline after the first visit: registers the site's service worker, tells the reader when a
// calculator works on this device without a connection, and shows a page's new version when the
// worker answered with an older one.
//
// A published build names its worker in <meta name="aq-service-worker" content=".../sw.js">
// (macros/offline.py); its scope is the folder it sits in, the site's root, so a site published
// under a sub-path works too. The writer's preview (`mkdocs serve`) has no such tag: there a
// worker an earlier build registered for this page is unregistered, so a preview never runs an
// old worker. A browser without service workers loses nothing: this script then does nothing.

import { onEveryPage } from "./every-page.mjs";

const RESULT_EVENT = "aq-calculator:result"; // calculators.js dispatches it on the section after each result
const KEEP_OFFLINE = "aq-keep-offline"; // asks the service worker in charge (macros/sw.src.js)
const TAKE_OVER = "aq-take-over"; // tells a new build's waiting service worker to take over now
const OFFLINE_EVENT = "aq-calculator:offline"; // dispatched on the section once its note shows (calculators.js listens)
const PAGE_CHANGED = "aq-page-changed"; // from the worker, when the page it answered has changed on the server
const ATTEMPTS = 6; // asking again after 1, 2, 4, 8, 16 s: a new build's worker may still be taking over
const REPLY_MS = 120_000; // the worker may be fetching megabytes of Python

const serviceWorkers = navigator.serviceWorker; // undefined where there are none (or not allowed)
const named = document.querySelector('meta[name="aq-service-worker"]');
const asked = new WeakSet(); // sections already asked about: once each

if (serviceWorkers && named) {
  const script = new URL(named.content, document.baseURI);
  const register = () => serviceWorkers.register(script, { scope: new URL("./", script).href }).catch(() => {}); // then simply online only
  // Installing downloads the site's pages and scripts (about 1 MB): not while Python is downloading for
  // a calculator, which would share the reader's bandwidth with it, but once the page has loaded and
  // the calculator has its first live result (or never started).
  const whenQuiet = () => {
    const starting = performance.getEntriesByName("aq-calculator-start").length > 0;
    const live = performance.getEntriesByName("aq-calculator-live").length > 0;
    if (starting && !live) document.addEventListener(RESULT_EVENT, () => setTimeout(register), { once: true });
    else register();
  };
  // After the first frames, by when a calculator in view has started Python.
  const afterLoad = () => requestAnimationFrame(() => setTimeout(whenQuiet, 100));
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
  // Each in a task of its own, not in the one that tells every script of the page of a result.
  document.addEventListener(RESULT_EVENT, ({ target }) => setTimeout(() => showWhenReadyOffline(target)));
  offerNewVersions();
} else if (serviceWorkers) {
  serviceWorkers.getRegistration().then((registration) => registration?.unregister(), () => {});
}

// After a live result: once the worker has every file the calculator runs on (fetching what a
// first visit's calculator fetched before the worker was there), show the section's note, and say
// so on the section (OFFLINE_EVENT: calculators.js then has Pyodide's scripts compiled from
// there). Asked again a few times, and again as many whenever a worker takes charge of the page: a
// new build's worker, which alone has this page's files, may take over only after a long install on
// a slow connection, and its first answer may be "no" when a download failed on the way.
//
// While a new build's worker is installing or waiting, the old one is not asked: in Chromium an
// event reaching the old worker then keeps it in charge for 30 s more, and asking every few
// seconds would keep it there for good. The new one is told to take over instead.
async function showWhenReadyOffline(section) {
  const note = section.querySelector?.(".aq-calc__offline");
  if (!note || asked.has(section)) return;
  asked.add(section);
  const { pyodideUrl, wheelUrl, snapshotUrl } = section.dataset;
  const urls = [pyodideUrl, wheelUrl, snapshotUrl].filter(Boolean).map((url) => new URL(url, document.baseURI).href);
  const ask = async () => {
    const { active, installing, waiting } = await serviceWorkers.ready;
    if (installing || waiting) tellToTakeOver(waiting ?? installing);
    else if ((await cachedByWorker(active, urls)) && note.hidden) {
      note.hidden = false;
      section.dispatchEvent(new CustomEvent(OFFLINE_EVENT, { bubbles: true }));
      serviceWorkers.removeEventListener("controllerchange", keepAsking);
    }
  };
  let series = 0; // a new series of questions ends the one before
  const keepAsking = async () => {
    const mine = ++series;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
      if (mine !== series || !note.hidden) return;
      await ask();
    }
  };
  serviceWorkers.addEventListener("controllerchange", keepAsking);
  keepAsking();
}

// Once installed: while installing, it has asked to take over already.
function tellToTakeOver(worker) {
  const tell = () => worker.state === "installed" && worker.postMessage({ type: TAKE_OVER });
  if (worker.state === "installing") worker.addEventListener("statechange", tell, { once: true });
  else tell();
}

function cachedByWorker(worker, urls) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), REPLY_MS);
    channel.port1.onmessage = ({ data }) => {
      clearTimeout(timer);
      resolve(data === true);
    };
    // A reader who asked to save data gets the note only for what is already here.
    worker.postMessage({ type: KEEP_OFFLINE, urls, fetchMissing: !navigator.connection?.saveData }, [channel.port2]);
  });
}

// The worker answers a page from its precache at once and asks the server meanwhile (sw.src.js). When
// the server's page differs, this page is an older copy: it is reloaded at once, before the reader
// has typed anything (the worker has the new one by then), or else offers the new version and keeps
// what the reader typed until they choose. A writer's preview on this address always reloads: the
// worker has left. Instant navigation may bring a page in after the worker's word about it. A host
// that sends a page a little different every time (a nonce) gets one reload a minute at most.
const RELOADED = "aq-reloaded:"; // + address, in sessionStorage: when this page last reloaded itself
const RELOAD_AGAIN_MS = 60_000;

function offerNewVersions() {
  let typed = false;
  document.addEventListener("input", ({ isTrusted }) => (typed ||= isTrusted), { capture: true });
  const changed = new Map(); // address -> preview
  const here = () => location.origin + location.pathname;
  const reloadedLately = () => {
    try {
      return Date.now() - Number(sessionStorage.getItem(RELOADED + here()) ?? 0) < RELOAD_AGAIN_MS;
    } catch {
      return true; // no storage here to count reloads with: the reader chooses
    }
  };
  const showNewest = () => {
    if (!changed.has(here())) return;
    if (changed.get(here())) return location.reload();
    if (typed || reloadedLately()) return offerReload();
    sessionStorage.setItem(RELOADED + here(), String(Date.now()));
    location.reload();
  };
  serviceWorkers.addEventListener("message", ({ data }) => {
    if (data?.type !== PAGE_CHANGED) return;
    const url = new URL(data.url);
    changed.set(url.origin + url.pathname, data.preview);
    showNewest();
  });
  serviceWorkers.startMessages(); // what the worker said before this script ran
  onEveryPage(showNewest);
}

function offerReload() {
  const content = document.querySelector(".md-content__inner");
  if (!content || content.querySelector(".aq-page-changed")) return;
  const notice = document.createElement("div");
  notice.className = "admonition info aq-page-changed";
  notice.setAttribute("role", "status");
  notice.innerHTML =
    '<p class="admonition-title">This page has been updated</p>' +
    '<p>This copy was saved on your device before the latest changes. What you typed stays here until you choose. ' +
    '<button type="button" class="md-button">Show the new version</button></p>';
  notice.querySelector("button").addEventListener("click", () => location.reload());
  content.prepend(notice);
}
