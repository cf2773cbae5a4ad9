// chart-geometry.js WASM SITE ID...: the explorer's charts drawn by the chart code
// compiled to WebAssembly (mkr_chart, from the specs the build wrote into
// SITE/explore.html) have the geometry and texts of the build's own SVG files
// (SITE/charts/ID.svg and its -dark, -narrow and -narrow-dark variants, drawn by the
// same code with cairo and pango).
//
// The files cannot be compared byte for byte: cairo writes each glyph as a path (a
// <symbol> per glyph and a <use> per character placed), coordinates in 1/256 px, circles
// as Bezier curves; the WebAssembly writes <text> elements and SVG arcs. So the test
// compares what the chart code computed, mark by mark in drawing order:
// - every stroked path (gridlines, tick marks, axis, each series' line, annotations,
//   legend swatches, leader lines): the same points within 0.01 px, the same colour
//   and line width;
// - every filled path except the background colour's (the page's background and the
//   label halos, which the WebAssembly sizes from the logical box, pango from the ink):
//   polygons (the fan's bands, legend boxes) the same points within 0.01 px, circles
//   (end dots) the same centre and radius within 0.01 px, the same colour;
// - every text (tick labels, axis titles, direct labels, legend, annotation labels):
//   the same baseline within 0.01 px; the same start within 0.01 px when it is drawn
//   from its start (cairo's first glyph; a text anchored at its end or middle is placed
//   by the browser from its anchor, so only the baseline and the glyphs are compared);
//   as many glyphs as characters; and the same texts: each cairo glyph (cairo has them
//   per face and size) stands for exactly one character of that weight and size across
//   the chart, and each such character for one glyph, so a tick value that differs
//   ("$150bn" for "$100bn") breaks the one-to-one mapping or the count.
"use strict";

const fs = require("fs");

const TOL = 0.01;

// The spec of every chart the page carries, from its hidden JSON text.
function pageSpecs(html) {
  const m = /id="explore-charts" hidden[^>]*>([^<]*)<\/div>/.exec(html);
  if (!m) throw new Error("explore.html has no explore-charts data");
  const text = m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return JSON.parse(text);
}

// The numbers of a path's d, as [x, y] pairs, and whether it holds curves or arcs.
function points(d) {
  const nums = (d.replace(/[A-Za-z]/g, " ").match(/-?[0-9.]+(?:e-?[0-9]+)?/g) || [])
    .map(Number);
  return { nums, curved: /[CA]/.test(d) };
}

// Centre and radius of a circle path from the bounding box of its points on the curve
// (cairo: the ends of its Bezier segments; the WebAssembly: the ends of its arcs).
function circle(d) {
  const xs = [], ys = [];
  for (const seg of d.match(/[MLCAZ][^MLCAZ]*/g)) {
    const t = (seg.slice(1).match(/-?[0-9.]+(?:e-?[0-9]+)?/g) || []).map(Number);
    if (t.length < 2) continue;
    xs.push(t[t.length - 2]);
    ys.push(t[t.length - 1]);
  }
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, r: Math.max(x1 - x0, y1 - y0) / 2 };
}

// "rgb(89.0196%,...)" or "#rrggbb" as [r, g, b] in 0..255.
function rgb(s) {
  if (s.startsWith("#")) return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
  return s.match(/[0-9.]+/g).slice(0, 3).map((v) => Math.round(Number(v) * 2.55));
}

