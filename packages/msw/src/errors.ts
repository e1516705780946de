/**
 * An error an operation implementation throws to answer with Tempo's error shape.
 * `status` 400/404/409/413/… answer `{"errors":{"message":…}}`; 401/403 answer text/html like Tempo.
 */
export class TempoMockHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TempoMockHttpError';
  }
}

/** A 400 with Tempo's error body. */
export const badRequest = (message: string): TempoMockHttpError => new TempoMockHttpError(400, message);
/** A 404 with Tempo's error body. */
export const notFound = (message: string): TempoMockHttpError => new TempoMockHttpError(404, message);
/** A 409 with Tempo's error body. */
export const conflict = (message: string): TempoMockHttpError => new TempoMockHttpError(409, message);

/** Tempo's JSON error body. */
export function errorBody(message: string): { errors: { message: string } } {
  return { errors: { message } };
}

/** A Tempo-shaped error response: JSON for 4xx/5xx in general, text/html for 401 and 403 as Tempo answers them. */
export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  if (status === 401 || status === 403) {
    const title = status === 401 ? 'Unauthorized' : 'Forbidden';
    return new Response(`<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>${escapeHtml(message)}</p></body></html>`, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    });
  }
  return new Response(JSON.stringify(errorBody(message)), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
