// "Save this test" and "Your saved tests": a reader's results kept in their own browser, on their
// own device, one list per calculator (saved-tests.mjs keeps them; nothing is ever sent).
//
// After each result, calculators.js dispatches `aq-calculator:result` on the calculator's section
// with the answer Python gave (slug, schema, ok, values, summary, figures). This script lets the
// reader save that answer under a name, and shows their saved tests under the calculator: a table,
// a chart of the figures over time (saved-tests-chart.mjs), and for each test Open (fills the
// form), Use as previous test (fills the form's `previous_*` fields, for a retest comparison) and
// Delete; then export, import and delete all. It knows no calculator in particular. When the
// browser blocks storage, the calculator works as before and the save button says why it cannot
// save.

import { runTable } from "./calculators.js";
import * as saved from "./saved-tests.mjs";
import { charts } from "./saved-tests-chart.mjs";
import { onEveryPage } from "./every-page.mjs";

const RESULT_EVENT = "aq-calculator:result";
const PREVIOUS = "previous_"; // a retest's fields: previous_NAME holds the earlier test's NAME
const views = new Map(); // section -> its view, for the result event and other tabs' changes

// Dates as "27 Nov 2026", in the site's language and the same on every device. Not with
// Intl.DateTimeFormat: its first use in a page loads the locale's calendar data, 15-35 ms of the
// page's thread (60-180 ms with the processor slowed 4x, as on a phone), on every calculator page.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dateText = (date) => `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
const dateOf = (test) => dateText(new Date(test.saved));
const today = () => dateText(new Date());

function enhanceHistory(section) {
  const part = (name) => section.querySelector(`.${name}`);
  const view = {
    section,
    slug: section.dataset.calculator,
    schema: Number(section.dataset.schema),
    title: part("aq-calc__title")?.textContent.trim() ?? section.dataset.calculator,
    form: section.querySelector("form.aq-calc__form"),
    saveBar: part("aq-save"),
    nameField: part("aq-save__name"),
    saveButton: part("aq-save__button"),
    why: part("aq-save__why"),
    note: part("aq-calc__note"),
    panel: part("aq-history"),
    status: part("aq-history__status"),
    latest: null, // the last answer shown, which "Save this test" keeps
    cannotSave: "", // why tests cannot be saved here, when they cannot
    tests: [],
  };
  if (!view.form || !view.saveBar || !view.panel) return;
  views.set(section, view);
  view.nameField.value = today();

  const problem = saved.storageProblem();
  if (problem) view.cannotSave = problem.message;
  else {
    try {
      view.tests = saved.loadTests(view.slug);
    } catch (unreadable) {
      view.cannotSave = unreadable.message; // never overwrite what cannot be read
    }
  }
  showSaveState(view);
  view.saveButton.addEventListener("click", () => saveTest(view));
  view.nameField.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      saveTest(view);
    }
  });
  if (view.cannotSave) return; // no panel: there is nothing to show or to keep
  wirePanel(view);
  view.panel.hidden = false;
  showTests(view);
}

// ---- saving -------------------------------------------------------------------------------------

function showSaveState(view) {
  const answer = view.latest;
  const why = view.cannotSave || (answer && !answer.ok ? "Fix the highlighted fields first: only a result can be saved." : "");
  view.saveButton.disabled = Boolean(why) || !answer;
  view.why.textContent = why;
  view.why.hidden = !why;
}

function onResult(view, answer) {
  view.latest = answer;
  view.saveBar.hidden = false; // offered once there is a result to save
  showSaveState(view);
}

function saveTest(view) {
  if (view.cannotSave || !view.latest?.ok) return;
  const name = view.nameField.value.trim() || today();
  const test = saved.testFrom(view.latest, name);
  try {
    const kept = saved.loadTests(view.slug); // another tab may have saved since
    saved.keepTests(view.slug, [...kept, test]);
    view.tests = saved.loadTests(view.slug);
  } catch (problem) {
    view.note.textContent = problem.message;
    return;
  }
  view.nameField.value = today();
  view.note.textContent = `Saved “${test.name}” on this device: it is in Your saved tests, below.`;
  showTests(view);
}

