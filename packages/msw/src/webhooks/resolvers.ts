/**
 * The five subscription operations, answered from the webhook store (the mock's generic bodies would forget every
 * subscription): 25 at most, 409 for a url + event already subscribed, the handshake before the answer.
 */
import { badRequest, notFound, TempoMockHttpError } from '../errors.js';
import type { OperationResolvers } from '../operations/context.js';
import { SubscriptionRefusal, type WebhookStore } from './store.js';

const missing = (id: unknown) => notFound(`Subscription with id ${String(id)} does not exist`);

export function subscriptionResolvers(store: WebhookStore): OperationResolvers {
  return {
    // The spec's SubscriptionResults is `{ metadata: { count }, results, self }`: no offset/limit (drift test).
    getSubscriptions: ({ results }) => results(store.list()),
    createSubscription: async ({ body }) => {
      try {
        return await store.create(body);
      } catch (error) {
        if (error instanceof SubscriptionRefusal)
          throw error.status === 409 ? new TempoMockHttpError(409, error.message) : badRequest(error.message);
        throw error;
      }
    },
    getSubscriptionById: ({ path }) => store.get(path.id) ?? Promise.reject(missing(path.id)),
    deleteSubscriptionById: ({ path }) => {
      if (!store.delete(path.id)) throw missing(path.id);
      return undefined;
    },
    refreshSubscription: ({ path }) => {
      if (!store.refresh(path.id)) throw missing(path.id);
      return undefined;
    },
  };
}
