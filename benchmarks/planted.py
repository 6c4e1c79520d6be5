"""Corpora with planted repeats and quotes, built from real paragraphs, and their ground truth.

The pool is the paragraphs of `corpus/` (cleaned with the default rules) plus, when given, the kept
lines of expert-labelled pages (`gold/*.json`) or plain text files of other sites; paragraphs that
contain or resemble each other are pruned so that the only repeats are the planted ones. Each
planted source gets one damaged copy of one kind (so a copy is never found through another copy):

  exact, script (Traditional <-> Simplified), punctuation (half/full width, spaces),
  script-punctuation, edits (1 edited character in 60), pinyin-ascii / pinyin-fullwidth (readings
  after 1 in 10 characters), word-pinyin (`全国(quánguó)`), traditional-pinyin (`機關(guān)`),
  truncation (85-95 %), clause (a clause of another paragraph, at most a fifth of the paragraph's
  length, inserted), template (2-3 names
  replaced by X / XX / 某某), swap (two adjacent sentences exchanged), and combined (truncated,
  an edit, script flipped, pinyin and punctuation damage, all at once).

Hard negatives go into paragraphs that are never sources or copies: a *quote* is a whole short
paragraph that also stands inside a longer one, as 25-70 % of it (the quote relation, never a
duplicate); a *partial* is one sentence of a paragraph inside another, a *splice* opens like
another paragraph and goes on differently, a *title* is another title on the same pattern (one
two-character word replaced): none of these three is either relation.
"""
from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import opencc
import regex
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
SHARED_GOLD = [ROOT.parent / "shared" / "scrapes" / name / "gold" for name in ("dev", "essay-sites")]
KINDS = ("exact", "script", "punctuation", "script-punctuation", "edits", "pinyin-ascii", "pinyin-fullwidth",
         "word-pinyin", "traditional-pinyin", "truncation", "clause", "template", "swap", "combined")
MIN_CHARS = 20  # normalised characters of a pool paragraph (shorter lines, from 8, are titles)
SHORT_CHARS = 20
TITLE_CHARS = 8
TO_TRADITIONAL, TO_SIMPLIFIED = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
HAN = regex.compile(r"\p{Han}")
SENTENCE = regex.compile(r"[^。！？；!?;]+[。！？；!?;]*[”’」』）)\"']*")
CLAUSE_MARK = regex.compile(r"[，,、：:；;]")
NAME_BEFORE = regex.compile(r"\p{Han}{2,3}?(?=(?:省|市|县|縣|区|區|镇|鎮|乡|鄉|街道|村|公司|集团|集團|大学|大學|学院|學院|中学|中學|医院|醫院"
                            r"|同志|书记|書記|主任|局长|局長|县长|縣長|市长|市長|部长|部長|校长|校長|主席|经理|經理))")
PLACEHOLDERS = ("X", "XX", "XXX", "某某", "××", "xx")
PUNCT_SWAP = {"，": ",", ",": "，", "。": ".", "：": ":", ":": "：", "；": ";", ";": "；", "、": ",", "“": "\"",
              "”": "\"", "！": "!", "？": "?", "（": "(", "）": ")", "(": "（", ")": "）"}


# --- an independent normaliser, used to prune the pool (not the tool's own) -------------------

BRACKETED_LATIN = regex.compile(r"(?<=\p{Han})\s*(?:\([\p{Latin}\p{M}'\s]+\))+")
NOT_TEXT = regex.compile(r"[^\p{L}\p{N}]+")


def folded(text: str) -> str:
    text = BRACKETED_LATIN.sub("", unicodedata.normalize("NFKC", text))
    return NOT_TEXT.sub("", TO_SIMPLIFIED.convert(text)).lower()


def grams(text: str, size: int = 3) -> set[str]:
    text = folded(text)
    return {text[i:i + size] for i in range(max(1, len(text) - size + 1))}


# --- the pool --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    source: str  # where it came from: a corpus file or a labelled page
    text: str


def _corpus_paragraphs() -> list[Paragraph]:
    import sys
    sys.path.insert(0, str(ROOT))
    from cleaner import clean_text, load_rules
    from cleaner.rules import default_rules_dir

    rules = load_rules([default_rules_dir()])
    found = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = clean_text(path.read_text(encoding="utf-8"), rules).text
        found += [Paragraph(path.name, line.strip()) for line in text.splitlines() if line.strip()]
    return found


def _labelled_paragraphs(folder: Path) -> list[Paragraph]:
    found = []
    for path in sorted(folder.glob("*.json")):
        found += [Paragraph(path.stem, line.strip()) for line in json.loads(path.read_text(encoding="utf-8"))["keep"]]
    for path in sorted(folder.glob("*.txt")):
        found += [Paragraph(path.stem, line.strip()) for line in path.read_text(encoding="utf-8").splitlines()]
    return found