// ---- the panel: table and chart -----------------------------------------------------------------

function element(tag, text = "", attributes = {}) {
  const made = document.createElement(tag);
  made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

// A row's button, named with its test: "Delete “Week 6”" (starting with the words it shows).
function button(text, test, action) {
  const made = element("button", text, { type: "button", class: "md-button aq-history__action", "aria-label": `${text} “${test.name}”` });
  made.addEventListener("click", action);
  return made;
}

const hasRetest = (view) => [...view.form.elements].some((control) => control.name?.startsWith(PREVIOUS));

function showTests(view) {
  const { tests, panel } = view;
  const part = (name) => panel.querySelector(`.${name}`);
  part("aq-history__count").textContent = `(${tests.length})`;
  part("aq-history__empty").hidden = tests.length > 0;
  for (const name of ["aq-history__export-csv", "aq-history__export-json", "aq-history__delete-all"]) part(name).disabled = !tests.length;
  part("aq-history__chart").replaceChildren(...charts(tests, { idPrefix: `${view.slug}-history-chart`, dateOf }));
  part("aq-history__table").replaceChildren(...(tests.length ? [table(view)] : []));
}

function table(view) {
  const columns = [...new Set(view.tests.flatMap((test) => Object.keys(test.summary)))];
  const made = element("table", "", { class: "aq-table aq-history__tests" });
  made.append(element("caption", `Your saved tests of ${view.title}, oldest first`));
  const head = element("tr");
  for (const heading of ["Date", "Name", ...columns, "Actions"]) head.append(element("th", heading, { scope: "col" }));
  made.append(element("thead"), element("tbody"));
  made.tHead.append(head);
  for (const test of view.tests) {
    const row = element("tr");
    row.dataset.test = test.id;
    row.append(element("td", dateOf(test)), element("th", test.name, { scope: "row" }));
    for (const column of columns) row.append(element("td", test.summary[column] ?? "–"));
    const actions = element("td", "", { class: "aq-history__actions" });
    actions.append(button("Open", test, () => openTest(view, test)));
    if (hasRetest(view)) actions.append(button("Use as previous test", test, () => useAsPrevious(view, test)));
    actions.append(button("Delete", test, () => deleteTest(view, test)));
    row.append(actions);
    made.tBodies[0].append(row);
  }
  const wrap = element("div", "", { class: "aq-table-wrap" });
  wrap.append(made);
  return wrap;
}

function say(view, text, { focus = false } = {}) {
  view.status.textContent = text;
  if (focus) view.status.focus();
}

// ---- open, previous test, delete -------------------------------------------------------------------

// Put values into the calculator's form as if the reader had typed them: calculators.js hears each
// change (input events), shows and hides the parts that depend on choices, works out the result
// and writes the address.
function fillForm(form, values) {
  const changed = [];
  for (const control of form.elements) {
    if (!control.name || !(control.name in values) || "unknownChoice" in control.dataset) continue;
    const value = values[control.name];
    if (control.type === "radio" || control.type === "checkbox") {
      if (control.checked !== (control.value === value)) {
        control.checked = control.value === value;
        changed.push(control);
      }
    } else if (control.value !== value) {
      control.value = value;
      changed.push(control);
    }
  }
  for (const group of form.querySelectorAll("details")) {
    if ([...group.querySelectorAll("[name]")].some((control) => control.type !== "radio" && control.value !== "")) group.open = true;
  }
  for (const control of changed) control.dispatchEvent(new Event("input", { bubbles: true }));
}

function openTest(view, test) {
  if (test.schema !== view.schema) {
    say(view, `“${test.name}” was saved with another version of this calculator, whose inputs differ, so it cannot be opened in the form; it stays in your saved tests.`);
    return;
  }
  fillForm(view.form, test.values);
  say(view, `Opened “${test.name}”: the form holds its values, and the result is worked out again.`);
  view.form.querySelector("input:not([type=hidden]):not(:disabled), select")?.focus();
}

// The choices of the form that a previous test must share with today's (the force unit: its
// numbers are read in today's unit), named by their labels.
function differentChoices(view, test) {
  const differ = [];
  for (const control of view.form.elements) {
    const isChoice = control.type === "radio" || control.tagName === "SELECT";
    if (!isChoice || control.name.startsWith(PREVIOUS) || view.form.elements.namedItem(PREVIOUS + control.name)) continue;
    const now = control.type === "radio" ? view.form.elements.namedItem(control.name).value : control.value;
    const then = test.values[control.name];
    if (then !== undefined && then !== now && !differ.some((each) => each.name === control.name)) {
      const label = control.closest("fieldset")?.querySelector("legend")?.textContent.trim() ?? control.name;
      differ.push({ name: control.name, label, then, now });
    }
  }
  return differ;
}

function useAsPrevious(view, test) {
  if (test.schema !== view.schema) {
    say(view, `“${test.name}” was saved with another version of this calculator, so it cannot be used as the previous test.`);
    return;
  }
  const differ = differentChoices(view, test);
  if (differ.length) {
    const which = differ.map((each) => `${each.label}: ${each.then}, today ${each.now}`).join("; ");
    say(view, `“${test.name}” was saved with other choices (${which}). Choose the same for today's test, then use it again.`);
    return;
  }
  const previous = {};
  for (const control of view.form.elements) {
    const name = control.name?.startsWith(PREVIOUS) ? control.name.slice(PREVIOUS.length) : null;
    if (name && name in test.values) previous[control.name] = test.values[name];
  }
  fillForm(view.form, previous);
  say(view, `“${test.name}” (${dateOf(test)}) is now your previous test: the result compares today's test with it.`);
}

function keep(view, tests, done) {
  try {
    saved.keepTests(view.slug, tests);
    view.tests = saved.loadTests(view.slug);
  } catch (problem) {
    say(view, problem.message, { focus: true });
    return;
  }
  showTests(view);
  done();
}

// After a delete, keyboard focus goes to the Delete button now in the same row (or the row above),
// or to the status line when no test is left.
function deleteTest(view, test) {
  const index = view.tests.findIndex((each) => each.id === test.id);
  keep(view, view.tests.filter((each) => each.id !== test.id), () => {
    const rows = view.panel.querySelectorAll("tbody tr");
    const next = rows[Math.min(index, rows.length - 1)];
    const left = view.tests.length ? `${view.tests.length} left` : "none left";
    say(view, `Deleted “${test.name}” (${left}).`, { focus: !next });
    next?.querySelector(".aq-history__action:last-child")?.focus();
  });
}

// ---- delete all, export, import --------------------------------------------------------------------

function wirePanel(view) {
  const part = (name) => view.panel.querySelector(`.${name}`);
  const confirm = part("aq-history__confirm");
  const deleteAll = part("aq-history__delete-all");
  deleteAll.addEventListener("click", () => {
    const count = view.tests.length === 1 ? "your saved test" : `all ${view.tests.length} saved tests`;
    part("aq-history__confirm-text").textContent =
      `Delete ${count} of ${view.title} from this device? This cannot be undone: export them first to keep a copy.`;
    confirm.hidden = false;
    part("aq-history__confirm-no").focus();
  });
  part("aq-history__confirm-no").addEventListener("click", () => {
    confirm.hidden = true;
    deleteAll.focus();
  });
  part("aq-history__confirm-yes").addEventListener("click", () => {
    confirm.hidden = true;
    const count = view.tests.length;
    keep(view, [], () => say(view, `Deleted all ${count} saved tests.`, { focus: true }));
  });
  part("aq-history__export-json").addEventListener("click", () =>
    download(saved.jsonFile(view.slug, view.tests), `${view.slug}-saved-tests.json`, "application/json"),
  );
  part("aq-history__export-csv").addEventListener("click", () =>
    download(saved.csvFile(view.tests), `${view.slug}-saved-tests.csv`, "text/csv;charset=utf-8"),
  );
  const file = part("aq-history__import");
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = ""; // the same file may be chosen again
    if (chosen) await importFile(view, chosen);
  });
}

