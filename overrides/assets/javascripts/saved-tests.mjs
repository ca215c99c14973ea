// A reader's saved tests: kept in this browser's own storage, one list per calculator, and written
// to and read from files (JSON and CSV). Nothing here touches the page or the network: history.mjs
// shows the tests, and Python (through the page's worker) recomputes a CSV file's rows.
//
// One format, versioned, for the storage and the JSON file alike:
//
//   {"format": "aq-saved-tests", "version": 1, "calculator": SLUG, "tests": [TEST, ...]}
//   TEST = {"id", "name", "saved" (ISO 8601 time), "schema" (the calculator's input schema when
//           saved), "values" {input: text}, "summary" {column: text}, "figures" [{name, value, unit}]}
//
// `values`, `summary` and `figures` are exactly what the calculator answered (calculators.run), so
// an opened test gives the same result, and a chart needs no Python. Tests are kept oldest first.

export const FORMAT = "aq-saved-tests";
export const VERSION = 1;
export const MAX_NAME = 80; // characters of a test's name (the name field's maxlength)
export const MAX_FILE_BYTES = 5_000_000; // far more than thousands of tests take

const KEY = "aq-saved-tests:"; // localStorage key prefix; the calculator's slug follows

// Why tests cannot be kept: the browser blocks this site's storage, or it is full.
export class StorageProblem extends Error {
  constructor(reason) {
    super(
      reason === "full"
        ? "This browser's storage for this site is full, so the test was not saved. " +
            "Export your saved tests and delete some to make room."
        : "This browser does not let this site keep anything on your device (its storage is blocked), " +
            "so tests cannot be saved here. The calculator works as before: use Share to keep a link to your result.",
    );
    this.reason = reason;
  }
}

// A file (or stored list) that is not saved tests of this calculator: the message says what to do.
export class FileProblem extends Error {}

// ---- the browser's storage ---------------------------------------------------------------------

function storage() {
  try {
    const store = window.localStorage; // throws when the browser blocks this site's storage
    if (!store) throw new Error("no localStorage");
    return store;
  } catch {
    throw new StorageProblem("blocked");
  }
}

// Null when tests can be kept here, else the StorageProblem that stops it (a write is tried: some
// browsers let a blocked storage be read but not written).
export function storageProblem() {
  try {
    const store = storage();
    const probe = `${KEY}probe`;
    store.setItem(probe, "1");
    store.removeItem(probe);
    return null;
  } catch (problem) {
    return problem instanceof StorageProblem ? problem : new StorageProblem(isFull(problem) ? "full" : "blocked");
  }
}

function isFull(error) {
  return error?.name === "QuotaExceededError" || error?.code === 22;
}

// The saved tests of a calculator, oldest first. Throws StorageProblem when storage is blocked,
// and FileProblem when what is stored cannot be read (then nothing may overwrite it).
export function loadTests(slug) {
  const text = storage().getItem(KEY + slug);
  if (text === null) return [];
  try {
    return readDocument(JSON.parse(text), slug);
  } catch (problem) {
    throw new FileProblem(
      `Your saved tests of this calculator could not be read (${problem.message}), so nothing is changed: ` +
        "they are kept as they are. A newer version of this page may read them: reload it.",
    );
  }
}

export function keepTests(slug, tests) {
  const store = storage();
  try {
    store.setItem(KEY + slug, JSON.stringify(savedTestsDocument(slug, tests)));
  } catch (error) {
    throw new StorageProblem(isFull(error) ? "full" : "blocked");
  }
}

// True when a `storage` event (another tab saved or deleted) concerns this calculator.
export const isKeyOf = (slug, key) => key === null || key === KEY + slug;

// ---- tests -----------------------------------------------------------------------------------------

function newId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

