// The calculators' module worker: Python (Pyodide) runs here, never on the page's main thread.
//
// One worker serves every calculator on a page, and survives Material's instant navigation.
// The page script (calculators.js) speaks to it with four kinds of message:
//
//   page -> worker   {type: "boot", pyodideURL, wheelURL}          once, first
//                    {type: "run", id, slug, inputs, idPrefix}      inputs: {name: text}
//   worker -> page   {type: "ready"}                                Python and the calculators loaded
//                    {type: "failed", message}                      they could not be loaded
//                    {type: "result", id, result}                   calculators.run(...)'s dict
//                    {type: "error", id, message}                   a run raised (a bug, not bad input)
//
// Runs that arrive while Python is loading wait for it, and are answered in order.

const RUNNER = `
import json
import calculators

def run_json(slug, inputs_json, id_prefix):
    """calculators.run with JSON in and out: plain strings cross the worker boundary."""
    return json.dumps(calculators.run(slug, json.loads(inputs_json), id_prefix=id_prefix or None))

run_json
`;

// Start Python and load the calculators: the one step a faster start (a memory snapshot) would
// replace. Resolves to a function (slug, inputsJSON, idPrefix) -> resultJSON.
async function boot({ pyodideURL, wheelURL }) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  const pyodide = await loadPyodide({
    indexURL: pyodideURL,
    // Packages resolve against our own copy; Pyodide's CDN is never asked for anything.
    packageBaseUrl: pyodideURL,
    stdout: () => {},
  });
  const problems = [];
  await pyodide.loadPackage(wheelURL, {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join(" "));
  return pyodide.runPython(RUNNER);
}

let runner = null; // the promise boot() returned

self.addEventListener("message", async ({ data }) => {
  if (data.type === "boot" && !runner) {
    runner = boot(data);
    runner.then(
      () => self.postMessage({ type: "ready" }),
      (error) => self.postMessage({ type: "failed", message: String(error?.message ?? error) }),
    );
  } else if (data.type === "run") {
    try {
      const runJSON = await runner;
      const result = JSON.parse(runJSON(data.slug, JSON.stringify(data.inputs), data.idPrefix ?? ""));
      self.postMessage({ type: "result", id: data.id, result });
    } catch (error) {
      self.postMessage({ type: "error", id: data.id, message: String(error?.message ?? error) });
    }
  }
});
