"""Peer benchmark: the official Snowball Arabic stemmer (C, through PyStemmer) on every Arabic word.

Run with Debian's system Python (it has python3-stemmer): /usr/bin/python3 bench/peers/snowball.py TEXTS [--runs N]
TEXTS holds one JSON string (an article) per line. Only the tokenize + stem loop is timed.
PyStemmer's word cache is off (maxCacheSize 0): on this corpus its cache made it slower (measured
1.3M words/s without, 0.4-1.0M with 10,000 or 50,000 entries), so the peer runs at its fastest.
Prints one JSON object on stdout.
"""
import json
import sys
import time

import Stemmer

from words import ARABIC_WORD, load_texts, parse_runs

CACHE_SIZE = 0


def one_pass(texts, stem_words):
    """Tokenize every text with a simple regex and stem its Arabic words in one call; returns (words, seconds)."""
    findall = ARABIC_WORD.findall
    words = 0
    sink = 0
    start = time.perf_counter()
    for text in texts:
        tokens = findall(text)
        stems = stem_words(tokens)
        words += len(tokens)
        sink += len(stems)
    seconds = time.perf_counter() - start
    return words, seconds, sink


def main():
    texts = load_texts(sys.argv[1])
    runs = parse_runs(sys.argv[2:])
    stemmer = Stemmer.Stemmer("arabic", CACHE_SIZE)
    best = None
    for _ in range(runs):
        words, seconds, sink = one_pass(texts, stemmer.stemWords)
        if best is None or seconds < best[1]:
            best = (words, seconds, sink)
    words, seconds, sink = best
    print(json.dumps({
        "peer": "snowball-arabic",
        "version": "PyStemmer " + Stemmer.version() + " (Snowball C), Python " + sys.version.split()[0],
        "docs": len(texts),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "words": words,
        "seconds": seconds,
        "runs": runs,
        "cache": CACHE_SIZE,
        "stem_chars": sink,
    }))


if __name__ == "__main__":
    main()
