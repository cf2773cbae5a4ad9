// chart-page.js URL SITE_B: the explorer's charts, drawn in the page (Chromium) by the
// report's chart code in the WebAssembly after the reader's changes, equal the charts
// of a build made with the same changes in content/data (SITE_B/charts/cumulative.svg
// and npv-fan.svg), mark by mark as tests/explore/chart-geometry.js compares them.
// The changes (tests/run-chart-page.sh makes them in SITE_B's data) are put in the
// page's address: every scenario's discount rate 0.1, Azure's share of compute in 2025
// 0.6 (the base case and pre2025-terms, which extends it), the likelihood of the 2023
// investment under the base case 0.5. The Monte Carlo of the fan runs in the page's
// worker with the changed inputs.
"use strict";

const fs = require("fs");
const { chromium } = require("playwright-core");
const { cairoMarks, wasmMarks, compare } = require("./chart-geometry.js");

(async () => {
  const [url, siteB] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 },
    colorScheme: "light" });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  const idle = () => {
    const mc = document.getElementById("explore-mc-status");
    return document.getElementById("explore-status").dataset.ms !== undefined &&
      mc.dataset.ms !== undefined && mc.dataset.busy === undefined;
  };
  await page.goto(url);
  await page.waitForFunction(idle);
  const rates = await page.$$eval("input[name$='.discount_rate']", (l) => l.map((i) => i.name));
  const state = rates.map((n) => `${n}=0.1`).concat(["base.azure_share.2025=0.6",
    "pre2025-terms.azure_share.2025=0.6", "evidence.investment_2023.likelihood.base=0.5"]);
  const mcBefore = await page.$eval("#explore-mc-status", (s) => s.dataset.updates);
  await page.evaluate((h) => { location.hash = h; }, state.join("&"));
  await page.waitForFunction((b) => document.getElementById("explore-mc-status")
    .dataset.updates !== b, mcBefore);
  await page.waitForFunction(idle);
  let failed = problems.length > 0;
  if (failed) console.error("chart-page: console errors: " + problems.join("; "));
  for (const [fig, id] of [["explore-chart", "cumulative"], ["explore-fan", "npv-fan"]]) {
    const svg = await page.$eval(`#${fig} svg`, (s) => new XMLSerializer().serializeToString(s));
    const want = cairoMarks(fs.readFileSync(`${siteB}/charts/${id}.svg`, "utf8"));
    const r = compare(id, want, wasmMarks(svg), want[0].color);
    for (const b of r.bad.slice(0, 20)) console.error("chart-page: " + b);
    failed = failed || r.bad.length > 0 || r.counts.stroke[1] < 10;
    console.log(`chart-page: ${id} in the page after the changes: ${r.counts.stroke[1]} ` +
      `strokes, ${r.counts.fill[1]} fills, ${r.counts.text[1]} texts ` +
      (r.bad.length ? `${r.bad.length} differences` : "as a build with the changes"));
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error("chart-page: " + (e.stack || e.message)); process.exit(1); });
