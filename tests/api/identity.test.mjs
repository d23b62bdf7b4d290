// covers PLT-01 PLT-02 PLT-03 PLT-04 PLT-05 PLT-06 PLT-07 PLT-10 — identity through the real binary,
// on SQLite and (with RETAGUARDA_TEST_DB) PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, bootstrapTenant, cli } from '../support/server.mjs';
import { Client, lastMailTo, codeFrom, totp } from '../support/client.mjs';

let server;
let manager;
let creds;
let roles;

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db); } });
  manager = new Client(server.base);
  const res = await manager.signIn(creds.email, creds.password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  roles = Object.fromEntries((await manager.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
});
after(async () => { await server?.stop(); });

async function createOperator(fields) {
  return manager.post('/api/v1/operators', { role_id: roles.common.id, ...fields });
}

// The operator's first access: ask for a code, read it from the mailbox, set the password.
async function firstAccess(email, password) {
  assert.equal((await new Client(server.base).post('/api/v1/auth/codes', { email })).status, 202);
  const code = codeFrom(await lastMailTo(manager, email));
  return new Client(server.base).post('/api/v1/auth/codes/confirm', { email, code, password });
}

test('PLT-03 sign-in sets an HttpOnly SameSite=Strict cookie and /me lists permissions', async () => {
  const c = new Client(server.base);
  const res = await c.signIn(creds.email, creds.password);
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /rg_session=[A-Za-z0-9_-]{40,};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.ok(res.body.csrf_token.length >= 20);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.role_code, 'manager');
  assert.ok(me.body.permissions.includes('operators.write'));
});

test('PLT-03 wrong password and unknown e-mail get the same 401', async () => {
  const wrong = await new Client(server.base).signIn(creds.email, 'Wrong#Pass9');
  const unknown = await new Client(server.base).signIn('nobody@bancoteste.com.br', 'Wrong#Pass9');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.body.detail, unknown.body.detail);
});

test('PLT-03 writes with the cookie need the CSRF token', async () => {
  const res = await manager.request('POST', '/api/v1/roles', { name: 'Sem CSRF', permissions: [] }, { csrf: false });
  assert.equal(res.status, 403);
  assert.match(res.body.detail, /CSRF/);
});

test('PLT-02 operator validation names each bad field and writes nothing', async () => {
  const before = (await manager.get('/api/v1/operators')).body.items.length;
  const res = await manager.post('/api/v1/operators', { name: '', email: 'not-an-email', role_id: roles.commercial.id,
    phone: '123', daily_query_limit: 50, monthly_query_limit: 10, access_interface: 'fax' });
  assert.equal(res.status, 400);
  const fields = res.body.errors.map((e) => e.field).sort();
  for (const f of ['access_interface', 'daily_query_limit', 'email', 'name']) assert.ok(fields.includes(f), fields.join());
  assert.equal((await manager.get('/api/v1/operators')).body.items.length, before);
});

test('PLT-02 Comercial do cliente needs daily ≤ monthly query limits', async () => {
  const bad = await createOperator({ name: 'Carla Comercial', email: 'carla@bancoteste.com.br',
    role_id: roles.commercial.id, daily_query_limit: 101, monthly_query_limit: 100 });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['daily_query_limit']);
  const ok = await createOperator({ name: 'Carla Comercial', email: 'carla@bancoteste.com.br',
    role_id: roles.commercial.id, daily_query_limit: 100, monthly_query_limit: 100 });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.daily_query_limit, 100);
  const dup = await createOperator({ name: 'Outra', email: 'CARLA@bancoteste.com.br' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.errors[0].field, 'email');
});

