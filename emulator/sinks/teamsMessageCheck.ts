/** Teams Workflows ("When a Teams webhook request is received") accepts a message with an Adaptive Card attachment. */
export const TEAMS_MAX_BYTES = 28 * 1024;

export function teamsMessageProblems(body: unknown, bytes: number): string[] {
  const problems: string[] = [];
  if (bytes > TEAMS_MAX_BYTES) problems.push(`payload is ${bytes} bytes; Teams accepts at most ${TEAMS_MAX_BYTES} bytes`);
  const msg = body as { type?: unknown; attachments?: unknown } | null;
  if (typeof msg !== 'object' || msg === null) return [...problems, 'body must be a JSON object'];
  if (msg.type !== 'message') problems.push("type must be 'message'");
  if (!Array.isArray(msg.attachments) || msg.attachments.length === 0) return [...problems, 'attachments must be a non-empty array'];
  msg.attachments.forEach((a: unknown, i) => {
    const att = a as { contentType?: unknown; content?: { type?: unknown; version?: unknown; body?: unknown } } | null;
    if (att?.contentType !== 'application/vnd.microsoft.card.adaptive') problems.push(`attachments[${i}].contentType must be 'application/vnd.microsoft.card.adaptive'`);
    if (att?.content?.type !== 'AdaptiveCard') problems.push(`attachments[${i}].content.type must be 'AdaptiveCard'`);
    if (typeof att?.content?.version !== 'string') problems.push(`attachments[${i}].content.version must be a string such as '1.4'`);
    if (!Array.isArray(att?.content?.body)) problems.push(`attachments[${i}].content.body must be an array`);
  });
  return problems;
}
