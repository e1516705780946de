import { TempoMockUsageError } from './errors.js';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import type { ValidateFunction } from 'ajv';
import { getOperation, successResponse } from './spec.js';
import { compileAt, formatError, pointerToken } from './validation.js';

const cache = new Map<string, ValidateFunction | null>();

/**
 * Checks a response body against the spec's schema for `operationId` and `status`. Returns undefined when it
 * is valid, or a message naming the first problem. Bodies of statuses without a JSON schema must be empty.
 * The mock's own test suite runs every operation through this; consumers may use it on their fixtures too.
 *
 * @throws {TempoMockUsageError} when `operationId` is not in the spec or declares no `status` response.
 */
export function checkResponseBody(operationId: OperationId, status: number, body: unknown): string | undefined {
  const info = operationIndex[operationId];
  if (!info)
    throw new TempoMockUsageError(`checkResponseBody: '${String(operationId)}' is not an operationId of the spec`);
  const op = getOperation(info.method, info.path);
  const key = `${operationId} ${status}`;
  let validate = cache.get(key);
  if (validate === undefined) {
    const response = op.responses[String(status)];
    const hasJson = response?.$ref !== undefined || response?.content?.['application/json'] !== undefined;
    if (!response) throw new TempoMockUsageError(`checkResponseBody: ${operationId} declares no ${status} response`);
    validate = hasJson
      ? compileAt(
          response.$ref
            ? `${response.$ref.slice(1)}/content/application~1json/schema`
            : `/paths/${pointerToken(info.path)}/${info.method}/responses/${status}/content/application~1json/schema`,
        )
      : null;
    cache.set(key, validate);
  }
  if (validate === null)
    return body === undefined || body === '' ? undefined : `${operationId} ${status} must have no body`;
  if (validate(body)) return undefined;
  const error = validate.errors?.[0];
  return `${formatError(validate.errors, 'body')} (at ${error?.instancePath || '/'}, schema ${error?.schemaPath ?? '?'})`;
}

/** The success status the spec declares for an operation (200 or 204). */
export function successStatusOf(operationId: OperationId): number {
  const info = operationIndex[operationId];
  return successResponse(getOperation(info.method, info.path)).status;
}
