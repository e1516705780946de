// Cost of one signature check, for a typical event body (about 600 bytes) and a 64 kB one:
//  - verifyTempoSignature (imports the HMAC key on every call),
//  - a verifier from createTempoSignatureVerifier (key imported once, as the handler does),
//  - node:crypto createHmac + timingSafeEqual, the floor on this machine.
// Run: corepack pnpm --filter @tempo-sdk/webhooks bench (turbo builds first). Results go in the README.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createTempoSignatureVerifier, verifyTempoSignature } from '../dist/index.js';

const secret = 'S'.repeat(128);
const timestamp = new Date().toISOString();
const sign = (body) =>
  createHmac('sha256', secret)
    .update(body + timestamp, 'utf8')
    .digest('hex');
const small = JSON.stringify({
  eventId: crypto.randomUUID(),
  eventType: 'worklog.created',
  payload: { tempoWorklogId: 37, issue: { id: 10001 }, description: 'x'.repeat(400) },
});
const large = JSON.stringify({ eventId: 'e', eventType: 'team.created', payload: { name: 'x'.repeat(64 * 1024) } });

async function measure(label, fn, iterations) {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const perCallUs = ((performance.now() - start) * 1000) / iterations;
  console.log(`${label.padEnd(58)} ${perCallUs.toFixed(1).padStart(8)} µs/call  (${iterations} calls)`);
}

console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
for (const [name, body, iterations] of [
  ['600 B body', small, 20_000],
  ['64 kB body', large, 2_000],
]) {
  const signature = sign(body);
  const verifier = createTempoSignatureVerifier({ sharedSecret: secret });
  const ok = async (p) => {
    if (!(await p)) throw new Error('verification failed in the benchmark');
  };
  await measure(
    `${name}: verifyTempoSignature (key import per call)`,
    () => ok(verifyTempoSignature({ body, timestamp, signature, sharedSecret: secret })),
    iterations,
  );
  await measure(
    `${name}: verifier.verify (key imported once)`,
    () => ok(verifier.verify({ body, timestamp, signature })),
    iterations,
  );
  const expected = Buffer.from(signature, 'hex');
  await measure(
    `${name}: node:crypto createHmac + timingSafeEqual (floor)`,
    () => {
      if (!timingSafeEqual(createHmac('sha256', secret).update(body).update(timestamp).digest(), expected))
        throw new Error('mismatch');
    },
    iterations,
  );
}
