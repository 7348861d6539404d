"""Peer benchmark: NLTK's ISRI Arabic stemmer on every Arabic word of the corpus.

Run with Debian's system Python (it has python3-nltk): /usr/bin/python3 bench/peers/isri.py TEXTS [--runs N]
TEXTS holds one JSON string (an article) per line. Only the tokenize + stem loop is timed
(reading the file and decoding JSON are not). Prints one JSON object on stdout.
"""
import json
import sys
import time

from nltk import __version__ as nltk_version
from nltk.stem.isri import ISRIStemmer

from words import ARABIC_WORD, load_texts, parse_runs


def one_pass(texts, stem):
    """Tokenize every text with a simple regex and stem every Arabic word; returns (words, seconds)."""
    findall = ARABIC_WORD.findall
    words = 0
    sink = 0
    start = time.perf_counter()
    for text in texts:
        for word in findall(text):
            sink += len(stem(word))
            words += 1
    seconds = time.perf_counter() - start
    return words, seconds, sink


def main():
    texts = load_texts(sys.argv[1])
    runs = parse_runs(sys.argv[2:])
    stemmer = ISRIStemmer()
    best = None
    for _ in range(runs):
        words, seconds, sink = one_pass(texts, stemmer.stem)
        if best is None or seconds < best[1]:
            best = (words, seconds, sink)
    words, seconds, sink = best
    print(json.dumps({
        "peer": "nltk-isri",
        "version": "nltk " + nltk_version + ", Python " + sys.version.split()[0],
        "docs": len(texts),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "words": words,
        "seconds": seconds,
        "runs": runs,
        "stem_chars": sink,
    }))


if __name__ == "__main__":
    main()
