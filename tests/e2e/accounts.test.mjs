// covers ACC-03 ACC-05 ACC-06 ACC-07 ACC-08 ACC-12 TRX-02 — "Contas" and "Transferências" in real
// Chromium against `retaguarda serve`:
//   1. a customer created through the API gets an account through its "Contas" tab;
//   2. "Depósito de teste" from the actions menu credits it (cards and statement);
//   3. a P2P transfer to another customer's account, seen in both statements with the running
//      balance, credits and debits signed;
//   4. "Suspender" and "Remover suspensão" through the actions menu, with a reason;
//   5. "Cancelar conta" refused while the account holds money, with the API's message;
//   6. a sub-account opened and listed;
//   7. "Transferências": a transfer scheduled a week ahead and cancelled in its drawer; the list
//      filters by status.
// And in English, the rest of the menu on one holder's two accounts: a transfer that fails for
// lack of balance and is processed again after a deposit, night-limit start, the plan chosen by
// name, status sync, resync report, a sub-account redeemed, the residual balance moved to the
// holder's other account and the account cancelled for good.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../support/server.mjs';
import { accountAction, bootstrapTenant, choose, launchBrowser, managerApi, newPage, norm, pickAccount, shot, signInContext, toast } from './support.mjs';

let server;
let browser;
let tenant;

