// Renders operation-docs.ts: one interface member per operationId whose doc comment is the operation's summary,
// description, method and path (and `@deprecated` when the spec says so), and one per facade group whose doc comment
// is its tag's description. The client maps its facade over these interfaces (a homomorphic mapped type keeps each
// member's declaration), so an editor's hover on `tempo.worklogs` and `tempo.worklogs.getWorklogById` shows these
// words. Types only: nothing here reaches a bundle.
import { DO_NOT_EDIT } from './header.mjs';

/**
 * @typedef {object} OperationDocEntry
 * @property {string} operationId
 * @property {string} method        lower case, as in the spec
 * @property {string} path          relative to the base URL
 * @property {string} tag
 * @property {string} [summary]
 * @property {string} [description]
 * @property {boolean} [deprecated]
 */

/**
 * Spec prose made safe inside a `/** … *\/` block: `*\/` would end the comment, and an `@` would start a TSDoc
 * tag (`@deprecated` in a summary would mark the method deprecated). Both get TSDoc's backslash escape, which
 * Markdown renderers (editor hovers, TypeDoc) show as the plain character.
 * @param {string} text
 * @returns {string[]} the text's lines, trimmed at the end, each escaped
 */
export function docLines(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.trimEnd().replaceAll('*/', '*\\/').replaceAll('@', '\\@'));
}

/** A doc comment of an interface member (indented by two spaces) from its lines; `''` is a blank line. */
function memberComment(lines) {
  return ['  /**', ...lines.map((line) => (line ? `   * ${line}` : '   *')), '   */'].join('\n');
}

/** A tag name inside a code span: a backtick in it would close the span early. */
const tagSpan = (tag) => `\`${tag.replaceAll('`', "'")}\``;

/**
 * The doc comment of one operation, indented by two spaces (an interface member).
 * @param {OperationDocEntry} entry
 */
export function renderOperationDoc(entry) {
  const paragraphs = [];
  if (entry.summary?.trim()) paragraphs.push(docLines(entry.summary));
  if (entry.description?.trim() && entry.description.trim() !== entry.summary?.trim())
    paragraphs.push(docLines(entry.description));
  // A code span: `{id}` outside one would read as a TSDoc inline tag.
  paragraphs.push([`\`${entry.method.toUpperCase()} ${entry.path}\` (tag ${tagSpan(entry.tag)})`]);
  const lines = paragraphs.flatMap((paragraph, i) => (i === 0 ? paragraph : ['', ...paragraph]));
  if (entry.deprecated) lines.push('@deprecated The spec marks this operation as deprecated.');
  return memberComment(lines);
}

/**
 * The doc comment of one facade group: its tag's description from the spec's `tags`, and how many operations it has.
 * @param {string} group
 * @param {readonly OperationDocEntry[]} entries the group's operations
 * @param {ReadonlyMap<string, string>} tagDescriptions tag name -> description
 */
export function renderGroupDoc(group, entries, tagDescriptions) {
  const tags = [...new Set(entries.map((e) => e.tag))];
  const described = tags.flatMap((tag) => tagDescriptions.get(tag)?.trim() || []);
  const count = `${entries.length} operation${entries.length === 1 ? '' : 's'}`;
  const lines = described.flatMap((text, i) => (i === 0 ? docLines(text) : ['', ...docLines(text)]));
  if (lines.length) lines.push('');
  lines.push(`The facade group \`${group}\`: ${count}, tagged ${tags.map(tagSpan).join(', ')} in the spec.`);
  return memberComment(lines);
}

/**
 * Renders the module (`OperationDocs`, `OperationGroupDocs`).
 * @param {readonly (OperationDocEntry & { group: string })[]} entries sorted by operationId (as
 *   `buildOperationIndex` returns them)
 * @param {string} source shown in the do-not-edit banner
 * @param {readonly { name: string, description?: string }[]} [tags] the spec's `tags`, for the groups' comments
 */
export function renderOperationDocs(entries, source, tags = []) {
  const members = entries.map((e) => `${renderOperationDoc(e)}\n  readonly ${e.operationId}: '${e.operationId}';`);
  const tagDescriptions = new Map(
    tags.filter((t) => typeof t.description === 'string').map((t) => [t.name, /** @type {string} */ (t.description)]),
  );
  /** @type {Map<string, (OperationDocEntry & { group: string })[]>} */
  const groups = new Map();
  for (const e of entries) groups.set(e.group, [...(groups.get(e.group) ?? []), e]);
  const groupMembers = [...groups.keys()]
    .sort()
    .map(
      (group) => `${renderGroupDoc(group, groups.get(group) ?? [], tagDescriptions)}\n  readonly ${group}: '${group}';`,
    );
  return `${DO_NOT_EDIT(source)}
/**
 * Every operation of the spec by operationId, each with its summary, description, method and path as its doc
 * comment. Only the declarations matter: \`@tempo-sdk/client\` maps its facade over this interface so that an
 * editor's hover on \`tempo.<group>.<operationId>\` shows them. Each member's type is its own operationId.
 */
export interface OperationDocs {
${members.join('\n')}
}

/**
 * Every group of the facade (\`tempo.<group>\`), each with its tag's description as its doc comment, for the same
 * purpose as {@link OperationDocs}. Each member's type is its own group name.
 */
export interface OperationGroupDocs {
${groupMembers.join('\n')}
}
`;
}
