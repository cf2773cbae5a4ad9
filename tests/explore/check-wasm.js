// check-wasm.js WASM MODEL_JS METRICS_JSON EXPLORE_HTML: the WebAssembly model gives,
// for every scenario's inputs, exactly the finance object `mkreport metrics --json`
// wrote (the same text once white space is removed), the same expected values, with
// the evidence the same posterior weights and expectations, and, from the Monte
// Carlo's settings in EXPLORE_HTML's data block, exactly the build's Monte Carlo.
"use strict";
const fs = require("fs");
const [wasmPath, modelJs, metricsPath, explorePath] = process.argv.slice(2);
const { mkrModel } = require(require("path").resolve(modelJs));

// Returns the text of the object that starts at text[at] ('{'), braces balanced.
function objectAt(text, at) {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(at, i + 1);
  }
  throw new Error("unbalanced object at " + at);
}

// Returns each scenario's "finance" object as the C tool wrote it, in order.
function financeTexts(text, names) {
  const out = {};
  let from = text.indexOf('"scenarios": {');
  for (const name of names) {
    from = text.indexOf('"' + name + '": {', from);
    const f = text.indexOf('"finance": {', from);
    out[name] = objectAt(text, text.indexOf("{", f));
    from = f;
  }
  return out;
}

(async () => {
  const text = fs.readFileSync(metricsPath, "utf8");
  const doc = JSON.parse(text);
  const model = await mkrModel(fs.readFileSync(wasmPath));
  const names = Object.keys(doc.scenarios);
  const want = financeTexts(text, names);
  const strip = (s) => s.replace(/\s+/g, "");
  let fails = 0, numbers = 0, checked = 0;
  for (const name of names) {
    const got = model.finance(doc.scenarios[name].inputs);
    numbers += (got.match(/-?\d[\d.e+-]*/g) || []).length;
    if (strip(got) !== strip(want[name])) {
      fails++;
      const a = strip(got), b = strip(want[name]);
      let i = 0;
      while (a[i] === b[i]) i++;
      console.error(`${name}: differs at ${i}: wasm ...${a.slice(i - 40, i + 40)}`);
      console.error(`${name}:            C    ...${b.slice(i - 40, i + 40)}`);
    }
  }
  const req = { scenarios: {} };
  for (const name of names)
    req.scenarios[name] = { probability: doc.scenarios[name].probability,
      inputs: doc.scenarios[name].inputs };
  const got = model.report(req);
  for (const [k, v] of Object.entries(doc.expected)) {
    const m = got[`${k}@expected`];
    if (typeof v !== "number" || !k.startsWith("finance.")) continue;
    checked++;
    if (m === undefined || m.value !== v) {
      fails++;
      console.error(`${k}@expected: wasm ${m && m.value}, C ${v}`);
    }
  }
  // The evidence: posterior weights and expectations as the build's.
  const byId = doc.evidence.map((e) => ({ id: e.id, likelihood: e.likelihood }));
  const post = model.report(Object.assign({}, req, { evidence: byId }));
  for (const [k, v] of Object.entries(doc.expected_posterior)) {
    if (typeof v !== "number" || !k.startsWith("finance.")) continue;
    checked++;
    const m = post[`${k}@expected_posterior`];
    if (m === undefined || m.value !== v) {
      fails++;
      console.error(`${k}@expected_posterior: wasm ${m && m.value}, C ${v}`);
    }
  }
  for (const name of names) {
    const v = doc.scenarios[name].posterior_probability;
    if (typeof v !== "number") continue;
    checked++;
    const m = post[`scenario.posterior_probability@${name}`];
    if (m === undefined || m.value !== v) {
      fails++;
      console.error(`posterior of ${name}: wasm ${m && m.value}, C ${v}`);
    }
  }

  // The Monte Carlo: every percentile and share of the build's, exactly.
  const html = fs.readFileSync(explorePath, "utf8");
  const block = html.match(/<div [^>]*id="explore-data"[^>]*>([^<]*)<\/div>/)[1]
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  const settings = JSON.parse(block).mc, ref = doc.monte_carlo, sc = settings.scenario;
  const t0 = process.hrtime.bigint();
  const mc = model.mc(Object.assign({}, settings, { inputs: doc.scenarios[sc].inputs }));
  const mcMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let mcNumbers = 0;
  const same = (what, got, exp) => {
    mcNumbers += Array.isArray(exp) ? exp.length : 1;
    if (JSON.stringify(got) !== JSON.stringify(exp)) {
      fails++;
      console.error(`${what}: wasm ${JSON.stringify(got)}, C ${JSON.stringify(exp)}`);
    }
  };
  same("mc.draws", mc["mc.draws"].value, ref.draws);
  same("mc.seed", mc["mc.seed"].value, ref.seed);
  for (const p of Object.keys(ref.npv)) {
    same(`mc.npv.${p}@${sc}`, mc[`mc.npv.${p}@${sc}`].value, ref.npv[p]);
    same(`mc.payback_year.${p}@${sc}`, mc[`mc.payback_year.${p}@${sc}`].value,
      ref.payback_year[p]);
    same(`mc.cumulative.${p}@${sc}`, mc[`mc.cumulative.${p}@${sc}`].values,
      ref.cumulative[p]);
  }
  same(`mc.payback_probability@${sc}`, mc[`mc.payback_probability@${sc}`].values,
    ref.payback_probability.values);
  let badMc = null;
  try { model.mc(Object.assign({}, settings, { inputs: doc.scenarios[sc].inputs,
    draws: 0 })); } catch (e) { badMc = e.message; }
  if (!badMc || !/draws: 0 is outside/.test(badMc)) {
    fails++;
    console.error("a Monte Carlo of 0 draws was not refused: " + badMc);
  }

  let bad = null;
  try { model.finance({ start_year: 2019 }); } catch (e) { bad = e.message; }
  if (!bad || !/inputs\.end_year/.test(bad)) {
    fails++;
    console.error("an incomplete inputs object was not refused: " + bad);
  }
  if (fails) process.exit(1);
  console.log(`wasm: ${names.length} scenarios, ${numbers} numbers identical to metrics --json; ` +
    `${checked} expected and posterior values equal; Monte Carlo of ${sc}: ${mcNumbers} ` +
    `numbers identical (${ref.draws} draws, ${mcMs.toFixed(0)} ms in Node)`);
})().catch((e) => { console.error(e); process.exit(1); });
