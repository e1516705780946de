/** The base class of every error `@tempo-sdk/msw` throws: one `instanceof` catches them all. */
export class TempoMockError extends Error {
  static {
    this.prototype.name = 'TempoMockError';
  }

  /** `{ name, message, …own fields }`: the mock's errors carry no secrets, so every field may be logged. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'cause') json[key] = value;
    if (this.cause !== undefined)
      json.cause =
        this.cause instanceof Error ? { name: this.cause.name, message: this.cause.message } : String(this.cause);
    return json;
  }
}

/**
 * A caller's mistake: a malformed option or argument (`today: '2026-3-1'`, a fault with nothing to inject).
 * Thrown before anything is served; the message names the option and what was expected.
 */
export class TempoMockUsageError extends TempoMockError {
  static {
    this.prototype.name = 'TempoMockUsageError';
  }
}

/**
 * An error a resolver throws to answer with Tempo's error shape.
 * `status` 400/404/409/413/… answer `{"errors":{"message":…}}`; 401/403 answer text/html like Tempo.
 */
export class TempoMockHttpError extends TempoMockError {
  static {
    this.prototype.name = 'TempoMockHttpError';
  }

  constructor(
    /** The HTTP status to answer with. */
    readonly status: number,
    message: string,
    /** Extra response headers (e.g. `retry-after`, `allow`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 400 with Tempo's error body. */
export const badRequest = (message: string): TempoMockHttpError => new TempoMockHttpError(400, message);
/** A 404 with Tempo's error body. */
export const notFound = (message: string): TempoMockHttpError => new TempoMockHttpError(404, message);

/** Tempo's JSON error body. */
export function errorBody(message: string): { errors: { message: string } } {
  return { errors: { message } };
}

/**
 * An answer of the mock before it becomes a Fetch `Response`: the standalone server writes it to the socket
 * directly (no stream round trip), msw handlers turn it into a `Response` with `toResponse`.
 */
export interface MockReply {
  status: number;
  headers: Record<string, string>;
  /** The body text, or null for none. */
  body: string | null;
  /** Fail at the network level instead of answering. */
  networkError?: boolean;
}

/** A Tempo-shaped error answer: JSON for 4xx/5xx in general, text/html for 401 and 403 as Tempo answers them. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}): MockReply {
  if (status === 401 || status === 403) {
    const title = status === 401 ? 'Unauthorized' : 'Forbidden';
    return {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
      body: `<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(message)}</p></body></html>`,
    };
  }
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(errorBody(message)),
  };
}

/** Turns a {@link MockReply} into a Fetch `Response` (`Response.error()` for network errors). */
export function toResponse(reply: MockReply): Response {
  if (reply.networkError) return Response.error();
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
