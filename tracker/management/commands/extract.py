"""Print the extraction of each input line as a prediction line (see ../shared/corpus/FORMAT.md).

Stores nothing. A bad line gets a prediction with empty lists and an "error" key (and a message on
stderr); the command fails only when it cannot run at all.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tracker.extraction import document_from_record, extract_document, prediction_line
from tracker.services.gazetteer import gazetteer_from_db, topic_keywords_from_db


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "Extract contacts, statements and gap claims from JSONL input lines; print prediction lines."

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, help="input file of JSON lines, or - for standard input")
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")

    def handle(self, *args, **options):
        try:
            gazetteer = gazetteer_from_db()
            topics = topic_keywords_from_db()
        except DatabaseError as exc:
            raise CommandError(f"cannot read people and topics from the database (is it migrated?): {exc}") from exc
        path = options["jsonl"]
        if path == "-":
            stream = options.get("stdin") or sys.stdin
            self._run(stream, gazetteer, topics)
            return
        try:
            with open(path, encoding="utf-8", errors="replace") as stream:
                self._run(stream, gazetteer, topics)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def _run(self, stream, gazetteer, topics):
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self._bad_line(n, None, f"not valid JSON ({exc.msg})")
                continue
            doc = document_from_record(record, f"line {n}")
            doc_id = doc.doc_id or f"line-{n}"
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                self._bad_line(n, doc_id if isinstance(record, dict) else None, "; ".join(doc.errors))
                continue
            for error in doc.errors:
                self.stderr.write(f"line {n} ({doc_id}): {error}")
            extraction = extract_document(doc, gazetteer=gazetteer, topics=topics)
            out = prediction_line(doc_id, extraction)
            if doc.errors:
                out["input_errors"] = doc.errors
            self.stdout.write(json.dumps(out, ensure_ascii=False))

    def _bad_line(self, n: int, doc_id, message: str) -> None:
        self.stderr.write(f"line {n}: {message}")
        out = {"id": doc_id or f"line-{n}", "contacts": [], "statements": [], "gap_claims": [], "error": message}
        self.stdout.write(json.dumps(out, ensure_ascii=False))
