import { randomUUID } from 'node:crypto';
import { postJson } from './postJson';

/**
 * Event Grid's webhook validation (Event Grid schema): POST a SubscriptionValidationEvent with
 * `aeg-event-type: SubscriptionValidation`; the endpoint must answer 200 `{"validationResponse": code}`.
 * Resolves with the reason when the endpoint fails it.
 */
export async function validationHandshake(name: string, endpoint: string, topic: string, caPem: string): Promise<string | undefined> {
  const validationCode = randomUUID();
  const event = {
    id: randomUUID(),
    topic,
    subject: '',
    eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
    eventTime: new Date().toISOString(),
    data: { validationCode, validationUrl: `https://rp-eastus.eventgrid.azure.net/eventsubscriptions/${name}/validate?id=${validationCode}` },
    dataVersion: '2',
    metadataVersion: '1',
  };
  try {
    const res = await postJson(endpoint, JSON.stringify([event]), { 'aeg-event-type': 'SubscriptionValidation', 'aeg-subscription-name': name.toUpperCase() }, caPem, 30_000);
    if (res.status !== 200) return `the endpoint answered ${res.status} (validation needs 200)`;
    const body = JSON.parse(res.body || '{}') as { validationResponse?: unknown };
    return body.validationResponse === validationCode ? undefined : 'the response did not echo validationResponse';
  } catch (error) {
    return `the handshake failed: ${(error as Error).message}`;
  }
}
