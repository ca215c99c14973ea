// Runs a page script's `enhance` for this page, and for every page Material's instant navigation
// brings in after it (Material's `document$`, which also gives the page it is on when subscribed
// to: every `enhance` skips what it has done already).
//
// The site's scripts run before Material's (macros/script_order.py), once the page is parsed, so
// `document$` is there only once Material's script has run too, by DOMContentLoaded; a page
// without Material's script (it failed to load) still gets this page enhanced.

export function onEveryPage(enhance) {
  enhance();
  const follow = () => window.document$?.subscribe(enhance);
  if (window.document$) follow();
  else document.addEventListener("DOMContentLoaded", follow, { once: true });
}
