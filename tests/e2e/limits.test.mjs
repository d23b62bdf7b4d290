// covers TRX-05 ACC-14 — the "Limites" screen in real Chromium against `retaguarda serve`:
//   1. edit the base Pix limits in the dialog (empty = no limit); the table and the API agree;
//   2. create a cash-out level;
//   3. a real account's limits in its page's "Limites" tab: its own daily Pix value beats the
//      base, shown with its origin; the cash-out level is assigned; the override removed brings
//      the base back; "Limites da conta" finds the account by its number; the screen in English.
// Screenshots go to tests/e2e/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAccount, newCustomer } from '../support/banking.mjs';
import { cells, consoleSuite, managerApi, norm, pickAccount, shot, signInContext, TIMEOUT, toast, watchProblems } from './support.mjs';

const suite = consoleSuite();


test('edit a base limit, create a cash-out level, override an account value', async () => {
  const api = await managerApi(suite.server.base, suite.tenant.manager);
  const context = await suite.browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const watch = watchProblems(page);
  try {
    await signInContext(context, suite.server.base, suite.tenant.manager);
    await page.goto(`${suite.server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });

    // 1. Base limits: every type listed without limits; set Pix.
    await nav.getByRole('link', { name: 'Limites', exact: true }).click();
    await page.waitForURL(/\/limits$/);
    await page.getByTestId('limits-page').waitFor();
    const pixRow = page.getByTestId('base-limit-row-pix');
    await pixRow.waitFor();
    assert.match(await cells(pixRow), /^Pix Sem limite Sem limite Sem limite Sem limite/);
    await page.getByTestId('base-limit-edit-pix').click();
    await page.getByTestId('base-limit-day_per_transaction').fill('5000');
    await page.getByTestId('base-limit-day_per_day').fill('20000');
    await page.getByTestId('base-limit-night_per_transaction').fill('1000');
    await page.getByTestId('base-limit-night_per_day').fill('1000');
    await shot(page, 'limits-edit-base');
    await page.getByTestId('base-limit-save').click();
    await toast(page, 'Limites salvos');
    await pixRow.filter({ hasText: 'R$ 20.000,00' }).waitFor();
    assert.equal(await cells(pixRow), 'Pix R$ 5.000,00 R$ 20.000,00 R$ 1.000,00 R$ 1.000,00 Editar');
    const base = (await api('GET', '/api/v1/limits')).body.items.find((i) => i.transaction_type === 'pix');
    assert.deepEqual([base.day_per_transaction, base.day_per_day, base.night_per_transaction, base.night_per_day],
      [500000, 2000000, 100000, 100000]);
    // A per-transaction value above the daily total is refused next to its field.
    await page.getByTestId('base-limit-edit-pix').click();
    await page.getByTestId('base-limit-day_per_transaction').fill('30000');
    await page.getByTestId('base-limit-save').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.keyboard.press('Escape');

    // 2. A cash-out level.
    await page.getByTestId('level-new').click();
    await page.getByTestId('level-number').fill('1');
    await page.getByTestId('level-name').fill('Básico');
    await page.getByTestId('level-day_per_transaction').fill('500');
    await page.getByTestId('level-save').click();
    await toast(page, 'Nível criado');
    await page.getByTestId('level-row-1').filter({ hasText: 'Básico' }).waitFor();
    await shot(page, 'limits-page');

    // 3. An account's limits in the account page's "Limites" tab: its own daily Pix value, then
    // its cash-out level.
    const client = { post: (path, body) => api('POST', path, body) };
    const opened = await newAccount(client, (await newCustomer(client, '52998224725', 'Ana Beatriz Lima')).id);
    const account = opened.id;
    await page.goto(`${suite.server.base}/accounts/${account}`);
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Limites' }).click();
    const card = page.getByTestId('account-limits');
    const accountPix = card.getByTestId('account-limit-row-pix');
    await accountPix.waitFor();
    assert.equal(await accountPix.getByTestId('origin-base').count(), 4);
    await card.getByTestId('override-edit-pix').click();
    await page.getByTestId('override-day_per_day').fill('50000');
    await page.getByTestId('override-save').click();
    await toast(page, 'Limites salvos');
    await accountPix.getByTestId('origin-account').waitFor();
    assert.match(await cells(accountPix), /R\$ 50\.000,00 Conta/);
    assert.equal(await accountPix.getByTestId('origin-base').count(), 3, 'the other values stay the base');
    await card.getByTestId('account-cash-out-level').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '1 · Básico' }).click();
    await toast(page, 'Nível de saque alterado');
    await card.getByTestId('account-limit-row-cash_out').getByTestId('origin-cash_out_level').waitFor();
    await shot(page, 'limits-account');
    await card.getByTestId('override-delete-pix').click();
    await page.getByTestId('override-delete-confirm').click();
    await toast(page, 'Valores da conta removidos');
    await accountPix.getByTestId('origin-account').waitFor({ state: 'detached' });
    const view = (await api('GET', `/api/v1/limits/accounts/${account}`)).body;
    assert.equal(view.overrides.length, 0);
    assert.equal(view.cash_out_level.name, 'Básico');

    // "Limites da conta" finds the same account by its number.
    await page.goto(`${suite.server.base}/limits/accounts`);
    await pickAccount(page, 'account-limits-picker', opened.number);
    await page.waitForURL(new RegExp(`/limits/accounts/${account}$`));
    await card.getByTestId('account-limit-row-cash_out').getByTestId('origin-cash_out_level').waitFor();
    assert.match(norm(await page.getByTestId('account-limits-page').textContent()), new RegExp(`${opened.number}-${opened.check_digit}`));

    // In English.
    await page.evaluate(() => localStorage.setItem('retaguarda.lang', 'en-US'));
    await page.goto(`${suite.server.base}/limits`);
    await page.getByTestId('base-limits').getByText('Base limits').waitFor();
    assert.match(await cells(page.getByTestId('base-limit-row-pix')), /No limit|R\$/);
    assert.deepEqual(watch.problems, [], 'no page errors or unexpected console errors');
  } finally {
    await context.close();
  }
});
