// model.js: runs the report's model (mkreport.wasm, compiled from src/explore and
// src/model) from JavaScript. Requests and answers are JSON text in the module's memory.
"use strict";

// metric_unit's values (src/model/metrics.h), by unit name.
const MKR_UNITS = { number: 0, usd_bn: 1, usd: 2, fraction: 3, year: 4, multiple: 5,
  count: 6, gw: 7 };

// The three WASI calls the C library links (stdio it never uses here): refused.
const MKR_WASI = { fd_close: () => 52, fd_seek: () => 52, fd_write: () => 52 };

// Wraps an instantiated module's exports in finance(), report(), mc(), chart() and
// format().
function mkrWrap(x) {
  const enc = new TextEncoder(), dec = new TextDecoder();
  const answer = () =>
    dec.decode(new Uint8Array(x.memory.buffer, x.mkr_out(), x.mkr_out_len()));
  const chartAnswer = () =>
    dec.decode(new Uint8Array(x.memory.buffer, x.mkr_chart_out(), x.mkr_chart_out_len()));
  const call = (fn, text, read = answer) => {
    const bytes = enc.encode(text);
    const at = x.mkr_alloc(bytes.length);
    new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
    const st = fn(at, bytes.length);
    x.mkr_free(at);
    if (st !== 0) throw new Error("model: " + read());
    return read();
  };
  return {
    // One scenario's inputs object -> its finance object, as JSON text.
    finance: (inputs) => call(x.mkr_finance, JSON.stringify(inputs)),
    // {scenarios: {name: {probability, inputs}}} -> {metric: {value, text}}.
    report: (req) => JSON.parse(call(x.mkr_report, JSON.stringify(req))),
    // {scenario, draws, seed, uncertain, inputs} -> {metric: {value, text} or
    // {years, values}}: the report's Monte Carlo (src/explore/explore_mc.c).
    mc: (req) => JSON.parse(call(x.mkr_mc, JSON.stringify(req))),
    // A chart spec (explore.html's explore-charts) -> the chart as SVG text, drawn by
    // the report's own chart code (wasm/chart_wasm.c).
    chart: (spec) => call(x.mkr_chart, JSON.stringify(spec), chartAnswer),
    // v in unit (a unit name) by the unit's default format, as the pages show it.
    format: (v, unit) => {
      x.mkr_format(v, MKR_UNITS[unit] ?? 0, 0);
      return answer();
    },
  };
}

// Instantiates the module from its bytes (an ArrayBuffer or a typed array) or from a
// compiled WebAssembly.Module.
async function mkrModel(bytes) {
  const imports = { wasi_snapshot_preview1: MKR_WASI };
  const instance = bytes instanceof WebAssembly.Module ?
    await WebAssembly.instantiate(bytes, imports) :
    (await WebAssembly.instantiate(bytes, imports)).instance;
  instance.exports._initialize();
  return mkrWrap(instance.exports);
}

if (typeof module !== "undefined") module.exports = { mkrModel };

// Loaded as a Web Worker (explore.js starts one with this file), it runs the Monte
// Carlo off the page's thread: the first message brings the compiled module, each
// later one {id, req}; it answers {id, out, ms} or {id, error}.
if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  let ready;
  self.onmessage = async (e) => {
    if (e.data.module) {
      ready = mkrModel(e.data.module);
      return;
    }
    const { id, req } = e.data;
    try {
      const model = await ready;
      const t0 = performance.now();
      const out = model.mc(req);
      self.postMessage({ id, out, ms: performance.now() - t0 });
    } catch (err) {
      self.postMessage({ id, error: err.message });
    }
  };
}
