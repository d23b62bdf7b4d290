// Ledger over HTTP (issue 5 target: one transfer per request at 64 connections ≥ 10 000/s with
// p99 ≤ 20 ms, thanks to the group commit). wrk (-t2 -c64) posts single-transfer batches with
// unique client ids between random ledger accounts through an API key; durable commits (SQLite
// WAL + synchronous=FULL, or PostgreSQL with RETAGUARDA_TEST_DB). The baseline, in the same
// invocation, is the same server with the handlers on the I/O threads (--handler-threads 0), as
// every release before the handler pool ran them: at most one request per I/O thread reaches the
// group commit at a time.
//   node bench/ledger/http.mjs            (BENCH_SECONDS=10, BENCH_ACCOUNTS=1000)
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServer, bootstrapTenant } from '../../tests/support/server.mjs';
import { Client } from '../../tests/support/client.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 10);
const accounts = Number(process.env.BENCH_ACCOUNTS || 1000);
const handlerThreads = process.env.BENCH_HANDLER_THREADS || '64';

async function run(label, args) {
  let creds;
  const server = await startServer({
    args: [...args, '--log-level', 'warn'],
    prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Bench', slug: 'bancobench' }); },
  });
  const work = mkdtempSync(join(tmpdir(), 'rg-ledger-http-'));
  try {
    const manager = new Client(server.base);
    if ((await manager.signIn(creds.email, creds.password)).status !== 200) throw new Error('sign-in failed');
    const key = await manager.post('/api/v1/api-keys', { name: 'bench', permissions: ['ledger.write', 'ledger.read'] });
    if (key.status !== 201) throw new Error(JSON.stringify(key.body));
    const ids = [];
    for (let i = 0; i < accounts; i += 1) {
      const a = await manager.post('/api/v1/ledger/accounts', { code: 'clearing' });
      if (a.status !== 201) throw new Error(JSON.stringify(a.body));
      ids.push(a.body.id);
    }
    const script = join(work, 'transfer.lua');
    writeFileSync(script, `
local ids = {${ids.map((id) => `"${id}"`).join(',')}}
local counter = 0
local prefix = ""
local threads = {}
function setup(thread) thread:set("tid", #threads + 1); table.insert(threads, thread) end
function init(args) prefix = "${label}-" .. tid .. "-" .. math.random(1, 1000000000) .. "-" end
function request()
  counter = counter + 1
  local d = math.random(1, #ids)
  local c = math.random(1, #ids - 1)
  if c >= d then c = c + 1 end
  local body = '{"transfers":[{"client_id":"' .. prefix .. counter .. '","debit_account_id":"' .. ids[d] ..
    '","credit_account_id":"' .. ids[c] .. '","amount":' .. math.random(1, 100000) .. ',"code":"bench"}]}'
  return wrk.format("POST", "/api/v1/ledger/transfers", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer ${key.body.secret}"}, body)
end
`);
    const out = execFileSync('wrk', ['-t2', '-c64', `-d${seconds}s`, '--latency', '-s', script, server.base],
      { encoding: 'utf8' });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
    const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
    const p99ms = Number(p99[1]) * ({ us: 0.001, ms: 1, s: 1000 }[p99[2]]);
    const bad = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
    const row = { mode: label, db: process.env.RETAGUARDA_TEST_DB ? 'postgresql' : 'sqlite', handler_args: args.join(' '),
      seconds, accounts, per_second: Math.round(rps), p99_ms: p99ms, non_2xx: bad ? Number(bad[1]) : 0,
      load: loadavg().map((x) => x.toFixed(1)).join(' ') };
    console.log(JSON.stringify(row));
    return row;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await server.stop();
  }
}

const pooled = await run('pooled', ['--handler-threads', handlerThreads]);
const inline = await run('inline', ['--handler-threads', '0']);
console.log(`ledger over HTTP, 64 connections, 1 transfer per request: ${pooled.per_second}/s p99 ${pooled.p99_ms} ms ` +
  `with ${handlerThreads} handler threads = ${(pooled.per_second / inline.per_second).toFixed(1)}x the handlers-on-I/O-threads ` +
  `baseline (${inline.per_second}/s, p99 ${inline.p99_ms} ms); target ≥ 10 000/s, p99 ≤ 20 ms`);
