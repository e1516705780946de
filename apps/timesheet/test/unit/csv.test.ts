import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../src/lib/csv.js';
import { createRecordWriter, writeChunk, type CsvLayout } from '../../src/lib/record-writer.js';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\r', '"cr\r"'],
    [' padded', '" padded"'],
    ['padded ', '"padded "'],
    ['', ''],
    ['=SUM(A1)', '=SUM(A1)'],
    ['ünïcødé ✓', 'ünïcødé ✓'],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes numbers and booleans as text and null/undefined as empty', () => {
    expect(csvField(3600)).toBe('3600');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('ends records with CRLF', () => {
    expect(csvRecord(['a', 1, 'b,c'])).toBe('a,1,"b,c"\r\n');
  });

  it('round-trips through a strict RFC 4180 reader', () => {
    const values = ['x', 'a,"b"', 'multi\r\nline', ' lead', ''];
    expect(parseCsvLine(csvRecord(values))).toEqual(values);
  });
});

/** A small RFC 4180 reader for one record, to check the writer against the grammar rather than against itself. */
function parseCsvLine(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else {
      while (text[i] !== ',' && text[i] !== '\r') field += text[i++];
    }
    fields.push(field);
    if (text[i] === ',') i++;
    else if (text.slice(i) === '\r\n') return fields;
    else throw new Error(`unexpected ${JSON.stringify(text.slice(i))}`);
  }
}

interface Row {
  id: number;
  text: string;
}
const layout: CsvLayout<Row> = { header: ['id', 'text'], row: (r) => [r.id, r.text] };

async function collect(format: 'csv' | 'json' | 'ndjson', rows: Row[]): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const writer = createRecordWriter(format, sink, layout);
  for (const row of rows) await writer.write(row);
  await writer.end();
  expect(writer.count).toBe(rows.length);
  return Buffer.concat(chunks).toString('utf8');
}

const rows = [
  { id: 1, text: 'hello, world' },
  { id: 2, text: 'line\nbreak "quoted"' },
];

describe('createRecordWriter', () => {
  it('writes CSV with a header', async () => {
    expect(await collect('csv', rows)).toBe('id,text\r\n1,"hello, world"\r\n2,"line\nbreak ""quoted"""\r\n');
  });

  it('writes a header even with no records', async () => {
    expect(await collect('csv', [])).toBe('id,text\r\n');
  });

  it('writes one valid JSON array, also when empty', async () => {
    const text = await collect('json', rows);
    expect(JSON.parse(text)).toEqual(rows);
    expect(text.split('\n')).toHaveLength(5); // "[", two records, "]", ""
    expect(JSON.parse(await collect('json', []))).toEqual([]);
  });

  it('writes NDJSON: one document per line', async () => {
    const text = await collect('ndjson', rows);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(rows);
    expect(await collect('ndjson', [])).toBe('');
  });
});

describe('writeChunk', () => {
  it('waits for drain when the sink is full, so memory stays bounded', async () => {
    const written: string[] = [];
    let release: (() => void) | undefined;
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        release = callback;
      },
    });
    let done = false;
    const pending = writeChunk(slow, 'more than four bytes').then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false); // still waiting for drain
    release?.();
    await pending;
    expect(done).toBe(true);
    expect(written).toEqual(['more than four bytes']);
  });

  it('rejects when the sink fails while waiting', async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setImmediate(() => callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      },
    });
    await expect(writeChunk(broken, 'data')).rejects.toThrow('EPIPE');
  });
});
