// explore.js: the explorer page (explore.html). Reads the page's data block (every
// scenario's inputs, the evidence, the Monte Carlo's settings and the model),
// recomputes the summary with the report's own model on every change of a control,
// reruns the Monte Carlo in a Web Worker once the reader pauses, keeps the changed
// controls in the address's fragment, draws the cumulative cash flow and the Monte
// Carlo's fan, and offers the shown numbers as CSV.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

// An SVG element with attributes attrs (and text), appended to parent.
function svgEl(parent, name, attrs, text) {
  const n = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  parent.appendChild(n);
  return n;
}

// Steps of 1, 2 or 5 times a power of ten giving about five ticks over [lo, hi].
function ticks(lo, hi) {
  const raw = (hi - lo) / 5 || 1, p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step / 1e6; v += step)
    out.push(Math.round(v / step) * step);
  return out;
}

// Clears svg and draws the frame both charts share: a viewBox, the y grid and ticks
// in US$ billions for values all, the years every five. Returns the scales {x, y}.
function chartFrame(svg, years, all, title) {
  const W = 640, H = 340, L = 64, R = 24, T = 16, B = 40;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  svgEl(svg, "title", {}, title);
  all = all.concat([0]);
  const yt = ticks(Math.min(...all), Math.max(...all));
  const lo = Math.min(yt[0], ...all), hi = Math.max(yt[yt.length - 1], ...all);
  const x = (yr) => L + (yr - years[0]) / (years[years.length - 1] - years[0]) * (W - L - R);
  const y = (v) => T + (hi - v) / (hi - lo) * (H - T - B);
  for (const v of yt) {
    svgEl(svg, "line", { x1: L, x2: W - R, y1: y(v), y2: y(v),
      class: v === 0 ? "explore-zero" : "explore-grid" });
    svgEl(svg, "text", { x: L - 6, y: y(v) + 4, class: "explore-tick", "text-anchor": "end" },
      (v < 0 ? "\u2212$" : "$") + Math.abs(v) + "bn");
  }
  for (const yr of years.filter((yr) => yr % 5 === 0))
    svgEl(svg, "text", { x: x(yr), y: H - B + 18, class: "explore-tick",
      "text-anchor": "middle" }, String(yr));
  return { x, y };
}

// The path data of a line through values over years on scales s.
function linePath(s, years, values) {
  return values.map((v, i) => `${i ? "L" : "M"}${s.x(years[i]).toFixed(1)},` +
    s.y(v).toFixed(1)).join("");
}

// Draws into svg each scenario's cumulative cash flow as a line. data: {years,
// series: [{title, values}]}, US$ billions.
function drawCumulative(svg, data) {
  const { years, series } = data;
  const s = chartFrame(svg, years, series.flatMap((c) => c.values),
    "Cumulative cash flow by scenario, US$ billions, " + years[0] + " to " +
    years[years.length - 1] + ": " + series.map((c) =>
      `${c.title} ends at ${Math.round(c.values[c.values.length - 1])}`).join("; ") + ".");
  series.forEach((c, k) => svgEl(svg, "path", { d: linePath(s, years, c.values),
    class: `explore-line explore-line-${k}` }));
}

// Draws into svg the Monte Carlo's fan: the band from the 5th to the 95th percentile
// of the cumulative cash flow, the band from the 25th to the 75th, the median, and the
// base case at its central inputs. data: {years, p5, p25, p50, p75, p95, base}.
function drawFan(svg, data) {
  const { years } = data, last = years.length - 1;
  const s = chartFrame(svg, years, data.p5.concat(data.p95, data.base),
    `Range of the base case's cumulative cash flow over the Monte Carlo draws, US$ ` +
    `billions: by ${years[last]} nine draws in ten end between ` +
    `${Math.round(data.p5[last])} and ${Math.round(data.p95[last])}, the median at ` +
    `${Math.round(data.p50[last])}, the central inputs at ${Math.round(data.base[last])}.`);
  const band = (lo, hi, cls) => svgEl(svg, "path", { class: cls,
    d: linePath(s, years, hi) + linePath(s, years.slice().reverse(),
      lo.slice().reverse()).replace(/^M/, "L") + "Z" });
  band(data.p5, data.p95, "explore-band-outer");
  band(data.p25, data.p75, "explore-band-inner");
  svgEl(svg, "path", { d: linePath(s, years, data.p50), class: "explore-line explore-line-0" });
  svgEl(svg, "path", { d: linePath(s, years, data.base), class: "explore-line explore-base" });
}

