/**
 * An injected fetch for unit tests of the transport (auth, retries, timeouts, throttle): it answers from a script
 * and records what was sent. Integration tests use @tempo-sdk/msw instead.
 */

/** One request as the network saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | null;
  userAgent: string | null;
  body: string;
  signal: AbortSignal;
}

/** A scripted answer: a response, an error to throw, or a function of the request. */
export type Step = Response | Error | ((request: Request, seen: SeenRequest) => Response | Promise<Response>);

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A fetch that plays `steps` in order (the last one repeats) and records every request. */
export function scriptedFetch(steps: Step[]) {
  const seen: SeenRequest[] = [];
  let index = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const entry: SeenRequest = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      userAgent: request.headers.get('user-agent'),
      body: request.body ? await request.clone().text() : '',
      signal: request.signal,
    };
    seen.push(entry);
    const step = steps[Math.min(index++, steps.length - 1)];
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request, entry);
    return (step as Response).clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

/** A response promise that settles only when the request's signal aborts (like a server that never answers). */
export function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });
}
