// covers: operators, first access, sign-in, sessions (identity console screens)
//
// Browser test of the identity screens against the real `retaguarda serve`, with a tenant and
// manager created by `retaguarda admin bootstrap`. The flow of seed 002:
//   1. the manager opens a protected page, is sent to the sign-in page and comes back after it;
//   2. creates an operator ("Novo usuário"; the commercial role asks for query limits);
//   3. reads the first-access e-mail in the console's mailbox and copies the code from it;
//   4. in a second browser, the new operator opens the e-mail's link, tries a password that
//      breaks the rules (and sees every rule message), sets a valid one, signs in, and sees the
//      console with only what the role allows;
//   5. the manager disables the operator; the operator's next navigation lands on sign-in, and
//      signing in again is refused;
//   6. the audit trail shows the change with its before/after documents.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, managerApi, signInContext, TIMEOUT, totpCode, watchProblems } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

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

async function newPage() {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return { context, page, ...watchProblems(page) };
}

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });

// antd renders Select options in a popup; pick one by its label.
async function choose(page, testId, label, { search = false } = {}) {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(label); // long lists are virtual: narrow them first
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

async function toast(page, text) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

async function signInWithForm(page, email, password) {
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** Waits until the live hint for `rule` shows `state` (ok / bad / todo). */
const ruleIs = (page, rule, state) => page.locator(`[data-testid="password-rule-${rule}"][data-state="${state}"]`).waitFor();

/** The password messages shown under a form field (antd's explain list). */
async function fieldErrors(page, inputTestId) {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(inputTestId) });
  await item.locator('.ant-form-item-explain-error').first().waitFor();
  return (await item.locator('.ant-form-item-explain-error').allTextContents()).map(norm);
}

