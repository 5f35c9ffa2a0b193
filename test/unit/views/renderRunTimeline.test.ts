import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../src/app/history/runDetail';
import { renderRunTimeline } from '../../../src/views/renderRunTimeline';
import { aRunDetail, aRunningRunDetail, CANARY_GATE_ID, DEV_GATE_ID, FIXTURE_NOW, RUNNING_NOW } from '../../support/runDetailFixture';

const render = (detail: RunDetail = aRunDetail(), now = FIXTURE_NOW): string => renderRunTimeline(detail, { now });
const count = (text: string, pattern: RegExp): number => [...text.matchAll(pattern)].length;
/** The part of the page between two markers (sections are rendered in a fixed order). */
const between = (text: string, from: string, to: string): string => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)));

const ALLOWED_TAGS = new Set([
  'a', 'nav', 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'footer', 'section', 'div', 'p', 'span', 'strong',
  'h1', 'h2', 'h3', 'h4', 'dl', 'dt', 'dd', 'ul', 'li', 'code', 'pre', 'time', 'details', 'summary',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'defs', 'pattern', 'rect', 'line', 'text', 'g', 'path',
]);

/**
 * Every `<` of the page must open a known tag whose attributes are all double-quoted with known names (no `on*`).
 * Escaped data contains no raw `<` or `"`, so anything injected would leave a `<` this grammar does not accept.
 */
