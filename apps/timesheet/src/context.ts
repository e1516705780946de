/**
 * Everything a command touches outside its own code — streams, environment, clock, browser — passed in
 * explicitly so that tests run commands in-process with fake streams and a fixed "today".
 */
import type { Writable } from 'node:stream';
import type { Env } from './lib/config.js';

/** An output stream, with the terminal facts the app looks at. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** The world as a command sees it. */
export interface AppContext {
  /** Data output (tables, exports, ids). */
  stdout: OutputStream;
  /** Messages, prompts, progress and errors. */
  stderr: OutputStream;
  env: Env;
  /** Current time (the app's "today" is its local date). */
  now: () => Date;
  platform: NodeJS.Platform;
  homedir: string;
  /** Aborted on Ctrl-C; commands pass it to every request. */
  signal: AbortSignal;
  /** Opens a URL in the user's browser (best effort). */
  openBrowser: (url: string) => Promise<void>;
  /** The app's version, for `--version` and the User-Agent. */
  version: string;
}

/** Writes one line to a stream. */
export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}
