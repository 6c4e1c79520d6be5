"""Required literals: every match holds one, and skipping to them finds the same lines."""
import dataclasses
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner.actions import Deadline, _matching_lines
from cleaner.linefinder import literal_finder
from cleaner.literals import LiteralSearch, Required, literal_search, required_literals
from cleaner.normalize import fold_for_matching
from cleaner.rules import default_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RULES = load_rules([default_rules_dir()]).rules
WITH_LITERALS = [rule for rule in RULES if required_literals(rule.pattern) is not None]


@pytest.mark.parametrize("pattern, literals", [
    ("小编", {"小编"}),
    ("(?:会员|QQ)群", {"会员群", "QQ群"}),
    ("来源[于於]网友", {"来源于网友", "来源於网友"}),
    (r"^\s*(?:上一篇|下一篇)\s*:", {"上一篇", "下一篇"}),
    ("(?:号)?群", {"群"}),  # an optional part requires nothing
    (r"a\d+bc", {"bc"}),  # the longer of two required pieces
    ("x(?=公网安备)", {"x"}),  # what a lookahead sees need not be in the match
    (r"(?<!\p{Han})编辑\s*:", {"编辑"}),  # \p{Han} requires nothing
    ("(?:ab|cd){2}", {"ab", "cd"}),
    ("[|丨]", {"|", "丨"}),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == Required(frozenset(literals))


@pytest.mark.parametrize("pattern, literals, text", [
    ("(?i)copyright", {"copyright"}, "COPYRIGHT 2024"),
    (r"(?i:all\s+rights)|©", {"rights", "©"}, "All Rights"),
    ("(?i:é)x", {"x"}, "Éx"),  # a non-ASCII letter compared without case requires nothing
])
def test_case_insensitive_parts_give_a_case_insensitive_search(pattern, literals, text):
    required = required_literals(pattern)
    assert required == Required(frozenset(literals), ignore_case=True)
    assert regex.search(pattern, text) and literal_search(required).first(text) is not None


def test_a_case_insensitive_search_finds_every_character_the_regex_module_takes_for_an_ascii_one():
    ascii_any_case = regex.compile(r"(?i)[\x00-\x7f]")
    others = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF and ascii_any_case.fullmatch(chr(c))]
    assert others  # İ, ı, ſ, K (Kelvin): the cases that differ from str.lower()
    for char in map(chr, range(0x80)):
        search = literal_search(Required(frozenset({char}), ignore_case=True))
        for text in [*map(chr, range(0x80)), *others]:
            if regex.fullmatch("(?i)" + regex.escape(char), text):
                assert search.first(text) == 0, (char, text)


@pytest.mark.parametrize("literals, ignore_case, needles", [
    ({"小编"}, False, ("小编",)),
    ({"严禁传播", "严禁外传", "严禁转载"}, False, ("严禁",)),  # one piece shared by all
    ({"copyright", "reserved", "©"}, True, ("R", "r", "©")),  # one letter in both cases
    ({"ICP备"}, True, ("备",)),  # a piece without letters needs no cases
    ({"ks"}, True, ("S", "s", "\u017f")),  # long s as well
])
def test_needles_cover_every_literal(literals, ignore_case, needles):
    assert literal_search(Required(frozenset(literals), ignore_case)).needles == needles


def test_needles_common_in_typical_text_are_avoided():
    required = Required(frozenset({"仅供学习", "仅供内部学习"}))
    assert literal_search(required).needles == ("学习",)  # no preference: the last of the ties
    assert literal_search(required, typical="深入学习贯彻").needles == ("仅供",)


def test_a_literal_of_non_ascii_letters_compared_without_case_gives_no_search():
    assert literal_search(Required(frozenset({"É"}), ignore_case=True)) is None


@pytest.mark.parametrize("text, start, end, first", [
    ("同志们严禁外传", 0, None, 3),
    ("abcd", 0, None, 1),  # "bcd" starts before "cd", found first
    ("xx严禁", 0, 3, None),  # a needle must lie wholly inside [start, end)
    ("严禁xx严禁", 1, None, 4),
])
def test_first_needle(text, start, end, first):
    assert LiteralSearch(("cd", "bcd", "严禁")).first(text, start, end) == first


@pytest.mark.parametrize("pattern", [
    "x*", "(?:ab|)c?", r"\d+", "[^a]b?", r"(\w)\1",  # nothing literal is required
    "(?i:é)",  # non-ASCII compared without case
    "(?:会员群){e<=1}", "[[:alpha:]]会员",  # fuzzy matching, POSIX classes: regex-module syntax
    r"(?r)abc", r"\L<words>",  # syntax the stdlib does not know
])
def test_no_literals_where_none_are_certain(pattern):
    assert required_literals(pattern) is None


def test_most_default_rules_have_literals():
    assert len(WITH_LITERALS) > len(RULES) // 2


def _views() -> list[str]:
    return [fold_for_matching(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.mark.parametrize("rule", WITH_LITERALS, ids=lambda rule: rule.id)
def test_every_match_holds_a_literal(rule):
    finder = literal_search(required_literals(rule.pattern))
    for text in [*map(fold_for_matching, rule.must_match), *_views()]:
        for match in rule.compiled.finditer(text):
            if match.end() > match.start():
                assert finder.first(text, match.start(), match.end()) is not None, (rule.id, match.group())


def _lines(rule, view: str, finder) -> list[tuple[int, int]]:
    rule = dataclasses.replace(rule, literal_finder=finder)
    return [(start, end) for start, end, _ in _matching_lines(rule, view, 0, len(view), Deadline(5.0))]


@pytest.mark.parametrize("rule", WITH_LITERALS, ids=lambda rule: rule.id)
def test_skipping_to_literals_finds_the_same_lines_in_the_corpus(rule):
    finder = literal_search(required_literals(rule.pattern))  # checked even where not chosen
    for view in _views():
        assert _lines(rule, view, finder) == _lines(rule, view, None)


# Text made of the rules' own literals, their examples' pieces, spaces and line breaks, so that
# matches, near misses and matches across line ends all occur.
_PIECES = sorted({piece for rule in WITH_LITERALS for text in rule.must_match
                  for piece in regex.split(r"(\s+)", fold_for_matching(text)) if piece}
                 | {"\n", " ", "\n\n", ":", "2023年", "同志们", "。"})


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_skipping_to_literals_finds_the_same_lines_in_generated_text(pieces):
    view = "".join(pieces)
    for rule in WITH_LITERALS:
        finder = literal_search(required_literals(rule.pattern))
        assert _lines(rule, view, finder) == _lines(rule, view, None), rule.id


def test_a_finder_is_refused_when_a_match_lacks_its_literals():
    # `{e<=1}` is refused by the analysis; were it not, the check on the examples would catch it
    compiled = regex.compile("(?:会员群){e<=1}", regex.MULTILINE)
    assert literal_finder(compiled, None, ["会员君"]) is None
