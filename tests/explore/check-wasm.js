// check-wasm.js WASM MODEL_JS METRICS_JSON: the WebAssembly model gives, for every
// scenario's inputs, exactly the finance object `mkreport metrics --json` wrote (the
// same text once white space is removed), and the same expected values.
"use strict";
const fs = require("fs");
const [wasmPath, modelJs, metricsPath] = process.argv.slice(2);
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
  let bad = null;
  try { model.finance({ start_year: 2019 }); } catch (e) { bad = e.message; }
  if (!bad || !/inputs\.end_year/.test(bad)) {
    fails++;
    console.error("an incomplete inputs object was not refused: " + bad);
  }
  if (fails) process.exit(1);
  console.log(`wasm: ${names.length} scenarios, ${numbers} numbers identical to metrics --json; ${checked} expected values equal`);
})().catch((e) => { console.error(e); process.exit(1); });