before(async () => {
  server = await startServer();
  tenant = await bootstrapTenant(server);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const text = async (locator) => norm(await locator.textContent());

const address = { cep: '01310-100', street: 'Avenida Paulista', number: '1578', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' };
const person = (document, name, email) => ({
  kind: 'pf', document, name, birth_date: '1988-03-14', mother_name: 'Marta Souza', occupation: 'Engenheira',
  email, phone: '(11) 98123-4567', monthly_income_cents: 1250000, address,
});

test('an account: deposit, P2P transfer, statements, suspension, cancel refused, scheduled transfer cancelled', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const ana = await api('POST', '/api/v1/customers', person('52998224725', 'Ana Beatriz Lima', 'ana.lima@exemplo.com.br'));
  assert.equal(ana.status, 201, JSON.stringify(ana.body));
  const bruno = await api('POST', '/api/v1/customers', person('11144477735', 'Bruno Carvalho Dias', 'bruno.dias@exemplo.com.br'));
  assert.equal(bruno.status, 201, JSON.stringify(bruno.body));
  const brunoAccount = await api('POST', '/api/v1/accounts', { customer_id: bruno.body.id });
  assert.equal(brunoAccount.status, 201, JSON.stringify(brunoAccount.body));
  const brunoNumber = `${brunoAccount.body.number}-${brunoAccount.body.check_digit}`;

  const { context, page, problems } = await newPage(browser);
  try {
    await signInContext(context, server.base, tenant.manager);

    // 1. The customer's "Contas" tab opens an account and leads to it.
    await page.goto(`${server.base}/customers/${ana.body.id}`);
    await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Contas' }).click();
    await page.getByTestId('customer-accounts').waitFor();
    await page.getByTestId('account-open').click();
    await page.getByTestId('account-open-description').fill('Conta principal da Ana');
    await page.getByTestId('account-open-ok').click();
    await page.waitForURL(/\/accounts\/\d+$/);
    const accountId = page.url().split('/').pop();
    await page.getByTestId('account-detail').waitFor();
    assert.equal(await text(page.getByTestId('account-status').first()), 'Ativa');
    assert.equal(await text(page.getByTestId('account-holder')), 'Ana Beatriz Lima');
    const account = (await api('GET', `/api/v1/accounts/${accountId}`)).body;
    const number = `${account.number}-${account.check_digit}`;
    assert.match(await text(page.getByTestId('page-title')), new RegExp(`${account.branch} / ${number}`));

    // 2. A sandbox deposit from the actions menu.
    await accountAction(page, 'deposit');
    await page.getByTestId('deposit-amount').fill('1500,00');
    await page.getByTestId('deposit-description').fill('Aporte inicial');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Depósito creditado.');
    await page.getByTestId('account-balance').filter({ hasText: '1.500,00' }).waitFor();
    await page.getByTestId('statement-row-deposit').waitFor();
    assert.match(await text(page.getByTestId('statement-row-deposit')), /Depósito.*Aporte inicial.*\+R\$ 1\.500,00.*R\$ 1\.500,00/);

    // 3. A P2P transfer to Bruno's account from the account's "Transferências" tab.
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Transferências' }).click();
    await page.getByTestId('account-transfer-new').click();
    await pickAccount(page, 'transfer-to', brunoNumber);
    await page.getByTestId('transfer-amount-input').fill('250,00');
    await page.getByTestId('transfer-description').fill('Aluguel de dezembro');
    await shot(page, 'accounts-transfer-form');
    await page.getByTestId('transfer-form-submit').click();
    await page.getByTestId('transfer-result').waitFor();
    assert.match(await text(page.getByTestId('transfer-result')), /Transferência concluída/);
    await page.getByTestId('transfer-result-close').click();
    await page.getByTestId('transfer-row-completed').waitFor();
    assert.match(await text(page.getByTestId('transfer-row-completed')), /-R\$ 250,00.*Concluída/);
    await page.getByTestId('account-balance').filter({ hasText: '1.250,00' }).waitFor();
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Extrato' }).click();
    await page.getByTestId('statement-row-p2p').waitFor();
    assert.match(await text(page.getByTestId('statement-row-p2p')), /Transferência P2P.*-R\$ 250,00.*R\$ 1\.250,00/);
    await shot(page, 'accounts-statement');
    // The statement's type filter keeps the deposit only.
    await choose(page, 'statement-code', 'Depósito');
    await page.getByTestId('statement-row-p2p').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('statement-row-deposit').count(), 1);
    assert.match(page.url(), /code=deposit/);
    // The export carries the statement's filters: the deposit only.
    await page.getByTestId('statement-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-export-csv').click()]);
    assert.match(download.suggestedFilename(), /^statement_.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.includes('Aporte inicial'), csv);
    assert.ok(!csv.includes('Aluguel de dezembro'), csv);

    // Bruno's statement shows the credit.
    await page.goto(`${server.base}/accounts/${brunoAccount.body.id}`);
    await page.getByTestId('statement-row-p2p').waitFor();
    assert.match(await text(page.getByTestId('statement-row-p2p')), /Aluguel de dezembro.*\+R\$ 250,00.*R\$ 250,00/);
    await page.getByTestId('account-balance').filter({ hasText: '250,00' }).waitFor();

    // 4. Suspend and reactivate through the actions menu; the reason is required.
    await page.goto(`${server.base}/accounts/${accountId}`);
    await page.getByTestId('account-detail').waitFor();
    await accountAction(page, 'suspend');
    await page.getByTestId('account-action-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Informe o motivo.' }).waitFor();
    await page.getByTestId('action-reason').fill('Suspeita de fraude em análise');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Conta suspensa.');
    await page.getByTestId('account-status').filter({ hasText: 'Suspensa' }).first().waitFor();
    assert.match(await text(page.getByTestId('account-status-banner')), /Suspeita de fraude em análise/);
    await shot(page, 'accounts-suspended');
    // A transfer from the suspended account (through the API) fails; its reason is shown in pt-BR.
    const refused = await api('POST', '/api/v1/transfers', { from_account_id: accountId, to_account_id: brunoAccount.body.id, amount: 100 });
    assert.equal(refused.body.status, 'failed', JSON.stringify(refused.body));
    await page.getByTestId('account-actions').click();
    assert.equal(await page.getByTestId('account-action-suspend').count(), 0, 'no "Suspender" on a suspended account');
    await page.getByTestId('account-action-reactivate').click();
    await page.getByTestId('action-reason').fill('Análise concluída');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Suspensão removida.');
    await page.getByTestId('account-status').filter({ hasText: 'Ativa' }).first().waitFor();

    // 5. Cancel is refused while the account holds money; the API's reason is shown.
    await accountAction(page, 'cancel');
    assert.match(await text(page.getByTestId('account-action-dialog')), /saldo zero/);
    await page.getByTestId('action-reason').fill('Pedido do cliente');
    await page.getByTestId('cancel-confirm').fill('000');
    await page.getByTestId('account-action-ok').click();
    await page.locator('.ant-form-item-explain-error', { hasText: `Digite ${number} para confirmar.` }).waitFor();
    await page.getByTestId('cancel-confirm').fill(number);
    await page.getByTestId('account-action-ok').click();
    await page.getByTestId('account-action-error').waitFor();
    assert.match(await text(page.getByTestId('account-action-error')), /A conta ainda tem saldo: transfira o saldo residual antes de cancelar\./);
    await shot(page, 'accounts-cancel-refused');
    await page.keyboard.press('Escape');
    assert.equal((await api('GET', `/api/v1/accounts/${accountId}`)).body.status, 'active');

    // The authoritative balance.
    await accountAction(page, 'balance');
    await page.getByTestId('balance-result').waitFor();
    assert.match(await text(page.getByTestId('balance-value')), /R\$ 1\.250,00/);
    assert.match(await text(page.getByTestId('balance-result')), /Confere com as transações\s*Sim/);
    await page.getByTestId('account-action-close').click();

    // 6. A wallet sub-account.
    await page.getByTestId('account-tabs').getByRole('tab', { name: /Subcontas/ }).click();
    await page.getByTestId('sub-new').click();
    await choose(page, 'sub-kind', 'Carteira');
    await page.getByTestId('sub-description').fill('Reserva');
    await page.getByTestId('sub-dialog-ok').click();
    await toast(page, 'Subconta aberta.');
    await page.getByTestId('sub-row-wallet').waitFor();
    assert.match(await text(page.getByTestId('sub-row-wallet')), /Carteira.*Reserva.*Ativa.*R\$ 0,00/);

    // 7. "Transferências": a transfer scheduled a week ahead, then cancelled in its drawer.
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    await nav.getByRole('link', { name: 'Transferências', exact: true }).click();
    await page.getByTestId('transfers-page').waitFor();
    await page.getByTestId('transfer-new').click();
    await pickAccount(page, 'transfer-from', number);
    await pickAccount(page, 'transfer-to', brunoNumber);
    await page.getByTestId('transfer-amount-input').fill('10,00');
    const ahead = new Date(Date.now() + 7 * 86_400_000);
    const day = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(ahead);
    await page.getByTestId('transfer-schedule').click();
    await page.keyboard.type(day);
    await page.keyboard.press('Enter');
    await page.getByTestId('transfer-form-submit').click();
    await page.getByTestId('transfer-result').waitFor();
    assert.match(await text(page.getByTestId('transfer-result')), /Transferência agendada.*R\$ 10,00 serão transferidos em \d\d\/\d\d\/\d{4}/);
    await shot(page, 'transfers-scheduled');
    await page.getByTestId('transfer-result-open').click();
    await page.getByTestId('transfer-drawer').waitFor();
    await page.getByTestId('transfer-cancel').click();
    await page.getByTestId('transfer-cancel-confirm').click();
    await toast(page, 'Transferência cancelada.');
    await page.getByTestId('transfer-drawer').getByTestId('transfer-status').filter({ hasText: 'Cancelada' }).waitFor();
    await shot(page, 'transfers-drawer-cancelled');
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('transfer-drawer').waitFor({ state: 'detached' });
    await page.getByTestId('transfer-row-cancelled').waitFor();
    assert.match(await text(page.getByTestId('transfer-row-failed')), /R\$ 1,00.*Falhou.*Conta de origem: A conta está suspensa\./);
    await choose(page, 'transfers-status', 'Cancelada');
    await page.getByTestId('transfer-row-completed').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('transfer-row-cancelled').count(), 1);
    await shot(page, 'transfers-list');
    const transfers = (await api('GET', `/api/v1/transfers?account_id=${accountId}`)).body.items;
    assert.deepEqual(transfers.map((t) => t.status).sort(), ['cancelled', 'completed', 'failed']);

    // The accounts list finds the account by its number.
    await nav.getByRole('link', { name: 'Contas', exact: true }).click();
    await page.getByTestId('accounts-page').waitFor();
    await page.getByTestId('accounts-number').locator('input').fill(number);
    await page.getByTestId('accounts-number').locator('input').press('Enter');
    await page.getByTestId(`account-row-${account.number}`).waitFor();
    await page.getByTestId(`account-row-${brunoAccount.body.number}`).waitFor({ state: 'detached' });
    assert.match(await text(page.getByTestId(`account-row-${account.number}`)), /Ana Beatriz Lima.*Principal.*Ativa.*R\$ 1\.250,00/);
    // The column chooser adds "Bloqueado", remembered for the next visit.
    await page.getByTestId('column-chooser').click();
    await page.getByTestId('column-chooser-options').getByText('Bloqueado', { exact: true }).click();
    await page.getByTestId('accounts-table').getByRole('columnheader', { name: 'Bloqueado' }).waitFor();
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByTestId('accounts-table').getByRole('columnheader', { name: 'Bloqueado' }).waitFor();
    await shot(page, 'accounts-list');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('in English: failed transfer processed again, night start, sync, resync, redeem, residual and cancel', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const carla = await api('POST', '/api/v1/customers', person('39053344705', 'Carla Nogueira Prado', 'carla.prado@exemplo.com.br'));
  assert.equal(carla.status, 201, JSON.stringify(carla.body));
  const main = (await api('POST', '/api/v1/accounts', { customer_id: carla.body.id })).body;
  const other = (await api('POST', '/api/v1/accounts', { customer_id: carla.body.id, description: 'Segunda conta' })).body;
  const wallet = await api('POST', `/api/v1/accounts/${main.id}/sub-accounts`, { kind: 'wallet', description: 'Cofrinho' });
  assert.equal(wallet.status, 201, JSON.stringify(wallet.body));
  assert.equal((await api('POST', `/api/v1/accounts/${main.id}/deposits`, { amount: 10_000, description: 'Aporte' })).status, 201);
  assert.equal((await api('POST', `/api/v1/accounts/${wallet.body.id}/deposits`, { amount: 2_500, description: 'Aporte' })).status, 201);
  const number = `${main.number}-${main.check_digit}`;
  const otherNumber = `${other.number}-${other.check_digit}`;

  const { context, page, problems } = await newPage(browser, { locale: 'en-US' });
  await context.addInitScript(() => window.localStorage.setItem('retaguarda.lang', 'en-US'));
  try {
    await signInContext(context, server.base, tenant.manager);
    await page.goto(`${server.base}/accounts/${main.id}`);
    await page.getByTestId('account-detail').waitFor();
    assert.equal(await text(page.getByTestId('account-status').first()), 'Active');
    await page.getByTestId('account-balance').filter({ hasText: '100,00' }).waitFor();

    // A transfer larger than the balance fails with the reason; after a deposit it goes through.
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Transfers' }).click();
    await page.getByTestId('account-transfer-new').click();
    await pickAccount(page, 'transfer-to', otherNumber);
    await page.getByTestId('transfer-amount-input').fill('300.00');
    await page.getByTestId('transfer-form-submit').click();
    await page.getByTestId('transfer-result').waitFor();
    assert.match(await text(page.getByTestId('transfer-result')), /Transfer not made.*Insufficient balance\./);
    await page.getByTestId('transfer-result-open').click();
    await page.getByTestId('transfer-drawer').waitFor();
    assert.equal(await text(page.getByTestId('transfer-failure')), 'Insufficient balance.');
    assert.equal((await api('POST', `/api/v1/accounts/${main.id}/deposits`, { amount: 30_000, description: 'Reforço' })).status, 201);
    await page.getByTestId('transfer-process').click();
    await page.getByTestId('transfer-process-confirm').click();
    await toast(page, 'Transfer completed.');
    await page.getByTestId('transfer-drawer').getByTestId('transfer-status').filter({ hasText: 'Completed' }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('account-balance').filter({ hasText: '100,00' }).waitFor();

    // Night-limit start: 21:00 (from 18:00 to 22:00).
    await accountAction(page, 'nightStart');
    await page.getByTestId('night-start-input').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('21:00');
    await page.keyboard.press('Tab');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Night limit start changed.');
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Details' }).click();
    assert.equal(await text(page.getByTestId('account-night-start')), '21:00');

    // "Change plan" chooses among the active plans by name: the default one tagged, each with
    // its overdraft; the inactive one is not offered. The details then name the plan, linked.
    const essencial = (await api('POST', '/api/v1/plans', { name: 'Essencial' })).body;
    assert.equal(essencial.is_default, true, 'the first plan is the default');
    assert.equal((await api('POST', '/api/v1/plans', { name: 'Empresarial', overdraft_limit: 100_000 })).status, 201);
    assert.equal((await api('POST', '/api/v1/plans', { name: 'Antigo', active: false })).status, 201);
    await accountAction(page, 'plan');
    await page.getByTestId('plan-input').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    assert.deepEqual((await options.allInnerTexts()).map(norm), ['Essencial Default No overdraft', 'Empresarial R$ 1.000,00 overdraft']);
    await options.filter({ hasText: 'Essencial' }).click();
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Plan changed.');
    await page.getByTestId('account-plan').getByRole('link', { name: 'Essencial' }).waitFor();
    assert.equal(await page.getByTestId('plan-link').getAttribute('href'), `/plans/${essencial.id}`);

    // Status sync, and a resync that finds nothing to repair.
    await accountAction(page, 'syncStatus');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Status synced.');
    await accountAction(page, 'resync');
    await page.getByTestId('account-action-ok').click();
    await page.getByTestId('resync-result').waitFor();
    assert.match(await text(page.getByTestId('resync-result')), /Balance and transactions agree: nothing to repair\..*Balance\s*R\$ 100,00 → R\$ 100,00/);
    await shot(page, 'accounts-resync');
    await page.getByTestId('account-action-close').click();

    // The wallet's balance back into the main account.
    await page.getByTestId('account-tabs').getByRole('tab', { name: /Sub-accounts/ }).click();
    await page.getByTestId('sub-row-wallet').getByTestId('sub-redeem').click();
    await page.getByTestId('sub-dialog-ok').click();
    await toast(page, 'R$ 25,00 redeemed into the main account.');
    await page.getByTestId('account-balance').filter({ hasText: '125,00' }).waitFor();
    // The sub-account's own page opens on its statement, with the redemption out.
    await page.getByTestId('sub-row-wallet').getByTestId('account-number').click();
    await page.waitForURL(new RegExp(`/accounts/${wallet.body.id}$`));
    await page.getByTestId('statement-row-redeem').waitFor();
    assert.match(await text(page.getByTestId('statement-row-redeem')), /Sub-account redemption.*-R\$ 25,00.*R\$ 0,00/);
    assert.equal(await page.getByTestId('account-tabs').getByRole('tab', { name: /Sub-accounts/ }).count(), 0, 'a sub-account has no sub-accounts tab');
    await page.goBack();
    await page.getByTestId('account-balance').filter({ hasText: '125,00' }).waitFor();

    // The residual balance goes to the holder's other account; then the cancel is accepted.
    await accountAction(page, 'residual');
    await pickAccount(page, 'residual-target', otherNumber);
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Residual balance moved.');
    await page.getByTestId('account-balance').filter({ hasText: 'R$ 0,00' }).waitFor();
    await accountAction(page, 'cancel');
    await page.getByTestId('action-reason').fill('Customer asked to close');
    await page.getByTestId('cancel-confirm').fill(number);
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Account cancelled.');
    await page.getByTestId('account-status').filter({ hasText: 'Cancelled' }).first().waitFor();
    assert.match(await text(page.getByTestId('account-status-banner')), /Account cancelled: Customer asked to close/);
    await page.getByTestId('account-actions').click();
    for (const gone of ['suspend', 'cancel', 'deposit', 'residual']) {
      assert.equal(await page.getByTestId(`account-action-${gone}`).count(), 0, `no "${gone}" on a cancelled account`);
    }
    await page.keyboard.press('Escape');
    await shot(page, 'accounts-cancelled');

    const after = (await api('GET', `/api/v1/accounts/${main.id}`)).body;
    assert.equal(after.status, 'cancelled');
    assert.equal(after.night_start, '21:00');
    assert.equal(after.sub_accounts[0].status, 'cancelled');
    assert.equal((await api('GET', `/api/v1/accounts/${other.id}`)).body.balance, 42_500, "the failed-then-processed R$ 300,00 and the residual R$ 125,00");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
