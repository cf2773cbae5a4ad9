// explore.js: the explorer page (explore.html). Reads the page's data block (every
// scenario's inputs and the model), recomputes the summary with the report's own model
// on every change of a control, keeps the changed controls in the address's fragment,
// draws the cumulative cash flow, and offers the shown numbers as CSV.
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
  const curves = Object.keys(data.scenarios).map((name) => "finance.cumulative@" + name);
  const want = cells.map((c) => c.dataset.metric).concat(curves);
  const SVG = "http://www.w3.org/2000/svg";
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

  // An SVG element with attributes attrs, appended to parent.
  function el(parent, name, attrs, text) {
    const n = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    parent.appendChild(n);
    return n;
  }

  // Steps of 1, 2 or 5 times a power of ten giving about five ticks over [lo, hi].
  function ticks(lo, hi) {
    const raw = (hi - lo) / 5, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step / 1e6; v += step)
      out.push(Math.round(v / step) * step);
    return out;
  }

  // Draws each scenario's cumulative cash flow (finance.cumulative) as a line.
  function draw(out) {
    const series = Object.keys(data.scenarios).map((name, k) => ({
      title: data.scenarios[name].title, years: out[curves[k]].years,
      values: out[curves[k]].values }));
    const W = 640, H = 340, L = 64, R = 16, T = 16, B = 40;
    const all = series.flatMap((s) => s.values).concat([0]);
    const years = series[0].years;
    const yt = ticks(Math.min(...all), Math.max(...all));
    const lo = Math.min(yt[0], ...all), hi = Math.max(yt[yt.length - 1], ...all);
    const x = (yr) => L + (yr - years[0]) / (years[years.length - 1] - years[0]) * (W - L - R);
    const y = (v) => T + (hi - v) / (hi - lo) * (H - T - B);
    const old = chart.querySelector("svg");
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", "explore-chart-title");
    el(svg, "title", { id: "explore-chart-title" },
      "Cumulative cash flow by scenario, US$ billions, " + years[0] + " to " +
      years[years.length - 1] + ": " + series.map((s) =>
        `${s.title} ends at ${Math.round(s.values[s.values.length - 1])}`).join("; ") + ".");
    for (const v of yt) {
      el(svg, "line", { x1: L, x2: W - R, y1: y(v), y2: y(v),
        class: v === 0 ? "explore-zero" : "explore-grid" });
      el(svg, "text", { x: L - 6, y: y(v) + 4, class: "explore-tick", "text-anchor": "end" },
        (v < 0 ? "\u2212$" : "$") + Math.abs(v) + "bn");
    }
    for (const yr of years.filter((yr) => yr % 5 === 0))
      el(svg, "text", { x: x(yr), y: H - B + 18, class: "explore-tick",
        "text-anchor": "middle" }, String(yr));
    series.forEach((s, k) => {
      const d = s.values.map((v, i) => `${i ? "L" : "M"}${x(s.years[i]).toFixed(1)},` +
        y(v).toFixed(1)).join("");
      el(svg, "path", { d, class: `explore-line explore-line-${k}` });
    });
    if (old) chart.replaceChild(svg, old);
    else chart.insertBefore(svg, chart.firstChild);
    let key = chart.querySelector("ul");
    if (!key) key = chart.insertBefore(document.createElement("ul"), svg.nextSibling);
    key.className = "explore-key";
    key.replaceChildren(...series.map((s, k) => {
      const li = document.createElement("li");
      li.className = `explore-key-${k}`;
      li.textContent = s.title;
      return li;
    }));
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
  restore(location.hash);
  update();
})();
