// Share and print a calculator's result, from the buttons under it (calculator-actions.html).
//
// The page's address holds the reader's inputs (calculators.js writes them as they type, and a
// shared address opens the same result), so sharing is sharing the address, pointed at the
// calculator: the device's own share sheet (the Web Share API) where there is one, else the link
// copied to the clipboard, else a field holding the link, selected, to copy by hand. Each way ends
// with a visible line saying what happened, which screen readers hear too (role="status").
// Print prints this calculator alone, its inputs and its result (print.css).

import { onEveryPage } from "./every-page.mjs";

const SAID = {
  shared: "Shared: whoever opens the link sees this result, worked out from the same values.",
  copied: "Link copied: paste it anywhere to share this result. Whoever opens it sees the same values.",
  select: "Copy the link below (it is selected): whoever opens it sees this result.",
};

function enhanceShare(section) {
  const part = (name) => section.querySelector(`.${name}`);
  const share = part("aq-calc__share");
  const print = part("aq-calc__print");
  if (!share || !print) return;
  share.hidden = false;
  print.hidden = false;
  share.addEventListener("click", () => shareResult(section));
  print.addEventListener("click", () => printAlone(section, "aq-calc-print", "aq-calc--printing"));
}

// The address with the reader's inputs, ending at this calculator.
function addressOf(section) {
  const url = new URL(location.href);
  url.hash = section.id;
  return url.href;
}

async function shareResult(section) {
  const url = addressOf(section);
  const note = section.querySelector(".aq-calc__note");
  const title = section.querySelector(".aq-calc__title")?.textContent.trim() || document.title;
  if (navigator.share && navigator.canShare?.({ url }) !== false) {
    try {
      await navigator.share({ title, url });
      note.textContent = SAID.shared;
      return;
    } catch (error) {
      if (error?.name === "AbortError") return; // the reader closed the share sheet
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    section.querySelector(".aq-calc__share-link").hidden = true;
    note.textContent = SAID.copied;
  } catch {
    showLink(section, url); // no clipboard here (an older browser, or a page not served over https)
    note.textContent = SAID.select;
  }
}

function showLink(section, url) {
  const holder = section.querySelector(".aq-calc__share-link");
  const field = holder.querySelector("input");
  field.value = url;
  holder.hidden = false;
  field.focus();
  field.select();
}

// Print `section` alone, without the rest of the page: while the browser prints, the page has
// `pageClass` and the section `sectionClass`, which print.css reads (a calculator's result here,
// a squad's table in squad.js).
export function printAlone(section, pageClass, sectionClass) {
  document.documentElement.classList.add(pageClass);
  section.classList.add(sectionClass);
  window.addEventListener(
    "afterprint",
    () => {
      document.documentElement.classList.remove(pageClass);
      section.classList.remove(sectionClass);
    },
    { once: true },
  );
  window.print();
}

// Every <details> prints open: Material opens, for printing, each one of the page it set up (a
// form's groups, and the sources of a result that is the worked example the page came with). An
// optional group of a calculator's form with nothing typed in it is left off the paper (print.css),
// one with values is printed with them; a result's sources the reader has not opened print as
// their one line. Marked here, before Material opens them: this script's listener comes first.
function markWhatPrintsFolded() {
  for (const group of document.querySelectorAll("section.aq-calc form details")) {
    const typed = [...group.querySelectorAll("input[type=text]")].some((field) => field.value.trim() !== "");
    group.toggleAttribute("data-print-empty", !typed);
  }
  for (const sources of document.querySelectorAll("section.aq-calc .aq-calc__result details")) {
    sources.toggleAttribute("data-print-folded", !sources.open);
  }
}

window.addEventListener("beforeprint", markWhatPrintsFolded);
window.addEventListener("afterprint", () => {
  for (const marked of document.querySelectorAll("[data-print-empty], [data-print-folded]")) {
    marked.removeAttribute("data-print-empty");
    marked.removeAttribute("data-print-folded");
  }
});

function enhanceAll() {
  for (const section of document.querySelectorAll("section.aq-calc[data-calculator]:not([data-share])")) {
    section.dataset.share = "";
    enhanceShare(section);
  }
}

onEveryPage(enhanceAll);
