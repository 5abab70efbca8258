#!/usr/bin/env python3
"""Leave one publisher out: how quarry does on a newspaper it learned nothing from.

usage: eval/lopo.py SHARED_DIR QUARRY_BINARY LEARN_MODELS_BINARY

quarry learns seven things from PolNeAR: its table of cue words
(eval/learn_cues.py), its attribution labeller, its cue model, its end
model, its verifier, its antecedent model and its description model
(examples/learn_models.rs). For each of the seven publishers this learns
all seven from the train and dev articles of the other six, extracts the
publisher's own articles of both splits with them (`quarry extract
--learned-cues --cue-model --ends --verifier --antecedents --descriptions
--spans`), and scores them with the shared scorer on the figures
that are exact on both splits: content F1, source accuracy and named
attributed F1 over all attributions (speakers of pronouns and descriptions
are hand-checked on dev only, so direct attributed F1 is shown but only
indicative). Prints a table with the mean and the worst publisher.
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

from pieces import scored_lines

FIGURES = [
    ("all_content_f1", "content F1 (all)"),
    ("all_source_accuracy", "source accuracy (all)"),
    ("all_named_attributed_f1", "named attributed F1 (all)"),
    ("attributed_f1", "direct attributed F1*"),
]


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def score(scorer, gold, text_dir, pred):
    return json.loads(run([sys.executable, scorer, gold, text_dir, pred]).splitlines()[-1])


def main():
    shared, quarry, learner = sys.argv[1:4]
    data = os.path.join(shared, "data/polnear")
    scorer = os.path.join(shared, "eval/score_quotes.py")
    here = os.path.dirname(os.path.abspath(__file__))
    rows = defaultdict(list)
    text_of = {}
    for split in ("train", "dev"):
        for line in open(os.path.join(data, f"gold-{split}.jsonl")):
            r = json.loads(line)
            rows[r["publisher"]].append(r)
            text_of[r["article"]] = os.path.join(data, split, "text", r["article"])
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for publisher in sorted(rows):
            cues = os.path.join(tmp, "cues.tsv")
            with open(cues, "w") as f:
                f.write(run([sys.executable, os.path.join(here, "learn_cues.py"), shared,
                             "--splits", "train,dev", "--without", publisher]))
            run([learner, shared, "--splits", "train,dev", "--without", publisher,
                 "--learned-cues", cues, "--out", tmp])
            texts = os.path.join(tmp, publisher)
            os.makedirs(texts)
            for article in {r["article"] for r in rows[publisher]}:
                os.symlink(os.path.abspath(text_of[article]), os.path.join(texts, article))
            gold = os.path.join(tmp, f"{publisher}.gold.jsonl")
            with open(gold, "w") as f:
                f.writelines(json.dumps(r) + "\n" for r in rows[publisher])
            preds = run([quarry, "extract", "--jsonl", "--follow", "--learned-cues", cues,
                         "--cue-model", os.path.join(tmp, "cue_model.tsv"),
                         "--ends", os.path.join(tmp, "ends.tsv"),
                         "--verifier", os.path.join(tmp, "verifier.tsv"),
                         "--antecedents", os.path.join(tmp, "antecedent.tsv"),
                         "--descriptions", os.path.join(tmp, "descriptions.tsv"),
                         "--spans", os.path.join(tmp, "spans.bin"), texts])
            every = os.path.join(tmp, f"{publisher}.all.jsonl")
            quotes = os.path.join(tmp, f"{publisher}.quotes.jsonl")
            lines = list(scored_lines(preds.splitlines()))
            with open(every, "w") as f:
                f.writelines(lines)
            with open(quotes, "w") as f:
                f.writelines(l for l in lines if '"kind":"quote"' in l)
            direct = score(scorer, gold, texts, quotes)
            every_figures = score(scorer, gold, texts, every)
            table[publisher] = {
                "attributed_f1": direct["attributed_f1"],
                **{k: v for k, v in every_figures.items() if k.startswith("all_")},
            }
    header = f"{'held-out publisher':<22}" + "".join(f"{label:>28}" for _, label in FIGURES)
    print(header)
    for publisher, figures in table.items():
        print(f"{publisher:<22}" + "".join(f"{figures[k]:>28.3f}" for k, _ in FIGURES))
    mean = {k: sum(f[k] for f in table.values()) / len(table) for k, _ in FIGURES}
    worst = {k: min(f[k] for f in table.values()) for k, _ in FIGURES}
    print(f"{'mean':<22}" + "".join(f"{mean[k]:>28.3f}" for k, _ in FIGURES))
    print(f"{'worst':<22}" + "".join(f"{worst[k]:>28.3f}" for k, _ in FIGURES))
    print(f"{'mean - worst':<22}" + "".join(f"{mean[k] - worst[k]:>28.3f}" for k, _ in FIGURES))
    print("* direct attributed F1 reads train's automatic pronoun speakers: indicative only")
    print(json.dumps({"lopo": table, "mean": mean, "worst": worst}, sort_keys=True))


if __name__ == "__main__":
    main()
