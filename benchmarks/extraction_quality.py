"""Extraction quality and speed, the way issue 9 measures them.

    DEBUG=1 /work/main/.venv/bin/python benchmarks/extraction_quality.py [--show] [--no-speed]

Quality: every document of ../shared/corpus, and the gold files in benchmarks/gold (labelled here,
in the corpus's format, pointing at texts in ../shared rather than copying them), scored with the
corpus's own score.py: precision, recall and F1 per publisher and per kind of item, then the false
contacts proposed on documents that have none. Extraction runs in-process as ``manage.py extract``
does on an empty database (``tracker.extraction.cli``).

Speed: the ``extract`` command as a process, as a user runs it, over 1 and over 201 copies of the
founding article, against a temporary SQLite database with the demo's people loaded (``migrate`` +
``load_demo``); start-up is subtracted ((t201 - t1) / 200). Compared with one naive
``dateparser.search_dates`` call on the same text; the target is at least 5x.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction import Gazetteer, document_from_record, extract_document, prediction_line  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD = ROOT / "benchmarks" / "gold"
KINDS = ("contacts", "statements", "gap_claims")


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", shared / "corpus" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_documents(shared: Path) -> list[tuple[dict, dict]]:
    """(gold, input record) for each corpus document, the record as score.py writes it."""
    out = []
    for path in sorted((shared / "corpus").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        record = {
            "id": gold["id"],
            "text": text,
            "published": gold.get("published"),
            "url": gold.get("url"),
            "title": (gold.get("article") or {}).get("title"),
            "publisher": gold.get("publisher"),
        }
        out.append((gold, record))
    return out


def extra_documents(shared: Path) -> list[tuple[dict, dict]]:
    """(gold, input record) for benchmarks/gold: ``source`` names a line of a JSONL file in
    ../shared (by the record's id) or a markdown readout; the text is read from there."""
    out = []
    for path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = shared / gold["source"]["path"]
        if source.suffix == ".jsonl":
            with source.open(encoding="utf-8") as f:
                record = next(r for r in map(json.loads, f) if r.get("id") == gold["source"]["id"])
            record = {**record, "id": gold["id"]}
        else:
            from tracker.extraction import documents_from_file

            doc = next(documents_from_file(source))
            record = {"id": gold["id"], "text": doc.text, "published": doc.published.isoformat(), "url": doc.url}
            record.update(title=doc.title, publisher=doc.publisher)
        out.append((gold, record))
    return out


def predict(record: dict, gazetteer: Gazetteer) -> dict:
    doc = document_from_record(record, record["id"])
    ex = extract_document(doc, gazetteer=gazetteer)
    return prediction_line(record["id"], ex)


def publisher_of(gold: dict) -> str:
    name = (gold.get("publisher") or "?").split(" (")[0]
    return {"Presidential Executive Office of Russia": "President of Russia"}.get(name, name)


def quality(shared: Path, show: bool) -> None:
    scorer = load_scorer(shared)
    gazetteer = Gazetteer()
    sets = [("corpus", corpus_documents(shared)), ("benchmarks/gold", extra_documents(shared))]
    for label, docs in sets:
        if not docs:
            continue
        counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {k: [0, 0, 0] for k in KINDS})
        false_on_empty = []
        for gold, record in docs:
            pred = predict(record, gazetteer)
            result = scorer.score_doc(gold, pred)
            for group in (publisher_of(gold), "all"):
                for k in KINDS:
                    for i in range(3):
                        counts[group][k][i] += result[k][i]
            if not any(c.get("required", True) for c in gold.get("contacts", [])):
                false_on_empty += [(gold["id"], p) for g, p in result["contacts"][3] if g is None]
            if show:
                for k in KINDS:
                    for g, p in result[k][3]:
                        if g is None:
                            print(f"  FP {gold['id']} {k}: {json.dumps(p, ensure_ascii=False)[:240]}")
                    matched = [id(g) for g, _ in result[k][3] if g is not None]
                    for g in gold.get(k, []):
                        if g.get("required", True) and id(g) not in matched:
                            print(f"  MISS {gold['id']} {k}: {json.dumps(g, ensure_ascii=False)[:240]}")
        print(f"\n{label}: {len(docs)} documents")
        print(f"  {'publisher':<36} {'kind':<11} {'P':>6} {'R':>6} {'F1':>6}  (tp fp fn)")
        for group in sorted(counts, key=lambda g: (g == "all", g)):
            for k in KINDS:
                tp, fp, fn = counts[group][k]
                if tp + fp + fn == 0:
                    continue
                p, r, f = scorer.prf(tp, fp, fn)
                print(f"  {group:<36} {k:<11} {p:6.3f} {r:6.3f} {f:6.3f}  ({tp} {fp} {fn})")
        empty = sum(1 for g, _ in docs if not any(c.get("required", True) for c in g.get("contacts", [])))
        print(f"  false contacts on the {empty} documents without one: {len(false_on_empty)}")
        for doc_id, p in false_on_empty:
            print(f"    {doc_id}: {' + '.join(p['participants'])} ({p['kind']}, {p['date']}) {p['evidence'][:120]!r}")


