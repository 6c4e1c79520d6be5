"""The frame every report page shares: head, navigation, figures and pagers."""
from __future__ import annotations

from html import escape


def framed(title: str, body: str, kind: str, depth: int, here: str, data: list[str] | tuple = ()) -> str:
    """A page of the report: `data` names the data scripts it loads before its own script runs;
    every page has the review panel (the script fills it from the decisions kept in the browser)."""
    up = "../" * depth
    links = [("index.html", "Overview"), ("repeats.html", "Repeated passages"), ("quotes.html", "Quotes")]
    nav = " ".join(f'<a href="{up}{href}"{" class=here" if name == here else ""}>{name}</a>' for href, name in links)
    return (f'<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f'<link rel="stylesheet" href="{up}static/report.css">\n<script src="{up}static/report.js"></script>\n'
            + "".join(f'<script src="{up}{src}"></script>\n' for src in data)
            + f'</head>\n<body data-page="{kind}">\n<header class="top"><strong>cleaner report</strong> {nav}'
            f'<button class="chip" id="review-toggle" aria-expanded="false">Review: <span id="review-count">0</span> decisions</button></header>\n'
            f'<aside id="review" hidden><h2>Review</h2><p class="muted">Decisions stay in this browser. Export them as '
            f'review.json, then run <code>cleaner rules review review.json</code>.</p>'
            f'<p><button class="chip" id="review-export">Export review.json</button> '
            f'<button class="chip" id="review-clear">Forget all</button></p>'
            f'<table id="decisions"><thead><tr><th>document</th><th>rule</th><th>text</th><th>verdict</th><th></th></tr></thead>'
            f'<tbody></tbody></table><textarea id="review-json" readonly hidden></textarea></aside>\n'
            f'<main>\n{body}\n</main>\n</body>\n</html>\n')


def figure(value: str, label: str, ident: str) -> str:
    return f'<div class="figure"><b id="{ident}">{value}</b><span>{label}</span></div>'


def pager(pages: list[tuple[int, str]], current: int) -> str:
    if len(pages) <= 1:
        return ""
    links = " ".join(f"<b>{n}</b>" if n == current else f'<a href="{href}">{n}</a>' for n, href in pages)
    return f'<nav class="pages">Page {links}</nav>\n'
