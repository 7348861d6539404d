"""Shared by the Python peers: the word regex and the corpus reader, so both peers see the same words."""
import json
import re

# Arabic letters, hamza forms, diacritics (U+064B-U+065F), tatweel, superscript alef and the extended
# letters up to U+06D3; Arabic-Indic digits (U+0660-U+0669) and punctuation are outside it.
ARABIC_WORD = re.compile("[\u0621-\u065f\u0670-\u06d3]+")


def load_texts(path):
    """Read TEXTS: one JSON string per line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def parse_runs(args):
    """`--runs N` (default 1)."""
    if len(args) >= 2 and args[0] == "--runs":
        return max(1, int(args[1]))
    return 1
