//# allFunctionsCalledOnLoad
// (V8's compile hint, as calculators.js explains.)
// The messages between the page script (calculators.js) and the calculators' worker
// (calculator-worker.mjs), defined once for both. Every message is a plain object with a `type`:
//
//   page -> worker   (its name)                  workerName(urls): where Pyodide and the snapshot are,
//                                                read by the worker as soon as its module has run, so it
//                                                starts on what every start needs (the head script of
//                                                partials/early-downloads.html spells it out: keep the two alike);
//                                                and `ahead`, the calculators whose first result it works
//                                                out as soon as it has restored a snapshot kept on the device
//                    boot(urls)                  once, first: where Pyodide, the wheel, the standard
//                                                library, the calculators' zip and the snapshot are;
//                                                `wanted`: "snapshot" or "normal", the page's choice
//                                                when the snapshot is not on this device (the worker
//                                                restores one it finds here), unless `forced`
//                    run(id, slug, inputs)        inputs: {name: text}, as the reader typed them
//                    table(id, slug, csvText)     a squad's CSV file (coach mode, squad.js)
//                    convert(id, slug, inputs, units)  the reader switched unit choices ({choice: unit}):
//                                                the inputs with their numbers in the new units
//                    keepSnapshot(snapshotURL)   after a normal start, the page has fetched the
//                                                snapshot for the next visit: keep it inflated too
//                    compile(pyodideURL)         to a worker of its own, for the next visit: import
//                                                Pyodide's scripts, and nothing more (calculators.js:
//                                                compileForNextVisit)
//   worker -> page   progress(step)               the start moved on: a step done, or bytes arrived
//                                                (the page gives up on a start silent for too long)
//                    ready(path)                  Python and the calculators are loaded, by the
//                                                start `path`: "snapshot", "normal" or "fallback"
//                    failed(message)              they could not be loaded
//                    result(id, result)           calculators.run(...)'s answer for run `id`,
//                                                calculators.run_table(...)'s for table `id`, or
//                                                calculators.convert_units(...)'s for convert `id`
//                    error(id, message)           run `id` raised (a bug, not bad input)
//                    ahead(slug, inputs, result)  calculators.run(slug, inputs)'s answer, worked out before
//                                                the page asked, for the inputs its form starts with
//                    compiled()                   Pyodide's scripts are imported (compile's answer)

export const BOOT = "boot";
export const RUN = "run";
export const TABLE = "table";
export const CONVERT = "convert";
export const KEEP_SNAPSHOT = "keep-snapshot";
export const COMPILE = "compile";
export const COMPILED = "compiled";
export const PROGRESS = "progress";
export const READY = "ready";
export const FAILED = "failed";
export const RESULT = "result";
export const ERROR = "error";
export const AHEAD = "ahead";

// The worker's name (new Worker's `name` option, the worker's `self.name`) says where Pyodide and
// the snapshot are, and which calculators' first results to work out ahead, as
// "pyodide=URL&snapshot=URL&ahead=slug,slug": the worker reads it as soon as its module has run. A
// message would arrive later: the browser hands a new worker what the page posted only once the
// page's own thread, busy loading the page, gets to it.
export const workerName = ({ pyodideURL, snapshotURL = "" }, ahead = []) =>
  String(new URLSearchParams({ pyodide: pyodideURL, snapshot: snapshotURL, ahead: ahead.join(",") }));
export const namedInWorkerName = (name) => {
  const named = new URLSearchParams(name);
  if (!named.get("pyodide")) return null;
  const ahead = (named.get("ahead") ?? "").split(",").filter(Boolean);
  return { pyodideURL: named.get("pyodide"), snapshotURL: named.get("snapshot") ?? "", ahead };
};
export const boot = ({ pyodideURL, wheelURL, stdlibURL, calculatorsURL = "", snapshotURL, wanted = "", forced = false }) => ({
  type: BOOT,
  pyodideURL,
  wheelURL,
  stdlibURL,
  calculatorsURL,
  snapshotURL,
  wanted,
  forced,
});
export const run = (id, slug, inputs) => ({ type: RUN, id, slug, inputs });
export const table = (id, slug, csvText) => ({ type: TABLE, id, slug, csvText });
export const convert = (id, slug, inputs, units) => ({ type: CONVERT, id, slug, inputs, units });
export const keepSnapshot = (snapshotURL) => ({ type: KEEP_SNAPSHOT, snapshotURL });
export const compile = (pyodideURL) => ({ type: COMPILE, pyodideURL });
export const compiled = () => ({ type: COMPILED });
export const progress = (step) => ({ type: PROGRESS, step });
export const ready = (path) => ({ type: READY, path });
export const failed = (message) => ({ type: FAILED, message });
export const result = (id, answer) => ({ type: RESULT, id, result: answer });
export const error = (id, message) => ({ type: ERROR, id, message });
export const ahead = (slug, inputs, answer) => ({ type: AHEAD, slug, inputs, result: answer });
