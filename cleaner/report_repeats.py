"""Report pages of what dedup found: clusters of duplicates side by side, differences marked, and
quotes (a passage and the longer one it stands in, the shared text marked)."""
from __future__ import annotations

import difflib
from html import escape
from pathlib import Path

from .normalize import fold_for_matching
from .report_data import ReportData
from .run_folder import CLEANED
from .report_page import framed, pager

MEMBERS_SHOWN = 12  # occurrences of a cluster shown in full; the rest as links
OCCURRENCES_PER_PAGE = 1500
QUOTES_PER_PAGE = 500


def _document_numbers(data: ReportData, run_dir: Path) -> dict[str, tuple[int, str, int]]:
    """Map the paths clusters name to (document, text the offsets count in, where that path's
    text starts in it): an input's offsets count in the original, a cleaned output's in the
    cleaned text (after the parts before it, for a page split into speeches)."""
    numbers: dict[str, tuple[int, str, int]] = {}
    for d in data.documents:
        numbers[str(Path(d.doc).resolve())] = (d.number, "at", 0)
        for out, base_offset in zip(d.outputs, [0, *d.parts]):
            for base in (run_dir, run_dir / CLEANED):
                numbers[str((base / out).resolve())] = (d.number, "cat", base_offset)
    return numbers


def _diff_marks(reference: str, text: str) -> str:
    """`text` with the characters that differ from `reference` marked."""
    matcher = difflib.SequenceMatcher(None, reference, text, autojunk=False)
    pieces = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        chunk = escape(text[j1:j2])
        pieces.append(chunk if tag == "equal" else f"<mark>{chunk}</mark>")
    return "".join(pieces)


def _where(numbers: dict[str, tuple[int, str, int]]):
    """A passage's place, linked to the passage itself on its document's page when the report has one."""
    def where(member: dict) -> str:
        found = numbers.get(str(Path(member["doc"]).resolve()))
        label = escape(f'{member["doc"]} {member["start"]}–{member["end"]}')
        if found is None:
            return label
        number, text, base = found
        return f'<a href="doc.html#doc={number}&amp;{text}={base + member["start"]}-{base + member["end"]}">{label}</a>'
    return where


def _cluster_block(cluster: dict, numbers: dict[str, tuple[int, str, int]]) -> str:
    """A cluster's first MEMBERS_SHOWN occurrences side by side, differences from the first marked;
    the others as links."""
    rep = cluster["representative"]["text"]
    where = _where(numbers)

    cells = []
    for i, member in enumerate(cluster["members"][:MEMBERS_SHOWN]):
        text = escape(member["text"]) if i == 0 else _diff_marks(rep, member["text"])
        score = "first occurrence" if i == 0 else f'jaccard {member["jaccard"]:.2f}, containment {member["containment"]:.2f}'
        cells.append(f'<div class="occurrence{" rep" if i == 0 else ""}"><div class="where">{where(member)} · {score}</div>'
                     f'<div class="context">{text}</div></div>')
    rest = cluster["members"][MEMBERS_SHOWN:]
    more = (f'<p class="muted">{len(rest):,} more occurrences: ' + ", ".join(where(m) for m in rest) + "</p>") if rest else ""
    docs = len({m["doc"] for m in cluster["members"]})
    return (f'<section class="cluster" id="{escape(cluster["id"])}" data-filterable><h3>{escape(cluster["id"])}: '
            f'{cluster["size"]:,} occurrences in {docs:,} documents</h3><div class="occurrences">{"".join(cells)}</div>{more}</section>')


def _cluster_pages(clusters: list[dict]) -> list[list[dict]]:
    """Clusters split into pages of about OCCURRENCES_PER_PAGE shown occurrences."""
    pages, current, weight = [], [], 0
    for cluster in clusters:
        size = min(cluster["size"], MEMBERS_SHOWN) + cluster["size"] // 8  # a link weighs about an eighth of a cell
        if current and weight + size > OCCURRENCES_PER_PAGE:
            pages.append(current)
            current, weight = [], 0
        current.append(cluster)
        weight += size
    return pages + [current]


