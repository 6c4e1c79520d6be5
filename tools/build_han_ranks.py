"""Write cleaner/data/han_ranks.txt and cleaner/data/words2.txt from a general word-frequency list.

Source: the word list of jieba 0.42.1 (`jieba/dict.txt`, a general Chinese word-frequency list).
- han_ranks.txt: the most frequent Han characters, most frequent first; a character's frequency
  is the sum of the frequencies of the words that hold it. The decoder uses the ranks to tell a
  right decoding of GB18030 or Big5 bytes from a wrong one.
- words2.txt: the most frequent two-character words (Simplified), run together. Joins use them to
  tell a line break that splits a word (落到实 / 处) from one between paragraphs.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python tools/build_han_ranks.py jieba-0.42.1/jieba/dict.txt
"""
import collections
import sys
from pathlib import Path

KEEP_CHARS = 8000
KEEP_WORDS = 40000


def is_han(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


counts: collections.Counter = collections.Counter()
pairs: collections.Counter = collections.Counter()
for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
    word, frequency, *_ = line.split()
    for char in word:
        if is_han(char):
            counts[char] += int(frequency)
    if len(word) == 2 and is_han(word):
        pairs[word] += int(frequency)
data = Path(__file__).resolve().parent.parent / "cleaner" / "data"
ranked = "".join(char for char, _ in counts.most_common(KEEP_CHARS))
(data / "han_ranks.txt").write_text(ranked, encoding="utf-8")
words = "".join(sorted(word for word, _ in pairs.most_common(KEEP_WORDS)))
(data / "words2.txt").write_text(words, encoding="utf-8")
print(f"{len(ranked)} characters and {len(words) // 2} words written to {data}")
