// Renders operation-docs.ts: one interface member per operationId whose doc comment is the operation's summary,
// description, method and path (and `@deprecated` when the spec says so). The client maps its facade over this
// interface (a homomorphic mapped type keeps each member's declaration), so an editor's hover on
// `tempo.worklogs.getWorklogById` shows these words. Types only: nothing here reaches a bundle.
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
  paragraphs.push([`\`${entry.method.toUpperCase()} ${entry.path}\` (tag \`${entry.tag.replaceAll('`', "'")}\`)`]);
  const lines = paragraphs.flatMap((paragraph, i) => (i === 0 ? paragraph : ['', ...paragraph]));
  if (entry.deprecated) lines.push('@deprecated The spec marks this operation as deprecated.');
  return ['  /**', ...lines.map((line) => (line ? `   * ${line}` : '   *')), '   */'].join('\n');
}

/**
 * Renders the module (`OperationDocs`).
 * @param {readonly OperationDocEntry[]} entries sorted by operationId (as `buildOperationIndex` returns them)
 * @param {string} source shown in the do-not-edit banner
 */
export function renderOperationDocs(entries, source) {
  const members = entries.map((e) => `${renderOperationDoc(e)}\n  readonly ${e.operationId}: '${e.operationId}';`);
  return `${DO_NOT_EDIT(source)}
/**
 * Every operation of the spec by operationId, each with its summary, description, method and path as its doc
 * comment. Only the declarations matter: \`@tempo-sdk/client\` maps its facade over this interface so that an
 * editor's hover on \`tempo.<group>.<operationId>\` shows them. Each member's type is its own operationId.
 */
export interface OperationDocs {
${members.join('\n')}
}
`;
}
