import { z } from 'zod';

/** A non-empty string; anything else (absent, empty, another type) reads as absent: events are hints, read leniently. */
const field = z.string().min(1).optional().catch(undefined);

/**
 * The fields Conductor reads from an Event Grid event, in either delivery schema: Event Grid (`eventType`, `topic`,
 * `subject`, `eventTime`) or CloudEvents 1.0 (`type`, `source`, `subject`, `time`). Other fields are kept and ignored.
 */
const eventEnvelopeSchema = z.looseObject({
  id: field,
  eventType: field,
  type: field,
  topic: field,
  source: field,
  subject: field,
  eventTime: field,
  time: field,
  data: z
    .looseObject({
      kubernetesVersion: field,
      resourceInfo: z.looseObject({ id: field }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

type EventEnvelope = z.output<typeof eventEnvelopeSchema>;

/** The event's envelope, or undefined when it is not a JSON object at all. */
export function readEnvelope(event: unknown): EventEnvelope | undefined {
  const result = eventEnvelopeSchema.safeParse(event);
  return result.success ? result.data : undefined;
}
