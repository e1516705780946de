/**
 * A local Tempo-shaped HTTP server for the benchmarks (node:http, 127.0.0.1, port 0). It is not a mock of Tempo's
 * behaviour, only of its wire format, so that the clients compared do the same network and parsing work:
 *   GET /4/worklogs/{id}            one worklog (≈ 700 bytes of JSON)
 *   GET /4/worklogs?offset&limit    pages of generated worklogs with absolute `next` links; `total` query (default
 *                                   100 000) sets how many exist, `latency` (ms, default 0) is the time from the
 *                                   request to its answer, as with a far or busy Tempo. Pages are generated on the fly: nothing is stored.
 * Run as a child process: prints `{"port":…}` on stdout, exits when stdin closes.
 */
import { createServer } from 'node:http';

export function worklog(id) {
  return {
    self: `https://api.tempo.io/4/worklogs/${id}`,
    tempoWorklogId: id,
    issue: { self: `https://tempo-bench.atlassian.net/rest/api/2/issue/${10000 + (id % 500)}`, id: 10000 + (id % 500) },
    timeSpentSeconds: 3600,
    billableSeconds: 3600,
    startDate: '2026-11-27',
    startTime: '09:30:00',
    description: `Worklog ${id}: pairing on the billing export, code review and a short planning session`,
    createdAt: '2026-11-27T10:31:00Z',
    updatedAt: '2026-11-27T10:31:00Z',
    author: {
      self: 'https://tempo-bench.atlassian.net/rest/api/2/user?accountId=712020:4b1c0f1e-8c51-4c5e-9d0b-2f6c8c9d1a77',
      accountId: '712020:4b1c0f1e-8c51-4c5e-9d0b-2f6c8c9d1a77',
    },
    attributes: { self: `https://api.tempo.io/4/worklogs/${id}/work-attribute-values`, values: [] },
  };
}

export function startBenchServer() {
  const one = JSON.stringify(worklog(126));
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      res.writeHead(401, { 'content-type': 'text/html' }).end('<html>401</html>');
      return;
    }
    if (/^\/4\/worklogs\/\d+$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(one) }).end(one);
      return;
    }
    if (url.pathname === '/4/worklogs') {
      const total = Number(url.searchParams.get('total') ?? 100_000);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), 5000);
      const results = [];
      for (let i = offset; i < Math.min(offset + limit, total); i++) results.push(worklog(i + 1));
      const metadata = { count: results.length, offset, limit };
      if (offset + limit < total) {
        const next = new URL(url);
        next.searchParams.set('offset', String(offset + limit));
        next.searchParams.set('limit', String(limit));
        metadata.next = next.href;
      }
      const body = JSON.stringify({ metadata, results, self: url.href });
      const send = () =>
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
      // The latency is the time to the answer, as with Tempo: building the page counts towards it.
      const wait = Number(url.searchParams.get('latency') ?? 0) - (performance.now() - arrived);
      if (wait > 0) setTimeout(send, wait);
      else send();
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":{"message":"not found"}}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { port, server } = await startBenchServer();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => server.close(() => process.exit(0)));
}
