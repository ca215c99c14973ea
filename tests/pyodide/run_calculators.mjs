// Run the calculators in real Pyodide (the pinned npm package) under Node, the way the browser does.
//
//   node tests/pyodide/run_calculators.mjs WHEEL < cases.json
//
// WHEEL is the calculators wheel (macros/wheel.py builds it). Standard input is a JSON list of
// [slug, inputs] pairs, where inputs is an object of name -> text (one athlete, through
// calculators.run_json, the bridge the browser worker calls) or the text of a squad's CSV file
// (through calculators.run_table_json). Standard output is one JSON object: {"python":
// sys.version, "results": [answer, ...]}. Only plain strings cross between JavaScript and Python.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const pyodideModule = resolve(here, "../../node_modules/pyodide/pyodide.mjs");

const wheel = process.argv[2];
if (!wheel) {
  console.error("usage: node run_calculators.mjs WHEEL < cases.json");
  process.exit(2);
}

const cases = JSON.parse(readFileSync(0, "utf8"));
const { loadPyodide } = await import(pyodideModule);
// Pyodide's own messages ("Loading aq_calculators") go to stderr, keeping stdout pure JSON.
const pyodide = await loadPyodide({ stdout: (line) => console.error(line), stderr: (line) => console.error(line) });
await pyodide.loadPackage(resolve(wheel), { messageCallback: (line) => console.error(line) });

const calculators = pyodide.pyimport("calculators");
const answer = (slug, inputs, units) => {
  if (units) return calculators.convert_json(slug, JSON.stringify(inputs), JSON.stringify(units));
  return typeof inputs === "string" ? calculators.run_table_json(slug, inputs) : calculators.run_json(slug, JSON.stringify(inputs));
};
const results = cases.map(([slug, inputs, units]) => JSON.parse(answer(slug, inputs, units)));
const python = pyodide.runPython("import sys; sys.version");
process.stdout.write(JSON.stringify({ python, results }));
