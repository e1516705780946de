/**
 * The mock's side of Tempo webhooks: subscriptions (the 25 limit, 409 on a duplicate url + event, refresh), the
 * handshake on create, and signed deliveries with Tempo's retry policy, timed by the mock's clock.
 *
 * Deliveries leave through `fetch` (the global one, looked up per request, unless one is given): under msw's
 * `setupServer` your own handlers or a real local server receive them; in the standalone server they are real
 * HTTP requests.
 */
import {
  TEMPO_WEBHOOK_LIMITS,
  type Subscription,
  type SubscriptionInput,
  type TempoWebhookEventType,
  type WebhookEvent,
} from '@tempo-sdk/types';
import { CANONICAL_BASE_URL, MAX_TIMER_MS } from '../constants.js';
import { randomToken, signDelivery } from './sign.js';

/** The mock's time source: `now()` is wall-clock epoch milliseconds. */
export interface WebhookClock {
  now(): number;
}

/** Options of the webhook part of the mock (`createTempoMock({ webhooks })`). */
export interface MockWebhookOptions {
  /** How deliveries and handshakes are sent (default: the global `fetch`, looked up per request). */
  fetch?: typeof fetch;
  /** Real milliseconds a receiver has to answer before the attempt fails (default Tempo's 30000). */
  timeoutMs?: number;
  /** `Tempo-Jira-Client-Key` sent with each delivery (default `tempo-mock-client-key`). */
  jiraClientKey?: string;
  /** `Tempo-Tenant-ID` sent with each delivery (default `tempo-mock-tenant`). */
  tenantId?: string;
  /**
   * Retry pauses are drawn from this (a number in [0, 1)) between 5 and 15 minutes; default `Math.random`.
   * Pass `() => 0` for pauses of exactly 5 minutes.
   */
  random?: () => number;
  /**
   * Most deliveries and handshakes kept for inspection (default 1000 each): past it the oldest finished ones are
   * forgotten, so a long-running mock does not grow without bound. Pending deliveries are always kept.
   */
  maxRecords?: number;
  /**
   * Run due retries on a timer (unref'd, so it never keeps a process alive) as well as on
   * `mock.webhooks.runDue()`; default true. Fake timers advance it; with a hand-made clock, call `runDue()`.
   */
  timers?: boolean;
}

/** One try to deliver an event. */
export interface WebhookAttempt {
  /** 1 for the first try, 2 for the first retry, … */
  readonly number: number;
  /** When it was sent, on the mock's clock (epoch milliseconds). */
  readonly atMs: number;
  /** The `Tempo-Timestamp` and `Tempo-Signature` sent. */
  readonly timestamp: string;
  readonly signature: string;
  /** The receiver's status, when it answered. */
  readonly status?: number;
  /** Why it failed without a status: `connection failed: …` or `timeout after 30000 ms`. */
  readonly error?: string;
  /** Whether the attempt counts as delivered (an answer below 400). */
  readonly ok: boolean;
}

/** One event on its way to one subscription. */
export interface WebhookDelivery {
  readonly id: number;
  readonly subscriptionId: string;
  readonly url: string;
  readonly event: WebhookEvent;
  /** The exact body sent (and signed) on every attempt. */
  readonly body: string;
  /** `pending` while an attempt is under way or a retry is scheduled; `delivered`; `failed` after the last retry. */
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: readonly WebhookAttempt[];
  /** When the next retry is due (mock clock), while one is scheduled. */
  readonly nextAttemptAtMs?: number;
}

/** The handshake GET sent when a subscription was created. */
export interface WebhookHandshake {
  readonly subscriptionId: string;
  readonly url: string;
  readonly randomString: string;
  readonly status?: number;
  readonly error?: string;
  /** Whether the answer was 200 with exactly `randomString`: the subscription is active only then. */
  readonly ok: boolean;
}

/** Why a subscription operation was refused: the status and Tempo's message. */
export class SubscriptionRefusal extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

