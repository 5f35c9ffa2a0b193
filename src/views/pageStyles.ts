import { trustedHtml, type SafeHtml } from './html';

/**
 * The page's only stylesheet, inline so the page is one self-contained response (no static file route, works
 * saved to disk). State colours: Completed green, Running blue, Pending amber, Failed red, Skipped grey, Stopped dark.
 */
export const PAGE_STYLES: SafeHtml = trustedHtml(`
:root { --ok:#2b8a3e; --bad:#c92a2a; --warn:#d9480f; --active:#1864ab; --muted:#6c757d; --line:#dee2e6; --ink:#212529; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:#f4f5f7; }
main { max-width:1240px; margin:0 auto; padding:20px 24px 48px; }
h1 { font-size:24px; margin:4px 0 12px; display:flex; align-items:center; gap:12px; flex-wrap:wrap; }
h2 { font-size:18px; margin:0 0 12px; }
h2.small { font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:12px 0 4px; }
h3 { font-size:16px; margin:0 0 10px; display:flex; align-items:center; gap:8px; flex-wrap:wrap; }
h4 { font-size:13px; margin:16px 0 6px; text-transform:uppercase; letter-spacing:.04em; color:#495057; }
.panel, .run-header { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin-bottom:18px; }
.crumbs { color:var(--muted); font-size:13px; }
.run-name { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; word-break:break-all; }
.muted { color:var(--muted); font-weight:normal; }
.empty { color:var(--muted); font-style:italic; margin:6px 0; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:3px 14px; margin:0; }
dl.header-facts { grid-template-columns:max-content 1fr max-content 1fr; }
dt { color:var(--muted); } dd { margin:0; word-break:break-word; }
.reasons ul { margin:0; padding-left:20px; } .reasons li { margin:2px 0; }
.panel.held { background:#fff5f5; border:1px solid #ffc9c9; }
.attention { list-style:none; margin:14px 0 0; padding:0; }
.attention li { padding:8px 12px; border-radius:6px; margin-bottom:6px; background:#fff4e6; border:1px solid #ffd8a8; }
.attention li.tone-bad { background:#fff5f5; border-color:#ffc9c9; }
a { color:#1864ab; } .attention a { font-weight:600; }
nav.console-nav { margin:0 0 12px; font-size:13px; } form.filters { display:flex; gap:14px; align-items:center; margin:0 0 12px; }
table.runs, #members table, #runs table { border-collapse:collapse; width:100%; } table.runs th, table.runs td, #members th, #members td, #runs th, #runs td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); }
.member-summary { margin:12px 0 0; }
.badge, .pill { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:600; color:#fff; background:var(--muted); white-space:nowrap; }
.badge.big { font-size:14px; padding:3px 12px; }
.pill { font-weight:500; margin-right:4px; }
.tag { display:inline-block; border:1px solid var(--muted); color:var(--muted); border-radius:4px; padding:0 5px; font-size:11px; }
.state-completed { background:#2f9e44; } .state-running { background:#1c7ed6; } .state-pending { background:#f59f00; color:#212529; }
.state-notstarted { background:#e9ecef; color:#495057; } .state-failed { background:#e03131; } .state-skipped { background:#adb5bd; color:#212529; }
.state-stopped { background:#343a40; } .state-stopping { background:#5c636a; } .state-unknown { background:#868e96; }
.badge.tone-ok { background:var(--ok); } .badge.tone-bad { background:var(--bad); } .badge.tone-warn { background:#f08c00; }
.badge.tone-active { background:var(--active); } .badge.tone-muted { background:#868e96; }
.legend { display:flex; flex-wrap:wrap; gap:6px 16px; margin-top:10px; font-size:12.5px; color:#495057; align-items:center; }
.swatch { display:inline-block; width:14px; height:10px; border-radius:2px; vertical-align:-1px; margin-right:5px; }
.swatch.wait { background:repeating-linear-gradient(45deg,#2f9e44 0 3px,#b2f2bb 3px 6px); }
.swatch.diamond { width:10px; height:10px; transform:rotate(45deg); border-radius:1px; background:#495057; }
.swatch.held { height:3px; vertical-align:3px; background:#495057; }
.swatch.now { width:2px; height:14px; background:#7048e8; }
.chart { overflow-x:auto; }
svg.gantt { display:block; font-family:inherit; }
svg.gantt .row-band { fill:#f1f3f5; }
svg.gantt .row-label { font-size:12.5px; fill:#343a40; } svg.gantt .row-stage .row-label { font-weight:700; font-size:13px; fill:#212529; }
svg.gantt .row-member .row-label { fill:#495057; font-size:12px; }
svg.gantt .grid { stroke:#e9ecef; stroke-width:1; } svg.gantt .axis { stroke:#adb5bd; }
svg.gantt .tick, svg.gantt .axis-title { font-size:11px; fill:#6c757d; }
svg.gantt .bar { stroke:rgba(0,0,0,.15); stroke-width:1; }
svg.gantt .bar.state-completed { fill:#2f9e44; } svg.gantt .bar.state-running { fill:#1c7ed6; } svg.gantt .bar.state-pending { fill:#f59f00; }
svg.gantt .bar.state-failed { fill:#e03131; } svg.gantt .bar.state-skipped { fill:#adb5bd; } svg.gantt .bar.state-stopped { fill:#343a40; }
svg.gantt .bar.state-stopping { fill:#5c636a; } svg.gantt .bar.state-notstarted, svg.gantt .bar.state-unknown { fill:#868e96; }
svg.gantt .bar.open { stroke-dasharray:4 2; stroke:#212529; }
svg.gantt .bar-text { font-size:11px; fill:#495057; } svg.gantt .bar-text.after { paint-order:stroke; stroke:#fff; stroke-width:3px; stroke-linejoin:round; } svg.gantt .bar-text.inside { fill:#fff; font-weight:600; }
svg.gantt .bar-text.inside.state-pending, svg.gantt .bar-text.inside.state-skipped { fill:#212529; }
svg.gantt .not-started { font-size:11.5px; fill:#868e96; font-style:italic; }
svg.gantt .wait { fill:url(#hatch); stroke:#2b8a3e; stroke-width:1; }
svg.gantt .hatch-bg { fill:#b2f2bb; } svg.gantt .hatch-line { stroke:#2f9e44; stroke-width:3; }
svg.gantt .diamond { stroke:#212529; stroke-width:1.2; }
svg.gantt .gate-label { font-size:11.5px; font-weight:600; paint-order:stroke; stroke:#fff; stroke-width:3px; stroke-linejoin:round; }
svg.gantt .gate.tone-ok .diamond, svg.gantt .gate.tone-ok .gate-held { fill:#2b8a3e; } svg.gantt .gate.tone-ok .gate-label { fill:#2b8a3e; }
svg.gantt .gate.tone-bad .diamond, svg.gantt .gate.tone-bad .gate-held { fill:#c92a2a; } svg.gantt .gate.tone-bad .gate-label { fill:#c92a2a; }
svg.gantt .gate.tone-warn .diamond, svg.gantt .gate.tone-warn .gate-held { fill:#e8590c; } svg.gantt .gate.tone-warn .gate-label { fill:#d9480f; }
svg.gantt .gate.tone-active .diamond, svg.gantt .gate.tone-active .gate-held { fill:#1864ab; } svg.gantt .gate.tone-active .gate-label { fill:#1864ab; }
svg.gantt .gate.tone-muted .diamond, svg.gantt .gate.tone-muted .gate-held { fill:#868e96; } svg.gantt .gate.tone-muted .gate-label { fill:#6c757d; }
svg.gantt .gate.tone-foreign .diamond { fill:#fff; stroke:#495057; } svg.gantt .gate.tone-foreign .gate-label { fill:#495057; font-weight:normal; }
svg.gantt .now line { stroke:#7048e8; stroke-width:1.5; stroke-dasharray:5 3; } svg.gantt .now text { fill:#7048e8; font-size:11px; font-weight:600; }
.gate-card { background:#fff; border:1px solid var(--line); border-left:6px solid #868e96; border-radius:8px; padding:14px 18px; margin-bottom:14px; }
.gate-card.tone-ok { border-left-color:var(--ok); } .gate-card.tone-bad { border-left-color:var(--bad); }
.gate-card.tone-warn { border-left-color:#f08c00; } .gate-card.tone-active { border-left-color:var(--active); }
table { border-collapse:collapse; width:100%; margin:4px 0 8px; font-size:13px; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid #e9ecef; vertical-align:top; }
th { background:#f8f9fa; font-weight:600; color:#495057; font-size:12px; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
td.time, td.nowrap { white-space:nowrap; font-variant-numeric:tabular-nums; color:#495057; }
tr.tone-bad td { background:#fff5f5; } tr.tone-warn td { background:#fff9db; } tr.tone-muted td { color:var(--muted); }
.cluster { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
.measurement { margin-top:8px; }
details.evaluation { border:1px solid var(--line); border-radius:6px; padding:6px 12px; margin:8px 0; background:#fcfcfd; }
details.evaluation.tone-bad { border-color:#ffc9c9; background:#fffafa; }
details.evaluation > summary { cursor:pointer; padding:2px 0; }
.rule, .window, .rows-note { margin:6px 0; font-size:13px; color:#495057; }
.query-label { font-size:12px; color:var(--muted); margin-top:8px; }
pre.kql { background:#1e1e2e; color:#e6e6f0; padding:10px 12px; border-radius:6px; overflow-x:auto; white-space:pre-wrap; overflow-wrap:anywhere; margin:4px 0 8px; line-height:1.4; }
.error { color:var(--bad); font-weight:600; }
.decision { margin:0 0 10px; padding:8px 12px; border-radius:6px; background:#f8f9fa; }
.decision.tone-bad { background:#fff5f5; color:#862e2e; } .decision.tone-ok { background:#ebfbee; color:#1b5e20; } .decision.tone-warn { background:#fff4e6; color:#8a3c00; } .note { color:#495057; }
.kv { display:inline-block; font-size:11.5px; color:#495057; background:#f1f3f5; border-radius:4px; padding:0 6px; margin:2px 4px 0 0; }
.scope { font-size:12px; color:#495057; background:#f1f3f5; border-radius:4px; padding:0 6px; }
footer { color:var(--muted); font-size:12px; text-align:center; margin-top:24px; }
`);
