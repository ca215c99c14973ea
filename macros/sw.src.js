// The site's service worker: offline after the first visit. NOT served as it is: `mkdocs build`
// writes `sw.js` at the site's root from this file (macros/service_worker.mjs), with Workbox's
// browser builds in front of it and the two build-time values below filled in. The writer's
// preview (`mkdocs serve`) never writes or registers it.
//
// - Every page and site asset is precached at install.
// - A page is answered from the precache at once, and asked of the server at the same time (a
//   conditional request: "304 Not Modified" costs a round trip, not the page). A page the server
//   has changed replaces the precached one and the open page is told (offline.mjs shows the new
//   version); a page of the writer's preview on the same address unregisters this worker, and the
//   open page reloads into the preview. A returning reader waits for no round trip, online or not.
// - A script or style asked for with its digest (`FILE?v=DIGEST`, as every page of a published
//   build asks for them) is answered from the precache at once when the precache holds that very
//   file, and by the server, however long it takes, when the digest is another build's; any other
//   site asset network-first (3 s), so a reader online always gets the published file, and a
//   reader offline the precached one.
// - The Python runtime and the calculators' folder are cached on first use, cache-first (what
//   sits at those addresses never changes), in caches named by the build's fingerprints; where
//   the browser has static routing, it reads them from those caches without running this worker.
// - On activate, every cache of this site that this build does not name is deleted, and so is any
//   memory snapshot the calculators' worker kept inflated for another build.

const { core, precaching, routing, strategies } = self.workbox;

const PRECACHE = self.__WB_MANIFEST; // [{url, revision}], site-relative (workbox-build)
const RUNTIME = self.__AQ_RUNTIME__; // [{folder: "assets/pyodide/314.0.7/", files: ["pyodide.mjs", …]}, …]
const KEEP_OFFLINE = "aq-keep-offline"; // the page asks (offline.mjs): {type, urls, fetchMissing} -> true | false
const TAKE_OVER = "aq-take-over"; // the page tells a new build's waiting worker to take over (offline.mjs)
const PAGE_CHANGED = "aq-page-changed"; // told to the page answered from an outdated precache: {type, url, preview}
const SERVICE_WORKER_TAG = 'name="aq-service-worker"'; // in every page of a published build, never in the preview's
const NETWORK_TIMEOUT_SECONDS = 3;
const PREFIX = "aq"; // every cache of the site is "aq-…-<scope>", so two sites on one host keep theirs
const SCOPE = self.registration.scope;

core.setCacheNameDetails({ prefix: PREFIX }); // the precache: "aq-precache-v2-<scope>"

// ---- pages and site assets ---------------------------------------------------------------------

const precache = new precaching.PrecacheController();
precache.addToCacheList(PRECACHE);

// Matches every precached file, a page by its folder's address too, whatever its query (a shared
// calculator address is the same page). For a file other than a page, the response comes from the
// server, asked every time (a conditional request: "304 Not Modified" costs a round trip, not the
// file), so neither the browser's HTTP cache nor the precache ever hides a newer file while online;
// only when the network fails or takes too long, from the precache. Nothing is written here.
const revalidated = (request) => new Request(request, { cache: "no-cache" });
const fromServerElsePrecache = {
  requestWillFetch: async ({ request }) => revalidated(request),
  cacheKeyWillBeUsed: async ({ request, params }) => params?.cacheKey ?? request,
  cacheWillUpdate: async () => null,
};
const siteFiles = new precaching.PrecacheRoute(precache, { ignoreURLParametersMatching: [/./] });

// A page names its scripts and styles with their digest (macros/asset_versions.py: the start of the
// MD5 that workbox-build gives as the file's revision). When the precache holds the file by that
// revision, it is the very file the page wants: answered from the precache, no round trip to the
// server. A digest of another build (a page newer than this worker, while a new build's worker is
// still on its way) is the server's to answer, however long it takes: the precache's file by that
// name is another build's, and a page's scripts from two builds need not work together (with the
// network-first route below, a server slower than its 3 s once gave a new page the old
// calculator-messages.mjs).
const revisions = new Map(PRECACHE.map(({ url, revision }) => [new URL(url, self.location).href, revision]));
const byDigest = ({ url }) => url.searchParams.has("v") && revisions.get(url.origin + url.pathname); // the handler's `params`
routing.registerRoute(byDigest, async ({ url, request, params: revision }) => {
  const asAsked = revision.startsWith(url.searchParams.get("v"));
  return (asAsked && (await precache.matchPrecache(url.origin + url.pathname))) || fetch(request);
});

// A page: from the precache at once, checked against the server meanwhile. Any other precached
// file (the search index, the sitemap, an asset asked for without its digest): network-first.
const page = (options) => {
  const match = siteFiles.match(options);
  return match && new URL(match.cacheKey).pathname.endsWith(".html") ? match : false;
};
routing.registerRoute(page, async ({ request, params, event }) => {
  const kept = await caches.match(params.cacheKey, { cacheName: precache.strategy.cacheName });
  const fromServer = fetch(revalidated(request));
  if (!kept) return fromServer;
  event.waitUntil(checkPage(kept.clone(), fromServer, params.cacheKey, event.resultingClientId || event.clientId));
  return kept;
});

// The server's page against the precached one it was answered with. Offline, or an error: nothing.
async function checkPage(kept, fromServer, cacheKey, clientId) {
  const response = await fromServer.catch(() => null);
  if (!response?.ok || response.redirected) return;
  const [before, now] = await Promise.all([kept.text(), response.clone().text()]);
  if (before === now) return;
  const preview = !now.includes(SERVICE_WORKER_TAG);
  if (preview) await self.registration.unregister(); // the pages open now go on with this worker until they reload
  else await (await caches.open(precache.strategy.cacheName)).put(cacheKey, response); // the next visit's, offline too
  const client = clientId && (await self.clients.get(clientId));
  client?.postMessage({ type: PAGE_CHANGED, url: response.url, preview });
}

