// covers ACC-05 ACC-06 ACC-07 ACC-08 ACC-10 ACC-12 ACC-16 TRX-02 — accounts, the statement and P2P
// transfers through the real binary, on SQLite and (with RETAGUARDA_TEST_DB) PostgreSQL: opening
// for a customer, sandbox deposits, P2P transfers immediate / failed / processed again /
// scheduled / cancelled, the statement with running balances and its CSV export, the status
// lifecycle with the zero-balance rule, the residual move only to the same holder, sub-accounts
// and redeem, night start, the authoritative balance and resync; each bad input names its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';
import { newCustomer, newAccount } from '../support/banking.mjs';

let server;
let manager;
let creds;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Contas', slug: 'bancocontas' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
});
after(async () => { await server?.stop(); });

const customer = (document, name) => newCustomer(manager, document, name);
const account = (customerId, extra = {}) => newAccount(manager, customerId, extra);
const deposit = (id, amount) => manager.post(`/api/v1/accounts/${id}/deposits`, { amount });
const get = async (id) => (await manager.get(`/api/v1/accounts/${id}`)).body;

test('ACC-06 TRX-02 open, deposit, transfer, statement; the lifecycle keeps its rules', async () => {
  const maria = await customer('52998224725', 'Maria da Silva');
  const jose = await customer('11144477735', 'José Pereira');
  const a = await account(maria.id);
  const b = await account(jose.id);
  assert.equal(a.holder.name, 'Maria da Silva');
  assert.equal(a.holder.document, '529.982.247-25');
  assert.equal(a.branch, '0001');
  assert.match(a.number, /^\d{8}$/);
  assert.equal(a.night_start, '20:00');
  assert.equal(a.status, 'active');
  const bad = await manager.post('/api/v1/accounts', { customer_id: '999', night_start: '25:00' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['night_start']);
  assert.equal((await manager.post('/api/v1/accounts', { customer_id: '999' })).body.errors[0].field, 'customer_id');

  assert.equal((await deposit(a.id, 100_000)).status, 201);
  assert.equal((await deposit(a.id, 0)).body.errors[0].field, 'amount');
  const t = await manager.post('/api/v1/transfers', { from_account_id: a.id, to_account_id: b.id, amount: 25_000,
    description: 'Aluguel de março', client_id: 'aluguel-03' });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  assert.equal(t.body.status, 'completed');
  const replay = await manager.post('/api/v1/transfers', { from_account_id: a.id, to_account_id: b.id, amount: 25_000,
    description: 'Aluguel de março', client_id: 'aluguel-03' });
  assert.equal(replay.status, 200, 'a retry answers the original');
  assert.equal(replay.body.id, t.body.id);
  assert.equal((await get(a.id)).balance, 75_000);
  assert.equal((await get(b.id)).balance, 25_000);

  const failed = await manager.post('/api/v1/transfers', { from_account_id: b.id, to_account_id: a.id, amount: 30_000 });
  assert.equal(failed.status, 201);
  assert.deepEqual([failed.body.status, failed.body.failure_code], ['failed', 'insufficient_funds']);
  await deposit(b.id, 10_000);
  const processed = await manager.post(`/api/v1/transfers/${failed.body.id}/process`);
  assert.deepEqual([processed.body.status, processed.body.attempts], ['completed', 2]);

  const statement = await manager.get(`/api/v1/statement?account_id=${a.id}`);
  assert.equal(statement.status, 200);
  assert.deepEqual(statement.body.items.map((l) => [l.code, l.signed_amount, l.balance_after]),
    [['p2p', 30_000, 105_000], ['p2p', -25_000, 75_000], ['deposit', 100_000, 100_000]]);
  const csv = await manager.get(`/api/v1/statement?account_id=${a.id}&format=csv`);
  assert.equal(csv.status, 200);
  const text = csv.body;
  assert.match(text, /Aluguel de março/);
  assert.match(text, /-250,00/);
  assert.equal((await manager.get('/api/v1/statement')).body.errors[0].field, 'account_id');
  const p2pOnly = await manager.get(`/api/v1/transfers?account_id=${b.id}&status=completed`);
  assert.equal(p2pOnly.body.items.length, 2);

  // Suspend → a suspended account receives but cannot send; reactivate.
  assert.equal((await manager.post(`/api/v1/accounts/${b.id}/suspend`, {})).body.errors[0].field, 'reason');
  assert.equal((await manager.post(`/api/v1/accounts/${b.id}/suspend`, { reason: 'Análise de fraude' })).body.status, 'suspended');
  const blocked = await manager.post('/api/v1/transfers', { from_account_id: b.id, to_account_id: a.id, amount: 100 });
  assert.equal(blocked.body.failure_code, 'account_unavailable');
  assert.equal((await manager.post(`/api/v1/accounts/${b.id}/reactivate`, { reason: 'Liberado' })).body.status, 'active');

  // Cancel: refused with money; the residual goes only to the same holder.
  const refused = await manager.post(`/api/v1/accounts/${b.id}/cancel`, { reason: 'Pedido do cliente' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.errors[0].field, 'balance');
  const otherHolder = await manager.post(`/api/v1/accounts/${b.id}/residual`, { to_account_id: a.id });
  assert.equal(otherHolder.status, 400);
  assert.equal(otherHolder.body.errors[0].field, 'to_account_id');
  const b2 = await account(jose.id);
  const moved = await manager.post(`/api/v1/accounts/${b.id}/residual`, { to_account_id: b2.id });
  assert.equal(moved.status, 201, JSON.stringify(moved.body));
  assert.equal(moved.body.amount, 25_000 + 10_000 - 30_000);
  const cancelled = await manager.post(`/api/v1/accounts/${b.id}/cancel`, { reason: 'Pedido do cliente' });
  assert.equal(cancelled.body.status, 'cancelled');
  assert.ok(cancelled.body.cancelled_at);
  assert.equal((await manager.post(`/api/v1/accounts/${b.id}/reactivate`, { reason: 'x' })).status, 409, 'final');
  const listed = await manager.get(`/api/v1/accounts?customer_id=${jose.id}&status=cancelled`);
  assert.deepEqual(listed.body.items.map((x) => x.id), [b.id]);
  const events = (await manager.get('/api/v1/audit?action=account.cancelled')).body.items;
  assert.equal(events.length, 1);
});

test('TRX-02 a transfer scheduled for later waits, and can be cancelled', async () => {
  const c = await customer('39053344705', 'Carla Agendada');
  const a = await account(c.id);
  const b = await account(c.id);
  await deposit(a.id, 5_000);
  const inAWeek = new Date(Date.now() + 7 * 86400e3 - 3 * 3600e3).toISOString().slice(0, 10);
  const t = await manager.post('/api/v1/transfers', { from_account_id: a.id, to_account_id: b.id, amount: 1_000, scheduled_for: inAWeek });
  assert.equal(t.body.status, 'scheduled');
  assert.ok(t.body.execute_on >= inAWeek, 'the next business day on or after the date');
  assert.equal((await get(a.id)).balance, 5_000, 'nothing moved yet');
  assert.equal((await manager.post(`/api/v1/transfers/${t.body.id}/cancel`)).body.status, 'cancelled');
  assert.equal((await manager.post(`/api/v1/transfers/${t.body.id}/cancel`)).status, 409);
  const past = await manager.post('/api/v1/transfers', { from_account_id: a.id, to_account_id: b.id, amount: 1, scheduled_for: '2020-01-02' });
  assert.equal(past.body.errors[0].field, 'scheduled_for');
  const garbled = await manager.post('/api/v1/transfers', { from_account_id: a.id, to_account_id: 'x', amount: -1 });
  assert.deepEqual(garbled.body.errors.map((e) => e.field).sort(), ['amount', 'to_account_id']);
});

test('ACC-12 ACC-16 ACC-08 ACC-05 sub-accounts, night start, the authoritative balance and resync', async () => {
  const c = await customer('86288366757', 'Paulo Cofrinho');
  const main = await account(c.id);
  const wallet = await manager.post(`/api/v1/accounts/${main.id}/sub-accounts`, { kind: 'wallet', description: 'Viagem' });
  assert.equal(wallet.status, 201);
  assert.equal(wallet.body.parent_id, main.id);
  assert.equal((await manager.post(`/api/v1/accounts/${main.id}/sub-accounts`, { kind: 'main' })).body.errors[0].field, 'kind');
  await deposit(wallet.body.id, 8_000);
  const redeemed = await manager.post(`/api/v1/accounts/${wallet.body.id}/redeem`, { amount: 3_000 });
  assert.equal(redeemed.body.amount, 3_000);
  const detail = await get(main.id);
  assert.equal(detail.balance, 3_000);
  assert.deepEqual(detail.sub_accounts.map((s) => [s.kind, s.balance]), [['wallet', 5_000]]);

  assert.equal((await manager.put(`/api/v1/accounts/${main.id}/night-start`, { night_start: '21:30' })).body.night_start, '21:30');
  assert.equal((await manager.put(`/api/v1/accounts/${main.id}/night-start`, { night_start: '23:00' })).body.errors[0].field, 'night_start');
  assert.equal((await manager.post(`/api/v1/accounts/${main.id}/sync-alias`)).status, 200);
  assert.equal((await manager.post(`/api/v1/accounts/${main.id}/sync-status`)).status, 200);

  const balance = await manager.get(`/api/v1/accounts/${main.id}/balance`);
  assert.deepEqual([balance.body.balance, balance.body.consistent], [3_000, true]);
  const resync = await manager.post(`/api/v1/accounts/${main.id}/resync`);
  assert.equal(resync.status, 200);
  assert.equal(resync.body.diverged, false);
  assert.deepEqual(resync.body.corrections, []);
});
