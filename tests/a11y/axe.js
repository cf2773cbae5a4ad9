// axe.js SITE [BAD]: runs axe-core on every HTML page of SITE in headless Chromium
// (CHROMIUM, default /usr/bin/chromium, driven by playwright-core) in four views:
// prefers-color-scheme light and dark, each at 390 px (a phone) and 1280 px wide; prints
// each violation (view, page, rule, impact, the first nodes) and exits 1 if any. One
// browser for all, one tab per width; each page is loaded once per width and checked in
// both schemes (the scheme switched in place, as a reader's system setting would).
// BAD: a folder of pages that must each show a violation in every view (so a run that
// checks nothing fails). AXE_RULES (comma-separated rule ids) limits the run to those rules.
// AXE_BASE (an http URL ending in /): SITE's pages are loaded from there, as a host serves
// them (the 404 page's links are absolute from the site's path), the others from disk.
'use strict';
const fs = require('fs');
const path = require('path');
const { pages, launch } = require('./site');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const widths = [390, 1280];
const schemes = ['light', 'dark'];

// Checks file in tab (already at its width) in both schemes; returns the violations
// found, each as { scheme, v } with v axe's violation.
async function checkPage(tab, file, opts) {
  const base = process.env.AXE_BASE, root = path.resolve(process.argv[2]);
  const url = base && file.startsWith(root + path.sep) ?
    base + path.relative(root, file) : 'file://' + file;
  await tab.goto(url, { waitUntil: 'load' });
  await tab.evaluate(axeSource);
  const out = [];
  for (const scheme of schemes) {
    await tab.emulateMedia({ colorScheme: scheme });
    const r = await tab.evaluate((o) => axe.run(document, o), opts);
    for (const v of r.violations) out.push({ scheme, v });
  }
  return out;
}

// Runs every page of files, then of bad, at width in tab; returns the report's lines.
async function runWidth(tab, width, files, bad, site, opts) {
  const out = [];
  await tab.setViewportSize({ width, height: 844 });
  for (const file of files) {
    for (const { scheme, v } of await checkPage(tab, file, opts)) {
      const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
      out.push(`axe: ${scheme} ${width}px: ${path.relative(site, file)}: ${v.id} (${v.impact}), ` +
        `${v.nodes.length} nodes: ${nodes}`);
    }
  }
  for (const file of bad) {
    const found = await checkPage(tab, file, opts);
    for (const scheme of schemes)
      if (!found.some((f) => f.scheme === scheme))
        out.push(`axe: ${scheme} ${width}px: ${file}: no violation found in a known-bad page`);
  }
  return out;
}

(async () => {
  const site = path.resolve(process.argv[2]);
  const rules = process.env.AXE_RULES ? process.env.AXE_RULES.split(',') : null;
  // Only the violations are collected: passes and incomplete results cost time.
  const opts = { resultTypes: ['violations'] };
  if (rules) opts.runOnly = { type: 'rule', values: rules };
  const files = pages(site);
  const bad = process.argv[3] ? pages(path.resolve(process.argv[3])) : [];
  const browser = await launch();
  const lines = await Promise.all(widths.map(async (w) =>
    runWidth(await browser.newPage(), w, files, bad, site, opts)));
  await browser.close();
  const all = lines.flat().sort();
  for (const l of all) console.log(l);
  console.log(`axe: ${files.length} pages in ${widths.length * schemes.length} views ` +
    `(light, dark; 390, 1280 px): ${all.length} violations`);
  process.exit(all.length ? 1 : 0);
})().catch((e) => { console.error('axe: ' + e.message); process.exit(2); });
