"""The frame every report page shares: head, navigation, figures and pagers."""
from __future__ import annotations

from html import escape


def framed(title: str, body: str, kind: str, depth: int, here: str) -> str:
    up = "../" * depth
    links = [("index.html", "Overview"), ("repeats.html", "Repeated passages"), ("quotes.html", "Quotes")]
    nav = " ".join(f'<a href="{up}{href}"{" class=here" if name == here else ""}>{name}</a>' for href, name in links)
    return (f'<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f'<link rel="stylesheet" href="{up}static/report.css">\n<script src="{up}static/report.js"></script>\n'
            f'</head>\n<body data-page="{kind}">\n<header class="top"><strong>cleaner report</strong> {nav}</header>\n'
            f'<main>\n{body}\n</main>\n</body>\n</html>\n')


def figure(value: str, label: str, ident: str) -> str:
    return f'<div class="figure"><b id="{ident}">{value}</b><span>{label}</span></div>'


def pager(pages: list[tuple[int, str]], current: int) -> str:
    if len(pages) <= 1:
        return ""
    links = " ".join(f"<b>{n}</b>" if n == current else f'<a href="{href}">{n}</a>' for n, href in pages)
    return f'<nav class="pages">Page {links}</nav>\n'
