// "Renamed?" hints: a parameter or field that disappeared while another of the same type appeared in the same place
// is most likely one thing under a new name. The diff cannot know, so it only suggests; but the suggestion is what a
// reviewer needs to find the hand-written code that still uses the old name (a mock filter, a field mapping).

/** The entry kinds that can pair up, removed → added. */
const PAIRS = { 'parameter.removed': 'parameter.added', 'property.removed': 'property.added' };

/**
 * The place an entry's name sits in, and its name: `query.projectId` in GET /worklogs is place
 * `GET /worklogs|query`, name `projectId`; `Worklog.description` is place `schema:Worklog|`, name `description`.
 * @param {import('./group.mjs').Entry} entry
 */
function placeOf(entry) {
  const cut = entry.path.lastIndexOf('.');
  const parent = cut < 0 ? '' : entry.path.slice(0, cut);
  const name = cut < 0 ? entry.path : entry.path.slice(cut + 1);
  const owner =
    entry.schema !== undefined
      ? `schema:${entry.schema}`
      : entry.operations
          .map((o) => `${o.operation} ${o.path.slice(0, o.path.length - name.length)}`)
          .sort()
          .join(',');
  return { place: `${entry.direction}|${owner}|${parent}`, name };
}

/** The type an entry's `before` (removed) or `after` (added) describes. */
const typeOf = (value) => (value && typeof value === 'object' ? value.type : undefined);

/**
 * Marks removed/added pairs that look like renames: same kind of thing, same place, same type, and the only such
 * candidate on both sides (an ambiguous match suggests nothing). Sets `renamedTo` on the removed entry and
 * `renamedFrom` on the added one; returns how many pairs it found.
 * @param {import('./group.mjs').Entry[]} entries
 */
export function suggestRenames(entries) {
  const added = new Map();
  for (const entry of entries) {
    if (!Object.values(PAIRS).includes(entry.kind)) continue;
    const { place } = placeOf(entry);
    const key = `${entry.kind}|${place}|${typeOf(entry.after)}`;
    added.set(key, [...(added.get(key) ?? []), entry]);
  }
  const removedByKey = new Map();
  for (const entry of entries) {
    const target = PAIRS[entry.kind];
    if (!target) continue;
    const key = `${target}|${placeOf(entry).place}|${typeOf(entry.before)}`;
    removedByKey.set(key, [...(removedByKey.get(key) ?? []), entry]);
  }
  let found = 0;
  for (const [key, removed] of removedByKey) {
    const candidates = added.get(key) ?? [];
    if (removed.length !== 1 || candidates.length !== 1) continue;
    removed[0].renamedTo = placeOf(candidates[0]).name;
    candidates[0].renamedFrom = placeOf(removed[0]).name;
    found++;
  }
  return found;
}
