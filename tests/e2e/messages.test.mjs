// covers PLT-11 PLT-12 PLT-16 — platform messages, push notifications and the support contact in
// the console, against the real `retaguarda serve`:
//   1. a platform administrator (tenant bootstrapped with --platform) broadcasts an important
//      message to one institution in "Publicar mensagens", and switches its messaging resource on
//      in "Instituições e recursos";
//   2. that institution's manager signs in through the form: the notice lists the message and the
//      header badge counts it; "Ver depois" closes the notice, the inbox shows it not viewed;
//      opening it marks it viewed and the badge goes to zero;
//   3. the manager configures "Suporte" and sees it in the header popover;
//   4. the manager sends a push notification to a customer whose device the app registered; the
//      outbox shows it delivered and the sandbox gateway tab shows what it received.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, managerApi, signInContext, TIMEOUT, watchProblems } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let tenant;
let admin;

before(async () => {
  server = await startServer();
  tenant = await bootstrapTenant(server, { tenantName: 'Banco Mensagens' });
  const tag = randomBytes(4).toString('hex');
  admin = { email: `plataforma-${tag}@retaguarda.dev`, password: 'Vq#7pLt!m2Rw' };
  cli(server.db, 'admin', 'bootstrap', '--platform', '--tenant-name', `Plataforma ${tag}`, '--tenant-email',
    `ops-${tag}@retaguarda.dev`, '--manager-name', 'Otávio Nunes', '--manager-email', admin.email,
    '--manager-password', admin.password);
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

async function shot(page, name) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
  await hide.evaluate((node) => node.remove());
}

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

function sandboxToken(hex) {
  const body = `a-${hex}`;
  return `sbx-${body}-${createHash('sha256').update(body).digest('hex').slice(0, 2)}`;
}

test('broadcast → notice and badge at sign-in → viewed; support; push delivered', async () => {
  // 1. The platform administrator broadcasts to the institution and switches messaging on.
  const adminSide = await newPage();
  await signInContext(adminSide.context, server.base, admin);
  const { page: ap } = adminSide;
  await ap.goto(`${server.base}/platform/messages`);
  await ap.getByTestId('broadcasts-page').waitFor();
  await ap.getByTestId('broadcast-new').click();
  await ap.getByTestId('broadcast-title').fill('Manutenção programada do SPI');
  await ap.getByTestId('broadcast-body').fill('O SPI para no sábado das **02h às 04h**.\n\nAvise o atendimento.');
  await ap.getByTestId('broadcast-preview').locator('strong', { hasText: '02h às 04h' }).waitFor();
  await ap.getByTestId('severity-warning-option').click();
  await ap.getByTestId('audience-tenants-option').click();
  await ap.getByTestId('broadcast-tenants').click();
  await ap.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: tenant.tenant.name }).click();
  await ap.keyboard.press('Escape');
  await shot(ap, 'messages-broadcast-compose');
  await ap.getByTestId('broadcast-submit').click();
  await ap.getByTestId('broadcast-modal').waitFor({ state: 'hidden' });
  const row = ap.locator('[data-testid^="broadcast-row-"]', { hasText: 'Manutenção programada do SPI' });
  await row.waitFor();
  assert.match(norm(await row.textContent()), new RegExp(tenant.tenant.name));
  await shot(ap, 'messages-broadcasts');

  await ap.goto(`${server.base}/platform/tenants`);
  const tenantRow = ap.locator('tr', { hasText: tenant.tenant.name });
  await tenantRow.locator('button[role="switch"]').click();
  await tenantRow.locator('button[role="switch"][aria-checked="true"]').waitFor();
  await shot(ap, 'messages-tenants-resources');
  assert.deepEqual(adminSide.problems, []);

  // 2. The institution's manager signs in: the notice and the badge.
  const side = await newPage();
  const { page } = side;
  await page.goto(`${server.base}/sign-in`);
  await page.getByTestId('sign-in-email').fill(tenant.manager.email);
  await page.getByTestId('sign-in-password').fill(tenant.manager.password);
  await page.getByTestId('sign-in-submit').click();
  const notice = page.getByTestId('messages-notice');
  await notice.waitFor();
  assert.match(norm(await notice.textContent()), /Manutenção programada do SPI/);
  assert.match(await page.getByTestId('messages-bell').getAttribute('aria-label'), /1 não vista/);
  await shot(page, 'messages-sign-in-notice');
  await page.getByTestId('notice-later').click();
  await notice.waitFor({ state: 'hidden' });

  await page.getByTestId('messages-bell').click();
  await page.getByTestId('messages-page').waitFor();
  const inboxRow = page.locator('[data-testid^="message-row-"]', { hasText: 'Manutenção programada do SPI' });
  await inboxRow.getByTestId('message-unread').waitFor();
  await shot(page, 'messages-inbox-unread');
  await inboxRow.getByTestId('message-link').click();
  const modal = page.getByTestId('message-modal');
  await modal.getByTestId('message-body').locator('strong', { hasText: '02h às 04h' }).waitFor();
  await shot(page, 'messages-opened');
  await page.locator('.ant-modal-footer button', { hasText: 'Fechar' }).click();
  await inboxRow.getByTestId('message-viewed').waitFor();
  await page.waitForFunction(() => /: 0 não vista/.test(document.querySelector('[data-testid="messages-bell"]')?.getAttribute('aria-label') ?? ''));
  await page.reload();
  await page.getByTestId('messages-page').waitFor();
  assert.equal(await page.getByTestId('messages-notice').count(), 0, 'no notice once viewed');

  // 3. Support: configure it, see it in the header.
  await page.goto(`${server.base}/support/settings`);
  await page.getByTestId('support-settings-page').waitFor();
  await page.getByTestId('support-label').fill('Central de Suporte');
  await page.getByTestId('support-url').fill('http://suporte.exemplo.com.br');
  await page.getByTestId('support-save').click();
  await page.locator('.ant-form-item-explain-error', { hasText: 'https://' }).waitFor();
  await page.getByTestId('support-url').fill('https://suporte.exemplo.com.br/banco');
  await page.getByTestId('support-phone-input').fill('0800 727 2026');
  await page.getByTestId('support-hours').fill('Segunda a sexta, 8h às 20h');
  await page.getByTestId('support-save').click();
  await page.locator('.ant-message-notice', { hasText: 'Contato de suporte salvo' }).waitFor();
  await page.getByTestId('support-button').click();
  const link = page.getByTestId('support-link');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'https://suporte.exemplo.com.br/banco');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await shot(page, 'messages-support-popover');
  await page.keyboard.press('Escape');

  // 4. Push: the app registered the customer's phone; the manager sends and sees it delivered.
  const api = await managerApi(server.base, tenant.manager);
  const device = await api('POST', '/api/v1/push/devices',
    { customer_ref: 'cliente-10482', platform: 'android', token: sandboxToken('3f9a1c7e5b2d48a6901c3e7f5a2b8d4c') });
  assert.equal(device.status, 201, JSON.stringify(device.body));
  await page.goto(`${server.base}/push`);
  await page.getByTestId('push-page').waitFor();
  await page.getByTestId('push-customer').fill('cliente-10482');
  await page.getByTestId('push-title').fill('Pix recebido');
  await page.getByTestId('push-body').fill('Você recebeu um Pix de R$ 250,00.');
  await page.getByTestId('push-link').fill('aurora://extrato');
  await page.getByTestId('push-send').click();
  const pushRow = page.locator('[data-testid^="push-table-row-"]', { hasText: 'Pix recebido' });
  await pushRow.getByTestId('push-status-delivered').waitFor();
  await shot(page, 'messages-push-delivered');
  await pushRow.getByTestId('push-open').click();
  await page.getByTestId('push-deliveries').getByTestId('push-status-delivered').waitFor();
  await shot(page, 'messages-push-detail');
  await page.keyboard.press('Escape');
  await page.getByTestId('push-tab-gateway').click();
  await page.locator('[data-testid^="push-gateway-row-"]', { hasText: 'Pix recebido' }).getByTestId('push-status-accepted').waitFor();
  await shot(page, 'messages-push-gateway');

  // Unknown customer: the field says so.
  await page.getByTestId('push-tab-gateway').click();
  await page.getByTestId('push-customer').fill('cliente-sem-celular');
  await page.getByTestId('push-title').fill('Teste');
  await page.getByTestId('push-body').fill('Teste');
  await page.getByTestId('push-send').click();
  await page.locator('.ant-form-item-explain-error', { hasText: 'dispositivo ativo' }).waitFor();

  // The same screens in English.
  await page.evaluate(() => localStorage.setItem('retaguarda.lang', 'en-US'));
  await page.goto(`${server.base}/messages`);
  await page.getByTestId('page-title').filter({ hasText: 'Messages' }).waitFor();
  await shot(page, 'messages-inbox-en');
  assert.deepEqual(side.problems, []);
  await side.context.close();
  await adminSide.context.close();
});