routing.registerRoute(
  new routing.Route(
    siteFiles.match,
    new strategies.NetworkFirst({
      cacheName: precache.strategy.cacheName,
      networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
      plugins: [fromServerElsePrecache],
    }),
  ),
);

// ---- the Python runtime: cached on first use ---------------------------------------------------

// "assets/pyodide/314.0.7/" -> cache "aq-pyodide-314.0.7-<scope>". CacheFirst keeps only status
// 200 (Workbox's default without a cacheWillUpdate plugin), with its headers: the wasm keeps its
// Content-Type, which streaming compilation needs.
const runtime = RUNTIME.map(({ folder, files }) => {
  const base = new URL(folder, self.location).href; // sw.js sits at the site's root
  const cacheName = `${PREFIX}-${folder.split("/").filter(Boolean).slice(-2).join("-")}-${SCOPE}`;
  return { base, files: files.map((name) => base + name), cacheName, strategy: new strategies.CacheFirst({ cacheName }) };
});
for (const { base, strategy } of runtime) routing.registerRoute(({ url }) => url.href.startsWith(base), strategy);

// The page asks, after a live result, whether its calculators can run here offline: every file of
// this build's runtime folders in its cache. What is missing is fetched now, if the page says so (a
// first visit's calculator may have started before this worker was there to cache it). False
// when the page's URLs (its Pyodide folder, wheel, snapshot) are not this build's: it asks again
// once the new worker is in charge.
async function keepOffline({ urls = [], fetchMissing = true }, event) {
  if (!urls.length || !urls.every((url) => runtime.some(({ base }) => url.startsWith(base)))) return false;
  const files = runtime.flatMap(({ files, cacheName, strategy }) => files.map((url) => ({ url, cacheName, strategy })));
  // `handle` resolves with the response before Workbox has written it to the cache; `handleAll`'s
  // second promise resolves once it is written, so the answer below counts every fetched file.
  const written = ({ url, strategy }) => strategy.handleAll({ request: new Request(url), event })[1];
  if (fetchMissing) await Promise.allSettled(files.map(written));
  const found = await Promise.all(files.map(async ({ url, cacheName }) => (await caches.open(cacheName)).match(url)));
  return found.every(Boolean);
}

self.addEventListener("message", (event) => {
  if (event.data?.type === TAKE_OVER) return void event.waitUntil(self.skipWaiting());
  if (event.data?.type !== KEEP_OFFLINE) return;
  const answer = keepOffline(event.data, event).catch(() => false);
  event.waitUntil(answer);
  answer.then((ready) => event.ports[0]?.postMessage(ready));
});

// ---- a new build takes over at once, and leaves nothing of the old one -------------------------

// Installed, this worker waits until the old one has no work. Chromium may let the old one run on
// for 30 s after an event that reached it while this one was installing, and each later event
// restarts that wait: the page then stops writing to the old worker and sends TAKE_OVER here,
// whose `skipWaiting` has Chromium end the old worker as soon as it is idle.
self.addEventListener("install", (event) => {
  self.skipWaiting(); // takes effect once the precache is complete: a failed install changes nothing
  // The runtime's cached files are read from their cache by the browser itself, without running
  // this worker for each request (static routing: Chromium 123 and later; the routes above answer
  // the same way elsewhere). A file not in its cache yet goes to the network (the HTTP cache
  // first): the page's keep-offline message caches what is missing after a live result.
  if (event.addRoutes) {
    const routes = runtime.map(({ base, cacheName }) => ({ condition: { urlPattern: `${base}*` }, source: { cacheName } }));
    event.waitUntil(event.addRoutes(routes).catch(() => {})); // a browser refusing them keeps the routes above
  }
  precache.install(event);
});

// The calculators' worker keeps the inflated snapshot in the origin's private file system, in
// KEPT_SNAPSHOTS, named by the snapshot's path, URI-encoded (calculator-worker.mjs: keptName): this
// build's may stay; the site's others go.
const KEPT_SNAPSHOTS = "aq-python-snapshots";
const keptSnapshots = runtime.flatMap(({ files }) =>
  files.filter((url) => url.endsWith(".snapshot.gz")).map((url) => encodeURIComponent(new URL(url).pathname)),
);
const sitePrefix = encodeURIComponent(new URL(SCOPE).pathname);

async function dropOtherSnapshots() {
  const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(KEPT_SNAPSHOTS);
  for await (const name of folder.keys()) {
    if (name.startsWith(sitePrefix) && !keptSnapshots.includes(name)) await folder.removeEntry(name).catch(() => {});
  }
}

self.addEventListener("activate", (event) => {
  precache.activate(event); // drops precached files this build no longer lists
  const current = new Set([precache.strategy.cacheName, ...runtime.map(({ cacheName }) => cacheName)]);
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names
          .filter((name) => name.startsWith(`${PREFIX}-`) && name.endsWith(`-${SCOPE}`) && !current.has(name))
          .map((name) => caches.delete(name)),
      ),
    ),
  );
  // Not awaited by the activation: a heap being read or written now cannot be removed (the
  // calculators' worker drops it when it keeps the next one).
  dropOtherSnapshots().catch(() => {}); // none kept, or no such file system here
});

core.clientsClaim(); // pages open now, and their calculator worker, are served by this build
