import { TempoMockHttpError } from './errors.js';

/**
 * Reads a request body as text, refusing (413) once it exceeds `maxBytes` without buffering the rest:
 * a huge upload costs the mock nothing.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-upload (or sent garbage framing): its problem, not a mock bug.
      throw new TempoMockHttpError(400, 'The request body could not be read');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading, but do not cancel: cancelling a request stream inside msw's interceptor stalls the
      // response. The rest is left unread (the standalone server closes such connections).
      reader.releaseLock();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(all);
}

function tooLarge(maxBytes: number): TempoMockHttpError {
  return new TempoMockHttpError(413, `The request body is larger than ${maxBytes} bytes`);
}

/** True for `application/json` and `application/*+json` (parameters such as charset allowed). */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
