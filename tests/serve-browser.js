// serve-browser: mkreport serve in Chromium (playwright-core from tests/a11y): an open
// page reloads itself after a number is changed, turns into the error page when a page
// breaks and back when it is fixed, all under the page's strict Content-Security-Policy.
// usage: node tests/serve-browser.js URL CONTENT OLD NEW
'use strict';
const fs = require('fs');
const path = require('path');
const { launch } = require('./a11y/site');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Writes text to file once a navigation of page is awaited; resolves after the reload.
async function saveAndReload(page, file, text) {
  const nav = page.waitForNavigation({ timeout: 20000, waitUntil: 'load' });
  fs.writeFileSync(file, text);
  await nav;
  await sleep(300); // the event stream of the new page connects
}

async function main() {
  const [url, content, oldNum, newNum] = process.argv.slice(2);
  let fails = 0;
  const check = (ok, what) => {
    if (!ok) {
      fails++;
      console.error('FAIL: serve-browser: ' + what);
    }
  };
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const refused = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text()) && /script|connect/.test(m.text()))
        refused.push(m.text());
    });
    await page.goto(url, { waitUntil: 'load' });
    await sleep(500);
    const facts = path.join(content, 'data/facts.yaml');
    const text = fs.readFileSync(facts, 'utf8');
    await saveAndReload(page, facts, text.replace('value: ' + oldNum + '\n',
      'value: ' + newNum + '\n'));
    check((await page.content()).includes('$' + newNum + 'bn'),
      'the page reloaded itself with the new number');
    const idx = path.join(content, 'pages/index.md');
    const good = fs.readFileSync(idx, 'utf8');
    await saveAndReload(page, idx, good + '\nSee {{ finance.nope@base }}.\n');
    const h1 = await page.$eval('h1', (e) => e.textContent);
    check(h1 === 'The report has errors', 'the error page is shown: ' + h1);
    const where = await page.$eval('li code', (e) => e.textContent);
    check(/pages\/index\.md:\d+:\d+$/.test(where), 'the error page gives file:line:col: ' +
      where);
    await saveAndReload(page, idx, good);
    check((await page.content()).includes('$' + newNum + 'bn'), 'fixed: the report is back');
    check(refused.length === 0, 'the CSP let the script run: ' + refused.join('; '));
  } finally {
    await browser.close();
  }
  console.log('serve-browser: ' + (fails ? fails + ' failed' : 'ok'));
  process.exit(fails ? 1 : 0);
}

main().catch((e) => {
  console.error('FAIL: serve-browser: ' + e);
  process.exit(1);
});
