"""Lines that copy other text of the page, or translate it: the site's copies, not the document's.

A news site's abstract that copies a sentence of the text, a document site's summary that the
text below repeats from its start, a photo's caption that repeats the lede, an English paragraph
that translates a Chinese text, and a headline the head repeats that shares almost no word with
the page (another page's banner). Each reads the whole page's lines, so these live apart from
what one line says on its own (line_evidence) and from how the scorer weighs a line by its place
(scorer).
"""
from __future__ import annotations

import re
from os.path import commonprefix

import regex

from .joins import PHOTO_CREDIT
from .line_evidence import HAN, Line

# A news site's abstract line; a paper's (摘要 over 关键词：…, 内容摘要) is the author's own.
ABSTRACT = regex.compile(r"^(?:摘要|导语|导读|核心提示)\s*:\s*(.{12,}?)\s*$")
ABSTRACT_OPENINGS = frozenset({"摘要", "导语", "导读", "核心"})
# A paragraph of English prose on a Chinese page: a site's machine translation of the text. A
# paper's English abstract (Abstract: …, with its Key words) is the author's own.
TRANSLATION_MIN_WORDS = 30
TRANSLATION_MIN_HAN = 200  # Chinese characters the rest of the page holds: a Chinese text
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
ABSTRACT_EN = regex.compile(r"^(?:Abstract|Summary)\b", regex.IGNORECASE)
KEYWORDS = regex.compile(r"^(?:关键词|关键字|Key\s?words)\s*:", regex.IGNORECASE)
# A document site's summary of the text right above the text, which repeats it from its start.
SUMMARY_MIN_CHARS = 30  # Chinese characters: a paragraph's words, not an info box's fields
SUMMARY_TEXT_WITHIN = 3  # lines below the summary in which the text starts
LABEL_OPENINGS = "【[(（摘导简提内"  # how SUMMARY_LABEL starts: the label is looked for only there
SUMMARY_LABEL = regex.compile(r"^[【\[(（]?(?:内容)?(?:摘要|导语|导读|简介|提要)[】\])）]?[:：]?")
CAPTION_MIN_CHARS = 10  # a paragraph's words before the credit, not a bare credit
# A headline the head repeats that shares almost no word with the rest of the page is another
# page's, shown as a banner (a page's own title shares many: measured at 38 % and more).
BANNER_MIN_BIGRAMS = 10
BANNER_MAX_SHARED = 0.1
BANNER_MIN_REST = 200  # Han characters the rest of the page needs for the comparison to mean anything


def abstract_copies(lines: list[Line]) -> None:
    """Call chrome a site's abstract (摘要：…, 导语：…) made of a sentence the text itself holds:
    the site's copy, shown before the text (an abstract of its own words stays, and so does a
    paper's, which its keywords follow)."""
    found = [(line, match) for line in lines if line.text[:2] in ABSTRACT_OPENINGS
             and (match := ABSTRACT.match(line.text)) is not None]  # nearly every page: none
    if not found or any(KEYWORDS.match(line.text) for line in lines):
        return
    for line, match in found:
        if any(match.group(1) in other.text for other in lines if other is not line):
            line.call_chrome("a site's abstract that copies a sentence of the text")


def summaries_of_the_text(lines: list[Line]) -> None:
    """Call chrome a document site's summary of the text right above it: a long line (摘要 label
    aside) that the next lines repeat from its start, spaces aside, where the site cut it short
    (…) or where its copy runs a heading and the paragraph below into one (【摘要】:一、…在…)."""
    keys = [line.text.replace(" ", "") for line in lines]
    heads = [key[:2] for key in keys]
    for index, key in enumerate(keys):
        if len(key) < SUMMARY_MIN_CHARS:
            continue
        body = (SUMMARY_LABEL.sub("", key, count=1) if key[0] in LABEL_OPENINGS else key).rstrip(".…")
        lead = body[:SUMMARY_MIN_CHARS]
        for below in range(index + 1, min(index + 1 + SUMMARY_TEXT_WITHIN, len(keys))):
            if heads[below] != lead[:2]:
                continue  # nearly every line: the rest is dearer
            text = keys[below]
            if text == body or not (text.startswith(lead) or lead.startswith(text)):
                continue  # the same line twice is dedup's to judge
            shared = commonprefix([body, "".join(keys[below:below + SUMMARY_TEXT_WITHIN])])
            # a paragraph that opens like the next one shares its start within that line only
            if len(HAN.findall(shared)) >= SUMMARY_MIN_CHARS and (
                    shared == body or len(body) < len(key) or len(shared) > len(text)):
                lines[index].call_chrome("a summary of the text that the text below repeats from its start")
                break


def translations(lines: list[Line]) -> None:
    """Call chrome a long paragraph of English prose on a page whose text is Chinese: the site's
    machine translation of it, never the speech (a paper's English abstract stays)."""
    english = [line for line in lines if len(line.text) >= TRANSLATION_MIN_WORDS * 3 and HAN.search(line.text) is None
               and len(ENGLISH_WORD.findall(line.text)) >= TRANSLATION_MIN_WORDS]  # nearly every page: none
    if not english or any(ABSTRACT_EN.match(line.text) or KEYWORDS.match(line.text) for line in lines):
        return
    if sum(len(HAN.findall(line.text)) for line in lines) >= TRANSLATION_MIN_HAN:
        for line in english:
            line.call_chrome("a paragraph of English on a Chinese page: a translation of the text")


def caption_copies(lines: list[Line]) -> None:
    """Call chrome a photo's caption that repeats a paragraph of the text with the photographer's
    credit after it: the picture's copy of the lede (a caption of its own words stays)."""
    credited = [(line, match) for line in lines if line.text.endswith("摄")
                and (match := PHOTO_CREDIT.search(line.text)) is not None]  # nearly every page: none
    for line, match in credited:
        words = line.text[:match.start()].strip()
        if len(words) >= CAPTION_MIN_CHARS and any(other is not line and other.text.startswith(words) for other in lines):
            line.call_chrome("a photo's caption that repeats a paragraph of the text")


def bigrams(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of `text`: its words, roughly."""
    han = "".join(HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def banners(lines: list[Line], head: list[Line]) -> list[Line]:
    """Every copy of a headline the head repeats that shares almost no word with the rest of
    the page, called chrome."""
    found = []
    counts: dict[str, int] = {}
    for line in head:
        counts[line.text] = counts.get(line.text, 0) + 1
    for text in sorted(t for t, n in counts.items() if n >= 2):
        copies = [line for line in head if line.text == text]
        pairs = bigrams(text)
        if len(pairs) < BANNER_MIN_BIGRAMS or copies[0].prose or any(_has_subtitle(lines, line) for line in copies):
            continue
        rest = "\n".join(line.text for line in lines if text not in line.text)
        if len(rest) < BANNER_MIN_REST:
            continue
        shared = sum(pair in rest for pair in pairs) / len(pairs)
        if shared < BANNER_MAX_SHARED:
            for line in copies:
                line.call_chrome(f"a headline the head repeats {len(copies)} times that shares {shared:.0%} of its "
                                 "words with the rest of the page: another page's banner")
            found += copies
    return found


def _has_subtitle(lines: list[Line], line: Line) -> bool:
    """The line right below is a subtitle (——在…会议上的讲话): a speech's own slogan title."""
    index = lines.index(line)
    return index + 1 < len(lines) and lines[index + 1].text[:1] in "—－"
