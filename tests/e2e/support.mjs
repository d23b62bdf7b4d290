// Helpers shared by the browser tests: a tenant with a manager in the test server's database,
// Debian's chromium, and signing a browser context in without going through the form.
import { before, after } from 'node:test';
import { startServer } from '../support/server.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { binary } from '../support/server.mjs';

/**
 * RETAGUARDA_E2E_CPU_THROTTLE=6 runs every page on a CPU that many times slower (Chromium's own
 * throttling), to bring out what only shows on a loaded CI machine; waits grow with it.
 */
const cpuThrottle = Number(process.env.RETAGUARDA_E2E_CPU_THROTTLE) || 1;

export const TIMEOUT = 15_000 * Math.max(1, cpuThrottle / 2);

export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  if (cpuThrottle > 1) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...options) => {
      const context = await newContext(...options);
      context.on('page', (page) => {
        void context.newCDPSession(page).then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle }));
      });
      return context;
    };
  }
  return browser;
}

function run(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => { output += d; });
    proc.stderr.on('data', (d) => { output += d; });
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/**
 * Creates a tenant and its first manager (with a password) in the running test server's
 * database with `retaguarda admin bootstrap`. Names carry a random suffix so runs against a
 * shared PostgreSQL database (RETAGUARDA_TEST_DB) do not collide.
 */
export async function bootstrapTenant(server, { tenantName = 'Banco Exemplo', managerName = 'Gestora Ana' } = {}) {
  const tag = randomBytes(4).toString('hex');
  const tenant = { name: `${tenantName} ${tag}`, email: `contato-${tag}@banco-exemplo.com.br` };
  // A password that meets the policy and shares nothing with the names or e-mails above.
  const manager = { name: managerName, email: `ana-${tag}@banco-exemplo.com.br`, password: 'Vq#7pLt!m2Rw' };
  // The server's own database: on PostgreSQL a new testDatabase() would be another, empty schema.
  await run(['admin', 'bootstrap', '--db', server.db,
    '--tenant-name', tenant.name, '--tenant-email', tenant.email,
    '--manager-name', manager.name, '--manager-email', manager.email, '--manager-password', manager.password]);
  return { tag, tenant, manager };
}

/** Signs a browser context in through the API (the session cookie lands in the context). */
export async function signInContext(context, base, { email, password }) {
  const r = await context.request.post(`${base}/api/v1/auth/sign-in`, { data: { email, password } });
  if (r.status() !== 200) throw new Error(`sign-in ${email}: HTTP ${r.status()} ${await r.text()}`);
  return r.json();
}

/**
 * Records page errors and console errors. The browser logs every non-2xx fetch as a console
 * error ("Failed to load resource"); the answers a test provokes on purpose (wrong password,
 * invalid form, ended session) are expected, so those are listed apart.
 */
