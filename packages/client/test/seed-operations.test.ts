/**
 * Every operation the seed project listed works in this SDK. The seed was an older, generated Ruby SDK for Tempo v4;
 * its endpoint table (Ruby method name, HTTP method, path: 137 rows) is kept as data in
 * fixtures/seed-operations.json. Each one is found in the operation index by method and path, called through
 * `tempo.<group>.<operationId>()` with a valid request for the mock's data, and must succeed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { exampleRequest } from '@tempo-sdk/msw';
import { operationIndex, type OperationId } from '@tempo-sdk/types';
import { describe, expect, it } from 'vitest';
import { useTempoMock } from './support/tempo-mock.js';

const require = createRequire(import.meta.url);

type SeedRow = [rubyMethod: string, method: string, path: string];
const seed = JSON.parse(readFileSync(new URL('./fixtures/seed-operations.json', import.meta.url), 'utf8')) as SeedRow[];
const spec = JSON.parse(readFileSync(require.resolve('@tempo-sdk/types/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

const operationByRoute = new Map(
  (Object.keys(operationIndex) as OperationId[]).map((id) => [
    `${operationIndex[id].method.toUpperCase()} ${operationIndex[id].path}`,
    id,
  ]),
);

/**
 * Where Tempo renamed an operation since the seed was generated. The Ruby generator turned `getPlans` into
 * `get_plans` and a duplicated `getWorkloadSchemeMembers` into `get_workload_scheme_members1`.
 */
const RENAMED: Record<string, OperationId> = {
  get_plans: 'searchPlans',
  get_workload_scheme_members1: 'getWorkloadSchemeMembers_1',
};

const camelCase = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const { mock, client } = useTempoMock();

describe('the seed SDK’s operations', () => {
  it('are all in the operation index, under the same name unless Tempo renamed them', () => {
    expect(seed).toHaveLength(137);
    const missing = seed.filter(([, method, path]) => !operationByRoute.has(`${method} ${path}`));
    expect(missing).toEqual([]);
    const renamed = seed.filter(
      ([ruby, method, path]) => operationByRoute.get(`${method} ${path}`) !== (RENAMED[ruby] ?? camelCase(ruby)),
    );
    expect(renamed).toEqual([]);
  });

  it.each(seed)('%s (%s %s) succeeds through the facade', async (_ruby, method, path) => {
    const operationId = operationByRoute.get(`${method} ${path}`)!;
    const request = exampleRequest(mock, operationId);
    const { tempo } = client();
    // The group and method are picked at run time here, so the typed facade is reached through a plain record.
    const group = (tempo as unknown as Record<string, Record<string, (params: object) => Promise<unknown>>>)[
      operationIndex[operationId].group
    ]!;
    const result = await group[operationId]!({ path: request.path, query: request.query, body: request.body });
    // 204 operations (deletes, membership updates, …) resolve to undefined; the others to their JSON body.
    const answersWithoutBody = '204' in spec.paths[path]![method.toLowerCase()]!.responses;
    if (answersWithoutBody) expect(result).toBeUndefined();
    else expect(result).toEqual(expect.anything());
  });
});