def best_of(fn, runs: int) -> tuple[float, float]:
    """The least wall time and the least CPU time (this process's and its children's) of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed(shared: Path) -> None:
    article = shared / "corpus" / "cnn-2024-03-18-biden-netanyahu.txt"
    text = article.read_text(encoding="utf-8")
    tmp = Path(tempfile.mkdtemp(prefix="quality-bench-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3", "DEBUG": "1"}
    env.setdefault("SECRET_KEY", "benchmark-only")
    manage = [sys.executable, str(ROOT / "manage.py")]
    for args in (["migrate", "-v0"], ["load_demo", "--no-editor", "-v0"]):
        subprocess.run(manage + args, env=env, check=True, capture_output=True, cwd=ROOT)
    line = json.dumps({"id": "a", "text": text, "published": "2024-03-18", "publisher": "CNN"}) + "\n"
    inputs = {}
    for n in (1, 201):
        inputs[n] = tmp / f"copies-{n}.jsonl"
        inputs[n].write_text(line * n, encoding="utf-8")

    def run(n: int) -> None:
        command = manage + ["extract", "--jsonl", str(inputs[n]), "--format", "jsonl"]
        subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)

    one, many = best_of(lambda: run(1), 3), best_of(lambda: run(201), 3)
    import dateparser.search

    dateparser.search.search_dates("on Monday", languages=["en"])  # its start-up is not the article's cost
    naive = best_of(lambda: dateparser.search.search_dates(text, languages=["en"]), 5)
    print(f"\nspeed, the extract command with the demo's people ({len(text):,}-character founding article):")
    # Wall time is what a user waits; CPU time is the same cost without the other processes that
    # share the machine, so the ratio is read from it when the two disagree.
    for i, clock in enumerate(("wall", "CPU")):
        per_article = (many[i] - one[i]) / 200
        print(
            f"  {clock:>4}: 1 copy {one[i]:.2f} s, 201 copies {many[i]:.2f} s: {per_article * 1000:.1f} ms per article;"
            f" dateparser.search_dates {naive[i] * 1000:.1f} ms; ratio {naive[i] / per_article:.1f}x (target >= 5x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(SHARED))
    parser.add_argument("--show", action="store_true", help="List every miss and false positive.")
    parser.add_argument("--no-speed", action="store_true", help="Skip the speed measurement.")
    args = parser.parse_args()
    shared = Path(args.shared)
    if not (shared / "corpus").is_dir():
        sys.exit(f"{shared / 'corpus'} not found: this benchmark needs ../shared")
    quality(shared, args.show)
    if not args.no_speed:
        speed(shared)


if __name__ == "__main__":
    main()
