// covers PLT-13 PLT-14 — tags and "Registros Excluídos" through the real binary, on SQLite and
// (with RETAGUARDA_TEST_DB) PostgreSQL: tag CRUD, attach/detach, the operators list filtered by
// tag, soft delete of operators and triggers (invisible to lists, GETs and exports; sessions and
// API keys stop), the deleted-records list with filters, restore with its conflicts and audit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client, lastMailTo, codeFrom } from '../support/client.mjs';

let server;
let manager;
let creds;
let roles;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Tags', slug: 'bancotags' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  roles = Object.fromEntries((await manager.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
});
after(async () => { await server?.stop(); });

async function operator(name, email, extra = {}) {
  const res = await manager.post('/api/v1/operators', { name, email, role_id: roles.manager.id, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

// An operator who can sign in: the e-mailed first-access code, then a password.
async function signedInOperator(name, email, extra = {}) {
  const op = await operator(name, email, extra);
  const code = codeFrom(await lastMailTo(manager, email));
  const set = await new Client(server.base).post('/api/v1/auth/codes/confirm', { email, code, password: 'Etiqueta#Forte71' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  const c = new Client(server.base);
  assert.equal((await c.signIn(email, 'Etiqueta#Forte71')).status, 200);
  return { op, client: c };
}

const today = new Date(Date.now() - 3 * 3600e3).toISOString().slice(0, 10);  // São Paulo date

test('PLT-13 tag CRUD: validation names the field, names are unique per tenant, every change is audited', async () => {
  const created = await manager.post('/api/v1/tags', { name: 'Prioridade', color: 'volcano', description: 'Atender primeiro' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.name, created.body.color, created.body.record_count], ['Prioridade', 'volcano', 0]);
  const dup = await manager.post('/api/v1/tags', { name: 'PRIORIDADE' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.errors[0].field, 'name');
  const bad = await manager.post('/api/v1/tags', { name: '', color: 'arco-íris' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['color', 'name']);
  assert.equal((await manager.post('/api/v1/tags', { color: 'blue' })).status, 400);
  assert.equal((await manager.request('POST', '/api/v1/tags', 'not json')).status, 400);

  const changed = await manager.patch(`/api/v1/tags/${created.body.id}`, { color: '#0a7d3e' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.name, 'Prioridade');
  assert.equal(changed.body.color, '#0a7d3e');
  assert.equal((await manager.get(`/api/v1/tags/${created.body.id}`)).body.color, '#0a7d3e');
  assert.ok((await manager.get('/api/v1/tags?q=prior')).body.items.some((t) => t.id === created.body.id));
  assert.equal((await manager.delete(`/api/v1/tags/${created.body.id}`)).status, 204);
  assert.equal((await manager.get(`/api/v1/tags/${created.body.id}`)).status, 404);
  assert.equal((await manager.get('/api/v1/tags/12x')).status, 404);
  const audit = (await manager.get(`/api/v1/audit?target_type=tag&target_id=${created.body.id}`)).body.items.map((e) => e.action);
  assert.deepEqual(audit.sort(), ['tag.created', 'tag.deleted', 'tag.updated']);
});

test('PLT-13 attach to operators, filter the operators list by tag, list records by tag', async () => {
  const vip = (await manager.post('/api/v1/tags', { name: 'VIP', color: 'gold' })).body;
  const ana = await operator('Ana Tag', 'ana.tag@bancotags.com.br');
  const bia = await operator('Bia Tag', 'bia.tag@bancotags.com.br');
  const attach = (id, body) => manager.post(`/api/v1/tags/${id}/records`, body);
  const first = await attach(vip.id, { record_type: 'operator', record_id: ana.id });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.attached, true);
  const again = await attach(vip.id, { record_type: 'operator', record_id: ana.id });
  assert.equal(again.status, 200);
  assert.equal(again.body.attached, false);
  assert.equal((await attach(vip.id, { record_type: 'planet', record_id: ana.id })).status, 400);
  assert.equal((await attach(vip.id, { record_type: 'operator', record_id: '999' })).status, 404);
  assert.equal((await attach(vip.id, { record_type: 'operator', record_id: 'abc' })).body.errors[0].field, 'record_id');
  assert.equal((await attach('999', { record_type: 'operator', record_id: ana.id })).status, 404);

  const filtered = await manager.get(`/api/v1/operators?tag=${vip.id}`);
  assert.equal(filtered.status, 200);
  assert.deepEqual(filtered.body.items.map((o) => o.id), [ana.id]);
  assert.ok((await manager.get('/api/v1/operators')).body.items.some((o) => o.id === bia.id));
  assert.equal((await manager.get('/api/v1/operators?tag=x1')).body.errors[0].field, 'tag');
  const records = await manager.get(`/api/v1/tags/${vip.id}/records`);
  assert.deepEqual(records.body.items.map((r) => [r.record_type, r.record_id, r.label]), [['operator', ana.id, 'Ana Tag']]);
  assert.equal((await manager.get(`/api/v1/tags/${vip.id}`)).body.record_count, 1);
  const assignments = await manager.get(`/api/v1/tag-assignments?record_type=operator&record_ids=${ana.id},${bia.id}`);
  assert.equal(assignments.status, 200);
  assert.deepEqual(assignments.body.items.map((i) => [i.record_id, i.tags.map((t) => t.name)]), [[ana.id, ['VIP']]]);
  assert.equal((await manager.get('/api/v1/tag-assignments?record_type=operator&record_ids=1,,2')).status, 400);
  const types = (await manager.get('/api/v1/tag-record-types')).body.items.map((t) => t.type);
  assert.ok(types.includes('operator') && types.includes('webhook_trigger'), types.join());

  assert.equal((await manager.delete(`/api/v1/tags/${vip.id}/records/operator/${ana.id}`)).status, 204);
  assert.equal((await manager.delete(`/api/v1/tags/${vip.id}/records/operator/${ana.id}`)).status, 404);
  assert.deepEqual((await manager.get(`/api/v1/operators?tag=${vip.id}`)).body.items, []);
  const actions = (await manager.get(`/api/v1/audit?target_type=operator&target_id=${ana.id}`)).body.items.map((e) => e.action);
  assert.ok(actions.includes('tag.attached') && actions.includes('tag.detached'), actions.join());
});

test('PLT-13 tagging a record needs the permission to see its type', async () => {
  const role = await manager.post('/api/v1/roles', { name: 'Só tags', permissions: ['tags.read', 'tags.write'] });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const { client } = await signedInOperator('Teo Tags', 'teo.tags@bancotags.com.br', { role_id: role.body.id });
  const tag = (await client.post('/api/v1/tags', { name: 'Interno' })).body;
  const target = await operator('Alvo', 'alvo@bancotags.com.br');
  const denied = await client.post(`/api/v1/tags/${tag.id}/records`, { record_type: 'operator', record_id: target.id });
  assert.equal(denied.status, 403);
  assert.match(denied.body.detail, /operators\.read/);
  assert.equal((await client.get('/api/v1/tag-assignments?record_type=operator&record_ids=1')).status, 403);
  assert.deepEqual((await client.get('/api/v1/tag-record-types')).body.items, []);
  assert.equal((await client.get('/api/v1/deleted-records')).status, 403);
});

test('PLT-14 a deleted operator disappears, loses access, shows in Registros Excluídos and comes back disabled', async () => {
  const { op, client } = await signedInOperator('Rui Removido', 'rui@bancotags.com.br');
  const key = await manager.post('/api/v1/api-keys', { name: 'Rui ERP', operator_id: op.id, permissions: ['operators.read'] });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  const api = Client.withApiKey(server.base, key.body.secret);
  assert.equal((await api.get('/api/v1/operators')).status, 200);
  const tag = (await manager.post('/api/v1/tags', { name: 'Terceirizado' })).body;
  assert.equal((await manager.post(`/api/v1/tags/${tag.id}/records`, { record_type: 'operator', record_id: op.id })).status, 201);

  assert.equal((await manager.delete(`/api/v1/operators/${op.id}`)).status, 204);
  assert.equal((await client.get('/api/v1/me')).status, 401, 'the session ended');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await api.get('/api/v1/operators')).status, 401, 'the API key stopped');
  assert.equal((await manager.get(`/api/v1/operators/${op.id}`)).status, 404);
  assert.ok(!(await manager.get('/api/v1/operators?page_size=500')).body.items.some((o) => o.id === op.id));
  assert.deepEqual((await manager.get(`/api/v1/operators?tag=${tag.id}`)).body.items, []);
  assert.equal((await manager.get(`/api/v1/tags/${tag.id}`)).body.record_count, 0);
  const csv = await fetch(`${server.base}/api/v1/operators?format=csv`, { headers: { cookie: manager.cookie } });
  if (csv.status === 200) assert.ok(!(await csv.text()).includes('rui@bancotags.com.br'), 'not in the export');

  const list = await manager.get('/api/v1/deleted-records');
  assert.equal(list.status, 200);
  const row = list.body.items.find((d) => d.record_id === op.id);
  assert.ok(row, JSON.stringify(list.body));
  assert.equal(row.record_type, 'operator');
  assert.equal(row.record_type_label_pt, 'Operador');
  assert.equal(row.summary, 'Rui Removido <rui@bancotags.com.br>');
  assert.equal(row.deleted_by_name, 'Ana Gestora');
  const me = (await manager.get('/api/v1/me')).body;
  assert.equal(row.deleted_by, me.id);
  const byType = (await manager.get('/api/v1/deleted-records?type=webhook_trigger')).body.items;
  assert.ok(!byType.some((d) => d.record_id === op.id));
  assert.ok((await manager.get(`/api/v1/deleted-records?type=operator&from=${today}&to=${today}&deleted_by=${me.id}`))
    .body.items.some((d) => d.record_id === op.id));
  assert.deepEqual((await manager.get('/api/v1/deleted-records?to=2020-01-01')).body.items, []);
  assert.equal((await manager.get('/api/v1/deleted-records?type=planet')).body.errors[0].field, 'type');
  assert.equal((await manager.get('/api/v1/deleted-records?from=2026-02-30')).status, 400);
  assert.equal((await manager.get('/api/v1/deleted-records?from=2026-03-02&to=2026-03-01')).body.errors[0].field, 'to');

  // Its e-mail is free while it is deleted; restoring then conflicts until the e-mail is free again.
  const reuse = await operator('Rui Novo', 'RUI@bancotags.com.br');
  const conflict = await manager.post(`/api/v1/deleted-records/operator/${op.id}/restore`);
  assert.equal(conflict.status, 409);
  assert.equal(conflict.body.errors[0].field, 'email');
  assert.equal((await manager.patch(`/api/v1/operators/${reuse.id}`, { email: 'rui.novo@bancotags.com.br' })).status, 200);
  const restored = await manager.post(`/api/v1/deleted-records/operator/${op.id}/restore`);
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  assert.ok(restored.body.restored_at);
  assert.equal((await manager.post(`/api/v1/deleted-records/operator/${op.id}/restore`)).status, 404, 'once');
  const back = await manager.get(`/api/v1/operators/${op.id}`);
  assert.equal(back.status, 200);
  assert.equal(back.body.status, 'disabled');
  assert.ok(!(await manager.get('/api/v1/deleted-records')).body.items.some((d) => d.record_id === op.id));
  assert.equal((await manager.get(`/api/v1/tags/${tag.id}`)).body.record_count, 1, 'its tags came back');
  assert.equal((await client.get('/api/v1/me')).status, 401, 'old sessions stay ended');
  assert.equal((await api.get('/api/v1/operators')).status, 401, 'no access while disabled');
  const audit = (await manager.get(`/api/v1/audit?action=operator.restored&target_id=${op.id}`)).body.items;
  assert.equal(audit.length, 1);
  const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
  assert.equal(after.status, 'disabled');
  const events = (await manager.get('/api/v1/webhooks/event-types')).body.items.map((e) => e.type);
  assert.ok(events.includes('operator.restored') && events.includes('webhook_trigger.restored'), events.join());
});

test('PLT-13 the triggers list filters by tag, active flag and event type', async () => {
  const make = async (path, eventTypes, active = true) => {
    const res = await manager.post('/api/v1/webhooks/triggers', { url: `https://erp.bancotags.com.br/${path}`,
      event_types: eventTypes, active });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const erp = await make('erp', ['operator.created', 'operator.disabled']);
  const crm = await make('crm', ['operator.created'], false);
  const prod = (await manager.post('/api/v1/tags', { name: 'Produção', color: 'green' })).body;
  const tagged = await manager.post(`/api/v1/tags/${prod.id}/records`, { record_type: 'webhook_trigger', record_id: erp.id });
  assert.equal(tagged.status, 201, JSON.stringify(tagged.body));
  const ids = async (query) => {
    const res = await manager.get(`/api/v1/webhooks/triggers?${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items.map((t) => t.id).filter((id) => id === erp.id || id === crm.id);
  };
  assert.deepEqual(await ids(`tag=${prod.id}`), [erp.id]);
  assert.deepEqual(await ids('active=false'), [crm.id]);
  assert.deepEqual(await ids('active=true&event_type=operator.disabled'), [erp.id]);
  assert.deepEqual(await ids('event_type=operator.created'), [erp.id, crm.id]);
  for (const [query, field] of [['tag=x', 'tag'], ['active=yes', 'active'], ['event_type=Not%20a%20type', 'event_type']]) {
    const res = await manager.get(`/api/v1/webhooks/triggers?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.body.errors[0].field, field);
  }
  // The export takes the same filters.
  const csv = await manager.get(`/api/v1/webhooks/triggers?tag=${prod.id}&format=csv`);
  assert.equal(csv.status, 200);
  assert.ok(csv.body.includes('https://erp.bancotags.com.br/erp') && !csv.body.includes('/crm'), csv.body);
  for (const t of [erp, crm]) assert.equal((await manager.delete(`/api/v1/webhooks/triggers/${t.id}`)).status, 204);
});

test('PLT-14 a deleted trigger is invisible and restored inactive; unknown records are 404', async () => {
  const created = await manager.post('/api/v1/webhooks/triggers', { url: 'https://erp.bancotags.com.br/hooks',
    description: 'ERP', event_types: ['operator.created'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal((await manager.delete(`/api/v1/webhooks/triggers/${id}`)).status, 204);
  assert.equal((await manager.get(`/api/v1/webhooks/triggers/${id}`)).status, 404);
  assert.ok(!(await manager.get('/api/v1/webhooks/triggers')).body.items.some((t) => t.id === id));
  const row = (await manager.get('/api/v1/deleted-records?type=webhook_trigger')).body.items.find((d) => d.record_id === id);
  assert.equal(row.summary, 'https://erp.bancotags.com.br/hooks');
  const restored = await manager.post(`/api/v1/deleted-records/webhook_trigger/${id}/restore`);
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  const back = await manager.get(`/api/v1/webhooks/triggers/${id}`);
  assert.equal(back.status, 200);
  assert.equal(back.body.active, false);
  assert.equal((await manager.post(`/api/v1/deleted-records/planet/${id}/restore`)).status, 404);
  assert.equal((await manager.post('/api/v1/deleted-records/operator/abc/restore')).status, 404);
  const types = (await manager.get('/api/v1/deleted-records/types')).body.items.map((t) => t.type);
  assert.deepEqual(types.sort(), ['customer', 'customer_partner', 'operator', 'plan', 'webhook_trigger']);
});

test('PLT-14 the deleted-records list pages with next_cursor', async () => {
  for (const n of [1, 2, 3]) {
    const op = await operator(`Lote ${n}`, `lote${n}@bancotags.com.br`);
    assert.equal((await manager.delete(`/api/v1/operators/${op.id}`)).status, 204);
  }
  const first = await manager.get('/api/v1/deleted-records?type=operator&page_size=2');
  assert.equal(first.body.items.length, 2);
  assert.equal(first.body.items[0].summary, 'Lote 3 <lote3@bancotags.com.br>', 'newest first');
  assert.ok(first.body.next_cursor);
  const second = await manager.get(`/api/v1/deleted-records?type=operator&page_size=2&cursor=${first.body.next_cursor}`);
  assert.ok(second.body.items.length >= 1);
  assert.ok(!second.body.items.some((d) => first.body.items.some((f) => f.record_id === d.record_id)));
  assert.equal((await manager.get('/api/v1/deleted-records?cursor=zz')).body.errors[0].field, 'cursor');
});
