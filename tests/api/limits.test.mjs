// covers TRX-05 ACC-14 — limits and cash-out levels through the real binary, on SQLite and (with
// RETAGUARDA_TEST_DB) PostgreSQL: base limits per transaction type, account overrides beating the
// base field by field, every validation error naming its field, cash-out levels and their
// assignment (the lower value wins), audit and events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';
import { newCustomer, newAccount, deposit } from '../support/banking.mjs';

let server;
let manager;
let creds;
let account;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Limites', slug: 'bancolimites' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  account = (await newAccount(manager, (await newCustomer(manager, '52998224725', 'Maria Limites')).id)).id;
});
after(async () => { await server?.stop(); });

const fields = (res) => res.body.errors.map((e) => e.field).sort();

test('TRX-05 base limits: one row per transaction type, set, change and remove, audited with before/after', async () => {
  const empty = await manager.get('/api/v1/limits');
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.body.items.map((i) => i.transaction_type), ['p2p', 'pix', 'ted', 'boleto', 'cash_out']);
  assert.equal(empty.body.items[1].label_pt, 'Pix');
  assert.equal(empty.body.items[1].day_per_transaction, null);

  const pix = { day_per_transaction: 500000, day_per_day: 2000000, night_per_transaction: 100000, night_per_day: 100000 };
  const created = await manager.put('/api/v1/limits/base/pix', pix);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.scope, 'base');
  const changed = await manager.put('/api/v1/limits/base/pix', { ...pix, day_per_transaction: 600000 });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.id, created.body.id);
  const row = (await manager.get('/api/v1/limits')).body.items.find((i) => i.transaction_type === 'pix');
  assert.equal(row.day_per_transaction, 600000);
  assert.equal(row.night_per_day, 100000);

  const audit = (await manager.get('/api/v1/audit?action=limit.updated')).body.items;
  assert.equal(audit.length, 1);
  assert.equal(audit[0].before.day_per_transaction, 500000);
  assert.equal(audit[0].after.day_per_transaction, 600000);

  assert.equal((await manager.put('/api/v1/limits/base/ted', { day_per_transaction: 100 })).status, 201);
  assert.equal((await manager.delete('/api/v1/limits/base/ted')).status, 204);
  assert.equal((await manager.delete('/api/v1/limits/base/ted')).status, 404);
});

test('TRX-05 every validation error names its field', async () => {
  let res = await manager.put('/api/v1/limits/base/doc', { day_per_transaction: 1 });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res), ['transaction_type']);
  res = await manager.put('/api/v1/limits/base/pix', { day_per_transaction: -1, day_per_day: 'muito', night_per_transaction: 1.5 });
  assert.equal(res.status, 400);
  assert.deepEqual(fields(res), ['day_per_day', 'day_per_transaction', 'night_per_transaction']);
  res = await manager.put('/api/v1/limits/base/pix', { day_per_transaction: 300, day_per_day: 200 });
  assert.deepEqual(fields(res), ['day_per_transaction']);
  res = await manager.put('/api/v1/limits/base/pix', { night_per_transaction: 300, night_per_day: 200 });
  assert.deepEqual(fields(res), ['night_per_transaction']);
  res = await manager.put(`/api/v1/limits/accounts/${account}/types/pix`, {});
  assert.equal(res.status, 400, 'an override sets at least one value');
  assert.deepEqual(fields(res), ['day_per_transaction']);
  assert.equal((await manager.request('PUT', '/api/v1/limits/base/pix', 'not json')).status, 400);
  assert.equal((await manager.get('/api/v1/limits/accounts/abc')).status, 404);
});

