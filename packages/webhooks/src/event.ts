/**
 * Webhook events: their types (generated from the spec into `@tempo-sdk/types`) and a parser that turns a verified
 * body into one.
 *
 * @module
 */
import { TEMPO_WEBHOOK_EVENT_TYPES, type TempoWebhookEventType, type WebhookEvent } from '@tempo-sdk/types';
import { WebhookEventError } from './errors.js';

/** Any Tempo webhook event: a union discriminated by `eventType`, so `switch (event.eventType)` narrows `payload`. */
export type TempoWebhookEvent = WebhookEvent;

/** The event of one type, e.g. `TempoWebhookEventOf<'worklog.created'>` (payload: the worklog). */
export type TempoWebhookEventOf<T extends TempoWebhookEventType> = Extract<TempoWebhookEvent, { eventType: T }>;

export type { TempoWebhookEventType };
export { TEMPO_WEBHOOK_EVENT_TYPES };

const EVENT_TYPES: ReadonlySet<string> = new Set(TEMPO_WEBHOOK_EVENT_TYPES);

/** Whether `value` names one of the 24 event types a subscription can have. */
export function isTempoWebhookEventType(value: unknown): value is TempoWebhookEventType {
  return typeof value === 'string' && EVENT_TYPES.has(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a body (already verified: see {@link verifyTempoSignature}) into a typed event.
 *
 * Only the envelope is checked (`eventId` a non-empty string, `eventType` one of the 24 types, `payload` an
 * object): payload fields are typed from Tempo's examples, and refusing an event over a field Tempo added or left
 * out would make Tempo retry it and finally deactivate the subscription.
 * @throws {@link WebhookEventError} when the text is not JSON or not an event (the message says which part).
 */
export function parseTempoWebhookEvent(text: string): TempoWebhookEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the body: keep it out of the error.
    throw new WebhookEventError('The body is not JSON');
  }
  if (!isObject(value)) throw new WebhookEventError('The body is not a JSON object');
  if (typeof value.eventId !== 'string' || value.eventId.length === 0)
    throw new WebhookEventError("'eventId' must be a non-empty string");
  if (!isTempoWebhookEventType(value.eventType)) {
    throw new WebhookEventError(`'eventType' must be one of the ${EVENT_TYPES.size} Tempo webhook event types`);
  }
  if (!isObject(value.payload)) throw new WebhookEventError("'payload' must be an object");
  return value as unknown as TempoWebhookEvent;
}
