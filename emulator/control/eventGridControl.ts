import { ArmError } from '../arm/armError';
import { validationHandshake } from '../events/validationHandshake';
import { asObject, invalid, ok, type ControlRoute } from './controlRoute';

/** Runtime Event Grid controls: subscriptions (tests use random ports), delivery options, what was sent and dead-lettered. */
export const eventGridControlRoutes: ControlRoute[] = [
  { method: 'GET', pattern: /^\/_emulator\/eventgrid\/subscriptions$/, handle: (core) => ok({ value: [...core.eventGrid.subscriptions.values()] }) },
  {
    method: 'POST', pattern: /^\/_emulator\/eventgrid\/subscriptions$/,
    handle: async (core, body) => {
      const b = asObject(body);
      if (typeof b.name !== 'string' || b.name === '') invalid("'name' is required.");
      if (b.validate !== undefined && typeof b.validate !== 'boolean') invalid("'validate' must be a boolean.");
      if (typeof b.endpoint !== 'string') invalid("'endpoint' (http or https URL) is required.");
      if (b.eventTypes !== undefined && (!Array.isArray(b.eventTypes) || b.eventTypes.some((t) => typeof t !== 'string'))) invalid("'eventTypes' must be a list of strings.");
      if (typeof b.endpoint === 'string' && b.validate === true) {
        const failure = await validationHandshake(String(b.name), b.endpoint, `/subscriptions/${core.scenario.subscriptionId}`, core.caPem);
        if (failure) throw new ArmError(400, 'WebhookValidationFailed', `Webhook validation handshake failed for ${b.endpoint}: ${failure}.`);
      }
      try {
        core.eventGrid.subscribe({ name: String(b.name), endpoint: String(b.endpoint), ...(Array.isArray(b.eventTypes) ? { eventTypes: b.eventTypes as string[] } : {}) });
      } catch (error) {
        invalid(`Invalid endpoint: ${(error as Error).message}`);
      }
      return ok({ name: b.name, endpoint: b.endpoint, eventTypes: b.eventTypes ?? null }, 201);
    },
  },
  {
    method: 'DELETE', pattern: /^\/_emulator\/eventgrid\/subscriptions\/([^/]+)$/,
    handle: (core, _b, _r, [name = '']) => {
      if (!core.eventGrid.subscriptions.delete(name.toLowerCase())) throw new ArmError(404, 'NotFound', `No subscription '${name}'.`);
      return { status: 204 };
    },
  },
  {
    method: 'POST', pattern: /^\/_emulator\/eventgrid\/options$/,
    handle: (core, body) => {
      const b = asObject(body);
      const o = core.eventGrid.options;
      core.eventGrid.options = {
        duplicate: typeof b.duplicate === 'boolean' ? b.duplicate : o.duplicate,
        outOfOrder: typeof b.outOfOrder === 'boolean' ? b.outOfOrder : o.outOfOrder,
        maxAttempts: typeof b.maxAttempts === 'number' && b.maxAttempts >= 1 ? b.maxAttempts : o.maxAttempts,
        retryDelaysMs: Array.isArray(b.retryDelaysMs) ? b.retryDelaysMs.map(Number) : o.retryDelaysMs,
      };
      return ok(core.eventGrid.options);
    },
  },
  {
    method: 'GET', pattern: /^\/_emulator\/eventgrid\/events$/,
    handle: (core, _b, req) => {
      const type = req.url.searchParams.get('eventType')?.toLowerCase();
      return ok({ value: core.eventGrid.published.filter((e) => !type || e.eventType.toLowerCase() === type) });
    },
  },
  { method: 'GET', pattern: /^\/_emulator\/eventgrid\/deliveries$/, handle: (core) => ok({ value: core.eventGrid.deliveries }) },
  { method: 'GET', pattern: /^\/_emulator\/eventgrid\/deadletters$/, handle: (core) => ok({ value: core.eventGrid.deadLetters }) },
];