def pool(extra: list[Path] | None = None) -> list[Paragraph]:
    """Distinct paragraphs (and titles) of corpus/ and the `extra` folders: none contains or
    resembles another (3-gram Jaccard < 0.2 and containment < 0.5 between any two), each at least
    TITLE_CHARS long."""
    candidates = _corpus_paragraphs()
    for folder in extra or []:
        candidates += _labelled_paragraphs(folder)
    kept: list[Paragraph] = []
    kept_grams: list[set[str]] = []
    for paragraph in candidates:
        if len(folded(paragraph.text)) < TITLE_CHARS:
            continue
        mine = grams(paragraph.text)
        if any(len(mine & other) >= 0.2 * len(mine | other) or len(mine & other) >= 0.5 * min(len(mine), len(other))
               for other in kept_grams):
            continue
        kept.append(paragraph)
        kept_grams.append(mine)
    return kept


def default_extra() -> list[Path]:
    """The labelled pages beside the repository, when they are there."""
    return [folder for folder in SHARED_GOLD if folder.is_dir()]


# --- damage ----------------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if s.strip()]


def flip_script(text: str) -> str:
    simplified = TO_SIMPLIFIED.convert(text)
    return TO_TRADITIONAL.convert(text) if simplified == text else simplified


def change_punctuation(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        if char in PUNCT_SWAP and rng.random() < 0.7:
            char = PUNCT_SWAP[char]
        elif char.isascii() and char.isalnum() and rng.random() < 0.7:
            char = chr(ord(char) + 0xFEE0)
        elif "０" <= char <= "９" and rng.random() < 0.7:
            char = chr(ord(char) - 0xFEE0)
        out.append(char)
        if rng.random() < 0.03:
            out.append(rng.choice([" ", "\u3000", "  "]))
    return "".join(out)


def edit_characters(text: str, rng: random.Random, alphabet: str) -> str:
    chars = list(text)
    for _ in range(max(1, round(len(folded(text)) / 60))):
        places = [i for i, c in enumerate(chars) if HAN.match(c)]
        at = rng.choice(places)
        action = rng.choice(("replace", "delete", "insert"))
        if action == "replace":
            chars[at] = rng.choice(alphabet)
        elif action == "delete":
            del chars[at]
        else:
            chars.insert(at, rng.choice(alphabet))
    return "".join(chars)


def _reading(han: str, rng: random.Random) -> str:
    return lazy_pinyin(TO_SIMPLIFIED.convert(han), style=rng.choice((Style.TONE, Style.TONE, Style.NORMAL)))[0]


def add_pinyin(text: str, rng: random.Random, brackets: str = "()", every: int = 10) -> str:
    """Readings after about one Han character in `every`, as a broken converter writes them."""
    out = []
    for char in text:
        out.append(char)
        if HAN.match(char) and rng.random() < 1 / every:
            out.append(brackets[0] + _reading(char, rng) + brackets[1])
    return "".join(out)


def add_word_pinyin(text: str, rng: random.Random) -> str:
    """`全国(quánguó)`: a two- or three-character word followed by its joined readings."""
    out, i = [], 0
    while i < len(text):
        size = rng.choice((2, 2, 3))
        word = text[i:i + size]
        if len(word) == size and all(HAN.match(c) for c in word) and rng.random() < 0.25:
            readings = lazy_pinyin(TO_SIMPLIFIED.convert(word), style=Style.TONE)
            out.append(word + "(" + rng.choice(("", " ")).join(readings) + ")")
            i += size
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def truncate(text: str, rng: random.Random) -> str:
    return text[:max(1, round(len(text) * rng.uniform(0.85, 0.95)))]


def insert_clause(text: str, rng: random.Random, clause: str) -> str:
    marks = [m.start() for m in CLAUSE_MARK.finditer(text)] or [len(text) // 2]
    at = rng.choice(marks)
    return text[:at] + "，" + clause + text[at:]


def fill_template(text: str, rng: random.Random) -> str:
    """2-3 names (or, where a paragraph names fewer, other two-character words) replaced by placeholders."""
    spans = [m.span() for m in NAME_BEFORE.finditer(text)]
    rng.shuffle(spans)
    wanted = rng.choice((2, 3))
    chosen: list[tuple[int, int]] = []
    for span in spans:
        if len(chosen) < wanted and all(span[1] <= a or span[0] >= b for a, b in chosen):
            chosen.append(span)
    places = [i for i in range(len(text) - 1) if HAN.match(text[i]) and HAN.match(text[i + 1])]
    rng.shuffle(places)
    for at in places:
        if len(chosen) >= wanted:
            break
        if all(at + 2 <= a or at >= b for a, b in chosen):
            chosen.append((at, at + 2))
    for start, end in sorted(chosen, reverse=True):
        text = text[:start] + rng.choice(PLACEHOLDERS) + text[end:]
    return text


def _swappable(text: str) -> list[str]:
    """The sentences of `text`, or its clauses when it is one sentence."""
    parts = sentences(text)
    return parts if len(parts) >= 2 else [p for p in regex.split(r"(?<=[，,])", text) if p]


def swap_sentences(text: str, rng: random.Random) -> str:
    parts = _swappable(text)
    at = rng.randrange(len(parts) - 1)
    parts[at], parts[at + 1] = parts[at + 1], parts[at]
    return "".join(parts)


def damaged(kind: str, text: str, rng: random.Random, alphabet: str, clause: str) -> str:
    if kind == "exact":
        return text
    if kind == "script":
        return flip_script(text)
    if kind == "punctuation":
        return change_punctuation(text, rng)
    if kind == "script-punctuation":
        return change_punctuation(flip_script(text), rng)
    if kind == "edits":
        return edit_characters(text, rng, alphabet)
    if kind == "pinyin-ascii":
        return add_pinyin(text, rng, "()")
    if kind == "pinyin-fullwidth":
        return add_pinyin(text, rng, "（）")
    if kind == "word-pinyin":
        return add_word_pinyin(text, rng)
    if kind == "traditional-pinyin":
        return add_pinyin(TO_TRADITIONAL.convert(text), rng, rng.choice(("()", "（）")), every=6)
    if kind == "truncation":
        return truncate(text, rng)
    if kind == "clause":
        return insert_clause(text, rng, clause)
    if kind == "template":
        return fill_template(text, rng)
    if kind == "swap":
        return swap_sentences(text, rng)
    if kind == "combined":  # what one bad scrape does at once
        text = edit_characters(truncate(text, rng), rng, alphabet)
        return change_punctuation(add_pinyin(flip_script(text), rng, rng.choice(("()", "（）"))), rng)
    raise ValueError(kind)


def eligible(kind: str, text: str) -> bool:
    if kind == "swap":
        return len(_swappable(text)) >= 2
    if kind in ("script", "script-punctuation", "combined"):
        return flip_script(text) != text
    return True


# --- planting --------------------------------------------------------------------------------

def _insert_at_sentence(host: str, inner: str, rng: random.Random) -> str:
    parts = sentences(host)
    at = rng.randint(0, len(parts))
    return "".join(parts[:at]) + inner + "".join(parts[at:])


def _clause_for(text: str, clauses: list[str], rng: random.Random) -> str:
    """A clause of 4-16 characters and at most a fifth of the paragraph: a larger insertion makes
    the original stand inside the copy as a quote, not a damaged duplicate (the length rule)."""
    limit = max(4, len(folded(text)) // 5)
    fitting = [c for c in clauses if len(folded(c)) <= limit]
    return rng.choice(fitting) if fitting else rng.choice(clauses)[:limit]


NEGATIVES = ("quote", "partial", "splice", "title")


def _negative(kind: str, first: str, second: str) -> list[dict]:
    """A hard negative: two passages that are not duplicates (a quote's passage and host, ...)."""
    return [{"text": first, "role": "first", "group": kind + ":" + first[:40], "kind": kind},
            {"text": second, "role": "second", "group": kind + ":" + first[:40], "kind": kind}]


def _quote(inner: str, hosts: list[str], rng: random.Random) -> str | None:
    """`inner` standing whole inside a host, as 25-70 % of the result (never more: then they
    would be alike in length, a duplicate by the length rule)."""
    size = len(folded(inner))
    fitting = [h for h in hosts if 0.25 <= size / (size + len(folded(h))) <= 0.7]
    if not fitting:
        return None
    wanted = rng.uniform(0.25, 0.7)  # spread over the range, not where most hosts fall
    host = min(fitting, key=lambda h: abs(size / (size + len(folded(h))) - wanted))
    hosts.remove(host)
    return _insert_at_sentence(host, inner, rng)


def _splice(text: str, other: str) -> str | None:
    """About the first half of `text` (whole clauses, 30-60 % of it) followed by about as much of
    the end of `other` (at most 60 % of it): a passage that opens like another and goes on
    differently, neither inside the other nor holding either."""
    def pieces(value: str) -> list[str]:
        return [p for p in regex.split(r"(?<=[，,。；;！？!?])", value) if p]
    mine, theirs = pieces(text), pieces(other)
    head, size = [], 0
    for piece in mine:
        if size >= 0.3 * len(text):
            break
        head.append(piece)
        size += len(piece)
    tail, more = [], 0
    for piece in reversed(theirs):
        if more >= size or more + len(piece) > 0.6 * len(other):
            break
        tail.insert(0, piece)
        more += len(piece)
    if size > 0.6 * len(text) or not 0.6 <= more / size <= 1.6:
        return None
    return "".join(head + tail)


def _retitle(title: str, words: list[str], rng: random.Random) -> str:
    """Another title on the same pattern: one two-character word of `title` replaced by another."""
    places = [i for i in range(len(title) - 1) if HAN.match(title[i]) and HAN.match(title[i + 1])]
    at = rng.choice(places)
    word = rng.choice([w for w in words if w != title[at:at + 2]])
    return title[:at] + word + title[at + 2:]


def build(paragraphs: list[Paragraph], seed: int, per_doc: int = 12, negatives_share: float = 0.05) -> list[list[dict]]:
    """Documents (lists of planted paragraphs) for one seed. Every item: text, role (source,
    copy, filler; first, second of a hard negative), group, kind."""
    rng = random.Random(seed)
    titles = [p.text for p in paragraphs if 10 <= len(folded(p.text)) < SHORT_CHARS and len(HAN.findall(p.text)) >= 8]
    order = [p for p in paragraphs if len(folded(p.text)) >= MIN_CHARS]
    rng.shuffle(order)
    rng.shuffle(titles)
    count = max(2, round(len(order) * negatives_share))
    quoted = [p.text for p in order if len(folded(p.text)) <= 60][:count]
    rest = [p.text for p in order if p.text not in quoted]
    hosts, rest = rest[:4 * count], rest[4 * count:]
    donors, rest = rest[:2 * count], rest[2 * count:]
    fillers, sources = rest[:len(rest) // 6], rest[len(rest) // 6:]
    alphabet = "".join(sorted({c for p in order for c in p.text if HAN.match(c)}))
    clauses = [c for f in fillers for c in regex.split(r"[，,。；;！？]", f) if 4 <= len(c) <= 16] or ["在上级的正确领导下"]
    items: list[dict] = [{"text": f, "role": "filler", "group": None, "kind": None} for f in fillers]
    kinds = list(KINDS)
    for group, source in enumerate(sources):
        kind = next(k for k in kinds[group % len(kinds):] + kinds if eligible(k, source))
        items.append({"text": source, "role": "source", "group": group, "kind": kind})
        copy = damaged(kind, source, rng, alphabet, _clause_for(source, clauses, rng))
        items.append({"text": copy, "role": "copy", "group": group, "kind": kind})
    quote_hosts, partial_hosts = hosts[:3 * count], hosts[3 * count:]  # quotes choose among more hosts, for their lengths
    for inner in quoted:
        if (host := _quote(inner, quote_hosts, rng)) is not None:
            items += _negative("quote", inner, host)
    for donor, host in zip(donors[:count], partial_hosts):
        minor = [s for s in sentences(donor) if len(folded(s)) >= 8 and len(s) <= 0.5 * len(donor)]
        if minor:
            items += _negative("partial", donor, _insert_at_sentence(host, rng.choice(minor), rng))
    for donor, other in zip(donors[count:], fillers):
        if (spliced := _splice(donor, other)) is not None:
            items += _negative("splice", donor, spliced)
    words = [t[i:i + 2] for t in titles for i in range(len(t) - 1) if HAN.match(t[i]) and HAN.match(t[i + 1])]
    for title in titles[:count]:
        items += _negative("title", title, _retitle(title, words, rng))
    for item in items:  # a passage's span leaves out the whitespace around it
        item["text"] = item["text"].strip()
    rng.shuffle(items)
    return [items[i:i + per_doc] for i in range(0, len(items), per_doc)]


def write(out_dir: Path, documents: list[list[dict]]) -> list[dict]:
    """One paragraph per line, a file per document; returns every paragraph with its place."""
    out_dir.mkdir(parents=True, exist_ok=True)
    places = []
    for number, paragraphs in enumerate(documents):
        name = f"doc{number:05d}.txt"
        offset = 0
        for item in paragraphs:
            places.append({**{k: v for k, v in item.items() if k != "text"}, "doc": name, "start": offset,
                           "end": offset + len(item["text"])})
            offset += len(item["text"]) + 1
        (out_dir / name).write_text("".join(item["text"] + "\n" for item in paragraphs), encoding="utf-8")
    return places
