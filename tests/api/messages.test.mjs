// covers PLT-11 PLT-12 PLT-16 — platform messages (audience, viewed per operator, unread count),
// platform-only permissions, the support contact, and push notifications through the sandbox
// gateway gated by the messaging resource, against the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, bootstrapTenant, cli } from '../support/server.mjs';
import { Client, lastMailTo, codeFrom } from '../support/client.mjs';

let server;
const creds = {};
let admin;
let a;
let b;
let bOther;
const ids = {};

// A valid sandbox push token (src/platform/push/gateway.hpp): the check is the first byte of
// SHA-256("<letter>-<32 hex>").
function sandboxToken(platform, hex) {
  const body = `${platform === 'ios' ? 'i' : 'a'}-${hex}`;
  return `sbx-${body}-${createHash('sha256').update(body).digest('hex').slice(0, 2)}`;
}

async function signedIn({ email, password }) {
  const c = new Client(server.base);
  const res = await c.signIn(email, password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return c;
}

async function until(what, fn, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  server = await startServer({
    prepare: (db) => {
      cli(db, 'admin', 'bootstrap', '--platform', '--tenant-name', 'Plataforma', '--tenant-email', 'ops@plataforma.dev',
        '--manager-name', 'Otávio Nunes', '--manager-email', 'otavio@plataforma.dev', '--manager-password', 'Quarta#Feira7');
      creds.admin = { email: 'otavio@plataforma.dev', password: 'Quarta#Feira7' };
      creds.a = bootstrapTenant(db, { tenant: 'Banco A', slug: 'bancoa' });
      creds.b = bootstrapTenant(db, { tenant: 'Banco B', slug: 'bancob' });
    },
  });
  admin = await signedIn(creds.admin);
  a = await signedIn(creds.a);
  b = await signedIn(creds.b);
  // A second operator of B (role Usuário), to see that "viewed" is per operator.
  const roles = Object.fromEntries((await b.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
  const op = await b.post('/api/v1/operators', { name: 'Bia Comum', email: 'bia@bancob.com.br', role_id: roles.common.id });
  assert.equal(op.status, 201, JSON.stringify(op.body));
  await new Client(server.base).post('/api/v1/auth/codes', { email: 'bia@bancob.com.br' });
  const code = codeFrom(await lastMailTo(b, 'bia@bancob.com.br'));
  const set = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'bia@bancob.com.br', code, password: 'Sexta#Feira9' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  bOther = await signedIn({ email: 'bia@bancob.com.br', password: 'Sexta#Feira9' });
  const tenants = (await admin.get('/api/v1/platform/tenants')).body.items;
  ids.tenantA = tenants.find((t) => t.name === 'Banco A').id;
  ids.tenantB = tenants.find((t) => t.name === 'Banco B').id;
});
after(async () => { await server?.stop(); });

test('platform permissions exist only in the platform operator\'s tenant (PLT-12)', async () => {
  const me = (await admin.get('/api/v1/me')).body;
  assert.ok(me.permissions.includes('platform.messages') && me.permissions.includes('platform.tenants'));
  const manager = (await a.get('/api/v1/me')).body;
  assert.ok(!manager.permissions.some((p) => p.startsWith('platform.')), manager.permissions.join());
  assert.ok(manager.permissions.includes('messages.read') && manager.permissions.includes('push.send'));
  const perms = (await a.get('/api/v1/permissions')).body.items.map((p) => p.code);
  assert.ok(!perms.includes('platform.messages'), 'not even offered to other tenants');
  const role = await a.post('/api/v1/roles', { name: 'Quer ser plataforma', permissions: ['platform.messages'] });
  assert.equal(role.status, 400, JSON.stringify(role.body));
  assert.equal(role.body.errors[0].field, 'permissions');
  const denied = await a.get('/api/v1/platform/messages');
  assert.equal(denied.status, 403);
  assert.equal((await a.post('/api/v1/platform/messages', { title: 'x', body: 'y', severity: 'info', audience: 'all' })).status, 403);
});

test('a broadcast reaches only its audience; viewed is per operator (PLT-12)', async () => {
  const bad = await admin.post('/api/v1/platform/messages',
    { title: '', body: 'x', severity: 'loud', audience: 'tenants', tenant_ids: [] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['severity', 'title']);
  const created = await admin.post('/api/v1/platform/messages', {
    title: 'Manutenção do SPI', body: 'Sábado das **02h** às 04h.', severity: 'warning', audience: 'tenants',
    tenant_ids: [ids.tenantB],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  ids.message = created.body.id;
  const all = await admin.post('/api/v1/platform/messages', { title: 'Bem-vindo', body: 'Olá.', severity: 'info', audience: 'all' });
  assert.equal(all.status, 201);

  assert.deepEqual((await a.get('/api/v1/messages')).body.items.map((m) => m.title), ['Bem-vindo']);
  assert.equal((await a.get(`/api/v1/messages/${ids.message}`)).status, 404, 'not addressed to A');
  assert.deepEqual((await b.get('/api/v1/messages/unread-count')).body, { count: 2, warnings: 1 });
  assert.deepEqual((await bOther.get('/api/v1/messages/unread-count')).body, { count: 2, warnings: 1 });

  const opened = await b.get(`/api/v1/messages/${ids.message}`);
  assert.equal(opened.status, 200);
  assert.equal(opened.body.viewed, true);
  assert.ok(opened.body.viewed_at);
  assert.deepEqual((await b.get('/api/v1/messages/unread-count')).body, { count: 1, warnings: 0 });
  assert.deepEqual((await bOther.get('/api/v1/messages/unread-count')).body, { count: 2, warnings: 1 });
  const unread = (await b.get('/api/v1/messages?viewed=false')).body.items.map((m) => m.title);
  assert.deepEqual(unread, ['Bem-vindo']);
  const viewed = (await b.get('/api/v1/messages?viewed=true')).body.items.map((m) => m.title);
  assert.deepEqual(viewed, ['Manutenção do SPI']);
  const broadcasts = (await admin.get('/api/v1/platform/messages')).body.items;
  assert.equal(broadcasts.find((m) => m.id === ids.message).views, 1);

  // A window in the past hides it; withdrawing removes it.
  const past = await admin.patch(`/api/v1/platform/messages/${ids.message}`,
    { publish_from: '2020-01-01T00:00:00Z', publish_until: '2020-01-02T00:00:00-03:00' });
  assert.equal(past.status, 200, JSON.stringify(past.body));
  assert.equal((await bOther.get(`/api/v1/messages/${ids.message}`)).status, 404);
  assert.equal((await admin.delete(`/api/v1/platform/messages/${all.body.id}`)).status, 204);
  assert.deepEqual((await bOther.get('/api/v1/messages/unread-count')).body, { count: 0, warnings: 0 });
  const audit = (await admin.get('/api/v1/audit?action=platform_message.')).body.items.map((e) => e.action);
  assert.deepEqual(audit.sort(), ['platform_message.created', 'platform_message.created', 'platform_message.deleted',
    'platform_message.updated']);
});

test('the support contact is per tenant, https only, readable by every operator (PLT-16)', async () => {
  assert.equal((await bOther.get('/api/v1/support')).body.configured, false);
  const http = await b.put('/api/v1/support', { label: 'Suporte', url: 'http://suporte.bancob.com.br' });
  assert.equal(http.status, 400);
  assert.equal(http.body.errors[0].field, 'url');
  const none = await b.put('/api/v1/support', { label: 'Suporte' });
  assert.equal(none.status, 400);
  const saved = await b.put('/api/v1/support', { label: 'Central B', url: 'https://suporte.bancob.com.br',
    email: 'suporte@bancob.com.br', phone: '0800 123 4567', hours: '24h' });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const seen = (await bOther.get('/api/v1/support')).body;
  assert.equal(seen.label, 'Central B');
  assert.equal(seen.url, 'https://suporte.bancob.com.br');
  assert.equal((await bOther.put('/api/v1/support', { label: 'x', email: 'a@b.com' })).status, 403);
  assert.equal((await a.get('/api/v1/support')).body.configured, false, "B's contact is B's");
});

test('push: gated by the messaging resource, delivered through the sandbox gateway (PLT-11)', async () => {
  const good = sandboxToken('android', '3f9a1c7e5b2d48a6901c3e7f5a2b8d4c');
  const device = await b.post('/api/v1/push/devices', { customer_ref: 'cliente-1', platform: 'android', token: good });
  assert.equal(device.status, 201, JSON.stringify(device.body));
  assert.ok(!JSON.stringify(device.body).includes(good), 'the token is never rendered');
  const message = { customer_ref: 'cliente-1', title: 'Pix recebido', body: 'R$ 10,00', data: { link: 'app://extrato' } };
  const off = await b.post('/api/v1/push/notifications', message);
  assert.equal(off.status, 409, JSON.stringify(off.body));
  assert.equal(off.body.errors[0].field, 'resource');
  assert.equal((await b.get('/api/v1/resources')).body.resources.messaging, false);
  assert.equal((await b.get('/api/v1/push/notifications')).body.items.length, 0, 'nothing written');

  const on = await admin.patch(`/api/v1/platform/tenants/${ids.tenantB}/resources`, { messaging: true });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  assert.equal(on.body.resources.messaging, true);
  const sent = await b.post('/api/v1/push/notifications', message);
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  assert.equal(sent.body.status, 'queued');
  const delivered = await until('delivery', async () => {
    const n = (await b.get(`/api/v1/push/notifications/${sent.body.id}`)).body;
    return n.status === 'delivered' ? n : undefined;
  });
  assert.equal(delivered.deliveries[0].status, 'delivered');
  const gateway = (await b.get('/api/v1/push/gateway/messages')).body.items;
  assert.equal(gateway.length, 1);
  assert.equal(gateway[0].outcome, 'accepted');
  assert.equal(gateway[0].notification_id, sent.body.id);
  assert.deepEqual(gateway[0].data, { link: 'app://extrato' });
  assert.equal((await a.get('/api/v1/push/gateway/messages')).body.items.length, 0);
  assert.equal((await a.get(`/api/v1/push/notifications/${sent.body.id}`)).status, 404);

  // A token the gateway rejects: the notification fails and the device is retired.
  const bad = good.slice(0, -2) + (good.endsWith('00') ? '11' : '00');
  await b.post('/api/v1/push/devices', { customer_ref: 'cliente-2', platform: 'android', token: bad });
  const doomed = await b.post('/api/v1/push/notifications', { ...message, customer_ref: 'cliente-2' });
  assert.equal(doomed.status, 202);
  await until('failure', async () => (await b.get(`/api/v1/push/notifications/${doomed.body.id}`)).body.status === 'failed');
  const devices = (await b.get('/api/v1/push/devices?customer_ref=cliente-2')).body.items;
  assert.equal(devices[0].status, 'invalid');
  const again = await b.post('/api/v1/push/notifications', { ...message, customer_ref: 'cliente-2' });
  assert.equal(again.status, 400);
  assert.equal(again.body.errors[0].field, 'customer_ref');
  const audit = (await b.get('/api/v1/audit?action=push.')).body.items.map((e) => e.action);
  assert.ok(audit.includes('push.sent') && audit.includes('push.device_registered'), audit.join());
  assert.ok(!JSON.stringify((await b.get('/api/v1/audit?action=push.')).body).includes(good.slice(0, 30)));
});
