// covers TRX-06 TRX-04 — the billing center, the revenue center and chargebacks through the real
// binary, on SQLite and (with RETAGUARDA_TEST_DB) PostgreSQL: a P2P tariff the balance does not
// cover waits as a pending charge while the transfer goes; "collect now" refused without balance
// (409 naming balance) and accepted with it; waive with a reason; revenue grouped by operation,
// tariff and month; CSV export; chargebacks in part and in full, each bad input naming its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';
import { newCustomer, newAccount, deposit } from '../support/banking.mjs';

let server;
let manager;
let creds;
let from;
let to;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Tarifas', slug: 'bancotarifas' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  const plan = await manager.post('/api/v1/plans', { name: 'Plano Tarifado' });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const tariff = await manager.post('/api/v1/tariffs', { plan_id: plan.body.id, operation: 'p2p', kind: 'fixed', fixed_amount: 300,
    description: 'Tarifa por transferência' });
  assert.equal(tariff.status, 201, JSON.stringify(tariff.body));
  from = await newAccount(manager, (await newCustomer(manager, '52998224725', 'Maria Tarifada')).id, { plan_id: plan.body.id });
  to = await newAccount(manager, (await newCustomer(manager, '11144477735', 'José Recebedor')).id);
});
after(async () => { await server?.stop(); });

const send = async (amount) => {
  const res = await manager.post('/api/v1/transfers', { from_account_id: from.id, to_account_id: to.id, amount, description: 'teste' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
};
const balance = async (id) => (await manager.get(`/api/v1/accounts/${id}/balance`)).body.balance;
const pending = async () => (await manager.get('/api/v1/tariff-charges?status=pending')).body.items;

test('TRX-06 a tariff the balance does not cover waits in the billing center and is collected later', async () => {
  await deposit(manager, from.id, 10000);
  const t = await send(9800);
  assert.deepEqual([t.status, t.tariff_amount], ['completed', 300], 'the transfer goes without its tariff');
  assert.equal(await balance(from.id), 200);
  let waiting = await pending();
  assert.equal(waiting.length, 1);
  assert.deepEqual([waiting[0].source_type, waiting[0].source_id, waiting[0].amount, waiting[0].operation],
    ['transfer', t.id, 300, 'p2p']);
  const charge = waiting[0];
  let res = await manager.post(`/api/v1/tariff-charges/${charge.id}/collect`, {});
  assert.equal(res.status, 409);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['balance']);
  assert.equal((await manager.get(`/api/v1/tariff-charges/${charge.id}`)).body.attempts, 2, 'the refused attempt counts');
  await deposit(manager, from.id, 1000);
  res = await manager.post(`/api/v1/tariff-charges/${charge.id}/collect`, {});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'collected');
  assert.ok(res.body.ledger_transfer_id);
  assert.equal(await balance(from.id), 900);
  assert.equal((await manager.post(`/api/v1/tariff-charges/${charge.id}/collect`, {})).status, 409, 'not pending any more');

  // Another one left pending is waived: a reason is required, and it is never collected.
  await send(900);
  waiting = await pending();
  assert.equal(waiting.length, 1);
  res = await manager.post(`/api/v1/tariff-charges/${waiting[0].id}/waive`, {});
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['reason']);
  res = await manager.post(`/api/v1/tariff-charges/${waiting[0].id}/waive`, { reason: 'Cortesia ao cliente' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual([res.body.status, res.body.waive_reason], ['waived', 'Cortesia ao cliente']);
  await deposit(manager, from.id, 5000);
  assert.equal((await manager.post(`/api/v1/tariff-charges/${waiting[0].id}/collect`, {})).status, 409);
  assert.equal(await balance(from.id), 5000);

  // The revenue center: what was collected, and nothing pending.
  const byOperation = (await manager.get('/api/v1/revenue?group_by=operation')).body;
  assert.deepEqual(byOperation.items.map((i) => [i.key, i.count, i.amount]), [['p2p', 1, 300]]);
  assert.deepEqual(byOperation.total, { count: 1, amount: 300 });
  assert.deepEqual(byOperation.pending, { count: 0, amount: 0 });
  const byTariff = (await manager.get('/api/v1/revenue')).body;
  assert.equal(byTariff.group_by, 'tariff');
  assert.equal(byTariff.items[0].label, 'Tarifa por transferência');
  assert.equal(byTariff.items[0].plan_name, 'Plano Tarifado');
  const byMonth = (await manager.get('/api/v1/revenue?group_by=month')).body;
  assert.match(byMonth.items[0].key, /^\d{4}-\d{2}$/);
  const future = (await manager.get('/api/v1/revenue?from=2099-01-01&to=2099-01-31')).body;
  assert.deepEqual(future.total, { count: 0, amount: 0 });
  res = await manager.get('/api/v1/revenue?group_by=plano');
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['group_by']);
  res = await manager.get('/api/v1/tariff-charges?status=cobrada');
  assert.deepEqual(res.body.errors.map((e) => e.field), ['status']);
  const csv = await manager.get('/api/v1/tariff-charges?format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.body, /Tarifa por transferência/);
  const audit = (await manager.get('/api/v1/audit?action=tariff_charge.')).body.items.map((e) => e.action);
  for (const a of ['tariff_charge.pending', 'tariff_charge.collected', 'tariff_charge.waived']) assert.ok(audit.includes(a), a);
});

test('TRX-04 chargebacks: in part, then the rest; never more than the original, never of a chargeback', async () => {
  const t = (await manager.get(`/api/v1/transfers?account_id=${from.id}&status=completed`)).body.items.find((x) => x.amount === 9800);
  let res = await manager.post(`/api/v1/transfers/${t.id}/chargeback`, {});
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['reason']);
  res = await manager.post(`/api/v1/transfers/${t.id}/chargeback`, { reason: 'Contestação', amount: 9801 });
  assert.equal(res.status, 400);
  assert.deepEqual(res.body.errors.map((e) => e.field), ['amount']);
  const before = await balance(to.id);
  const part = await manager.post(`/api/v1/transfers/${t.id}/chargeback`, { reason: 'Contestação', amount: 800 });
  assert.equal(part.status, 201, JSON.stringify(part.body));
  assert.deepEqual([part.body.kind, part.body.reversal_of, part.body.status, part.body.from_account_id, part.body.tariff_amount],
    ['chargeback', t.id, 'completed', to.id, 0]);
  assert.equal((await manager.get(`/api/v1/transfers/${t.id}`)).body.reversed_amount, 800);
  assert.equal(await balance(to.id), before - 800);
  assert.equal((await manager.post(`/api/v1/transfers/${part.body.id}/chargeback`, { reason: 'x' })).status, 409);
  const rest = await manager.post(`/api/v1/transfers/${t.id}/chargeback`, { reason: 'Contestação' });
  assert.equal(rest.status, 201);
  assert.equal(rest.body.amount, 9000);
  assert.equal((await manager.get(`/api/v1/transfers/${t.id}`)).body.reversed_amount, 9800);
  res = await manager.post(`/api/v1/transfers/${t.id}/chargeback`, { reason: 'Contestação' });
  assert.equal(res.status, 409, 'nothing left');
  const chargebacks = (await manager.get(`/api/v1/transfers?reversal_of=${t.id}`)).body.items;
  assert.deepEqual(chargebacks.map((c) => c.amount).sort(), [800, 9000]);
  const statement = (await manager.get(`/api/v1/statement?account_id=${from.id}&code=chargeback`)).body.items;
  assert.equal(statement.length, 2);
  const events = (await manager.get('/api/v1/audit?action=transfer.charged_back')).body.items;
  assert.equal(events.length, 2);
});
