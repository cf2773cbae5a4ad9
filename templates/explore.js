// explore.js: the explorer page (explore.html). Reads the page's data block (every
// scenario's inputs and the model), recomputes the summary with the report's own model
// on every change of a control, keeps the changed controls in the address's fragment,
// draws the cumulative cash flow with the report's chart code (WebAssembly), and offers
// the shown numbers as CSV.
"use strict";

(async () => {
  const $ = (id) => document.getElementById(id);
  const form = $("explore-form"), status = $("explore-status"), chart = $("explore-chart");
  const data = JSON.parse($("explore-data").textContent);
  const controls = [...form.querySelectorAll("input[name]")];
  const defaults = new Map(controls.map((c) => [c.name, c.value]));
  const cells = [...document.querySelectorAll("[data-metric]")];
  const echoes = [...form.querySelectorAll("output[for]")];
  const labels = new Map([...form.querySelectorAll("label[for]")].map((l) =>
    [l.htmlFor, l.textContent]));
  const charts = JSON.parse($("explore-charts").textContent);
  const sources = Object.values(charts).flatMap((c) => c.sources.series.concat(
    c.sources.annots)).filter((name) => name);
  const want = cells.map((c) => c.dataset.metric).concat(sources);
  const dark = matchMedia("(prefers-color-scheme: dark)");
  let model;

  try {
    const bytes = Uint8Array.from(atob(data.model), (ch) => ch.charCodeAt(0));
    model = await mkrModel(bytes);
  } catch (e) {
    status.textContent = "This browser could not run the model (" + e.message +
      "); the numbers shown are the report's own.";
    return;
  }

  // The request for the model: the report's inputs with the controls' values, and
  // the weights rescaled to add up to 1. Throws with a reader's message if a control
  // holds no number.
  function request() {
    const req = { scenarios: {}, want };
    for (const [name, s] of Object.entries(data.scenarios))
      req.scenarios[name] = { probability: s.probability,
        inputs: JSON.parse(JSON.stringify(s.inputs)) };
    for (const c of controls) {
      const v = Number(c.value);
      const label = labels.get(c.id);
      if (c.value.trim() === "" || !Number.isFinite(v))
        throw new Error(`“${label}” needs a number.`);
      if (v < Number(c.min) || v > Number(c.max))
        throw new Error(`“${label}” must be from ${c.min} to ${c.max}.`);
      const dot = c.name.indexOf(".");
      const s = req.scenarios[c.name.slice(0, dot)], key = c.name.slice(dot + 1);
      if (key === "probability") s.probability = v;
      else s.inputs[key] = v;
    }
    const weighted = Object.values(req.scenarios).filter((s) => s.probability !== null);
    const total = weighted.reduce((a, s) => a + s.probability, 0);
    if (!(total > 0)) throw new Error("At least one weight must be above 0.");
    for (const s of weighted) s.probability /= total;
    return req;
  }

  // Chart id of the report (the page's explore-charts: its spec and the metric behind
  // each series, fan and annotation) with the values of out in place of the report's,
  // drawn by the report's own chart code in the WebAssembly, as an SVG element, in the
  // variant the report's pages would show (dark, phone-sized); null if the report has
  // no such chart. An annotation whose metric has no value (a payback that never
  // comes) is left out.
  function chartSvg(id, out) {
    const c = charts[id];
    if (!c) return null;
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
      if (a.kind === "vline") a.x = m.value; else a.y = m.value;
      return true;
    });
    spec.alt = describe(spec);
    spec.dark = dark.matches; /* the variants the report's <picture> shows */
    if (matchMedia(c.narrow.media).matches)
      Object.assign(spec, { width: c.narrow.width, height: c.narrow.height });
    const doc = new DOMParser().parseFromString(model.chart(spec), "image/svg+xml");
    return document.importNode(doc.documentElement, true);
  }

  // What chart spec shows, in words, for its <desc>: where each line and band ends
  // (the report's alt text describes the report's numbers, not the reader's).
  function describe(spec) {
    const f = (v) => model.format(v, spec.y.unit);
    const end = (a) => a[a.length - 1];
    return spec.fans.map((b) => `${b.label || "The range"}: by ${end(b.years)} nine in ` +
      `ten between ${f(end(b.p[0]))} and ${f(end(b.p[4]))}, half between ` +
      `${f(end(b.p[1]))} and ${f(end(b.p[3]))}, the median at ${f(end(b.p[2]))}`)
      .concat(spec.series.map((s) => `${s.label}: ${f(end(s.vals))} in ${end(s.years)}`))
      .join("; ") + ".";
  }

  // Draws the cumulative cash flow of every scenario (the report's chart "cumulative")
  // with the recomputed numbers.
  function draw(out) {
    const svg = chartSvg("cumulative", out);
    if (!svg) return;
    const old = chart.querySelector("svg");
    if (old) chart.replaceChild(svg, old);
    else chart.insertBefore(svg, chart.firstChild);
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
      draw(out);
    } catch (e) {
      status.textContent = e.message.replace(/^model: /, "The model refused the inputs: ");
      return;
    }
    for (const c of cells) {
      const m = out[c.dataset.metric];
      c.textContent = m ? m.text : "n/a";
    }
    for (const o of echoes) { /* only the controls that changed since the last update */
      const c = $(o.htmlFor.value);
      if (o.dataset.shown === c.value) continue;
      o.textContent = model.format(Number(c.value), o.dataset.unit);
      o.dataset.shown = c.value;
    }
    const s = state();
    history.replaceState(null, "", s ? "#" + s : location.pathname + location.search);
    const ms = performance.now() - t0;
    status.textContent = (s ? "Recomputed with your assumptions" :
      "The report's own assumptions") + ` (${ms.toFixed(1)} ms in your browser).`;
    status.dataset.ms = ms.toFixed(2);
    status.dataset.updates = String(Number(status.dataset.updates || 0) + 1);
  }

  // The shown numbers (every cell with a metric) as CSV text.
  function csv() {
    const q = (s) => /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    const lines = ["metric,value,text"];
    const out = model.report(request());
    for (const c of cells) {
      const m = out[c.dataset.metric];
      lines.push([c.dataset.metric, m && m.value !== null ? String(m.value) : "",
        m ? m.text : ""].map(q).join(","));
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
  for (const q of [dark].concat(Object.values(charts).map((c) => matchMedia(c.narrow.media))))
    q.addEventListener("change", update); /* the chart's variant follows the screen */
  restore(location.hash);
  update();
})();
