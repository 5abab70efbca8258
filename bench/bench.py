#!/usr/bin/env python3
"""Runs quarry and its peers (tantivy-cli, SQLite FTS5, ripgrep) on the same
generated corpus in one run and writes bench/RESULTS.md. Called by bench/run,
which builds quarry and installs the peers first.

    bench.py WORKDIR [--mb 270] [--queries 200] [--repeats 3] [--small]

--small is the CI smoke mode: a few MB, every step once, no figure judged.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
QUARRY = os.path.join(TARGET, "release/quarry")
BENCH_SEARCH = os.path.join(TARGET, "release/examples/bench_search")

TANTIVY_META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {"name": "article", "type": "text", "options": {
            "indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
            "stored": True, "fast": False}},
        {"name": "passage", "type": "text", "options": {
            "indexing": {"record": "position", "fieldnorms": True, "tokenizer": "en_stem"},
            "stored": True, "fast": False}},
    ],
    "opstamp": 0,
}


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def timed(cmd, stdin=None, cwd=None):
    """Runs cmd; returns (wall seconds, peak RSS MB, stdout). The RSS is the
    child's own, from wait4, so nothing else needs installing."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        inp = open(stdin, "rb") if stdin else None
        try:
            started = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=inp or subprocess.DEVNULL, stdout=out, stderr=err,
                                 cwd=cwd)
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - started
        finally:
            if inp:
                inp.close()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): "
                               f"{err.read().decode(errors='replace')[-2000:]}")
        # ru_maxrss is in kilobytes on Linux.
        return wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def median_run(runs):
    """The run with the median wall time (its RSS and size go with it)."""
    runs = sorted(runs, key=lambda r: r["wall"])
    return runs[len(runs) // 2]


def percentile(values, p):
    """Nearest-rank percentile (0 for no values); fts5.py uses it too."""
    values = sorted(values)
    if not values:
        return 0.0
    rank = max(1, min(len(values), -(-len(values) * p // 100)))
    return values[int(rank) - 1]


def index_quarry(work, threads, repeats):
    runs = []
    for _ in range(repeats):
        idx = os.path.join(work, f"quarry-index-t{threads}")
        shutil.rmtree(idx, ignore_errors=True)
        wall, rss, _ = timed([QUARRY, "index", "corpus", "-i", idx, "-q",
                              "--threads", str(threads)], cwd=work)
        runs.append({"wall": wall, "rss": rss, "size": du(idx)})
    return median_run(runs)


def index_tantivy(work, threads, repeats):
    runs = []
    for _ in range(repeats):
        idx = os.path.join(work, f"tantivy-index-t{threads}")
        shutil.rmtree(idx, ignore_errors=True)
        os.makedirs(idx)
        with open(os.path.join(idx, "meta.json"), "w") as f:
            json.dump(TANTIVY_META, f)
        wall, rss, _ = timed(["tantivy", "index", "-i", idx, "-t", str(threads)],
                             stdin=os.path.join(work, "passages.ndjson"))
        runs.append({"wall": wall, "rss": rss, "size": du(idx)})
    return median_run(runs)


def index_fts5(work, repeats):
    runs = []
    db = os.path.join(work, "fts5.db")
    for _ in range(repeats):
        wall, rss, _ = timed([sys.executable, os.path.join(HERE, "fts5.py"), "build", db,
                              os.path.join(work, "passages.ndjson")])
        runs.append({"wall": wall, "rss": rss, "size": du(db)})
    return median_run(runs)


def tantivy_bench(work, threads, repeats):
    """tantivy-cli's own in-process bench: search (top 10 + count) plus fetching the docs."""
    qfile = os.path.join(work, "tantivy-queries.txt")
    kinds = []
    with open(os.path.join(work, "queries.tsv"), encoding="utf-8") as f, open(qfile, "w") as out:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            kinds.append(cols[0])
            out.write(cols[3] + "\n")
    p = subprocess.run(["tantivy", "bench", "-i", os.path.join(work, f"tantivy-index-t{threads}"),
                        "-q", qfile, "-n", str(repeats + 1)], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"tantivy bench failed: {p.stderr[-2000:]}")
    search, fetch, section = [], [], None
    for line in p.stdout.splitlines():
        if line.startswith("SEARCH"):
            section = search
        elif line.startswith("FETCH STORE"):
            section = fetch
        elif section is not None and "\t" in line and not line.startswith("query"):
            section.append(float(line.rsplit("\t", 1)[1]))
    n = len(kinds)
    # Drop the first repeat (warm-up); a query's time is its search plus its fetch.
    totals = [s + f for s, f in zip(search[n:], fetch[n:])]
    by_kind = {}
    for i, t in enumerate(totals):
        by_kind.setdefault(kinds[i % n], []).append(t)
    return summarize(totals, by_kind)


def summarize(values, by_kind):
    def s(v):
        return {"n": len(v), "p50_us": percentile(v, 50), "p99_us": percentile(v, 99)}
    return {"all": s(values), "by_kind": {k: s(v) for k, v in by_kind.items()}}


def read_queries(work):
    with open(os.path.join(work, "queries.tsv"), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def cold_quarry(work, queries):
    idx = os.path.join(work, "quarry-index-t2")
    times = []
    for cols in queries:
        cmd = [QUARRY, "search", "-i", idx, "--json", "-n", "10", "--", cols[1]]
        if cols[2]:
            cmd[2:2] = ["--speaker", cols[2]]
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True)
        times.append((time.perf_counter() - t) * 1e6)
        if p.returncode > 1:
            raise RuntimeError(f"quarry search {cols[1]!r} failed: {p.stderr.decode()[-500:]}")
    return times


def cold_rg(work, queries):
    times = []
    for cols in queries:
        t = time.perf_counter()
        subprocess.run(["rg", "-F", "-i", "-l", "--", cols[5], "corpus"], cwd=work,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t) * 1e6)
    return times


def incremental(work):
    """Touches one article of the corpus and re-indexes; also a run with nothing changed."""
    idx = os.path.join(work, "quarry-index-t2")
    nothing, _, _ = timed([QUARRY, "index", "corpus", "-i", idx, "-q"], cwd=work)
    victim = os.path.join(work, "corpus/000/gen000000.txt")
    with open(victim, "a", encoding="utf-8") as f:
        f.write(f"\n“A late addition at {time.time()},” Rubio said.\n")
    one, rss, _ = timed([QUARRY, "index", "corpus", "-i", idx, "-q", "--json"], cwd=work)
    return {"nothing_changed_s": nothing, "one_file_s": one, "rss_mb": rss}


def load_test(work, queries, clients=32, requests=3000):
    """`quarry serve` on the 2-thread index under `clients` concurrent
    clients on loopback, `requests` searches in all (the queries in turn);
    stops by itself. Returns throughput and latency percentiles."""
    import http.client
    import threading
    import urllib.parse
    idx = os.path.join(work, "quarry-index-t2")
    server = subprocess.Popen([QUARRY, "serve", "-i", idx, "--addr", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        host, port = line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)
        paths = []
        for cols in queries:
            params = {"q": cols[1], "n": "10"}
            if len(cols) > 2 and cols[2]:
                params["speaker"] = cols[2]
            paths.append("/api/search?" + urllib.parse.urlencode(params))
        lock = threading.Lock()
        state = {"next": 0, "errors": 0}
        times = []

        def client():
            conn = http.client.HTTPConnection(host, int(port), timeout=30)
            while True:
                with lock:
                    i = state["next"]
                    state["next"] += 1
                if i >= requests:
                    break
                t = time.perf_counter()
                try:
                    conn.request("GET", paths[i % len(paths)])
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 200
                except OSError:
                    ok = False
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
                with lock:
                    times.append((time.perf_counter() - t) * 1e6)
                    state["errors"] += 0 if ok else 1
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    times.sort()
    return {"clients": clients, "requests": requests, "errors": state["errors"],
            "throughput": requests / wall, "p50_us": percentile(times, 50),
            "p99_us": percentile(times, 99)}


def fmt_ms(us):
    return f"{us / 1000:.2f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--mb", type=float, default=270)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--out", default=None,
                    help="default bench/RESULTS.md (bench/RESULTS-worst-case.md for that corpus)")
    ap.add_argument("--corpus", choices=["realistic", "worst-case"], default="realistic",
                    help="realistic: varied copies, most quotations reported 1-3 times; "
                         "worst-case: every paragraph copied as is, ~60 reports each")
    args = ap.parse_args()
    if args.small:
        args.mb, args.queries, args.repeats = 3, 20, 1
    if args.out is None:
        suffix = "" if args.corpus == "realistic" else f"-{args.corpus}"
        args.out = os.path.join(HERE, f"RESULTS{suffix}.md")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    have = {tool: shutil.which(tool) is not None for tool in ("tantivy", "rg")}
    for tool, ok in have.items():
        if not ok:
            log(f"{tool} is not installed: its rows are left out (bench/run installs it)")

    made_path = os.path.join(work, "corpus.json")
    made = json.load(open(made_path)) if os.path.exists(made_path) else None
    if (not made or made.get("target_mb") != args.mb or made.get("n_queries") != args.queries
            or made.get("shape") != args.corpus):
        shutil.rmtree(os.path.join(work, "corpus"), ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), work,
                        "--mb", str(args.mb), "--queries", str(args.queries),
                        "--shape", args.corpus,
                        "--bundled", os.path.join(ROOT, "corpus")], check=True, cwd=ROOT)
        made = json.load(open(made_path))
        made["target_mb"], made["n_queries"] = args.mb, args.queries
        json.dump(made, open(made_path, "w"), indent=1)
    mb, articles = made["bytes"] / 1e6, made["articles"]
    log(f"corpus: {articles} articles, {made['passages']} passages, {mb:.1f} MB")

    rows = []  # indexing
    for threads in (1, 2):
        log(f"indexing: quarry, {threads} thread(s)")
        rows.append((f"quarry (extraction on), {threads} thread{'s' * (threads > 1)}",
                     index_quarry(work, threads, args.repeats)))
        if have["tantivy"]:
            log(f"indexing: tantivy-cli, {threads} thread(s)")
            rows.append((f"tantivy-cli, {threads} thread{'s' * (threads > 1)}",
                         index_tantivy(work, threads, args.repeats)))
    log("indexing: SQLite FTS5")
    rows.append(("SQLite FTS5 (1 thread)", index_fts5(work, args.repeats)))

    log("queries: quarry in-process")
    p = subprocess.run([BENCH_SEARCH, os.path.join(work, "quarry-index-t2"),
                        os.path.join(work, "queries.tsv"), str(args.repeats)],
                       capture_output=True, text=True, check=True)
    lat = {"quarry": json.loads(p.stdout)}
    if lat["quarry"]["errors"]:
        raise RuntimeError(f"quarry: {lat['quarry']['errors']} queries failed")
    log("queries: SQLite FTS5 in-process")
    p = subprocess.run([sys.executable, os.path.join(HERE, "fts5.py"), "query",
                        os.path.join(work, "fts5.db"), os.path.join(work, "queries.tsv"),
                        str(args.repeats)], capture_output=True, text=True, check=True)
    lat["fts5"] = json.loads(p.stdout)
    if have["tantivy"]:
        log("queries: tantivy-cli bench")
        lat["tantivy"] = tantivy_bench(work, 2, args.repeats)

    queries = read_queries(work)
    cold_n = min(len(queries), 50)
    log(f"cold CLI: quarry ({cold_n} queries)")
    step = max(len(queries) // cold_n, 1)
    cold = {"quarry": cold_quarry(work, queries[::step][:cold_n])}
    if have["rg"]:
        rg_n = min(len(queries), 20)
        log(f"cold CLI: ripgrep ({rg_n} queries)")
        cold["rg"] = cold_rg(work, queries[::max(len(queries) // rg_n, 1)][:rg_n])
    log("load test: quarry serve")
    load = load_test(work, queries, requests=300 if args.small else 3000)
    log("incremental update")
    inc = incremental(work)

    # ---- RESULTS.md ----
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    out = []
    w = out.append
    mode = "small smoke run (figures not meaningful)" if args.small else "full run"
    w(f"# Benchmark results — {mode}\n")
    w(f"Generated by `bench/run{' --small' if args.small else ''}"
      f"{' --corpus ' + args.corpus if args.corpus != 'realistic' else ''}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
      f"{os.cpu_count()} cores ({cpu or platform.machine()}), Python {platform.python_version()}, "
      f"SQLite {__import__('sqlite3').sqlite_version}. All contenders ran in this one run on the same text; "
      f"the machine is shared and noisy, so the **ratios** are the figures that count.\n")
    spread = ", ".join(f"{k}: {v}" for k, v in sorted(
        made.get("reports_per_quotation", {}).items(), key=lambda kv: int(kv[0].split("-")[0].lstrip(">"))))
    w(f"**Corpus** (`--corpus {made.get('shape', 'worst-case')}`): {articles} articles, {made['passages']} "
      f"passages, {mb:.1f} MB of text, composed "
      f"(seed {made['seed']}) from {made['source_paragraphs']} paragraphs of {made['source_articles']} real "
      f"articles (PolNeAR + the bundled five) by `bench/gen_corpus.py`; {made.get('quotations', 0)} "
      f"distinct quotations, how many times each is reported: {spread} (most {made.get('most_reports', 0)}). "
      f"tantivy-cli and FTS5 index the same "
      f"passages as NDJSON; quarry indexes the article files and also extracts and indexes "
      f"every quotation with speaker and outlet.\n")
    w(f"## Indexing (median of {args.repeats})\n")
    w("| contender | wall | MB/s | articles/s | peak RSS | index size |")
    w("|---|---|---|---|---|---|")
    for name, r in rows:
        w(f"| {name} | {r['wall']:.1f} s | {mb / r['wall']:.1f} | {articles / r['wall']:.0f} | "
          f"{r['rss']:.0f} MB | {r['size'] / 1e6:.0f} MB |")
    by_name = dict(rows)
    w("")
    for threads in (1, 2):
        q = by_name[f"quarry (extraction on), {threads} thread{'s' * (threads > 1)}"]
        t = by_name.get(f"tantivy-cli, {threads} thread{'s' * (threads > 1)}")
        if t:
            w(f"- quarry / tantivy-cli throughput, {threads} thread(s): **{t['wall'] / q['wall']:.2f}×** (target ≥ 0.6×)")
    q1 = by_name["quarry (extraction on), 1 thread"]
    q2 = by_name["quarry (extraction on), 2 threads"]
    w(f"- quarry 2 threads / 1 thread: **{q1['wall'] / q2['wall']:.2f}×** (target ≥ 1.6×)")
    f = by_name["SQLite FTS5 (1 thread)"]
    w(f"- quarry (2 threads) / SQLite FTS5 throughput: **{f['wall'] / q2['wall']:.2f}×** (target ≥ 1.0×)")
    t2 = by_name.get("tantivy-cli, 2 threads")
    if t2:
        w(f"- quarry / tantivy-cli index size: **{q2['size'] / t2['size']:.2f}×** (target ≤ 1.4×)")
    w(f"- quarry peak RSS: {max(by_name[n]['rss'] for n in by_name if n.startswith('quarry')):.0f} MB (target ≤ 1024 MB)\n")

    w(f"## Queries: top 10, in-process ({len(queries)} queries × {args.repeats} repeats after one warm-up)\n")
    w("quarry: ranked hits with snippets, highlights and other reports of each quotation (what `quarry search` "
      "returns). FTS5: `bm25()` top 10 with `snippet()`. tantivy-cli: its `bench` command (top 10 + count, then "
      "fetching the 10 documents; no snippets). Speaker-filtered queries use `--speaker` in quarry; the peers, "
      "which have no speaker field, get the speaker's name as one more required term.\n")
    kinds = sorted(lat["quarry"]["by_kind"])
    heads = ["quarry"] + (["tantivy-cli"] if "tantivy" in lat else []) + ["FTS5"]
    keys = ["quarry"] + (["tantivy"] if "tantivy" in lat else []) + ["fts5"]
    w("| query kind | " + " | ".join(f"{h} p50 | {h} p99" for h in heads) + " |")
    w("|---|" + "---|---|" * len(heads))
    for k in kinds + ["all"]:
        cells = []
        for key in keys:
            s = lat[key]["all"] if k == "all" else lat[key]["by_kind"].get(k, {})
            cells += [fmt_ms(s.get("p50_us", 0)), fmt_ms(s.get("p99_us", 0))]
        w(f"| {'**all**' if k == 'all' else k} | " + " | ".join(cells) + " |")
    qa, fa = lat["quarry"]["all"], lat["fts5"]["all"]
    w("")
    w(f"- quarry p50: **{fmt_ms(qa['p50_us'])}** (target ≤ 0.8 ms), p99: **{fmt_ms(qa['p99_us'])}** (target ≤ 4 ms for every kind); FTS5 / quarry: p50 **{fa['p50_us'] / qa['p50_us']:.1f}×**, "
      f"p99 **{fa['p99_us'] / qa['p99_us']:.1f}×** (target > 1×)")
    if "tantivy" in lat:
        ta = lat["tantivy"]["all"]
        w(f"- tantivy-cli / quarry: p50 {ta['p50_us'] / qa['p50_us']:.2f}×, p99 {ta['p99_us'] / qa['p99_us']:.2f}× "
          "(tantivy-cli makes no snippets)")
    w("")
    w("## Whole CLI calls, cold process\n")
    cq = cold["quarry"]
    w(f"`quarry search … --json -n 10` as a new process per query ({len(cq)} queries): "
      f"p50 **{fmt_ms(percentile(cq, 50))}** (target ≤ 8 ms), p99 **{fmt_ms(percentile(cq, 99))}** (target ≤ 15 ms).")
    if "rg" in cold:
        cr = cold["rg"]
        w(f"`rg -F -i -l LITERAL corpus/` (no index; the first word for AND queries, the words for phrases; "
          f"{len(cr)} queries): p50 {fmt_ms(percentile(cr, 50))}, p99 {fmt_ms(percentile(cr, 99))}. "
          f"ripgrep / quarry cold CLI at p50: **{percentile(cr, 50) / percentile(cq, 50):.0f}×**; "
          f"ripgrep / quarry in-process at p50: **{percentile(cr, 50) / qa['p50_us']:.0f}×** (target ≥ 100×).")
    w("")
    w("## `quarry serve` under load\n")
    w(f"{load['clients']} concurrent clients on loopback (Python threads, one keep-alive connection each), "
      f"{load['requests']} `/api/search` requests (the benchmark's queries in turn, top 10 as JSON): "
      f"**{load['throughput']:.0f} requests/s**, p50 {fmt_ms(load['p50_us'])}, p99 **{fmt_ms(load['p99_us'])}**, "
      f"{load['errors']} errors (target ≥ 2,000 requests/s at p99 ≤ 60 ms). The server runs at most 16 searches at once on the machine's cores; the "
      f"latency includes the wait for a free one.\n")
    w("## Incremental update\n")
    w(f"On the {articles}-article index: `quarry index` with nothing changed: **{inc['nothing_changed_s']:.2f} s**; "
      f"after appending a paragraph to one article: **{inc['one_file_s']:.2f} s** (target ≤ 0.5 s; "
      f"only that file is read and its documents replaced), peak RSS {inc['rss_mb']:.0f} MB.\n")
    text = "\n".join(out) + "\n"
    with open(args.out, "w", encoding="utf-8") as fo:
        fo.write(text)
    print(text)
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
