import { describe, expect, it } from 'vitest';
import { createProgress, renderProgressLine } from '../../src/lib/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 80, writes, write: (chunk: string) => writes.push(chunk) };
}

describe('createProgress', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = createProgress({ stream, from: '2026-01-01', to: '2026-01-10' });
    progress.update(5, '2026-01-05');
    progress.clear();
    expect(stream.writes).toEqual([]);
  });

  it('redraws at most once per interval and clears the line at the end', () => {
    const stream = fakeStream(true);
    let now = 0;
    const progress = createProgress({ stream, from: '2026-01-01', to: '2026-01-10', now: () => now, intervalMs: 100 });
    progress.update(1, '2026-01-01');
    progress.update(2, '2026-01-02'); // same instant: skipped
    now = 150;
    progress.update(3, '2026-01-05');
    progress.clear();
    expect(stream.writes).toHaveLength(3);
    expect(stream.writes[0]).toMatch(/^\r\x1b\[K.* 10% 1 worklog 2026-01-01$/);
    expect(stream.writes[1]).toMatch(/ 50% 3 worklogs 2026-01-05$/);
    expect(stream.writes[2]).toBe('\r\x1b[K');
  });

  it('never moves backwards on an out-of-order date', () => {
    const stream = fakeStream(true);
    let now = 0;
    const progress = createProgress({ stream, from: '2026-01-01', to: '2026-01-10', now: () => (now += 200) });
    progress.update(1, '2026-01-08');
    progress.update(2, '2026-01-02');
    expect(stream.writes[1]).toContain(' 80% ');
  });
});

describe('renderProgressLine', () => {
  it('fills the bar in proportion and fits the terminal', () => {
    const line = renderProgressLine({
      label: 'exporting',
      fraction: 0.5,
      count: 1234,
      date: '2026-03-14',
      columns: 80,
    });
    expect(line).toBe(`exporting [${'#'.repeat(15)}${'.'.repeat(15)}]  50% 1234 worklogs 2026-03-14`);
    expect(line.length).toBeLessThan(80);
    const narrow = renderProgressLine({ label: 'exporting', fraction: 1, count: 1, columns: 40 });
    expect(narrow).toMatch(/^exporting \[#+\] 100% 1 worklog$/);
    expect(narrow.length).toBeLessThan(40);
    const tiny = renderProgressLine({ label: 'exporting', fraction: 0, count: 0, columns: 20 });
    expect(tiny).toContain(`[${'.'.repeat(10)}]`); // never narrower than 10
  });
});
