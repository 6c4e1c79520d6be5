"""Propose rules for the chrome a batch of pages repeats: a first draft for a person to review.

1. Each page is tidied by the built-in repairs and split into lines (page_lines.py), each placed
   in the head, body or tail zone, with its key, its page's title marked and its protected class.
2. Lines are counted across documents under their key (digits one class, Traditional to
   Simplified, width, punctuation and spaces folded), so a header with another date counts as
   the same line.
3. Head and tail lines whose keys differ (another title after `上一篇：`, another price) are matched
   with the MinHash machinery of dedup; each cluster is generalised into one pattern
   (shared first and last words, numbers as `\\d+`; line_patterns.py).
4. Runs of adjacent chrome lines become one head-block rule. A repeated tail line followed by
   varying title-like lines becomes a related-links rule that drops to the end.
5. What a page must keep is protected by class (protected.py): the speech's own lines
   (salutations, closings, headings, prose), the document's frame from its title down (signature,
   date, publication note, attachment, addressee) and each page's title. Such a line is never a
   candidate, and a proposed rule that would remove one anywhere in the batch is dropped.
6. Nothing depends on page order: a pattern takes the punctuation and spacing of every line it
   was learned from, as one class (`,` `，` `、` are alike), and examples are chosen by frequency.

Every rule carries its support (documents it matches), real examples that it matches, and body
lines of the same pages that it must leave alone; rules are sorted by support.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import regex

from . import layout, pinyin
from .editlog import apply_edits
from .actions import Deadline, rule_edits
from .errors import RuleFileError
from .line_patterns import Shape, alike, frame_pattern, same_line_pattern, shared_frame, suffix_pattern
from .candidates import lsh_pairs, unpack
from .minhash import band_keys, permutations, shingle_hashes, signatures
from .relations import UnionFind, similarity
from .config import LearnConfig
from .normalize import fold_for_matching
from .page_lines import Line, line_key, page_lines
from .protected import PROSE
from .rules import Rule, check_examples
from .zones import find_zones, is_body_line, is_title_like, iter_lines

BULLET = regex.compile(r"^[•·●◆◇▪■□○►▶*]\s*\S")
SITE_MARK = regex.compile(r"[-–—_|][\W_]*$")  # the separator a site name follows, at the end of a title's middle
SUFFIX = regex.compile(r"^(?P<title>.+?)(?P<suffix>\s*[-–—_|｜]\s*[^-–—_|｜]{2,20})$")


@dataclass
class Proposal:
    kind: str
    scope: str
    action: str
    pattern: str
    description: str
    examples: list[str] = field(default_factory=list)
    include_titles_above: bool = False
    support: int = 0
    must_not_match: list[str] = field(default_factory=list)
    sources: set[tuple[int, int]] = field(default_factory=set)  # (doc, line) it was learned from
    members: list[str] = field(default_factory=list)  # patterns of the lines a block rule replaces


def tidy(text: str) -> str:
    """The page as rules see it: line ends, pinyin and whitespace repaired."""
    for step in (layout.normalise_newlines, pinyin.repair_pinyin, layout.strip_whitespace):
        text = apply_edits(text, step(text))
    return text


def is_header_like(line: Line) -> bool:
    """A short caption such as 相关内容 or 推荐阅读：: some letters, no sentence."""
    text = line.text.strip()
    return 2 <= len(text) <= 20 and len(regex.findall(r"[\p{Han}A-Za-z]", text)) >= 2 and not PROSE.search(text)


def _link_headers(docs: list[list[Line]], config: LearnConfig) -> tuple[list[Proposal], set[tuple[int, int]]]:
    """Repeated tail lines followed by varying title-like lines: related-links headers. Returns
    their to-end proposals and the (doc, line) places they cover."""
    followers: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    page_titles = {line.key for lines in docs for line in lines if line.title}
    for lines in docs:
        for index, line in enumerate(lines):
            if line.zone != "tail" or not is_header_like(line) or line.keep or line.key in page_titles:
                continue  # a page's title listed by another is a link, not the list's header
            after = lines[index + 1:]
            titles = [l for l in after if is_title_like(l.text) or BULLET.match(l.text.strip()) or l.text.strip().endswith(("...", "…"))]
            if len(after) >= 2 and len(titles) >= 0.5 * len(after):
                before = lines[index - 1] if index else None
                above = bool(before and not line.blank_before and is_title_like(before.text) and before.zone == "tail")
                followers[line.key].append((line.doc, index, above))
    support = {key: len({doc for doc, _, _ in places}) for key, places in followers.items()}
    best: dict[int, tuple[int, str, int, bool]] = {}  # per page: its best-supported header
    for key, places in followers.items():
        for doc, index, above in places:
            current = best.get(doc)
            if current is None or (-support[key], index) < (-current[0], current[2]):
                best[doc] = (support[key], key, index, above)
    followers = defaultdict(list)
    for doc, (_, key, index, above) in best.items():
        followers[key].append((doc, index, above))
    proposals, covered = [], set()
    for key, places in sorted(followers.items()):
        docs_with = {doc for doc, _, _ in places}
        if len(docs_with) < config.min_support:
            continue
        above = sum(a for _, _, a in places) * 2 >= len(places)
        found = [docs[doc][index] for doc, index, _ in places]
        proposals.append(Proposal("related-links", "to-end", "drop-to-end",
                                  same_line_pattern([line.text for line in found]),
                                  f"Drops a related-links list: the header that {len(docs_with)} pages repeat, everything after it"
                                  + (" and the bare title links right above it." if above else "."),
                                  _distinct(found, config.examples), include_titles_above=above))
        for doc, index, _ in places:
            first = index
            while above and first > 0 and is_title_like(docs[doc][first - 1].text) and not docs[doc][first].blank_before:
                first -= 1
            covered.update((doc, docs[doc][k].number) for k in range(first, len(docs[doc])))
    return proposals, covered


def _line_proposals(docs: list[list[Line]], covered: set[tuple[int, int]], config: LearnConfig) -> list[Proposal]:
    """Repeated head and tail lines: near-duplicate keys clustered with MinHash, each cluster
    generalised into one pattern (a single key: the line itself, numbers as \\d+)."""
    by_key: dict[str, list[Line]] = defaultdict(list)
    for lines in docs:
        for line in lines:
            if line.key and (line.doc, line.number) not in covered:
                by_key[line.key].append(line)
    keys = [k for k, found in sorted(by_key.items()) if all(_candidate(l) for l in found) and len({_place(l) for l in found}) == 1]
    proposals = []
    for cluster in _near_duplicate_keys(keys, config):
        found = [line for key in cluster for line in by_key[key]]
        support = len({line.doc for line in found})
        if support < config.min_support:
            continue
        if len(cluster) == 1:
            if any(l.keep for l in found):
                continue  # a repeated passage of prose is speech, however often it repeats
            proposals.append(_repeated_line(found, config))
            continue
        general = _generalise(found, config)
        if general:
            proposals.append(general)  # alternatives: the first that passes the vetting is kept
        else:  # no shared frame: fall back to the keys that repeat on their own
            proposals += [_repeated_line(by_key[key], config) for key in cluster
                          if len({l.doc for l in by_key[key]}) >= config.min_support and not any(l.keep for l in by_key[key])]
    return proposals


def _repeated_line(found: list[Line], config: LearnConfig) -> Proposal:
    """A rule for one line (one key) that pages repeat."""
    scope = _scope(found)
    return Proposal("line", scope, "drop-line", same_line_pattern([line.text for line in found]),
                    f"Drops a {_where(scope)} line that {len({l.doc for l in found})} pages of this batch repeat.",
                    _distinct(found, config.examples), sources={(l.doc, l.number) for l in found})


def _candidate(line: Line) -> bool:
    """Lines that may be chrome: head and tail lines, and the first lines of a page, unless they
    are of a protected class (prose only as a template, see protected.py). Other pages' titles
    (links, and title-like lines in a tail list) are taken only by a related-links rule, never a
    rule of their own: the page a link names may be in the next batch."""
    text = line.text.strip()
    if (line.keep and not line.keep.template_ok) or line.link:
        return False
    if line.zone == "tail" and (BULLET.match(text) or is_title_like(text)) and not is_header_like(line):
        return False
    return line.zone != "body" or line.edge


def _place(line: Line) -> str:
    return "tail" if line.zone == "tail" else "head"


def _scope(found: list[Line]) -> str:
    """Where a rule for `found` looks: their place, or every line when some are in the body."""
    return "line" if any(line.zone == "body" for line in found) else _place(found[0])


def _near_duplicate_keys(keys: list[str], config: LearnConfig) -> list[list[str]]:
    """Keys grouped by near-duplicate text (MinHash LSH, then exact Jaccard on 2-grams)."""
    if not keys:
        return []
    hashes, counts = shingle_hashes(keys, 2)
    bands = band_keys(signatures(hashes, counts, permutations(64, 1)), 16, 4)
    left, right = unpack(lsh_pairs(bands))
    sets = {}
    union = UnionFind()
    for i, j in zip(left.tolist(), right.tolist()):
        for k in (i, j):
            if k not in sets:
                sets[k] = np.unique(shingle_hashes([keys[k]], 2)[0])
        if similarity(sets[i], sets[j])[0] >= config.near_threshold:
            union.union(i, j)
    grouped = union.groups()
    clustered = {i for members in grouped.values() for i in members}
    return [[keys[i] for i in members] for members in grouped.values()] + [[k] for i, k in enumerate(keys) if i not in clustered]


def _where(scope: str) -> str:
    return {"head": "head", "tail": "tail", "line": "chrome"}[scope]


def _distinct(found: list[Line], count: int) -> list[str]:
    """Up to `count` different texts of `found`, the most frequent first, then in text order (never page order)."""
    tally = Counter(line.text.strip() for line in found)
    return sorted(tally, key=lambda text: (-tally[text], text))[:count]


def _generalise(found: list[Line], config: LearnConfig) -> list[Proposal]:
    """Patterns for lines that share a beginning and an end around a varying middle, in order of
    preference: drop the whole line, or (for a site name after a title) only the shared end.
    Beginning and end are counted in tokens, so punctuation and spacing never cut them short."""
    shapes = sorted((Shape.of(line.text) for line in found), key=lambda s: s.text)
    prefix, suffix = shared_frame(shapes)
    scope = _scope(found)
    examples = _distinct(found, config.examples)
    share = (prefix + suffix) / (sum(len(s.tokens) for s in shapes) / len(shapes))
    support = len({line.doc for line in found})
    distinct_middles = len({s.tokens[prefix:len(s.tokens) - suffix] for s in shapes})
    if any(l.keep for l in found) and distinct_middles < config.min_support:
        return []  # prose repeated as it is, not a template with a slot
    model = shapes[0]
    start, end = model.middle(prefix, suffix)
    options = []
    if share >= 0.5 and prefix + suffix >= 4:
        options.append(Proposal("varying-line", scope, "drop-line", frame_pattern(shapes, prefix, suffix),
                                f"Drops a {_where(scope)} line that repeats on {support} pages with a varying part "
                                f"('{model.text[:start]}…{model.text[end:]}').", examples))
    if suffix >= 2 and scope == "head" and all(SITE_MARK.search(s.between(prefix, suffix)) for s in shapes):
        options.append(Proposal("site-suffix", "head", "drop-match", suffix_pattern(shapes, suffix),
                                f"Removes the site name '{model.text[end:]}' that {support} pages append to their title.", examples))
    for option in options:
        option.sources = {(line.doc, line.number) for line in found}
    return options


def _site_suffixes(docs: list[list[Line]], config: LearnConfig) -> list[Proposal]:
    """A site name after a separator that many page titles end with (`标题 - 范文中心`)."""
    endings: dict[str, list[tuple[Line, str]]] = defaultdict(list)
    for lines in docs:
        for line in lines:
            match = SUFFIX.match(fold_for_matching(line.text.strip())) if line.title else None
            if match:
                name = match.group("suffix").strip()[1:]  # without its separator
                endings[line_key(name)].append((line, name))
    proposals = []
    for key, found in sorted(endings.items()):
        support = len({line.doc for line, _ in found})
        if support < config.min_support or not key:
            continue
        shapes = alike([name for _, name in found])
        proposals.append(Proposal("site-suffix", "head", "drop-match", suffix_pattern(shapes, len(shapes[0].tokens)),
                                  f"Removes the site name '{shapes[0].text}' that {support} pages append to their title.",
                                  _distinct([line for line, _ in found], config.examples),
                                  sources={(line.doc, line.number) for line, _ in found}))
    return proposals


def _block_proposals(docs: list[list[Line]], rules: list[tuple[Proposal, Rule]], config: LearnConfig) -> list[Proposal]:
    """Head runs of adjacent lines that are all chrome, and repeated: one block rule each."""
    runs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    matched_lines = {}
    for proposal, rule in rules:
        for lines in docs:
            for line in lines:
                if rule.matches_line(line.text):
                    matched_lines.setdefault((line.doc, line.number), proposal)
    for lines in docs:
        run: list[Line] = []
        for line in lines + [None]:
            if line is not None and line.zone == "head" and not (run and line.blank_before) and (line.doc, line.number) in matched_lines:
                run.append(line)
                continue
            if len(run) >= 2 and (line is None or line.blank_before or line.zone != "head"):
                runs[tuple(matched_lines[(l.doc, l.number)].pattern for l in run)].add(run[0].doc)
            run = [line] if line is not None and line.zone == "head" and (line.doc, line.number) in matched_lines else []
    proposals = []
    for patterns, support in runs.items():
        if len(support) < config.min_support:
            continue
        members = [next(p for p, _ in rules if p.pattern == pattern) for pattern in patterns]
        anchor = max(members, key=lambda p: (len(p.sources), len(p.pattern)))
        lines = " / ".join(m.examples[0] for m in members)
        proposals.append(Proposal("head-block", "head-block", "drop-block", anchor.pattern,
                                  f"Drops a head block of {len(patterns)} adjacent chrome lines that {len(support)} pages repeat "
                                  f"({lines}).", anchor.examples, sources=set().union(*(m.sources for m in members)),
                                  members=list(patterns)))
    return proposals


def _as_rule(proposal: Proposal, rule_id: str) -> Rule:
    return Rule(id=rule_id, description=proposal.description, scope=proposal.scope, action=proposal.action,
                pattern=proposal.pattern,
                must_match=tuple(proposal.examples), must_not_match=tuple(proposal.must_not_match) or ("-",),
                include_titles_above=proposal.include_titles_above)


def _vet(proposal: Proposal, pages: list[str], docs: list[list[Line]], min_support: int = LearnConfig.min_support) -> bool:
    """Apply the rule to every page; keep it only if it never removes a line the page must keep.
    Sets the support and picks body lines of the pages it matched as must_not_match (the first in
    text order, so the batch's order does not show)."""
    try:
        rule = _as_rule(proposal, "learned.check")
    except regex.error:
        return False
    support, avoid = 0, set()
    for text, lines in zip(pages, docs):
        view = fold_for_matching(text)
        edits = rule_edits(rule, text, view, find_zones(text), Deadline(2.0))
        if not edits:
            continue
        support += 1
        starts = [start for start, _ in iter_lines(text)]
        for line in lines:
            start = starts[line.number]
            inside = any(e.start <= start < e.end or (start <= e.start < start + len(line.text)) for e in edits)
            if inside and _must_stay(line, proposal):
                return False
            if not inside and line.zone == "body" and not line.edge and is_body_line(line.text):
                avoid.add(_first_sentence(line.text))
    proposal.support = support
    spared = (sample for sample in sorted(avoid) if not rule.matches_line(sample))
    proposal.must_not_match = list(islice(spared, 3)) or ["同志们：", "一、统一思想，提高认识"]
    proposal.examples = [e for e in proposal.examples if rule.matches_line(e)]
    return support >= min_support and bool(proposal.examples)


def _must_stay(line: Line, proposal: Proposal) -> bool:
    """Whether `proposal` may not touch `line`: a page's title (a drop-match may cut a site name
    off it), or a line of a protected class, unless it is prose the rule's own template was drawn from."""
    if line.title and proposal.action != "drop-match":
        return True
    if line.keep is None:
        return False
    return not (line.keep.template_ok and (line.doc, line.number) in proposal.sources)


def _first_sentence(text: str, limit: int = 40) -> str:
    """A body line's first sentence (or its first `limit` characters): a readable example."""
    text = text.strip()
    end = PROSE.search(text)
    return text[: end.end()] if end and end.end() <= limit else text[:limit]


def learn(pages: list[str], config: LearnConfig = LearnConfig()) -> list[Proposal]:
    """Rules proposed for the chrome of `pages`, most supported first."""
    pages = [tidy(text) for text in pages]
    docs = page_lines(pages)
    links, covered = _link_headers(docs, config)
    lines_found = []
    for found in _line_proposals(docs, covered, config):
        options = found if isinstance(found, list) else [found]
        accepted = next((p for p in options if _vet(p, pages, docs, config.min_support)), None)
        if accepted:
            lines_found.append(accepted)
    blocks = [b for b in _block_proposals(docs, [(p, _as_rule(p, "x")) for p in lines_found if p.action == "drop-line"], config)
              if _vet(b, pages, docs, config.min_support)]
    in_blocks = {pattern for b in blocks for pattern in b.members}
    proposals = [p for p in lines_found if p.pattern not in in_blocks]
    proposals += blocks + [p for p in links if _vet(p, pages, docs, config.min_support)]
    proposals += [p for p in _site_suffixes(docs, config) if _vet(p, pages, docs, config.min_support)]
    seen, unique = set(), []
    for proposal in sorted(proposals, key=lambda p: (-p.support, p.kind, p.pattern, p.description)):
        if (proposal.scope, proposal.pattern) not in seen:
            seen.add((proposal.scope, proposal.pattern))
            unique.append(proposal)
    return unique


def to_toml(proposals: list[Proposal], family: str, note: str) -> str:
    """The proposals as a rule file of family `family`, every rule checked against its examples."""
    out = [f"# Rules learned by `cleaner rules learn` from {note}.",
           "# A first draft: read every rule, delete what is wrong, then pass this file with --rules.", ""]
    counters: dict[str, int] = defaultdict(int)
    for proposal in proposals:
        counters[proposal.kind] += 1
        rule_id = f"{family}.{proposal.kind}-{counters[proposal.kind]}"
        rule = _as_rule(proposal, rule_id)
        if check_examples(rule):
            continue  # a draft rule must at least hold for its own examples
        out += ["[[rule]]", f"id = {json.dumps(rule_id)}", f"description = {json.dumps(proposal.description, ensure_ascii=False)}",
                f"scope = {json.dumps(proposal.scope)}", f"action = {json.dumps(proposal.action)}"]
        if proposal.include_titles_above:
            out.append("include_titles_above = true")
        out.append(f"pattern = '''{proposal.pattern}'''" if "'''" not in proposal.pattern
                   else f"pattern = {json.dumps(proposal.pattern, ensure_ascii=False)}")
        out.append(f"support = {proposal.support}")
        out.append("must_match = [" + ", ".join(json.dumps(e, ensure_ascii=False) for e in proposal.examples) + "]")
        out.append("must_not_match = [" + ", ".join(json.dumps(e, ensure_ascii=False) for e in proposal.must_not_match) + "]")
        out.append("")
    return "\n".join(out)


def family_of(path_stem: str) -> str:
    """A valid family name from the output file's stem."""
    if not regex.fullmatch(r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*", path_stem):
        raise RuleFileError(path_stem, None, None, "the output file's name must be letters, digits and '-' (it becomes the rule family)")
    return path_stem
