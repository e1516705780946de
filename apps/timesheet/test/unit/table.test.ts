import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from '../../src/lib/table.js';

describe('renderTable', () => {
  it('pads columns to the widest cell, right-aligns numbers and rules between sections', () => {
    const lines = renderTable({
      columns: [{ header: 'Name' }, { header: 'Hours', align: 'right' }],
      sections: [
        [
          ['alpha', '1'],
          ['b', '12345'],
        ],
        [['Total', '12346']],
      ],
    });
    expect(lines).toEqual([
      'Name   Hours',
      '-----  -----',
      'alpha      1',
      'b      12345',
      '-----  -----',
      'Total  12346',
    ]);
  });

  it('pads short rows and never leaves trailing spaces', () => {
    const lines = renderTable({ columns: [{ header: 'A' }, { header: 'B' }], sections: [[['x']]] });
    expect(lines).toEqual(['A  B', '-  -', 'x']);
  });

  it('measures width in code points', () => {
    expect(displayWidth('€5')).toBe(2);
  });
});
