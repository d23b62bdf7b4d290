// covers TRX-01 — crash safety of the ledger through the real binary, on SQLite and (with
// RETAGUARDA_TEST_DB) PostgreSQL. Eight clients send batches of transfers with client ids while
// the test kills the server with SIGKILL at random moments (at least 20 times) and starts it
// again on the same database. A request cut by the kill has an unknown outcome; the client sends
// it again, as a real integration would, and the answer is the truth. At the end:
//   - every acknowledged transfer exists exactly once, with the fields and id first answered;
//   - replaying any acknowledged batch answers "exists" with the original transfers;
//   - Σ debits = Σ credits over the tenant's accounts, no account violates its flag, and each
//     account's totals equal the sum of its transfers (nothing applied twice, nothing lost).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, bootstrapTenant, cli, freePort, repoRoot, testDatabase } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

const kills = Number(process.env.RETAGUARDA_CRASH_KILLS || 20);
const dir = mkdtempSync(join(tmpdir(), 'rg-crash-'));
const db = testDatabase(dir);
let proc = null;
after(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// Seeded PRNG so a failing run can be replayed (RETAGUARDA_CRASH_SEED).
const seed0 = Number(process.env.RETAGUARDA_CRASH_SEED || Date.now() % 100000);
let seed = seed0;
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

async function start() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  proc = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db, '--data-dir', dir,
    '--web-root', join(repoRoot, 'web', 'dist'), '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try { if ((await fetch(`${base}/readyz`)).status === 200) return base; } catch { /* starting */ }
    if (Date.now() > deadline) throw new Error(`server not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test(`TRX-01 ${kills} kill -9s under load: every acknowledged transfer exactly once, replays answer the original, totals hold`, { timeout: 600_000 }, async () => {
  cli(db, 'migrate');
  const creds = bootstrapTenant(db, { tenant: 'Banco Queda', slug: 'bancoqueda' });
  let base = await start();
  const manager = new Client(base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  const auth = { cookie: manager.cookie, csrf: manager.csrf };
  const call = (method, path, body) => fetch(`${base}${path}`, {
    method, headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

  const funding = (await call('POST', '/api/v1/ledger/accounts', { code: 'funding' })).body;
  const accounts = [];
  for (let i = 0; i < 12; i++) {
    accounts.push((await call('POST', '/api/v1/ledger/accounts', { code: 'clearing', flags: ['debits_must_not_exceed_credits'] })).body);
  }
  const fund = await call('POST', '/api/v1/ledger/transfers', { transfers: accounts.map((a, i) =>
    ({ client_id: `fund-${i}`, debit_account_id: funding.id, credit_account_id: a.id, amount: 50_000, code: 'funding' })) });
  assert.equal(fund.body.created, accounts.length);

  const acknowledged = new Map();  // client_id → the transfer first answered (created or exists)
  const batches = [];              // acknowledged batches, to replay at the end
  let running = true;
  let sent = 0;
  let cut = 0;
  async function client(k) {
    let seq = 0;
    let pending = null;  // a batch whose answer was lost: sent again as is
    while (running) {
      const batch = pending ?? Array.from({ length: 1 + Math.floor(random() * 20) }, () => {
        const from = accounts[Math.floor(random() * accounts.length)];
        let to = accounts[Math.floor(random() * accounts.length)];
        if (to === from) to = funding;
        return { client_id: `c${k}-${seq++}`, debit_account_id: from.id, credit_account_id: to.id,
          amount: 1 + Math.floor(random() * 3_000), code: 'p2p', ...(random() < 0.2 ? { flags: ['linked'] } : {}) };
      });
      if (batch.at(-1).flags) delete batch.at(-1).flags;  // close any chain inside the batch
      try {
        const res = await call('POST', '/api/v1/ledger/transfers', { transfers: batch });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        sent += batch.length;
        for (const r of res.body.results) {
          if (r.result !== 'created' && r.result !== 'exists') continue;
          const first = acknowledged.get(r.client_id);
          if (first) {
            assert.equal(r.transfer.id, first.id, `${r.client_id} answered with another transfer`);
          } else {
            acknowledged.set(r.client_id, r.transfer);
          }
        }
        batches.push({ batch, results: res.body.results });
        pending = null;
      } catch {
        pending = batch;  // the server died under us: the outcome is unknown, send it again
        cut++;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
  const clients = Array.from({ length: 8 }, (_, k) => client(k));
  for (let i = 0; i < kills; i++) {
    await new Promise((r) => setTimeout(r, 150 + Math.floor(random() * 450)));
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    base = await start();
  }
  await new Promise((r) => setTimeout(r, 300));
  running = false;
  await Promise.all(clients);

  assert.ok(acknowledged.size > 200, `enough transfers acknowledged (${acknowledged.size} of ${sent} sent, ${cut} requests cut)`);
  // Every acknowledged transfer exists once, as first answered.
  for (const [clientId, t] of acknowledged) {
    const found = await call('GET', `/api/v1/ledger/transfers?client_id=${clientId}`);
    assert.equal(found.status, 200, `${clientId} lost`);
    assert.deepEqual([found.body.id, found.body.amount, found.body.debit_account_id, found.body.credit_account_id],
      [t.id, t.amount, t.debit_account_id, t.credit_account_id], clientId);
  }
  // Replays answer the original results.
  for (const { batch, results } of batches.slice(-20)) {
    const again = await call('POST', '/api/v1/ledger/transfers', { transfers: batch });
    results.forEach((r, i) => {
      if (r.result !== 'created' && r.result !== 'exists') return;
      assert.equal(again.body.results[i].result, 'exists');
      assert.equal(again.body.results[i].transfer.id, r.transfer.id);
    });
  }
  // Totals: balanced, flags hold, and each account's totals are the sum of its transfers.
  let debits = 0;
  let credits = 0;
  for (const a of [funding, ...accounts]) {
    const acc = (await call('GET', `/api/v1/ledger/accounts/${a.id}`)).body;
    debits += acc.debits_posted;
    credits += acc.credits_posted;
    if (a !== funding) assert.ok(acc.debits_posted <= acc.credits_posted, `account ${a.id} overdrawn`);
    let d = 0;
    let c = 0;
    let cursor = '';
    do {
      const page = (await call('GET', `/api/v1/ledger/accounts/${a.id}/transfers?page_size=500${cursor ? `&cursor=${cursor}` : ''}`)).body;
      for (const t of page.items) {
        if (t.debit_account_id === a.id) d += t.amount;
        if (t.credit_account_id === a.id) c += t.amount;
      }
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual([d, c], [acc.debits_posted, acc.credits_posted], `account ${a.id}: totals = its transfers`);
  }
  assert.equal(debits, credits, 'Σ debits = Σ credits');
  proc.kill('SIGTERM');
  console.log(`# crash test: ${kills} kills, ${acknowledged.size} acknowledged of ${sent} sent, ${cut} requests cut, RETAGUARDA_CRASH_SEED=${seed0}`);
});
