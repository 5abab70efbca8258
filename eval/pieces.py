#!/usr/bin/env python3
"""quarry's statements as the scorer reads predictions: one line a span.

usage: pieces.py < EXTRACT.jsonl > SCORED.jsonl

A statement whose attribution stands inside its content ("The latest
test, North Korea said, was its biggest yet") carries its `pieces`;
PolNeAR's gold gives such a content as pieces too, and the scorer takes
one span a line, so each piece becomes a line of its own (its speaker,
source and cue the statement's, its `quote` the piece's words). Other
lines pass unchanged.
"""
import json
import sys


def scored_lines(lines):
    """The lines of `lines` (`quarry extract --jsonl` output), a statement
    in pieces given as one line a piece."""
    texts = {}
    for line in lines:
        if '"pieces"' not in line:
            yield line if line.endswith("\n") else line + "\n"
            continue
        row = json.loads(line)
        pieces = row.pop("pieces")
        if row["path"] not in texts:
            with open(row["path"], "rb") as f:
                texts[row["path"]] = f.read()
        text = texts[row["path"]]
        for start, end in pieces:
            piece = dict(row, start=start, end=end,
                         quote=text[start:end].decode("utf-8"))
            yield json.dumps(piece, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.writelines(scored_lines(sys.stdin))
