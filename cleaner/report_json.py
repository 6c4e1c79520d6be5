"""The report's data as compact JSON for the pages' script: one index over every document and
rule, and the documents themselves in chunks of CHUNK_DOCS that a page loads only when it shows
one of them. Each file is a script that hands its JSON to a callback (`cleanerReport.index(...)`,
`cleanerReport.chunk(K, ...)`), so the report works from disk, where a page may not fetch files.

A document carries its original text and its edits as [start, end, rule, new, detail] (the
removed text is the original's span, the cleaned text follows from the edits), so the data is
about the size of the input.
"""
from __future__ import annotations

import hashlib
import json

from .escape import shown
from .model import Edit
from .report_data import DocumentView, ReportData, looks_like_speech

CHUNK_DOCS = 200
GOLDEN_ANGLE = 137.508  # consecutive rules get hues this far apart, so no two neighbours look alike


def chunk_of(number: int) -> int:
    return number // CHUNK_DOCS


def rule_colours(rule_ids: list[str]) -> dict[str, tuple[int, int]]:
    """A distinct colour per rule of the report, as (hue, lightness shift): hues spread by the
    golden angle in the order of the sorted ids, every other lap a little darker."""
    colours = {}
    for n, rule in enumerate(sorted(rule_ids)):
        colours[rule] = (round(n * GOLDEN_ANGLE) % 360, 0 if (n * GOLDEN_ANGLE // 360) % 2 == 0 else 1)
    return colours


def _extra_reason(edit: Edit, description: str) -> str:
    """What an edit's reason says beyond its rule's description ('guān' is a reading of 關)."""
    return edit.reason.removeprefix(description).strip()


def _edit_row(edit: Edit, rule_number: int, description: str) -> list:
    row: list = [edit.start, edit.end, rule_number]
    extra = _extra_reason(edit, description)
    if edit.new or extra:
        row.append(edit.new)
    if extra:
        row.append(extra)
    return row


def _flags(document: DocumentView, flag: dict | None) -> dict:
    flags: dict = {}
    speech = sum(looks_like_speech(document, e) for e in document.edits)
    if speech:
        flags["speech"] = speech
    if flag is not None:
        flags["large"] = {"rule": flag["rule"], "share": flag["share"], "emptied": flag["emptied"]}
    if document.unusual:
        flags["unusual"] = 1
    return flags


def index_payload(data: ReportData) -> dict:
    """Every document's figures, rules and flags, and every rule's figures and colour. Names are
    as a terminal shows them (a byte of a name that is not UTF-8 as \\xe9)."""
    rule_ids = sorted(data.rules)
    numbers = {rule: n for n, rule in enumerate(rule_ids)}
    colours = rule_colours(rule_ids)
    rules = [[rule, data.rules[rule].description, *colours[rule], data.rules[rule].edits,
              data.rules[rule].documents, data.rules[rule].chars_removed, data.rules[rule].speech_like] for rule in rule_ids]
    docs = []
    for d in data.documents:
        used = sorted({numbers[e.rule] for e in d.edits})
        docs.append([shown(d.doc), d.encoding, len(d.original), len(d.cleaned), len(d.edits), used, _flags(d, data.flagged.get(d.doc))])
    payload = {"chunk": CHUNK_DOCS, "rules": rules, "docs": docs}
    payload["id"] = hashlib.blake2b(json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass"),
                                    digest_size=8).hexdigest()
    return payload


def chunk_payloads(data: ReportData):
    """(chunk number, payload) for every chunk of documents: [original, edits, outputs, parts,
    the numbers of the edits that look like speech]."""
    rule_ids = sorted(data.rules)
    numbers = {rule: n for n, rule in enumerate(rule_ids)}
    descriptions = {rule: data.rules[rule].description for rule in rule_ids}
    for start in range(0, len(data.documents), CHUNK_DOCS):
        docs = [[d.original, [_edit_row(e, numbers[e.rule], descriptions[e.rule]) for e in d.edits], d.outputs, d.parts,
                 [n for n, e in enumerate(d.edits) if looks_like_speech(d, e)]]
                for d in data.documents[start:start + CHUNK_DOCS]]
        yield chunk_of(start), docs


def as_script(callback: str, *arguments) -> str:
    """A script that calls `cleanerReport.<callback>(arguments...)` with the JSON of each."""
    text = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in arguments)
    return f"cleanerReport.{callback}({text});\n"
