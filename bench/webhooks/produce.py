#!/usr/bin/env python3
"""Publishes bench events into a Retaguarda database's `events` outbox, the row that
EventLog::publish writes in a business transaction, so the running server fans them out.

  produce.py <db> <tenant_id> <count> <rate>   # rate 0: as fast as possible (500 per commit)

<db> is a SQLite file or a postgresql:// URL (fed to psql). Ids follow the server's layout
(ms since 2025-01-01 | node id | sequence) with node id 1023; the bench starts the server
with --node-id 1, so the two never draw the same id.
Prints the wall time (ms) of the first and last commit."""
import json
import subprocess
import sys
import time

EPOCH_MS = 1735689600000
NODE = 1023


class Ids:
    def __init__(self):
        self.last_ms = 0
        self.seq = 0

    def next(self):
        now_ms = int(time.time() * 1000) - EPOCH_MS
        if now_ms <= self.last_ms:
            self.seq += 1
            if self.seq >= 4096:
                self.last_ms += 1
                self.seq = 0
        else:
            self.last_ms = now_ms
            self.seq = 0
        return (self.last_ms << 22) | (NODE << 12) | self.seq


def rows(ids, tenant, n, start):
    out = []
    for i in range(start, start + n):
        now_us = int(time.time() * 1_000_000)
        payload = json.dumps({"operator_id": str(100000 + i), "seq": i}, separators=(",", ":"))
        out.append((tenant, ids.next(), "operator.updated", "operator", str(100000 + i), payload, None, now_us))
    return out


def main():
    db, tenant, count, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    batch = 500 if rate <= 0 else max(1, int(rate / 100))  # paced: a commit every ~10 ms
    ids = Ids()
    sql = ("INSERT INTO events (tenant_id, id, type, subject_type, subject_id, payload, request_id, occurred_at_us)"
           " VALUES ")
    if db.startswith("postgresql://"):
        psql = subprocess.Popen(["psql", db, "-q", "-v", "ON_ERROR_STOP=1"], stdin=subprocess.PIPE, text=True)

        def commit(values):
            text = ",".join("(%d,%d,'%s','%s','%s','%s',NULL,%d)" % (t, i, ty, st, si, p, at)
                            for (t, i, ty, st, si, p, _, at) in values)
            psql.stdin.write(sql + text + ";\n")
            psql.stdin.flush()
    else:
        import sqlite3
        conn = sqlite3.connect(db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=30000")

        def commit(values):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(sql + "(?, ?, ?, ?, ?, ?, ?, ?)", values)
            conn.execute("COMMIT")

    started = time.time()
    first = None
    done = 0
    while done < count:
        n = min(batch, count - done)
        if rate > 0:
            due = started + done / rate
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
        commit(rows(ids, tenant, n, done))
        if first is None:
            first = time.time()
        done += n
    if db.startswith("postgresql://"):
        psql.stdin.close()
        if psql.wait() != 0:
            sys.exit("psql failed")
    print(json.dumps({"first_commit_ms": int(first * 1000), "last_commit_ms": int(time.time() * 1000),
                      "events": done}))


if __name__ == "__main__":
    main()