test('manager creates an operator who does first access with the e-mailed code; disabling ends the session', async () => {
  const { manager } = tenant;
  const operator = { name: 'Bruno Lima', email: `bruno-${tenant.tag}@banco-exemplo.com.br`, password: 'Zeta!Rio#48q' };
  const boss = await newPage();
  const other = await newPage();
  try {
    const { page } = boss;

    // 1. A protected page without a session goes to sign-in and remembers where it was going.
    await page.goto(`${server.base}/operators?status=active`);
    await page.waitForURL(/\/sign-in\?next=%2Foperators%3Fstatus%3Dactive$/);
    await page.getByTestId('sign-in-page').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Entrar');
    assert.match(await page.title(), /Entrar/);

    await signInWithForm(page, manager.email, 'senha-errada');
    await page.getByTestId('sign-in-error').waitFor();
    assert.match(norm(await page.getByTestId('sign-in-error').textContent()), /E-mail ou senha incorretos/);
    await shot(page, 'identity-sign-in-error');

    await signInWithForm(page, manager.email, manager.password);
    await page.waitForURL(/\/operators\?status=active$/);
    await page.getByTestId('operators-page').waitFor();
    assert.equal(norm(await page.getByTestId('user-name').textContent()), manager.name);
    // The filter from the URL is applied.
    assert.equal(norm(await page.getByTestId('filter-status').textContent()), 'Ativo');

    // A manager sees every identity screen in the menu.
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    for (const label of ['Usuários', 'Perfis e permissões', 'Chaves de API', 'Status do sistema', 'Caixa de e-mails', 'Trilha de auditoria']) {
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    }

    // 2. New operator. The commercial role asks for daily and monthly limits (daily ≤ monthly).
    await page.getByTestId('operator-new').click();
    await page.getByTestId('operator-form').waitFor();
    await page.getByTestId('operator-name').fill(operator.name);
    await page.getByTestId('operator-email').fill(operator.email);
    await page.getByTestId('operator-phone').fill('11912345678');
    assert.equal(await page.getByTestId('operator-phone').inputValue(), '(11) 91234-5678', 'phone mask');
    assert.equal(await page.getByTestId('operator-limits').count(), 0, 'no limits before a role is chosen');
    await choose(page, 'operator-role', 'Comercial do cliente');
    await page.getByTestId('operator-limits').waitFor();
    await page.getByTestId('operator-daily-limit').fill('500');
    await page.getByTestId('operator-monthly-limit').fill('100');
    await page.getByTestId('operator-form-submit').click();
    assert.deepEqual(await fieldErrors(page, 'operator-daily-limit'), ['O limite diário não pode ser maior que o mensal.']);
    await shot(page, 'identity-operator-form-commercial');
    await choose(page, 'operator-role', 'Usuário');
    await page.getByTestId('operator-limits').waitFor({ state: 'detached' });
    await page.getByTestId('operator-interface').getByText('Portal', { exact: true }).click();
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/operators') && r.request().method() === 'POST');
    await page.getByTestId('operator-form-submit').click();
    assert.equal((await created).status(), 201);
    await toast(page, `Enviamos o código de primeiro acesso para ${operator.email}`);

    const row = page.getByTestId(`operator-row-${operator.email}`);
    await row.waitFor();
    assert.match(norm(await row.textContent()), /Bruno Lima.*Usuário.*Portal.*\(11\) 91234-5678.*Não.*Ativo/);
    await shot(page, 'identity-operators');

    // 3. The first-access e-mail in the console's mailbox; the code is copied from it.
    await nav.getByRole('link', { name: 'Caixa de e-mails' }).click();
    await page.getByTestId('mailbox-page').waitFor();
    const mail = page.locator('tr', { has: page.getByTestId('mail-to').filter({ hasText: operator.email }) });
    assert.match(norm(await mail.textContent()), /Confirme seu e-mail.*Código de primeiro acesso.*Na caixa/);
    await mail.getByTestId('mail-link').click();
    await page.getByTestId('mail-message').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Confirme seu e-mail');
    // The HTML part, sandboxed: no scripts, no access to the console.
    const frame = page.getByTestId('mail-html');
    assert.equal(await frame.getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
    await page.frameLocator('[data-testid="mail-html"]').getByText('Seu código de confirmação:').waitFor();
    await shot(page, 'identity-mail-html');
    await page.getByRole('tab', { name: 'Texto' }).click();
    const body = await page.getByTestId('mail-text').textContent();
    const code = /Seu código de confirmação:\s+(\d{6})/.exec(body)?.[1];
    assert.ok(code, `a 6-digit code in the e-mail:\n${body}`);
    const link = /(http\S+\/first-access\?email=\S+)/.exec(body)?.[1];
    assert.ok(link, 'the e-mail links to the first-access page');
    await page.getByRole('tab', { name: 'Visualização' }).click();
    await page.frameLocator('[data-testid="mail-html"]').getByText(code, { exact: true }).waitFor();

    // 4. The operator, in another browser, follows the link.
    const op = other.page;
    await op.goto(link.replace(/^https?:\/\/[^/]+/, server.base));
    await op.getByTestId('first-access-page').waitFor();
    assert.equal(await op.getByTestId('first-access-email').inputValue(), operator.email);
    assert.match(norm(await op.getByTestId('password-policy').textContent()),
      /^A senha deve conter letras maiúsculas, minúsculas, caracteres especiais, números e possuir pelo menos 8 caracteres\./);
    await op.getByTestId('first-access-code').fill(code);
    // A password that breaks several rules: the live hints mark them, the server lists them all.
    const weak = `${operator.email.split('@')[0]}123`;
    await op.getByTestId('first-access-password').fill(weak);
    await ruleIs(op, 'upper', 'bad');
    await ruleIs(op, 'sequence', 'bad');
    await ruleIs(op, 'lower', 'ok');
    await ruleIs(op, 'special', 'ok');
    await ruleIs(op, 'personal', 'bad');
    await op.getByTestId('first-access-confirm').fill(weak);
    const refused = op.waitForResponse((r) => r.url().endsWith('/api/v1/auth/codes/confirm'));
    await op.getByTestId('first-access-submit').click();
    assert.equal((await refused).status(), 400);
    const messages = await fieldErrors(op, 'first-access-password');
    for (const m of [
      'A senha deve conter uma letra maiúscula.',
      'A senha não pode conter números seguidos, como 123 ou 987.',
      'A senha não pode conter o nome do usuário nem o da empresa.',
      'A senha não pode conter o e-mail do usuário nem o da empresa.',
    ]) assert.ok(messages.includes(m), `rule message "${m}" in ${JSON.stringify(messages)}`);
    assert.match(norm(await op.getByTestId('first-access-error').textContent()), /Dados inválidos.*A senha não atende à política de senhas/);
    await shot(op, 'identity-first-access-invalid');

    // A wrong confirmation is caught before the server.
    await op.getByTestId('first-access-password').fill(operator.password);
    await op.getByTestId('first-access-confirm').fill(`${operator.password}x`);
    await op.getByTestId('first-access-submit').click();
    assert.deepEqual(await fieldErrors(op, 'first-access-confirm'), ['As senhas não conferem.']);
    for (const rule of ['length', 'upper', 'lower', 'digit', 'special', 'sequence', 'personal']) {
      await ruleIs(op, rule, 'ok');
    }
    await op.getByTestId('first-access-confirm').fill(operator.password);
    await op.getByTestId('first-access-submit').click();
    await op.waitForURL(/\/sign-in\?email=.*&notice=password-set$/);
    await op.getByTestId('sign-in-notice').waitFor();
    assert.equal(await op.getByTestId('sign-in-email').inputValue(), operator.email);
    await shot(op, 'identity-sign-in-after-first-access');

    await op.getByTestId('sign-in-password').fill(operator.password);
    await op.getByTestId('sign-in-submit').click();
    await op.waitForURL(/\/status$/);
    await op.getByTestId('status-page').waitFor();
    assert.equal(norm(await op.getByTestId('user-name').textContent()), operator.name);
    // The "Usuário" role holds none of the identity permissions: only the read-only banking
    // screens (customers, accounts, transfers, limits, plans, tariffs — not the revenue and
    // billing centres), the status page, the approval requests
    // (approvals.read, which every built-in role holds), one's own exports, tags and the messages
    // inbox are listed.
    const opNav = op.getByRole('navigation', { name: 'Navegação principal' });
    await opNav.getByRole('link', { name: 'Status do sistema' }).waitFor();
    assert.deepEqual((await opNav.getByRole('link').allTextContents()).map(norm), ['Clientes', 'Contas', 'Transferências', 'Limites', 'Planos', 'Tarifas', 'Solicitações', 'Configuração', 'Status do sistema', 'Exportações', 'Tags', 'Mensagens'],
      'no identity screens in the menu');
    await shot(op, 'identity-operator-console');
    // Opening a screen without the permission shows the 403 page, not the screen.
    await op.goto(`${server.base}/operators`);
    await op.getByTestId('forbidden').waitFor();
    assert.match(norm(await op.getByTestId('forbidden').textContent()), /Acesso não permitido/);
    await op.getByTestId('user-menu').click();
    await op.getByTestId('user-menu-profile').click();
    await op.getByTestId('profile-page').waitFor();
    assert.equal(norm(await op.getByTestId('profile-role').textContent()), 'Usuário');
    assert.equal(norm(await op.getByTestId('profile-email').textContent()), operator.email);

    // 5. The manager sees the e-mail confirmed, then disables the operator.
    await page.goto(`${server.base}/operators`);
    await row.waitFor();
    await row.getByTestId('operator-email-confirmed').filter({ hasText: 'Sim' }).waitFor();
    await row.getByTestId('operator-link').click();
    await page.getByTestId('operator-detail').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), operator.name);
    await page.getByTestId('operator-actions').click();
    await page.getByRole('menuitem', { name: 'Desabilitar' }).click();
    await page.getByTestId('confirm-disable').click();
    await toast(page, 'Bruno Lima foi desabilitado.');
    await page.getByTestId('operator-status').filter({ hasText: 'Inativo' }).first().waitFor();
    await shot(page, 'identity-operator-disabled');

    // The operator's next navigation goes back to sign-in, keeping the destination.
    await op.getByRole('link', { name: 'Status do sistema' }).click();
    await op.waitForURL(/\/sign-in\?next=%2Fstatus$/);
    await op.getByTestId('sign-in-page').waitFor();
    await signInWithForm(op, operator.email, operator.password);
    await op.getByTestId('sign-in-error').waitFor();
    assert.match(norm(await op.getByTestId('sign-in-error').textContent()), /E-mail ou senha incorretos/);
    await shot(op, 'identity-operator-refused');

    // 6. The audit trail has the change, with the before/after documents.
    await nav.getByRole('link', { name: 'Trilha de auditoria' }).click();
    await page.getByTestId('audit-page').waitFor();
    await choose(page, 'audit-filter-action', 'Usuário desabilitado', { search: true });
    await page.waitForURL(/\/audit\?action=operator\.disabled$/);
    const entry = page.locator('tr', { has: page.locator('[data-action="operator.disabled"]') });
    await entry.first().waitFor();
    assert.equal(await entry.count(), 1);
    assert.match(norm(await entry.textContent()), new RegExp(`${manager.name}.*Usuário desabilitado.*Usuário \\d+`));
    await entry.getByTestId('audit-open').click();
    await page.getByTestId('audit-drawer').waitFor();
    const beforeDoc = JSON.parse(await page.getByTestId('audit-before').textContent());
    const afterDoc = JSON.parse(await page.getByTestId('audit-after').textContent());
    assert.equal(beforeDoc.status, 'active');
    assert.equal(afterDoc.status, 'disabled');
    assert.equal(afterDoc.email, operator.email);
    assert.match(norm(await page.getByTestId('audit-changed').textContent()), /status/);
    await shot(page, 'identity-audit-drawer');
    await page.keyboard.press('Escape');

    // Deleting asks for the operator's e-mail to be typed.
    await page.goto(`${server.base}/operators`);
    await page.getByTestId(`operator-actions-${operator.email}`).click();
    await page.getByRole('menuitem', { name: 'Excluir' }).click();
    await page.getByTestId('delete-operator').waitFor();
    assert.ok(await page.getByTestId('delete-operator-ok').isDisabled(), 'locked until the e-mail is typed');
    await page.getByTestId('delete-operator-input').fill('outro@exemplo.com');
    assert.ok(await page.getByTestId('delete-operator-ok').isDisabled());
    await page.getByTestId('delete-operator-input').fill(operator.email.toUpperCase());
    await shot(page, 'identity-operator-delete');
    await page.getByTestId('delete-operator-ok').click();
    await toast(page, 'Bruno Lima foi excluído.');
    await row.waitFor({ state: 'detached' });

    assert.deepEqual(boss.problems, [], 'manager: no page errors or unexpected console errors');
    assert.deepEqual(other.problems, [], 'operator: no page errors or unexpected console errors');
  } finally {
    await boss.context.close();
    await other.context.close();
  }
});

