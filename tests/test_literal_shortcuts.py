"""The shortcuts over rule literals answer exactly what the plain search answers: a cursor gives
`LiteralSearch.first` for growing starts, and the presence index never calls present needles absent."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleaner.literals import LiteralPresence, LiteralSearch
from cleaner.normalize import fold_for_matching
from cleaner.rules import default_rules_dir, load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEARCHES = [rule.literal_finder for rule in load_rules([default_rules_dir()]) if rule.literal_finder is not None]
VIEWS = [fold_for_matching(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
# Text made of the needles, their halves and other characters, so that needles meet, overlap and
# are cut (alternations of many needles and separate needles both occur among the searches).
_PIECES = sorted({needle for search in SEARCHES for needle in search.needles}
                 | {needle[:1] for search in SEARCHES for needle in search.needles}
                 | {"\n", " ", "。", "正文", "\U00020000"})


def _starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"] + [len(text)]


def _cursor_agrees(search: LiteralSearch, text: str, end: int) -> None:
    cursor = search.cursor(text, end)
    for start in sorted(set(_starts(text)) | set(range(0, len(text), 7))):
        if start <= end:
            assert cursor.first(start) == search.first(text, start, end), (search.needles, start)


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: "|".join(search.needles[:3]))
def test_a_cursor_finds_what_the_search_finds_from_every_start(search):
    for view in VIEWS:
        _cursor_agrees(search, view, len(view))
        _cursor_agrees(search, view, len(view) // 2)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_a_cursor_finds_what_the_search_finds_in_generated_text(pieces):
    text = "".join(pieces)
    for search in SEARCHES:
        _cursor_agrees(search, text, len(text))


def _cut_cursor_agrees(search: LiteralSearch, text: str, cursor) -> None:
    """A cursor that has looked at the first third of `text`, cut at each later line start."""
    third = len(text) // 3
    cursor.first(third)
    for end in [end for end in _starts(text) if end >= third]:
        cut = cursor.up_to(end)
        for start in sorted({third, (third + end) // 2, end}):
            assert cut.first(start) == search.first(text, start, end), (search.needles, start, end)


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: "|".join(search.needles[:3]))
def test_a_cursor_cut_short_finds_what_the_search_finds_before_the_cut(search):
    for view in VIEWS[:2]:
        _cut_cursor_agrees(search, view, search.cursor(view))


def test_a_cursor_for_the_needles_the_presence_check_left_finds_the_same():
    presence, narrowed = LiteralPresence(SEARCHES), 0
    for view in VIEWS:
        check = presence.check(view)
        for index, search in enumerate(SEARCHES):
            patterns = check.patterns(index)
            if not check.absent[index]:
                narrowed += patterns is not None
                narrow = search.cursor(view, patterns=patterns)
                for start in _starts(view):
                    assert narrow.first(start) == search.first(view, start), (search.needles, start)
    assert narrowed > 20


def _presence_agrees(presence: LiteralPresence, text: str) -> int:
    """Checks that no search with a needle in `text` is called absent; returns how many were."""
    absent = presence.absent(text)
    for search, called_absent in zip(SEARCHES, absent):
        if called_absent:
            assert search.first(text) is None, search.needles
    return sum(absent)


def test_presence_calls_absent_exactly_the_searches_without_needles_in_the_corpus():
    presence = LiteralPresence(SEARCHES)
    for view in VIEWS:
        # sound, and on real pages at most one search that finds nothing is left to search (the
        # index keeps characters and hashed pairs: a needle whose pairs all occur apart passes)
        missed = sum(search.first(view) is None for search in SEARCHES) - _presence_agrees(presence, view)
        assert 0 <= missed <= 1


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_presence_never_calls_a_present_needle_absent(pieces):
    _presence_agrees(LiteralPresence(SEARCHES), "".join(pieces))


def test_presence_of_an_empty_text_and_a_one_character_needle():
    presence = LiteralPresence([LiteralSearch(("版",)), LiteralSearch(("公网安备", "ICP"))])
    assert presence.absent("") == [True, True]
    assert presence.absent("版权") == [False, True]
    assert presence.absent("京ICP备") == [True, False]


def test_presence_stays_right_when_the_marks_run_out_and_start_over():
    presence = LiteralPresence([LiteralSearch(("版",)), LiteralSearch(("公网安备", "ICP"))])
    presence.absent("公网安备 版权")
    presence._local.marks.number = 65534  # the next texts use the last number, then start over
    assert presence.absent("京ICP备") == [True, False]
    assert presence.absent("版权") == [False, True]
    assert presence.absent("正文") == [True, True]