test('PLT-03 PLT-10 first access: e-mailed code, password policy, then sign-in', async () => {
  const created = await createOperator({ name: 'Bruno Lima', email: 'bruno@bancoteste.com.br' });
  assert.equal(created.status, 201);
  assert.equal(created.body.email_confirmed, false);
  const mail = await lastMailTo(manager, 'bruno@bancoteste.com.br');
  assert.equal(mail.template, 'first_access_code');
  assert.match(mail.subject, /Confirme seu e-mail/);
  const code = codeFrom(mail);
  // Never signed in before choosing a password.
  assert.equal((await new Client(server.base).signIn('bruno@bancoteste.com.br', 'Qualquer#1')).status, 401);
  const weak = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'bruno@bancoteste.com.br', code, password: 'bruno123' });
  assert.equal(weak.status, 400);
  assert.ok(weak.body.errors.length >= 3, JSON.stringify(weak.body.errors));
  const codes = weak.body.errors.map((e) => e.code);
  for (const c of ['missing_upper', 'missing_special', 'sequential_digits', 'contains_name']) {
    assert.ok(codes.includes(c), `rule code ${c} in ${codes.join()}`);
  }
  const wrongCode = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'bruno@bancoteste.com.br', code: code === '000000' ? '111111' : '000000', password: 'Sol#Nascente42' });
  assert.equal(wrongCode.status, 400);
  assert.equal(wrongCode.body.errors[0].field, 'code');
  const ok = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'bruno@bancoteste.com.br', code, password: 'Sol#Nascente42' });
  assert.equal(ok.status, 204, JSON.stringify(ok.body));
  const reuse = await new Client(server.base).post('/api/v1/auth/codes/confirm',
    { email: 'bruno@bancoteste.com.br', code, password: 'Lua#Cheia77x' });
  assert.equal(reuse.status, 400, 'a code works once');
  const bruno = new Client(server.base);
  assert.equal((await bruno.signIn('bruno@bancoteste.com.br', 'Sol#Nascente42')).status, 200);
  const me = await bruno.get('/api/v1/me');
  assert.equal(me.body.email_confirmed, true);
  assert.equal(me.body.role_code, 'common');
  assert.equal((await bruno.get('/api/v1/operators')).status, 403, 'Usuário comum cannot manage operators');
});

test('PLT-03 recovery may not repeat the previous password; sign-out everywhere ends sessions', async () => {
  await createOperator({ name: 'Diego Souza', email: 'diego@bancoteste.com.br' });
  assert.equal((await firstAccess('diego@bancoteste.com.br', 'Primeira#Senha8')).status, 204);
  const a = new Client(server.base);
  const b = new Client(server.base);
  await a.signIn('diego@bancoteste.com.br', 'Primeira#Senha8');
  await b.signIn('diego@bancoteste.com.br', 'Primeira#Senha8');
  const same = await firstAccess('diego@bancoteste.com.br', 'Primeira#Senha8');
  assert.equal(same.status, 400);
  assert.match(same.body.errors[0].message, /different/);
  const out = await a.post('/api/v1/auth/sign-out-everywhere');
  assert.equal(out.status, 200);
  assert.ok(out.body.sessions_ended >= 2);
  await new Promise((r) => setTimeout(r, 5100));  // past the principal cache
  assert.equal((await b.get('/api/v1/me')).status, 401);
});

test('PLT-03 five failures lock the operator out for a while', async () => {
  await createOperator({ name: 'Elisa Prado', email: 'elisa@bancoteste.com.br' });
  assert.equal((await firstAccess('elisa@bancoteste.com.br', 'Certa#Senha81')).status, 204);
  for (let i = 0; i < 5; i += 1) {
    assert.equal((await new Client(server.base).signIn('elisa@bancoteste.com.br', `Errada#${i}x9`)).status, 401);
  }
  const locked = await new Client(server.base).signIn('elisa@bancoteste.com.br', 'Certa#Senha81');
  assert.equal(locked.status, 429, 'even the right password waits for the lockout to end');
  const audit = await manager.get('/api/v1/audit?action=session.locked_out');
  assert.equal(audit.body.items.length, 1);
});

test('PLT-02 API-only operators cannot use the console; PLT-05 API keys are scoped and revocable', async () => {
  const created = await createOperator({ name: 'Integração ERP', email: 'erp@bancoteste.com.br', access_interface: 'api',
    role_id: roles.manager.id });
  await firstAccess('erp@bancoteste.com.br', 'Chave#Forte92');
  assert.equal((await new Client(server.base).signIn('erp@bancoteste.com.br', 'Chave#Forte92')).status, 403);
  const key = await manager.post('/api/v1/api-keys', { name: 'ERP', operator_id: created.body.id,
    permissions: ['operators.read'] });
  assert.equal(key.status, 201, JSON.stringify(key.body));
  assert.match(key.body.secret, /^rgk_/);
  const listed = await manager.get('/api/v1/api-keys');
  assert.ok(!JSON.stringify(listed.body).includes(key.body.secret), 'the secret is shown once');
  const api = Client.withApiKey(server.base, key.body.secret);
  assert.equal((await api.get('/api/v1/operators')).status, 200);
  assert.equal((await api.get('/api/v1/roles')).status, 403, 'outside the key scope');
  const tooWide = await manager.post('/api/v1/api-keys', { name: 'x', permissions: ['no.such.permission'] });
  assert.equal(tooWide.status, 400);
  assert.equal((await manager.delete(`/api/v1/api-keys/${key.body.id}`)).status, 204);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await api.get('/api/v1/operators')).status, 401);
});

