// explore.js: the explorer page (explore.html). Reads the page's data block (every
// scenario's inputs, the evidence, the Monte Carlo's settings and the model),
// recomputes the summary with the report's own model on every change of a control,
// reruns the Monte Carlo in a Web Worker once the reader pauses, keeps the changed
// controls in the address's fragment, draws the cumulative cash flow and the Monte
// Carlo's fan with the report's own chart code (compiled to WebAssembly with the
// model), and offers the shown numbers as CSV.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

// What chart spec shows, in words, for its <desc>: where each band and line ends (the
// report's alt text describes the report's numbers, not the reader's). fmt formats a
// value of the value axis.
function describe(spec, fmt) {
  const end = (a) => a[a.length - 1];
  return spec.fans.map((b) => `${b.label || "The range"}: by ${end(b.years)} nine in ` +
    `ten between ${fmt(end(b.p[0]))} and ${fmt(end(b.p[4]))}, half between ` +
    `${fmt(end(b.p[1]))} and ${fmt(end(b.p[3]))}, the median at ${fmt(end(b.p[2]))}`)
    .concat(spec.series.map((s) => `${s.label}: ${fmt(end(s.vals))} in ${end(s.years)}`))
    .join("; ") + ".";
}

// The spec of the report's chart c (an entry of the page's explore-charts: its spec,
// the metric behind each series, fan and annotation, its phone variant) with the
// values of out (the model's answer: {years, values} or {value} by metric name) in
// place of the report's, in the variant the report's <picture> would show (dark:
// a dark colour scheme; narrow: a phone's width). A fan's name gives its percentiles
// (mc.cumulative@base: mc.cumulative.p5@base...). An annotation whose metric has no
// value (a payback that never comes) is left out; values out lacks stay the report's.
function chartSpec(c, out, dark, narrow) {
  const spec = JSON.parse(JSON.stringify(c.spec));
  const at = (m, years) => years.map((y) => m.values[m.years.indexOf(y)] ?? null);
  spec.series.forEach((s, i) => {
    const m = out[c.sources.series[i]];
    if (m && m.years) s.vals = at(m, s.years);
  });
  spec.fans.forEach((f, i) => {
    const [base, scen] = (c.sources.fans[i] || "").split("@");
    f.p = ["p5", "p25", "p50", "p75", "p95"].map((q, k) => {
      const m = out[`${base}.${q}@${scen}`];
      return m && m.years ? at(m, f.years) : f.p[k];
    });
  });
  spec.annots = spec.annots.filter((a, i) => {
    const name = c.sources.annots[i];
    if (!name) return true;
    const m = out[name];
    if (!m || typeof m.value !== "number") return false;
    if (a.kind === "vline") a.x = m.value;
    else a.y = m.value;
    return true;
  });
  spec.dark = dark;
  if (narrow) Object.assign(spec, { width: c.narrow.width, height: c.narrow.height });
  return spec;
}

// Draws spec into svg (its attributes and children replaced) with the report's own
// chart code compiled to WebAssembly (model.chart: SVG text, parsed as XML, never as
// HTML), described in the reader's numbers.
function drawChart(svg, model, spec) {
  spec.alt = describe(spec, (v) => model.format(v, spec.y.unit));
  const doc = new DOMParser().parseFromString(model.chart(spec), "image/svg+xml");
  const root = doc.documentElement;
  for (const a of [...svg.attributes]) svg.removeAttribute(a.name);
  for (const a of root.attributes) svg.setAttribute(a.name, a.value);
  svg.replaceChildren(...[...root.childNodes].map((n) => document.importNode(n, true)));
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
  const charts = JSON.parse($("explore-charts").textContent);
  const sources = Object.values(charts).flatMap((c) => c.sources.series.concat(
    c.sources.annots)).filter((name) => name && !name.startsWith("mc."));
  const series = (m) => m.replace(/\[\d+\]$/, "");
  const want = [...new Set(cells.map((c) => series(c.dataset.metric)).concat(sources))];
  const shown = new Map(); // metric -> {value, text} as the page shows it
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const narrow = (c) => matchMedia(c.narrow.media).matches;
  let model, worker = null, mcSent = 0, mcTimer = 0, mcLast = null, started = false;
  let mcOut = null; // the Monte Carlo's last answer, with the base case's line

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

  // Draws the cumulative cash flow of every scenario, the report's chart "cumulative",
  // with the model's answer out.
  function drawCumulative(out) {
    if (cumSvg && charts.cumulative)
      drawChart(cumSvg, model, chartSpec(charts.cumulative, out, dark.matches,
        narrow(charts.cumulative)));
  }

  // Draws the Monte Carlo's fan, the report's chart "npv-fan", with its last answer
  // (until the first, the report's own draws).
  function drawFan() {
    if (fanSvg && charts["npv-fan"])
      drawChart(fanSvg, model, chartSpec(charts["npv-fan"], mcOut || {}, dark.matches,
        narrow(charts["npv-fan"])));
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
    mcOut = Object.assign({}, a.out, mcLast.base);
    try {
      drawFan();
    } catch (e) {
      mcStatus.textContent = "The chart refused the draws: " + e.message;
      return;
    }
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
      const line = "finance.cumulative@" + sc; // the fan's line at the central inputs
      mcLast = { req: Object.assign({}, data.mc, { inputs: req.scenarios[sc].inputs }),
        base: { [line]: out[line] } };
      mcStatus.dataset.busy = "1";
      mcSent++; /* an answer still on its way is for older inputs: not shown */
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
      drawCumulative(out);
    } catch (e) {
      status.textContent = e.message.replace(/^model: /, "The model refused the inputs: ");
      return;
    }
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
  const redraw = () => { update(); drawFan(); }; /* the charts' variant follows the screen */
  for (const q of [dark].concat(Object.values(charts).map((c) => matchMedia(c.narrow.media))))
    q.addEventListener("change", redraw);
  restore(location.hash);
  drawFan();
  update();
})();
