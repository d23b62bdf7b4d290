// Starts the real `retaguarda serve` binary on a free port for API and browser tests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.RETAGUARDA_BIN || join(repoRoot, 'build', 'retaguarda');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// A fresh database for a test server: a new schema on RETAGUARDA_TEST_DB (a postgresql:// URL)
// when set, else a new SQLite file in the given temporary directory.
let schemaCounter = 0;
export function testDatabase(dir) {
  const url = process.env.RETAGUARDA_TEST_DB;
  if (url && url.startsWith('postgresql://')) {
    const schema = `s_${process.pid}_${Date.now()}_${schemaCounter++}`;
    execFileSync('psql', [url, '-q', '-c', `CREATE SCHEMA ${schema}`]);
    return `${url}${url.includes('?') ? '&' : '?'}options=-csearch_path%3D${schema}`;
  }
  return join(dir, 'test.db');
}

// Runs a `retaguarda` subcommand against a database and returns its standard output.
export function cli(db, ...args) {
  return execFileSync(binary, [...args, '--db', db, '--log-level', 'warn'], { encoding: 'utf8' });
}

// Runs SQL on a test database (psql for a postgresql:// URL, else sqlite3 on the file), e.g. to
// fill a list with more rows than API calls could create in a test's time.
export function sql(db, statement) {
  if (db.startsWith('postgresql://')) {
    execFileSync('psql', [db, '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement]);
  } else {
    execFileSync('sqlite3', ['-bail', db, statement]);
  }
}

// Creates a tenant with a manager who can sign in at once; returns the credentials.
export function bootstrapTenant(db, { tenant = 'Banco Teste', slug = 'bancoteste', manager = 'Ana Gestora',
  password = 'Quarta#Feira7' } = {}) {
  const email = `ana@${slug}.com.br`;
  cli(db, 'admin', 'bootstrap', '--tenant-name', tenant, '--tenant-email', `contato@${slug}.com.br`,
    '--manager-name', manager, '--manager-email', email, '--manager-password', password);
  return { email, password };
}

// `prepare(db)` runs before the server starts (e.g. bootstrapTenant), with the migrated database.
// Test receivers listen on 127.0.0.1, which a production server refuses as a webhook destination:
// `webhookLoopback: false` starts the server with its production rule.
export async function startServer({ args = [], env = {}, prepare, webhookLoopback = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rg-test-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = testDatabase(dir);
  if (prepare) {
    cli(db, 'migrate');
    await prepare(db);
  }
  const proc = spawn(binary, ['serve', '--listen', `127.0.0.1:${port}`, '--db', db,
    // Export files (PLT-09) stay in the temporary directory, also when the database is PostgreSQL.
    '--web-root', join(repoRoot, 'web', 'dist'), '--data-dir', dir,
    ...(webhookLoopback ? ['--webhook-allow-loopback'] : []), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`server not ready:\n${output}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base, port, proc, dir, exited, db,
    output: () => output,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const result = await exited;
      rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