test('the operator form keeps what the manager typed and chose when the operator is fetched again', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  const created = await api('POST', '/api/v1/operators', {
    name: 'Dora Souza', email: `dora-${tenant.tag}@banco-exemplo.com.br`, role_id: roles.find((r) => r.code === 'common').id,
  });
  assert.equal(created.status, 201);
  const { context, page, problems } = await newPage();
  try {
    await signInContext(context, server.base, tenant.manager);
    // The page's clock is the test's, so the operator's record can be made stale at once.
    await page.clock.install();
    await page.goto(`${server.base}/operators/${created.body.id}`);
    await page.getByTestId('operator-detail').waitFor();
    await page.getByTestId('operator-actions').click();
    await page.getByTestId('operator-action-edit').click();
    await page.getByTestId('operator-form').waitFor();
    await page.getByTestId('operator-name').fill('Dora Souza Lima');
    await choose(page, 'operator-role', 'Comercial do cliente');
    await page.getByTestId('operator-limits').waitFor();

    // Meanwhile the record changes; the page fetches it again when the tab regains focus.
    assert.equal((await api('PATCH', `/api/v1/operators/${created.body.id}`, { phone: '11912345678' })).status, 200);
    await page.clock.fastForward(11_000);
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await page.getByTestId('operator-detail').getByText('(11) 91234-5678').waitFor();
    assert.equal(await page.getByTestId('operator-name').inputValue(), 'Dora Souza Lima');
    assert.equal(await page.getByTestId('operator-limits').count(), 1, 'the role chosen is kept');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('profile: TOTP enrolment shows the QR code and secret; API key secret shown once; sign out', async () => {
  const { context, page, problems } = await newPage();
  try {
    await signInContext(context, server.base, tenant.manager);
    await page.goto(`${server.base}/profile`);
    await page.getByTestId('profile-page').waitFor();
    assert.equal(norm(await page.getByTestId('profile-name').textContent()), tenant.manager.name);
    assert.equal(norm(await page.getByTestId('profile-role').textContent()), 'Gestor');
    assert.equal(norm(await page.getByTestId('totp-state').textContent()), 'Desativada');
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-enrolment').waitFor();
    await page.getByTestId('totp-qr').locator('svg').waitFor();
    assert.match(norm(await page.getByTestId('totp-secret').textContent()), /^[A-Z2-7]{16,}$/);
    assert.match(norm(await page.getByTestId('totp-uri').textContent()), /^otpauth:\/\/totp\//);
    // A wrong code is refused next to the field.
    await page.getByTestId('totp-code').fill('000000');
    await page.getByTestId('totp-confirm').click();
    assert.deepEqual(await fieldErrors(page, 'totp-code'),
      ['O código não confere. Verifique o horário do celular e tente de novo.']);
    await shot(page, 'identity-profile-totp');

    // API key: the secret is shown once, with a copy button and a warning.
    await page.goto(`${server.base}/api-keys`);
    await page.getByTestId('api-keys-page').waitFor();
    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-name').fill('ERP conciliação');
    await page.getByTestId('api-key-permission-operators.read').click();
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-secret-modal').waitFor();
    const secret = norm(await page.getByTestId('api-key-secret').textContent());
    assert.match(secret, /^rgk_/);
    assert.match(norm(await page.getByTestId('api-key-secret-modal').textContent()), /não será mostrada novamente/);
    await page.getByTestId('api-key-secret').locator('.ant-typography-copy').waitFor();
    await shot(page, 'identity-api-key-secret');
    await page.getByTestId('api-key-secret-done').click();
    const keyRow = page.locator('tr', { hasText: 'ERP conciliação' });
    await keyRow.waitFor();
    assert.match(norm(await keyRow.textContent()), /ERP conciliação.*Gestora Ana.*1 permissão.*Ativa/);
    await page.getByTestId('api-key-secret-modal').waitFor({ state: 'detached' });
    const html = await page.content();
    assert.ok(!html.includes(secret), `the secret is not shown again: ${html.slice(Math.max(0, html.indexOf(secret) - 300), html.indexOf(secret) + 100)}`);
    // The key works as a Bearer token for what it was given, and nothing else.
    const withKey = (path) => fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal((await withKey('/api/v1/operators')).status, 200);
    assert.equal((await withKey('/api/v1/roles')).status, 403);

    // Roles: built-in roles are read-only.
    await page.goto(`${server.base}/roles`);
    await page.getByTestId('roles-page').waitFor();
    await page.getByTestId('role-view-manager').click();
    await page.getByTestId('role-drawer').waitFor();
    await page.getByTestId('role-permissions-readonly').waitFor();
    assert.equal(await page.getByTestId('role-name').count(), 0, 'built-in roles cannot be edited');
    assert.equal(await page.getByTestId('role-save').count(), 0);
    await shot(page, 'identity-roles-built-in');
    await page.keyboard.press('Escape');
    await page.getByTestId('role-drawer').waitFor({ state: 'hidden' });
    // A custom role with one permission.
    await page.getByTestId('role-new').click();
    await page.getByTestId('role-name').fill('Auditoria interna');
    await page.getByTestId('permission-audit.read').click();
    await page.getByTestId('role-save').click();
    await toast(page, 'Perfil Auditoria interna criado.');
    const roleRow = page.locator('tr', { hasText: 'Auditoria interna' });
    assert.match(norm(await roleRow.textContent()), /Auditoria interna.*Personalizado.*Ver trilha de auditoria/);

    // The notice of active operators without access in the last 30 days (seed 002). Nobody can
    // be 30 days idle in a fresh database, so the server's answer is stood in for here.
    await page.route('**/api/v1/operators?*inactive_days=30*', (route) => route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ items: [{
        id: '1', name: 'Carla Dias', email: 'carla@banco-exemplo.com.br', phone: null, role_id: '2', role_code: 'common',
        role_name: 'Usuário', access_interface: 'console', daily_query_limit: null, monthly_query_limit: null,
        email_confirmed: true, status: 'active', locale: 'pt-BR', totp_enabled: false,
        last_sign_in_at: '2026-01-05T12:00:00Z', created_at: '2025-12-01T12:00:00Z',
      }], next_cursor: null }),
    }));
    await page.goto(`${server.base}/operators`);
    await page.getByTestId('inactive-notice').waitFor();
    assert.match(norm(await page.getByTestId('inactive-notice').textContent()), /1 usuário ativo sem acesso nos últimos 30 dias/);
    await page.getByTestId('inactive-show').click();
    await page.waitForURL(/inactive_days=30/);
    await page.getByRole('checkbox', { name: 'Sem acesso há 30 dias', checked: true }).waitFor();
    await page.getByTestId('operator-row-carla@banco-exemplo.com.br').waitFor();
    assert.match(norm(await page.getByTestId('operator-row-carla@banco-exemplo.com.br').textContent()), /05\/01\/2026 09:00/);
    await shot(page, 'identity-operators-inactive');
    await page.unroute('**/api/v1/operators?*inactive_days=30*');

    // An expired password (90 days) sends every page to the password change. The server's /me
    // is stood in for: a real password cannot age 90 days during a test.
    const me = await (await context.request.get(`${server.base}/api/v1/me`)).json();
    await page.route('**/api/v1/me', (route) => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ ...me, must_change_password: true }),
    }));
    await page.goto(`${server.base}/audit`);
    await page.waitForURL(/\/change-password$/);
    await page.getByTestId('password-expired').waitFor();
    assert.match(norm(await page.getByTestId('password-expired').textContent()), /Sua senha expirou/);
    await page.getByTestId('change-password-current').fill('errada');
    await page.getByTestId('change-password-new').fill(tenant.manager.password);
    await page.getByTestId('change-password-confirm').fill(tenant.manager.password);
    await page.getByTestId('change-password-submit').click();
    assert.deepEqual(await fieldErrors(page, 'change-password-current'), ['A senha atual não está correta.']);
    await shot(page, 'identity-change-password-expired');
    await page.unroute('**/api/v1/me');

    // The same screens in English.
    await page.goto(`${server.base}/audit`);
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('language-en-US').click();
    await page.getByTestId('page-title').filter({ hasText: 'Audit trail' }).waitFor();
    await page.locator('[data-action="operator.disabled"]').filter({ hasText: 'User disabled' }).first().waitFor();
    await shot(page, 'identity-audit-en-US');
    await page.getByTestId('language-pt-BR').click();

    // Sign out from the header menu: back to sign-in, and the session is gone.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${server.base}/profile`);
    await page.waitForURL(/\/sign-in\?next=%2Fprofile$/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('"Recuperar a senha" from the sign-in page, then a TOTP second factor asked at sign-in', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  const carla = { name: 'Carla Dias', email: `carla-${tenant.tag}@banco-exemplo.com.br`, password: 'Sol#Verde95k' };
  const created = await api('POST', '/api/v1/operators', {
    name: carla.name, email: carla.email, role_id: roles.find((r) => r.code === 'common').id, access_interface: 'both',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const latestCode = async () => {
    const list = (await api('GET', `/api/v1/mailbox?to=${encodeURIComponent(carla.email)}`)).body.items;
    const message = (await api('GET', `/api/v1/mailbox/${list[0].id}`)).body;
    return { count: list.length, code: /\b(\d{6})\b/.exec(message.body_text)[1] };
  };
  const first = await latestCode();

  const { context, page, problems } = await newPage();
  try {
    // Seed 002, steps 1–2: type the e-mail on the sign-in screen and click "Recuperar a senha".
    await page.goto(`${server.base}/sign-in`);
    await page.getByTestId('sign-in-recover').click();
    assert.deepEqual(await fieldErrors(page, 'sign-in-email'), ['Informe o e-mail.'], 'the e-mail is needed first');
    await page.getByTestId('sign-in-email').fill(carla.email);
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/codes'));
    await page.getByTestId('sign-in-recover').click();
    assert.equal((await asked).status(), 202);
    await page.waitForURL(/\/first-access\?email=.*&sent=1$/);
    await page.getByTestId('first-access-sent').waitFor();
    assert.equal(await page.getByTestId('first-access-email').inputValue(), carla.email);
    // Only the newest code works: the first one is refused next to its field.
    const second = await latestCode();
    assert.equal(second.count, first.count + 1, 'a new e-mail with a new code');
    if (second.code !== first.code) {
      await page.getByTestId('first-access-code').fill(first.code);
      await page.getByTestId('first-access-password').fill(carla.password);
      await page.getByTestId('first-access-confirm').fill(carla.password);
      await page.getByTestId('first-access-submit').click();
      assert.deepEqual(await fieldErrors(page, 'first-access-code'), ['O código está errado ou expirou. Peça um novo.']);
    }
    await page.getByTestId('first-access-code').fill(second.code);
    await page.getByTestId('first-access-password').fill(carla.password);
    await page.getByTestId('first-access-confirm').fill(carla.password);
    await page.getByTestId('first-access-submit').click();
    await page.waitForURL(/\/sign-in\?email=.*&notice=password-set$/);
    await page.getByTestId('sign-in-password').fill(carla.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/status$/);

    // Turn on the authenticator from the profile page, with a code computed from the secret.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-profile').click();
    await page.getByTestId('totp-start').click();
    const secret = norm(await page.getByTestId('totp-secret').textContent());
    await page.getByTestId('totp-code').fill(await totpCode(secret));
    await page.getByTestId('totp-confirm').click();
    await toast(page, 'Verificação em duas etapas ativada.');
    await page.getByTestId('totp-state').filter({ hasText: 'Ativada' }).waitFor();

    // Signing in again asks for the code after the password.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    await signInWithForm(page, carla.email, carla.password);
    await page.getByTestId('sign-in-totp').waitFor();
    assert.equal(await page.getByTestId('sign-in-error').count(), 0, 'asking for the code is not an error');
    await page.getByTestId('sign-in-password').fill(carla.password);
    await page.getByTestId('sign-in-totp').fill('000000');
    await page.getByTestId('sign-in-submit').click();
    assert.deepEqual(await fieldErrors(page, 'sign-in-totp'), ['O código do autenticador não é válido.']);
    await shot(page, 'identity-sign-in-totp');
    await page.getByTestId('sign-in-password').fill(carla.password);
    // The next step's code: the server accepts one step either side, and never a step already used.
    await page.getByTestId('sign-in-totp').fill(await totpCode(secret, Date.now() + 30_000));
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/status$/);
    assert.equal(norm(await page.getByTestId('user-name').textContent()), carla.name);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
