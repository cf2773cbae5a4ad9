// browser.js BASE_URL CHANGED_HTML: opens BASE_URL/explore.html in Debian's Chromium
// (playwright-core), checks that the model loads under the page's Content-Security-
// Policy and that the shown numbers (the deterministic summary and the Monte Carlo's,
// run in a Web Worker) are the report's own, then makes through the controls the
// changes tests/run-explore.sh made in content/data for CHANGED_HTML (every scenario's
// discount rate to 0.1, Azure's share of compute in 2025 to 0.6 in the base data, one
// evidence likelihood to 0.5) and checks that every number equals the one the tool
// rendered into CHANGED_HTML. Also: the state goes into the URL and comes back from
// it, reset restores the report's numbers, the CSV holds every number, and the
// recompute times (deterministic and Monte Carlo, medians) are printed.
"use strict";
const fs = require("fs");
const { chromium } = require("playwright-core");
const [base, changedPath] = process.argv.slice(2);

// Every data-metric cell's text in an HTML text (as the tool wrote it).
function cellsOf(html) {
  const out = {};
  for (const m of html.matchAll(/<td [^>]*data-metric="([^"]+)"[^>]*>([^<]*)<\/td>/g))
    out[m[1]] = m[2].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return out;
}

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"] });
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  const fails = [];
  const check = (ok, what) => { if (!ok) fails.push(what); };
  const shown = () => page.$$eval("td[data-metric]",
    (tds) => Object.fromEntries(tds.map((t) => [t.dataset.metric, t.textContent])));
  const ready = () => document.getElementById("explore-status").dataset.ms !== undefined &&
    document.getElementById("explore-mc-status").dataset.ms !== undefined &&
    document.getElementById("explore-mc-status").dataset.busy === undefined;
  const settle = async (p = page) => p.waitForFunction(ready);

  const resp = await page.goto(base + "/explore.html");
  const served = cellsOf(await resp.text());
  await settle();
  check(problems.length === 0, "console errors: " + problems.join("; "));
  const own = await shown();
  check(Object.keys(own).length >= 40, `only ${Object.keys(own).length} cells`);
  check(Object.keys(own).filter((k) => k.startsWith("mc.")).length >= 10,
    "fewer than 10 Monte Carlo cells");
  check(await page.$$eval("#explore-chart svg path, #explore-fan svg path",
    (l) => l.length) >= 9, "the charts are not drawn");
  const mcFirst = Number(await page.$eval("#explore-mc-status", (s) => s.dataset.ms));
  const inWorker = /background thread/.test(await page.textContent("#explore-mc-status"));
  check(inWorker, "the Monte Carlo did not run in a worker");
  for (const [k, v] of Object.entries(served))
    check(own[k] === v, `${k}: the model shows ${own[k]}, the tool wrote ${v}`);

  // The same changes as in content/data, through the controls.
  const times = [];
  const edit = async (name, value) => {
    const before = await page.$eval("#explore-status", (s) => s.dataset.updates);
    const sel = `input[name='${name}']`;
    for (const d of await page.$$(`details:has(${sel})`)) /* as a reader would: open it */
      if (!(await d.evaluate((x) => x.open))) await (await d.$(":scope > summary")).click();
    await page.fill(sel, value);
    await page.waitForFunction((b) =>
      document.getElementById("explore-status").dataset.updates !== b, before);
    times.push(Number(await page.$eval("#explore-status", (s) => s.dataset.ms)));
  };
  const names = await page.$$eval("input[name$='.discount_rate']", (l) => l.map((i) => i.name));
  for (const name of names) await edit(name, "0.1");
  /* Azure's share in the base data's 2025: the base case and the scenario extending it
   * without its own path (pre2025-terms) */
  for (const name of ["base.azure_share.2025", "pre2025-terms.azure_share.2025"])
    await edit(name, "0.6");
  await edit("evidence.investment_2023.likelihood.base", "0.5");
  await settle();
  const want = cellsOf(fs.readFileSync(changedPath, "utf8"));
  const got = await shown();
  let same = 0;
  for (const [k, v] of Object.entries(want)) {
    check(got[k] === v, `${k}: the page shows ${got[k]}, a build with the change ${v}`);
    if (got[k] === v) same++;
  }
  check(same > 0 && JSON.stringify(got) !== JSON.stringify(own), "nothing changed");

  // The URL carries the state: a new page at that address shows the same numbers.
  const url = page.url();
  check(/#.*discount_rate=0\.1/.test(url) && /azure_share\.2025=0\.6/.test(url) &&
    /investment_2023\.likelihood\.base=0\.5/.test(url), "the address has no state: " + url);
  const page2 = await browser.newPage();
  await page2.goto(url);
  await settle(page2);
  const again = await page2.$$eval("td[data-metric]",
    (tds) => Object.fromEntries(tds.map((t) => [t.dataset.metric, t.textContent])));
  check(JSON.stringify(again) === JSON.stringify(got), "the shared address shows other numbers");

  // The CSV holds every shown number.
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.click("#explore-csv")]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  for (const [k, v] of Object.entries(got))
    check(csv.includes(`${k},`) && csv.includes(v.includes(",") ? `"${v}"` : v),
      `the CSV lacks ${k}`);

  // Reset: the report's own numbers and a bare address.
  await page.click("#explore-reset");
  await page.waitForFunction(() => !location.hash);
  await settle();
  check(JSON.stringify(await shown()) === JSON.stringify(own), "reset left other numbers");

  // No JavaScript: the tool's numbers are there as they are.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page3 = await ctx.newPage();
  await page3.goto(base + "/explore.html");
  const still = await page3.$$eval("td[data-metric]",
    (tds) => Object.fromEntries(tds.map((t) => [t.dataset.metric, t.textContent])));
  check(JSON.stringify(still) === JSON.stringify(served), "without JavaScript the numbers differ");

  // Timing: a full recompute (every scenario, expectations, evidence, chart) in the
  // page, and the Monte Carlo after a change of an input it does not sample.
  const med = await page.evaluate(async () => {
    const input = document.querySelector("input[name='base.discount_rate']");
    const status = document.getElementById("explore-status");
    const t = [];
    for (let i = 0; i < 21; i++) {
      input.value = String(0.08 + (i % 5) / 1000);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      t.push(Number(status.dataset.ms));
    }
    t.sort((a, b) => a - b);
    return t[10];
  });
  const mcTimes = [];
  for (let i = 0; i < 11; i++) {
    const before = await page.$eval("#explore-mc-status", (s) => s.dataset.updates);
    await page.fill("input[name='base.margin_initial']", String(-2 + (i % 3) / 10));
    await page.waitForFunction((b) => document.getElementById("explore-mc-status")
      .dataset.updates !== b && document.getElementById("explore-mc-status")
      .dataset.busy === undefined, before);
    mcTimes.push(Number(await page.$eval("#explore-mc-status", (s) => s.dataset.ms)));
  }
  mcTimes.sort((a, b) => a - b);
  await browser.close();
  check(problems.length === 0, "console errors: " + problems.join("; "));
  if (fails.length) {
    console.error(fails.slice(0, 20).join("\n"));
    process.exit(1);
  }
  console.log(`explore: ${Object.keys(own).length} numbers as built; with the change ` +
    `${same} of ${Object.keys(want).length} equal to a rebuilt page; URL, CSV, reset and ` +
    `no-JS checked; recompute median ${med.toFixed(2)} ms (first edits: ` +
    `${times.map((t) => t.toFixed(1)).join(", ")} ms); Monte Carlo in the worker: ` +
    `median ${mcTimes[5].toFixed(1)} ms, first ${mcFirst.toFixed(1)} ms`);
})().catch((e) => { console.error(e); process.exit(1); });
