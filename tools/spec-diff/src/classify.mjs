// Whether a change breaks a client written against the old document. One idea decides almost every rule:
// in a REQUEST the client is the writer, so the server accepting *less* than before breaks it (narrowing);
// in a RESPONSE the client is the reader, so the server sending *more kinds of values* than before breaks it
// (widening), and so does the server no longer promising something (a field, a required flag).
// The rules are listed, with examples, in the README ("Breaking or not").

/** @param {{ kind: string, direction: string | null, before: any, after: any }} change */
export function isBreaking({ kind, direction, before, after }) {
  const request = direction === 'request';
  switch (kind) {
    // Operations: a client calling a removed one fails; SDKs (ours included) name methods after operationIds and
    // type calls by path, so both renames break code even though the HTTP call might be unchanged.
    case 'operation.removed':
    case 'operation.operationId':
    case 'operation.path':
      return true;
    case 'operation.added':
      return false;

    case 'server.removed':
      return true;
    case 'server.added':
      return false;

    // A client that was allowed in with an alternative that is gone (or with none at all) is now refused.
    case 'security': {
      const old = before.length ? before : ['none'];
      return old.some((alt) => !after.includes(alt));
    }

    case 'parameter.added':
    case 'requestBody.added':
      return after.required === true;
    case 'parameter.removed':
    case 'requestBody.removed':
      return true;
    case 'parameter.required':
    case 'requestBody.required':
      return after === true;

    case 'property.added':
      // A response may grow; a request may grow optional fields only.
      return request && after.required === true;
    case 'property.removed':
      // Removed from a response: readers lose it. Removed from a request: the value the client sends is ignored or
      // refused, and typed code that sets it no longer compiles.
      return true;
    case 'property.required':
      return request ? after === true : after === false;

    case 'schema.type':
      return request ? !widens(before, after) : !widens(after, before);
    case 'schema.format':
      // A format constrains: adding one narrows, removing one widens, changing one is both.
      return request ? after !== null : before !== null;
    case 'schema.enum': {
      const { added, removed } = enumDelta(before, after);
      // `null` = no enum = every value allowed.
      if (request) return after !== null && (before === null || removed.length > 0);
      return before !== null && (after === null || added.length > 0);
    }
    case 'schema.nullable':
      return request ? after === false : after === true;
    // oneOf and anyOf give clients the same union type of the branches; the branches are compared on their own.
    case 'schema.composition':
      return !(before && after);
    case 'schema.branch.added':
      return !request;
    case 'schema.branch.removed':
      return request;

    // Deprecation announces a future removal; nothing fails yet.
    case 'deprecated':
    case 'schema.deprecated':
      return false;
    // Callbacks are requests Tempo sends to the subscriber: losing one from the document loses its contract.
    case 'callback.removed':
      return true;
    case 'callback.added':
      return false;

    case 'mediaType.added':
      return false;
    case 'mediaType.removed':
      return true;
    case 'response.added':
    case 'response.body.added':
      return false;
    case 'response.removed':
    case 'response.body.removed':
      return true;
    default:
      // A kind without a rule is a bug in this tool; treating it as breaking makes it visible.
      return true;
  }
}

/** True when every value of type `narrow` is also a value of type `wide` (`integer` -> `number`, anything -> `any`). */
function widens(narrow, wide) {
  return wide === 'any' || (narrow === 'integer' && wide === 'number');
}

/** Values added to and removed from an enum (`null` = no enum). */
export function enumDelta(before, after) {
  const key = (v) => JSON.stringify(v);
  const old = new Set((before ?? []).map(key));
  const now = new Set((after ?? []).map(key));
  return {
    added: (after ?? []).filter((v) => !old.has(key(v))),
    removed: (before ?? []).filter((v) => !now.has(key(v))),
  };
}