// The marks of cairo's SVG in order: {kind: "stroke"|"fill"|"text", ...}.
function cairoMarks(svg) {
  const body = svg.slice(svg.indexOf("</defs>"));
  const marks = [];
  const re = /<(path|rect) ([^>]*)\/>|<g style="fill:([^;]*);[^"]*">([\s\S]*?)<\/g>/g;
  let m;
  while ((m = re.exec(body))) {
    if (m[1] === "rect") {
      const a = (k) => Number(new RegExp(`(?:^| )${k}="([^"]*)"`).exec(m[2])[1]);
      const x = a("x"), y = a("y"), w = a("width"), h = a("height");
      marks.push({ kind: "fill", color: rgb(/fill:([^;]*)/.exec(m[2])[1]),
        d: `M ${x} ${y} L ${x + w} ${y} L ${x + w} ${y + h} L ${x} ${y + h} Z` });
    } else if (m[1] === "path") {
      const style = /style="([^"]*)"/.exec(m[2])[1], d = /d="([^"]*)"/.exec(m[2])[1];
      if (/fill:none/.test(style))
        marks.push({ kind: "stroke", color: rgb(/stroke:([^;]*)/.exec(style)[1]),
          width: Number(/stroke-width:([^;]*)/.exec(style)[1]), d });
      else
        marks.push({ kind: "fill", color: rgb(/fill:([^;]*)/.exec(style)[1]), d });
    } else {
      const uses = [...m[4].matchAll(/<use xlink:href="#(glyph[0-9]+)" x="([^"]*)" y="([^"]*)"/g)];
      marks.push({ kind: "text", color: rgb(m[3]), glyphs: uses.map((u) => u[1]),
        x: Number(uses[0][2]), y: Number(uses[0][3]) });
    }
  }
  return marks;
}

// The marks of the WebAssembly's SVG in order.
function wasmMarks(svg) {
  const marks = [];
  const re = /<path ([^>]*)\/>|<text ([^>]*)>([\s\S]*?)<\/text>/g;
  let m;
  while ((m = re.exec(svg))) {
    const attr = (s, k) => { const a = new RegExp(` ?${k}="([^"]*)"`).exec(s); return a && a[1]; };
    if (m[1] !== undefined) {
      const a = m[1];
      if (attr(a, "fill") === "none")
        marks.push({ kind: "stroke", color: rgb(attr(a, "stroke")),
          width: Number(attr(a, "stroke-width")), d: attr(a, "d") });
      else
        marks.push({ kind: "fill", color: rgb(attr(a, "fill")), d: attr(a, "d") });
    } else {
      const text = m[3].replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      marks.push({ kind: "text", color: rgb(attr(m[2], "fill")), text,
        x: Number(attr(m[2], "x")), y: Number(attr(m[2], "y")),
        anchor: attr(m[2], "text-anchor") || "start",
        font: (attr(m[2], "font-weight") || "400") + "/" + attr(m[2], "font-size") });
    }
  }
  return marks;
}

// Compares the marks of one chart; returns a list of differences (empty: equal).
function compare(id, want, got, bg) {
  const bad = [];
  const keep = (k) => k.kind !== "fill" || k.color.join() !== bg.join();
  want = want.filter(keep);
  got = got.filter(keep);
  const same = (a, b) => Math.abs(a - b) <= TOL;
  const counts = {};
  for (const k of ["stroke", "fill", "text"])
    counts[k] = [want.filter((m) => m.kind === k).length, got.filter((m) => m.kind === k).length];
  if (want.length !== got.length) bad.push(`${id}: ${want.length} marks, WebAssembly ${got.length}`);
  const glyph = new Map(), chars = new Map();
  for (let i = 0; i < Math.min(want.length, got.length); i++) {
    const w = want[i], g = got[i], at = `${id}: mark ${i} (${w.kind})`;
    if (w.kind !== g.kind) { bad.push(`${at}: WebAssembly drew a ${g.kind}`); break; }
    if (w.color.join() !== g.color.join())
      bad.push(`${at}: colour ${w.color} against ${g.color}`);
    if (w.kind === "stroke" && !same(w.width, g.width))
      bad.push(`${at}: width ${w.width} against ${g.width}`);
    if (w.kind === "text") {
      const chs = [...g.text].filter((c) => c !== "\n");
      if (!same(w.y, g.y)) bad.push(`${at} "${g.text}": baseline ${w.y} against ${g.y}`);
      if (g.anchor === "start" && !same(w.x, g.x)) bad.push(`${at} "${g.text}": x ${w.x} against ${g.x}`);
      if (w.glyphs.length !== chs.length)
        bad.push(`${at} "${g.text}": ${w.glyphs.length} glyphs for ${chs.length} characters`);
      w.glyphs.forEach((gl, k) => {
        const ch = g.font + " " + chs[k]; // cairo has glyphs per face and size
        if (glyph.has(gl) && glyph.get(gl) !== ch) bad.push(`${at}: glyph ${gl} is ${glyph.get(gl)} and ${ch}`);
        if (chars.has(ch) && chars.get(ch) !== gl) bad.push(`${at}: ${ch} is ${chars.get(ch)} and ${gl}`);
        glyph.set(gl, ch);
        chars.set(ch, gl);
      });
      continue;
    }
    const pw = points(w.d), pg = points(g.d);
    if (pw.curved || pg.curved) {
      const cw = circle(w.d), cg = circle(g.d);
      if (!same(cw.cx, cg.cx) || !same(cw.cy, cg.cy) || !same(cw.r, cg.r))
        bad.push(`${at}: circle ${JSON.stringify(cw)} against ${JSON.stringify(cg)}`);
      continue;
    }
    // cairo closes a filled path with a move back to its start: drop it
    const a = pw.nums.slice(0, pg.nums.length);
    if (pw.nums.length !== pg.nums.length &&
      !(w.kind === "fill" && pw.nums.length === pg.nums.length + 2))
      bad.push(`${at}: ${pw.nums.length / 2} points against ${pg.nums.length / 2}`);
    else if (a.some((v, k) => !same(v, pg.nums[k])))
      bad.push(`${at}: points differ: ${w.d.slice(0, 120)} against ${g.d.slice(0, 120)}`);
  }
  return { bad, counts, glyphs: glyph.size };
}

