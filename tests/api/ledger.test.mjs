// covers TRX-01 — the ledger's HTTP API through the real binary, on SQLite and (with
// RETAGUARDA_TEST_DB) PostgreSQL: batches with per-transfer results, linked chains, idempotent
// replays, two-phase transfers, shape errors naming transfers[i].field with nothing applied,
// the 8 190-transfer cap, an account's transfers (statement) with filters and keyset pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

let server;
let manager;
let creds;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Razão', slug: 'bancorazao' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
});
after(async () => { await server?.stop(); });

async function account(code, flags = []) {
  const res = await manager.post('/api/v1/ledger/accounts', { code, flags, description: `conta ${code}` });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
const balance = async (id) => (await manager.get(`/api/v1/ledger/accounts/${id}`)).body;
const post = (transfers) => manager.post('/api/v1/ledger/transfers', { transfers });
const move = (client_id, from, to, amount, extra = {}) =>
  ({ client_id, debit_account_id: from.id, credit_account_id: to.id, amount, code: 'p2p', ...extra });

test('TRX-01 a batch moves money transfer by transfer; a linked chain is all or nothing', async () => {
  const funding = await account('funding');
  const a = await account('clearing', ['debits_must_not_exceed_credits']);
  const b = await account('clearing', ['debits_must_not_exceed_credits']);
  const res = await post([
    move('api-f1', funding, a, 10_000, { code: 'funding' }),
    move('api-l1', a, b, 3_000, { flags: ['linked'] }),
    move('api-l2', a, b, 8_000),
    move('api-t3', a, b, 2_500),
  ]);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.results.map((r) => r.result), ['created', 'linked_event_failed', 'exceeds_credits', 'created']);
  assert.equal(res.body.created, 2);
  assert.equal(res.body.results[1].transfer, null);
  const t3 = res.body.results[3].transfer;
  assert.equal(t3.debit_balance, 7_500, 'the debit account after the transfer');
  assert.equal(t3.credit_balance, 2_500);
  assert.deepEqual([(await balance(a.id)).balance, (await balance(b.id)).balance, (await balance(funding.id)).balance],
    [7_500, 2_500, -10_000]);

  // Replays answer the original; different fields under the same client id are refused.
  const again = await post([move('api-t3', a, b, 2_500), move('api-t3', a, b, 2_600)]);
  assert.deepEqual(again.body.results.map((r) => r.result), ['exists', 'exists_with_different_fields']);
  assert.equal(again.body.results[0].transfer.id, t3.id);
  assert.equal((await balance(a.id)).balance, 7_500, 'applied once');
  const found = await manager.get('/api/v1/ledger/transfers?client_id=api-t3');
  assert.equal(found.status, 200);
  assert.equal(found.body.id, t3.id);
  assert.equal((await manager.get(`/api/v1/ledger/transfers/${t3.id}`)).body.client_id, 'api-t3');
  assert.equal((await manager.get('/api/v1/ledger/transfers?client_id=nope')).status, 404);
});

test('TRX-01 two-phase: a hold reserves, a post moves part of it, the rest is released', async () => {
  const funding = await account('funding');
  const a = await account('clearing', ['debits_must_not_exceed_credits']);
  const b = await account('clearing');
  await post([move('h-fund', funding, a, 1_000)]);
  const hold = await post([move('h-1', a, b, 800, { flags: ['pending'], timeout_s: 3600 })]);
  assert.equal(hold.body.results[0].result, 'created');
  assert.equal(hold.body.results[0].transfer.state, 'pending');
  assert.ok(hold.body.results[0].transfer.expires_at);
  let acc = await balance(a.id);
  assert.deepEqual([acc.debits_pending, acc.available], [800, 200]);
  assert.equal((await post([move('h-2', a, b, 201)])).body.results[0].result, 'exceeds_credits', 'the hold counts');
  const posted = await post([{ client_id: 'h-post', pending_client_id: 'h-1', flags: ['post_pending'], amount: 600 }]);
  assert.equal(posted.body.results[0].result, 'created', JSON.stringify(posted.body));
  assert.equal(posted.body.results[0].transfer.pending_id, hold.body.results[0].transfer.id);
  acc = await balance(a.id);
  assert.deepEqual([acc.debits_pending, acc.balance, acc.available], [0, 400, 400]);
  assert.equal((await manager.get(`/api/v1/ledger/transfers/${hold.body.results[0].transfer.id}`)).body.state, 'posted');
  const twice = await post([{ client_id: 'h-void', pending_client_id: 'h-1', flags: ['void_pending'] }]);
  assert.equal(twice.body.results[0].result, 'pending_transfer_already_posted');
});