test('PLT-04 custom roles: permissions take effect; built-in roles are read-only', async () => {
  const role = await manager.post('/api/v1/roles', { name: 'Auditoria', permissions: ['audit.read'] });
  assert.equal(role.status, 201);
  assert.equal((await manager.patch(`/api/v1/roles/${roles.manager.id}`, { name: 'x' })).status, 409);
  const unknown = await manager.post('/api/v1/roles', { name: 'Ruim', permissions: ['root'] });
  assert.equal(unknown.status, 400);
  await createOperator({ name: 'Fabio Auditor', email: 'fabio@bancoteste.com.br', role_id: role.body.id });
  await firstAccess('fabio@bancoteste.com.br', 'Livro#Razao55');
  const fabio = new Client(server.base);
  await fabio.signIn('fabio@bancoteste.com.br', 'Livro#Razao55');
  assert.equal((await fabio.get('/api/v1/audit')).status, 200);
  assert.equal((await fabio.get('/api/v1/operators')).status, 403);
  assert.equal((await manager.delete(`/api/v1/roles/${role.body.id}`)).status, 409, 'still in use');
});

test('PLT-06 maker-checker: disable goes to the queue, checker ≠ maker, approve runs once', async () => {
  const target = await createOperator({ name: 'Gabi Alvo', email: 'gabi@bancoteste.com.br' });
  await firstAccess('gabi@bancoteste.com.br', 'Alvo#Certo31');
  const gabi = new Client(server.base);
  await gabi.signIn('gabi@bancoteste.com.br', 'Alvo#Certo31');
  // A second manager acts as checker.
  await createOperator({ name: 'Hugo Checker', email: 'hugo@bancoteste.com.br', role_id: roles.manager.id });
  await firstAccess('hugo@bancoteste.com.br', 'Revisor#Dois2');
  const hugo = new Client(server.base);
  await hugo.signIn('hugo@bancoteste.com.br', 'Revisor#Dois2');

  assert.equal((await manager.put('/api/v1/approval-policies/operator.disable',
    { requires_approval: true, expires_after_hours: 24 })).status, 204);
  const asked = await manager.post(`/api/v1/operators/${target.body.id}/disable`);
  assert.equal(asked.status, 202, JSON.stringify(asked.body));
  const request = asked.body.request;
  assert.equal(request.business_status, 'To Be Inactivated');
  assert.equal((await manager.get(`/api/v1/operators/${target.body.id}`)).body.status, 'active', 'nothing changed yet');
  const notice = await lastMailTo(manager, 'hugo@bancoteste.com.br');
  assert.equal(notice.template, 'approval_requested', 'checkers are told by e-mail');
  assert.match(notice.body_text, /Desabilitar operador/);

  assert.equal((await manager.post(`/api/v1/approvals/${request.id}/pick-up`)).status, 403, 'maker cannot check');
  assert.equal((await hugo.post(`/api/v1/approvals/${request.id}/approve`)).status, 409, 'pick up first');
  const picked = await hugo.post(`/api/v1/approvals/${request.id}/pick-up`);
  assert.equal(picked.status, 200);
  assert.equal(picked.body.status, 'picked_up');
  const [first, second] = await Promise.all([
    hugo.post(`/api/v1/approvals/${request.id}/approve`),
    hugo.post(`/api/v1/approvals/${request.id}/approve`),
  ]);
  assert.deepEqual([first.status, second.status].sort(), [200, 409]);
  const approved = first.status === 200 ? first.body : second.body;
  assert.equal(approved.business_status, 'Inactive');
  assert.equal((await manager.get(`/api/v1/operators/${target.body.id}`)).body.status, 'disabled');
  await new Promise((r) => setTimeout(r, 5100));
  assert.equal((await gabi.get('/api/v1/me')).status, 401, 'the disabled operator lost the session');
  const trail = await manager.get(`/api/v1/audit?target_id=${target.body.id}&action=operator.disabled`);
  assert.equal(trail.body.items.length, 1, 'the action ran exactly once');
});

test('PLT-06 reject leaves everything unchanged', async () => {
  const target = await createOperator({ name: 'Ivo Intacto', email: 'ivo@bancoteste.com.br' });
  await manager.put('/api/v1/approval-policies/operator.delete', { requires_approval: true, expires_after_hours: 24 });
  const asked = await manager.delete(`/api/v1/operators/${target.body.id}`);
  assert.equal(asked.status, 202);
  const hugo = new Client(server.base);
  await hugo.signIn('hugo@bancoteste.com.br', 'Revisor#Dois2');
  await hugo.post(`/api/v1/approvals/${asked.body.request.id}/pick-up`);
  const noReason = await hugo.post(`/api/v1/approvals/${asked.body.request.id}/reject`, {});
  assert.equal(noReason.status, 400);
  const rejected = await hugo.post(`/api/v1/approvals/${asked.body.request.id}/reject`, { reason: 'Operador ainda ativo no projeto' });
  assert.equal(rejected.status, 200);
  assert.equal(rejected.body.status, 'rejected');
  assert.equal((await manager.get(`/api/v1/operators/${target.body.id}`)).status, 200);
});

