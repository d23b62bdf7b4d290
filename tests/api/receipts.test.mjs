// covers TRX-04 — PDF receipts (comprovantes) through the real binary, on SQLite and (with
// RETAGUARDA_TEST_DB) PostgreSQL: a completed P2P transfer's receipt and any posted statement
// line's receipt from one account's side, read back with pdftotext (poppler-utils): institution,
// São Paulo date and time, amounts, tariff, masked CPF/CNPJ, branch and account, ids and the
// authentication code; 409 for transfers that moved no money, 404 across tenants and accounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client } from '../support/client.mjs';
import { address, newCustomer, newAccount, deposit } from '../support/banking.mjs';

let server;
let manager;
let other;
let scratch;
const ids = {};

// GET as raw bytes (the shared client decodes bodies as text).
async function download(client, path) {
  const res = await fetch(`${server.base}${path}`, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

let files = 0;
function pdfText(bytes) {
  const file = join(scratch, `receipt-${files++}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
}

async function receipt(path) {
  const res = await download(manager, path);
  assert.equal(res.status, 200, res.bytes.toString());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.ok(res.bytes.subarray(0, 5).equals(Buffer.from('%PDF-')));
  return { res, text: pdfText(res.bytes) };
}

// "dd/mm/aaaa hh:mm:ss" in America/Sao_Paulo (UTC-3 since 2019) of an ISO-8601 UTC instant.
function saoPaulo(iso) {
  const d = new Date(Date.parse(iso) - 3 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const authentication = (text) => text.match(/(?:[0-9a-f]{4} ){7}[0-9a-f]{4}\s+(?:[0-9a-f]{4} ){7}[0-9a-f]{4}/)?.[0];

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'rg-receipts-'));
  let creds;
  let otherCreds;
  server = await startServer({
    prepare: (db) => {
      creds = bootstrapTenant(db, { tenant: 'Banco Açaí Digital', slug: 'bancoacai' });
      otherCreds = bootstrapTenant(db, { tenant: 'Banco Outro', slug: 'bancooutro' });
    },
  });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  other = new Client(server.base);
  assert.equal((await other.signIn(otherCreds.email, otherCreds.password)).status, 200);

  // The payer pays a P2P tariff from the first transfer of the month.
  const plan = await manager.post('/api/v1/plans', { name: 'Plano Comprovantes' });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const tariff = await manager.post('/api/v1/tariffs', { plan_id: plan.body.id, operation: 'p2p', kind: 'fixed',
    fixed_amount: 150, free_quota: 0, description: 'Tarifa P2P' });
  assert.equal(tariff.status, 201, JSON.stringify(tariff.body));
  const maria = await newCustomer(manager, '52998224725', 'Maria Conceição Araújo');
  const company = await manager.post('/api/v1/customers', { kind: 'pj', document: '11222333000181',
    name: 'Padaria Pão de Açúcar Ltda.', trade_name: 'Pão de Açúcar', founding_date: '2009-04-15', company_size: 'demais',
    email: 'financeiro@padaria.com.br', phone: '(11) 3265-4000', monthly_revenue_cents: 18000000, address });
  assert.equal(company.status, 201, JSON.stringify(company.body));
  ids.payer = await newAccount(manager, maria.id, { plan_id: plan.body.id });
  ids.payee = await newAccount(manager, company.body.id);
  ids.deposit = await deposit(manager, ids.payer.id, 500000);
  const t = await manager.post('/api/v1/transfers', { from_account_id: ids.payer.id, to_account_id: ids.payee.id,
    amount: 123456, description: 'Aluguel de março — ação nº 7' });
  assert.equal(t.status, 201, JSON.stringify(t.body));
  assert.deepEqual([t.body.status, t.body.tariff_amount], ['completed', 150], JSON.stringify(t.body));
  ids.transfer = t.body;
});
after(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('TRX-04 a completed transfer\'s receipt: PDF attachment with amounts, masked documents, accounts, SP time, ids', async () => {
  const t = ids.transfer;
  const { res, text } = await receipt(`/api/v1/transfers/${t.id}/receipt`);
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="comprovante-${t.id}.pdf"`);
  for (const expected of [
    'Comprovante de transferência', 'Banco Açaí Digital', `${saoPaulo(t.completed_at)} (horário de Brasília)`,
    'R$ 1.234,56', 'Tarifa', 'R$ 1,50', 'Aluguel de março — ação nº 7',
    'Pagador', 'Maria Conceição Araújo', '***.982.247-**', `Agência 0001 · Conta ${ids.payer.number}-${ids.payer.check_digit}`,
    'Recebedor', 'Padaria Pão de Açúcar Ltda.', '**.222.333/0001-**',
    `Agência 0001 · Conta ${ids.payee.number}-${ids.payee.check_digit}`,
    t.id, t.ledger_transfer_id, 'Autenticação',
  ]) assert.ok(text.includes(expected), `${expected} missing from:\n${text}`);
  for (const secret of ['529.982.247-25', '52998224725', '11.222.333/0001-81', '11222333000181']) {
    assert.ok(!text.includes(secret), `unmasked ${secret} in the receipt`);
  }
  assert.ok(!text.includes('estorno'), 'not a chargeback');
  // The authentication code (64 hex digits in groups of 4) is the same on every download.
  const code = authentication(text);
  assert.ok(code, `no authentication code in:\n${text}`);
  assert.equal(authentication((await receipt(`/api/v1/transfers/${t.id}/receipt`)).text), code);
  // pdfinfo: the document title.
  const file = join(scratch, 'info.pdf');
  writeFileSync(file, res.bytes);
  assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Title:\s+Comprovante de transferência/);
});

