#!/usr/bin/env python3
"""Builds the benchmark corpus: new articles composed, with a seeded
generator, from paragraphs of different real articles (PolNeAR's 924 and
the five bundled ones), so that no two documents are byte-identical and term
statistics stay those of real news. Also writes the same passages as NDJSON
(for tantivy-cli and SQLite FTS5) and a fixed set of queries.

    gen_corpus.py OUT --mb 250 --seed 1 [--queries 200] [--shape realistic|worst-case]

Two shapes. A 270 MB corpus draws each of the ~20k real paragraphs about
60 times. `worst-case` copies them as they are, so every quotation is
reported about 60 times: the worst case for grouping reports of the same
words. `realistic` (the default) varies each copy: names, numbers and
words are swapped for others drawn from pools of the real paragraphs'
own (outside quotation marks a name in two, a number in ten... see
MUTATE), and a paragraph's quoted words are kept word for word only as
many times as its quota, drawn from a Pareto law (alpha 1.2, at most 100):
most quotations are reported once to three times, a few popular ones
50-100 times, as in news. The other copies get a third of their quoted
words swapped: new quotations. corpus.json counts how often each
quotation is reported.

OUT/corpus/NNN/gen*.txt   the articles (1000 per folder)
OUT/passages.ndjson       {"article", "passage"} per body paragraph
OUT/queries.tsv           kind, query, speaker, tantivy query, FTS5 query, literal
OUT/corpus.json           what was made
"""
import argparse
import collections
import glob
import json
import os
import random
import re
import sys

STOP = set("""a an the and or but of to in on at for from by with as is was were be been
are it its this that these those he she they we you i his her their our your not no
said says say has have had will would could should can may might do does did than
then so if about after before into over more most also who what which when where
there here all any some one two new mr ms mrs""".split())

# People PolNeAR quotes often: the speaker-filtered queries use them.
SPEAKERS = ["Trump", "Clinton", "Sanders", "Obama", "Cruz", "Rubio", "Ryan", "Kasich",
            "Pence", "Kaine", "McConnell", "Christie", "Bush", "Warren", "Biden"]

WORD = re.compile(r"[A-Za-z][a-z]{2,}")
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d|\s+|.", re.S)
QUOTED = re.compile(r"“([^”]{20,})”|\"([^\"]{20,})\"")
# Chance that a token outside quotation marks is swapped, by kind; inside
# them, for a copy that is not a report of the same words.
MUTATE = {"name": 0.5, "number": 0.7, "word": 0.1}
MUTATE_QUOTED = 0.35
# Most reports of one quotation (the Pareto law's cap) and its alpha.
MAX_REPORTS = 100
REPORTS_ALPHA = 1.2


def pools(paragraphs):
    """Names, numbers and content words of the real paragraphs."""
    found = {"name": set(), "number": set(), "word": set()}
    for _, p in paragraphs:
        prev = "."
        for m in TOKEN.finditer(p):
            t = m.group()
            kind = kind_of(t, prev)
            if kind is not None:
                found[kind].add(t)
            if not t.isspace():
                prev = t[-1]
    return sorted(found["name"]), sorted(found["number"]), sorted(found["word"])


def kind_of(token, prev):
    if token[0].isdigit():
        return "number"
    if token[0].isalpha():
        if token[0].isupper() and prev not in ".!?“\"" and token.lower() not in STOP:
            return "name"
        if token.islower() and len(token) > 3 and token not in STOP:
            return "word"
    return None


def vary(paragraph, keep_quotes, pool, rng):
    """A copy of `paragraph` with tokens swapped from `pool` (names,
    numbers, words); its quoted words kept when `keep_quotes`."""
    names, numbers, words = pool
    source = {"name": names, "number": numbers, "word": words}
    out, quoted, prev = [], False, "."
    for m in TOKEN.finditer(paragraph):
        t = m.group()
        if t in "“”\"":
            quoted = (t == "“") or (t == '"' and not quoted)
            out.append(t)
            prev = t
            continue
        kind = kind_of(t, prev)
        if not t.isspace():
            prev = t[-1]
        if kind is not None and source[kind]:
            if quoted and keep_quotes:
                chance = 0
            elif quoted and kind == "word":
                chance = MUTATE_QUOTED
            else:
                chance = MUTATE[kind]
            if rng.random() < chance:
                t = rng.choice(source[kind])
        out.append(t)
    return "".join(out)


def read_pool(shared, bundled):
    paragraphs, titles = [], []
    files = sorted(glob.glob(os.path.join(shared, "data/polnear/*/text/*.txt")))
    files += sorted(glob.glob(os.path.join(bundled, "*.txt")))
    if not files:
        sys.exit(f"gen_corpus: no articles under {shared}/data/polnear or {bundled}")
    if not any("/polnear/" in f for f in files):
        print(f"gen_corpus: PolNeAR is absent from {shared}: composing from {bundled} only",
              file=sys.stderr)
    for source, path in enumerate(files):
        with open(path, encoding="utf-8") as f:
            lines = [l.strip() for l in f if l.strip()]
        if not lines:
            continue
        titles.append(lines[0])
        paragraphs.extend((source, l) for l in lines[1:] if len(l) > 60)
    return files, titles, paragraphs


