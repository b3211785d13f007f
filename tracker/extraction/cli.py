"""Prediction lines from input lines on stdin with an empty gazetteer (no Django, no database).

``python -m tracker.extraction.cli < input.jsonl``: the same output as ``manage.py extract`` on an
empty database, for scoring the core alone.
"""

import json
import sys

from . import Gazetteer, document_from_record, extract_document, prediction_line


def main() -> None:
    gazetteer = Gazetteer()
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            print(json.dumps({"id": f"line-{n}", "contacts": [], "statements": [], "gap_claims": [], "error": exc.msg}))
            continue
        doc = document_from_record(record, f"line {n}")
        ex = extract_document(doc, gazetteer=gazetteer)
        print(json.dumps(prediction_line(doc.doc_id or f"line-{n}", ex), ensure_ascii=False))


if __name__ == "__main__":
    main()
