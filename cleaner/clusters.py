"""Write what dedup found: clusters.jsonl (a header, the clusters, the quotes), and de-duplicated
copies of the documents with an edit log."""
from __future__ import annotations

import json
from pathlib import Path

from .dedup import DedupResult, Member, Quote, documents, dropped_spans
from .editlog import apply_edits, edit_lines
from .formats import ShardOutputs
from .io import AtomicLines, all_or_nothing
from .records import Fields
from .run_folder import EDIT_LOG, document_header
from .model import Edit
from .passages import UNITS


def member_record(member: Member, unit: str) -> dict:
    record = {"doc": member.doc, "start": member.start, "end": member.end, "unit": unit, "index": member.index,
              "text": member.text}
    if member.jaccard is not None:
        record.update(jaccard=member.jaccard, containment=member.containment)
    return record


def write_clusters(result: DedupResult, path: Path) -> None:
    """One header line (settings, counts), then one line per cluster (representative first), then
    one line per quote."""
    with all_or_nothing(AtomicLines(path)) as (out,):
        header = {"type": "header", "settings": result.config.header(), "documents": len(result.docs),
                  "units": result.units, "clusters": len(result.clusters), "repeated_units": result.repeated_units,
                  "quotes": len(result.quotes),
                  "candidate_pairs": result.candidate_pairs, "verified_pairs": result.verified_pairs}
        out.write(json.dumps(header, ensure_ascii=False))
        unit = result.config.unit
        for cluster in result.clusters:
            members = [member_record(m, unit) for m in cluster.members]
            out.write(json.dumps({"type": "cluster", "id": cluster.id, "size": len(members),
                                  "representative": members[0], "members": members}, ensure_ascii=False))
        for quote in result.quotes:
            out.write(json.dumps({"type": "quote", "passage": member_record(quote.passage, unit),
                                  "host": member_record(quote.host, unit), "containment": quote.containment,
                                  "jaccard": quote.jaccard}, ensure_ascii=False))


def _removal(text: str, member: Member, twin: Member, quote: Quote | None, unit: str) -> Edit:
    end = member.end
    if UNITS[unit].with_line_end and text[end:end + 1] == "\n":
        end += 1  # a paragraph goes with its line end
    place = f"{twin.doc}:{twin.start}-{twin.end} ({unit} {twin.index})"
    if quote is not None:
        reason = f"stands inside {place}; containment {quote.containment:.2f}, jaccard {quote.jaccard:.2f}"
        return Edit(member.start, end, text[member.start:end], "", "dedup.quote", reason)
    reason = f"repeats {place}; jaccard {member.jaccard:.2f}, containment {member.containment:.2f}"
    return Edit(member.start, end, text[member.start:end], "", f"dedup.{unit}", reason)


def write_deduplicated(result: DedupResult, out_dir: Path, form: Fields = Fields(), quotes: bool = False) -> int:
    """Copies of the documents, in their own formats, without their redundant repeats (and, with
    `quotes`, without passages that stand inside a kept longer one); returns the passages removed.
    A repeated document (unit document) is left out of the copies."""
    spans = dropped_spans(result, quotes)
    unit = result.config.unit
    removed = 0
    with all_or_nothing(ShardOutputs(out_dir, form), AtomicLines(out_dir / EDIT_LOG)) as (writers, log):
        for record, position in documents(result.files, form):
            item = result.files[position]
            found = sorted(spans.get(record.doc, []), key=lambda p: p[0].start)
            edits = [_removal(record.text, member, twin, quote, unit) for member, twin, quote in found]
            output = apply_edits(record.text, edits)
            removed += len(edits)
            dropped_whole = UNITS[unit].whole and bool(edits)
            outputs, row = ([], None) if dropped_whole else writers.write(position, item, record, [output])
            header = document_header(record.doc, record.encoding, outputs, [], len(record.text), len(output), row)
            log.write(json.dumps(header, ensure_ascii=False))
            log.write_lines(edit_lines(record.doc, edits))
    return removed
