// phone.js SITE: loads every HTML page of SITE in headless Chromium (CHROMIUM, default
// /usr/bin/chromium) at 390x844, the size of a common phone, and fails (exit 1) on:
// - a page wider than the screen (document.documentElement.scrollWidth > innerWidth),
//   naming the widest elements;
// - a table key column out of view: every cell of a key column must lie inside the
//   screen (0..390 px) and inside its table's visible box without any scrolling. A
//   table's key columns are its first column and those whose header cell has the class
//   "key" (the table's `key:` option); a table with no such header keeps every column
//   key. Chart data tables (in a closed <details>) are opened for the check. Where a
//   table is shown as stacked rows, its key cells must come first in each row;
// - a table that scrolls sideways but cannot take the keyboard focus, has no accessible
//   name, or lets its first column scroll away;
// - a word broken mid-letter: in card labels, values and notes, table headers and
//   cells, captions and headings, a line may break inside a word (or a figure, its
//   minus sign and currency included) only after a hyphen,
//   a soft hyphen, a slash or a dash (Chromium here has no hyphenation dictionaries, so
//   any other break inside a word is a break between two letters);
// - a row label (a <th> in a table body) or card label of three words or more set one
//   word a line;
// - the navigation not collapsed behind one control (its section list visible before
//   the control is opened, or the navigation taller than 4rem) or a page with a script;
// - the summary's key-figure cards (.cards) taller than one screen (844 px).
// It prints one line per problem and the totals: pages that scroll sideways, tables
// with a key column out of view, words broken mid-letter, and the cards' height.
'use strict';
const path = require('path');
const { pages, launch } = require('./site');