test('TRX-01 a malformed transfer fails the whole request with 400 naming transfers[i].field; nothing applied', async () => {
  const funding = await account('funding');
  const a = await account('clearing');
  const bad = await post([move('ok-1', funding, a, 100), move('', funding, a, -5), { client_id: 'x', flags: ['sideways'] }]);
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('content-type'), 'application/problem+json');
  const fields = bad.body.errors.map((e) => e.field);
  assert.ok(fields.includes('transfers[1].client_id'), fields.join());
  assert.ok(fields.includes('transfers[1].amount'), fields.join());
  assert.ok(fields.includes('transfers[2].flags'), fields.join());
  assert.equal((await balance(a.id)).balance, 0, 'ok-1 was not applied either');
  assert.equal((await post([])).body.errors[0].field, 'transfers');
  assert.equal((await manager.post('/api/v1/ledger/transfers', { transfers: 'x' })).body.errors[0].field, 'transfers');
  const noAccount = await post([{ client_id: 'na', debit_account_id: 'abc', credit_account_id: a.id, amount: 1, code: 'p2p' }]);
  assert.equal(noAccount.body.errors[0].field, 'transfers[0].debit_account_id');
  const missing = await post([{ client_id: 'na', debit_account_id: '999', credit_account_id: a.id, amount: 1, code: 'p2p' }]);
  assert.equal(missing.status, 200);
  assert.equal(missing.body.results[0].result, 'debit_account_not_found');
  const badAccount = await manager.post('/api/v1/ledger/accounts', { code: 'customer' });
  assert.equal(badAccount.status, 400, 'customer accounts are opened by the accounts module');
  assert.equal(badAccount.body.errors[0].field, 'code');
});

test('TRX-01 8 190 transfers in one request are one commit (a 1.1 MB body, over the 1 MiB default cap); 8 191 are refused', async () => {
  const funding = await account('funding');
  const a = await account('clearing');
  const many = Array.from({ length: 8190 }, (_, i) => move(`bulk-${i}`, funding, a, 1));
  const res = await post(many);
  assert.equal(res.status, 200);
  assert.equal(res.body.created, 8190);
  assert.equal((await balance(a.id)).balance, 8190);
  const tooMany = await post([...many, move('bulk-x', funding, a, 1)]);
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.errors[0].field, 'transfers');
});

test("TRX-01 an account's transfers: newest first, running balances, code and period filters, keyset pages", async () => {
  const funding = await account('funding');
  const a = await account('clearing', ['debits_must_not_exceed_credits']);
  const b = await account('clearing');
  await post([move('s-1', funding, a, 5_000, { code: 'funding' })]);
  for (let i = 0; i < 5; i++) await post([move(`s-p${i}`, a, b, 100 * (i + 1))]);
  const page1 = await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?page_size=4`);
  assert.equal(page1.status, 200);
  assert.deepEqual(page1.body.items.map((t) => t.client_id), ['s-p4', 's-p3', 's-p2', 's-p1']);
  assert.deepEqual(page1.body.items.map((t) => t.debit_balance), [3_500, 4_000, 4_400, 4_700]);
  assert.ok(page1.body.next_cursor);
  const page2 = await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?page_size=4&cursor=${page1.body.next_cursor}`);
  assert.deepEqual(page2.body.items.map((t) => t.client_id), ['s-p0', 's-1']);
  assert.equal(page2.body.next_cursor, null);
  const funded = await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?code=funding`);
  assert.deepEqual(funded.body.items.map((t) => t.client_id), ['s-1']);
  const today = new Date(Date.now() - 3 * 3600e3).toISOString().slice(0, 10);
  const todays = await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?from=${today}&to=${today}`);
  assert.equal(todays.body.items.length, 6);
  const old = await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?from=2020-01-01&to=2020-01-31`);
  assert.equal(old.body.items.length, 0);
  assert.equal((await manager.get(`/api/v1/ledger/accounts/${a.id}/transfers?from=yesterday`)).body.errors[0].field, 'from');
  assert.equal((await manager.get('/api/v1/ledger/accounts/123/transfers')).status, 404);
});
