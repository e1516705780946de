/**
 * The error base every service shares (`ServiceError`, `apiErrorClass`, `apiErrorFactory`): a service derives its
 * own classes from it and keeps its names and `instanceof` relations.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiErrorClass, apiErrorFactory, ServiceError, type ApiErrorDetails } from '../src/transport/index.js';

class ShopError extends ServiceError {
  static {
    this.prototype.name = 'ShopError';
  }
}
class ShopApiError extends apiErrorClass(ShopError) {
  static {
    this.prototype.name = 'ShopApiError';
  }
}
class ShopBusyError extends ShopApiError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: ConstructorParameters<typeof ShopApiError>[1] & { retryAfterMs?: number }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
  static {
    this.prototype.name = 'ShopBusyError';
  }
}
/** Keeps ShopApiError's name: only the class tells a 5xx apart here. */
class ShopDownError extends ShopApiError {}

const details = (status: number): ApiErrorDetails => ({
  status,
  message: 'No such shelf',
  messages: ['No such shelf', 'shelf: unknown'],
  method: 'GET',
  url: 'https://shop.example/shelves/9',
  operationId: 'getShelf',
  requestId: 'req-1',
  headers: { 'content-type': 'application/json' },
  body: { error: 'No such shelf' },
  retryAfterMs: status === 429 ? 2000 : undefined,
});

describe('service errors', () => {
  const shopApiError = apiErrorFactory({ 429: ShopBusyError }, ShopDownError, ShopApiError);

  it('derives a service error-status class that is the service’s error, with every field in order', () => {
    const error = shopApiError(details(404));
    expect(error.constructor).toBe(ShopApiError);
    expect(error).toBeInstanceOf(ShopError);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.name).toBe('ShopApiError');
    expect(Object.keys(error)).toEqual([
      'status',
      'method',
      'url',
      'operationId',
      'requestId',
      'headers',
      'messages',
      'body',
    ]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ShopApiError',
      message: 'No such shelf',
      status: 404,
      method: 'GET',
      url: 'https://shop.example/shelves/9',
      operationId: 'getShelf',
      requestId: 'req-1',
      headers: { 'content-type': 'application/json' },
      messages: ['No such shelf', 'shelf: unknown'],
      body: { error: 'No such shelf' },
    });
    expect(inspect(error)).toMatch(/^ShopApiError: No such shelf/);
  });

  it('picks the class by status: listed, 5xx, or the base; only the 429 class keeps retryAfterMs', () => {
    const busy = shopApiError(details(429));
    expect(busy).toBeInstanceOf(ShopBusyError);
    expect((busy as ShopBusyError).retryAfterMs).toBe(2000);
    const down = shopApiError(details(503));
    expect(down).toBeInstanceOf(ShopDownError);
    expect(down).toBeInstanceOf(ShopError);
    const teapot = shopApiError(details(418));
    expect(teapot.constructor).toBe(ShopApiError);
    expect(Object.keys(teapot)).not.toContain('retryAfterMs');
  });

  it('toJSON keeps only the name and message of a cause, and leaves out unset fields', () => {
    const cause = Object.assign(new Error('socket hang up'), { request: { headers: { authorization: 'Bearer x' } } });
    const json = new ShopError('Could not reach the shop', { cause }).toJSON();
    expect(json).toEqual({
      name: 'ShopError',
      message: 'Could not reach the shop',
      cause: { name: 'Error', message: 'socket hang up' },
    });
    const minimal = new ShopApiError('Nope', { status: 400, method: 'POST', url: 'https://shop.example/x' });
    expect(minimal.messages).toEqual(['Nope']);
    expect(minimal.headers).toEqual({});
    expect(minimal.toJSON()).not.toHaveProperty('operationId');
  });
});