interface MutableDelivery {
  id: number;
  subscriptionId: string;
  url: string;
  event: WebhookEvent;
  body: string;
  status: WebhookDelivery['status'];
  attempts: WebhookAttempt[];
  nextAttemptAtMs?: number;
}

const B = CANONICAL_BASE_URL;

/** Subscriptions, handshakes and deliveries; `mock.webhooks`. */
export class WebhookStore {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly deliveryList: MutableDelivery[] = [];
  private readonly handshakeList: WebhookHandshake[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextDeliveryId = 1;
  /** Bumped by reset: work started before it must not touch the state after it. */
  private generation = 0;

  private options: MockWebhookOptions = {};

  constructor(private readonly clock: WebhookClock) {}

  /**
   * Sets how deliveries go out (`fetch`, `timeoutMs`, `random`, `timers`, the site headers); `mock.reset()` keeps
   * these. Returns the store.
   */
  configure(options: MockWebhookOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  // ----------------------------------------------------------------------------------------------------------
  // Subscriptions (the API's operations call these)
  // ----------------------------------------------------------------------------------------------------------

  /**
   * Creates a subscription, sends the handshake and answers once it is done: the subscription is active only
   * when the URL echoed the challenge.
   * @throws `SubscriptionRefusal` 409 for a url + event already subscribed, 400 past the limit of 25 or
   *   for a URL that is not absolute http(s).
   */
  async create(input: SubscriptionInput): Promise<Subscription> {
    if (!URL.canParse(input.url) || !/^https?:$/.test(new URL(input.url).protocol)) {
      throw new SubscriptionRefusal(400, `'url' must be an absolute http or https URL`);
    }
    if ([...this.subscriptions.values()].some((s) => s.url === input.url && s.event === input.event)) {
      throw new SubscriptionRefusal(409, `A subscription with this url and event '${input.event}' already exists`);
    }
    if (this.subscriptions.size >= TEMPO_WEBHOOK_LIMITS.maxSubscriptions) {
      throw new SubscriptionRefusal(
        400,
        `An app can have at most ${TEMPO_WEBHOOK_LIMITS.maxSubscriptions} subscriptions`,
      );
    }
    const id = crypto.randomUUID();
    const at = new Date(this.clock.now()).toISOString();
    const subscription: Subscription = {
      id,
      event: input.event,
      url: input.url,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      active: false,
      sharedSecret: randomToken(128),
      createdAt: at,
      updatedAt: at,
      self: `${B}/webhooks/subscriptions/${id}`,
    };
    this.subscriptions.set(id, subscription);
    const generation = this.generation;
    const ok = await this.track(this.handshake(subscription));
    if (generation !== this.generation || !this.subscriptions.has(id)) return subscription;
    return ok ? this.setActive(id, true)! : subscription;
  }

  /**
   * Stores a subscription as it would be after its handshake, without sending anything (for seeding tests and
   * examples that need one to exist). Active unless `active: false`.
   */
  seed(input: SubscriptionInput & { active?: boolean }): Subscription {
    const at = new Date(this.clock.now()).toISOString();
    const id = crypto.randomUUID();
    const { active = true, ...rest } = input;
    const subscription: Subscription = {
      ...rest,
      id,
      active,
      sharedSecret: randomToken(128),
      createdAt: at,
      updatedAt: at,
      self: `${B}/webhooks/subscriptions/${id}`,
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  /** Every subscription, oldest first. */
  list(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  get(id: string): Subscription | undefined {
    return this.subscriptions.get(id);
  }

  /** Deletes a subscription; its scheduled retries are dropped. False when there was none. */
  delete(id: string): boolean {
    if (!this.subscriptions.delete(id)) return false;
    for (const d of this.deliveryList) {
      if (d.subscriptionId === id && d.status === 'pending' && d.nextAttemptAtMs !== undefined) {
        d.status = 'failed';
        d.nextAttemptAtMs = undefined;
      }
    }
    return true;
  }

  /** Turns a subscription back on (after retries ran out). False when there is no such subscription. */
  refresh(id: string): boolean {
    return this.setActive(id, true) !== undefined;
  }

  private setActive(id: string, active: boolean): Subscription | undefined {
    const current = this.subscriptions.get(id);
    if (!current) return undefined;
    const next =
      current.active === active ? current : { ...current, active, updatedAt: new Date(this.clock.now()).toISOString() };
    this.subscriptions.set(id, next);
    return next;
  }

  // ----------------------------------------------------------------------------------------------------------
  // Events
  // ----------------------------------------------------------------------------------------------------------

  /**
   * Sends an event to every active subscription for its type (one delivery each, signed with that subscription's
   * secret) and returns the deliveries. The first attempts run in the background: `await whenIdle()` for them.
   */
  emit<T extends TempoWebhookEventType>(
    eventType: T,
    payload: Extract<WebhookEvent, { eventType: T }>['payload'],
  ): WebhookDelivery[] {
    const targets = [...this.subscriptions.values()].filter((s) => s.active && s.event === eventType);
    return targets.map((subscription) => {
      const event = { eventId: crypto.randomUUID(), eventType, payload } as WebhookEvent;
      const delivery: MutableDelivery = {
        id: this.nextDeliveryId++,
        subscriptionId: subscription.id,
        url: subscription.url,
        event,
        body: JSON.stringify(event),
        status: 'pending',
        attempts: [],
      };
      this.deliveryList.push(delivery);
      this.trim();
      void this.track(this.attempt(delivery));
      return snapshot(delivery);
    });
  }

  /** Every delivery so far (snapshots), oldest first. */
  get deliveries(): WebhookDelivery[] {
    return this.deliveryList.map(snapshot);
  }

  /** Every handshake sent so far, oldest first. */
  get handshakes(): WebhookHandshake[] {
    return [...this.handshakeList];
  }

  /** Resolves when no handshake or attempt is under way (scheduled retries are not waited for: see `runDue`). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Runs every retry that is due on the mock's clock and waits for them (and anything else under way).
   * @returns how many attempts it started.
   */
  async runDue(): Promise<number> {
    const now = this.clock.now();
    const due = this.deliveryList.filter(
      (d) => d.status === 'pending' && d.nextAttemptAtMs !== undefined && d.nextAttemptAtMs <= now,
    );
    for (const d of due) {
      d.nextAttemptAtMs = undefined;
      void this.track(this.attempt(d));
    }
    await this.whenIdle();
    return due.length;
  }

  /** Forgets every subscription, handshake and delivery; attempts under way finish without recording. */
  reset(): void {
    this.generation++;
    this.subscriptions.clear();
    this.deliveryList.length = 0;
    this.handshakeList.length = 0;
    this.nextDeliveryId = 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Forgets the oldest finished deliveries and the oldest handshakes past `maxRecords`. */
  private trim(): void {
    const max = this.options.maxRecords ?? 1000;
    if (this.handshakeList.length > max) this.handshakeList.splice(0, this.handshakeList.length - max);
    let excess = this.deliveryList.length - max;
    for (let i = 0; excess > 0 && i < this.deliveryList.length; ) {
      if (this.deliveryList[i]!.status === 'pending') i++;
      else {
        this.deliveryList.splice(i, 1);
        excess--;
      }
    }
  }

  // ----------------------------------------------------------------------------------------------------------
  // Sending
  // ----------------------------------------------------------------------------------------------------------

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  private send(url: string, init: RequestInit): Promise<Response> {
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const timeoutMs = this.options.timeoutMs ?? TEMPO_WEBHOOK_LIMITS.deliveryTimeoutMs;
    return doFetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  }

  private describeFailure(error: unknown): string {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return `timeout after ${this.options.timeoutMs ?? TEMPO_WEBHOOK_LIMITS.deliveryTimeoutMs} ms`;
    return `connection failed: ${error instanceof Error ? error.message : String(error)}`;
  }

  private async handshake(subscription: Subscription): Promise<boolean> {
    const randomString = randomToken(128);
    const url = new URL(subscription.url);
    url.searchParams.set('randomString', randomString);
    let record: WebhookHandshake;
    try {
      const res = await this.send(url.href, { method: 'GET', headers: { accept: 'text/plain' } });
      const text = await readSmallText(res, 1024);
      const isText = (res.headers.get('content-type') ?? 'text/plain').startsWith('text/plain');
      record = {
        subscriptionId: subscription.id,
        url: subscription.url,
        randomString,
        status: res.status,
        ok: res.status === 200 && isText && text === randomString,
      };
    } catch (error) {
      record = {
        subscriptionId: subscription.id,
        url: subscription.url,
        randomString,
        error: this.describeFailure(error),
        ok: false,
      };
    }
    this.handshakeList.push(record);
    this.trim();
    return record.ok;
  }

  private async attempt(delivery: MutableDelivery): Promise<void> {
    const generation = this.generation;
    const subscription = this.subscriptions.get(delivery.subscriptionId);
    if (!subscription) {
      delivery.status = 'failed';
      return;
    }
    const atMs = this.clock.now();
    const timestamp = new Date(atMs).toISOString();
    const signature = await signDelivery(delivery.body, timestamp, subscription.sharedSecret);
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await this.send(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'tempo-timestamp': timestamp,
          'tempo-signature': signature,
          'tempo-jira-client-key': this.options.jiraClientKey ?? 'tempo-mock-client-key',
          'tempo-tenant-id': this.options.tenantId ?? 'tempo-mock-tenant',
        },
        body: delivery.body,
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
    } catch (failure) {
      error = this.describeFailure(failure);
    }
    if (generation !== this.generation) return;
    const ok = status !== undefined && status < 400;
    delivery.attempts.push({
      number: delivery.attempts.length + 1,
      atMs,
      timestamp,
      signature,
      ...(status !== undefined ? { status } : {}),
      ...(error ? { error } : {}),
      ok,
    });
    if (ok) {
      delivery.status = 'delivered';
      this.trim();
      return;
    }
    if (!this.subscriptions.has(delivery.subscriptionId)) {
      delivery.status = 'failed';
      return;
    }
    if (delivery.attempts.length > TEMPO_WEBHOOK_LIMITS.retries) {
      // The first try and every retry failed: Tempo stops calling the URL until the subscription is refreshed.
      delivery.status = 'failed';
      this.setActive(delivery.subscriptionId, false);
      this.trim();
      return;
    }
    const { min, max } = TEMPO_WEBHOOK_LIMITS.retryDelayMs;
    delivery.nextAttemptAtMs =
      this.clock.now() + min + Math.floor((this.options.random ?? Math.random)() * (max - min));
    this.schedule();
  }

  /** Keeps one unref'd timer for the earliest due retry, so retries also run by themselves. */
  private schedule(): void {
    if (this.options.timers === false) return;
    const next = Math.min(
      ...this.deliveryList.filter((d) => d.nextAttemptAtMs !== undefined).map((d) => d.nextAttemptAtMs!),
    );
    if (!Number.isFinite(next)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runDue().then(() => this.schedule());
      },
      // Capped: setTimeout fires at once past MAX_TIMER_MS (a far-off retry, or a clock that jumped back).
      Math.min(MAX_TIMER_MS, Math.max(0, next - this.clock.now())),
    );
    (this.timer as { unref?: () => void }).unref?.();
  }
}

function snapshot(d: MutableDelivery): WebhookDelivery {
  return Object.freeze({ ...d, attempts: Object.freeze([...d.attempts]) });
}

/**
 * At most `maxBytes` of a body as text (the rest is not read): a correct handshake answer is 128 characters, so a
 * receiver sending an endless body cannot grow the mock's memory.
 */
async function readSmallText(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(size, maxBytes + 1));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return new TextDecoder().decode(bytes);
}
