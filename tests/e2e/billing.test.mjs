// covers TRX-06 TRX-02 TRX-04 — revenue, billing and chargebacks in real Chromium against
// `retaguarda serve` with the demo tenant (`retaguarda demo`), the API reading back:
//   1. "Central de Receitas": this month's revenue by tariff and by operation — the demo's P2P
//      tariffs and monthly fees — with the totals row and the collected and pending cards; the
//      pending card leads to "Central de Cobranças";
//   2. "Central de Cobranças": the pending charges (the demo's monthly fee that found no balance,
//      and a P2P tariff left pending by a transfer of all an account had); "Cobrar agora" refused
//      naming the balance and, after a deposit, collecting; "Isentar" with a reason;
//   3. "Estornar" in a transfer's drawer: a partial chargeback, tagged "Estorno" and linked both
//      ways, the original "Estornada parcialmente"; the chargeback's receipt.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { newAccount, newCustomer } from '../support/banking.mjs';
import { cli, startServer } from '../support/server.mjs';
import { choose, launchBrowser, managerApi, newPage, norm, shot, signInContext, toast } from './support.mjs';

let server;
let browser;
const manager = { email: 'gestora@bancoaurora.com.br', password: 'Retaguarda#2026' };

before(async () => {
  // No background jobs: the minute's collection job would race the operator's "Cobrar agora".
  server = await startServer({ prepare: (db) => cli(db, 'demo'), args: ['--no-jobs'] });
  browser = await launchBrowser();
  // The demo's important message would open over every page until read: read it.
  const api = await managerApi(server.base, manager);
  for (const m of (await api('GET', '/api/v1/messages')).body.items) await api('GET', `/api/v1/messages/${m.id}`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (locator) => norm(await locator.textContent());
/** A table row's cells, one space apart. */
const cells = async (row) => norm((await row.locator('td').allInnerTexts()).join(' '));
const brl = (centavos) => norm(new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(centavos / 100));
/** Today in São Paulo, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());

test('revenue centre and billing centre on the demo data', async () => {
  const api = await managerApi(server.base, manager);
  const to = today();
  const from = `${to.slice(0, 8)}01`;
  const byTariff = (await api('GET', `/api/v1/revenue?group_by=tariff&from=${from}&to=${to}`)).body;
  const byOperation = (await api('GET', `/api/v1/revenue?group_by=operation&from=${from}&to=${to}`)).body;
  const operations = Object.fromEntries(byOperation.items.map((i) => [i.key, i]));
  assert.ok(operations.p2p?.amount > 0 && operations.monthly_fee?.amount > 0, JSON.stringify(byOperation));
  const [first] = (await api('GET', '/api/v1/tariff-charges?status=pending')).body.items;
  assert.equal(first?.operation, 'monthly_fee', 'the demo leaves a monthly fee waiting');
  assert.equal(first.amount, byOperation.pending.amount);
  const { context, page, problems, httpErrors } = await newPage(browser);
  try {
    await signInContext(context, server.base, manager);
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });

    // 1. Revenue: this month, by tariff, then by operation.
    await nav.getByRole('link', { name: 'Central de Receitas', exact: true }).click();
    await page.waitForURL(/\/revenue$/);
    await page.getByTestId('revenue-totals').waitFor();
    for (const line of byTariff.items) {
      const shown = await cells(page.getByTestId(`revenue-row-${line.key}`));
      assert.ok(shown.endsWith(`${line.count} ${brl(line.amount)}`), `${shown} ~ ${JSON.stringify(line)}`);
    }
    assert.equal(await cells(page.getByTestId('revenue-totals')), `Total ${byTariff.total.count} ${brl(byTariff.total.amount)}`);
    await page.getByTestId('revenue-group-operation').click();
    await page.waitForURL(/group_by=operation/);
    await page.getByTestId('revenue-row-monthly_fee').waitFor();
    for (const key of ['p2p', 'monthly_fee']) {
      const shown = await cells(page.getByTestId(`revenue-row-${key}`));
      assert.ok(shown.endsWith(`${operations[key].count} ${brl(operations[key].amount)}`), shown);
      assert.ok(!shown.startsWith(key), `the operation named, not its code: ${shown}`);
    }
    assert.equal(await cells(page.getByTestId('revenue-totals')), `Total ${byOperation.total.count} ${brl(byOperation.total.amount)}`);
    assert.ok((await text(page.getByTestId('revenue-total'))).includes(brl(byOperation.total.amount)));
    assert.ok((await text(page.getByTestId('revenue-pending'))).includes(brl(byOperation.pending.amount)));
    await shot(page, 'revenue-by-operation');

    // 2. A P2P tariff left pending: an account on the business plan (R$ 1,00 a P2P transfer after
    // 5 free a month) sends all it has, overdraft included, after its 5 free transfers.
    const client = { post: (path, body) => api('POST', path, body) };
    const business = (await api('GET', '/api/v1/plans?q=Empresarial')).body.items[0];
    const payer = await newAccount(client, (await newCustomer(client, '52998224725', 'Rafael Henrique Moreira')).id, { plan_id: business.id });
    const payee = await newAccount(client, (await newCustomer(client, '11144477735', 'Camila Araújo Monteiro')).id);
    for (let i = 0; i < 5; i++) {
      assert.equal((await api('POST', '/api/v1/transfers', { from_account_id: payer.id, to_account_id: payee.id, amount: 100 })).body.status, 'completed');
    }
    const all = (await api('GET', `/api/v1/accounts/${payer.id}`)).body.available;
    const spent = (await api('POST', '/api/v1/transfers', { from_account_id: payer.id, to_account_id: payee.id, amount: all, description: 'Tudo' })).body;
    assert.equal(spent.status, 'completed', JSON.stringify(spent));
    const [second] = (await api('GET', `/api/v1/tariff-charges?status=pending&account_id=${payer.id}`)).body.items;
    assert.deepEqual([second?.operation, second?.source_id], ['p2p', spent.id]);

    // The pending card leads to the billing centre's pending charges.
    await page.getByTestId('revenue-pending-link').click();
    await page.waitForURL(/\/billing$/);
    const row = (c) => page.getByTestId(`charge-${c.id}`);
    await row(first).waitFor();
    await row(second).waitFor();
    assert.equal(await page.getByTestId('billing-table').locator('tbody tr.ant-table-row').count(), 2);
    assert.match(await cells(row(first)), new RegExp(`Mensalidade ${first.source_id.slice(5, 7)}/${first.source_id.slice(0, 4)}`));
    assert.ok((await cells(row(first))).includes(brl(first.amount)));
    assert.match(await cells(row(second)), /Rafael Henrique Moreira.*R\$ 1,00 Transferência/);
    assert.equal(await row(second).getByTestId('charge-transfer').getAttribute('href'), `/transfers?transfer=${spent.id}`);
    await shot(page, 'billing-pending');

    // "Cobrar agora" without balance: refused, the attempt counted.
    await row(first).getByTestId('charge-collect').click();
    await page.getByTestId('charge-collect-confirm').click();
    await toast(page, 'O saldo disponível da conta ainda não cobre a cobrança.');
    const tried = (await api('GET', `/api/v1/tariff-charges/${first.id}`)).body;
    assert.deepEqual([tried.status, tried.attempts], ['pending', first.attempts + 1]);

    // After a deposit, "Cobrar agora" collects.
    assert.equal((await api('POST', `/api/v1/accounts/${first.account_id}/deposits`, { amount: first.amount, description: 'Aporte' })).status, 201);
    await row(first).getByTestId('charge-collect').click();
    await page.getByTestId('charge-collect-confirm').click();
    await toast(page, `Cobrança de ${brl(first.amount)} realizada.`);
    await row(first).waitFor({ state: 'detached' });
    assert.equal((await api('GET', `/api/v1/tariff-charges/${first.id}`)).body.status, 'collected');

    // "Isentar" with a reason.
    await row(second).getByTestId('charge-waive').click();
    await page.getByTestId('charge-waive-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Informe o motivo da isenção.' }).waitFor();
    await page.getByTestId('charge-waive-reason').fill('Cliente em renegociação');
    await page.getByTestId('charge-waive-ok').click();
    await toast(page, `Cobrança de ${brl(second.amount)} isentada.`);
    await row(second).waitFor({ state: 'detached' });
    const waived = (await api('GET', `/api/v1/tariff-charges/${second.id}`)).body;
    assert.deepEqual([waived.status, waived.waive_reason], ['waived', 'Cliente em renegociação']);

    // The waived one under "Isentada", with its reason.
    await choose(page, 'billing-status', 'Isentada');
    await row(second).filter({ hasText: 'Cliente em renegociação' }).waitFor();
    await shot(page, 'billing-waived');

    // In English.
    await page.getByTestId('language-en-US').click();
    await page.getByTestId('page-title').filter({ hasText: 'Billing center' }).waitFor();
    assert.match(await cells(row(second)), /R\$ 1,00 Transfer Waived Cliente em renegociação/);
    await page.getByTestId('language-pt-BR').click();
    assert.deepEqual(problems, []);
    assert.ok(httpErrors.every((e) => /409/.test(e)), httpErrors.join('\n'));
  } finally {
    await context.close();
  }
});

test('a partial chargeback from the transfer drawer, linked both ways, with its receipt', async () => {
  const api = await managerApi(server.base, manager);
  // A completed P2P transfer whose payee can give the money back.
  const completed = (await api('GET', '/api/v1/transfers?status=completed&page_size=200')).body.items.filter((t) => t.kind === 'p2p' && t.reversed_amount === 0);
  let original;
  for (const t of completed) {
    if ((await api('GET', `/api/v1/accounts/${t.to_account_id}`)).body.available >= t.amount) {
      original = t;
      break;
    }
  }
  assert.ok(original, 'the demo has a completed P2P transfer to charge back');
  const half = Math.floor(original.amount / 2);

  const { context, page, problems } = await newPage(browser);
  try {
    await signInContext(context, server.base, manager);
    await page.goto(`${server.base}/transfers?transfer=${original.id}`);
    const drawer = page.getByTestId('transfer-drawer');
    await drawer.waitFor();
    await page.getByTestId('transfer-chargeback').click();
    await page.getByTestId('chargeback-dialog').waitFor();
    // The amount starts at all that is left; the reason is required.
    assert.equal(await page.getByTestId('chargeback-amount').inputValue(), brl(original.amount).replace('R$ ', ''));
    await page.getByTestId('chargeback-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Informe o motivo do estorno.' }).waitFor();
    await page.getByTestId('chargeback-amount').fill(brl(half).replace('R$ ', ''));
    await page.getByTestId('chargeback-reason').fill('Cobrança em duplicidade');
    await shot(page, 'chargeback-dialog');
    await page.getByTestId('chargeback-ok').click();
    await toast(page, `Estorno de ${brl(half)} concluído.`);

    // The drawer shows the chargeback, which leads back to the original.
    await page.locator('.ant-drawer-title', { hasText: 'Estorno' }).waitFor();
    const chargebacks = (await api('GET', `/api/v1/transfers?account_id=${original.to_account_id}&page_size=200`)).body.items.filter((t) => t.reversal_of === original.id);
    assert.equal(chargebacks.length, 1);
    const chargeback = chargebacks[0];
    assert.deepEqual([chargeback.kind, chargeback.status, chargeback.amount, chargeback.from_account_id, chargeback.to_account_id],
      ['chargeback', 'completed', half, original.to_account_id, original.from_account_id]);
    assert.equal(await text(drawer.getByTestId('transfer-drawer-amount')), brl(half));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('transfer-receipt').click()]);
    const receipt = norm(execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }));
    assert.match(receipt, /estorno/i, receipt);
    assert.ok(receipt.includes(original.id) && receipt.includes(chargeback.id), receipt);
    await drawer.getByTestId('transfer-original-link').click();
    await page.waitForURL(new RegExp(`transfer=${original.id}`));
    await drawer.getByTestId('transfer-reversed').filter({ hasText: 'Estornada parcialmente' }).waitFor();
    assert.equal((await api('GET', `/api/v1/transfers/${original.id}`)).body.reversed_amount, half);
    await drawer.getByTestId('transfer-chargeback-link').waitFor();
    await shot(page, 'chargeback-original');
    // What is left can still be charged back.
    await page.getByTestId('transfer-chargeback').waitFor();
    await drawer.getByTestId('transfer-chargeback-link').click();
    await page.waitForURL(new RegExp(`transfer=${chargeback.id}`));
    await page.locator('.ant-drawer-close').click();

    // The list tags the chargeback and links it to the original.
    await page.getByTestId('transfer-chargeback-tag').first().waitFor();
    await page.getByTestId('transfers-table').getByTestId('transfer-reversed').first().waitFor();
    await shot(page, 'chargeback-list');

    // The payer's statement shows the money back as "Estorno".
    await page.goto(`${server.base}/accounts/${original.from_account_id}`);
    const back = page.getByTestId('statement-row-chargeback').filter({ hasText: 'Cobrança em duplicidade' });
    await back.waitFor();
    assert.match(await text(back), new RegExp(`Estorno.*Cobrança em duplicidade.*\\+${brl(half).replace(/[$.]/g, '\\$&')}`));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
