// Coach mode: a squad's spreadsheet through a calculator, on the reader's own device.
//
// Each <section class="aq-squad"> (written by the squad(...) macro) takes a CSV file — chosen,
// dropped, or pasted from a spreadsheet — and hands its text to the calculators' worker, the same
// one the page's calculators use (calculators.js: runTable), where Python's calculators.run_table
// works out every athlete. This script only shows what Python answered: the problems with their
// line and column, the squad at a glance, and a table sortable by any column whose rows link to
// each athlete's full result. The file is never sent anywhere.

import { runTable } from "./calculators.js";
import { printAlone } from "./share.mjs";
import { onEveryPage } from "./every-page.mjs";

const MAX_FILE_BYTES = 5_000_000; // as calculators/core/squad.py: far more than a squad needs
const RESULT_EVENT = "aq-squad:result"; // on the section once a table is all shown, or a file refused (tests, benchmark)

function enhanceSquad(section) {
  const choices = JSON.parse(section.dataset.choices);
  const part = (name) => section.querySelector(`.aq-squad__${name}`);
  const view = { section, choices, slug: choices[0].slug, answer: null, sort: { column: -1, descending: false } };
  const status = part("status");

  const choose = part("calculator");
  choose?.addEventListener("change", () => {
    view.slug = choose.value;
    const choice = chosen(view);
    part("template").href = choice.template;
    part("template").download = `${choice.slug}-squad.csv`;
    clear(view);
  });

  const file = part("file");
  file.addEventListener("change", () => file.files[0] && readFile(view, file.files[0]));
  const drop = part("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("aq-squad__drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("aq-squad__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("aq-squad__drop--over");
    const dropped = event.dataTransfer?.files?.[0];
    if (dropped) readFile(view, dropped);
  });
  part("run").addEventListener("click", () => work(view, part("rows").value, "the pasted rows"));
  part("export").addEventListener("click", () => download(view));
  part("print").addEventListener("click", () => printAlone(view.section, "aq-squad-print", "aq-squad--printing"));
  view.status = (text) => {
    status.textContent = text;
  };
}

const chosen = (view) => view.choices.find((choice) => choice.slug === view.slug);

async function readFile(view, file) {
  if (file.size > MAX_FILE_BYTES) {
    clear(view);
    view.status(
      `${file.name} is ${(file.size / 1_000_000).toFixed(0)} MB, more than a squad's file needs ` +
        `(${MAX_FILE_BYTES / 1_000_000} MB): check that it is the right file, or split it.`,
    );
    return;
  }
  work(view, await file.text(), file.name);
}

async function work(view, text, what) {
  clear(view);
  view.status(`Working out ${what}…`);
  let answer;
  try {
    answer = await runTable(view.section, view.slug, text);
  } catch (problem) {
    view.status(`The squad could not be worked out: ${problem.message}. Try again.`);
    return;
  }
  view.answer = answer;
  if (!answer.ok) {
    view.status(answer.message);
    view.section.dispatchEvent(new CustomEvent(RESULT_EVENT, { bubbles: true, detail: { ok: false } }));
  } else {
    const worked = answer.rows.filter((row) => row.result.ok).length;
    view.status(
      `${worked} of ${answer.rows.length} athletes worked out` +
        (answer.problems.length ? `; ${answer.problems.length} values need attention (listed below).` : "."),
    );
    showProblems(view);
    view.section.querySelector(".aq-squad__overview-slot").innerHTML = answer.summary_html;
    showTable(view);
    view.section.querySelector(".aq-squad__actions").hidden = false;
  }
}

function clear(view) {
  view.answer = null;
  for (const name of ["problems", "overview-slot", "table"]) view.section.querySelector(`.aq-squad__${name}`).replaceChildren();
  view.section.querySelector(".aq-squad__actions").hidden = true;
}