export function watchProblems(page) {
  const problems = [];
  const httpErrors = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of (400|401|403|404|409|429)/.test(m.text())) {
      httpErrors.push(m.text());
    } else {
      problems.push(`console: ${m.text()}`);
    }
  });
  return { problems, httpErrors };
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, as an authenticator app shows it. */
export async function totpCode(secret, atMs = Date.now()) {
  const { createHmac } = await import('node:crypto');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** The API as a signed-in manager: JSON in and out, CSRF header on writes. */
export async function managerApi(base, { email, password }) {
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: HTTP ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await signIn.json();
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * Creates an operator through the API (as the signed-in manager `api` from managerApi) and takes
 * them through first access: the code is read from the first-access e-mail in the mailbox and
 * confirmed with `password`. Answers the created operator.
 */
export async function createOperatorWithPassword(api, base, { name, email, password, roleCode = 'common', accessInterface = 'console' }) {
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  const role = roles.find((r) => r.code === roleCode);
  if (!role) throw new Error(`no role ${roleCode}`);
  const created = await api('POST', '/api/v1/operators', { name, email, role_id: role.id, access_interface: accessInterface });
  if (created.status !== 201) throw new Error(`create ${email}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const list = (await api('GET', `/api/v1/mailbox?to=${encodeURIComponent(email)}`)).body.items;
  if (!list.length) throw new Error(`no first-access e-mail for ${email}`);
  const message = (await api('GET', `/api/v1/mailbox/${list[0].id}`)).body;
  const code = /\b(\d{6})\b/.exec(message.body_text)?.[1];
  if (!code) throw new Error(`no code in the e-mail to ${email}:\n${message.body_text}`);
  const confirmed = await fetch(`${base}/api/v1/auth/codes/confirm`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, code, password }),
  });
  if (confirmed.status >= 300) throw new Error(`first access ${email}: HTTP ${confirmed.status} ${await confirmed.text()}`);
  return created.body;
}

// ---------------------------------------------------------------------------------------------
// Page helpers shared by the browser tests.

/** Whitespace collapsed, for comparing rendered texts. */
export const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A pt-BR, São Paulo, 1366×900 page with its problems watched. */
export async function newPage(browser, { locale = 'pt-BR' } = {}) {
  const context = await browser.newContext({ locale, timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return { context, page, ...watchProblems(page) };
}

export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Full-page screenshot in tests/e2e/screenshots/; toasts are hidden (they cover the title) unless `toasts`. */
export async function shot(page, name, { toasts = false } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  const hide = toasts ? undefined : await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
  await hide?.evaluate((node) => node.remove());
}

/** A table row's cells, one space apart. */
export async function cells(row) {
  return (await row.locator('td').allInnerTexts()).map(norm).filter(Boolean).join(' ');
}

/**
 * The usual suite: `retaguarda serve` (startServer options), a tenant with its manager and
 * Chromium, started before the tests and stopped after them. Read the fields inside tests.
 */
export function consoleSuite(serverOptions = {}) {
  const suite = {};
  before(async () => {
    suite.server = await startServer(serverOptions);
    suite.tenant = await bootstrapTenant(suite.server);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Waits for an antd message (toast) holding `text`. */
export async function toast(page, text) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/**
 * Picks an option of the antd Select `testId` by its label (options render in a popup). Inside a
 * form the field must then show the choice: one click, no second try, so a console that loses a
 * choice fails the test.
 */
export async function choose(page, testId, label) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  const item = page.locator('.ant-form-item', { has: page.getByTestId(testId) });
  if ((await item.count()) === 0) return;
  await item.locator('.ant-select-content-has-value', { hasText: label }).waitFor();
}

/**
 * The validation messages under the form field holding `inputTestId`, once they settle on
 * `expected` (antd animates a replaced message out, so both are there for a moment).
 */
export async function fieldErrors(page, inputTestId, expected) {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(inputTestId) });
  await item.locator('.ant-form-item-explain-error').first().waitFor();
  let texts = [];
  for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await page.waitForTimeout(50)) {
    texts = (await item.locator('.ant-form-item-explain-error').allTextContents()).map(norm);
    if (JSON.stringify(texts) === JSON.stringify(expected)) break;
  }
  return texts;
}

/**
 * Fills the "Novo cliente" form: `fields` go to the inputs by their test ids without the
 * "customer-" prefix (document, name, alt-name, date, mother, occupation, email, phone, income,
 * cep, street, number, district, city), in the order given; `size` (a company's porte) and `uf`
 * are chosen in their selects.
 */
export async function fillCustomerForm(page, { size, uf, ...fields }) {
  for (const [key, value] of Object.entries(fields)) await page.getByTestId(`customer-${key}`).fill(value);
  if (size) {
    await page.getByTestId('customer-size').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${size}"]`).click();
  }
  if (uf) {
    await page.getByTestId('customer-uf').click();
    await page.keyboard.type(uf);
    await page.keyboard.press('Enter');
  }
}

/** Adds a partner through the form of the customer's "Sócios" tab (`role` as the select shows it). */
export async function addPartner(page, { document, name, share, role }) {
  await page.getByTestId('partner-add').click();
  await page.getByTestId('partner-document').fill(document);
  await page.getByTestId('partner-name').fill(name);
  await page.getByTestId('partner-share-input').fill(share);
  await page.getByTestId('partner-role').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${role}"]`).click();
  await page.getByTestId('partner-form-submit').click();
}

/** Picks an account in an AccountPicker by typing its number. */
export async function pickAccount(page, testId, number) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(number);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: number }).first().click();
}

/** Opens `key` of the account page's "Ações" menu and waits for its dialog. */
/**
 * Waits until the dialog holding `testId` is shown and its opening animation has ended: a click
 * that lands while the dialog still zooms in can miss its button on a loaded machine (seen once in
 * CI: the OK of the suspend dialog never ran its validation).
 */
export async function dialogReady(page, testId) {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'), null, { timeout: TIMEOUT });
}

export async function accountAction(page, key) {
  await page.getByTestId('account-actions').click();
  await page.getByTestId(`account-action-${key}`).click();
  await dialogReady(page, 'account-action-dialog');
}
