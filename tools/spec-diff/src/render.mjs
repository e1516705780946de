// The report for humans (text, grouped by kind, with a summary line) and for machines (JSON).
import { enumDelta } from './classify.mjs';
import { isShared, location, sectionOf } from './group.mjs';
import { MAIN_API } from './normalize.mjs';

const SECTION_TITLES = {
  document: 'Servers and security',
  'operation.added': 'Operations added',
  'operation.removed': 'Operations removed',
  operation: 'Operations changed (identity, deprecation, callbacks)',
  parameters: 'Parameters',
  requestBody: 'Request bodies',
  response: 'Responses',
};

/** How many operations a shared-schema entry lists before "… and N more". */
const LISTED_OPERATIONS = 3;

/**
 * @param {import('./index.mjs').DiffResult} result
 * @param {{ showExplained?: boolean }} [options]  list entries explained by deviations (marked) instead of hiding them
 * @returns {string}
 */
export function renderText(result, { showExplained = false } = {}) {
  const lines = [
    `spec-diff: ${result.old.label} (${result.old.operations} operations) -> ${result.new.label} (${result.new.operations} operations)`,
  ];
  const shown = showExplained ? result.entries : result.entries.filter((e) => !e.deviation);
  const mainEntries = shown.filter((e) => e.api === MAIN_API);
  const otherEntries = shown.filter((e) => e.api !== MAIN_API);

  let section;
  for (const entry of mainEntries) {
    const current = sectionOf(entry);
    if (current !== section) {
      section = current;
      const count = mainEntries.filter((e) => sectionOf(e) === current).length;
      lines.push('', `${SECTION_TITLES[current]} (${count})`);
    }
    lines.push(...renderEntry(entry));
  }
  if (otherEntries.length) {
    const apis = [...new Set(otherEntries.map((e) => e.api))].join(', ');
    lines.push(
      '',
      `Other APIs in the documents (${apis}): not part of the v4 API, counted apart (${otherEntries.length})`,
    );
    for (const entry of otherEntries) lines.push(...renderEntry(entry));
  }
  if (!shown.length) {
    lines.push(
      '',
      result.explained
        ? `No structural difference beyond the ${result.explained} explained by ${result.deviationsFile} (--show-explained lists them).`
        : 'No structural difference.',
    );
  }
  lines.push('', summaryLine(result));
  return `${lines.join('\n')}\n`;
}

