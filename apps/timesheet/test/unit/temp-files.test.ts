import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTempFilesSync, trackedTempFiles, trackTempFile } from '../../src/lib/temp-files.js';

describe('temp files removed at exit', () => {
  it('removes what is still tracked, forgets what was untracked, and never throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'temp-files-'));
    const [kept, committed, vanished] = ['a.partial', 'b.partial', 'c.partial'].map((name) => join(dir, name)) as [
      string,
      string,
      string,
    ];
    writeFileSync(kept, 'x');
    writeFileSync(committed, 'y');
    trackTempFile(kept);
    trackTempFile(committed)(); // committed: no longer ours
    trackTempFile(vanished); // never created (or already removed)
    expect(() => removeTempFilesSync()).not.toThrow();
    expect(existsSync(kept)).toBe(false);
    expect(existsSync(committed)).toBe(true);
    expect(trackedTempFiles()).toEqual([]);
  });
});