async function main() {
  const [wasmPath, site, ...ids] = process.argv.slice(2);
  const specs = pageSpecs(fs.readFileSync(`${site}/explore.html`, "utf8"));
  const wasi = { fd_close: () => 52, fd_seek: () => 52, fd_write: () => 52 };
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath),
    { wasi_snapshot_preview1: wasi });
  const x = instance.exports;
  x._initialize();
  const draw = (text) => {
    const bytes = new TextEncoder().encode(text);
    const at = x.mkr_alloc(bytes.length);
    new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
    const st = x.mkr_chart(at, bytes.length);
    x.mkr_free(at);
    return [st, new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.mkr_chart_out(),
      x.mkr_chart_out_len()))];
  };
  let failed = 0;
  // A spec the chart code refuses gives -1 and the reason, never a drawing.
  const broken = JSON.parse(JSON.stringify(specs[ids[0]].spec));
  broken.series[0].vals[1] = null;
  for (const [text, why] of [["{", "not JSON"], ['{"type": "pie"}', "chart type"],
    [JSON.stringify(broken), ""]]) {
    const [st, out] = draw(text);
    if (st !== -1 || !out.includes(why) || out.includes("<svg")) {
      console.error(`chart-geometry: a bad spec (${text.slice(0, 20)}) gave ${st}: ${out.slice(0, 80)}`);
      failed++;
    }
  }
  for (const id of ids) {
    if (!specs[id]) throw new Error(`explore.html has no spec for chart ${id}`);
    const { spec, narrow } = specs[id];
    // the variants the report's <picture> shows: as the page's script sets them
    const variants = [["", {}], ["-dark", { dark: true }],
      ["-narrow", { width: narrow.width, height: narrow.height }],
      ["-narrow-dark", { width: narrow.width, height: narrow.height, dark: true }]];
    for (const [suffix, change] of variants) {
      const [st, svg] = draw(JSON.stringify(Object.assign({}, spec, change)));
      if (st !== 0) throw new Error(`mkr_chart ${id}${suffix}: ${svg}`);
      const want = cairoMarks(fs.readFileSync(`${site}/charts/${id}${suffix}.svg`, "utf8"));
      const got = wasmMarks(svg);
      const bg = want[0].color; // the background, painted first
      const r = compare(id + suffix, want, got, bg);
      if (want.filter((m) => m.kind === "text").length === 0 || r.counts.stroke[0] === 0)
        r.bad.push(`${id}${suffix}: nothing to compare in the build's SVG`);
      for (const b of r.bad.slice(0, 20)) console.error("chart-geometry: " + b);
      failed += r.bad.length > 0;
      console.log(`chart-geometry: ${id}${suffix}: ${r.counts.stroke[1]} strokes, ` +
        `${r.counts.fill[1]} fills, ${r.counts.text[1]} texts (${r.glyphs} glyphs) ` +
        (r.bad.length ? `${r.bad.length} differences` : "as the build's, within 0.01 px"));
    }
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module)
  main().catch((e) => { console.error("chart-geometry: " + (e.stack || e.message)); process.exit(1); });
else
  module.exports = { cairoMarks, wasmMarks, compare };
