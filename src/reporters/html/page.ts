import { html, raw, type SafeHtml } from './escape.js';

/** System fonts only: the report must render offline, with no request leaving the file. */
const CSS = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d8dce4; --bg: #ffffff; --panel: #f6f7f9; --accent: #2f5fb3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 20px 28px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
main { padding: 8px 28px 40px; max-width: 1400px; }
section { margin-top: 28px; }
h2 { font-size: 18px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
p.note { color: var(--muted); margin: 0 0 10px; max-width: 900px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; vertical-align: middle; }
th { background: var(--panel); font-weight: 600; }
td.name, th.name { text-align: left; white-space: nowrap; }
td.text { text-align: left; max-width: 560px; }
.rate { white-space: nowrap; }
.rate small { color: var(--muted); }
.rate svg { display: block; margin-top: 2px; }
.scroll { overflow-x: auto; }
.heat td.cell { min-width: 64px; text-align: center; font-variant-numeric: tabular-nums; }
.heat td.na { background: repeating-linear-gradient(45deg, #eceef2, #eceef2 4px, #f8f9fb 4px, #f8f9fb 8px); color: var(--muted); font-style: italic; }
.heat th.tag { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; font-weight: 500; padding: 6px 4px; }
.legend { display: flex; align-items: center; gap: 8px; margin: 8px 0; color: var(--muted); }
.legend .ramp { width: 160px; height: 12px; border: 1px solid var(--line); background: linear-gradient(90deg, hsl(130 55% 78%), hsl(55 85% 75%), hsl(0 75% 72%)); }
.legend .na-swatch { width: 24px; height: 12px; border: 1px solid var(--line); background: repeating-linear-gradient(45deg, #eceef2, #eceef2 4px, #f8f9fb 4px, #f8f9fb 8px); }
.cards { display: flex; flex-wrap: wrap; gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px 12px; background: var(--bg); }
.card h3 { margin-top: 4px; }
td.good { background: hsl(130 50% 88%); }
td.bad { background: hsl(0 70% 88%); }
.chart svg { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
details.stop { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; background: var(--bg); }
details.stop > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
details.stop[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
details.stop .body { padding: 8px 14px 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #e7eaf0; margin-right: 4px; }
.badge.false-done, .badge.false-blocked { background: hsl(0 70% 88%); }
.badge.error { background: hsl(35 90% 85%); }
pre { white-space: pre-wrap; word-break: break-word; background: var(--panel); padding: 8px; border-radius: 4px; margin: 4px 0 8px; max-height: 320px; overflow: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 8px; }
dt { color: var(--muted); }
dd { margin: 0; }
code { background: var(--panel); border: 1px solid var(--line); padding: 0 4px; border-radius: 3px; font-size: 13px; }
.controls { margin: 6px 0 10px; display: flex; gap: 10px; align-items: center; }
`;

/** Filter the drill-down by judge and open or close every entry; the report reads fine without it. */
const SCRIPT = `
(function () {
  var select = document.getElementById('stop-filter');
  var toggle = document.getElementById('stop-toggle');
  var items = Array.prototype.slice.call(document.querySelectorAll('details.stop'));
  if (select) select.addEventListener('change', function () {
    items.forEach(function (d) { d.hidden = select.value !== '' && d.getAttribute('data-judge') !== select.value; });
  });
  if (toggle) toggle.addEventListener('click', function () {
    var open = !items.some(function (d) { return d.open; });
    items.forEach(function (d) { if (!d.hidden) d.open = open; });
    toggle.textContent = open ? 'Close all' : 'Open all';
  });
})();
`;

export interface PageSection {
  id: string;
  title: string;
  body: SafeHtml;
}

/** One self-contained document: inline CSS, inline script, inline SVG; nothing fetched. */
export function renderPage(title: string, subtitle: string, sections: readonly PageSection[]): string {
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p>${subtitle}</p>
<nav>${sections.map((s) => html`<a href="#${s.id}">${s.title}</a>`)}</nav>
</header>
<main>
${sections.map((s) => html`<section id="${s.id}">
<h2>${s.title}</h2>
${s.body}
</section>
`)}
</main>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