function element(tag, text = "", attributes = {}) {
  const made = document.createElement(tag);
  made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

const PROBLEMS_LISTED = 200; // a file with thousands of mistakes is one to fix at its source

function showProblems(view) {
  const { problems } = view.answer;
  if (!problems.length) return;
  const list = element("ul", "", { class: "aq-squad__problem-list" });
  for (const problem of problems.slice(0, PROBLEMS_LISTED)) {
    const where = `Line ${problem.line}` + (problem.column ? `, column ${problem.column} (${problem.header})` : "");
    const who = problem.athlete ? `, ${problem.athlete}` : "";
    list.append(element("li", `${where}${who}: ${problem.message}`));
  }
  const more = problems.length - PROBLEMS_LISTED;
  if (more > 0) list.append(element("li", `… and ${more} more: the table marks every row to fix.`));
  view.section.querySelector(".aq-squad__problems").replaceChildren(element("h4", "Values to fix"), list);
}

// ---- the table ----------------------------------------------------------------------------------

function labels(answer) {
  return [...new Set(answer.rows.flatMap((row) => Object.keys(row.result.summary)))];
}

function cells(figureLabels, row) {
  const figures = figureLabels.map((label) => row.result.summary[label] ?? "");
  const state = row.result.ok ? "" : `${Object.keys(row.result.errors).length} to fix`;
  return [String(row.line), row.athlete, ...figures, state];
}

// Numbers sort as numbers ("9.5 m/s" before "10.1 m/s"), words as words; empty cells last.
function compare(a, b) {
  const number = (text) => Number.parseFloat(text.replace("\u2212", "-"));
  if (a === "" || b === "") return (a === "") - (b === "");
  const [x, y] = [number(a), number(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a.localeCompare(b) : x - y;
}

function showTable(view) {
  const figureLabels = labels(view.answer);
  const headings = ["Line", "Athlete", ...figureLabels, "Problems"];
  const rows = view.answer.rows.map((row) => ({ row, cells: cells(figureLabels, row) }));
  const { column, descending } = view.sort;
  if (column >= 0) {
    rows.sort((a, b) => compare(a.cells[column], b.cells[column]) * (descending ? -1 : 1));
  }
  const table = element("table", "", { class: "aq-table aq-squad__results" });
  table.append(element("caption", `Each athlete's ${chosen(view).title} (select a heading to sort)`));
  const head = element("tr");
  headings.forEach((heading, index) => {
    const th = element("th", "", { scope: "col" });
    if (index === column) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    const button = element("button", heading, { type: "button", class: "aq-squad__sort" });
    button.addEventListener("click", () => {
      view.sort = { column: index, descending: index === column ? !descending : false };
      showTable(view);
      view.section.querySelectorAll(".aq-squad__sort")[index].focus();
    });
    th.append(button);
    head.append(th);
  });
  table.append(element("thead"), element("tbody"));
  table.tHead.append(head);
  const wrap = element("div", "", { class: "aq-table-wrap" });
  wrap.append(table);
  view.section.querySelector(".aq-squad__table").replaceChildren(wrap);
  fillRows(view, table.tBodies[0], rows);
}

// The rows go in a few hundred at a time, one batch a frame, so that a squad of thousands never
// holds up the page (scrolling, typing) while its table is built.
const ROWS_PER_FRAME = 200;

async function fillRows(view, body, rows) {
  const drawing = (view.drawing = Symbol("table")); // a newer table (a sort, a new file) stops this one
  for (let start = 0; start < rows.length; start += ROWS_PER_FRAME) {
    if (start) await new Promise((resolve) => requestAnimationFrame(resolve));
    if (view.drawing !== drawing) return;
    const batch = document.createDocumentFragment();
    for (const { row, cells: texts } of rows.slice(start, start + ROWS_PER_FRAME)) {
      const tr = element("tr", "", row.result.ok ? {} : { class: "aq-squad__row--problem" });
      texts.forEach((text, index) => {
        const cell = element(index === 1 ? "th" : "td", "", index === 1 ? { scope: "row" } : {});
        if (index === 1 && chosen(view).page) cell.append(linkToFullResult(view, row, text || `Line ${row.line}`));
        else cell.textContent = text;
        tr.append(cell);
      });
      batch.append(tr);
    }
    body.append(batch);
  }
  view.section.dispatchEvent(new CustomEvent(RESULT_EVENT, { bubbles: true, detail: { ok: true } }));
}

// The athlete's values in the single calculator's shareable address (?SLUG.v=SCHEMA&SLUG.NAME=VALUE).
function linkToFullResult(view, row, text) {
  const choice = chosen(view);
  const query = new URLSearchParams({ [`${choice.slug}.v`]: String(choice.schema) });
  for (const [name, value] of Object.entries(row.result.values)) {
    if (value !== "") query.set(`${choice.slug}.${name}`, value);
  }
  const url = new URL(choice.page, document.baseURI);
  url.search = query.toString();
  url.hash = choice.slug;
  return element("a", text, { href: url.href, title: `${text}: the full result` });
}

// ---- export and print ---------------------------------------------------------------------------

function download(view) {
  const blob = new Blob([view.answer.results_csv], { type: "text/csv;charset=utf-8" });
  const link = element("a", "", { href: URL.createObjectURL(blob), download: `${view.slug}-squad-results.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

// ---- every page, including those instant navigation brings ---------------------------------

function enhanceAll() {
  for (const section of document.querySelectorAll("section.aq-squad:not([data-enhanced])")) {
    section.dataset.enhanced = "";
    enhanceSquad(section);
  }
}

onEveryPage(enhanceAll);
