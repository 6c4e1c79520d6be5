"""Render a ReportData as a static HTML report: an index, one page per document, one per rule
(split into pages of hits), and pages of repeated passages and quotes (report_repeats.py). No server, no network: pages link
each other and a local stylesheet and script by relative paths, so the folder opens from disk.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from html import escape
from pathlib import Path

from .escape import script_json, shown
from .io import write_atomic
from .model import Edit
from .report_data import DocumentView, ReportData, looks_like_speech
from .report_page import figure, framed, pager
from .report_repeats import render_quote_pages, render_repeat_pages

ASSETS = Path(__file__).parent / "assets"
HITS_PER_PAGE = 1000
MAX_LISTED_HITS = 20_000
CONTEXT = 40


# Hues far apart on the colour wheel; a family keeps its hue in every report.
PALETTE = (0, 210, 120, 35, 280, 180, 330, 60, 250, 150, 15, 300)


KNOWN_HUES = {"layout": 35, "pinyin": 280, "related-links": 210, "ads": 0, "blurb": 330, "header": 120,
              "title": 60, "page-number": 180, "web": 250, "dedup": 150}


def family_hue(rule: str) -> int:
    """A stable colour per rule family: the built-in families apart, others by hash."""
    family = rule.split(".", 1)[0]
    if family in KNOWN_HUES:
        return KNOWN_HUES[family]
    return PALETTE[int(hashlib.blake2b(family.encode(), digest_size=2).hexdigest(), 16) % len(PALETTE)]


def rule_page(rule: str, page: int = 1) -> str:
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in rule)
    return f"rules/{safe}.html" if page == 1 else f"rules/{safe}-{page}.html"


def _hue(rule: str) -> str:
    return f'style="--hue:{family_hue(rule)}"'


# --- index ---------------------------------------------------------------------------------

def render_index(data: ReportData) -> str:
    removed = data.chars_in - data.chars_out
    share = removed / data.chars_in if data.chars_in else 0.0
    edits = sum(len(d.edits) for d in data.documents)
    figures = "".join([
        figure(f"{len(data.documents):,}", "documents", "n-documents"),
        figure(f"{len(data.skipped):,}", "skipped", "n-skipped"),
        figure(f"{data.chars_in:,}", "characters in", "n-chars-in"),
        figure(f"{data.chars_out:,}", "characters out", "n-chars-out"),
        figure(f"{share:.1%}", "removed", "share-removed"),
        figure(f"{edits:,}", "edits", "n-edits"),
        figure(f"{len(data.clusters):,}", "repeated passages", "n-clusters"),
        figure(f"{len(data.quotes):,}", "quotes", "n-quotes"),
    ])
    rules = sorted(data.rules.values(), key=lambda r: (-r.chars_removed, r.id))
    rule_rows = "\n".join(
        f'<tr data-rules="{escape(r.id)}"><td><span class="swatch" {_hue(r.id)}></span>'
        f'<a href="{rule_page(r.id)}">{escape(r.id)}</a></td><td>{escape(r.description)}</td>'
        f'<td class="num">{r.documents:,}</td><td class="num">{r.edits:,}</td><td class="num">{r.chars_removed:,}</td>'
        f'<td>{_speech_flag(r.speech_like)}</td></tr>' for r in rules)
    options = "".join(f'<option value="{escape(r.id)}">{escape(r.id)}</option>' for r in sorted(data.rules.values(), key=lambda r: r.id))
    doc_rows = "\n".join(_document_row(d, data.flagged.get(d.doc)) for d in data.documents)
    skipped = "".join(f"<li>{escape(s)}</li>" for s in data.skipped)
    body = (f'<h1>Overview</h1>\n<div class="figures">{figures}</div>\n'
            f'<h2>Edits per rule</h2>\n<table id="rules"><thead><tr><th>rule</th><th>what it does</th><th class="num">documents</th>'
            f'<th class="num">edits</th><th class="num">characters removed</th><th>check</th></tr></thead>\n<tbody>{rule_rows}</tbody></table>\n'
            f'<h2>Documents</h2>\n<div class="controls"><input id="search" type="search" placeholder="Search documents" aria-label="Search documents">'
            f'<select id="rule-filter" aria-label="Only documents edited by rule"><option value="">every rule</option>{options}</select>'
            f'<span class="muted"><span id="shown">{len(data.documents)}</span> shown</span></div>\n'
            f'<table id="documents"><thead><tr><th class="num">#</th><th>document</th><th>encoding</th><th class="num">characters in</th>'
            f'<th class="num">out</th><th class="num">removed</th><th class="num">edits</th><th>check</th></tr></thead>\n<tbody>{doc_rows}</tbody></table>\n'
            + (f"<h2>Skipped inputs</h2><ul>{skipped}</ul>" if skipped else ""))
    return framed("cleaner report", body, "index", 0, "Overview")


def _speech_flag(count: int) -> str:
    return f'<span class="flag" title="hits that remove a long sentence in the middle of a document">{count} look like speech</span>' if count else ""


def _document_row(document: DocumentView, flag: dict | None) -> str:
    rules = " ".join(sorted({e.rule for e in document.edits}))
    removed = len(document.original) - len(document.cleaned)
    share = removed / len(document.original) if document.original else 0.0
    return (f'<tr data-filterable data-rules="{escape(rules)}"><td class="num">{document.number + 1}</td>'
            f'<td><a href="docs/{document.number}.html">{escape(shown(document.doc))}</a></td><td>{escape(document.encoding)}</td>'
            f'<td class="num">{len(document.original):,}</td><td class="num">{len(document.cleaned):,}</td>'
            f'<td class="num">{share:.1%}</td><td class="num">{len(document.edits):,}</td><td>{_removal_flag(flag)}</td></tr>')


def _removal_flag(flag: dict | None) -> str:
    """A document that one rule took most of, or that was cleaned to nothing (summary.json)."""
    if flag is None:
        return ""
    what = "cleaned to nothing" if flag["emptied"] else f"{flag['share']:.0%} removed by one rule"
    return (f'<span class="flag" title="{escape(flag["rule"])} removed {flag["share"]:.0%} of this document">'
            f'{what}: {escape(flag["rule"])}</span>')


# --- one document --------------------------------------------------------------------------

def _extra_reason(edit: Edit, description: str) -> str:
    """What an edit's reason says beyond its rule's description ('guān' is a reading of 關)."""
    return edit.reason.removeprefix(description).strip()


def _mark(number: int, edit: Edit, description: str) -> str:
    join = edit.rule.startswith("layout.join-")
    inner = f"<del>{escape(edit.old)}</del>"
    if edit.new:
        inner += f'<span class="arrow">→</span><ins>{escape(edit.new)}</ins>'
    classes = "edit join" if join else "edit"
    extra = _extra_reason(edit, description)
    reason = f' data-reason="{escape(extra, quote=True)}"' if extra else ""
    return (f'<span class="{classes}" id="e{number}" data-rule="{escape(edit.rule)}" tabindex="0" '
            f'{_hue(edit.rule)} title="{escape(edit.rule)}"{reason}>{inner}</span>')


def marked_text(document: DocumentView, descriptions: dict[str, str]) -> str:
    pieces, pos = [], 0
    for number, edit in enumerate(document.edits):
        pieces.append(escape(document.original[pos:edit.start]))
        pieces.append(_mark(number, edit, descriptions.get(edit.rule, edit.reason)))
        pos = edit.end
    pieces.append(escape(document.original[pos:]))
    return "".join(pieces)


def render_document(data: ReportData, document: DocumentView) -> str:
    descriptions = {r.id: r.description for r in data.rules.values()}
    counts: dict[str, int] = {}
    for edit in document.edits:
        counts[edit.rule] = counts.get(edit.rule, 0) + 1
    chips = "".join(f'<button class="chip" data-rule-chip="{escape(rule)}" aria-pressed="false"><span class="swatch" {_hue(rule)}></span>'
                    f'{escape(rule)} ({n})</button>' for rule, n in sorted(counts.items()))
    rows = "\n".join(
        f'<tr data-rule="{escape(e.rule)}"><td class="num"><a href="#e{n}">{n + 1}</a></td><td>{escape(e.rule)}</td>'
        f'<td class="num">{e.start}–{e.end}</td><td class="context"><del>{escape(_short(e.old))}</del>'
        + (f' → <ins>{escape(_short(e.new))}</ins>' if e.new else "")
        + f'</td><td>{escape(_extra_reason(e, descriptions.get(e.rule, "")))}</td></tr>'
        for n, e in enumerate(document.edits))
    legend = script_json(json.dumps({rule: descriptions.get(rule, "") for rule in sorted(counts)}, ensure_ascii=False))
    number = document.number
    prev_link = f'<a href="{number - 1}.html">← previous</a>' if number > 0 else ""
    next_link = f'<a href="{number + 1}.html">next →</a>' if number + 1 < len(data.documents) else ""
    body = (f'<h1>{escape(shown(document.doc))}</h1>\n<p class="muted">{escape(document.encoding)}; {len(document.original):,} → '
            f'{len(document.cleaned):,} characters; {len(document.edits):,} edits; output {escape(", ".join(document.outputs))}. '
            f'{prev_link} {next_link}</p>\n'
            f'<div class="controls"><button class="chip" data-view="marked" aria-pressed="true">Original with edits</button>'
            f'<button class="chip" data-view="cleaned" aria-pressed="false">Cleaned text</button></div>\n'
            f'<div class="controls">Only: {chips}</div>\n'
            f'<div class="text" id="marked">{marked_text(document, descriptions)}</div>\n'
            f'<div class="text" id="cleaned" hidden>{escape(document.cleaned)}</div>\n'
            f'<h2>Edits</h2>\n<table id="edits"><thead><tr><th class="num">#</th><th>rule</th><th class="num">span</th><th>change</th>'
            f'<th>detail</th></tr></thead>\n<tbody>{rows}</tbody></table>\n'
            f'<script type="application/json" id="rule-descriptions">{legend}</script>')
    return framed(document.doc, body, "document", 1, "")


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


# --- one rule ------------------------------------------------------------------------------

def render_rule_pages(data: ReportData, rule_id: str) -> list[tuple[str, str]]:
    """All hits of a rule in context, a page per HITS_PER_PAGE. A rule with more than
    MAX_LISTED_HITS hits (pinyin on a large scrape) is shown as its distinct changes instead,
    each with its count and links to examples, so every hit is still accounted for."""
    rule = data.rules[rule_id]
    hits = [(d, n, e) for d in data.documents for n, e in enumerate(d.edits) if e.rule == rule_id]
    grouped = len(hits) > MAX_LISTED_HITS
    rows = _grouped_rows(hits) if grouped else [_hit_row(d, n, e) for d, n, e in hits]
    docs = [] if grouped else [d.doc for d, _, _ in hits]
    pages = max(1, -(-len(rows) // HITS_PER_PAGE))
    out = []
    for page in range(1, pages + 1):
        chunk = rows[(page - 1) * HITS_PER_PAGE: page * HITS_PER_PAGE]
        page_docs = sorted(set(docs[(page - 1) * HITS_PER_PAGE: page * HITS_PER_PAGE]))
        options = "".join(f'<option value="{escape(doc)}">{escape(doc)}</option>' for doc in page_docs)
        nav = pager([(p, rule_page(rule_id, p).removeprefix("rules/")) for p in range(1, pages + 1)], page)
        head = ('<tr><th>change</th><th class="num">hits</th><th class="num">documents</th><th>examples</th></tr>' if grouped
                else '<tr><th>document</th><th>in context</th><th class="num">characters</th><th>check</th></tr>')
        note = (f'<p class="muted">{len(hits):,} hits are too many to list one by one: each distinct change is shown once, '
                f'with its count.</p>' if grouped else "")
        doc_filter = ("" if grouped else f'<select id="doc-filter" aria-label="Only hits in document"><option value="">'
                      f'every document</option>{options}</select>')
        body = (f'<h1><span class="swatch" {_hue(rule_id)}></span>{escape(rule_id)}</h1>\n<p>{escape(rule.description)}</p>\n'
                f'<p class="muted">{rule.edits:,} hits in {rule.documents:,} documents, {rule.chars_removed:,} characters removed. '
                f'{_speech_flag(rule.speech_like)}</p>\n{note}{nav}'
                f'<div class="controls"><input id="search" type="search" placeholder="Search hits" aria-label="Search hits">'
                f'{doc_filter}<span class="muted"><span id="shown">{len(chunk)}</span> shown</span></div>\n'
                f'<table id="hits"><thead>{head}</thead>\n<tbody>{"".join(chunk)}</tbody></table>\n{nav}')
        out.append((rule_page(rule_id, page), framed(rule_id, body, "rule", 1, "")))
    return out


def _grouped_rows(hits) -> list[str]:
    groups: dict[tuple[str, str], list] = {}
    for document, number, edit in hits:
        groups.setdefault((edit.old, edit.new), []).append((document, number))
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = []
    for (old, new), where in ordered:
        examples = " ".join(f'<a href="../docs/{d.number}.html#e{n}">{escape(shown(d.doc))}</a>' for d, n in where[:3])
        change = f"<del>{escape(_short(old, 200))}</del>" + (f" → <ins>{escape(new)}</ins>" if new else "")
        rows.append(f'<tr data-filterable><td class="context">{change}</td><td class="num">{len(where):,}</td>'
                    f'<td class="num">{len({d.number for d, _ in where}):,}</td><td>{examples}</td></tr>')
    return rows


def _hit_row(document: DocumentView, number: int, edit: Edit) -> str:
    before = document.original[max(0, edit.start - CONTEXT):edit.start]
    after = document.original[edit.end:edit.end + CONTEXT]
    change = f"<del>{escape(_short(edit.old, 400))}</del>" + (f" → <ins>{escape(edit.new)}</ins>" if edit.new else "")
    flag = '<span class="flag">looks like speech</span>' if looks_like_speech(document, edit) else ""
    return (f'<tr data-filterable data-doc="{escape(shown(document.doc))}"><td><a href="../docs/{document.number}.html#e{number}">'
            f'{escape(shown(document.doc))}</a></td><td class="context">…{escape(before)}{change}{escape(after)}…</td>'
            f'<td class="num">{edit.removed_chars:,}</td><td>{flag}</td></tr>')


# --- the whole report ----------------------------------------------------------------------

def _all_pages(data: ReportData, run_dir: Path):
    yield "index.html", render_index(data)
    for document in data.documents:
        yield f"docs/{document.number}.html", render_document(data, document)
    for rule_id in sorted(data.rules):
        yield from render_rule_pages(data, rule_id)
    yield from render_repeat_pages(data, run_dir)
    yield from render_quote_pages(data, run_dir)


def write_report(data: ReportData, run_dir: Path, out_dir: Path) -> int:
    """Write every page under `out_dir`, one at a time; returns the number of pages."""
    (out_dir / "static").mkdir(parents=True, exist_ok=True)
    for asset in ("report.css", "report.js"):
        shutil.copyfile(ASSETS / asset, out_dir / "static" / asset)
    count = 0
    for name, html in _all_pages(data, run_dir):
        write_atomic(out_dir / name, html)
        count += 1
    return count
