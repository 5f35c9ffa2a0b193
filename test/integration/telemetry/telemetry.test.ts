import { afterEach, describe, expect, it } from 'vitest';
import type { Attributes } from '@opentelemetry/api';
import type { MetricData } from '@opentelemetry/sdk-metrics';
import { advanceClock, armRequests, control } from '../../support/emulatorControl';
import { captureTelemetry, type TelemetryCapture } from '../../support/telemetryCapture';
import { startReleaseWorld, type ReleaseTestWorld } from '../releases/releaseWorld';
import { METRIC, SPAN } from '../../../src/adapters/telemetry/ConductorTelemetry';

let world: ReleaseTestWorld | undefined;
let capture: TelemetryCapture | undefined;
afterEach(async () => {
  await world?.stop();
  await capture?.shutdown();
  world = undefined;
  capture = undefined;
});

const RUN = 'k8s-1-33-4';
const APPROVAL_KEY = Buffer.alloc(32, 7).toString('base64'); // releaseWorld's approval signing key

/** Written independently of the app's sanitizer: keys and values that must never be exported. */
const DENIED_KEYS = /token|secret|key|sig|password|passwd|authorization|credential|cookie|principal|connection|bearer/i;
const SECRET_LIKE = [/eyJ[A-Za-z0-9_-]{8,}\./, /bearer\s/i, /[?&](sig|code|token)=/i, /AccountKey=|InstrumentationKey=/i, /[A-Za-z0-9+/]{40,}/];

const points = (metrics: readonly MetricData[], name: string): { attributes: Attributes; value: unknown }[] =>
  metrics.filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })));

