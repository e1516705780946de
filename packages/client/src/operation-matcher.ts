/**
 * Finds the operation behind a method and URL by matching the path templates of the operation index. The transport
 * uses it to know whether a low-level `POST` is a read-only search (retried) or a create (never retried).
 */
import type { OperationInfo } from '@tempo-sdk/types';
import type { OperationClassifier } from './transport/build-request.js';

interface Route {
  pattern: RegExp;
  hint: { operationId: string; idempotent: boolean };
  /** Number of `{param}` segments: literal templates win over parameterized ones (`/worklogs/search` over `/worklogs/{id}`). */
  params: number;
}

/** An {@link OperationClassifier} over `index`, for URLs under `baseUrl`. Templates are compiled on first use. */
export function createOperationMatcher(
  index: Readonly<Record<string, OperationInfo>>,
  baseUrl: string,
): OperationClassifier {
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  let routes: Map<string, Route[]> | undefined;

  const compile = (): Map<string, Route[]> => {
    const byMethod = new Map<string, Route[]>();
    for (const [operationId, info] of Object.entries(index)) {
      const source = info.path
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('');
      const method = info.method.toUpperCase();
      const list = byMethod.get(method) ?? [];
      list.push({
        pattern: new RegExp(`^${source}/?$`),
        hint: { operationId, idempotent: info.idempotent },
        params: (info.path.match(/\{/g) ?? []).length,
      });
      byMethod.set(method, list);
    }
    for (const list of byMethod.values()) list.sort((a, b) => a.params - b.params);
    return byMethod;
  };

  return (method, url) => {
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return undefined;
    }
    if (!pathname.startsWith(`${basePath}/`)) return undefined;
    const relative = pathname.slice(basePath.length);
    routes ??= compile();
    return routes.get(method.toUpperCase())?.find((route) => route.pattern.test(relative))?.hint;
  };
}