function assertOnlyOurMarkup(page: string): void {
  const tag = /<\/?([a-z][a-z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:="[^"<]*")?)*)\s*\/?>/g;
  const attribute = /\s+([a-zA-Z][a-zA-Z0-9-]*)(?:="[^"<]*")?/g;
  for (const match of page.matchAll(tag)) {
    expect(ALLOWED_TAGS.has(match[1] ?? ''), `tag <${match[1]}>`).toBe(true);
    for (const attr of (match[2] ?? '').matchAll(attribute)) expect(attr[1]?.toLowerCase().startsWith('on'), `attribute ${attr[1]}`).toBe(false);
  }
  const leftover = page.replace(/^<!DOCTYPE html>/, '').replace(tag, '');
  expect(leftover.includes('<'), `unexpected markup near: ${leftover.slice(leftover.indexOf('<') - 60, leftover.indexOf('<') + 60)}`).toBe(false);
}

describe('renderRunTimeline', () => {
  it('is a complete HTML5 document without scripts', () => {
    const page = render();
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<title>k8s-1-33-4 · fleet-prod · Fleet Conductor</title>');
    expect(page).not.toMatch(/<script/i);
    assertOnlyOurMarkup(page);
  });

  it('has a markup check that would catch an injection', () => {
    const page = render();
    expect(() => assertOnlyOurMarkup(page.replace('<main>', '<main><img src=x onerror=alert(1)>'))).toThrow();
    expect(() => assertOnlyOurMarkup(page.replace('<main>', '<main><span onclick="x">'))).toThrow();
    expect(() => assertOnlyOurMarkup(page.replace('<main>', '<main><script>x</script>'))).toThrow();
  });

  it('uses the given title', () => {
    expect(renderRunTimeline(aRunDetail(), { now: FIXTURE_NOW, title: 'Run <1>' })).toContain('<title>Run &lt;1&gt;</title>');
  });

  it('shows the header: fleet, run, state, target, creation with the policy reasons, times', () => {
    const header = between(render(), '<header', '</header>');
    expect(header).toContain('fleet-prod');
    expect(header).toContain('k8s-1-33-4');
    expect(header).toContain('class="badge big state-stopped" data-state="Stopped">Stopped<');
    expect(header).toContain('Kubernetes 1.33.4');
    expect(header).toContain('fleet-conductor');
    expect(header).toContain('release (2 events), attempt 1');
    expect(header).toContain('<code>AtTarget</code> aks-dev-eu-3 already runs Kubernetes 1.33.4');
    expect(header).toContain('<code>MemberAutoUpgradeOn</code>');
    expect(header).toContain('2026-11-21 09:58:12 UTC');
    expect(header).toContain('2026-11-21 10:00:00 UTC');
    expect(header).toContain('2026-11-21 11:01:10 UTC');
    expect(header).toContain('<a href="#gate-0c1e2d3c-4b5a-4978-8a9b-acbdcedf0002">conductor:prod-health</a>');
    expect(header).toContain('5 Completed');
    expect(header).toContain('3 NotStarted');
  });

  it('draws one row per stage, group and member, a bar for each that started, gate diamonds and the wait', () => {
    const svg = between(render(), '<svg', '</svg>');
    expect(count(svg, /<g class="row row-stage"/g)).toBe(3);
    expect(count(svg, /<g class="row row-group"/g)).toBe(5);
    expect(count(svg, /<g class="row row-member"/g)).toBe(8);
    expect(count(svg, /<rect class="bar [^"]*" data-kind="stage"/g)).toBe(2);
    expect(count(svg, /<rect class="bar [^"]*" data-kind="group"/g)).toBe(3);
    expect(count(svg, /<rect class="bar [^"]*" data-kind="member"/g)).toBe(5);
    expect(svg).toContain('<rect class="bar state-stopped" data-kind="stage" data-state="Stopped"');
    expect(count(svg, /class="not-started"/g)).toBe(6);
    expect(svg).toContain('<g class="gate tone-ok" data-gate="conductor:dev-health" data-phase="Passed">');
    expect(svg).toContain('<g class="gate tone-bad" data-gate="conductor:prod-health" data-phase="Failed">');
    expect(count(svg, /<path class="diamond"/g)).toBe(2);
    expect(count(svg, /<rect class="wait"/g)).toBe(1);
    expect(svg).toContain('prod-health · Failed');
    expect(svg).toMatch(/<text class="tick"[^>]*>11-21 10:00<\/text>/);
    expect(svg).toMatch(/<text class="tick"[^>]*>10:30<\/text>/);
    expect(svg).toContain('now 11:05');
  });

  it('colours bars by state and draws unfinished ones to now while the run is active', () => {
    const svg = between(render(aRunningRunDetail(), RUNNING_NOW), '<svg', '</svg>');
    expect(svg).toContain('<rect class="bar state-running open" data-kind="member" data-state="Running"');
    expect(svg).toContain('<rect class="bar state-completed" data-kind="member"');
    expect(svg).toContain('now 10:53');
  });

  it('details the failed gate: phase history, tallies, per-cluster verdicts, exact query, window and rows', () => {
    const card = between(render(), `data-gate-id="${CANARY_GATE_ID}"`, '</section>');
    expect(card).toContain('<span class="badge tone-bad">Failed</span> conductor:prod-health');
    expect(card).toContain('after stage canary');
    expect(card).toContain('<code>prod-health</code>');
    expect(card).toContain('Failed at 2026-11-21 11:00:41 UTC');
    expect(card).toContain('nodes-ready failed on aks-canary-eu-2: 2 NotReady nodes (passes when value &lt;= 0)');
    expect(card).toMatch(/Checking → <span class="badge tone-bad">Failed<\/span><\/td><td><code>CheckFailed<\/code>/);
    expect(card).toMatch(/<td><strong>nodes-ready<\/strong><\/td><td><span class="badge tone-bad">Failed<\/span>.*?<td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td>/);
    expect(card).toMatch(/<tr class="tone-bad"><td><span class="cluster" title="[^"]*\/managedClusters\/aks-canary-eu-2">aks-canary-eu-2<\/span><\/td><td class="num">2<\/td><td><span class="badge tone-bad">Failed<\/span><\/td><td>ThresholdViolated<\/td>/);
    expect(card).toContain('<details class="evaluation tone-bad" open>');
    expect(card).toContain('<pre class="kql">let clusters = dynamic([&quot;/subscriptions/');
    expect(card).toContain('| extend IsReady = Status == &quot;Ready&quot; or Status startswith &quot;Ready,&quot;');
    expect(card).toContain('Window: <time datetime="2026-11-21T10:50:38.000Z">2026-11-21 10:50:38 UTC</time> → <time datetime="2026-11-21T11:00:38.000Z">');
    expect(card).toContain('<th>ClusterId</th><th class="num">Value</th><th class="num">Nodes</th>');
    expect(card).toContain('3 rows kept as evidence; none truncated.');
  });

  it('shows the passed gate with its successful evaluations folded', () => {
    const card = between(render(), `data-gate-id="${DEV_GATE_ID}"`, '</section>');
    expect(card).toContain('<span class="badge tone-ok">Passed</span> conductor:dev-health');
    expect(card).toContain('<details class="evaluation tone-ok">');
    expect(card).not.toContain(' open>');
  });

  it('says how many evidence rows were truncated and shows only the first ones', () => {
    const detail = aRunDetail();
    const [dev, canary] = detail.gates;
    if (dev === undefined || canary === undefined) throw new Error('fixture has two gates');
    const evaluation = canary.evidence[0]?.evaluations[0];
    if (evaluation === undefined) throw new Error('fixture has an evaluation');
    const rows = Array.from({ length: 50 }, (_, index) => [`node-${index}`, index]);
    const many = { ...evaluation, evidence: { ...evaluation.evidence, columns: ['Computer', 'Value'], rows, truncatedRows: 130 } };
    const gates = [dev, { ...canary, evidence: [{ ...canary.evidence[0]!, evaluations: [many] }] }];
    const page = render({ ...detail, gates });
    expect(page).toContain('50 rows kept as evidence; first 20 shown; 130 more rows were truncated when recorded.');
    expect(page).toContain('<td>node-19</td>');
    expect(page).not.toContain('<td>node-20</td>');
  });

  it('lists approvals, or says there are none', () => {
    expect(between(render(), 'id="approvals"', '</section>')).toContain('No approvals recorded');
    const request = {
      gateId: 'g-1',
      gate: 'conductor:dev-approval',
      policyId: 'dev-approval',
      requestId: 'r-1',
      requestedAt: '2026-11-21T10:00:00.000Z',
      expiresAt: '2026-11-21T12:00:00.000Z',
      channels: ['teams'],
      asked: { users: ['alice@contoso.com'], objectIds: [], groups: ['ops-group'], quorum: 1 },
      evidenceVersion: 4,
    };
    const approved = render({ ...aRunDetail(), approvals: [{ ...request, outcome: 'granted', closedAt: '2026-11-21T10:30:00.000Z', decisions: [{ by: 'alice@contoso.com', decision: 'approve', at: '2026-11-21T10:30:00.000Z', comment: 'dev <looks> fine', evidenceVersion: 5 }] }] });
    const section = between(approved, 'id="approvals"', '</section>');
    expect(section).toContain('approve by alice@contoso.com');
    expect(section).toContain('(evidence v5): “dev &lt;looks&gt; fine”');
    expect(section).toContain('alice@contoso.com, group ops-group');
    expect(section).not.toContain('approval page');
    const pending = render({ ...aRunDetail(), approvals: [{ ...request, decisions: [], link: 'https://conductor.example/api/approvals/abc.def' }] });
    expect(between(pending, 'id="approvals"', '</section>')).toContain('<a href="https://conductor.example/api/approvals/abc.def">approval page</a>');
  });

  it('tables the audit trail and the merged timeline', () => {
    const page = render();
    const audit = between(page, 'id="audit"', '</section>');
    expect(count(audit, /<tr><td class="time">/g)).toBe(9);
    expect(audit).toContain('<code>RunStopped</code>');
    expect(audit).toContain('<span class="kv">reason: CheckFailed</span>');
    const timeline = between(page, 'id="events"', '</section>');
    expect(count(timeline, /<tr class="scope-row">/g)).toBe(aRunDetail().timeline.length);
    expect(timeline).toContain('canary/canary-eu/aks-canary-eu-2');
  });

  it('is deterministic: the same input renders the same bytes', () => {
    expect(render()).toBe(render());
  });

  it('escapes a hostile run name, member name, query text and message everywhere, attributes included', () => {
    const page = render(aRunDetail({
      runName: `<script>alert("run")</script>`,
      failingMemberName: `"><img src=x onerror=alert('member')>`,
      queryPrefix: `</pre><script>alert("query")</script>\n`,
      failMessage: `<b onmouseover='alert(1)'>click</b> & "quoted"`,
    }));
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<b /i);
    expect(page).toContain('&lt;script&gt;alert(&quot;run&quot;)&lt;/script&gt;');
    expect(page).toContain('data-path="canary/canary-eu/&quot;&gt;&lt;img src=x onerror=alert(&#39;member&#39;)&gt;"');
    expect(page).toContain('<pre class="kql">&lt;/pre&gt;&lt;script&gt;alert(&quot;query&quot;)&lt;/script&gt;');
    expect(page).toContain('&lt;b onmouseover=&#39;alert(1)&#39;&gt;click&lt;/b&gt; &amp; &quot;quoted&quot;');
    assertOnlyOurMarkup(page);
  });
});