test('PLT-07 the audit chain verifies, and a tampered row is found', async () => {
  const verify = await manager.get('/api/v1/audit/verify');
  assert.equal(verify.status, 200);
  assert.equal(verify.body.ok, true);
  const out = cli(server.db, 'admin', 'verify-audit');
  assert.match(out, /intact/);
});

test('PLT-06 an approved delete completes; PLT-04 a role of deleted operators can be deleted', async () => {
  const role = await manager.post('/api/v1/roles', { name: 'Temporário', permissions: ['tenant.read'] });
  const target = await createOperator({ name: 'Jonas Saída', email: 'jonas@bancoteste.com.br', role_id: role.body.id });
  const asked = await manager.delete(`/api/v1/operators/${target.body.id}`);
  assert.equal(asked.status, 202, 'operator.delete requires approval since an earlier test');
  const hugo = new Client(server.base);
  await hugo.signIn('hugo@bancoteste.com.br', 'Revisor#Dois2');
  await hugo.post(`/api/v1/approvals/${asked.body.request.id}/pick-up`);
  const approved = await hugo.post(`/api/v1/approvals/${asked.body.request.id}/approve`);
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.business_status, 'Deleted');
  assert.equal((await manager.get(`/api/v1/operators/${target.body.id}`)).status, 404);
  assert.equal((await manager.delete(`/api/v1/roles/${role.body.id}`)).status, 204);
  const renamed = await manager.post('/api/v1/roles', { name: 'Outro papel', permissions: [] });
  assert.equal((await manager.patch(`/api/v1/roles/${renamed.body.id}`, { name: 'auditoria' })).status, 409);
});

test('PLT-03 TOTP: enrol from the profile, then sign-in needs a fresh code (no replay)', async () => {
  await createOperator({ name: 'Karen Dois Fatores', email: 'karen@bancoteste.com.br' });
  await firstAccess('karen@bancoteste.com.br', 'Segredo#Forte9');
  const karen = new Client(server.base);
  await karen.signIn('karen@bancoteste.com.br', 'Segredo#Forte9');
  const enrol = await karen.post('/api/v1/me/totp');
  assert.equal(enrol.status, 201);
  assert.match(enrol.body.otpauth_uri, /^otpauth:\/\/totp\/Retaguarda:karen%40bancoteste\.com\.br\?secret=/);
  assert.equal((await karen.post('/api/v1/me/totp/confirm', { code: '000000' === totp(enrol.body.secret) ? '111111' : '000000' })).status, 400);
  assert.equal((await karen.post('/api/v1/me/totp/confirm', { code: totp(enrol.body.secret) })).status, 204);
  const noCode = await new Client(server.base).signIn('karen@bancoteste.com.br', 'Segredo#Forte9');
  assert.equal(noCode.status, 401);
  assert.equal(noCode.body.errors[0].field, 'totp_code');
  const code = totp(enrol.body.secret);
  assert.equal((await new Client(server.base).signIn('karen@bancoteste.com.br', 'Segredo#Forte9', { totp_code: code })).status, 200);
  const replay = await new Client(server.base).signIn('karen@bancoteste.com.br', 'Segredo#Forte9', { totp_code: code });
  assert.equal(replay.status, 401, 'a code works once');
});

test('PLT-07 sign-in events name the operator as the actor', async () => {
  const trail = await manager.get('/api/v1/audit?action=session.signed_in&page_size=1');
  assert.equal(trail.body.items[0].actor_type, 'operator');
  assert.ok(trail.body.items[0].actor_name.length > 0);
  assert.equal(trail.body.items[0].actor_id, trail.body.items[0].target_id);
});

test('PLT-03 code requests are throttled per operator (no mail cannon)', async () => {
  await createOperator({ name: 'Lia Limite', email: 'lia@bancoteste.com.br' });  // 1 code
  for (let i = 0; i < 6; i += 1) {
    assert.equal((await new Client(server.base).post('/api/v1/auth/codes', { email: 'lia@bancoteste.com.br' })).status, 202);
  }
  const mails = (await manager.get('/api/v1/mailbox?to=lia@bancoteste.com.br&page_size=50')).body.items;
  assert.equal(mails.length, 5, 'five codes in the window, then silence');
  const throttled = await manager.get('/api/v1/audit?action=password.code_throttled');
  assert.equal(throttled.body.items.length, 2);
});
