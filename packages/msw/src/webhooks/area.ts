// Webhooks as an area of the mock (src/areas.ts): `mock.webhooks` is the store, `mock.reset()` forgets
// subscriptions and deliveries, the subscription operations are answered from it, and the standalone server's
// admin API shows it at /__admin/webhooks/….
import { defineArea } from '../area.js';
import { watchDatabase } from './events.js';
import { subscriptionResolvers } from './resolvers.js';
import { WebhookStore } from './store.js';

export const webhooksArea = defineArea({
  name: 'webhooks',
  createStore: (env) => {
    const store = new WebhookStore(env.clock);
    watchDatabase(env.db, (type, payload) => store.emit(type, payload as never));
    return store;
  },
  reset: (store) => store.reset(),
  resolvers: (store) => subscriptionResolvers(store),
  admin: (store) => ({
    'GET /subscriptions': () => store.list(),
    'GET /deliveries': () => store.deliveries,
    'GET /handshakes': () => store.handshakes,
    // Runs the retries that are due on the mock's clock (the standalone server also runs them on a timer).
    'POST /run-due': async () => ({ attempts: await store.runDue() }),
  }),
});
