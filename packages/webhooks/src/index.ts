/**
 * Receive Tempo webhooks: verify `Tempo-Signature` (WebCrypto, constant time, replay window), parse typed events,
 * and serve a webhook URL with a Fetch API handler that also answers the subscription handshake. Runs in Node,
 * browsers, workers, Deno and Bun; `@tempo-sdk/webhooks/node` adapts the handler to `node:http` and Express.
 *
 * @packageDocumentation
 */
export { createTempoSignatureVerifier, signTempoWebhook, verifyTempoSignature } from './signature.js';
export type {
  SignTempoWebhookInput,
  TempoSignatureVerifier,
  VerifyTempoSignatureInput,
  WebhookBody,
} from './signature.js';
export { isTempoWebhookEventType, parseTempoWebhookEvent, TEMPO_WEBHOOK_EVENT_TYPES } from './event.js';
export type { TempoWebhookEvent, TempoWebhookEventOf, TempoWebhookEventType } from './event.js';
export { createTempoWebhookHandler, HANDSHAKE_MAX_LENGTH } from './handler.js';
export type {
  TempoWebhookCallback,
  TempoWebhookCallbacks,
  TempoWebhookContext,
  TempoWebhookHandlerOptions,
} from './handler.js';
export { DEFAULT_MAX_BODY_BYTES } from './body.js';
export { DEFAULT_TOLERANCE_MS } from './options.js';
export type { WebhookClock } from './options.js';
export { WebhookBodyTooLargeError, WebhookError, WebhookEventError, WebhookUsageError } from './errors.js';
export type { WebhookErrorJSON } from './errors.js';