describe('telemetry of an end-to-end run (in-memory exporters)', () => {
  it('a release is evaluated, run, gated, approved and completed: spans and metrics carry fleet, run and gate, and nothing secret', async () => {
    capture = captureTelemetry();
    world = await startReleaseWorld({ channel: 'rapid' }, {}, true, { approval: {}, telemetry: capture.wiring });
    const w = world;
    // One throttled answer on the subscription's cluster list: counted, then retried by the SDK.
    await control(w.emulator, 'POST', '/_emulator/faults', { service: 'arm', method: 'GET', pathPattern: 'managedClusters$', status: 429, retryAfterSeconds: 0, times: 1 });

    await advanceClock(w.emulator, 3700); // 1.33.4 in two of three regions: wait
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'noRun', outcome: 'wait' });
    const throttled = (await armRequests(w.emulator)).filter((r) => r.status === 429);
    expect(throttled).toHaveLength(1);
    await advanceClock(w.emulator, 3600);
    expect((await w.services.pollReleases(w.log)).fleets[0]?.outcome).toMatchObject({ kind: 'runStarted', runName: RUN });

    const pendingLink = async (): Promise<string | undefined> => (await w.services.getRunDetail('fleet-rel', RUN, { operator: true }))?.approvals.find((a) => a.link !== undefined)?.link;
    for (let minute = 0; minute < 30 && (await pendingLink()) === undefined; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
    }
    const link = await pendingLink();
    if (!link) throw new Error('no pending approval');
    const token = new URL(link).pathname.split('/').pop() ?? '';
    const alice = { name: 'alice@contoso.com', objectId: '0b6f3c1e-0000-4000-8000-00000000a11c', groups: [] };
    const page = await w.services.getApprovalPage(token, alice, w.log);
    if (page.kind !== 'page') throw new Error(`no approval page: ${page.kind}`);
    await advanceClock(w.emulator, 300); // alice takes five minutes
    expect(await w.services.decideApproval({ token, principal: alice, decision: 'approve', comment: 'ok', evidenceVersion: page.view.evidenceVersion, formToken: page.view.formToken }, w.log)).toMatchObject({ kind: 'decided' });
    let state = '';
    for (let minute = 0; minute < 60 && state !== 'Completed'; minute++) {
      await advanceClock(w.emulator, 60);
      await w.services.reconcileAllFleets(w.log);
      state = (await w.fleet.getUpdateRun(`/subscriptions/${'00000000-0000-0000-0000-0000000000e6'}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/fleet-rel`, RUN))?.state ?? '';
    }
    expect(state).toBe('Completed');
    const gateId = (await w.services.getRunDetail('fleet-rel', RUN))?.gates[0]?.state.gate.gateId;
    expect(gateId).toMatch(/^[0-9a-f-]{36}$/);

    // Spans: one per use case call, decisions nested under the call that made them.
    const spans = capture.spans();
    const names = new Set(spans.map((s) => s.name));
    for (const name of ['conductor.pollReleases', 'conductor.reconcileAllFleets', 'conductor.getApprovalPage', 'conductor.decideApproval', 'conductor.getRunDetail', SPAN.releaseEvaluation, SPAN.gateDecision, SPAN.runFinished]) {
      expect(names, name).toContain(name);
    }
    const evaluations = spans.filter((s) => s.name === SPAN.releaseEvaluation);
    expect(evaluations[0]?.attributes).toMatchObject({ 'conductor.fleet': 'fleet-rel', 'conductor.release.outcome': 'wait', 'conductor.release.reason': 'NotInAllRegions' });
    const polls = new Set(spans.filter((s) => s.name === 'conductor.pollReleases').map((s) => s.spanContext().spanId));
    expect(evaluations.every((e) => polls.has(e.parentSpanContext?.spanId ?? ''))).toBe(true);
    const decisions = spans.filter((s) => s.name === SPAN.gateDecision);
    expect(decisions.map((d) => `${String(d.attributes['conductor.gate.phase'])}>${String(d.attributes['conductor.gate.next_phase'])}`)).toContain('AwaitingApproval>Approving');
    expect(decisions.at(-1)?.attributes).toMatchObject({ 'conductor.fleet': 'fleet-rel', 'conductor.run': RUN, 'conductor.gate': gateId, 'conductor.gate.policy': 'dev-health', 'conductor.gate.next_phase': 'Passed' });
    const reconciles = new Set(spans.filter((s) => s.name === 'conductor.reconcileAllFleets').map((s) => s.spanContext().spanId));
    expect(decisions.filter((d) => reconciles.has(d.parentSpanContext?.spanId ?? '')).length).toBeGreaterThan(0);
    expect(spans.find((s) => s.name === SPAN.runFinished)?.attributes).toMatchObject({ 'conductor.fleet': 'fleet-rel', 'conductor.run': RUN, 'conductor.run.outcome': 'Completed', 'conductor.target.version': '1.33.4' });
    expect(spans.filter((s) => s.name === SPAN.runFinished)).toHaveLength(1); // later reconciles do not count it again

    // Metrics.
    const metrics = await capture.metrics();
    expect(points(metrics, METRIC.runsFinished)).toEqual([{ attributes: { 'conductor.fleet': 'fleet-rel', 'conductor.run.outcome': 'Completed', 'conductor.target.kind': 'kubernetes' }, value: 1 }]);
    expect(points(metrics, METRIC.gatesDecided)).toEqual([{ attributes: { 'conductor.fleet': 'fleet-rel', 'conductor.gate.policy': 'dev-health', 'conductor.gate.outcome': 'Passed' }, value: 1 }]);
    expect(points(metrics, METRIC.checkVerdicts)).toContainEqual({ attributes: { 'conductor.fleet': 'fleet-rel', 'conductor.check.name': 'nodes', 'conductor.check.type': 'nodes-ready', 'conductor.check.verdict': 'Successful', 'conductor.check.dry_run': false }, value: 1 });
    const phases = points(metrics, METRIC.gatePhaseDuration).map((p) => `${String(p.attributes['conductor.gate.phase'])}>${String(p.attributes['conductor.gate.next_phase'])}`);
    expect(phases).toEqual(expect.arrayContaining(['Checking>AwaitingApproval', 'AwaitingApproval>Approving', 'Approving>Passed']));
    const wait = points(metrics, METRIC.approvalWait);
    expect(wait).toHaveLength(1);
    expect(wait[0]?.attributes).toEqual({ 'conductor.fleet': 'fleet-rel', 'conductor.gate.policy': 'dev-health', 'conductor.approval.outcome': 'Approving' });
    expect((wait[0]?.value as { sum: number }).sum).toBeGreaterThanOrEqual(300);
    const completion = points(metrics, METRIC.releaseToCompletion);
    expect(completion.map((p) => p.attributes)).toEqual([{ 'conductor.fleet': 'fleet-rel', 'conductor.target.kind': 'kubernetes', 'conductor.target.version': '1.33.4' }]);
    // First seen by the first poll (eastus, westeurope); the run started an hour later and took the gated stages' minutes.
    const seconds = (completion[0]?.value as { sum: number }).sum;
    expect(seconds).toBeGreaterThan(3600);
    expect(seconds).toBeLessThan(3600 + 60 * 60);
    expect(points(metrics, METRIC.releaseEvaluations).map((p) => p.attributes['conductor.release.outcome'])).toEqual(expect.arrayContaining(['wait', 'createRun']));
    expect(points(metrics, METRIC.armThrottled)).toEqual([{ attributes: { 'conductor.arm.resource_type': 'Microsoft.ContainerService/managedClusters', 'http.request.method': 'GET' }, value: 1 }]);

    // No secret in any attribute: keys against a deny-list, values against credential shapes and this world's secrets.
    const everyAttribute = [...spans.map((s) => s.attributes), ...metrics.flatMap((m) => m.dataPoints.map((p) => p.attributes))];
    const secrets = [APPROVAL_KEY, token, page.view.formToken];
    for (const attributes of everyAttribute) {
      for (const [key, value] of Object.entries(attributes)) {
        expect(key).not.toMatch(DENIED_KEYS);
        const text = String(value);
        for (const re of SECRET_LIKE) expect(text, key).not.toMatch(re);
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    }
  });
});
