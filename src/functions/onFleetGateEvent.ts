import type { EventGridEvent, InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { eventGridFunction } from './support/functionCatalog';
import { eventId } from './support/eventId';

/** FleetGateCreated/Updated/Deleted: a hint to reconcile that gate now (the timer catches anything missed). */
export function createFleetGateEventHandler(services: () => Services) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<void> => {
    const outcome = await services().handleFleetGateEvent(event, contextLog(context));
    context.log(`Fleet gate event ${eventId(event)}: ${outcome.kind}`, outcome);
  };
}

eventGridFunction('onFleetGateEvent', { handler: createFleetGateEventHandler(getServices) });
