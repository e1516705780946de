/**
 * Temporary files that must not outlive the process, however it ends.
 *
 * A command removes its own temp file in a `finally` — that covers errors, Ctrl-C (the abort makes the command
 * unwind) and a normal end. What a `finally` cannot cover is the process ending under it: `process.exit()` from
 * the broken-pipe handler, a second signal, an uncaught exception. `cli.ts` calls {@link removeTempFilesSync} on
 * the process's `exit` event, which Node emits in all of those cases. (SIGKILL and power loss end a process with
 * no code run at all; nothing in the process can clean up after those.)
 */
import { unlinkSync } from 'node:fs';

const live = new Set<string>();

/** Registers `path` for removal at exit; call the returned function once the file is renamed or removed. */
export function trackTempFile(path: string): () => void {
  live.add(path);
  return () => {
    live.delete(path);
  };
}

/** The temp files still registered (for tests and `--debug`). */
export function trackedTempFiles(): string[] {
  return [...live];
}

/** Removes every registered temp file, synchronously (the `exit` event allows no waiting). Never throws. */
export function removeTempFilesSync(): void {
  for (const path of live) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone, or not ours to remove any more: nothing left to do at exit.
    }
    live.delete(path);
  }
}