// Runs in the page: every check above, returning the problems found and the counts.
function inspect([W, H]) {
	const out = { width: document.documentElement.scrollWidth, wide: [], problems: [],
		hiddenTables: 0, tables: 0, brokenWords: 0, cardsHeight: null };
	for (const d of document.querySelectorAll('details.chart-data')) d.open = true;
	for (const el of document.body.querySelectorAll('*')) {
		const b = el.getBoundingClientRect();
		if (b.right > W + 0.5 && !el.closest('figure.table, details.chart-data table'))
			out.wide.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(b.right));
	}
	const name = (t) => ((t.querySelector('caption') || t.closest('figure') || t).textContent || '')
		.trim().slice(0, 50);

	// Key columns in view, without scrolling.
	for (const t of document.querySelectorAll('table')) {
		out.tables++;
		const head = t.tHead && t.tHead.rows[0];
		const ncols = Math.max(...Array.from(t.rows, (r) => r.cells.length));
		let keys = [];
		if (head) for (let i = 0; i < head.cells.length; i++)
			if (head.cells[i].classList.contains('key')) keys.push(i);
		if (keys.length === 0) keys = Array.from({ length: ncols }, (_, i) => i);
		else if (!keys.includes(0)) keys.unshift(0);
		const box = t.closest('figure.table') || t;
		const fb = box.getBoundingClientRect();
		const lo = Math.max(0, fb.left) - 1, hi = Math.min(W, fb.right) + 1;
		const missing = new Set();
		for (const tr of t.rows) {
			for (const k of keys) {
				const c = tr.cells[k];
				if (!c) continue;
				const cb = c.getBoundingClientRect();
				const shown = getComputedStyle(c).display !== 'none' && cb.width > 0;
				const label = tr.parentElement === t.tHead;
				// A stacked table hides its header row (its cells carry the labels) and
				// its empty cells.
				if (!shown && (label || c.textContent.trim() === '')) continue;
				if (!shown || cb.left < lo || cb.right > hi)
					missing.add((head && head.cells[k] ? head.cells[k].textContent.trim() : 'column ' + (k + 1)) ||
						'column ' + (k + 1));
			}
		}
		// Stacked rows: the key cells come first in each card, after the row's label
		// (its first cell and any row header).
		if (t.closest('.stack') && head && keys.length < ncols) {
			for (const tr of t.tBodies[0] ? t.tBodies[0].rows : []) {
				const cells = Array.from(tr.cells).slice(1).filter((c) => c.tagName === 'TD');
				const top = (c) => c.getBoundingClientRect().top;
				const lastKey = Math.max(...cells.filter((c) => c.classList.contains('key')).map(top));
				const firstOther = Math.min(...cells.filter((c) => !c.classList.contains('key')).map(top));
				if (lastKey > firstOther + 1) {
					out.problems.push(`table "${name(t)}": a key cell comes after another cell in a stacked row`);
					break;
				}
			}
		}
		if (missing.size) {
			out.hiddenTables++;
			out.problems.push(`table "${name(t)}": key column out of view: ${[...missing].join(', ')}`);
		}
	}

	// Sideways scrolling tables: a named tab stop, the first column staying in view.
	for (const f of document.querySelectorAll('figure.table, details.chart-data table')) {
		if (f.scrollWidth <= f.clientWidth) continue;
		const problems = [];
		if (f.tabIndex < 0) problems.push('not focusable');
		if (!f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby')) problems.push('no accessible name');
		f.scrollLeft = f.scrollWidth;
		const fb = f.getBoundingClientRect();
		for (const tr of f.querySelectorAll('tr')) {
			const c = tr.cells[0];
			if (c && c.getBoundingClientRect().left < fb.left - 1) { problems.push('first column scrolls away'); break; }
		}
		f.scrollLeft = 0;
		if (problems.length) out.problems.push(`scrolling table "${name(f)}": ${problems.join(', ')}`);
	}

	// Words broken between two letters, and labels set one word a line.
	const range = document.createRange();
	const lineOf = (node, i) => {
		range.setStart(node, i);
		range.setEnd(node, i + 1);
		const rs = range.getClientRects();
		return rs.length ? rs[0].top : null;
	};
	const texts = (el) => {
		const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		const list = [];
		for (let n = w.nextNode(); n; n = w.nextNode()) list.push(n);
		return list;
	};
	const sel = '.card-label, .card-value, .card-note, th, td, caption, h1, h2, h3, dl.scenarios dt';
	for (const el of document.querySelectorAll(sel)) {
		if (el.getBoundingClientRect().width === 0) continue;
		for (const node of texts(el)) {
			const s = node.data;
			// A word, or a figure with its sign and currency ("−$0.8bn", "1,450").
			const re = /[\u2212+$€£]*[\p{L}\p{N}](?:[\p{L}\p{N}'’%]|[.,](?=\p{N}))*/gu;
			for (let m = re.exec(s); m; m = re.exec(s)) {
				let prev = lineOf(node, m.index);
				for (let i = m.index + 1; i < m.index + m[0].length; i++) {
					const top = lineOf(node, i);
					if (prev !== null && top !== null && top > prev + 2 &&
					    !/[-\u00ad\u2010\u2013\u2014/]/.test(s[i - 1])) {
						out.brokenWords++;
						out.problems.push(`word broken mid-letter in <${el.tagName.toLowerCase()} class="${el.className}">: ` +
							`"${s.slice(m.index, i)}/${s.slice(i, m.index + m[0].length)}"`);
						break;
					}
					prev = top;
				}
			}
		}
	}
	for (const el of document.querySelectorAll('tbody th, .card-label')) {
		if (el.getBoundingClientRect().width === 0) continue;
		// Each word's first and last line; two neighbours share a line if the one ends
		// on the line where the next begins.
		const spans = [];
		for (const node of texts(el)) {
			const re = /\S+/g;
			for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
				const a = lineOf(node, m.index), b = lineOf(node, m.index + m[0].length - 1);
				if (a !== null && b !== null) spans.push([a, b]);
			}
		}
		let shared = false;
		for (let i = 1; i < spans.length; i++)
			if (Math.abs(spans[i][0] - spans[i - 1][1]) < 2) shared = true;
		if (spans.length >= 3 && !shared)
			out.problems.push(`one word a line (${spans.length} words): "${el.textContent.trim().slice(0, 50)}"`);
	}

	// The navigation behind one control, no script.
	const nav = document.querySelector('nav.site-nav');
	if (nav) {
		const menu = nav.querySelector('details');
		const list = nav.querySelector('ol');
		if (!menu || menu.open || !menu.querySelector('summary'))
			out.problems.push('navigation: not a closed <details> with a <summary>');
		if (list && list.checkVisibility())
			out.problems.push('navigation: the section list shows before the control is opened');
		const h = nav.getBoundingClientRect().height;
		if (h > 4 * parseFloat(getComputedStyle(document.documentElement).fontSize))
			out.problems.push(`navigation: ${Math.round(h)} px tall`);
	}
	// Only the explorer runs scripts (its own two files).
	if (!location.pathname.endsWith('/explore.html') && document.querySelector('script'))
		out.problems.push('the page has a script');

	// The key figures in one screen.
	const cards = document.querySelector('.cards');
	if (cards) {
		out.cardsHeight = Math.round(cards.getBoundingClientRect().height);
		if (out.cardsHeight > H)
			out.problems.push(`cards: ${out.cardsHeight} px tall, more than one screen (${H} px)`);
	}
	return out;
}

(async () => {
	const site = path.resolve(process.argv[2]);
	// PHONE_SIZE (default 390x844) tries another screen.
	const [W, H] = (process.env.PHONE_SIZE || '390x844').split('x').map(Number);
	const browser = await launch();
	const tab = await browser.newPage({ viewport: { width: W, height: H } });
	let bad = 0, checked = 0, sideways = 0, hidden = 0, tables = 0, broken = 0;
	const cardHeights = [];
	for (const file of pages(site)) {
		await tab.goto('file://' + file, { waitUntil: 'load' });
		const r = await tab.evaluate(inspect, [W, H]);
		checked++;
		const rel = path.relative(site, file);
		if (r.width > W) {
			bad++;
			sideways++;
			console.log(`phone: ${rel}: ${r.width} px wide at ${W} px: ${r.wide.slice(0, 5).join('; ')}`);
		}
		for (const p of r.problems) { bad++; console.log(`phone: ${rel}: ${p}`); }
		hidden += r.hiddenTables;
		tables += r.tables;
		broken += r.brokenWords;
		if (r.cardsHeight !== null) cardHeights.push(`${rel} ${r.cardsHeight} px`);
	}
	await browser.close();
	console.log(`phone: ${checked} pages at ${W}x${H}: ${sideways} scroll sideways; ` +
		`${hidden} of ${tables} tables with a key column out of view; ${broken} words broken mid-letter; ` +
		`cards ${cardHeights.join(', ') || 'none'}; ${bad} problems`);
	process.exit(bad ? 1 : 0);
})().catch((e) => { console.error('phone: ' + e.message); process.exit(2); });