// A figure's key: one item per title, classed explore-key-<k> (after its svg).
function drawKey(fig, titles, cls) {
  let key = fig.querySelector("ul");
  if (!key) key = fig.insertBefore(document.createElement("ul"),
    fig.querySelector("svg").nextSibling);
  key.className = "explore-key";
  key.replaceChildren(...titles.map((t, k) => {
    const li = document.createElement("li");
    li.className = `${cls[k]}`;
    li.textContent = t;
    return li;
  }));
}

(async () => {
  const $ = (id) => document.getElementById(id);
  const form = $("explore-form"), status = $("explore-status");
  const mcStatus = $("explore-mc-status");
  const data = JSON.parse($("explore-data").textContent);
  const controls = [...form.querySelectorAll("input[name]")];
  const defaults = new Map(controls.map((c) => [c.name, c.value]));
  const allCells = [...document.querySelectorAll("[data-metric]")];
  const isMc = (c) => c.dataset.metric.startsWith("mc.");
  const cells = allCells.filter((c) => !isMc(c)), mcCells = allCells.filter(isMc);
  const echoes = [...form.querySelectorAll("output[for]")];
  const labels = new Map([...form.querySelectorAll("label[for]")].map((l) =>
    [l.htmlFor, l.textContent]));
  const names = Object.keys(data.scenarios);
  const curves = names.map((name) => "finance.cumulative@" + name);
  const series = (m) => m.replace(/\[\d+\]$/, "");
  const want = [...new Set(cells.map((c) => series(c.dataset.metric)).concat(curves))];
  const shown = new Map(); // metric -> {value, text} as the page shows it
  let model, worker = null, mcSent = 0, mcTimer = 0, mcLast = null, started = false;

  // A figure's <svg>, made once; the drawing functions redraw inside it.
  const chartSvg = (id) => {
    const fig = $(id);
    if (!fig) return null;
    const svg = document.createElementNS(SVG, "svg");
    fig.insertBefore(svg, fig.firstChild);
    return svg;
  };
  const cumSvg = chartSvg("explore-chart"), fanSvg = chartSvg("explore-fan");

  try {
    const bytes = Uint8Array.from(atob(data.model), (ch) => ch.charCodeAt(0));
    const mod = await WebAssembly.compile(bytes);
    model = await mkrModel(mod);
    if (data.mc) worker = startWorker(mod);
  } catch (e) {
    status.textContent = "This browser could not run the model (" + e.message +
      "); the numbers shown are the report's own.";
    return;
  }

  // The Monte Carlo's worker (model.js in a Web Worker), or null where the browser
  // refuses one (a page opened as a file): the page's thread runs it then.
  function startWorker(mod) {
    let w;
    try {
      w = new Worker("model.js");
    } catch (e) {
      return null;
    }
    w.onmessage = (e) => mcDone(e.data, e.data.ms);
    w.onerror = () => { worker = null; mcRun(); };
    w.postMessage({ module: mod });
    return w;
  }

  // Sets the value v of control c (its name says where) in the request req.
  function setInput(req, c, v) {
    const parts = c.name.split(".");
    if (parts[0] === "evidence" && req.evidence) {
      const ev = req.evidence.find((e) => e.id === parts[1]);
      if (ev) ev.likelihood[parts[3]] = v;
      return;
    }
    const s = req.scenarios[parts[0]];
    if (parts.length === 2 && parts[1] === "probability") s.probability = v;
    else if (parts.length === 3) s.inputs[parts[1]][Number(parts[2]) - s.inputs.start_year] = v;
    else s.inputs[parts[1]] = v;
  }

  // The request for the model: the report's inputs with the controls' values, and
  // the weights rescaled to add up to 1. Throws with a reader's message if a control
  // holds no number.
  function request() {
    const req = { scenarios: {}, want };
    for (const [name, s] of Object.entries(data.scenarios))
      req.scenarios[name] = { probability: s.probability,
        inputs: JSON.parse(JSON.stringify(s.inputs)) };
    if (data.evidence) req.evidence = JSON.parse(JSON.stringify(data.evidence));
    for (const c of controls) {
      if (c.value === defaults.get(c.name)) continue; /* the data's exact value */
      const v = Number(c.value);
      const label = labels.get(c.id);
      if (c.value.trim() === "" || !Number.isFinite(v))
        throw new Error(`“${label}” needs a number.`);
      if (v < Number(c.min) || v > Number(c.max))
        throw new Error(`“${label}” must be from ${c.min} to ${c.max}.`);
      setInput(req, c, v);
    }
    const weighted = Object.values(req.scenarios).filter((s) => s.probability !== null);
    const total = weighted.reduce((a, s) => a + s.probability, 0);
    if (!(total > 0)) throw new Error("At least one weight must be above 0.");
    for (const s of weighted) s.probability /= total;
    return req;
  }

  // The value and text of metric name ("x@s" or a series' year "x@s[2030]") in out.
  function pick(out, name, unit) {
    const m = out[series(name)], yr = name.match(/\[(\d+)\]$/);
    if (!m || !yr) return m;
    const i = m.years.indexOf(Number(yr[1]));
    return i < 0 ? undefined : { value: m.values[i],
      text: m.values[i] === null ? "n/a" : model.format(m.values[i], unit) };
  }

  // Shows out's numbers in cells.
  function fill(list, out) {
    for (const c of list) {
      const m = pick(out, c.dataset.metric, c.dataset.unit);
      c.textContent = m ? m.text : "n/a";
      shown.set(c.dataset.metric, m);
    }
  }

  // The Monte Carlo's answer (from the worker or this thread): shown if it is the
  // latest request's.
  function mcDone(a, ms) {
    if (a.id !== mcSent) return;
    if (a.error) {
      delete mcStatus.dataset.busy;
      mcStatus.textContent = "The Monte Carlo refused the inputs: " + a.error;
      return;
    }
    delete mcStatus.dataset.busy;
    fill(mcCells, a.out);
    const sc = data.mc.scenario, p = (k) => a.out[`mc.cumulative.${k}@${sc}`].values;
    drawFan(fanSvg, { years: a.out[`mc.cumulative.p50@${sc}`].years, p5: p("p5"),
      p25: p("p25"), p50: p("p50"), p75: p("p75"), p95: p("p95"), base: mcLast.base });
    drawKey($("explore-fan"), ["Median draw", data.scenarios[sc].title +
      " at its central inputs", "Middle half of the draws", "Nine draws in ten"],
      ["explore-key-0", "explore-key-base", "explore-key-inner", "explore-key-outer"]);
    mcStatus.textContent = `Monte Carlo: ${a.out["mc.draws"].text} draws in ` +
      `${ms.toFixed(0)} ms` + (worker ? " in a background thread." : ".");
    mcStatus.dataset.ms = ms.toFixed(2);
    mcStatus.dataset.updates = String(Number(mcStatus.dataset.updates || 0) + 1);
  }

  // Runs the latest Monte Carlo request (mcLast) in the worker or, without one, here.
  function mcRun() {
    mcTimer = 0;
    const id = ++mcSent;
    mcStatus.textContent = "Recomputing the Monte Carlo\u2026";
    if (worker) {
      worker.postMessage({ id, req: mcLast.req });
      return;
    }
    const t0 = performance.now();
    try {
      mcDone({ id, out: model.mc(mcLast.req) }, performance.now() - t0);
    } catch (e) {
      mcDone({ id, error: e.message.replace(/^model: /, "") }, 0);
    }
  }

  // What waits for the reader to pause: the address's fragment (state s; Chromium's
  // history.replaceState takes milliseconds) and the Monte Carlo for the request req
  // and the deterministic answer out. At once the first time, then after 150 ms.
  function onPause(s, req, out) {
    const url = () => history.replaceState(null, "",
      s ? "#" + s : location.pathname + location.search);
    clearTimeout(mcTimer);
    if (data.mc) {
      const sc = data.mc.scenario;
      mcLast = { req: Object.assign({}, data.mc, { inputs: req.scenarios[sc].inputs }),
        base: out["finance.cumulative@" + sc].values };
      mcStatus.dataset.busy = "1";
    }
    const run = () => { url(); if (data.mc) mcRun(); };
    if (!started) run();
    else mcTimer = setTimeout(run, 150);
    started = true;
  }

  // The changed controls as "name=value&...", for the address's fragment.
  function state() {
    return controls.filter((c) => c.value !== defaults.get(c.name))
      .map((c) => encodeURIComponent(c.name) + "=" + encodeURIComponent(c.value)).join("&");
  }

  // Sets the controls from a fragment written by state(); unknown names are ignored.
  function restore(hash) {
    const byName = new Map(controls.map((c) => [c.name, c]));
    for (const c of controls) c.value = defaults.get(c.name);
    for (const part of hash.replace(/^#/, "").split("&")) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      const c = byName.get(decodeURIComponent(part.slice(0, eq)));
      if (c) c.value = decodeURIComponent(part.slice(eq + 1));
    }
  }

  function update() {
    const t0 = performance.now();
    let req, out;
    try {
      req = request();
      out = model.report(req);
      drawCumulative(cumSvg, { years: out[curves[0]].years, series: names.map((n, k) =>
        ({ title: data.scenarios[n].title, values: out[curves[k]].values })) });
    } catch (e) {
      status.textContent = e.message.replace(/^model: /, "The model refused the inputs: ");
      return;
    }
    drawKey($("explore-chart"), names.map((n) => data.scenarios[n].title),
      names.map((n, k) => `explore-key-${k}`));
    fill(cells, out);
    for (const o of echoes) { /* only the controls that changed since the last update */
      const c = $(o.htmlFor.value);
      if (o.dataset.shown === c.value) continue;
      o.textContent = model.format(Number(c.value), o.dataset.unit);
      o.dataset.shown = c.value;
    }
    const s = state();
    const ms = performance.now() - t0;
    status.textContent = (s ? "Recomputed with your assumptions" :
      "The report's own assumptions") + ` (${ms.toFixed(1)} ms in your browser).`;
    status.dataset.ms = ms.toFixed(2);
    status.dataset.updates = String(Number(status.dataset.updates || 0) + 1);
    onPause(s, req, out);
  }

  // The shown numbers (every cell with a metric) and the controls as CSV text.
  function csv() {
    const q = (s) => /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    const lines = ["metric,value,text"];
    for (const c of allCells) {
      const m = shown.get(c.dataset.metric);
      lines.push([c.dataset.metric, m && m.value !== null ? String(m.value) : "",
        c.textContent].map(q).join(","));
    }
    for (const c of controls) lines.push([c.name, c.value, c.value].map(q).join(","));
    return lines.join("\r\n") + "\r\n";
  }

  form.addEventListener("input", update);
  $("explore-reset").addEventListener("click", () => { restore(""); update(); });
  $("explore-csv").addEventListener("click", () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv" }));
    a.download = "explore.csv";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  window.addEventListener("hashchange", () => { restore(location.hash); update(); });
  restore(location.hash);
  update();
})();
