"""Render a ReportData as a static HTML report that scales to whole scrapes: an overview, one page
that shows any document (`doc.html#doc=N`), one that shows any rule's hits (`rule.html#rule=ID`),
and pages of repeated passages and quotes (report_repeats.py). The documents travel as compact
data (report_json.py) that the pages load on demand; the stylesheet and script exist once, in
static/. No server, no network: everything links by relative paths, so the folder opens from disk.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path

from .io import write_atomic
from .progress import silent
from .report_data import ReportData
from .report_json import CHUNK_DOCS, as_script, chunk_payloads, index_payload, rule_colours
from .report_page import figure, framed
from .report_repeats import render_quote_pages, render_repeat_pages

ASSETS = Path(__file__).parent / "assets"
INDEX_DATA = "data/index.js"


CHUNK_PREFIX = "data/docs-"


def chunk_file(number: int) -> str:
    return f"{CHUNK_PREFIX}{number}.js"


def rule_link(rule: str) -> str:
    return f"rule.html#rule={escape(rule, quote=True)}"


def colour_style(colour: tuple[int, int]) -> str:
    hue, dark = colour
    return f'style="--hue:{hue};--dark:{dark}"'


# --- index ---------------------------------------------------------------------------------

def render_index(data: ReportData) -> str:
    removed = data.chars_in - data.chars_out
    share = removed / data.chars_in if data.chars_in else 0.0
    edits = sum(len(d.edits) for d in data.documents)
    flagged = sum(1 for d in data.documents if d.unusual)
    figures = "".join([
        figure(f"{len(data.documents):,}", "documents", "n-documents"),
        figure(f"{len(data.skipped):,}", "skipped", "n-skipped"),
        figure(f"{data.chars_in:,}", "characters in", "n-chars-in"),
        figure(f"{data.chars_out:,}", "characters out", "n-chars-out"),
        figure(f"{share:.1%}", "removed", "share-removed"),
        figure(f"{edits:,}", "edits", "n-edits"),
        figure(f"{flagged:,}", "lost an unusual share", "n-unusual"),
        figure(f"{len(data.clusters):,}", "repeated passages", "n-clusters"),
        figure(f"{len(data.quotes):,}", "quotes", "n-quotes"),
    ])
    colours = rule_colours(list(data.rules))
    rules = sorted(data.rules.values(), key=lambda r: (-r.chars_removed, r.id))
    rule_rows = "\n".join(
        f'<tr data-rules="{escape(r.id)}"><td><a class="rule-chip" href="{rule_link(r.id)}" {colour_style(colours[r.id])}>'
        f'{escape(r.id)}</a></td><td>{escape(r.description)}</td>'
        f'<td class="num">{r.documents:,}</td><td class="num">{r.edits:,}</td><td class="num">{r.chars_removed:,}</td>'
        f'<td>{_speech_flag(r.speech_like)}</td></tr>' for r in rules)
    options = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in sorted(data.rules))
    skipped = "".join(f"<li>{escape(s)}</li>" for s in data.skipped)
    sorts = [("number", "#"), ("name", "document"), ("share", "removed share"), ("edits", "edits"), ("rule", "rule"),
             ("flag", "flags")]
    body = (f'<h1>Overview</h1>\n<div class="figures">{figures}</div>\n'
            f'<h2>Edits per rule</h2>\n<p class="muted">Each rule has its own colour, the same on every page.</p>\n'
            f'<table id="rules"><thead><tr><th>rule</th><th>what it does</th><th class="num">documents</th>'
            f'<th class="num">edits</th><th class="num">characters removed</th><th>check</th></tr></thead>\n<tbody>{rule_rows}</tbody></table>\n'
            f'<h2>Documents</h2>\n<div class="controls">'
            f'<input id="search" type="search" placeholder="Search names, rules, text" aria-label="Search documents">'
            f'<label><input id="search-text" type="checkbox" checked> in the text too</label>'
            f'<select id="rule-filter" aria-label="Only documents edited by rule"><option value="">every rule</option>{options}</select>'
            f'<select id="flag-filter" aria-label="Only flagged documents"><option value="">any flag</option>'
            f'<option value="any">flagged</option><option value="speech">looks like speech</option>'
            f'<option value="unusual">lost an unusual share</option><option value="large">one rule took most</option></select>'
            f'<select id="sort" aria-label="Sort documents">'
            + "".join(f'<option value="{key}">sort by {label}</option>' for key, label in sorts)
            + '</select><button class="chip" id="sort-order" aria-pressed="false">descending</button>'
            f'<span class="muted"><span id="shown">{len(data.documents)}</span> shown <span id="searching"></span></span></div>\n'
            f'<table id="documents"><thead><tr><th class="num" data-sort="number">#</th><th data-sort="name">document</th>'
            f'<th>encoding</th><th class="num">characters in</th><th class="num">out</th><th class="num" data-sort="share">removed</th>'
            f'<th class="num" data-sort="edits">edits</th><th data-sort="rule">rules</th><th data-sort="flag">check</th></tr></thead>\n'
            f'<tbody></tbody></table>\n<p id="more" hidden><button class="chip" id="show-more">show more</button></p>\n'
            + (f"<h2>Skipped inputs</h2><ul>{skipped}</ul>" if skipped else ""))
    return framed("cleaner report", body, "index", 0, "Overview", [INDEX_DATA])


def _speech_flag(count: int) -> str:
    return (f'<span class="flag" title="hits that remove a line of prose (several clauses and sentences) in the middle '
            f'of a document">{count} look like speech</span>' if count else "")


# --- the document and rule viewers -----------------------------------------------------------

def render_document_viewer() -> str:
    body = ('<h1 id="title">Document</h1>\n<p class="muted" id="facts"></p>\n'
            '<div class="controls"><button class="chip" data-view="marked" aria-pressed="true">Original with edits</button>'
            '<button class="chip" data-view="cleaned" aria-pressed="false">Cleaned text</button></div>\n'
            '<div class="controls" id="legend"></div>\n'
            '<div class="text" id="marked"></div>\n<div class="text" id="cleaned" hidden></div>\n'
            '<h2>Edits</h2>\n<table id="edits"><thead><tr><th class="num">#</th><th>rule</th><th class="num">span</th>'
            '<th>change</th><th>detail</th><th>review</th></tr></thead>\n<tbody></tbody></table>\n')
    return framed("Document", body, "document", 0, "", [INDEX_DATA])


def render_rule_viewer() -> str:
    body = ('<h1 id="title">Rule</h1>\n<p id="description"></p>\n<p class="muted" id="facts"></p>\n'
            '<div class="controls"><input id="search" type="search" placeholder="Search every hit" aria-label="Search hits">'
            '<span class="muted"><span id="shown">0</span> shown <span id="searching"></span></span></div>\n'
            '<table id="hits"><thead><tr><th>document</th><th>in context (other rules\' edits marked too)</th>'
            '<th class="num">characters</th><th>check</th><th>review</th></tr></thead>\n<tbody></tbody></table>\n'
            '<p id="more" hidden><button class="chip" id="show-more">show more</button></p>\n')
    return framed("Rule", body, "rule", 0, "", [INDEX_DATA])


# --- the whole report ----------------------------------------------------------------------

def _all_files(data: ReportData, run_dir: Path):
    yield "index.html", render_index(data)
    yield "doc.html", render_document_viewer()
    yield "rule.html", render_rule_viewer()
    yield INDEX_DATA, as_script("index", index_payload(data))
    for number, docs in chunk_payloads(data):
        yield chunk_file(number), as_script("chunk", number, docs)
    yield from render_repeat_pages(data, run_dir)
    yield from render_quote_pages(data, run_dir)


def write_report(data: ReportData, run_dir: Path, out_dir: Path, progress: Callable = silent) -> int:
    """Write every page and data file under `out_dir`, one at a time; returns the number of pages.
    `progress(stage, total)` is told of the documents written (progress.py)."""
    for folder in ("static", "data"):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    for asset in ("report.css", "report.js"):
        shutil.copyfile(ASSETS / asset, out_dir / "static" / asset)
    pages, written, advance = 0, 0, progress("writing the report", len(data.documents))
    for name, text in _all_files(data, run_dir):
        write_atomic(out_dir / name, text)
        pages += name.endswith(".html")
        if name.startswith(CHUNK_PREFIX):  # a chunk holds CHUNK_DOCS documents, the last one the rest
            step = min(CHUNK_DOCS, len(data.documents) - written)
            written += step
            advance(step)
    return pages