// A test from a calculator's answer (the `aq-calculator:result` event's detail).
export function testFrom(answer, name, saved = new Date()) {
  return {
    id: newId(),
    name: name.trim().slice(0, MAX_NAME),
    saved: saved.toISOString(),
    schema: answer.schema,
    values: { ...answer.values },
    summary: { ...answer.summary },
    figures: answer.figures.map(({ name, value, unit }) => ({ name, value, unit })),
  };
}

const bySavedTime = (a, b) => (a.saved < b.saved ? -1 : a.saved > b.saved ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// The same test saved twice (or imported twice from a CSV file, which carries no ids).
const sameTest = (a, b) => a.id === b.id || (a.saved === b.saved && JSON.stringify(a.values) === JSON.stringify(b.values));

// `incoming` added to `kept`: no test is lost or doubled. Returns {tests, added, alreadyThere}.
export function merge(kept, incoming) {
  const tests = [...kept];
  let added = 0;
  for (const test of incoming) {
    if (tests.some((each) => sameTest(each, test))) continue;
    tests.push(test);
    added += 1;
  }
  return { tests: tests.sort(bySavedTime), added, alreadyThere: incoming.length - added };
}

// ---- JSON: the stored list and the exported file ------------------------------------------------

export function savedTestsDocument(slug, tests) {
  return { format: FORMAT, version: VERSION, calculator: slug, tests: [...tests].sort(bySavedTime) };
}

// The JSON file: the stored list as it is, so that exporting, importing into a fresh browser and
// exporting again gives the same file.
export const jsonFile = (slug, tests) => `${JSON.stringify(savedTestsDocument(slug, tests), null, 2)}\n`;

// The tests of a parsed JSON document; throws FileProblem saying what is wrong.
export function readDocument(document, slug, title = slug) {
  if (document?.format !== FORMAT || !Array.isArray(document.tests)) {
    throw new FileProblem("This file is not a file of saved tests (export one with Export as JSON).");
  }
  if (!Number.isInteger(document.version) || document.version > VERSION) {
    throw new FileProblem("This file was written by a newer version of this site: reload the page, then import it again.");
  }
  if (document.calculator !== slug) {
    throw new FileProblem(
      `This file holds saved tests of another calculator (${String(document.calculator)}), not ${title}: ` +
        "import it on that calculator's page.",
    );
  }
  return document.tests.map((test, index) => checkedTest(test, index + 1));
}

function checkedTest(test, number) {
  const problem = testProblem(test);
  if (problem) throw new FileProblem(`Test ${number} of this file is not a saved test: ${problem}.`);
  return test;
}

const isText = (value) => typeof value === "string";
const isTextMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every(isText);
const isFigure = (figure) => isText(figure?.name) && isText(figure?.unit) && Number.isFinite(figure?.value);

function testProblem(test) {
  if (test === null || typeof test !== "object") return "it is not a record";
  if (!isText(test.id) || !test.id) return "it has no id";
  if (!isText(test.name) || test.name.length > MAX_NAME) return `its name is missing or longer than ${MAX_NAME} characters`;
  if (!isText(test.saved) || Number.isNaN(Date.parse(test.saved))) return "its date is missing or not a date";
  if (!Number.isInteger(test.schema)) return "its schema version is missing";
  if (!isTextMap(test.values)) return "its inputs are missing";
  if (!isTextMap(test.summary)) return "its headline figures are missing";
  if (!Array.isArray(test.figures) || !test.figures.every(isFigure)) return "its figures are missing or not numbers";
  return "";
}

// ---- CSV: for spreadsheets, and for coach mode ---------------------------------------------------

// saved, name, each headline figure (as text), each charted figure ("Speed (m/s)", as a number),
// then each input by its name: a spreadsheet charts it, and coach mode reads it as a squad's file
// (its `name` column names each row, its inputs are found by name, other columns are ignored).
export function csvFile(tests) {
  const union = (lists) => [...new Set(lists.flat())];
  const summaries = union(tests.map((test) => Object.keys(test.summary)));
  const figures = union(tests.map((test) => test.figures.map(figureColumn)));
  const inputs = union(tests.map((test) => Object.keys(test.values)));
  const rows = [["saved", "name", ...summaries, ...figures, ...inputs]];
  for (const test of tests) {
    const charted = Object.fromEntries(test.figures.map((figure) => [figureColumn(figure), String(figure.value)]));
    rows.push([
      test.saved,
      test.name,
      ...summaries.map((column) => test.summary[column] ?? ""),
      ...figures.map((column) => charted[column] ?? ""),
      ...inputs.map((name) => test.values[name] ?? ""),
    ]);
  }
  // A byte-order mark, so spreadsheets read "τ" and accented names as UTF-8.
  return `\ufeff${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const figureColumn = (figure) => `${figure.name} (${figure.unit})`;

function csvCell(text) {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// A CSV file's records as {line, cells}: quoted cells (with separators, quotes and line breaks in
// them), `,` `;` or tab between cells (the header row's most used), blank lines skipped.
export function csvRecords(text) {
  text = text.replace(/^\ufeff/, "");
  const firstLine = text.replace(/^[\r\n]+/, "").split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, "");
  const separator = [",", ";", "\t"].reduce((best, each) => (firstLine.split(each).length > firstLine.split(best).length ? each : best));
  const records = [];
  let cells = [""];
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cells[cells.length - 1] += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cells[cells.length - 1] += char;
      if (char === "\n") line += 1;
    } else if (char === '"') quoted = true;
    else if (char === separator) cells.push("");
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      if (cells.some((cell) => cell.trim())) records.push({ line: start, cells });
      cells = [""];
      line += 1;
      start = line;
    } else cells[cells.length - 1] += char;
  }
  if (quoted) throw new FileProblem(`This file is not valid CSV: a quote opened on line ${start} is never closed.`);
  if (cells.some((cell) => cell.trim())) records.push({ line: start, cells });
  return records;
}

// A CSV file of saved tests as rows {line, name, saved, inputs}: its `saved` and `name` columns
// (either may be missing: then now, and the date) and the calculator's inputs, found by name in
// any case. Python works out each row's result afterwards (history.mjs), so the figures are never
// taken on trust from a spreadsheet. Throws FileProblem saying what is wrong.
export function csvRows(text, inputNames, title) {
  const [header, ...records] = csvRecords(text);
  if (!header) throw new FileProblem("This file is empty: export your saved tests with Export as CSV.");
  const key = (cell) => cell.trim().toLowerCase();
  const column = (name) => header.cells.findIndex((cell) => key(cell) === name);
  const inputs = inputNames.map((name) => [name, column(name.toLowerCase())]).filter(([, index]) => index >= 0);
  if (!inputs.length) {
    throw new FileProblem(
      `No column of this file is an input of the ${title} calculator: its header row must name them, ` +
        `like ${inputNames.slice(0, 3).join(", ")} (Export as CSV writes such a file).`,
    );
  }
  const [savedAt, nameAt] = [column("saved"), column("name")];
  const now = new Date().toISOString();
  return records.map(({ line, cells }) => {
    const saved = savedAt >= 0 ? (cells[savedAt] ?? "").trim() : "";
    if (saved && Number.isNaN(Date.parse(saved))) {
      throw new FileProblem(`Line ${line}: "${saved}" in the saved column is not a date (like 2026-11-26).`);
    }
    return {
      line,
      saved: saved ? new Date(saved).toISOString() : now,
      name: (nameAt >= 0 ? (cells[nameAt] ?? "").trim() : "").slice(0, MAX_NAME),
      inputs: Object.fromEntries(inputs.map(([name, index]) => [name, cells[index] ?? ""])),
    };
  });
}

// The rows as a squad's file for Python's calculators.run_table (one `id` column, then the inputs),
// so that every row is parsed and worked out exactly as the form would.
export function squadFile(rows, inputNames) {
  const lines = [["id", ...inputNames], ...rows.map((row, index) => [String(index + 1), ...inputNames.map((name) => row.inputs[name] ?? "")])];
  return `${lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
