// phone.js SITE: loads every HTML page of SITE in headless Chromium (CHROMIUM, default
// /usr/bin/chromium) at 390x844 and fails (exit 1) on any page wider than the screen
// (document.documentElement.scrollWidth > 390), naming the widest elements; it also
// fails on a horizontally scrollable table wrapper that cannot take the keyboard focus
// or has no accessible name, and on a table whose first column scrolls out of view.
'use strict';
const path = require('path');
const { pages, launch } = require('./site');


(async () => {
  const site = path.resolve(process.argv[2]);
  const W = 390;
  const browser = await launch();
  const tab = await browser.newPage();
  await tab.setViewport({ width: W, height: 844 });
  let bad = 0, checked = 0;
  for (const file of pages(site)) {
    await tab.goto('file://' + file, { waitUntil: 'load' });
    const r = await tab.evaluate((W) => {
      const out = { width: document.documentElement.scrollWidth, wide: [], scrollers: [] };
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        if (b.right > W + 0.5 && !el.closest('figure.table, details.chart-data table'))
          out.wide.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(b.right));
      }
      for (const f of document.querySelectorAll('figure.table, details.chart-data table')) {
        if (f.scrollWidth <= f.clientWidth) continue;
        const name = f.getAttribute('aria-label') || f.getAttribute('aria-labelledby');
        const problems = [];
        if (f.tabIndex < 0) problems.push('not focusable');
        if (!name) problems.push('no accessible name');
        // Scrolled to the end, the first cell of each row must still be in view.
        f.scrollLeft = f.scrollWidth;
        const fb = f.getBoundingClientRect();
        for (const tr of f.querySelectorAll('tr')) {
          const c = tr.cells[0];
          if (!c) continue;
          const cb = c.getBoundingClientRect();
          if (cb.left < fb.left - 1) { problems.push('first column scrolls away'); break; }
        }
        f.scrollLeft = 0;
        if (problems.length) out.scrollers.push((f.querySelector('caption') || f).textContent.slice(0, 40) + ': ' + problems.join(', '));
      }
      return out;
    }, W);
    checked++;
    const rel = path.relative(site, file);
    if (r.width > W) {
      bad++;
      console.log(`phone: ${rel}: ${r.width} px wide at ${W} px: ${r.wide.slice(0, 5).join('; ')}`);
    }
    for (const s of r.scrollers) { bad++; console.log(`phone: ${rel}: wide table ${s}`); }
  }
  await browser.close();
  console.log(`phone: ${checked} pages at ${W} px, ${bad} problems`);
  process.exit(bad ? 1 : 0);
})().catch((e) => { console.error('phone: ' + e.message); process.exit(2); });
