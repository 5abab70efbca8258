#!/usr/bin/env python3
"""Each PolNeAR publisher's figures, their mean and the worst publisher.

usage: by_publisher.py SCORER DATA_DIR SPLIT PRED.jsonl

quarry's extraction is rules and tables, with nothing fitted per
publisher, so leaving one publisher out changes nothing to train: what
this shows is how evenly the figures hold across newspapers. Each
publisher is scored on its own articles of SPLIT with the shared scorer
(the direct block on quarry's quotations, the all-attributions block on
everything), and the figures that are exact on every split are tabled.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

FIGURES = [
    ("attributed_f1", "direct attributed F1"),
    ("quote_f1", "direct quote F1"),
    ("all_content_f1", "content F1 (all)"),
    ("all_source_accuracy", "source accuracy (all)"),
    ("all_named_attributed_f1", "named attributed F1 (all)"),
]


def score(scorer, gold, text_dir, pred):
    out = subprocess.run(
        [sys.executable, scorer, gold, text_dir, pred],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main():
    scorer, data, split, pred_path = sys.argv[1:5]
    gold_rows = [json.loads(l) for l in open(os.path.join(data, f"gold-{split}.jsonl"))]
    publisher_of = {r["article"]: r["publisher"] for r in gold_rows}
    gold_by = defaultdict(list)
    for r in gold_rows:
        gold_by[r["publisher"]].append(r)
    pred_by = defaultdict(list)
    for line in open(pred_path):
        p = json.loads(line)
        publisher = publisher_of.get(os.path.basename(p["path"]))
        if publisher:
            pred_by[publisher].append(p)
    text_dir = os.path.join(data, split, "text")
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for publisher in sorted(gold_by):
            gold = os.path.join(tmp, "gold.jsonl")
            with open(gold, "w") as f:
                f.writelines(json.dumps(r) + "\n" for r in gold_by[publisher])
            runs = {}
            for name, keep in (("quotes", lambda p: p.get("kind", "quote") == "quote"), ("all", lambda p: True)):
                path = os.path.join(tmp, f"{name}.jsonl")
                with open(path, "w") as f:
                    f.writelines(json.dumps(p) + "\n" for p in pred_by[publisher] if keep(p))
                runs[name] = score(scorer, gold, text_dir, path)
            table[publisher] = {
                key: runs["all" if key.startswith("all_") else "quotes"][key] for key, _ in FIGURES
            }
    names = sorted(table)
    print(f"{'publisher':<22}" + "".join(f"{label:>28}" for _, label in FIGURES))
    for n in names:
        print(f"{n:<22}" + "".join(f"{table[n][k]:>28.3f}" for k, _ in FIGURES))
    means = {k: sum(table[n][k] for n in names) / len(names) for k, _ in FIGURES}
    worst = {k: min(table[n][k] for n in names) for k, _ in FIGURES}
    print(f"{'mean':<22}" + "".join(f"{means[k]:>28.3f}" for k, _ in FIGURES))
    print(f"{'worst':<22}" + "".join(f"{worst[k]:>28.3f}" for k, _ in FIGURES))
    print(f"{'mean - worst':<22}" + "".join(f"{means[k] - worst[k]:>28.3f}" for k, _ in FIGURES))
    print(json.dumps({"by_publisher": table, "mean": means, "worst": worst}, sort_keys=True))


if __name__ == "__main__":
    main()
