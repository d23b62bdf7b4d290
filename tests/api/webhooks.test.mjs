// covers PLT-08 — webhooks against the real `retaguarda serve`: a receiver started here checks
// EVERY request's signature with the independent npm `standardwebhooks` implementation; real
// events (an operator created and disabled through the API) reach a trigger; a 500 and a
// timeout are retried under the same webhook-id; resend and simulate (marked as test); and a
// server killed with SIGKILL mid-delivery, restarted on the same database, still delivers every
// event at least once. Runs on SQLite, or on PostgreSQL with RETAGUARDA_TEST_DB.
//
// The server runs with --webhook-timeout-ms 1500 so that a timeout (and the lease of a delivery
// interrupted by the kill: timeout + 10 s) fits in the test's time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startServer, bootstrapTenant, binary, freePort, repoRoot } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

const timeoutMs = 1500;
const serveArgs = ['--webhook-timeout-ms', String(timeoutMs), '--log-level', 'warn'];

// --- The receiver -------------------------------------------------------------------------------

// Answers each path with its behaviour (200 by default) and records every request with the
// outcome of verifying its signature against the secret of the trigger that owns the path.
function startReceiver() {
  const secrets = new Map();    // path → Webhook
  const behaviours = new Map(); // path → async (request record) => status
  const received = [];
  const held = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record = {
        path: req.url, at: Date.now(), body, id: req.headers['webhook-id'],
        timestamp: req.headers['webhook-timestamp'], signature: req.headers['webhook-signature'],
        verified: false, error: null, json: null,
      };
      try {
        const wh = secrets.get(req.url);
        if (!wh) throw new Error(`no secret for ${req.url}`);
        record.json = wh.verify(body, {
          'webhook-id': record.id, 'webhook-timestamp': record.timestamp, 'webhook-signature': record.signature,
        });
        record.verified = true;
      } catch (e) {
        record.error = String(e);
      }
      received.push(record);
      const behaviour = behaviours.get(req.url);
      const status = behaviour ? await behaviour(record, res) : 200;
      if (status === 'hold') { held.push(res); return; }
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${status}`);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: (path) => `http://127.0.0.1:${port}${path}`,
        received, secrets, behaviours,
        at: (path) => received.filter((r) => r.path === path),
        releaseHeld() { for (const res of held.splice(0)) res.destroy(); },
        close() { this.releaseHeld(); server.closeAllConnections?.(); return new Promise((r) => server.close(r)); },
      });
    });
  });
}

