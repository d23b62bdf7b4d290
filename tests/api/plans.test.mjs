// covers ACC-03 TRX-06 — plans and tariffs through the real binary, on SQLite and (with
// RETAGUARDA_TEST_DB) PostgreSQL: plan CRUD with one default per tenant, card IDs and parameters,
// soft delete and restore, tariffs per plan and operation with the cross-plan list and its
// filters, every validation error naming its field, exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

let server;
let manager;
let creds;
const plans = {};

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Planos', slug: 'bancoplanos' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
});
after(async () => { await server?.stop(); });

const fields = (res) => res.body.errors.map((e) => e.field).sort();

async function plan(body) {
  const res = await manager.post('/api/v1/plans', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

test('ACC-03 plans: create with card IDs and parameters, exactly one default, validation names fields', async () => {
  plans.essencial = await plan({ name: 'Essencial', description: 'Conta digital gratuita' });
  assert.equal(plans.essencial.is_default, true, 'the first plan is the default');
  plans.plus = await plan({ name: 'Plus', monthly_fee: 1990, card_product_ids: ['VISA-PLUS', 'ELO-DEB'],
    parameters: { saques_gratis: '2' } });
  assert.equal(plans.plus.is_default, false);
  assert.deepEqual(plans.plus.card_product_ids, ['ELO-DEB', 'VISA-PLUS']);
  assert.deepEqual(plans.plus.parameters, { saques_gratis: '2' });
  plans.pj = await plan({ name: 'Empresarial PJ', overdraft_limit: 500000, is_default: true });
  assert.equal(plans.pj.is_default, true);
  assert.equal((await manager.get(`/api/v1/plans/${plans.essencial.id}`)).body.is_default, false, 'the flag moved');
  const defaults = (await manager.get('/api/v1/plans')).body.items.filter((p) => p.is_default);
  assert.deepEqual(defaults.map((p) => p.name), ['Empresarial PJ']);

  let res = await manager.patch(`/api/v1/plans/${plans.pj.id}`, { is_default: false });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res), ['is_default']);
  res = await manager.patch(`/api/v1/plans/${plans.pj.id}`, { active: false });
  assert.deepEqual(fields(res), ['active']);
  res = await manager.delete(`/api/v1/plans/${plans.pj.id}`);
  assert.equal(res.status, 409);
  assert.deepEqual(fields(res), ['is_default']);
  res = await manager.patch(`/api/v1/plans/${plans.essencial.id}`, { is_default: true });
  assert.equal(res.status, 200);
  assert.equal((await manager.get(`/api/v1/plans/${plans.pj.id}`)).body.is_default, false);

  res = await manager.post('/api/v1/plans', { name: 'plus' });
  assert.equal(res.status, 409);
  assert.deepEqual(fields(res), ['name']);
  res = await manager.post('/api/v1/plans', { overdraft_limit: -1, monthly_fee: 'dez', parameters: { 'com espaço': 'x' },
    card_product_ids: ['cartão'], active: 'sim' });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res), ['active', 'monthly_fee', 'name', 'overdraft_limit']);
  res = await manager.post('/api/v1/plans', { name: 'X', parameters: { 'com espaço': 'x' }, card_product_ids: ['cartão'] });
  assert.deepEqual(fields(res), ['card_product_ids', 'parameters']);
  res = await manager.post('/api/v1/plans', { name: 'X', parameters: { limite: 10 } });
  assert.deepEqual(fields(res), ['parameters']);
  res = await manager.patch(`/api/v1/plans/${plans.plus.id}`, { card_product_ids: [] });
  assert.deepEqual(fields(res), ['card_product_ids']);
  assert.equal((await manager.get('/api/v1/plans/123')).status, 404);
});

test('ACC-03 card IDs: add and remove, audited as plan changes', async () => {
  let res = await manager.post(`/api/v1/plans/${plans.plus.id}/card-products`, { card_product_id: 'MASTER-BLACK' });
  assert.equal(res.status, 201);
  assert.deepEqual(res.body.card_product_ids, ['ELO-DEB', 'MASTER-BLACK', 'VISA-PLUS']);
  res = await manager.post(`/api/v1/plans/${plans.plus.id}/card-products`, { card_product_id: 'MASTER-BLACK' });
  assert.equal(res.status, 200, 'adding twice is harmless');
  res = await manager.post(`/api/v1/plans/${plans.plus.id}/card-products`, { card_product_id: 'não vale' });
  assert.deepEqual(fields(res), ['card_product_id']);
  assert.equal((await manager.delete(`/api/v1/plans/${plans.plus.id}/card-products/ELO-DEB`)).status, 204);
  assert.equal((await manager.delete(`/api/v1/plans/${plans.plus.id}/card-products/ELO-DEB`)).status, 404);
  assert.deepEqual((await manager.get(`/api/v1/plans/${plans.plus.id}`)).body.card_product_ids, ['MASTER-BLACK', 'VISA-PLUS']);
  const audit = (await manager.get('/api/v1/audit?action=plan.updated')).body.items;
  assert.ok(audit.some((e) => e.target_id === plans.plus.id && e.after.card_product_ids.includes('MASTER-BLACK')));
});