test('TRX-04 statement-line receipts from each account\'s side: deposit, tariff and the P2P credit', async () => {
  const { payer, payee, transfer } = ids;
  const dep = await receipt(`/api/v1/accounts/${payer.id}/receipts/${ids.deposit.id}`);
  assert.equal(dep.res.headers.get('content-disposition'), `attachment; filename="comprovante-${ids.deposit.id}.pdf"`);
  for (const expected of ['Comprovante de depósito', 'Depósito', 'Crédito', 'R$ 5.000,00', 'Banco Açaí Digital',
    'Maria Conceição Araújo', '***.982.247-**', saoPaulo(ids.deposit.created_at), ids.deposit.id]) {
    assert.ok(dep.text.includes(expected), `${expected} missing from:\n${dep.text}`);
  }
  const tariffLine = (await manager.get(`/api/v1/statement?account_id=${payer.id}&code=tariff`)).body.items;
  assert.equal(tariffLine.length, 1, JSON.stringify(tariffLine));
  const tariff = await receipt(`/api/v1/accounts/${payer.id}/receipts/${tariffLine[0].id}`);
  for (const expected of ['Comprovante de tarifa', 'Débito', 'R$ 1,50', 'Tarifa P2P']) {
    assert.ok(tariff.text.includes(expected), `${expected} missing from:\n${tariff.text}`);
  }
  const credit = await receipt(`/api/v1/accounts/${payee.id}/receipts/${transfer.ledger_transfer_id}`);
  for (const expected of ['Comprovante de transferência', 'Transferência P2P', 'Crédito', 'R$ 1.234,56',
    '**.222.333/0001-**', '***.982.247-**']) {
    assert.ok(credit.text.includes(expected), `${expected} missing from:\n${credit.text}`);
  }
  const debit = await receipt(`/api/v1/accounts/${payer.id}/receipts/${transfer.ledger_transfer_id}`);
  assert.ok(debit.text.includes('Débito'), debit.text);
  assert.notEqual(authentication(debit.text), authentication(credit.text), 'the side is part of the authentication');
});

