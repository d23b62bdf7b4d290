// covers PLT-01 PLT-04 — the authorization matrix: every registered endpoint answers 401 without
// credentials, 403 without its permission, and 404 (never 403, never a change) for another
// tenant's resource.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, bootstrapTenant, binary, cli } from '../support/server.mjs';
import { Client, lastMailTo, codeFrom } from '../support/client.mjs';

let server;
let routes;
const a = {};
const b = {};

const body = { reason: 'verificação de acesso', name: 'x', permissions: ['audit.read'], requires_approval: false };

function fill(path, ids) {
  return path.replace(/\{(\w+)\}/g, (_, name) => ids[name] ?? '1');
}

async function signedIn(creds) {
  const c = new Client(server.base);
  const res = await c.signIn(creds.email, creds.password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return c;
}

// One resource of every kind in tenant B, reachable through B's API.
async function seedTenantB(m) {
  const roles = Object.fromEntries((await m.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
  const op = await m.post('/api/v1/operators', { name: 'Beto Bravo', email: 'beto@bancob.com.br', role_id: roles.manager.id,
    access_interface: 'both' });
  const role = await m.post('/api/v1/roles', { name: 'Papel B', permissions: ['audit.read'] });
  const key = await m.post('/api/v1/api-keys', { name: 'Chave B', permissions: ['audit.read'] });
  await m.put('/api/v1/approval-policies/operator.disable', { requires_approval: true, expires_after_hours: 24 });
  const request = await m.post(`/api/v1/operators/${op.body.id}/disable`);
  const mail = (await m.get('/api/v1/mailbox')).body.items[0];
  // PLT-08: a webhook trigger (to a closed local port) and a test delivery of it.
  const trigger = await m.post('/api/v1/webhooks/triggers', { url: 'http://127.0.0.1:9/b', event_types: ['operator.disabled'] });
  const delivery = await m.post(`/api/v1/webhooks/triggers/${trigger.body.id}/simulate`, { event_type: 'operator.disabled' });
  // PLT-13/14: a tag on B's operator, and a deleted trigger waiting in B's "Registros Excluídos".
  const tag = await m.post('/api/v1/tags', { name: 'Tag B', color: 'red' });
  const tagged = await m.post(`/api/v1/tags/${tag.body.id}/records`, { record_type: 'operator', record_id: op.body.id });
  const gone = await m.post('/api/v1/webhooks/triggers', { url: 'http://127.0.0.1:9/gone', event_types: ['operator.created'] });
  assert.equal((await m.delete(`/api/v1/webhooks/triggers/${gone.body.id}`)).status, 204);
  // ACC-03/TRX-06/ACC-14: a plan with a tariff, and a cash-out level.
  const plan = await m.post('/api/v1/plans', { name: 'Plano B' });
  const tariff = await m.post('/api/v1/tariffs', { plan_id: plan.body.id, operation: 'ted', kind: 'fixed', fixed_amount: 100 });
  const level = await m.post('/api/v1/cash-out-levels', { level: 1, name: 'Nível B' });
  // TRX-06: the plan (B's default) charges P2P transfers, so B's transfer below leaves a charge.
  const p2pTariff = await m.post('/api/v1/tariffs', { plan_id: plan.body.id, operation: 'p2p', kind: 'fixed', fixed_amount: 50 });
  // PLT-09: a background export of B's roles.
  const exported = await m.get('/api/v1/roles?format=csv&async=true');
  // ACC-01/02/09: a PJ customer of B with a partner and a document.
  const customer = await m.post('/api/v1/customers', { kind: 'pj', document: '11222333000181', name: 'Empresa B Ltda.',
    founding_date: '2010-01-04', company_size: 'me', email: 'b@empresab.com.br', phone: '(11) 3265-4000',
    monthly_revenue_cents: 100000, address: { cep: '01310100', street: 'Rua B', number: '1', district: 'Centro',
      city: 'São Paulo', uf: 'SP' } });
  const partner = await m.post(`/api/v1/customers/${customer.body.id}/partners`,
    { document: '52998224725', name: 'Sócia B', share_bps: 10000, role: 'socio' });
  const document = await fetch(`${server.base}/api/v1/customers/${customer.body.id}/documents?kind=other`, {
    method: 'POST', headers: { cookie: m.cookie, 'x-csrf-token': m.csrf }, body: '%PDF-1.4\n%%EOF\n' });
  const documentBody = await document.json();
  assert.equal(document.status, 201, JSON.stringify(documentBody));
  // TRX-01: a ledger account of B's and a transfer into it.
  const funding = await m.post('/api/v1/ledger/accounts', { code: 'funding' });
  const ledgerAccount = await m.post('/api/v1/ledger/accounts', { code: 'clearing' });
  const moved = await m.post('/api/v1/ledger/transfers', { transfers: [{ client_id: 'b-1', debit_account_id: funding.body.id,
    credit_account_id: ledgerAccount.body.id, amount: 100, code: 'funding' }] });
  assert.equal(moved.body.results[0].result, 'created');
  // ACC-06/TRX-02: two accounts of B's customer, a deposit and a P2P transfer between them.
  const account = await m.post('/api/v1/accounts', { customer_id: customer.body.id });
  const account2 = await m.post('/api/v1/accounts', { customer_id: customer.body.id });
  const deposit = await m.post(`/api/v1/accounts/${account.body.id}/deposits`, { amount: 10000 });
  const transfer = await m.post('/api/v1/transfers', { from_account_id: account.body.id, to_account_id: account2.body.id,
    amount: 2500, description: 'B' });
  assert.equal(transfer.body.status, 'completed', JSON.stringify(transfer.body));
  const charge = (await m.get('/api/v1/tariff-charges')).body.items[0];
  assert.ok(charge, 'B has a tariff charge');
  for (const r of [op, role, key, request, trigger, delivery, tag, tagged, gone, exported, customer, partner, funding,
    ledgerAccount, account, account2, deposit, transfer, plan, tariff, level, p2pTariff]) assert.ok([201, 202].includes(r.status), JSON.stringify(r.body));
  return { operator: op.body.id, role: role.body.id, apiKey: key.body.id, approval: request.body.request.id, mail: mail.id,
    trigger: trigger.body.id, delivery: delivery.body.id, tag: tag.body.id, deletedTrigger: gone.body.id,
    export: exported.body.id, customer: customer.body.id, partner: partner.body.id, document: documentBody.id,
    ledgerAccount: ledgerAccount.body.id, ledgerTransfer: moved.body.results[0].transfer.id, account: account.body.id,
    transfer: transfer.body.id, plan: plan.body.id, tariff: tariff.body.id, level: level.body.id, charge: charge.id };
}

// PLT-11/12: a message addressed to B only, and B's push device and notification.
async function seedMessagingForB(platformAdmin, m) {
  const tenantB = (await platformAdmin.get('/api/v1/platform/tenants')).body.items.find((t) => t.name === 'Banco B').id;
  const message = await platformAdmin.post('/api/v1/platform/messages',
    { title: 'Só para B', body: 'Aviso', severity: 'info', audience: 'tenants', tenant_ids: [tenantB] });
  const on = await platformAdmin.patch(`/api/v1/platform/tenants/${tenantB}/resources`, { messaging: true });
  const device = await m.post('/api/v1/push/devices',
    { customer_ref: 'cliente-b', platform: 'android', token: 'sbx-a-3f9a1c7e5b2d48a6901c3e7f5a2b8d4c-00' });
  const push = await m.post('/api/v1/push/notifications', { customer_ref: 'cliente-b', title: 'Oi', body: 'Olá' });
  for (const r of [message, on, device, push]) assert.ok([200, 201, 202].includes(r.status), JSON.stringify(r.body));
  return { message: message.body.id, device: device.body.id, push: push.body.id };
}

before(async () => {
  server = await startServer({
    prepare: (db) => {
      // The platform operator's tenant, whose administrator broadcasts to B and enables its messaging.
      cli(db, 'admin', 'bootstrap', '--platform', '--tenant-name', 'Plataforma', '--tenant-email', 'ops@plataforma.dev',
        '--manager-name', 'Otávio', '--manager-email', 'otavio@plataforma.dev', '--manager-password', 'Quarta#Feira7');
      a.creds = bootstrapTenant(db, { tenant: 'Banco A', slug: 'bancoa' });
      b.creds = bootstrapTenant(db, { tenant: 'Banco B', slug: 'bancob' });
    },
  });
  routes = JSON.parse(execFileSync(binary, ['routes'], { encoding: 'utf8' }));
  a.manager = await signedIn(a.creds);
  b.manager = await signedIn(b.creds);
  b.ids = await seedTenantB(b.manager);
  Object.assign(b.ids, await seedMessagingForB(await signedIn({ email: 'otavio@plataforma.dev', password: 'Quarta#Feira7' }),
    b.manager));
  // An operator of tenant A whose role grants nothing.
  const empty = await a.manager.post('/api/v1/roles', { name: 'Sem permissões', permissions: [] });
  assert.equal(empty.status, 201, JSON.stringify(empty.body));
  await a.manager.post('/api/v1/operators', { name: 'Nina Nada', email: 'nina@bancoa.com.br', role_id: empty.body.id });
  await new Client(server.base).post('/api/v1/auth/codes', { email: 'nina@bancoa.com.br' });
  const code = codeFrom(await lastMailTo(a.manager, 'nina@bancoa.com.br'));
  const set = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'nina@bancoa.com.br', code, password: 'Vazio#Total88' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  a.nobody = await signedIn({ email: 'nina@bancoa.com.br', password: 'Vazio#Total88' });
});
after(async () => { await server?.stop(); });

test('every protected endpoint answers 401 without credentials', async () => {
  const anonymous = new Client(server.base);
  const protectedRoutes = routes.filter((r) => r.permission !== 'public');
  assert.ok(protectedRoutes.length >= 30, `only ${protectedRoutes.length} protected routes?`);
  for (const r of protectedRoutes) {
    const res = await anonymous.request(r.method, fill(r.path, {}), r.method === 'GET' ? undefined : body);
    assert.equal(res.status, 401, `${r.method} ${r.path} → ${res.status}`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  }
});

test('every permission-gated endpoint answers 403 to an operator without the permission', async () => {
  const gated = routes.filter((r) => !['public', 'authenticated'].includes(r.permission));
  for (const r of gated) {
    const res = await a.nobody.request(r.method, fill(r.path, {}), r.method === 'GET' ? undefined : body);
    assert.equal(res.status, 403, `${r.method} ${r.path} (${r.permission}) → ${res.status}`);
    assert.match(res.body.detail, new RegExp(r.permission.replace('.', '\\.')));
  }
});

test("another tenant's resources are 404 on every endpoint that addresses one", async () => {
  // Which of tenant B's resources each path parameter points to, by route prefix.
  const resourceFor = (path) => {
    if (path.startsWith('/api/v1/operators/')) return b.ids.operator;
    if (path.startsWith('/api/v1/roles/')) return b.ids.role;
    if (path.startsWith('/api/v1/api-keys/')) return b.ids.apiKey;
    if (path.startsWith('/api/v1/approvals/')) return b.ids.approval;
    if (path.startsWith('/api/v1/mailbox/')) return b.ids.mail;
    if (path.startsWith('/api/v1/webhooks/triggers/')) return b.ids.trigger;
    if (path.startsWith('/api/v1/webhooks/deliveries/')) return b.ids.delivery;
    if (path.startsWith('/api/v1/tags/')) return b.ids.tag;
    if (path.startsWith('/api/v1/deleted-records/')) return b.ids.deletedTrigger;
    if (path.startsWith('/api/v1/messages/')) return b.ids.message;
    if (path.startsWith('/api/v1/push/devices/')) return b.ids.device;
    if (path.startsWith('/api/v1/push/notifications/')) return b.ids.push;
    if (path.startsWith('/api/v1/exports/')) return b.ids.export;
    if (path.startsWith('/api/v1/ledger/accounts/')) return b.ids.ledgerAccount;
    if (path.startsWith('/api/v1/ledger/transfers/')) return b.ids.ledgerTransfer;
    if (path.startsWith('/api/v1/customers/')) return b.ids.customer;
    if (path.startsWith('/api/v1/accounts/')) return b.ids.account;
    if (path.startsWith('/api/v1/transfers/')) return b.ids.transfer;
    if (path.startsWith('/api/v1/limits/accounts/')) return b.ids.account;
    if (path.startsWith('/api/v1/plans/')) return b.ids.plan;
    if (path.startsWith('/api/v1/tariffs/')) return b.ids.tariff;
    if (path.startsWith('/api/v1/cash-out-levels/')) return b.ids.level;
    if (path.startsWith('/api/v1/tariff-charges/')) return b.ids.charge;
    return undefined;
  };
  // Path parameters that name no tenant resource (a catalogue entry, not data).
  const notTenantData = new Set(['/api/v1/approval-policies/{action}', '/api/v1/limits/base/{transaction_type}']);
  // /api/v1/platform/* address every tenant by design; only platform administrators hold their
  // permissions (403 for everyone else, checked above; tests/api/messages.test.mjs).
  const addressed = routes.filter((r) => r.path.includes('{') && r.permission !== 'public' && !notTenantData.has(r.path) &&
    !r.path.startsWith('/api/v1/platform/'));
  assert.ok(addressed.length >= 10);
  for (const r of addressed) {
    const id = resourceFor(r.path);
    assert.ok(id, `no tenant-B resource mapped for ${r.path}: add it to this test`);
    // {type}, {record_type}, {record_id}: the type and record of tenant B that the id belongs to.
    const ids = { id, type: 'webhook_trigger', record_type: 'operator', record_id: b.ids.operator,
      partner_id: b.ids.partner, document_id: b.ids.document, account_id: b.ids.account, transaction_type: 'p2p',
      transfer_id: b.ids.ledgerTransfer };
    const res = await a.manager.request(r.method, fill(r.path, ids), r.method === 'GET' ? undefined : body);
    assert.equal(res.status, 404, `${r.method} ${r.path} with tenant B's id → ${res.status} ${JSON.stringify(res.body)}`);
  }
  // Nothing of tenant B changed.
  assert.equal((await b.manager.get(`/api/v1/operators/${b.ids.operator}`)).body.status, 'active');
  assert.equal((await b.manager.get(`/api/v1/approvals/${b.ids.approval}`)).body.status, 'pending');
  assert.equal((await b.manager.get('/api/v1/api-keys')).body.items.find((k) => k.id === b.ids.apiKey).status, 'active');
  assert.equal((await b.manager.get('/api/v1/messages/unread-count')).body.count, 1, "B's message not marked viewed");
  const device = (await b.manager.get('/api/v1/push/devices')).body.items.find((d) => d.id === b.ids.device);
  assert.notEqual(device.status, 'removed', "B's device not removed");
  const roleNames = (await b.manager.get('/api/v1/roles')).body.items.map((r) => r.name);
  assert.ok(roleNames.includes('Papel B'));
  const trigger = (await b.manager.get(`/api/v1/webhooks/triggers/${b.ids.trigger}`)).body;
  assert.equal(trigger.active, true, 'tenant B trigger untouched');
  assert.equal(trigger.description, '');
  const tagged = (await b.manager.get(`/api/v1/tags/${b.ids.tag}/records`)).body.items;
  assert.deepEqual(tagged.map((t) => t.record_id), [b.ids.operator], 'tenant B tag untouched');
  const deleted = (await b.manager.get('/api/v1/deleted-records')).body.items;
  assert.deepEqual(deleted.map((d) => d.record_id), [b.ids.deletedTrigger], 'tenant B trigger still deleted');
});

test("lists never show another tenant's rows", async () => {
  const ops = (await a.manager.get('/api/v1/operators')).body.items.map((o) => o.email);
  assert.ok(!ops.some((e) => e.endsWith('@bancob.com.br')), ops.join());
  const audit = (await a.manager.get('/api/v1/audit?page_size=500')).body.items;
  assert.ok(!JSON.stringify(audit).includes('bancob'), 'audit is per tenant');
  const mails = (await a.manager.get('/api/v1/mailbox')).body.items.map((m) => m.to);
  assert.ok(!mails.some((t) => t.endsWith('@bancob.com.br')));
});