test('TRX-06 tariffs: per plan and operation, one list with filters, validation names fields', async () => {
  const ted = await manager.post('/api/v1/tariffs', { plan_id: plans.essencial.id, operation: 'ted', kind: 'fixed', fixed_amount: 890,
    free_quota: 4, description: 'TED avulsa' });
  assert.equal(ted.status, 201, JSON.stringify(ted.body));
  assert.equal(ted.body.plan_name, 'Essencial');
  assert.equal(ted.body.operation_label_pt, 'TED');
  const pix = await manager.post('/api/v1/tariffs', { plan_id: plans.pj.id, operation: 'pix', kind: 'percentage', rate_bps: 99,
    min_amount: 50, max_amount: 1000 });
  assert.equal(pix.status, 201, JSON.stringify(pix.body));
  const fee = await manager.post('/api/v1/tariffs', { plan_id: plans.pj.id, operation: 'monthly_fee', kind: 'fixed', fixed_amount: 4990 });
  assert.equal(fee.status, 201);

  let res = await manager.post('/api/v1/tariffs', { plan_id: plans.essencial.id, operation: 'ted', kind: 'fixed', fixed_amount: 1 });
  assert.equal(res.status, 409);
  assert.deepEqual(fields(res), ['operation']);
  res = await manager.post('/api/v1/tariffs', { plan_id: '999', operation: 'doc', kind: 'percentage', rate_bps: 50, min_amount: 500,
    max_amount: 100 });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res), ['max_amount', 'operation', 'plan_id']);
  res = await manager.post('/api/v1/tariffs', { plan_id: plans.pj.id, operation: 'account_opening', kind: 'percentage', rate_bps: 10 });
  assert.deepEqual(fields(res), ['kind']);
  res = await manager.post('/api/v1/tariffs', { plan_id: plans.pj.id, operation: 'boleto', kind: 'fixo', rate_bps: 10001, free_quota: -1 });
  assert.deepEqual(fields(res), ['free_quota', 'kind', 'rate_bps']);
  res = await manager.post('/api/v1/tariffs', {});
  assert.deepEqual(fields(res), ['kind', 'operation', 'plan_id']);
  res = await manager.patch(`/api/v1/tariffs/${ted.body.id}`, { operation: 'pix' });
  assert.deepEqual(fields(res), ['operation']);

  res = await manager.patch(`/api/v1/tariffs/${pix.body.id}`, { max_amount: null, active: false });
  assert.equal(res.status, 200);
  assert.equal(res.body.max_amount, null);
  assert.equal(res.body.min_amount, 50, 'absent fields stay');
  const audit = (await manager.get('/api/v1/audit?action=tariff.updated')).body.items;
  assert.equal(audit[0].before.max_amount, 1000);
  assert.equal(audit[0].after.max_amount, null);

  const all = (await manager.get('/api/v1/tariffs')).body.items;
  assert.equal(all.length, 3);
  assert.equal((await manager.get(`/api/v1/tariffs?plan_id=${plans.pj.id}`)).body.items.length, 2);
  assert.deepEqual((await manager.get('/api/v1/tariffs?operation=ted')).body.items.map((t) => t.id), [ted.body.id]);
  assert.deepEqual((await manager.get('/api/v1/tariffs?active=false')).body.items.map((t) => t.id), [pix.body.id]);
  res = await manager.get('/api/v1/tariffs?operation=doc');
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].field, 'operation');
  assert.equal((await manager.get('/api/v1/tariffs?plan_id=abc')).body.errors[0].field, 'plan_id');
  const ops = (await manager.get('/api/v1/tariff-operations')).body.items.map((o) => o.code);
  assert.deepEqual(ops, ['p2p', 'pix', 'ted', 'boleto', 'cash_out', 'monthly_fee', 'account_opening']);

  const csv = await manager.get('/api/v1/tariffs?format=csv&lang=pt-BR');
  assert.equal(csv.status, 200);
  assert.match(csv.body, /Plano;Operação/);
  assert.match(csv.body, /Essencial;TED;fixed;8,90/);
});

test('ACC-03 delete a plan: soft, listed in Registros Excluídos, its tariffs hidden, restorable; filters and export', async () => {
  const temp = await plan({ name: 'Temporário' });
  await manager.post('/api/v1/tariffs', { plan_id: temp.id, operation: 'boleto', kind: 'fixed', fixed_amount: 250 });
  assert.equal((await manager.delete(`/api/v1/plans/${temp.id}`)).status, 204);
  assert.equal((await manager.get(`/api/v1/plans/${temp.id}`)).status, 404);
  assert.ok(!(await manager.get('/api/v1/tariffs')).body.items.some((t) => t.plan_id === temp.id));
  const deleted = (await manager.get('/api/v1/deleted-records?record_type=plan')).body.items;
  assert.deepEqual(deleted.map((d) => d.record_id), [temp.id]);
  const restored = await manager.post(`/api/v1/deleted-records/plan/${temp.id}/restore`);
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  assert.equal((await manager.get(`/api/v1/plans/${temp.id}`)).body.is_default, false);

  assert.deepEqual((await manager.get('/api/v1/plans?q=ESSEN')).body.items.map((p) => p.name), ['Essencial']);
  await manager.patch(`/api/v1/plans/${temp.id}`, { active: false });
  assert.deepEqual((await manager.get('/api/v1/plans?active=false')).body.items.map((p) => p.name), ['Temporário']);
  assert.equal((await manager.get('/api/v1/plans?active=talvez')).body.errors[0].field, 'active');
  const page = await manager.get('/api/v1/plans?page_size=2');
  assert.equal(page.body.items.length, 2);
  assert.ok(page.body.next_cursor);
  const rest = await manager.get(`/api/v1/plans?page_size=2&cursor=${page.body.next_cursor}`);
  assert.equal(page.body.items.length + rest.body.items.length, 4);
  const csv = await manager.get('/api/v1/plans?format=csv&lang=pt-BR');
  assert.equal(csv.status, 200);
  assert.match(csv.body, /Empresarial PJ;;Sim;Não;5000,00/);
  const events = (await manager.get('/api/v1/webhooks/event-types')).body.items.map((e) => e.type);
  for (const t of ['plan.created', 'plan.deleted', 'plan.restored', 'tariff.created', 'tariff.updated']) assert.ok(events.includes(t), t);
});
