/**
 * Reads a request body as raw bytes without buffering past a limit: the signature covers the bytes as sent, and a
 * sender of an endless body must not grow our memory.
 *
 * @module
 */
import { WebhookBodyTooLargeError } from './errors.js';

/** 1 MiB: Tempo's events are a few kilobytes; a limit far above that only protects memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The whole body of `request` as bytes, or a {@link WebhookBodyTooLargeError} as soon as more than `maxBodyBytes`
 * arrived (or were announced by `Content-Length`); reading stops there.
 * @throws {@link WebhookBodyTooLargeError} past the limit.
 */
export async function readBodyBytes(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const announced = Number(request.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBodyBytes) throw new WebhookBodyTooLargeError(maxBodyBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => {});
      throw new WebhookBodyTooLargeError(maxBodyBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
