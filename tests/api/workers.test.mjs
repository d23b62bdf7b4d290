// covers PLT-15: two `retaguarda worker` processes share one database (PostgreSQL with
// FOR UPDATE SKIP LOCKED, or one SQLite file) and never run the same job twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, cli, testDatabase } from '../support/server.mjs';

const probes = 400;


function startWorker(db, id) {
  const proc = spawn(binary, ['worker', '--db', db, '--threads', '2', '--worker-id', id, '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, output: () => output };
}

test('two worker processes share the queue and run every job exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rg-workers-'));
  const db = testDatabase(dir);  // a fresh SQLite file or PostgreSQL schema
  try {
    cli(db, 'migrate');
    cli(db, 'jobs', 'probe', '--count', String(probes), '--sleep-ms', '2');
    const before = JSON.parse(cli(db, 'jobs', 'stats'));
    assert.equal(before.due, probes);

    const a = startWorker(db, 'worker-a');
    const b = startWorker(db, 'worker-b');
    const deadline = Date.now() + 60000;
    let stats;
    for (;;) {
      stats = JSON.parse(cli(db, 'jobs', 'stats'));
      if (stats.due === 0 && stats.running === 0) break;
      assert.ok(Date.now() < deadline, `queue not drained: ${JSON.stringify(stats)}\n${a.output()}\n${b.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    assert.equal(await a.exited, 0, a.output());
    assert.equal(await b.exited, 0, b.output());

    const final = JSON.parse(cli(db, 'jobs', 'stats', '--workers'));
    assert.equal(final.dead, 0);
    // The probes plus the periodic jobs the workers scheduled and ran meanwhile (the ledger's
    // expiry runs every 5 s, the webhook fan-out fallback every second).
    assert.ok(final.succeeded >= probes && final.succeeded <= probes + 30, JSON.stringify(final));
    const byWorker = final.attempts_by_worker;
    const attempts = Object.values(byWorker).reduce((n, o) => n + (o.succeeded ?? 0) + (o.failed ?? 0) + (o.running ?? 0), 0);
    assert.equal(attempts, final.succeeded, `one attempt per job, none twice: ${JSON.stringify(byWorker)}`);
    assert.ok((byWorker['worker-a']?.succeeded ?? 0) > 0, 'worker-a did some of the work');
    assert.ok((byWorker['worker-b']?.succeeded ?? 0) > 0, 'worker-b did some of the work');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
