"""A batch's pages as the learner sees them: lines with their zone, key, title mark and protected class.

- Zone: head, body or tail (zones.py). Key: what lines are counted by across pages (digits one
  class, script, width, punctuation and spaces folded), so a header with another date is the same line.
- Title: each page's own title, and the lines of the page repeating it. It is the page's rarest
  title-like head line, counted in documents (copies of one document on mirror sites count once)
  where it stands in a head or alone in a tail (a caption such as 相关内容), never as an item of
  a list: mirror sites that list every page's title do not make a title look like chrome. Of
  lines as frequent (a sidebar listing every page), the one off the site's template wins: chrome
  is the same line at the same place (index and neighbour, from the top of the head or from its
  end) in many documents.
- Link: a title-like line in a run of lines that holds another page's title. It is never a rule
  of its own, whatever it repeats: the page it names may be in the next batch.
- Protected class (protected.py): what a learned rule must never remove. The document's frame
  (signature, date ...) counts from the page's title down; above it, it is the site's banner.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import regex

from .relations import UnionFind
from .normalize import fold_for_matching
from .protected import LineClass, line_class
from .zones import find_zones, is_body_line, is_title_like, iter_lines

DIGITS = regex.compile(r"\d+")
NOT_TEXT = regex.compile(r"[^\p{L}\p{N}#]+")
LETTER = regex.compile(r"\p{L}")
EDGE_LINES = 5
TEMPLATE_REPEATS = 3  # documents a head line must sit at one place in to be the site's, not a title
MAX_COPIES = 20  # a body line on more pages than this is the site's, and says nothing of copies
COPY_SHARE = 0.8  # Jaccard similarity of the body lines of two copies of one document


@dataclass
class Line:
    doc: int
    number: int
    text: str
    zone: str  # head, body or tail
    blank_before: bool
    key: str = ""
    edge: bool = False  # among the first EDGE_LINES lines of its page
    title: bool = False  # the page's own title, or a line repeating it
    link: bool = False  # in a list of other pages' titles (a related-links list, a sidebar)
    keep: LineClass | None = None  # the protected class it belongs to (protected.py)


def line_key(text: str) -> str:
    """The key lines are counted by: digits one class, script, width, punctuation folded."""
    return NOT_TEXT.sub("", DIGITS.sub("#", fold_for_matching(text).lower()))


def page_lines(pages: list[str]) -> list[list[Line]]:
    """The non-blank lines of each page, titles, links and protected classes marked."""
    docs = [_split(doc, text) for doc, text in enumerate(pages)]
    copy_of = _documents(docs)
    candidates = _title_candidates(docs, copy_of, _templated(docs, copy_of))
    titles = [_title(lines, found) for lines, found in zip(docs, candidates)]
    for lines, title in zip(docs, titles):
        for line in lines:
            line.title = bool(title) and _repeats_title(line, title.key)
    keys = {title.key for title in titles if title}
    for lines in docs:
        _mark_links(lines, keys)
        _free_the_banner(lines)
    return docs


def _split(doc: int, text: str) -> list[Line]:
    """Page `doc`'s non-blank lines with their zone, key and class."""
    zones = find_zones(text)
    lines, blank = [], True
    for number, (start, end) in enumerate(iter_lines(text)):
        content = text[start:end]
        if not content.strip():
            blank = True
            continue
        zone = "head" if start < zones.head_end else "tail" if start >= zones.tail_start else "body"
        lines.append(Line(doc, number, content, zone, blank, line_key(content), edge=len(lines) < EDGE_LINES,
                          keep=line_class(content, zone)))
        blank = False
    return lines


def _documents(docs: list[list[Line]]) -> list[int]:
    """The document each page holds: pages with nearly the same body lines are copies of one."""
    bodies = [{line.key for line in lines if is_body_line(line.text)} for lines in docs]
    holders: dict[str, list[int]] = defaultdict(list)
    for page, keys in enumerate(bodies):
        for key in keys:
            holders[key].append(page)
    union = UnionFind()
    for page, keys in enumerate(bodies):
        shared = Counter(other for key in keys if len(holders[key]) <= MAX_COPIES
                         for other in holders[key] if other > page)
        for other, count in shared.items():
            if count >= COPY_SHARE * (len(keys) + len(bodies[other]) - count):
                union.union(page, other)
    return [union.find(page) for page in range(len(docs))]


