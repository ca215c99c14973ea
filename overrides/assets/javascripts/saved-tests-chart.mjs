// The reader's saved tests over time, as inline SVG line charts: one chart per unit, so numbers
// that count the same thing share an axis (Strength Balance out of 100 in one chart, the four
// contributors' scores in the next; speed in m/s apart from steps/s). Each chart names itself and
// lists every value in its text alternative (<title> and <desc>), and needs no inline style:
// colours come from classes (history.css), and each line has its own dash pattern and marker too,
// so the lines differ by more than their colour.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 360;
const HEIGHT = 170;
const PLOT = { left: 40, right: 12, top: 14, bottom: 30 };
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2"];
const MARKERS = ["circle", "square", "diamond", "triangle", "circle"];

// One chart per unit: [{unit, series: [{name, points: [{test, value}]}]}], in the order the
// figures first appear.
export function chartGroups(tests) {
  const groups = new Map();
  for (const test of tests) {
    for (const { name, value, unit } of test.figures) {
      if (!groups.has(unit)) groups.set(unit, new Map());
      const series = groups.get(unit);
      if (!series.has(name)) series.set(name, []);
      series.get(name).push({ test, value });
    }
  }
  return [...groups].map(([unit, series]) => ({
    unit,
    series: [...series].map(([name, points]) => ({ name, points })),
  }));
}

// A "nice" axis from the values: about four steps of 1, 2, 2.5 or 5 times a power of ten.
function niceAxis(values) {
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high - low < 1e-9) {
    const pad = Math.abs(high) * 0.1 || 1;
    [low, high] = [low - pad, high + pad];
  }
  const rough = (high - low) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((each) => each * power).find((each) => each >= rough);
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks = [];
  for (let tick = start; tick <= end + step / 1e6; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return { low: start, high: end, ticks };
}

function svgElement(tag, attributes = {}, text = "") {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text) element.textContent = text;
  return element;
}

function marker(shape, x, y, className) {
  const size = 3.5;
  if (shape === "circle") return svgElement("circle", { cx: x, cy: y, r: size, class: className });
  if (shape === "square") return svgElement("rect", { x: x - size, y: y - size, width: 2 * size, height: 2 * size, class: className });
  const points =
    shape === "diamond"
      ? [[x, y - size - 1], [x + size + 1, y], [x, y + size + 1], [x - size - 1, y]]
      : [[x, y - size - 1], [x + size + 1, y + size], [x - size - 1, y + size]];
  return svgElement("polygon", { points: points.map((point) => point.join(",")).join(" "), class: className });
}

const round = (value) => Math.round(value * 10) / 10;

// One <figure> per unit: the chart, and its legend as a list (a line sample and each name).
export function charts(tests, { idPrefix, dateOf }) {
  return chartGroups(tests).map((group, number) => chart(group, tests, `${idPrefix}-${number + 1}`, dateOf));
}

function chart({ unit, series }, tests, id, dateOf) {
  const names = series.map((each) => each.name);
  const axis = niceAxis(series.flatMap((each) => each.points.map((point) => point.value)));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (test) => PLOT.left + (tests.length === 1 ? plotWidth / 2 : (tests.indexOf(test) / (tests.length - 1)) * plotWidth);
  const y = (value) => PLOT.top + plotHeight - ((value - axis.low) / (axis.high - axis.low)) * plotHeight;

  const title = `${names.join(", ")} (${unit}), over your ${tests.length === 1 ? "saved test" : `${tests.length} saved tests`}`;
  const description = series
    .map((each) => `${each.name}: ${each.points.map((point) => `${point.value} on ${dateOf(point.test)}`).join(", ")}.`)
    .join(" ");
  const svg = svgElement("svg", {
    class: "aq-history-chart__svg",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: "100%",
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    focusable: "false",
  });
  svg.append(svgElement("title", { id: `${id}-title` }, title), svgElement("desc", { id: `${id}-desc` }, description));

  for (const tick of axis.ticks) {
    svg.append(
      svgElement("line", { x1: PLOT.left, x2: WIDTH - PLOT.right, y1: round(y(tick)), y2: round(y(tick)), class: "aq-history-chart__grid" }),
      svgElement("text", { x: PLOT.left - 5, y: round(y(tick)) + 3.5, "text-anchor": "end", class: "aq-history-chart__tick" }, String(tick)),
    );
  }
  // Dates under the first and the last test (and the middle one, when there is room).
  const labelled = [...new Set([tests[0], tests[Math.floor((tests.length - 1) / 2)], tests.at(-1)])];
  for (const test of tests.length > 2 ? labelled : tests) {
    const anchor = tests.length === 1 ? "middle" : test === tests[0] ? "start" : test === tests.at(-1) ? "end" : "middle";
    svg.append(svgElement("text", { x: round(x(test)), y: HEIGHT - 10, "text-anchor": anchor, class: "aq-history-chart__tick" }, dateOf(test)));
  }
  series.forEach((each, index) => {
    const className = `aq-history-chart__series aq-history-chart__series--${(index % DASHES.length) + 1}`;
    const points = each.points.map((point) => [round(x(point.test)), round(y(point.value))]);
    if (points.length > 1) {
      const line = svgElement("polyline", { points: points.map((point) => point.join(",")).join(" "), class: `${className} aq-history-chart__line`, fill: "none" });
      if (DASHES[index % DASHES.length]) line.setAttribute("stroke-dasharray", DASHES[index % DASHES.length]);
      svg.append(line);
    }
    for (const [px, py] of points) svg.append(marker(MARKERS[index % MARKERS.length], px, py, `${className} aq-history-chart__marker`));
  });

  const figure = document.createElement("figure");
  figure.className = "aq-history-chart";
  const caption = document.createElement("figcaption");
  caption.textContent = `${names.join(", ")}: ${unit}`;
  const legend = document.createElement("ul");
  legend.className = "aq-history-chart__legend";
  legend.setAttribute("aria-hidden", "true"); // the chart's own text alternative names every line
  series.forEach((each, index) => {
    const item = document.createElement("li");
    const sample = svgElement("svg", { viewBox: "0 0 28 10", width: "28", height: "10", focusable: "false" });
    const className = `aq-history-chart__series aq-history-chart__series--${(index % DASHES.length) + 1}`;
    const line = svgElement("line", { x1: 1, x2: 27, y1: 5, y2: 5, class: `${className} aq-history-chart__line` });
    if (DASHES[index % DASHES.length]) line.setAttribute("stroke-dasharray", DASHES[index % DASHES.length]);
    sample.append(line, marker(MARKERS[index % MARKERS.length], 14, 5, `${className} aq-history-chart__marker`));
    item.append(sample, ` ${each.name}`);
    legend.append(item);
  });
  figure.append(svg, ...(series.length > 1 ? [legend] : []), caption);
  return figure;
}