/** `summary: 98 operations added, 0 removed, 19 changed; 0 breaking, 111 non-breaking changes` (+ other APIs, deviations). */
export function summaryLine(result) {
  const s = result.summary;
  let line = `summary: ${counts(s)}`;
  const others = Object.entries(s.otherApis).map(([api, c]) => `${api}: ${counts(c)}`);
  if (others.length) line += `; other APIs (${others.join('; ')})`;
  if (result.explained) line += `; ${result.explained} explained by ${result.deviationsFile}`;
  return line;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `98 operations added, 0 removed, 19 changed; 0 breaking, 111 non-breaking changes` for one API's counts. */
export function counts(c) {
  return `${plural(c.added, 'operation')} added, ${c.removed} removed, ${c.changed} changed; ${c.breaking} breaking, ${plural(c.nonBreaking, 'non-breaking change')}`;
}

function renderEntry(entry) {
  const { sign, text } = describe(entry);
  const tags = [
    entry.renamedTo
      ? `(renamed to ${entry.renamedTo}?)`
      : entry.renamedFrom
        ? `(renamed from ${entry.renamedFrom}?)`
        : '',
    entry.breaking ? '[breaking]' : '',
    entry.deviation ? `[deviation: ${entry.deviation}]` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const lines = [`  ${sign} ${text}${tags ? `  ${tags}` : ''}`];
  // A change in a shared place: say where it shows.
  if (isShared(entry)) {
    const ops = entry.operations;
    if (entry.document !== undefined && ops.length > LISTED_OPERATIONS) {
      lines.push(`      in ${ops.length} operations`);
    } else {
      for (const op of ops.slice(0, LISTED_OPERATIONS)) lines.push(`      ${op.operation} ${op.path}`);
      if (ops.length > LISTED_OPERATIONS) lines.push(`      … and ${ops.length - LISTED_OPERATIONS} more operations`);
    }
  }
  return lines;
}

const presence = (required) => (required ? 'required' : 'optional');
const list = (values) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

/** @returns {{ sign: '+' | '-' | '~', text: string }} */
export function describe(entry) {
  const where = location(entry);
  const { before, after } = entry;
  switch (entry.kind) {
    case 'operation.added':
      return { sign: '+', text: `${where}${after.operationId ? `  (${after.operationId})` : ''}` };
    case 'operation.removed':
      return { sign: '-', text: `${where}${before.operationId ? `  (${before.operationId})` : ''}` };
    case 'operation.operationId':
      return { sign: '~', text: `${where}: operationId ${before ?? '(none)'} -> ${after ?? '(none)'}` };
    case 'operation.path':
      return { sign: '~', text: `${where}: path ${before} -> ${after}` };
    case 'server.added':
      return { sign: '+', text: `server ${after}` };
    case 'server.removed':
      return { sign: '-', text: `server ${before}` };
    case 'security':
      return { sign: '~', text: `${where}: ${before.join(' | ') || '(none)'} -> ${after.join(' | ') || '(none)'}` };
    case 'parameter.added':
      return { sign: '+', text: `${where}: ${after.type}, ${presence(after.required)}` };
    case 'parameter.removed':
      return { sign: '-', text: `${where}: ${before.type}, was ${presence(before.required)}` };
    case 'requestBody.added':
      return { sign: '+', text: `${where}: ${presence(after.required)}` };
    case 'requestBody.removed':
      return { sign: '-', text: where };
    case 'parameter.required':
    case 'requestBody.required':
    case 'property.required':
      return { sign: '~', text: `${where}: ${presence(before)} -> ${presence(after)}` };
    case 'property.added':
      return { sign: '+', text: `${where}: ${after.type}, ${presence(after.required)}` };
    case 'property.removed':
      return { sign: '-', text: `${where}: ${before.type}, was ${presence(before.required)}` };
    case 'schema.type':
      return { sign: '~', text: `${where}: type ${before} -> ${after}` };
    case 'schema.format':
      return { sign: '~', text: `${where}: format ${before ?? '(none)'} -> ${after ?? '(none)'}` };
    case 'schema.enum': {
      if (before === null) return { sign: '~', text: `${where}: enum added [${list(after)}]` };
      if (after === null) return { sign: '~', text: `${where}: enum removed (was [${list(before)}])` };
      const { added, removed } = enumDelta(before, after);
      const parts = [added.length ? `+[${list(added)}]` : '', removed.length ? `-[${list(removed)}]` : ''].filter(
        Boolean,
      );
      return { sign: '~', text: `${where}: enum ${parts.join(' ')}` };
    }
    case 'schema.nullable':
      return {
        sign: '~',
        text: `${where}: ${before ? 'nullable' : 'not nullable'} -> ${after ? 'nullable' : 'not nullable'}`,
      };
    case 'schema.composition':
      return { sign: '~', text: `${where}: ${before ?? '(no oneOf/anyOf)'} -> ${after ?? '(no oneOf/anyOf)'}` };
    case 'schema.branch.added':
      return { sign: '+', text: `${where}: branch ${after}` };
    case 'schema.branch.removed':
      return { sign: '-', text: `${where}: branch ${before}` };
    case 'deprecated':
    case 'schema.deprecated':
      return { sign: '~', text: `${where}: ${after ? 'deprecated' : 'no longer deprecated'}` };
    case 'callback.added':
      return { sign: '+', text: `${where}: ${after}` };
    case 'callback.removed':
      return { sign: '-', text: `${where}: ${before}` };
    case 'mediaType.added':
      return { sign: '+', text: `${where}: media type ${after}` };
    case 'mediaType.removed':
      return { sign: '-', text: `${where}: media type ${before}` };
    case 'response.added':
      return { sign: '+', text: `${where}: success status ${after}` };
    case 'response.removed':
      return { sign: '-', text: `${where}: success status ${before}` };
    case 'response.body.added':
      return { sign: '+', text: `${where}: body (status ${after})` };
    case 'response.body.removed':
      return { sign: '-', text: `${where}: body (status ${before})` };
    default:
      return { sign: '~', text: `${where}: ${entry.kind} ${JSON.stringify(before)} -> ${JSON.stringify(after)}` };
  }
}

/** The machine-readable report: the same entries and summary, as JSON. */
export function renderJson(result) {
  return `${JSON.stringify(result, null, 2)}\n`;
}
