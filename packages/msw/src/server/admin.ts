/**
 * The standalone server's admin API, under {@link ADMIN_PREFIX} (off every Tempo path): reset, seed records, add
 * and remove faults, read the request log, and each area's own admin routes (`/__admin/<area>/…`). It lets a test
 * written in any language drive the mock over HTTP. No authentication: the server binds to loopback by default.
 */
import { readBodyCapped } from '../body.js';
import { MAX_BODY_BYTES } from '../constants.js';
import { Collection } from '../db/collection.js';
import { TempoMockHttpError, errorBody } from '../errors.js';
import type { ActiveFault, FaultRule } from '../faults.js';
import type { MockRuntime } from '../runtime.js';

/** Where the admin API lives: a prefix no Tempo path starts with. */
export const ADMIN_PREFIX = '/__admin';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Fields of a fault rule the admin API takes (a RegExp path cannot travel as JSON: use a template or a path). */
const FAULT_FIELDS = new Set([
  'method',
  'path',
  'operationId',
  'status',
  'retryAfterMs',
  'retryAfterDate',
  'message',
  'body',
  'delayMs',
  'networkError',
  'times',
]);

/** Serves admin requests for one runtime; faults added here get ids so they can be listed and removed. */
export function createAdminApi(runtime: MockRuntime): (request: Request) => Promise<Response> {
  const faults = new Map<number, ActiveFault>();
  let nextFaultId = 1;
  const { mock } = runtime;

  const faultView = (id: number, fault: ActiveFault) => ({
    id,
    rule: fault.rule,
    hits: fault.hits,
    remaining: Number.isFinite(fault.remaining) ? fault.remaining : null,
  });
  const liveFaults = () => {
    const active = new Set(mock.faults.list());
    for (const [id, fault] of faults) if (!active.has(fault.rule)) faults.delete(id); // cleared by reset/clear, or used up
    return [...faults].map(([id, fault]) => faultView(id, fault));
  };

  const collection = (name: string): Collection<unknown, unknown, string | number> => {
    const value = (mock.db as unknown as Record<string, unknown>)[name];
    if (!(value instanceof Collection) || !Object.hasOwn(mock.db, name)) {
      const names = Object.entries(mock.db)
        .filter(([, v]) => v instanceof Collection)
        .map(([k]) => k);
      throw new TempoMockHttpError(404, `No collection '${name}': one of ${names.join(', ')}`);
    }
    return value as Collection<unknown, unknown, string | number>;
  };

  const routes: Record<string, (request: Request, url: URL, rest: string[]) => Promise<unknown> | unknown> = {
    'POST reset': () => {
      mock.reset();
      return undefined;
    },
    'GET requests': () => mock.requests.all(),
    'DELETE requests': () => {
      mock.requests.clear();
      return undefined;
    },
    'GET faults': () => liveFaults(),
    'POST faults': async (request) => {
      const body = await readJson(request);
      const rules = Array.isArray(body) ? body : [body];
      const added = rules.map((rule) => {
        if (rule === null || typeof rule !== 'object' || Array.isArray(rule))
          throw new TempoMockHttpError(400, 'A fault is a JSON object such as {"status":503,"times":1}');
        const unknown = Object.keys(rule).filter((key) => !FAULT_FIELDS.has(key));
        if (unknown.length > 0) throw new TempoMockHttpError(400, `Unknown fault field(s): ${unknown.join(', ')}`);
        return rule as FaultRule;
      });
      const views = [];
      for (const rule of added) {
        const id = nextFaultId++;
        const fault = usage(() => mock.faults.add(rule));
        faults.set(id, fault);
        views.push(faultView(id, fault));
      }
      return new Response(JSON.stringify(Array.isArray(body) ? views : views[0]), {
        status: 201,
        headers: JSON_HEADERS,
      });
    },
    'DELETE faults': (_request, _url, rest) => {
      if (rest.length === 0) {
        mock.faults.clear();
        faults.clear();
        return undefined;
      }
      const id = Number(rest[0]);
      const fault = faults.get(id);
      if (!fault || rest.length > 1) throw new TempoMockHttpError(404, `No fault with id ${rest.join('/')}`);
      fault.remove();
      faults.delete(id);
      return undefined;
    },
    'GET db': (_request, url, rest) => {
      if (rest.length !== 1)
        throw new TempoMockHttpError(404, 'Use /__admin/db/<collection>, e.g. /__admin/db/worklogs');
      const records = collection(rest[0]!).all();
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0)
        throw new TempoMockHttpError(400, "'limit' must be a positive integer and 'offset' an integer ≥ 0");
      return { count: records.length, results: records.slice(offset, offset + limit) };
    },
    'POST db': async (request, _url, rest) => {
      if (rest.length !== 1)
        throw new TempoMockHttpError(404, 'Use /__admin/db/<collection>, e.g. /__admin/db/worklogs');
      const target = collection(rest[0]!);
      const body = await readJson(request);
      const inputs = Array.isArray(body) ? body : [body];
      // All or nothing: check every input before storing the first.
      for (const input of inputs) usage(() => target.check(input));
      const created = inputs.map((input) => usage(() => target.create(input)));
      return new Response(JSON.stringify(Array.isArray(body) ? created : created[0]), {
        status: 201,
        headers: JSON_HEADERS,
      });
    },
  };

  return async (request) => {
    try {
      const url = new URL(request.url);
      const [first = '', ...rest] = url.pathname
        .slice(ADMIN_PREFIX.length)
        .split('/')
        .filter((part, i) => i > 0 || part !== '');
      if (rest.some((part) => part === '')) throw new TempoMockHttpError(404, `Nothing is served at ${url.pathname}`);
      const area = runtime.areas.find(({ area: a }) => a.name === first);
      if (area) return await serveArea(area, request, url, rest);
      const route = routes[`${request.method} ${first}`];
      if (!route) {
        const methods = Object.keys(routes)
          .filter((key) => key.endsWith(` ${first}`))
          .map((key) => key.split(' ')[0]);
        if (methods.length > 0)
          return reply(405, errorBody(`Method ${request.method} is not allowed on ${url.pathname}`), {
            allow: methods.join(', '),
          });
        throw new TempoMockHttpError(
          404,
          `No admin route ${request.method} ${url.pathname}: see the README's "Admin API" section`,
        );
      }
      if (rest.length > 0 && !['faults', 'db'].includes(first))
        throw new TempoMockHttpError(404, `Nothing is served at ${url.pathname}`);
      return toResponse(await route(request, url, rest));
    } catch (error) {
      if (error instanceof TempoMockHttpError) return reply(error.status, errorBody(error.message), error.headers);
      throw error;
    }
  };
}

