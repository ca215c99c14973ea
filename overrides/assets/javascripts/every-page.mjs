// What the site's scripts do on every page: on the page loaded, and on each page Material's instant
// navigation brings in, through its `document$`. Material's bundle may run after these scripts
// (partials/material-bundle.html: on a slow phone it waits for a calculator's first result), so
// they subscribe once it has run (`window.aqMaterialRan`); a page without that script has run the
// bundle before them.

export function onEveryPage(enhance) {
  enhance();
  const materialRan = window.aqMaterialRan ?? Promise.resolve();
  materialRan.then(() => window.document$?.subscribe(enhance));
}
