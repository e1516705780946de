// Benchmarks of @tempo-sdk/oauth (run with `corepack pnpm bench`; needs `build` first, which turbo does).
// Prints a markdown table; the numbers in the README come from this script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempoMock, MOCK_OAUTH_CLIENT } from '@tempo-sdk/msw';
import { MemoryTokenStore, TokenManager } from '../dist/index.js';
import { FileTokenStore } from '../dist/node/index.js';

const rows = [];
function record(name, iterations, ms, extra = '') {
  rows.push(
    `| ${name} | ${iterations} | ${(ms / iterations).toFixed(4)} ms | ${Math.round((iterations / ms) * 1000).toLocaleString('en')} /s | ${extra} |`,
  );
}
async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const mock = createTempoMock({ data: 'empty' });
const client = { clientId: MOCK_OAUTH_CLIENT.clientId, clientSecret: MOCK_OAUTH_CLIENT.clientSecret };
const fetch = (input, init) => mock.fetch(input, init);
function storedSet(expiresInMs) {
  const t = mock.oauth.issueTokens();
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: Date.now() + expiresInMs,
    tokenType: 'Bearer',
  };
}

// 1. Hot path: a cached, fresh token.
{
  const manager = new TokenManager({ ...client, fetch, store: new MemoryTokenStore(storedSet(3600_000)) });
  await manager.getAccessToken();
  const n = 200_000;
  const ms = await time(async () => {
    for (let i = 0; i < n; i++) await manager.getAccessToken();
  });
  record('getAccessToken(), fresh cached token', n, ms);
}

// 2. Thundering herd: 1000 concurrent callers on an expired token (mock Tempo in-process, no network).
{
  const rounds = 20;
  let total = 0;
  const before = mock.oauth.stats.refreshes;
  for (let r = 0; r < rounds; r++) {
    const manager = new TokenManager({ ...client, fetch, store: new MemoryTokenStore(storedSet(-1000)) });
    total += await time(() => Promise.all(Array.from({ length: 1000 }, () => manager.getAccessToken())));
  }
  record(
    '1000 concurrent getAccessToken(), expired token',
    rounds,
    total,
    `${mock.oauth.stats.refreshes - before} refreshes for ${rounds} rounds`,
  );
}

// 3. File store: atomic write (temp + fsync + rename + folder fsync), read, uncontended lock.
{
  const dir = mkdtempSync(join(tmpdir(), 'tempo-oauth-bench-'));
  try {
    const store = new FileTokenStore(join(dir, 'tokens.json'));
    const set = storedSet(3600_000);
    const writes = 200;
    record(
      'FileTokenStore.set() (durable, fsync)',
      writes,
      await time(async () => {
        for (let i = 0; i < writes; i++) await store.set(set);
      }),
    );
    const reads = 5000;
    record(
      'FileTokenStore.get()',
      reads,
      await time(async () => {
        for (let i = 0; i < reads; i++) await store.get();
      }),
    );
    const locks = 1000;
    record(
      'FileTokenStore.lock(), uncontended',
      locks,
      await time(async () => {
        for (let i = 0; i < locks; i++) await store.lock(async () => undefined);
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 4. Memory held by a manager.
{
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const managers = Array.from(
    { length: 10_000 },
    () => new TokenManager({ ...client, fetch, store: new MemoryTokenStore(storedSet(3600_000)) }),
  );
  await Promise.all(managers.map((m) => m.getAccessToken()));
  globalThis.gc?.();
  const perManager = (process.memoryUsage().heapUsed - before) / managers.length;
  rows.push(
    `| heap per TokenManager with its tokens (10 000 managers) | ${managers.length} | ${(perManager / 1024).toFixed(2)} KiB | | ${globalThis.gc ? 'after gc' : 'run with --expose-gc for exact numbers'} |`,
  );
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| benchmark | iterations | time per iteration | rate | notes |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const row of rows) console.log(row);
