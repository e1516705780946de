// The ceiling for the bench's client on this machine: a bare node:http server answering every request with a
// fixed body of the same size as the mock's answer. Prints its base URL like tempo-mock does.
import http from 'node:http';

const size = Number(process.argv[2] ?? 39000);
const body = Buffer.from(JSON.stringify({ results: 'x'.repeat(size - 16) }));
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`  base URL:      http://127.0.0.1:${server.address().port}/4\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
