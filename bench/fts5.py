#!/usr/bin/env python3
"""SQLite FTS5 as a benchmark peer: the same passages in one fts5 table,
queries ranked by bm25() with snippet(), top 10, timed in-process.

    fts5.py build DB passages.ndjson
    fts5.py query DB queries.tsv REPEATS     # prints JSON latencies
"""
import json
import os
import sqlite3
import sys
import time

from bench import percentile


def build(db, ndjson):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE VIRTUAL TABLE passages USING fts5(passage, article UNINDEXED, "
                "tokenize='porter unicode61 remove_diacritics 2')")
    with open(ndjson, encoding="utf-8") as f:
        rows = (((d := json.loads(line))["passage"], d["article"]) for line in f)
        con.executemany("INSERT INTO passages(passage, article) VALUES (?, ?)", rows)
    con.commit()
    con.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    con.commit()
    con.close()


def query(db, queries_tsv, repeats):
    con = sqlite3.connect(db)
    sql = ("SELECT article, snippet(passages, 0, '<b>', '</b>', '…', 24), bm25(passages) "
           "FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 10")
    queries = []
    with open(queries_tsv, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5:
                queries.append((cols[0], cols[4]))
    for _, q in queries:  # warm-up
        con.execute(sql, (q,)).fetchall()
    by_kind, everything, errors = {}, [], 0
    for _ in range(repeats):
        for kind, q in queries:
            t = time.perf_counter()
            try:
                con.execute(sql, (q,)).fetchall()
            except sqlite3.Error:
                errors += 1
            us = (time.perf_counter() - t) * 1e6
            by_kind.setdefault(kind, []).append(us)
            everything.append(us)

    def summary(v):
        return {"n": len(v), "p50_us": percentile(v, 50), "p99_us": percentile(v, 99),
                "mean_us": sum(v) / max(len(v), 1)}

    print(json.dumps({"queries": len(queries), "repeats": repeats, "errors": errors,
                      "all": summary(everything),
                      "by_kind": {k: summary(v) for k, v in by_kind.items()}}))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
