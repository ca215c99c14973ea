// Writes the site's service worker, `sw.js` at the root of a built site, from macros/sw.src.js:
// Workbox's browser builds in front of it (pinned with workbox-build in package-lock.json and
// copied in, so the worker needs no other file and nothing comes from a CDN), then the precache
// manifest that workbox-build makes of the site's pages and assets, and the runtime folders that
// are cached on first use. Run by macros/offline.py after `mkdocs build` has written the site:
//
//   node macros/service_worker.mjs --site SITE_DIR --runtime assets/pyodide/314.0.7/ \
//     --runtime assets/calculators/<fingerprint>/
//
// Prints one line of JSON: the worker's size and what it precaches.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
// getManifest alone: workbox-build's index also loads generateSW's bundler, 0.7 s we do not need.
const { getManifest } = require("workbox-build/build/get-manifest.js");
const workboxBuild = require("workbox-build/package.json");
const fromWorkboxBuild = createRequire(require.resolve("workbox-build/package.json"));

const SOURCE = new URL("sw.src.js", import.meta.url);
const LIBRARIES = ["workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching"]; // in load order
const PRECACHED = ["**/*.{html,css,js,mjs,json,svg,png,ico,jpg,jpeg,gif,webp}", "sitemap.xml"];
const NOT_PRECACHED = [
  "sw.js",
  "assets/pyodide/**", // the runtime is cached on first use: a reader who never uses a
  "assets/calculators/**", // calculator never downloads Python
  "assets/javascripts/lunr/**", // search in languages other than the site's English: never loaded
  "**/*.{br,gz,map}",
];
// A runtime folder's files, less source maps and the compressed copies a host sends in their place
// (FILE.br beside FILE); a file that is gzip itself, as the memory snapshot is, stays.
function runtimeFiles(site, folder) {
  const names = readdirSync(join(site, folder));
  const copy = (name) => /\.(br|gz)$/.test(name) && names.includes(name.replace(/\.(br|gz)$/, ""));
  return names.filter((name) => !name.endsWith(".map") && !copy(name)).sort();
}

function fail(message) {
  console.error(`service worker: ${message}`);
  process.exit(1);
}

// `self.NAME` in the source, replaced by `value` as JSON; each must be there exactly once.
function fill(source, values) {
  return Object.entries(values).reduce((text, [name, value]) => {
    const parts = text.split(`self.${name}`);
    if (parts.length !== 2) fail(`${SOURCE.pathname} must use self.${name} exactly once`);
    return parts.join(JSON.stringify(value));
  }, source);
}

function library(name) {
  const file = fromWorkboxBuild.resolve(`${name}/build/${name}.prod.js`);
  return readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"); // no map is shipped
}

const { values: options } = parseArgs({ options: { site: { type: "string" }, runtime: { type: "string", multiple: true } } });
if (!options.site || !options.runtime?.length) fail("usage: --site SITE_DIR --runtime FOLDER/ [--runtime FOLDER/ ...]");

const { manifestEntries, count, size, warnings } = await getManifest({
  globDirectory: options.site,
  globPatterns: PRECACHED,
  globIgnores: NOT_PRECACHED,
  // Workbox's 2 MB default would refuse the search index of a site of a hundred articles or more
  // (10 MB at 300): offline search needs it whole.
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
});
if (warnings.length) fail(warnings.join("\n")); // e.g. a file too large: that page would break offline
if (!count) fail(`nothing to precache in ${options.site}`);

const runtime = options.runtime.map((folder) => ({ folder, files: runtimeFiles(options.site, folder) }));

const banner = `// The site's service worker, written by macros/service_worker.mjs from macros/sw.src.js.
// Contains Workbox ${workboxBuild.version} (${LIBRARIES.join(", ")}): Copyright Google LLC, MIT License.
`;
const worker = banner + LIBRARIES.map(library).join("") +
  fill(readFileSync(SOURCE, "utf8"), { __WB_MANIFEST: manifestEntries, __AQ_RUNTIME__: runtime });
writeFileSync(join(options.site, "sw.js"), worker);
console.log(JSON.stringify({ bytes: Buffer.byteLength(worker), precached: count, precachedBytes: size }));