async function until(what, check, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- Fixtures -------------------------------------------------------------------------------------

let server;
let receiver;
let manager;
let roles;

async function createTrigger(client, path, eventTypes, description = '') {
  const res = await client.post('/api/v1/webhooks/triggers', { url: receiver.url(path), event_types: eventTypes, description });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.match(res.body.secret, /^whsec_/);
  receiver.secrets.set(path, new Webhook(res.body.secret));
  return res.body;
}

async function createOperator(client, name, email) {
  const res = await client.post('/api/v1/operators', { name, email, role_id: roles.common.id, access_interface: 'both' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function deliveryDetail(client, id) {
  const res = await client.get(`/api/v1/webhooks/deliveries/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

before(async () => {
  receiver = await startReceiver();
  let creds;
  server = await startServer({ args: serveArgs, prepare: (db) => { creds = bootstrapTenant(db); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  roles = Object.fromEntries((await manager.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
});

after(async () => {
  await server?.stop();
  await receiver?.close();
});

// Every request any test caused carried a valid Standard Webhooks signature.
after(() => {
  const bad = receiver.received.filter((r) => !r.verified);
  assert.deepEqual(bad.map((r) => `${r.path} ${r.id}: ${r.error}`), []);
});

// --- Tests ----------------------------------------------------------------------------------------

test('PLT-08 real events from the API reach a subscribed trigger, signed', async () => {
  const trigger = await createTrigger(manager, '/events', ['operator.created', 'operator.disabled'], 'ERP');
  const other = await createTrigger(manager, '/other', ['operator.deleted']);
  const op = await createOperator(manager, 'Wagner Webhook', 'wagner@bancoteste.com.br');
  const disabled = await manager.post(`/api/v1/operators/${op.id}/disable`);
  assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
  // Rejected input publishes nothing (same e-mail again: 409, no operator.created).
  assert.equal((await manager.post('/api/v1/operators',
    { name: 'Outro', email: 'wagner@bancoteste.com.br', role_id: roles.common.id })).status, 409);

  const got = await until('two events', () => (receiver.at('/events').length >= 2 ? receiver.at('/events') : null));
  await sleep(800);  // nothing more arrives (no duplicate, nothing for the rejected request)
  const events = receiver.at('/events');
  assert.equal(events.length, 2, JSON.stringify(events.map((e) => e.body)));
  assert.deepEqual(got.map((r) => r.json.type).sort(), ['operator.created', 'operator.disabled']);
  for (const r of got) {
    assert.equal(r.verified, true, r.error);
    assert.equal(r.json.data.id, op.id);
    assert.match(r.json.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(r.json.test, undefined);
  }
  assert.equal(receiver.at('/other').length, 0, 'a trigger gets only its event types');

  const list = await manager.get(`/api/v1/webhooks/deliveries?trigger_id=${trigger.id}`);
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 2);
  for (const d of list.body.items) {
    assert.equal(d.status, 'delivered');
    assert.ok(d.event_id);
    assert.equal(d.is_test, false);
    assert.ok(got.some((r) => r.id === d.id), 'webhook-id is the delivery id');
  }
  assert.equal((await manager.get(`/api/v1/webhooks/deliveries?trigger_id=${other.id}`)).body.items.length, 0);
});

test('PLT-08 a 500 is retried with backoff under the same webhook-id, every attempt logged', async () => {
  const trigger = await createTrigger(manager, '/flaky', ['operator.created']);
  let calls = 0;
  receiver.behaviours.set('/flaky', async () => (++calls <= 2 ? 500 : 200));
  const sim = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: 'operator.created' });
  assert.equal(sim.status, 202, JSON.stringify(sim.body));
  const d = await until('delivered after retries', async () => {
    const detail = await deliveryDetail(manager, sim.body.id);
    return detail.status === 'delivered' ? detail : null;
  });
  assert.equal(d.attempts, 3);
  assert.deepEqual(d.attempt_log.map((a) => [a.attempt, a.status_code]), [[1, 500], [2, 500], [3, 200]]);
  assert.equal(d.attempt_log[0].error, 'HTTP 500');
  assert.equal(d.attempt_log[0].response_excerpt, 'answer 500');
  const got = receiver.at('/flaky');
  assert.equal(got.length, 3);
  assert.ok(got.every((r) => r.id === sim.body.id && r.body === got[0].body), 'same id and body on every attempt');
  // The log keeps the headers each attempt sent, as the receiver saw them.
  assert.deepEqual(d.attempt_log.map((a) => [String(a.webhook_timestamp), a.webhook_signature]),
    got.map((r) => [r.timestamp, r.signature]));
  const gap1 = got[1].at - got[0].at;
  const gap2 = got[2].at - got[1].at;
  assert.ok(gap1 >= 700, `first retry after ~1 s, got ${gap1} ms`);
  assert.ok(gap2 >= 1400, `second retry after ~2 s, got ${gap2} ms`);
});

// covers PLT-08 (outbound requests: no requests to private addresses)
test('PLT-08 a server with the production rule refuses loopback, private and link-local destinations', async () => {
  let creds;
  const strict = await startServer({ webhookLoopback: false, prepare: (db) => { creds = bootstrapTenant(db); } });
  try {
    const client = new Client(strict.base);
    assert.equal((await client.signIn(creds.email, creds.password)).status, 200);
    for (const [url, says] of [[receiver.url("/hook"), '--webhook-allow-loopback'],
      ['https://localhost/hook', '--webhook-allow-loopback'],
      ['https://10.20.30.40/erp', '--webhook-allow-private'],
      ['https://[fd00::7]/erp', '--webhook-allow-private'],
      ['https://169.254.169.254/latest/meta-data', 'never accepted']]) {
      const res = await client.post('/api/v1/webhooks/triggers', { url, event_types: ['operator.created'] });
      assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].field, 'url');
      assert.ok(res.body.errors[0].message.includes(says), res.body.errors[0].message);
    }
    const ok = await client.post('/api/v1/webhooks/triggers', { url: 'https://erp.example.com/hook', event_types: ['operator.created'] });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await client.get('/api/v1/webhooks/triggers')).body.items.length, 1, 'nothing refused was saved');
  } finally {
    await strict.stop();
  }
});

test('PLT-08 a receiver slower than the timeout is retried', async () => {
  const trigger = await createTrigger(manager, '/slow', ['operator.created']);
  let calls = 0;
  receiver.behaviours.set('/slow', async () => {
    if (++calls === 1) await sleep(timeoutMs + 1500);
    return 200;
  });
  const sim = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: 'operator.created' });
  assert.equal(sim.status, 202);
  const d = await until('delivered after a timeout', async () => {
    const detail = await deliveryDetail(manager, sim.body.id);
    return detail.status === 'delivered' ? detail : null;
  });
  assert.equal(d.attempt_log.length, 2);
  assert.equal(d.attempt_log[0].status_code, null, 'no answer within the timeout');
  assert.match(d.attempt_log[0].error, /timed out|timeout/i);
  assert.ok(d.attempt_log[0].latency_ms >= timeoutMs - 100 && d.attempt_log[0].latency_ms < timeoutMs + 1000,
    `attempt 1 took ${d.attempt_log[0].latency_ms} ms`);
  assert.equal(d.attempt_log[1].status_code, 200);
});

test('PLT-08 simulate sends the sample payload marked as test; resend sends the same body as a new message', async () => {
  const trigger = await createTrigger(manager, '/sim', ['operator.disabled']);
  const types = (await manager.get('/api/v1/webhooks/event-types')).body.items;
  const sample = types.find((t) => t.type === 'operator.enabled');
  assert.ok(sample && types.some((t) => t.type === 'webhook.trigger.disabled'));
  const sim = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: 'operator.enabled' });
  assert.equal(sim.status, 202);
  assert.equal(sim.body.is_test, true);
  assert.equal(sim.body.event_id, null);
  const [first] = await until('the test delivery', () => (receiver.at('/sim').length === 1 ? receiver.at('/sim') : null));
  assert.equal(first.json.test, true);
  assert.equal(first.json.type, 'operator.enabled');
  assert.deepEqual(first.json.data, sample.sample_payload);

  const resent = await manager.post(`/api/v1/webhooks/deliveries/${sim.body.id}/resend`);
  assert.equal(resent.status, 202, JSON.stringify(resent.body));
  assert.notEqual(resent.body.id, sim.body.id);
  const got = await until('the resend', () => (receiver.at('/sim').length === 2 ? receiver.at('/sim') : null));
  assert.equal(got[1].id, resent.body.id, 'a new webhook-id');
  assert.equal(got[1].body, first.body, 'the same body');
  assert.equal((await deliveryDetail(manager, resent.body.id)).is_test, true);

  // Bad input names the field; an inactive trigger gets nothing.
  const bad = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: 'nope.nope' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'event_type');
  assert.equal((await manager.patch(`/api/v1/webhooks/triggers/${trigger.id}`, { active: false })).status, 200);
  const refused = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: 'operator.enabled' });
  assert.equal(refused.status, 409);
  assert.equal((await manager.post(`/api/v1/webhooks/deliveries/${sim.body.id}/resend`)).status, 409);
});

// Starts `retaguarda serve` on an existing database (startServer always makes a new one).
async function serveOn(db) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db,
    '--web-root', join(repoRoot, 'web', 'dist'), '--webhook-allow-loopback', ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  await until(`restarted server (${output})`, async () => {
    try { return (await fetch(`${base}/readyz`)).status === 200; } catch { return false; }
  }, 15000);
  return { base, proc, exited, output: () => output };
}

test('PLT-08 deliveries filter by event type and São Paulo creation days, in the list and its export', async () => {
  const trigger = await createTrigger(manager, '/filters', ['operator.created', 'operator.disabled']);
  for (const type of ['operator.created', 'operator.disabled']) {
    const sim = await manager.post(`/api/v1/webhooks/triggers/${trigger.id}/simulate`, { event_type: type });
    assert.equal(sim.status, 202, JSON.stringify(sim.body));
  }
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
  const list = async (query) => {
    const res = await manager.get(`/api/v1/webhooks/deliveries?trigger_id=${trigger.id}&${query}`);
    assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
    return res.body.items;
  };
  assert.equal((await list('')).length, 2);
  assert.deepEqual((await list('event_type=operator.disabled')).map((d) => d.event_type), ['operator.disabled']);
  assert.equal((await list(`created_from=${today}&created_to=${today}`)).length, 2);
  assert.equal((await list('created_from=2020-01-01&created_to=2020-01-31')).length, 0);

  // The export is made by the same list with the same filters.
  const rows = async (query) => {
    const path = `/api/v1/webhooks/deliveries?trigger_id=${trigger.id}&${query}&format=csv&lang=en-US`;
    const res = await manager.get(path);
    assert.equal(res.status, 200, `${query}: ${res.body}`);
    return String(res.body).split(/\r?\n/).filter((line) => line.trim()).slice(1);
  };
  const disabled = await rows('event_type=operator.disabled');
  assert.equal(disabled.length, 1, disabled.join('\n'));
  assert.match(disabled[0], /operator\.disabled/);
  assert.equal((await rows(`created_from=${today}&created_to=${today}`)).length, 2);
  assert.equal((await rows('created_to=2020-01-31')).length, 0);

  for (const [query, field] of [['created_from=2026-02-30', 'created_from'], ['created_to=31/01/2026', 'created_to'],
    ['created_from=2026-02-02&created_to=2026-02-01', 'created_to'], ['event_type=a%01b', 'event_type'],
    ['event_type=a%01b&format=csv', 'event_type']]) {
    const res = await manager.get(`/api/v1/webhooks/deliveries?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.ok(res.body.errors.some((e) => e.field === field), `${query}: ${JSON.stringify(res.body)}`);
  }
});

test('PLT-08 a server killed mid-delivery and restarted on the same database delivers every event', async () => {
  const count = 6;
  const first = await createTrigger(manager, '/crash', ['operator.created', 'operator.updated']);
  // The first request is held open: the server is inside a delivery when it dies.
  let holding = true;
  receiver.behaviours.set('/crash', async () => (holding ? 'hold' : 200));
  const ops = [];
  for (let i = 0; i < count; i++) ops.push(await createOperator(manager, `Carla Crash ${i}`, `carla${i}@bancoteste.com.br`));
  await until('a delivery in flight', () => receiver.at('/crash').length >= 1);
  server.proc.kill('SIGKILL');
  assert.equal((await server.exited).signal, 'SIGKILL');
  receiver.releaseHeld();
  holding = false;
  const seenBeforeRestart = new Set(receiver.at('/crash').map((r) => r.id));

  const restarted = await serveOn(server.db);
  const origin = server;
  server = { ...origin, proc: restarted.proc, exited: restarted.exited, base: restarted.base };
  server.stop = async () => {
    if (restarted.proc.exitCode === null) restarted.proc.kill('SIGTERM');
    const result = await restarted.exited;
    rmSync(origin.dir, { recursive: true, force: true });
    return result;
  };
  const client = new Client(restarted.base);
  client.cookie = manager.cookie;
  client.csrf = manager.csrf;
  manager = client;

  // Every operator.created event arrives (at least once), each with a valid signature.
  const want = new Set(ops.map((o) => o.id));
  await until(`all ${count} events after the restart`, () => {
    const got = new Set(receiver.at('/crash').filter((r) => r.verified && r.json.type === 'operator.created')
      .map((r) => r.json.data.id));
    return [...want].every((id) => got.has(id));
  }, 40000);
  // The interrupted delivery was retried under its id, and the log shows everything delivered.
  const ids = new Set(receiver.at('/crash').map((r) => r.id));
  for (const id of seenBeforeRestart) assert.ok(ids.has(id));
  const list = await until('all deliveries settled', async () => {
    const res = await manager.get(`/api/v1/webhooks/deliveries?trigger_id=${first.id}&page_size=100`);
    return res.body.items.length === count && res.body.items.every((d) => d.status === 'delivered') ? res.body.items : null;
  }, 20000);
  assert.equal(new Set(list.map((d) => d.event_id)).size, count, 'one delivery per event, none lost, none doubled');
  const cut = [...seenBeforeRestart][0];
  assert.equal((await deliveryDetail(manager, cut)).status, 'delivered');
  assert.ok(receiver.at('/crash').filter((r) => r.id === cut).length >= 2,
    'the delivery cut by the kill was sent again under the same webhook-id');
});