def render_repeat_pages(data: ReportData, run_dir: Path) -> list[tuple[str, str]]:
    numbers = _document_numbers(data, run_dir)
    chunks = _cluster_pages(data.clusters)
    names = [(p, "repeats.html" if p == 1 else f"repeats-{p}.html") for p in range(1, len(chunks) + 1)]
    settings = ", ".join(f"{k} {v}" for k, v in data.cluster_settings.items())
    out = []
    for (number, name), chunk in zip(names, chunks):
        blocks = [_cluster_block(cluster, numbers) for cluster in chunk]
        nav = pager(names, number)
        body = (f'<h1>Repeated passages</h1>\n<p class="muted">{len(data.clusters):,} clusters of duplicates '
                f'(quotes are on their own page). {escape(settings)}</p>\n{nav}'
                f'<div class="controls"><input id="search" type="search" placeholder="Search passages" aria-label="Search passages">'
                f'<span class="muted"><span id="shown">{len(blocks)}</span> shown</span></div>\n'
                + ("\n".join(blocks) if blocks else "<p>No repeated passages in this run.</p>") + f"\n{nav}")
        out.append((name, framed("Repeated passages", body, "repeats", 0, "Repeated passages", ["data/index.js"])))
    return out


def _shared_marks(passage: str, host: str) -> str:
    """`host` with the runs it shares with `passage` marked, whatever the script and width of each
    (the fold keeps every character's place)."""
    matcher = difflib.SequenceMatcher(None, fold_for_matching(passage), fold_for_matching(host), autojunk=False)
    pieces, done = [], 0
    for block in matcher.get_matching_blocks():
        if block.size < 2:
            continue
        pieces.append(escape(host[done:block.b]))
        pieces.append(f"<mark>{escape(host[block.b:block.b + block.size])}</mark>")
        done = block.b + block.size
    pieces.append(escape(host[done:]))
    return "".join(pieces)


def _quote_block(quote: dict, numbers: dict[str, tuple[int, str, int]]) -> str:
    """A quoted passage and the longer passage it stands in, the text they share marked."""
    where = _where(numbers)
    passage, host = quote["passage"], quote["host"]
    return (f'<section class="quote" data-filterable><h3>containment {quote["containment"]:.2f}, '
            f'jaccard {quote["jaccard"]:.2f}</h3><div class="occurrences">'
            f'<div class="occurrence rep"><div class="where">{where(passage)} · the passage</div>'
            f'<div class="context">{escape(passage["text"])}</div></div>'
            f'<div class="occurrence"><div class="where">{where(host)} · stands inside this</div>'
            f'<div class="context">{_shared_marks(passage["text"], host["text"])}</div></div></div></section>')


def render_quote_pages(data: ReportData, run_dir: Path) -> list[tuple[str, str]]:
    numbers = _document_numbers(data, run_dir)
    chunks = [data.quotes[i:i + QUOTES_PER_PAGE] for i in range(0, len(data.quotes), QUOTES_PER_PAGE)] or [[]]
    names = [(p, "quotes.html" if p == 1 else f"quotes-{p}.html") for p in range(1, len(chunks) + 1)]
    out = []
    for (number, name), chunk in zip(names, chunks):
        blocks = [_quote_block(quote, numbers) for quote in chunk]
        nav = pager(names, number)
        body = (f'<h1>Quotes</h1>\n<p class="muted">{len(data.quotes):,} passages that stand inside a longer one without '
                f'being its duplicate: a stock formulation quoted, a title inside a longer title. They never join clusters; '
                f'<code>--drop-quotes</code> removes them from the --drop copies.</p>\n{nav}'
                f'<div class="controls"><input id="search" type="search" placeholder="Search quotes" aria-label="Search quotes">'
                f'<span class="muted"><span id="shown">{len(blocks)}</span> shown</span></div>\n'
                + ("\n".join(blocks) if blocks else "<p>No quotes in this run.</p>") + f"\n{nav}")
        out.append((name, framed("Quotes", body, "repeats", 0, "Quotes", ["data/index.js"])))
    return out
