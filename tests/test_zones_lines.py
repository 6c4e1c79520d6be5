"""zones.iter_lines over a whole text (split once) gives the lines the line-by-line search gives."""
from hypothesis import given, settings, strategies as st

from cleaner.zones import _lines_between, iter_lines


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet="\na中 \r", max_size=20))
def test_the_lines_of_a_whole_text_are_those_found_one_by_one(text):
    assert list(iter_lines(text)) == list(_lines_between(text, 0, len(text)))
