"""Lines a learned rule must never remove, by class: the speech's own lines and the document's frame.

`cleaner rules learn` counts what a batch of pages repeats, but a document repeats things too: every
notice of one office ends with that office's name, a date and `（此件公开发布）`, every speech
opens with `同志们：`. Each class here is one named test of a line, in the folded view rules see
(Simplified, half-width: `（` is `(`, `：` is `:`). learn.py keeps a line of any class out of the
candidates and drops every draft rule that would remove one anywhere in the batch.

Two flags say where a class holds:
- `template_ok`: prose may still be chrome when it is a template with a varying slot (an editor's
  blurb with another title in it on every page), so a rule drawn from such lines may remove them.
- `below_title`: the document's frame (signature, date, note, attachment, addressee) follows its
  title; the same kind of line above the title is the site's banner (`某某市人民政府` as a logo,
  today's date).

A new class is one test function and one entry in CLASSES.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from .normalize import fold_for_matching
from .zones import HEADING_MARKER, SALUTATION, is_body_line

CLOSING = regex.compile(r"^(?:谢谢|謝謝|此致|敬礼|敬禮|以上|特此)")
PROSE = regex.compile(r"[。！？!?；;]")

# The words an organ's name ends with: governments, committees, offices, bureaus, party bodies.
ORGAN = regex.compile(r"""^[\p{Han}()·]{1,30}?(?:人民政府|政府|委员会|常委会|办公室|办公厅|办事处|领导小组
                          |指挥部|党委|党组|党工委|党支部|党总支|人民法院|人民检察院|局|厅|委)$""", regex.VERBOSE)
_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
_MONTH_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = regex.compile(rf"""^\(?\s*(?:{_YEAR}\s*年\s*{_MONTH_DAY}\s*月\s*{_MONTH_DAY}\s*日
                              |\d{{4}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}})\s*\)?$""", regex.VERBOSE)
PUBLICATION_NOTE = regex.compile(r"^\(\s*(?:此件|此页)[^()]{1,12}\)$")  # (此件公开发布) (此页无正文)
ATTACHMENT = regex.compile(r"^附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[:.、]|$)")
ADDRESSEE = regex.compile(r"^[^。!?;:]{2,80}:$")


@dataclass(frozen=True)
class LineClass:
    name: str
    test: Callable[[str, str], bool]  # (folded, stripped line, zone) -> whether it is of the class
    template_ok: bool = False
    below_title: bool = False


def is_signature(text: str, zone: str) -> bool:
    """Issuing offices alone on a line, several or with the date (`中共某某县委 某某县人民政府`)."""
    pieces = text.split()
    return (len(text) <= 60 and any(ORGAN.match(p) and len(p) >= 3 for p in pieces)
            and all((ORGAN.match(p) and len(p) >= 3) or DATE.match(p) for p in pieces))


def is_date(text: str, zone: str) -> bool:
    """A date alone on a line, in figures or characters, bracketed or not."""
    return bool(DATE.match(text))


def is_publication_note(text: str, zone: str) -> bool:
    return bool(PUBLICATION_NOTE.match(text))


def is_attachment(text: str, zone: str) -> bool:
    """`附件`, `附件2`, `附件：…` (not `附件下载`)."""
    return bool(ATTACHMENT.match(text))


def is_addressee(text: str, zone: str) -> bool:
    """Who a notice is sent to (`各乡镇人民政府，县直有关单位：`): a document's salutation."""
    if not ADDRESSEE.match(text):
        return False
    names = [name for name in regex.split(r"[,、\s]+", text[:-1]) if name]
    return "各" in text or all(ORGAN.match(name) for name in names)


def is_salutation(text: str, zone: str) -> bool:
    return bool(SALUTATION.match(text))


def is_closing(text: str, zone: str) -> bool:
    return bool(CLOSING.match(text))


def is_heading(text: str, zone: str) -> bool:
    return bool(HEADING_MARKER.match(text))


def is_prose(text: str, zone: str) -> bool:
    """A body line anywhere, or a sentence in the body zone."""
    return is_body_line(text) or (zone == "body" and bool(PROSE.search(text)))


CLASSES = (
    LineClass("salutation", is_salutation),
    LineClass("closing", is_closing),
    LineClass("heading", is_heading),
    LineClass("signature", is_signature, below_title=True),
    LineClass("date", is_date, below_title=True),
    LineClass("publication-note", is_publication_note, below_title=True),
    LineClass("attachment", is_attachment, below_title=True),
    LineClass("addressee", is_addressee, below_title=True),
    LineClass("prose", is_prose, template_ok=True),
)


def line_class(text: str, zone: str) -> LineClass | None:
    """The first class `text` (a line in `zone`: head, body or tail) belongs to, or None."""
    folded = fold_for_matching(text.strip())
    return next((kind for kind in CLASSES if kind.test(folded, zone)), None)
