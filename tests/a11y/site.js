// site.js: what phone.js and axe.js share: the HTML pages of a built site, and headless
// Chromium (CHROMIUM, default /usr/bin/chromium) launched through playwright-core.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

// Returns every .html file under dir, sorted.
function pages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pages(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// Returns a promise of a headless Chromium browser (Debian's, not a downloaded one).
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

module.exports = { pages, launch };