test('TRX-05 an account override beats the base field by field, and deleting it brings the base back', async () => {
  const put = await manager.put(`/api/v1/limits/accounts/${account}/types/pix`, { day_per_day: 5000000, night_per_transaction: null });
  assert.equal(put.status, 201, JSON.stringify(put.body));
  assert.equal(put.body.scope, 'account');
  assert.equal(put.body.account_id, account);
  const view = await manager.get(`/api/v1/limits/accounts/${account}`);
  assert.equal(view.status, 200);
  const pix = view.body.effective.find((e) => e.transaction_type === 'pix');
  assert.deepEqual(pix.day_per_transaction, { value: 600000, origin: 'base' });
  assert.deepEqual(pix.day_per_day, { value: 5000000, origin: 'account' });
  assert.deepEqual(pix.night_per_transaction, { value: 100000, origin: 'base' }, 'null inherits the base');
  assert.deepEqual(view.body.effective.find((e) => e.transaction_type === 'ted').day_per_day, { value: null, origin: 'none' });
  assert.equal(view.body.overrides.length, 1);
  // The base is unchanged by the override.
  assert.equal((await manager.get('/api/v1/limits')).body.items.find((i) => i.transaction_type === 'pix').day_per_day, 2000000);

  assert.equal((await manager.delete(`/api/v1/limits/accounts/${account}/types/pix`)).status, 204);
  const after = (await manager.get(`/api/v1/limits/accounts/${account}`)).body;
  assert.deepEqual(after.effective.find((e) => e.transaction_type === 'pix').day_per_day, { value: 2000000, origin: 'base' });
  assert.equal(after.overrides.length, 0);
  const events = (await manager.get('/api/v1/audit?action=limit.')).body.items.map((e) => e.action);
  assert.ok(events.includes('limit.deleted') && events.includes('limit.created'), events.join());
});

test('ACC-14 cash-out levels: CRUD, number unique, assignment, the lower of level and rules', async () => {
  assert.equal((await manager.put('/api/v1/limits/base/cash_out', { day_per_transaction: 100000, day_per_day: 300000 })).status, 201);
  const basic = await manager.post('/api/v1/cash-out-levels', { level: 1, name: 'Básico', day_per_transaction: 50000, day_per_day: 100000,
    night_per_transaction: 20000, night_per_day: 20000 });
  assert.equal(basic.status, 201, JSON.stringify(basic.body));
  const top = await manager.post('/api/v1/cash-out-levels', { level: 2, name: 'Ouro', day_per_transaction: 500000 });
  assert.equal(top.status, 201);
  const clash = await manager.post('/api/v1/cash-out-levels', { level: 2, name: 'Outro' });
  assert.equal(clash.status, 409);
  assert.deepEqual(fields(clash), ['level']);
  const bad = await manager.post('/api/v1/cash-out-levels', { level: 0, name: '', day_per_day: -3 });
  assert.equal(bad.status, 400);
  assert.deepEqual(fields(bad), ['day_per_day', 'level', 'name']);

  let res = await manager.put(`/api/v1/limits/accounts/${account}/cash-out-level`, { level_id: basic.body.id });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.cash_out_level.level, 1);
  let cashOut = (await manager.get(`/api/v1/limits/accounts/${account}`)).body.effective.find((e) => e.transaction_type === 'cash_out');
  assert.deepEqual(cashOut.day_per_transaction, { value: 50000, origin: 'cash_out_level' });
  assert.deepEqual(cashOut.night_per_transaction, { value: 20000, origin: 'cash_out_level' });
  res = await manager.put(`/api/v1/limits/accounts/${account}/cash-out-level`, { level_id: top.body.id });
  cashOut = (await manager.get(`/api/v1/limits/accounts/${account}`)).body.effective.find((e) => e.transaction_type === 'cash_out');
  assert.deepEqual(cashOut.day_per_transaction, { value: 100000, origin: 'base' }, 'the rule is lower than Ouro');
  assert.equal((await manager.get(`/api/v1/cash-out-levels/${top.body.id}`)).body.accounts, 1);
  assert.equal((await manager.delete(`/api/v1/cash-out-levels/${top.body.id}`)).status, 409, 'in use');
  assert.deepEqual(fields(await manager.put(`/api/v1/limits/accounts/${account}/cash-out-level`, { level_id: '999' })), ['level_id']);
  assert.deepEqual(fields(await manager.put(`/api/v1/limits/accounts/${account}/cash-out-level`, {})), ['level_id']);
  res = await manager.put(`/api/v1/limits/accounts/${account}/cash-out-level`, { level_id: null });
  assert.equal(res.status, 200);
  assert.equal(res.body.cash_out_level, null);
  assert.equal((await manager.delete(`/api/v1/cash-out-levels/${top.body.id}`)).status, 204);

  const renamed = await manager.patch(`/api/v1/cash-out-levels/${basic.body.id}`, { name: 'Inicial' });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.day_per_transaction, 50000, 'absent values stay');
  const list = (await manager.get('/api/v1/cash-out-levels')).body.items;
  assert.deepEqual(list.map((l) => [l.level, l.name]), [[1, 'Inicial']]);
  const actions = (await manager.get('/api/v1/audit?action=cash_out_level.')).body.items.map((e) => e.action);
  for (const a of ['cash_out_level.created', 'cash_out_level.updated', 'cash_out_level.deleted', 'cash_out_level.assigned']) {
    assert.ok(actions.includes(a), a);
  }
});

