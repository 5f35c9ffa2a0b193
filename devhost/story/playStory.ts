import { approveByLink } from './approveByLink';
import { storyFailures } from './storyOutcome';
import type { StoryClient } from './storyClient';
import type { StoryRunDetail } from './storyView';

export const STORY_FLEET = 'fleet-demo';
export const STORY_VERSION = '1.33.4';
/** Virtual seconds after publication at which the release reaches each region (Azure rolls out region by region). */
export const STORY_ROLLOUT: Readonly<Record<string, number>> = { eastus: 0, westeurope: 300, australiaeast: 900 };
/** The cluster that crash-loops after its upgrade (scenarios/demo-story.yaml healthRules), healed before the resume. */
const STORY_SICK_CLUSTER = 'aks-prod-westeurope-1';
/**
 * Virtual seconds the operator watches the healed cluster before resuming, as an operator confirms a fix holds. The
 * re-armed attempt measures from the resume in any case (its windows start no earlier than the re-arm).
 */
const STORY_WATCH_HEALED_SECONDS = 15 * 60;
const RESUME_REASON = 'payments-api fixed in West Europe (crash loop gone); resuming the rollout';

export interface StoryOptions {
  readonly client: StoryClient;
  /** true: wait for a person to approve in the browser; false: approve by the link after `approveAfterMs`. */
  readonly interactive: boolean;
  readonly approveAfterMs: number;
  /** Real-time budget for the whole story. */
  readonly timeoutMs: number;
  /** A line of the story as it happens (the terminal view shows it; the log keeps it). */
  readonly narrate: (line: string) => void;
  /** Every observation of the run, for the live view (and for tests that act mid-run). */
  readonly onDetail?: (detail: StoryRunDetail) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

export interface StoryResult {
  readonly runName: string | undefined;
  /** The run as last observed (Completed after the resume when the story held). */
  readonly detail: StoryRunDetail | undefined;
  /** The run as observed when Conductor had stopped it, before the operator healed the cluster and resumed. */
  readonly stopped: StoryRunDetail | undefined;
  /** The expected outcome's sentences that did not hold; empty when the story held. */
  readonly failures: readonly string[];
  readonly approvalLink: string | undefined;
}

const POLL_MS = 400;
const FINISHED = new Set(['Stopped', 'Completed', 'Failed', 'Skipped']);

/**
 * The scripted demo: publish a new AKS patch region by region, then watch Conductor take it from release to a
 * stopped run; then heal the sick cluster, resume as the signed-in operator and watch the run to Completed —
 * through the app's own API and the emulator's sinks, the way an operator would.
 */
export async function playStory(options: StoryOptions): Promise<StoryResult> {
  const { client, narrate } = options;
  const deadline = Date.now() + options.timeoutMs;
  const published = await client.control('POST', '/releases', { version: STORY_VERSION, regions: STORY_ROLLOUT });
  if (published.status !== 200 && published.status !== 201) throw new Error(`the emulator refused the release (${published.status}): ${JSON.stringify(published.body)}`);
  narrate(`AKS publishes Kubernetes ${STORY_VERSION}: eastus now, westeurope in 5 min, australiaeast in 15 min (virtual time)`);

  let runName: string | undefined;
  let detail: StoryRunDetail | undefined;
  let approvalLink: string | undefined;
  let approval: Promise<void> | undefined;
  let lastState = '';
  let lastDecision: string | undefined;
  while (Date.now() < deadline && !options.signal?.aborted) {
    runName ??= await findRun(client);
    if (!runName) {
      const why = await releaseDecision(client);
      if (why && why !== lastDecision) narrate(`Conductor: ${why}`);
      lastDecision = why ?? lastDecision;
    }
    if (runName && lastState === '') narrate(`Conductor created and started update run ${runName}`);
    if (runName) {
      const answer = await client.app(`/api/runs/${STORY_FLEET}/${runName}`);
      if (answer.status === 200) {
        detail = answer.body as StoryRunDetail;
        if (detail.run.state !== lastState) narrate(`Run ${runName} is ${detail.run.state}`);
        lastState = detail.run.state;
        await options.onDetail?.(detail);
      } else if (lastState === '') lastState = 'Created';
      approvalLink ??= await approvalCardLink(client);
      if (approvalLink && !approval) {
        const link = approvalLink;
        narrate(`Approval requested for production: a Teams card is in the sink. Approve here: ${link}`);
        approval = options.interactive ? Promise.resolve() : approveLater(link, options);
      }
      if (detail && FINISHED.has(detail.run.state)) break;
    }
    await sleep(POLL_MS);
  }
  await approval;
  const stopped = detail;
  if (runName && detail?.run.state === 'Stopped' && Date.now() < deadline && !options.signal?.aborted) {
    detail = (await resumeAfterHealing(client, runName, options, deadline)) ?? detail;
  }
  if (runName && detail?.run.state !== 'Completed') narrate(`The story ended with run ${runName} ${detail?.run.state ?? 'not yet observed'}`);
  const witness = { teamsCards: await teamsCardCount(client), stopRequests: runName ? await stopRequestCount(client, runName) : 0 };
  return { runName, detail, stopped, approvalLink, failures: storyFailures(stopped, detail, witness) };
}

/**
 * The operator's side after the stop: the cluster is fixed (control API: its pods stop crash-looping), watched for
 * a while (the virtual clock jumps ahead), then the run is resumed with a reason as the signed-in operator, and
 * watched until it finishes again. Returns the last observation after the resume.
 */
async function resumeAfterHealing(client: StoryClient, runName: string, options: StoryOptions, deadline: number): Promise<StoryRunDetail | undefined> {
  const { narrate } = options;
  const healed = await client.control('POST', `/clusters/${STORY_SICK_CLUSTER}/health`, { crashLoopingPods: 0 });
  if (healed.status !== 200) throw new Error(`the emulator refused to heal ${STORY_SICK_CLUSTER} (${healed.status}): ${JSON.stringify(healed.body)}`);
  narrate(`The payments team fixes ${STORY_SICK_CLUSTER}: its pods stop crash-looping`);
  const watched = await client.control('POST', '/clock', { advanceSeconds: STORY_WATCH_HEALED_SECONDS });
  if (watched.status !== 200) throw new Error(`the emulator refused to advance its clock (${watched.status})`);
  narrate(`An operator watches it stay healthy for ${STORY_WATCH_HEALED_SECONDS / 60} minutes (the virtual clock jumps ahead)`);
  const answer = await client.app(`/api/runs/${STORY_FLEET}/${runName}/resume`, { reason: RESUME_REASON });
  if (answer.status < 200 || answer.status > 299) {
    narrate(`The resume was refused (${answer.status}): ${JSON.stringify(answer.body)}`);
    return undefined;
  }
  const rearmed = (answer.body as { rearmedGates?: string[] } | undefined)?.rearmedGates ?? [];
  narrate(`Run ${runName} resumed by the signed-in operator ("${RESUME_REASON}"); ${rearmed.length} gate(s) re-armed`);
  let detail: StoryRunDetail | undefined;
  let lastState = 'Stopped';
  let moved = false; // right after the resume the run may still read Stopped until Fleet's start is observed
  while (Date.now() < deadline && !options.signal?.aborted) {
    const read = await client.app(`/api/runs/${STORY_FLEET}/${runName}`);
    if (read.status === 200) {
      detail = read.body as StoryRunDetail;
      if (detail.run.state !== lastState) narrate(`Run ${runName} is ${detail.run.state}`);
      lastState = detail.run.state;
      moved ||= !FINISHED.has(lastState);
      await options.onDetail?.(detail);
      if (moved && FINISHED.has(lastState)) break;
    }
    await sleep(POLL_MS);
  }
  return detail;
}

async function approveLater(link: string, options: StoryOptions): Promise<void> {
  await sleep(options.approveAfterMs);
  const status = await approveByLink(link, 'Canary looks healthy; go ahead (approved automatically by the demo story)');
  options.narrate(status === 303 ? 'Production approved by dev.operator@contoso.example (the story approved through the link)' : `The approval was refused (${status})`);
}

async function findRun(client: StoryClient): Promise<string | undefined> {
  const answer = await client.app(`/api/runs?fleet=${STORY_FLEET}`);
  if (answer.status !== 200) return undefined;
  const items = (answer.body as { items?: { run: string; target?: { kind: string; version: string } }[] }).items ?? [];
  return items.find((r) => r.target?.kind === 'kubernetes' && r.target.version === STORY_VERSION)?.run;
}

/** The fleet's latest release decision and its first reason ("wait: 1.33.4 is not yet available in …"). */
async function releaseDecision(client: StoryClient): Promise<string | undefined> {
  const answer = await client.app(`/api/fleets/${STORY_FLEET}`);
  if (answer.status !== 200) return undefined;
  const release = (answer.body as { release?: { outcome: string; reasons?: { message: string }[] } }).release;
  return release ? `${release.outcome}${release.reasons?.[0] ? ` (${release.reasons[0].message})` : ''}` : undefined;
}

interface SinkMessage {
  readonly accepted: boolean;
  readonly body: unknown;
}

async function teamsCards(client: StoryClient): Promise<readonly SinkMessage[]> {
  const answer = await client.control('GET', '/webhooks?kind=teams');
  return ((answer.body as { value?: SinkMessage[] }).value ?? []).filter((m) => m.accepted);
}

async function teamsCardCount(client: StoryClient): Promise<number> {
  return (await teamsCards(client)).length;
}

/** The Approve action of the first accepted Teams card (an Adaptive Card's Action.OpenUrl). */
async function approvalCardLink(client: StoryClient): Promise<string | undefined> {
  const card = (await teamsCards(client))[0]?.body as { attachments?: { content?: { actions?: { title?: string; url?: string }[] } }[] } | undefined;
  return card?.attachments?.[0]?.content?.actions?.find((a) => a.title === 'Approve')?.url;
}

async function stopRequestCount(client: StoryClient, runName: string): Promise<number> {
  const answer = await client.control('GET', `/requests?service=arm&method=POST&pathContains=${encodeURIComponent(`/updateRuns/${runName}/stop`)}`);
  return ((answer.body as { value?: unknown[] }).value ?? []).length;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
