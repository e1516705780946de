import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { exampleRequest } from '../src/example-request.js';
import { checkResponseBody, successStatusOf } from '../src/response-validation.js';
import { api, useMockServer } from './helpers.js';

const operationIds = Object.keys(operationIndex) as OperationId[];

describe('every operation of the spec', () => {
  const { mock } = useMockServer();

  it('covers the whole operation index', () => {
    expect(operationIds.length).toBeGreaterThanOrEqual(252);
  });

  it.each(operationIds)('%s answers a valid request with a 2xx body valid against the spec', async (operationId) => {
    const request = exampleRequest(mock, operationId);
    const res = await api(request.url, {
      method: request.method,
      ...(request.body !== undefined ? { json: request.body } : {}),
    });
    const expected = successStatusOf(operationId);
    expect({ status: res.status, body: res.status === expected ? 'ok' : res.body }).toEqual({
      status: expected,
      body: 'ok',
    });
    expect(checkResponseBody(operationId, res.status, res.body)).toBeUndefined();
  });
});
