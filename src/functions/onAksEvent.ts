import type { EventGridEvent, InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../composition';
import { contextLog } from './support/contextLog';
import { eventGridFunction } from './support/functionCatalog';
import { eventId } from './support/eventId';

/** NewKubernetesVersionAvailable / ClusterSupportEnding / ClusterSupportEnded for a member cluster. */
export function createAksEventHandler(services: () => Services) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<void> => {
    const outcome = await services().handleAksEvent(event, contextLog(context));
    context.log(`AKS event ${eventId(event)}: ${outcome.kind}`);
  };
}

eventGridFunction('onAksEvent', { handler: createAksEventHandler(getServices) });
