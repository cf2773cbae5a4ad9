// axe.js SITE [BAD]: runs axe-core on every HTML page of SITE in headless Chromium (CHROMIUM,
// default /usr/bin/chromium, driven by playwright-core) in four views: prefers-color-scheme
// light and dark, each at 390 px (a phone) and 1280 px wide; prints each violation
// (view, page, rule, impact, the first nodes) and exits 1 if any. One browser for all.
// BAD: a folder of pages that must each show a violation in every view (so a run that
// checks nothing fails). AXE_RULES (comma-separated rule ids) limits the run to those rules.
'use strict';
const fs = require('fs');
const path = require('path');
const { pages, launch } = require('./site');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const views = [];
for (const width of [390, 1280])
  for (const scheme of ['light', 'dark'])
    views.push({ width, scheme });

// Runs axe on every file in view v in tab; returns the violations' lines, and for each
// file of bad without any, a line saying so.
async function runView(tab, v, files, site, opts, bad) {
  const out = [];
  for (const file of bad) {
    await tab.goto('file://' + file, { waitUntil: 'load' });
    await tab.evaluate(axeSource);
    const r = await tab.evaluate((o) => axe.run(document, o), opts);
    if (r.violations.length === 0)
      out.push(`axe: ${v.scheme} ${v.width}px: ${file}: no violation found in a known-bad page`);
  }
  await tab.setViewportSize({ width: v.width, height: 844 });
  await tab.emulateMedia({ colorScheme: v.scheme });
  for (const file of files) {
    await tab.goto('file://' + file, { waitUntil: 'load' });
    await tab.evaluate(axeSource);
    const r = await tab.evaluate((o) => axe.run(document, o), opts);
    for (const x of r.violations) {
      const nodes = x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
      out.push(`axe: ${v.scheme} ${v.width}px: ${path.relative(site, file)}: ${x.id} (${x.impact}), ` +
        `${x.nodes.length} nodes: ${nodes}`);
    }
  }
  return out;
}

(async () => {
  const site = path.resolve(process.argv[2]);
  const rules = process.env.AXE_RULES ? process.env.AXE_RULES.split(',') : null;
  const opts = rules ? { runOnly: { type: 'rule', values: rules } } : {};
  const files = pages(site);
  const bad = process.argv[3] ? pages(path.resolve(process.argv[3])) : [];
  const browser = await launch();
  // Two tabs at a time: each takes half of the views.
  const tabs = [await browser.newPage(), await browser.newPage()];
  const lines = await Promise.all(tabs.map(async (tab, k) => {
    const got = [];
    for (let i = k; i < views.length; i += tabs.length)
      got.push(...await runView(tab, views[i], files, site, opts, bad));
    return got;
  }));
  await browser.close();
  const all = lines.flat().sort();
  for (const l of all) console.log(l);
  console.log(`axe: ${files.length} pages in ${views.length} views (light, dark; 390, 1280 px): ` +
    `${all.length} violations`);
  process.exit(all.length ? 1 : 0);
})().catch((e) => { console.error('axe: ' + e.message); process.exit(2); });
