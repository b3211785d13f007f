"""Reading documents from files: plain text, HTML, markdown with front matter, JSONL.

Problems never raise: each ``Document`` lists them in ``errors`` (a document too broken to read has
empty text and says why).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from .items import Document

END_MARK = re.compile(r"\n?[ \t]*\\?###[ \t]*\s*$")
MAX_FILE_BYTES = 50_000_000


def parse_published(value, errors: list[str]) -> date | None:
    """A publication date from "2024-03-18", a timestamp, or a date; None (with a message) otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    errors.append(f"publication date {str(value)[:40]!r} is not a YYYY-MM-DD date; relative dates will not be resolved")
    return None


def _decode(data: bytes, errors: list[str]) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        errors.append(f"invalid UTF-8 at byte {exc.start}; undecodable bytes were replaced with U+FFFD")
        text = data.decode("utf-8", errors="replace")
    if "\x00" in text:
        errors.append("the file contains NUL bytes; they were removed")
        text = text.replace("\x00", "")
    return text


def _str_or_none(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def document_from_record(record, source: str) -> Document:
    """One input object (FORMAT.md input line, or a kremlin-ukraine line) as a Document."""
    errors: list[str] = []
    if not isinstance(record, dict):
        return Document("", None, None, None, None, source, ["the line is not a JSON object"])
    text = record.get("text")
    if not isinstance(text, str):
        errors.append('the line has no "text" string')
        text = ""
    if "\x00" in text:
        errors.append("the text contains NUL characters; they were removed")
        text = text.replace("\x00", "")
    if not text.strip() and not errors:
        errors.append("the text is empty")
    published = parse_published(record.get("published") or record.get("date"), errors)
    if "summary" in record and text.strip():
        text = _with_headline(text, _str_or_none(record.get("title")), _str_or_none(record.get("summary")))
    doc_id = record.get("id")
    return Document(
        text=text,
        published=published,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")) or _str_or_none(record.get("source_url")),
        publisher=_str_or_none(record.get("publisher")),
        source=source,
        errors=errors,
        doc_id=str(doc_id) if doc_id is not None else None,
    )


def _with_headline(text: str, title: str | None, summary: str | None) -> str:
    """A release's headline and lead, then its body: what the page shows, as one text.

    Press-office archives (the Kremlin's, Ukraine's) store the headline and the lead apart from the
    body, and the lead is often the only sentence that states the contact ("Vladimir Putin had a
    telephone conversation with ..."). Stored as part of the text, every span still points into it.
    """
    parts = [p for p in (title, summary) if p and p not in text[: len(p) + 200]]
    return "\n\n".join([*parts, text]) if parts else text


def documents_from_file(path) -> Iterator[Document]:
    """Documents in a file, by its suffix: .txt, .html/.htm, .md (front matter), .jsonl (one per line)."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Document(
                "", None, None, None, None, source, [f"the file has {size:,} bytes; over the {MAX_FILE_BYTES:,} limit"]
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Document("", None, None, None, None, source, [f"cannot read the file: {exc.strerror or exc}"])
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(data, source)
    elif suffix in (".html", ".htm"):
        yield _html_document(data, source)
    elif suffix in (".md", ".markdown"):
        yield _markdown_document(data, source)
    else:
        errors: list[str] = []
        text = _decode(data, errors)
        if not text.strip():
            errors.append("the file is empty")
        yield Document(text, None, None, None, None, source, errors)


def _jsonl_documents(data: bytes, source: str) -> Iterator[Document]:
    errors: list[str] = []
    text = _decode(data, errors)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document("", None, None, None, None, where, [f"line {n} is not valid JSON ({exc.msg})"] + errors)
            continue
        doc = document_from_record(record, where)
        doc.errors[:0] = errors
        yield doc


def _html_document(data: bytes, source: str) -> Document:
    errors: list[str] = []
    html = _decode(data, errors)
    try:
        import trafilatura

        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises on some malformed markup
        return Document("", None, None, None, None, source, errors + [f"cannot read the HTML ({type(exc).__name__})"])
    if found is None or not getattr(found, "text", None):
        return Document("", None, None, None, None, source, errors + ["no article text found in the HTML"])
    published = parse_published(getattr(found, "date", None), errors)
    authors = [a.strip() for a in re.split(r";|,| and ", getattr(found, "author", None) or "") if a.strip()]
    return Document(
        text=found.text,
        published=published,
        title=_str_or_none(getattr(found, "title", None)),
        url=_str_or_none(getattr(found, "url", None)),
        publisher=_str_or_none(getattr(found, "sitename", None)),
        source=source,
        errors=errors,
        authors=authors,
    )


def _markdown_document(data: bytes, source: str) -> Document:
    errors: list[str] = []
    raw = _decode(data, errors)
    meta: dict = {}
    body = raw
    if raw.lstrip().startswith("---"):
        try:
            import frontmatter

            post = frontmatter.loads(raw)
            meta, body = dict(post.metadata), post.content
        except Exception as exc:  # YAML errors come in many classes; all mean the same to the user
            errors.append(f"the front matter cannot be read ({type(exc).__name__}); the whole file is used as text")
            body = raw
    body = body.rstrip()
    if body.endswith("###"):  # the pattern, anchored at the end, is tried from every position
        body = END_MARK.sub("", body)
    published = parse_published(meta.get("date"), errors) if meta else None
    if not body.strip():
        errors.append("the document has no text")
    return Document(
        text=body.strip("\n"),
        published=published,
        title=_str_or_none(meta.get("title")),
        url=_str_or_none(meta.get("source_url")) or _str_or_none(meta.get("url")),
        publisher=_str_or_none(meta.get("publisher"))
        or ("The White House" if "whitehouse" in str(meta.get("source_url", "")) else None),
        source=source,
        errors=errors,
    )
