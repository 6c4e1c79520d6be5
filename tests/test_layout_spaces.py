"""layout.trailing_spaces finds exactly the spans the TRAILING pattern finds."""
from pathlib import Path

from hypothesis import given, settings, strategies as st

from cleaner import layout

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet=" \t\u3000\u00a0\n\r\u2003a中。", max_size=40))
def test_trailing_spaces_are_the_pattern_s_spans(text):
    assert layout.trailing_spaces(text) == [m.span() for m in layout.TRAILING.finditer(text)]


def test_trailing_spaces_of_the_corpus():
    for page in sorted(CORPUS.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        assert layout.trailing_spaces(text) == [m.span() for m in layout.TRAILING.finditer(text)]
