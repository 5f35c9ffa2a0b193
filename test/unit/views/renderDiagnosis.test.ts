import { describe, expect, it } from 'vitest';
import { renderDiagnosis } from '../../../src/views/renderDiagnosis';
import type { RunDiagnosis } from '../../../src/domain/diagnosis/runDiagnosis';

const stuck: RunDiagnosis = {
  diagnosedAt: '2026-11-21T12:00:00.000Z',
  state: 'stuck',
  lastProgressAt: '2026-11-21T09:30:00.000Z',
  stuckForMinutes: 150,
  causes: [
    {
      kind: 'MemberPendingMaintenanceWindow',
      subject: 'prod-1',
      until: '2026-11-22T01:00:00.000Z',
      message: 'Member prod-1 is Pending <script>alert(1)</script>',
      evidence: { configuration: 'aksManagedAutoUpgradeSchedule' },
      fix: 'Widen the window',
    },
  ],
  inFlight: [],
  unread: [{ what: 'warningEvents', subject: 'workspace w', error: 'HTTP 503' }],
};

describe('renderDiagnosis: the run page section', () => {
  it('shows the cause with since/until, the fix, the evidence and what could not be read, escaped', () => {
    const out = renderDiagnosis(stuck).safeHtml;
    expect(out).toContain('Why is this run not progressing?');
    expect(out).toContain('Stuck');
    expect(out).toContain('150 min');
    expect(out).toContain('MemberPendingMaintenanceWindow');
    expect(out).toContain('Widen the window');
    expect(out).toContain('aksManagedAutoUpgradeSchedule');
    expect(out).toContain('HTTP 503');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;');
  });

  it('renders nothing for a run with nothing to explain', () => {
    expect(renderDiagnosis({ ...stuck, state: 'progressing', causes: [], unread: [] }).safeHtml).toBe('');
    expect(renderDiagnosis(undefined).safeHtml).toBe('');
  });
});
