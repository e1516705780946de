/**
 * The body guard: reads a response body as bytes, at most `maxBytes` of them. The read stops (and the stream is
 * cancelled, freeing the connection) as soon as the limit is passed, so an endless or huge body costs at most the
 * limit in memory.
 */

/** The body was longer than the limit; the transport turns this into the service's typed error. */
export class BodyTooLarge extends Error {}

const EMPTY = new Uint8Array(0);

/** Statuses that carry no body by definition (a `Response` with one of them may not be given a body). */
export const NO_CONTENT: ReadonlySet<number> = new Set([204, 205, 304]);

/**
 * The whole body of `response`, or a {@link BodyTooLarge} rejection once more than `maxBytes` arrive. A declared
 * `content-length` over the limit is refused before reading anything.
 */
export async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return EMPTY;
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    body.cancel().catch(() => {});
    throw new BodyTooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (typeof body.getReader === 'function') {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        throw new BodyTooLarge();
      }
      chunks.push(value);
    }
  } else if (typeof (body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    // A custom fetch's own Response (node-fetch: a Node stream, which is async-iterable).
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array | string>) {
      const value = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLarge(); // leaving the loop destroys the stream
      chunks.push(value);
    }
  } else {
    // A Response-like object without a stream: only its own reader is left (the limit is checked after it).
    const value =
      typeof response.arrayBuffer === 'function'
        ? new Uint8Array(await response.arrayBuffer())
        : new TextEncoder().encode(await response.text());
    if (value.byteLength > maxBytes) throw new BodyTooLarge();
    return value;
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
