// The calculators' module worker: Python (Pyodide) runs here, never on the page's main thread.
//
// One worker serves every calculator on a page, and survives Material's instant navigation. It
// speaks the messages of calculator-messages.mjs. Runs that arrive while Python is loading wait for
// it, and are answered in order.

import * as message from "./calculator-messages.mjs";

// Start Python and load the calculators: the one step a faster start (a memory snapshot) changes.
// Resolves to calculators.run_json, the package's bridge: (slug, inputsJSON) -> resultJSON.
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
    errorCallback: (text) => problems.push(text),
  });
  if (problems.length) throw new Error(problems.join(" "));
  return pyodide.pyimport("calculators").run_json;
}

let runner = null; // the promise boot() returned

self.addEventListener("message", async ({ data }) => {
  if (data.type === message.BOOT && !runner) {
    runner = boot(data);
    runner.then(
      () => self.postMessage(message.ready()),
      (problem) => self.postMessage(message.failed(String(problem?.message ?? problem))),
    );
  } else if (data.type === message.RUN) {
    try {
      const runJSON = await runner;
      const answer = JSON.parse(runJSON(data.slug, JSON.stringify(data.inputs)));
      self.postMessage(message.result(data.id, answer));
    } catch (problem) {
      self.postMessage(message.error(data.id, String(problem?.message ?? problem)));
    }
  }
});
