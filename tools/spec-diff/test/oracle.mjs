// An independent, deliberately naive way to find what differs between two documents' operations: expand every
// parameter, request body and success response into a flat map of `path -> signature`, following $refs by brute
// force (depth-limited, no memo, no grouping), and list the paths whose signature differs. The reference test
// checks that spec-diff reports exactly these places — nothing missing, nothing extra.
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function deref(doc, node) {
  for (let guard = 0; node?.$ref && guard < 50; guard++) {
    node = node.$ref
      .slice(2)
      .split('/')
      .map((p) => decodeURIComponent(p).replaceAll('~1', '/'))
      .reduce((o, k) => o?.[k], doc);
  }
  return node;
}

function flatten(doc, raw, path, out, depth) {
  const node = deref(doc, raw);
  if (!node || depth > 12) return;
  let { items, enum: values } = node;
  if (node.type === 'array' && values) {
    items = { ...deref(doc, items), enum: values };
    values = undefined;
  }
  const type = node.type ?? (node.properties ? 'object' : items ? 'array' : 'any');
  out.set(
    path,
    JSON.stringify([type, node.format, values ? [...values].sort() : null, !!node.nullable, !!node.deprecated]),
  );
  for (const [name, sub] of Object.entries(node.properties ?? {})) {
    out.set(`${path}.${name}?`, (node.required ?? []).includes(name));
    flatten(doc, sub, `${path}.${name}`, out, depth + 1);
  }
  if (items) flatten(doc, items, `${path}[]`, out, depth + 1);
}

function operations(doc) {
  const prefix = /\/4\/?$/.test(doc.servers?.[0]?.url ?? '') ? '' : '/4';
  const ops = new Map();
  for (const [rawPath, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const path = prefix && rawPath.startsWith(`${prefix}/`) ? rawPath.slice(prefix.length) : rawPath;
      const out = new Map([['operationId', op.operationId]]);
      for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p))) {
        out.set(`${param.in}.${param.name}?`, param.in === 'path' || !!param.required);
        flatten(doc, param.schema, `${param.in}.${param.name}`, out, 0);
      }
      const body = deref(doc, op.requestBody);
      if (body) {
        out.set('requestBody?', !!body.required);
        flatten(doc, body.content?.['application/json']?.schema, 'requestBody', out, 0);
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(status)) continue;
        out.set(`status ${status}`, true);
        flatten(doc, deref(doc, response).content?.['application/json']?.schema, 'response', out, 0);
      }
      ops.set(`${method.toUpperCase()} ${path}`, out);
    }
  }
  return ops;
}

/**
 * Every place that differs, as `OPERATION PATH` strings, reduced to the outermost differing path (a new property's
 * own sub-fields are part of it), plus `+ OPERATION` / `- OPERATION` for operations only on one side.
 */
export function naiveDifferences(oldDoc, newDoc) {
  const [before, after] = [operations(oldDoc), operations(newDoc)];
  const out = new Set();
  for (const key of after.keys()) if (!before.has(key)) out.add(`+ ${key}`);
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      out.add(`- ${key}`);
      continue;
    }
    const paths = [...new Set([...old.keys(), ...now.keys()])]
      .filter((p) => old.get(p) !== now.get(p))
      .map((p) => p.replace(/\?$/, ''));
    const outermost = paths.filter(
      (p) => !paths.some((q) => q !== p && (p.startsWith(`${q}.`) || p.startsWith(`${q}[`))),
    );
    for (const p of outermost) out.add(`${key} ${p}`);
  }
  return out;
}