async function serveArea(
  entry: MockRuntime['areas'][number],
  request: Request,
  url: URL,
  rest: string[],
): Promise<Response> {
  const routes = entry.area.admin?.(entry.store) ?? {};
  const route = routes[`${request.method} /${rest.join('/')}`];
  if (!route)
    throw new TempoMockHttpError(
      404,
      `The ${entry.area.name} area has no admin route ${request.method} /${rest.join('/')}`,
    );
  const text =
    request.method === 'GET' || request.method === 'HEAD' ? '' : await readBodyCapped(request, MAX_BODY_BYTES);
  let body: unknown;
  if (text.trim() !== '') body = parseJson(text);
  return toResponse(await route(request, { url, body }));
}

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value === undefined) return new Response(null, { status: 204 });
  return reply(200, value);
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyCapped(request, MAX_BODY_BYTES);
  if (text.trim() === '') throw new TempoMockHttpError(400, 'The request body is required (JSON)');
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TempoMockHttpError(400, 'The request body is not valid JSON');
  }
}

/** Runs a mock call for the admin API: a usage error or a refused record becomes a 400 naming the problem. */
function usage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TempoMockHttpError) throw error;
    // Whatever a malformed record or rule trips over is the caller's input, not a mock bug.
    throw new TempoMockHttpError(400, error instanceof Error ? error.message : String(error));
  }
}
