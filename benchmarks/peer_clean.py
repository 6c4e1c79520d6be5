"""A peer's cleaning of a JSON Lines file, timed as a whole command beside `cleaner clean`.

usage: python benchmarks/peer_clean.py PEER IN.jsonl OUT.jsonl

PEER is one of:
- justext: jusText's boilerplate removal (the closest peer: a paragraph classifier with context
  relabelling). It reads HTML, so each line of a record becomes a <p>; it has no Chinese stop
  list and keeps almost nothing of Chinese text, so only its time says something here.
- c4: datatrove's C4QualityFilter as a line filter (line checks on, the word and sentence counts
  off: they split on spaces and drop all Chinese). It does far less than either, which makes it
  the floor: what reading, a pass over every line and writing cost in Python on this machine.

Each kept record is written with its text replaced by what the peer kept (out written atomically).
"""
from __future__ import annotations

import argparse
import html
import json
import os
from collections.abc import Callable
from pathlib import Path


def _justext() -> Callable[[str], str]:
    import justext

    def clean(text: str) -> str:
        page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n")) + "</body></html>"
        kept = justext.justext(page.encode("utf-8"), frozenset(), encoding="utf-8")
        return "\n".join(p.text for p in kept if not p.is_boilerplate)

    return clean


def _c4() -> Callable[[str], str]:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    line_filter = C4QualityFilter(filter_no_terminal_punct=False, min_words_per_line=-1, min_num_sentences=-1)

    def clean(text: str) -> str:
        document = Document(text=text, id="")
        return document.text if line_filter.filter(document) is True else ""

    return clean


PEERS: dict[str, Callable[[], Callable[[str], str]]] = {"justext": _justext, "c4": _c4}


def available(name: str) -> str | None:
    """None when the peer can run here, else why not."""
    try:
        PEERS[name]()
    except ImportError as exc:
        return f"{exc.name or exc} is not installed"
    return None


def run(name: str, source: Path, target: Path) -> tuple[int, int, int]:
    """Records, characters in and characters kept."""
    clean = PEERS[name]()
    records = chars_in = chars_out = 0
    partial = target.with_name(target.name + ".partial")
    with source.open(encoding="utf-8") as lines, partial.open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            kept = clean(record["text"])
            records, chars_in, chars_out = records + 1, chars_in + len(record["text"]), chars_out + len(kept)
            out.write(json.dumps({**record, "text": kept}, ensure_ascii=False) + "\n")
    os.replace(partial, target)
    return records, chars_in, chars_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("peer", choices=sorted(PEERS))
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    records, chars_in, chars_out = run(args.peer, args.source, args.target)
    print(f"{args.peer}: {records:,} records, {chars_in:,} -> {chars_out:,} characters kept")


if __name__ == "__main__":
    main()
