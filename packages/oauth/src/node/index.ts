/**
 * `@tempo-sdk/oauth/node`: the Node-only parts — a file token store with a cross-process lock, and loopback
 * login for CLIs and desktop apps. Everything else is in `@tempo-sdk/oauth`.
 *
 * @packageDocumentation
 */

export { FileTokenStore, type FileTokenStoreOptions } from './file-store.js';
export { withFileLock, type FileLockOptions } from './file-lock.js';
export { loopbackLogin, openSystemBrowser, type LoopbackLoginOptions } from './loopback.js';
