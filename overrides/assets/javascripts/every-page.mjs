//# allFunctionsCalledOnLoad
// (V8's compile hint, as calculators.js explains.)
// What the site's scripts do on every page: on the page loaded, and on each page Material's instant
// navigation brings in, through its `document$`. Material's bundle runs after these scripts
// (partials/material-bundle.html: at DOMContentLoaded, or once a calculator's first result shows),
// so they subscribe once it has run (`window.aqMaterialRan`; a page without that script ran the
// bundle before them), and in a task of their own: the one that settles it also does Material's
// DOMContentLoaded work, 0.1-0.2 s on a slow phone.

export function onEveryPage(enhance) {
  enhance();
  const materialRan = window.aqMaterialRan ?? Promise.resolve();
  materialRan.then(() => setTimeout(() => window.document$?.subscribe(enhance)));
}
