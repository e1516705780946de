import { describe, expect, it } from 'vitest';
import { renderJson, renderText, summaryLine } from '../src/index.mjs';
import { diff, get, object, ref, spec } from './helpers.mjs';

const schemas = (extra) => ({ Item: object({ id: { type: 'integer' }, ...extra }) });
const paths = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`/${name}`, get(`get${name}`, ref('Item'))]));

describe('renderText', () => {
  it('lists at most three operations under a shared change, then how many more', () => {
    const { result } = diff(
      spec({ paths, schemas: schemas({}) }),
      spec({ paths: { ...paths, '/f': get('getf', ref('Item')) }, schemas: schemas({ name: { type: 'string' } }) }),
    );
    const text = renderText(result);
    expect(text).toContain('Operations added (1)\n  + GET /f  (getf)\n');
    expect(text).toContain(
      'Responses (1)\n  + Item.name: string, optional\n      GET /a response.name\n      GET /b response.name\n      GET /c response.name\n      … and 2 more operations\n',
    );
    expect(
      text.endsWith('summary: 1 operation added, 0 removed, 5 changed; 0 breaking, 2 non-breaking changes\n'),
    ).toBe(true);
  });

  it('says so when there is no difference, and round-trips as JSON', () => {
    const { result } = diff(spec({ paths, schemas: schemas({}) }), spec({ paths, schemas: schemas({}) }));
    expect(renderText(result)).toContain('\nNo structural difference.\n');
    expect(JSON.parse(renderJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(summaryLine(result)).toBe(
      'summary: 0 operations added, 0 removed, 0 changed; 0 breaking, 0 non-breaking changes',
    );
  });

  it('shows other APIs apart and counts them apart', () => {
    const vendor = (extra) =>
      spec({ servers: [{ url: 'https://x.example' }], paths: { '/4/a': get('a', { type: 'string' }), ...extra } });
    const { result } = diff(vendor({}), vendor({ '/audit/1/events': get('events', { type: 'string' }) }));
    const text = renderText(result);
    expect(text).toContain(
      'Other APIs in the documents (/audit/1): not part of the v4 API, counted apart (1)\n  + GET /audit/1/events  (events)\n',
    );
    expect(summaryLine(result)).toBe(
      'summary: 0 operations added, 0 removed, 0 changed; 0 breaking, 0 non-breaking changes; other APIs (/audit/1: 1 operation added, 0 removed, 0 changed; 0 breaking, 1 non-breaking change)',
    );
  });
});
