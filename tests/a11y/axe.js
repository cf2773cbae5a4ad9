// axe.js SITE: runs axe-core on every HTML page of SITE in headless Chromium
// (CHROMIUM, default /usr/bin/chromium), once with prefers-color-scheme light and once
// dark; prints each violation (scheme, page, rule, impact, nodes) and exits 1 if any.
// AXE_RULES (comma-separated rule ids) limits the run to those rules.
'use strict';
const fs = require('fs');
const path = require('path');
const { pages, launch } = require('./site');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');


(async () => {
  const site = path.resolve(process.argv[2]);
  const rules = process.env.AXE_RULES ? process.env.AXE_RULES.split(',') : null;
  const browser = await launch();
  const tab = await browser.newPage();
  let violations = 0, checked = 0;
  for (const scheme of ['light', 'dark']) {
    await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    for (const file of pages(site)) {
      await tab.goto('file://' + file, { waitUntil: 'load' });
      await tab.evaluate(axeSource);
      const opts = rules ? { runOnly: { type: 'rule', values: rules } } : {};
      const r = await tab.evaluate((o) => axe.run(document, o), opts);
      checked++;
      for (const v of r.violations) {
        violations++;
        console.log(`axe: ${scheme}: ${path.relative(site, file)}: ${v.id} (${v.impact}), ${v.nodes.length} nodes`);
      }
    }
  }
  await browser.close();
  console.log(`axe: ${checked} page views, ${violations} violations`);
  process.exit(violations ? 1 : 0);
})().catch((e) => { console.error('axe: ' + e.message); process.exit(2); });
