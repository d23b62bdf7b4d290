// HTTP behaviour of the real binary: problem+json errors, request ids, headers, static console,
// metrics, keep-alive and graceful shutdown. Runs on SQLite, and on PostgreSQL when
// RETAGUARDA_TEST_DB is set (make test does both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer } from '../support/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

function assertProblem(res, body, status) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  for (const field of ['type', 'title', 'status', 'detail', 'instance', 'errors']) {
    assert.ok(field in body, `problem body lacks ${field}: ${JSON.stringify(body)}`);
  }
  assert.equal(body.status, status);
  assert.equal(body.request_id, res.headers.get('x-request-id'));
}

// Sends raw bytes and resolves with everything the server answers until it closes.
function rawExchange(port, chunks, { delayMs = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
    socket.on('connect', async () => {
      for (const c of chunks) {
        socket.write(c);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
    });
  });
}

test('HEAD is answered by the GET route without a body', async () => {
  const reply = await rawExchange(server.port, ['HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
  assert.match(reply, /^HTTP\/1\.1 200 OK/);
  assert.match(reply, /Content-Length: 3\r\n/i);
  assert.ok(reply.endsWith('\r\n\r\n'), 'no body after the headers');
});

test('unknown API path is a 404 problem+json', async () => {
  const res = await fetch(`${server.base}/api/v1/does-not-exist`);
  assertProblem(res, await res.json(), 404);
});

test('wrong method is a 405 problem+json with Allow', async () => {
  const res = await fetch(`${server.base}/api/v1/status`, { method: 'DELETE' });
  assertProblem(res, await res.json(), 405);
  assert.equal(res.headers.get('allow'), 'GET');
});

test('a body over the cap is refused with 413 problem+json before it is read', async () => {
  const reply = await rawExchange(server.port, [
    'POST /api/v1/status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: big-1\r\n' +
    `Content-Length: ${8 * 1024 * 1024}\r\n\r\n{"a":`,
  ]);
  assert.match(reply, /^HTTP\/1\.1 413 /);
  assert.match(reply, /content-type: application\/problem\+json/i);
  assert.match(reply, /"status":413/);
  assert.match(reply, /"request_id":"big-1"/);
});

test('a malformed request gets a 400 problem+json', async () => {
  const reply = await rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n']);
  assert.match(reply, /^HTTP\/1\.1 400 /);
  assert.match(reply, /"status":400/);
});

test('X-Request-Id is echoed when valid and generated otherwise', async () => {
  const echoed = await fetch(`${server.base}/healthz`, { headers: { 'X-Request-Id': 'req-abc.123' } });
  assert.equal(echoed.headers.get('x-request-id'), 'req-abc.123');
  const generated = await fetch(`${server.base}/healthz`);
  assert.match(generated.headers.get('x-request-id'), /^[0-9a-f]{24}$/);
  const unsafe = await fetch(`${server.base}/healthz`, { headers: { 'X-Request-Id': 'x'.repeat(200) } });
  assert.match(unsafe.headers.get('x-request-id'), /^[0-9a-f]{24}$/);
  const injected = await fetch(`${server.base}/healthz`, { headers: { 'X-Request-Id': 'a"b<script>' } });
  assert.match(injected.headers.get('x-request-id'), /^[0-9a-f]{24}$/);
});

test('each request writes one JSON access-log line', async () => {
  await fetch(`${server.base}/api/v1/status`, { headers: { 'X-Request-Id': 'log-line-check' } });
  await new Promise((r) => setTimeout(r, 100));
  const lines = server.output().split('\n').filter((l) => l.includes('"log-line-check"'));
  assert.equal(lines.length, 1, server.output());
  const entry = JSON.parse(lines[0]);
  assert.equal(entry.event, 'http.request');
  assert.equal(entry.method, 'GET');
  assert.equal(entry.route, '/api/v1/status');
  assert.equal(entry.status, 200);
  assert.equal(typeof entry.duration_ms, 'number');
});

test('health, readiness and status', async () => {
  const health = await fetch(`${server.base}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(await health.text(), 'ok\n');
  const ready = await fetch(`${server.base}/readyz`);
  assert.equal(ready.status, 200);
  const status = await (await fetch(`${server.base}/api/v1/status`)).json();
  assert.equal(status.ready, true);
  assert.equal(status.migrations.applied, status.migrations.expected);
  assert.ok(status.migrations.expected >= 1);
  assert.equal(status.database.kind, process.env.RETAGUARDA_TEST_DB ? 'postgresql' : 'sqlite');
});

test('security headers on API responses and console pages', async () => {
  for (const path of ['/api/v1/status', '/', '/status', '/api/v1/nope']) {
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    assert.match(res.headers.get('content-security-policy'), /frame-ancestors 'none'/, path);
    assert.match(res.headers.get('content-security-policy'), /default-src 'self'/, path);
  }
});

test('console: SPA fallback, content types and caching of hashed assets', async () => {
  const index = await fetch(`${server.base}/status`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  const asset = html.match(/src="(\/assets\/[^"]+\.js)"/);
  assert.ok(asset, 'index.html references a hashed script');
  const js = await fetch(`${server.base}${asset[1]}`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  assert.match(js.headers.get('cache-control'), /max-age=31536000, immutable/);
  const missing = await fetch(`${server.base}/assets/missing-abc123.js`);
  assert.equal(missing.status, 404);
  const traversal = await rawExchange(server.port, ['GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
  assert.doesNotMatch(traversal, /root:/);
});

test('keep-alive serves several requests on one connection', async () => {
  const reply = await rawExchange(server.port, [
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  ], { delayMs: 30 });
  assert.equal(reply.match(/HTTP\/1\.1 200 OK/g)?.length, 3);
});

test('metrics expose request counts, latency histogram, pool and job figures', async () => {
  await fetch(`${server.base}/healthz`);
  const text = await (await fetch(`${server.base}/metrics`)).text();
  assert.match(text, /rg_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
  assert.match(text, /rg_http_request_duration_seconds_bucket\{route="\/healthz",method="GET",status="200",le="\+Inf"\} \d+/);
  assert.match(text, /rg_http_requests_total\{route="\(not found\)",method="GET",status="404"\} \d+/);
  assert.match(text, /rg_db_pool_connections\{state="capacity"\} \d+/);
  assert.match(text, /rg_jobs\{state="queued"\} \d+/);
});

// Last: it stops the server. A request in flight completes, idle keep-alive connections are
// closed, new connections are refused and the process exits 0.
test('graceful shutdown finishes the in-flight request and exits 0', async () => {
  const idle = connect(server.port, '127.0.0.1');
  await new Promise((r) => idle.on('connect', r));
  const idleClosed = new Promise((r) => idle.on('close', r));
  const inflight = connect(server.port, '127.0.0.1');
  await new Promise((r) => inflight.on('connect', r));
  let reply = '';
  inflight.on('data', (d) => { reply += d; });
  const replyDone = new Promise((r) => inflight.on('close', r));
  inflight.write('GET /api/v1/status HTTP/1.1\r\nHost: x\r\n');  // headers not finished yet
  await new Promise((r) => setTimeout(r, 100));
  server.proc.kill('SIGTERM');
  await idleClosed;  // the idle connection goes at once
  const refused = await fetch(`${server.base}/healthz`).then(() => false, () => true);
  assert.ok(refused, 'new connections are refused while draining');
  inflight.write('X-Request-Id: in-flight\r\n\r\n');
  await replyDone;
  assert.match(reply, /^HTTP\/1\.1 200 OK/);
  assert.match(reply, /Connection: close/i);
  assert.match(reply, /"product":"Retaguarda"/);
  const { code } = await server.exited;
  assert.equal(code, 0);
});

test('a client that stops mid-request is disconnected after the request timeout', async () => {
  const slow = await startServer({ args: ['--request-timeout-ms', '300'] });
  try {
    const started = Date.now();
    const reply = await rawExchange(slow.port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n']);
    const elapsed = Date.now() - started;
    assert.equal(reply, '', 'nothing is answered to an unfinished request');
    assert.ok(elapsed >= 250 && elapsed < 5000, `closed after ${elapsed} ms`);
    const ok = await fetch(`${slow.base}/healthz`);
    assert.equal(ok.status, 200, 'the server keeps serving others');
  } finally {
    await slow.stop();
  }
});
