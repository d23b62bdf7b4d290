// The bench's webhook receiver: answers every POST with 204 at once and records, for /hook,
// when each delivery arrived and how long after its event it came (the body's "timestamp" is
// the event's occurred_at, in ms). GET /stats reports the figures, POST /reset clears them.
// /baseline requests are only counted (they measure the receiver itself).
//   node receiver.mjs <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 0);
let latencies = [];
let ids = new Set();
let duplicates = 0;
let first = 0;
let last = 0;
let baseline = 0;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    if (req.method === 'POST' && req.url === '/hook') {
      const body = Buffer.concat(chunks).toString('utf8');
      const at = /"timestamp":"([^"]+)"/.exec(body);
      const id = req.headers['webhook-id'];
      if (ids.has(id)) duplicates++;
      ids.add(id);
      if (at) latencies.push(now - Date.parse(at[1]));
      if (!first) first = now;
      last = now;
      res.writeHead(204).end();
    } else if (req.method === 'POST' && req.url === '/baseline') {
      baseline++;
      res.writeHead(204).end();
    } else if (req.method === 'POST' && req.url === '/reset') {
      latencies = [];
      ids = new Set();
      duplicates = 0;
      first = last = 0;
      baseline = 0;
      res.writeHead(204).end();
    } else if (req.method === 'GET' && req.url === '/stats') {
      const sorted = [...latencies].sort((a, b) => a - b);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        count: ids.size, duplicates, first_at_ms: first, last_at_ms: last, baseline,
        p50_ms: percentile(sorted, 50), p99_ms: percentile(sorted, 99), max_ms: sorted.at(-1) ?? null,
      }));
    } else {
      res.writeHead(404).end();
    }
  });
});
server.keepAliveTimeout = 5000;
server.listen(port, '127.0.0.1', () => console.log(`receiver listening on ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