function download(text, filename, type) {
  const link = element("a", "", { href: URL.createObjectURL(new Blob([text], { type })), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

// A JSON file as exported, or a CSV file (exported, or written in a spreadsheet) whose rows Python
// works out again. A bad file changes nothing and says what is wrong.
async function importFile(view, file) {
  let incoming;
  try {
    if (file.size > saved.MAX_FILE_BYTES) {
      throw new saved.FileProblem(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB, more than saved tests take: check that it is the right file.`);
    }
    const text = await file.text();
    const looksJSON = /\.json$/i.test(file.name) || text.trimStart().startsWith("{");
    incoming = looksJSON ? fromJSON(view, text) : await fromCSV(view, text);
  } catch (problem) {
    // Not the file's fault: it could not be read, or Python (which works out a CSV file) did not start.
    const message = problem instanceof saved.FileProblem ? problem.message : `its tests could not be worked out here (${problem.message}).`;
    say(view, `Nothing was imported from ${file.name}: ${message} Your saved tests are unchanged.`, { focus: true });
    return;
  }
  let kept;
  try {
    kept = saved.loadTests(view.slug); // another tab may have saved since
  } catch (problem) {
    say(view, problem.message, { focus: true });
    return;
  }
  const { tests, added, alreadyThere } = saved.merge(kept, incoming);
  const also = alreadyThere ? ` (${alreadyThere} ${alreadyThere === 1 ? "was" : "were"} already here)` : "";
  keep(view, tests, () => say(view, `Imported ${added} ${added === 1 ? "test" : "tests"} from ${file.name}${also}.`, { focus: true }));
}

function fromJSON(view, text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new saved.FileProblem("it is not a JSON file (export one with Export as JSON).");
  }
  return saved.readDocument(document, view.slug, view.title);
}

async function fromCSV(view, text) {
  const names = [...new Set([...view.form.elements].map((control) => control.name).filter(Boolean))];
  const rows = saved.csvRows(text, names, view.title);
  if (!rows.length) throw new saved.FileProblem("it has a header row but no tests.");
  say(view, `Working out the ${rows.length} tests of the file…`);
  const answer = await runTable(view.section, view.slug, saved.squadFile(rows, names));
  if (!answer.ok) throw new saved.FileProblem(answer.message);
  const problems = answer.problems.map((problem) => `line ${rows[Number(problem.athlete) - 1].line}, ${problem.field}: ${problem.message}`);
  if (problems.length) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
    throw new saved.FileProblem(`some values need attention: ${problems.slice(0, 3).join("; ")}${more}.`);
  }
  return answer.rows.map((row) => {
    const { name, saved: when } = rows[Number(row.athlete) - 1];
    return saved.testFrom(row.result, name || dateText(new Date(when)), new Date(when));
  });
}

// ---- every page, including those instant navigation brings; other tabs ------------------------

document.addEventListener(RESULT_EVENT, (event) => {
  const view = views.get(event.target);
  if (view && event.detail?.slug) onResult(view, event.detail);
});

window.addEventListener("storage", (event) => {
  for (const view of views.values()) {
    if (view.cannotSave || !saved.isKeyOf(view.slug, event.key)) continue;
    try {
      view.tests = saved.loadTests(view.slug);
    } catch (problem) {
      view.cannotSave = problem.message;
      showSaveState(view);
      continue;
    }
    showTests(view);
  }
});

function enhanceAll() {
  for (const section of views.keys()) if (!section.isConnected) views.delete(section);
  for (const section of document.querySelectorAll("section.aq-calc[data-calculator]")) {
    if (!views.has(section)) enhanceHistory(section);
  }
}

onEveryPage(enhanceAll);
