"""The normalised copy of a passage that fingerprints are computed on (never the output text).

In this order, so that one kind of damage never hides another:
1. NFKC: full-width letters, digits and brackets become ASCII (`（zhèn）` -> `(zhèn)`);
2. every bracketed run of Latin letters right after a Han character goes, syllable or word level,
   repeated or not, a true reading or not (`機關(guān)`, `全国(quánguó)`, `會(hui)(hui)`, `组织(WTO)`):
   the output keeps its checked pinyin repair, a fingerprint only needs the damage gone;
3. Traditional to Simplified (OpenCC t2s, once over the whole batch), ASCII lowercased;
4. template placeholders (`X`, `XX`, `某某`, `××`, `○○`) become one wildcard character, whose
   shingles are left out of the sets, so a filled-in template and its blank share what is theirs;
5. everything but letters, digits and the wildcard dropped.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

NORMALISATION = ("NFKC; bracketed Latin after Han removed; Traditional->Simplified (OpenCC t2s); lowercase; "
                 "template placeholders -> one wildcard; punctuation and whitespace removed")
SEPARATOR = "\ue000"  # joins a batch of passages; a private-use character that no fold touches
WILDCARD = "\ue001"  # stands for a template placeholder; shingles holding it are not hashed
ANNOTATION = regex.compile(r"(?<=\p{Han})[ \t]*(?:\((?=[^()\n]{0,60}?\p{Latin})[\p{Latin}\p{M}\d'’ ·-]{1,60}\)[ \t]*)+")
PLACEHOLDER = regex.compile(r"(?<![a-z])x+(?![a-z])|某{2,}|[×✕╳]+|[○□△＊*]{2,}")
NOT_TEXT = regex.compile(rf"[^\p{{L}}\p{{N}}{SEPARATOR}{WILDCARD}]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def _fold_batch(texts: list[str]) -> str:
    joined = SEPARATOR.join(t.replace(SEPARATOR, " ").replace(WILDCARD, " ") for t in texts)
    joined = ANNOTATION.sub("", unicodedata.normalize("NFKC", joined))
    joined = _t2s().convert(joined).lower()
    return PLACEHOLDER.sub(WILDCARD, joined)


def normalise(texts: list[str]) -> list[str]:
    """The normalised copy of each text, computed for the whole batch at once."""
    if not texts:
        return []
    return NOT_TEXT.sub("", _fold_batch(texts)).split(SEPARATOR)