def _head_places(lines: list[Line]) -> list[tuple[Line, tuple, tuple]]:
    """Each head line with its place: its index from the top and the line above it, its index
    from the end of the head and the line below it (a site's template repeats all of these)."""
    heads = [line for line in lines if line.zone == "head"]
    keys = [None] + [line.key for line in heads] + [None]
    return [(line, (line.key, keys[i], "top", i), (line.key, keys[i + 2], "end", len(heads) - i))
            for i, line in enumerate(heads)]


def _templated(docs: list[list[Line]], copy_of: list[int]) -> set[tuple[int, int]]:
    """(doc, line) of the head lines at a place of the site's template: the same line at the
    same place in this many documents."""
    places = [_head_places(lines) for lines in docs]
    at_place: dict[tuple, set[int]] = defaultdict(set)
    for found in places:
        for line, top, end in found:
            at_place[top].add(copy_of[line.doc])
            at_place[end].add(copy_of[line.doc])
    return {(line.doc, line.number) for found in places for line, top, end in found
            if max(len(at_place[top]), len(at_place[end])) >= TEMPLATE_REPEATS}


def _title_candidates(docs: list[list[Line]], copy_of: list[int], templated: set[tuple[int, int]]):
    """Each page's possible titles (title-like head lines) as (rank, line), the best rank least:
    the fewest documents holding the line where it counts (see the module's notes); of lines as
    frequent, one off the template, and seldom off it elsewhere; then the first."""
    holders: dict[str, set[int]] = defaultdict(set)
    off_template: dict[str, set[int]] = defaultdict(set)
    for lines in docs:
        for index, line in enumerate(lines):
            if line.zone == "head" or _stands_alone(lines, index):
                holders[line.key].add(copy_of[line.doc])
                if (line.doc, line.number) not in templated:
                    off_template[line.key].add(copy_of[line.doc])

    def rank(line: Line) -> tuple:
        on_template = (line.doc, line.number) in templated
        return len(holders[line.key]), on_template, len(off_template[line.key]), line.number
    return [[(rank(line), line) for line in lines if line.zone == "head" and _may_be_title(line)] for lines in docs]


def _stands_alone(lines: list[Line], index: int) -> bool:
    return lines[index].blank_before and (index + 1 == len(lines) or lines[index + 1].blank_before)


def _title(lines: list[Line], candidates: list[tuple[tuple, Line]]) -> Line | None:
    """The best-ranked candidate, unless it is the site's: in the template and repeated (then
    the title is elsewhere), except on the page's first line."""
    if not candidates:
        return None
    (holders, templated, _, _), title = min(candidates, key=lambda candidate: candidate[0])
    return None if templated and holders >= TEMPLATE_REPEATS and title is not lines[0] else title


def _may_be_title(line: Line) -> bool:
    """Title-like, with two letters at least, and not a date, an office or another line of a
    document's frame."""
    return (is_title_like(line.text) and len(LETTER.findall(line.key)) >= 2
            and not (line.keep and line.keep.below_title))


def _repeats_title(line: Line, title: str) -> bool:
    """A head line that is the title with a site name after it, or cut short (not a mere office
    name the title starts with: `某某局` above `某某局关于…的通知`); a body line equal to it."""
    if line.zone != "head":
        return line.zone == "body" and line.key == title
    if not _may_be_title(line):
        return False
    return line.key.startswith(title) or (title.startswith(line.key) and 2 * len(line.key) >= len(title))


def _mark_links(lines: list[Line], titles: set[str]) -> None:
    """Runs of adjacent lines that hold another page's title are lists of links: their title-like
    lines are links, whatever they repeat (the page each one names may be in the next batch). The
    first line of a run, unless it is a page's title, is the list's header (相关阅读)."""
    own = {line.key for line in lines if line.title}
    runs: list[list[Line]] = []
    for line in lines:
        if line.blank_before or not runs:
            runs.append([])
        runs[-1].append(line)
    for run in runs:
        listed = any(line.key in titles and line.key not in own for line in run)
        for index, line in enumerate(run):
            header = index == 0 and line.key not in titles
            line.link = listed and is_title_like(line.text) and line.key not in own and not header


def _free_the_banner(lines: list[Line]) -> None:
    """The document's frame is protected from the page's title down; above it, an office name or
    a date is the site's banner."""
    top = _title_line(lines)
    for line in lines:
        if line.keep and line.keep.below_title and line.number < top:
            line.keep = None


def _title_line(lines: list[Line]) -> int:
    """Where the document starts: its last title line in the head (a page may repeat its title
    above its banner), or its first where the whole page is head; -1 when it has no title."""
    titles = [line for line in lines if line.title]
    if not titles:
        return -1
    if all(line.zone == "head" for line in lines):
        return titles[0].number
    return [line for line in titles if line.zone == "head"][-1].number
