"""Extraction speed: the founding article against one dateparser.search_dates call, readout throughput,
peak memory.  Run: DEBUG=1 python benchmarks/extraction.py"""

import glob
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction import Gazetteer, documents_from_file, extract, extract_document  # noqa: E402

SHARED = ROOT.parent / "shared"
ARTICLE = SHARED / "corpus" / "cnn-2024-03-18-biden-netanyahu.txt"


def best_of(fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    if not ARTICLE.exists():
        sys.exit(f"{ARTICLE} is missing: this benchmark needs ../shared")
    import dateparser.search

    text = ARTICLE.read_text(encoding="utf-8")
    gazetteer = Gazetteer()
    published = date(2024, 3, 18)
    extract(text, published=published, gazetteer=gazetteer)  # warm caches (countries, dateparser)
    dateparser.search.search_dates("on Monday", languages=["en"])
    # Best of several runs each: the least disturbed by other processes on a shared machine.
    ours = best_of(lambda: extract(text, published=published, gazetteer=gazetteer), runs=15)
    theirs = best_of(lambda: dateparser.search.search_dates(text, languages=["en"]), runs=7)
    print(f"founding article ({len(text):,} chars): extract {ours * 1000:.1f} ms")
    print(f"dateparser.search_dates on the same text: {theirs * 1000:.1f} ms")
    print(f"ratio: extract is {theirs / ours:.1f}x faster (target >= 5x)")

    files = sorted(glob.glob(str(SHARED / "readouts" / "**" / "*.md"), recursive=True))
    docs = [d for f in files for d in documents_from_file(f)]
    tracemalloc.start()
    t = time.perf_counter()
    for d in docs:
        extract_document(d, gazetteer=gazetteer)
    elapsed = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"readouts: {len(docs)} in {elapsed:.2f} s = {len(docs) / elapsed:.0f} articles/s")
    print(f"peak memory while extracting the readouts (tracemalloc): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