def make_queries(paragraphs, n, rng):
    freq = collections.Counter()
    for _, p in paragraphs:
        freq.update(w.lower() for w in WORD.findall(p))
    words = [w for w, _ in freq.most_common() if w not in STOP]
    common = words[:300]
    rare = [w for w in words if 5 <= freq[w] <= 30]
    queries = []
    per = max(n // 5, 1)

    def add(kind, words_, speaker="", phrase=False):
        if phrase:
            q = '"' + " ".join(words_) + '"'
            tq, fq, lit = q, q, " ".join(words_)
        elif len(words_) == 1:
            q = tq = words_[0]
            fq, lit = f'"{words_[0]}"', words_[0]
        else:
            # Every word required, as the peers' AND: plain words would be
            # read as a question (any word, all-words hits first).
            q = tq = " ".join("+" + w for w in words_)
            fq = " AND ".join(f'"{w}"' for w in words_)
            lit = words_[0]
        if speaker:
            # Peers have no speaker field: the closest is the name in the passage.
            tq = f"+{tq.lstrip('+')} +{speaker.lower()}" if len(words_) == 1 else tq + f" +{speaker.lower()}"
            fq = f'{fq} AND "{speaker.lower()}"'
        queries.append((kind, q, speaker, tq, fq, lit))

    for w in rng.sample(common, per):
        add("common term", [w])
    for w in rng.sample(rare, per):
        add("rare term", [w])
    while len(queries) < 3 * per:
        _, p = rng.choice(paragraphs)
        ws = [w.lower() for w in WORD.findall(p) if w.lower() not in STOP]
        if len(ws) >= 2:
            add("two-term AND", rng.sample(ws, 2))
    while len(queries) < 4 * per:
        _, p = rng.choice(paragraphs)
        toks = p.split()
        i = rng.randrange(max(len(toks) - 1, 1))
        pair = [re.sub(r"[^A-Za-z]", "", t).lower() for t in toks[i:i + 2]]
        if len(pair) == 2 and all(len(t) > 2 for t in pair) and not all(t in STOP for t in pair):
            add("phrase", pair, phrase=True)
    while len(queries) < n:
        add("speaker-filtered", [rng.choice(common[:150])], speaker=rng.choice(SPEAKERS))
    return queries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=250)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--shared", default=os.environ.get("QUARRY_SHARED", "../shared"))
    ap.add_argument("--bundled", default="corpus")
    ap.add_argument("--shape", choices=["realistic", "worst-case"], default="realistic")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files, titles, pool = read_pool(args.shared, args.bundled)
    realistic = args.shape == "realistic"
    swaps = pools(pool) if realistic else None
    # How many times each paragraph's quoted words may be reported as they are.
    quota = [min(MAX_REPORTS, int(rng.paretovariate(REPORTS_ALPHA))) for _ in pool]
    reported = [0] * len(pool)
    reports = collections.Counter()
    corpus = os.path.join(args.out, "corpus")
    os.makedirs(corpus, exist_ok=True)
    target = int(args.mb * 1e6)
    written = articles = passages = 0
    with open(os.path.join(args.out, "passages.ndjson"), "w", encoding="utf-8") as nd:
        while written < target:
            folder = os.path.join(corpus, f"{articles // 1000:03d}")
            if articles % 1000 == 0:
                os.makedirs(folder, exist_ok=True)
            name = os.path.join(folder, f"gen{articles:06d}.txt")
            body, used = [], set()
            for _ in range(rng.randint(6, 14)):
                i = rng.randrange(len(pool))
                source, p = pool[i]
                if source in used:  # paragraphs of different real articles
                    continue
                used.add(source)
                if realistic:
                    keep = reported[i] < quota[i]
                    reported[i] += keep
                    p = vary(p, keep, swaps, rng)
                for m in QUOTED.finditer(p):
                    reports[m.group(1) or m.group(2)] += 1
                body.append(p)
            text = rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"
            data = text.encode("utf-8")
            with open(name, "wb") as f:
                f.write(data)
            rel = os.path.relpath(name, args.out)
            for p in body:
                nd.write(json.dumps({"article": rel, "passage": p}, ensure_ascii=False) + "\n")
            written += len(data)
            articles += 1
            passages += len(body)
    queries = make_queries(pool, args.queries, rng)
    with open(os.path.join(args.out, "queries.tsv"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write("\t".join(q) + "\n")
    spread = collections.Counter()
    for n in reports.values():
        spread["1" if n == 1 else "2-3" if n <= 3 else "4-9" if n <= 9 else
               "10-49" if n <= 49 else "50-100" if n <= 100 else ">100"] += 1
    made = {"seed": args.seed, "shape": args.shape,
            "quotations": len(reports), "reports_per_quotation": dict(spread),
            "most_reports": max(reports.values(), default=0),
            "source_articles": len(files), "source_paragraphs": len(pool),
            "articles": articles, "passages": passages, "bytes": written,
            "queries": collections.Counter(q[0] for q in queries)}
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(made, f, indent=1)
    print(f"gen_corpus: {articles} articles, {passages} passages, {written / 1e6:.1f} MB "
          f"from {len(pool)} paragraphs of {len(files)} real articles (seed {args.seed}, "
          f"{args.shape}); {len(reports)} quotations, reported {dict(spread)} times; "
          f"{len(queries)} queries", file=sys.stderr)


if __name__ == "__main__":
    main()