test('TRX-05 limit events are in the webhook catalogue', async () => {
  const types = (await manager.get('/api/v1/webhooks/event-types')).body.items.map((e) => e.type);
  for (const t of ['limit.created', 'limit.updated', 'limit.deleted', 'cash_out_level.assigned']) assert.ok(types.includes(t), t);
});

test('TRX-05 TRX-06 TRX-02 a P2P transfer is held to the account limits and charged its plan tariff, free quota first', async () => {
  // covers TRX-05 TRX-06: the transfers module asks the limits (what the account already sent in
  // the window) and the plan's tariff (what it sent this month against the free quota) inside the
  // transfer's transaction. Day and night values are equal so the hour the test runs does not matter.
  const v = { day_per_transaction: 10000, day_per_day: 15000, night_per_transaction: 10000, night_per_day: 15000 };
  assert.equal((await manager.put('/api/v1/limits/base/p2p', v)).status, 201);
  const plan = await manager.post('/api/v1/plans', { name: 'Plano Transferências' });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const tariff = await manager.post('/api/v1/tariffs', { plan_id: plan.body.id, operation: 'p2p', kind: 'fixed',
    fixed_amount: 150, free_quota: 1, description: 'P2P além da primeira do mês' });
  assert.equal(tariff.status, 201, JSON.stringify(tariff.body));
  const from = await newAccount(manager, (await newCustomer(manager, '11144477735', 'José Limites')).id, { plan_id: plan.body.id });
  const to = await newAccount(manager, (await newCustomer(manager, '39053344705', 'Carla Limites')).id);
  await deposit(manager, from.id, 100000);
  const send = async (amount) => {
    const res = await manager.post('/api/v1/transfers', { from_account_id: from.id, to_account_id: to.id, amount, description: 'teste' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  let t = await send(10001);
  assert.deepEqual([t.status, t.failure_code], ['failed', 'limit_exceeded'], 'one centavo over the per-transaction limit');
  t = await send(10000);
  assert.deepEqual([t.status, t.tariff_amount], ['completed', 0], 'exactly at the limit; the month\'s free transfer');
  t = await send(5000);
  assert.deepEqual([t.status, t.tariff_amount], ['completed', 150], 'the second of the month pays the tariff');
  t = await send(1);
  assert.deepEqual([t.status, t.failure_code], ['failed', 'limit_exceeded'], 'the day total (15 000) is used up');
  const failed = t;
  // An override for this account raises its day total: the failed transfer goes through when processed again.
  assert.equal((await manager.put(`/api/v1/limits/accounts/${from.id}/types/p2p`, { day_per_day: 20000, night_per_day: 20000 })).status, 201);
  t = (await manager.post(`/api/v1/transfers/${failed.id}/process`, {})).body;
  assert.deepEqual([t.status, t.tariff_amount], ['completed', 150]);
  const balance = (await manager.get(`/api/v1/accounts/${from.id}/balance`)).body;
  assert.equal(balance.balance, 100000 - 15001 - 300, JSON.stringify(balance));
  assert.equal((await manager.get(`/api/v1/accounts/${to.id}/balance`)).body.balance, 15001);
  // A failed transfer moved nothing and was not counted in the window.
  const statement = (await manager.get(`/api/v1/statement?account_id=${from.id}`)).body.items;
  assert.equal(statement.filter((e) => e.code === 'tariff').length, 2, JSON.stringify(statement));
});
