"""Write cleaner/data/han_ranks.txt: the most frequent Han characters, most frequent first.

Source: the word list of jieba 0.42.1 (`jieba/dict.txt`, a general Chinese word-frequency list);
each character's frequency is the sum of the frequencies of the words that hold it. The decoder
uses the ranks to tell a right decoding of GB18030 or Big5 bytes from a wrong one.

    pip download jieba==0.42.1 --no-deps && tar xzf jieba-0.42.1.tar.gz
    python tools/build_han_ranks.py jieba-0.42.1/jieba/dict.txt
"""
import collections
import sys
from pathlib import Path

KEEP = 8000

counts: collections.Counter = collections.Counter()
for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
    word, frequency, *_ = line.split()
    for char in word:
        if "\u4e00" <= char <= "\u9fff":
            counts[char] += int(frequency)
ranked = "".join(char for char, _ in counts.most_common(KEEP))
target = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "han_ranks.txt"
target.write_text(ranked, encoding="utf-8")
print(f"{len(ranked)} characters written to {target}")
