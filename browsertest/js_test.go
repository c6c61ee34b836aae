package browsertest

// The scripts the test runs in the page through the DevTools protocol.
// The pages have no script of their own and their content security
// policy allows none; the protocol's evaluation is not a page script.

// heatJS returns every cell of every heatmap: its grid's organisation,
// its row's KPI and whether the row is a PI's, the month of its column,
// and what the cell shows.
const heatJS = `(() => {
  const out = [];
  for (const table of document.querySelectorAll('table.heat')) {
    const org = table.dataset.org;
    const months = [...table.tHead.rows[0].cells].slice(1).map(th => th.dataset.month);
    for (const tr of table.querySelectorAll('tbody tr[data-kpi]')) {
      [...tr.cells].slice(1).forEach((td, i) => {
        const tip = td.querySelector('.tip');
        out.push({
          org, kpi: tr.dataset.kpi, pi: tr.parentElement.classList.contains('pis'),
          month: months[i], cellMonth: td.dataset.month || '', status: td.dataset.status || '',
          text: [...td.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(''),
          blank: td.classList.contains('nf'), tabbable: td.tabIndex === 0,
          tip: tip ? tip.id : '', described: td.getAttribute('aria-describedby') || '',
          tipText: tip ? tip.textContent : '',
          bg: getComputedStyle(td).backgroundColor,
        });
      });
    }
  }
  return out;
})()`

// pubJS returns every marked cell of a reconciliation's tables, and the
// rows of its lists of findings.
const pubJS = `(() => ({
  cells: [...document.querySelectorAll('table.pub td[data-place]')].filter(td => td.dataset.verdict !== 'none').map(td => ({
    place: td.dataset.place, verdict: td.dataset.verdict, tabbable: td.tabIndex === 0,
    tip: (td.querySelector('.tip') || {}).id || '', described: td.getAttribute('aria-describedby') || '',
    tipText: (td.querySelector('.tip') || {}).textContent || '',
  })),
  listed: [...document.querySelectorAll('table.findings tr[data-place]')].map(tr => ({
    place: tr.dataset.place, link: (tr.querySelector('a') || {}).hash || '',
  })),
}))()`

// focusJS describes the element that has the focus and its explanation:
// whether the explanation shows, and where, within the window.
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || !el.matches('td.c')) return {cell: false, tag: el ? el.tagName : ''};
  const tip = el.querySelector('.tip');
  const shown = [...el.closest('table').querySelectorAll('.tip')].filter(t => getComputedStyle(t).display !== 'none').map(t => t.id);
  const r = tip.getBoundingClientRect();
  return {cell: true, id: tip.id, place: el.dataset.place || ((el.closest('tr') || {}).dataset || {}).kpi + ' ' + (el.dataset.month || ''),
    display: getComputedStyle(tip).display, left: r.left, right: r.right, width: r.width, height: r.height,
    innerWidth: window.innerWidth, shown};
})()`

// tipAtJS focuses the n-th explained cell with focus() and describes it
// as focusJS does.
const tipAtJS = `(n) => {
  const cells = document.querySelectorAll('td.c[tabindex="0"]');
  const el = cells[n];
  el.scrollIntoView({block: 'center'});
  el.focus();
  return ` + focusJS + `;
}`

// centreJS scrolls the n-th explained cell into view and returns the
// middle of its box in the window, where the mouse is put.
const centreJS = `(n) => {
  const el = document.querySelectorAll('td.c[tabindex="0"]')[n];
  el.scrollIntoView({block: 'center'});
  const r = el.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2, id: el.querySelector('.tip').id};
}`

// tipShownJS reports whether the explanation with the given id shows.
const tipShownJS = `(id) => getComputedStyle(document.getElementById(id)).display !== 'none'`

// contrastJS checks the contrast of every piece of text the page shows
// against what is behind it, and of the status colours against the
// page: WCAG 2's contrast ratio, 4.5:1 for text (3:1 for large text:
// 24px, or 18.66px bold) and 3:1 for the colours of graphics (the
// heatmap's and the reconciliation's status colours, the charts'
// markers). Text that is not rendered, or rendered for screen readers
// only (clipped away), is skipped. It returns how much it checked and
// the first failures.
const contrastJS = `(() => {
  const parse = c => {
    const m = /rgba?\(([^)]*)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const white = {r: 255, g: 255, b: 255, a: 1};
  const backs = new Map();
  const back = el => {
    if (!el || el.nodeType !== 1) return white;
    if (backs.has(el)) return backs.get(el);
    let b = back(el.parentElement);
    const c = parse(getComputedStyle(el).backgroundColor);
    if (c && c.a > 0) b = over(c, b);
    backs.set(el, b);
    return b;
  };
  const css = c => 'rgb(' + [c.r, c.g, c.b].map(Math.round).join(',') + ')';
  const fails = [];
  let texts = 0, colours = 0;
  const fail = (what, fg, bg, r, need) => { if (fails.length < 20) fails.push({what: what.slice(0, 80), fg: css(fg), bg: css(bg), ratio: Math.round(r * 100) / 100, need}); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || el.closest('title, style, desc')) continue;
    if (el.getClientRects().length === 0) continue;
    const hidden = el.closest('.vh');
    if (hidden) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
    const svg = el.closest('svg');
    const fg = parse(svg ? cs.fill : cs.color);
    if (!fg) continue;
    const bg = back(svg ? svg.parentElement : el);
    const size = parseFloat(cs.fontSize) * (svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1);
    const large = size >= 24 || (Number(cs.fontWeight) >= 700 && size >= 18.66);
    const need = large ? 3 : 4.5;
    const r = ratio(over(fg, bg), bg);
    texts++;
    if (r < need) fail(n.textContent.trim(), fg, bg, r, need);
  }
  const graphics = [...document.querySelectorAll('table.heat td.c:not(.f), table.pub td.c.ok, table.pub td.c.bad, table.pub td.c.warn, table.pub td.c.unc, .mg, .ma, .mr, .sw.g, .sw.a, .sw.r')];
  const seen = new Set();
  for (const el of graphics) {
    const cs = getComputedStyle(el);
    const c = parse(el instanceof SVGElement ? cs.fill : cs.backgroundColor);
    if (!c || seen.has(css(c))) continue;
    seen.add(css(c));
    colours++;
    const r = ratio(c, back(el.parentElement));
    if (r < 3) fail('status colour of ' + (el.className.baseVal !== undefined ? el.className.baseVal : el.className), c, back(el.parentElement), r, 3);
  }
  return {texts, colours, fails};
})()`

// overflowJS reports whether the page, or any box within it that
// scrolls, is wider than the window: what would need a horizontal
// scroll bar.
const overflowJS = `(() => {
  const d = document.documentElement;
  const boxes = [...document.querySelectorAll('*')].filter(el => {
    const o = getComputedStyle(el).overflowX;
    return (o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1;
  }).map(el => (el.firstElementChild || el).className || el.tagName);
  return {page: d.scrollWidth, window: d.clientWidth, boxes: boxes.slice(0, 10)};
})()`

// rowsJS returns every table row of the page, in order (the rows the
// tagged PDF's TR elements are): its text, and whether it is a table's
// head, which printing repeats at the top of each page the table runs
// over.
const rowsJS = `[...document.querySelectorAll('tr')].map(tr => ({
  text: tr.innerText.replace(/\s+/g, ' ').trim().slice(0, 80),
  head: tr.parentElement.tagName === 'THEAD',
}))`
