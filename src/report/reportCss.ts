/**
 * The review's stylesheet, inlined. System fonts only (no web font to fetch); cards on screen, plain
 * white pages in print (A4, no navigation, a card never split when it fits on a page).
 */
export const REPORT_CSS = `
:root {
  --ink: #1f2933; --muted: #5f6b7a; --line: #dde3ea; --paper: #ffffff; --bg: #f3f5f8;
  --brand: #1d3557; --accent: #2f6690; --ok: #2e7d4f; --ok-bg: #e8f5ec; --warn: #9a5b00; --warn-bg: #fff4e0;
  --bad: #b3261e; --bad-bg: #fdecea;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.hero { background: var(--brand); color: #fff; padding: 28px 0 22px; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .8; margin: 0 0 4px; }
.hero h1 { margin: 0 0 8px; font-size: 28px; line-height: 1.2; font-weight: 650; }
.hero .meta { margin: 0; font-size: 14px; opacity: .9; }
.hero .meta span + span::before { content: "·"; margin: 0 10px; opacity: .7; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 10; }
nav.toc ol { list-style: none; margin: 0 auto; padding: 8px 24px; max-width: 1120px; display: flex; flex-wrap: wrap; gap: 4px 6px; }
nav.toc a { display: inline-block; padding: 4px 10px; border-radius: 999px; color: var(--accent); text-decoration: none; font-size: 13px; }
nav.toc a:hover { background: #e8eef5; }
main.wrap { padding-top: 8px; padding-bottom: 24px; }
section.card { scroll-margin-top: 96px; background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 22px 26px; margin: 18px 0; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
h2 { font-size: 21px; margin: 0 0 12px; color: var(--brand); line-height: 1.25; }
h3 { font-size: 17px; margin: 22px 0 8px; }
h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 16px 0 6px; }
p { margin: 0 0 10px; }
.lead { font-size: 15px; color: var(--muted); max-width: 80ch; }
.note { font-size: 13px; color: var(--muted); max-width: 90ch; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 4px 0 18px; }
.tile { border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: #fafbfc; }
.tile .label { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.tile .value { font-size: 22px; font-weight: 650; line-height: 1.25; margin-top: 2px; overflow-wrap: anywhere; }
.tile .value.small { font-size: 15px; font-weight: 600; }
.tile .sub { font-size: 13px; color: var(--muted); }
.narrow { max-width: 720px; }
.callout { border-radius: 10px; padding: 12px 16px; margin: 8px 0 16px; }
.callout h3 { margin: 0 0 6px; font-size: 15px; }
.callout ul { margin: 0; padding-left: 20px; }
.callout.alerts { background: var(--warn-bg); border: 1px solid #f1cf95; }
.callout.alerts h3 { color: var(--warn); }
.callout.calm { background: var(--ok-bg); border: 1px solid #b9dfc5; color: var(--ok); }
.callout.info { background: #eef3f9; border: 1px solid #cfdbea; color: #284b6e; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; padding: 1px 7px; border-radius: 999px; vertical-align: 1px; }
.badge.alert { background: var(--bad); color: #fff; }
.badge.new { background: #e0ecf7; color: #1d4f7a; }
.badge.gone { background: #eceff3; color: #4b5563; }
ul.headlines { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
ul.headlines li { display: grid; grid-template-columns: 14px minmax(160px, 240px) 72px 1fr; gap: 10px; align-items: baseline; padding: 8px 0; border-bottom: 1px solid var(--line); }
ul.headlines li:last-child { border-bottom: 0; }
ul.headlines a { color: var(--ink); font-weight: 650; text-decoration: none; }
ul.headlines .share { font-variant-numeric: tabular-nums; font-weight: 600; text-align: right; }
ul.headlines .tagline { color: var(--muted); }
.dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; background: var(--seg, #bbb); flex: none; }
.suppressed { color: var(--muted); font-style: italic; }
ul.plain { list-style: none; padding: 0; margin: 6px 0; }
.table-wrap { overflow-x: auto; margin: 6px 0 14px; }
table.data { border-collapse: collapse; width: 100%; font-size: 14px; }
table.data th, table.data td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.data th { background: #eef2f6; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: #3d4a5a; font-weight: 650; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data td.num { white-space: nowrap; }
table.data tbody tr:nth-child(even) td { background: #fafbfc; }
table.data tr.base td { font-weight: 650; border-top: 2px solid #c3ccd6; background: #f3f6f9; }
table.data tr.muted td { color: var(--muted); font-style: italic; }
table.kpis { font-size: 13px; }
table.kpis th, table.kpis td { padding: 6px 8px; }
table.kpis th.num { text-transform: none; letter-spacing: 0; font-size: 12px; }
table.kpis td:last-child, table.kpis th:last-child { background: #f3f6f9; border-left: 2px solid #c3ccd6; }
table.kpis { font-size: 13px; }
table.kpis th { min-width: 84px; }
table.kpis td:first-child { min-width: 170px; }
table.kpis td:first-child, table.kpis th:first-child { position: sticky; left: 0; background: #fff; }
table.kpis th:first-child { background: #eef2f6; }
.name-cell { display: inline-flex; gap: 8px; align-items: baseline; }
dl.defs { display: grid; grid-template-columns: minmax(160px, 240px) 1fr; gap: 4px 16px; font-size: 13px; margin: 8px 0 0; }
dl.defs dt { font-weight: 650; }
dl.defs dd { margin: 0; color: var(--muted); }
.figure { margin: 8px 0 12px; }
.seglab-figure { width: 100%; }
.grid-2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 20px; }
article.persona { scroll-margin-top: 96px; border: 1px solid var(--line); border-left: 6px solid var(--seg, #bbb); border-radius: 10px; padding: 18px 20px; margin: 16px 0; background: #fff; }
article.persona > header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
article.persona h3 { margin: 0; font-size: 20px; }
.pill { display: inline-block; background: #eef2f6; color: #334155; border-radius: 999px; padding: 2px 10px; font-size: 13px; font-variant-numeric: tabular-nums; }
.tagline { font-size: 16px; color: #334155; margin: 8px 0 4px; font-style: italic; }
.apart { margin: 4px 0 10px; font-weight: 500; }
.persona-grid { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 8px 28px; }
dl.profile { margin: 0; }
dl.profile dt { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-top: 10px; font-weight: 650; }
dl.profile dd { margin: 2px 0 0; }
ul.risks { margin: 4px 0; padding-left: 20px; }
ul.risks li::marker { color: var(--bad); }
ol.actions { margin: 4px 0; padding-left: 20px; }
ol.actions li { margin-bottom: 8px; }
ol.actions .why { font-size: 13px; color: var(--muted); margin-top: 2px; }
ol.actions .why b { color: #3d4a5a; }
table.data.compact { font-size: 13px; }
table.data.compact th, table.data.compact td { padding: 5px 8px; }
footer.site { max-width: 1120px; margin: 0 auto; padding: 8px 24px 40px; color: var(--muted); font-size: 13px; }
footer.site h2 { font-size: 15px; color: var(--muted); margin: 10px 0 6px; }
footer.site ul { padding-left: 18px; margin: 4px 0 10px; }
@media (max-width: 820px) {
  .persona-grid, .grid-2 { grid-template-columns: 1fr; }
  ul.headlines li { grid-template-columns: 14px 1fr 64px; }
  ul.headlines .tagline { grid-column: 2 / 4; }
  dl.defs { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .hero { padding: 14px 0 12px; }
  .wrap, footer.site { padding-left: 0; padding-right: 0; max-width: none; }
  nav.toc { display: none; }
  section.card { border: 0; box-shadow: none; padding: 0; margin: 14px 0 18px; }
  h2 { break-after: avoid; border-bottom: 2px solid var(--brand); padding-bottom: 4px; }
  h3, h4 { break-after: avoid; }
  article.persona, .figure, .callout, .tiles, table.data tr { break-inside: avoid; }
  .persona-grid, .grid-2 { grid-template-columns: 1fr; }
  .table-wrap { overflow: visible; }
  /* every KPI column must fit the page width: no minimum widths, compact headers */
  table.kpis { font-size: 9.5px; }
  table.kpis th, table.kpis td, table.kpis td:first-child { padding: 3px 4px; min-width: 0; }
  table.kpis th { text-transform: none; letter-spacing: 0; font-size: 9.5px; }
  .seglab-figure { overflow: hidden; }
}
`;
