//# allFunctionsCalledOnLoad
// (V8's compile hint, as calculators.js explains.)
// A new result shown by changing what differs in the one already on the page, not by replacing it.
//
// Results of one calculator are mostly the same HTML with other numbers in it, so a new result
// changes a few texts and attributes, and the nodes, their styles and their layout stay. Replacing
// the whole result (innerHTML) on every keystroke made Chromium's heap for the page's nodes (Oilpan)
// grow by 5 to 9 MB per 1,000 results, never given back while the page stayed open (README, Speed:
// memory over a long session). Where the shape differs (a message instead of the result, a row
// more), the part that differs is replaced.

// Make `target`'s children look like `fresh`'s (a DocumentFragment, e.g. a <template>'s content),
// whose nodes may be moved into `target`.
export function updateChildren(target, fresh) {
  const now = target.childNodes;
  const wanted = fresh.childNodes;
  if (now.length !== wanted.length || [...now].some((node, index) => !sameKind(node, wanted[index]))) {
    target.replaceChildren(...wanted);
    return;
  }
  for (let index = 0; index < now.length; index++) updateNode(now[index], wanted[index]);
}

function sameKind(node, other) {
  return node.nodeType === other.nodeType && node.nodeName === other.nodeName;
}

function updateNode(node, wanted) {
  if (node.nodeType !== Node.ELEMENT_NODE) {
    if (node.nodeValue !== wanted.nodeValue) node.nodeValue = wanted.nodeValue; // text, comment
    return;
  }
  // Most of a new result is the same as the one shown (its labels, headings, the parts of its
  // tables a change leaves alone): the browser's own comparison passes over those at once, where
  // walking them here, attribute by attribute, took about half of the time (a Strength Balance
  // result with the processor slowed 4x: 3.4-4.5 ms instead of 6.3-7.5).
  if (node.isEqualNode(wanted)) return;
  for (const attribute of [...node.attributes]) {
    if (!wanted.hasAttributeNS(attribute.namespaceURI, attribute.localName)) node.removeAttributeNode(attribute);
  }
  for (const { namespaceURI, localName, name, value } of wanted.attributes) {
    if (node.getAttributeNS(namespaceURI, localName) !== value) node.setAttributeNS(namespaceURI, name, value);
  }
  updateChildren(node, wanted);
}