test('TRX-04 a chargeback\'s receipt is a "Comprovante de estorno" naming the original transfer', async () => {
  const back = await manager.post(`/api/v1/transfers/${ids.transfer.id}/chargeback`, { reason: 'Aluguel pago em duplicidade',
    amount: 100000 });
  assert.equal(back.status, 201, JSON.stringify(back.body));
  assert.equal(back.body.status, 'completed', JSON.stringify(back.body));
  const { res, text } = await receipt(`/api/v1/transfers/${back.body.id}/receipt`);
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="comprovante-${back.body.id}.pdf"`);
  for (const expected of ['Comprovante de estorno', 'Transferência original', ids.transfer.id, back.body.id,
    'R$ 1.000,00', 'Estorno: Aluguel pago em duplicidade', '**.222.333/0001-**', '***.982.247-**']) {
    assert.ok(text.includes(expected), `${expected} missing from:\n${text}`);
  }
  assert.ok(!text.includes('Comprovante de transferência'), text);
  // The payer's statement line of the chargeback has its receipt too, labelled as one.
  const line = await receipt(`/api/v1/accounts/${ids.payer.id}/receipts/${back.body.ledger_transfer_id}`);
  assert.ok(line.text.includes('Estorno') && line.text.includes('Crédito'), line.text);
});

test('TRX-04 only money that moved has a receipt (409), and only in its tenant and on its accounts (404)', async () => {
  const { payer, payee, transfer } = ids;
  // A transfer refused for lack of balance is failed: no receipt.
  const failed = await manager.post('/api/v1/transfers', { from_account_id: payee.id, to_account_id: payer.id,
    amount: 99999999, description: 'sem saldo' });
  assert.equal(failed.body.status, 'failed', JSON.stringify(failed.body));
  let res = await manager.get(`/api/v1/transfers/${failed.body.id}/receipt`);
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  assert.match(res.body.detail, /completed/);
  // A scheduled one has not run yet.
  const later = new Date(Date.now() + 20 * 86400 * 1000).toISOString().slice(0, 10);
  const scheduled = await manager.post('/api/v1/transfers', { from_account_id: payer.id, to_account_id: payee.id,
    amount: 100, scheduled_for: later });
  assert.equal(scheduled.body.status, 'scheduled', JSON.stringify(scheduled.body));
  assert.equal((await manager.get(`/api/v1/transfers/${scheduled.body.id}/receipt`)).status, 409);
  // A pending ledger hold on the account is on its statement but moved nothing yet.
  const hold = await manager.post('/api/v1/ledger/transfers', { transfers: [{ client_id: 'hold-1',
    debit_account_id: payer.id, credit_account_id: payee.id, amount: 100, code: 'p2p', flags: ['pending'], timeout_s: 3600 }] });
  assert.equal(hold.body.results[0].transfer.state, 'pending', JSON.stringify(hold.body));
  res = await manager.get(`/api/v1/accounts/${payer.id}/receipts/${hold.body.results[0].transfer.id}`);
  assert.equal(res.status, 409, JSON.stringify(res.body));

  // The deposit into the payer's account is not on the payee's statement.
  assert.equal((await manager.get(`/api/v1/accounts/${payee.id}/receipts/${ids.deposit.id}`)).status, 404);
  assert.equal((await manager.get(`/api/v1/accounts/${payer.id}/receipts/999999`)).status, 404);
  assert.equal((await manager.get('/api/v1/transfers/não-é-id/receipt')).status, 404);
  assert.equal((await manager.get('/api/v1/transfers/999999/receipt')).status, 404);
  // Another tenant sees none of it.
  assert.equal((await other.get(`/api/v1/transfers/${transfer.id}/receipt`)).status, 404);
  assert.equal((await other.get(`/api/v1/accounts/${payer.id}/receipts/${ids.deposit.id}`)).status, 404);
  assert.equal((await other.get(`/api/v1/accounts/${payee.id}/receipts/${transfer.ledger_transfer_id}`)).status, 404);
});
