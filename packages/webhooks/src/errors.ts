/**
 * Typed errors of `@tempo-sdk/webhooks`. None of them ever holds a shared secret: constructors receive only
 * non-secret facts (option names, limits, what was wrong with a body), so every view of an error (`message`,
 * `stack`, `toString()`, `toJSON()`, `util.inspect`, `cause`) is safe to log.
 *
 * @module
 */

/** Plain-data view of an error, as returned by `toJSON()`. */
export interface WebhookErrorJSON {
  name: string;
  message: string;
  [key: string]: unknown;
}

/** Base class of every error `@tempo-sdk/webhooks` throws: one `instanceof` catches them all. */
export class WebhookError extends Error {
  static {
    this.prototype.name = 'WebhookError';
  }

  /** @param message - what went wrong; never a secret. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** `{ name, message, ...non-secret fields, cause: { name, message } }`. */
  toJSON(): WebhookErrorJSON {
    const json: WebhookErrorJSON = { name: this.name, message: this.message, ...this.details() };
    if (this.cause instanceof Error) json.cause = { name: this.cause.name, message: this.cause.message };
    return json;
  }

  /** Extra non-secret fields for {@link WebhookError.toJSON}. */
  protected details(): Record<string, unknown> {
    return {};
  }
}

/** A caller's mistake (a missing secret, a bad option), thrown before anything is read or verified. */
export class WebhookUsageError extends WebhookError {
  static {
    this.prototype.name = 'WebhookUsageError';
  }
  /** The option or argument at fault, e.g. `sharedSecret`. */
  readonly option: string;

  /** @param option - the option at fault; @param expected - what it should have been. */
  constructor(option: string, expected: string) {
    super(`${option} must be ${expected}`);
    this.option = option;
  }

  protected override details(): Record<string, unknown> {
    return { option: this.option };
  }
}

/** A verified request whose body is not a Tempo webhook event (bad JSON, missing fields, unknown `eventType`). */
export class WebhookEventError extends WebhookError {
  static {
    this.prototype.name = 'WebhookEventError';
  }
}

/** A request body larger than the configured `maxBodyBytes`; reading stopped at the limit. */
export class WebhookBodyTooLargeError extends WebhookError {
  static {
    this.prototype.name = 'WebhookBodyTooLargeError';
  }
  /** The limit that was exceeded, in bytes. */
  readonly maxBodyBytes: number;

  /** @param maxBodyBytes - the limit that was exceeded. */
  constructor(maxBodyBytes: number) {
    super(`The request body is larger than ${maxBodyBytes} bytes`);
    this.maxBodyBytes = maxBodyBytes;
  }

  protected override details(): Record<string, unknown> {
    return { maxBodyBytes: this.maxBodyBytes };
  }
}
