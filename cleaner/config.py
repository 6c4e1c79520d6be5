"""The settings of each command as a config object: `CleanConfig`, `DedupConfig`, `LearnConfig`.

One field per setting, declared with settings.setting() (the name is also the project key and the
flag). This module is light on purpose: the command line reads its defaults to build the options,
before any of the work is imported.
"""
from __future__ import annotations

from dataclasses import dataclass

from .passages import UNITS
from .settings import setting

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one document
DEFAULT_THRESHOLD = 2.0  # chrome points the scorer needs to drop a line on its own evidence


@dataclass(frozen=True)
class CleanConfig:
    """One field per setting of `cleaner clean`: the field, the project key and the flag share the name."""

    split: bool = setting(False, "Write one file per speech of a multi-speech page.", flag="--split")
    pinyin: bool = setting(True, "Remove pinyin annotations such as 關(guān).")
    join: bool = setting(True, "Join lines the scrape broke mid-sentence.")
    dedupe_titles: bool = setting(True, "Drop repeated title lines in the head.", flag="--dedupe-titles/--keep-titles")
    score: bool = setting(True, "Drop lines the chrome-line scorer calls the site's (see 'cleaner rules explain score.chrome-line').")
    score_threshold: float = setting(DEFAULT_THRESHOLD, "Chrome points a line needs on its own evidence to be dropped by the scorer.",
                                     metavar="POINTS", low=0.0)
    regex_timeout: float = setting(DEFAULT_TIMEOUT, "Seconds one rule may spend on one document, all its searches together.",
                                   metavar="SECONDS")
    flag_share: float = setting(0.6, "Flag a document in the summary and the report when one rule removed more than this share of it.",
                                metavar="SHARE", low=0.0, high=1.0)
    keep_list: str | None = setting(None, "File of lines no step may change or remove, one a line ('cleaner rules review' writes it).",
                                    metavar="FILE")


@dataclass(frozen=True)
class DedupConfig:
    """Everything that decides a dedup result; written into every output header."""

    unit: str = setting("paragraph", f"Passage size: {', '.join(UNITS)}.")
    shingle_size: int = setting(3, "Characters per shingle.", low=1)
    num_perm: int = setting(136, "MinHash permutations (34 bands x 4 rows: a pair at the threshold becomes a candidate 99 % of the time).", low=2)
    seed: int = setting(1, "MinHash seed (datasketch's).")
    threshold: float = setting(0.6, "Verified Jaccard similarity that makes two passages duplicates.", low=0.0, high=1.0)
    containment: float = setting(0.8, "Share of the shorter passage inside the longer that makes a duplicate (lengths alike) or a quote.",
                                 low=0.0, high=1.0)
    length_ratio: float = setting(0.8, "Duplicates: shorter / longer normalised length at least this.", low=0.0, high=1.0)
    short_chars: int = setting(20, "Passages shorter than this (normalised characters) need --short-threshold.", low=1)
    short_threshold: float = setting(0.8, "Jaccard similarity that makes two short passages duplicates.", low=0.0, high=1.0)
    min_chars: int = setting(8, "Shortest passage (normalised characters) to fingerprint.", low=1)
    bands: int | None = setting(None, "LSH bands (with --rows); default: chosen for --threshold.", low=1)
    rows: int | None = setting(None, "LSH rows per band (with --bands).", low=1)

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
        if (self.bands is None) != (self.rows is None):
            raise ValueError("give both bands and rows, or neither")
        if self.bands is not None and self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands x rows ({self.bands}x{self.rows}) exceeds num_perm ({self.num_perm})")

    def banding(self) -> tuple[int, int]:
        if self.bands is not None:
            return self.bands, self.rows
        from .minhash import banding_for
        return banding_for(self.threshold, self.num_perm)

    def header(self) -> dict:
        from .minhash import settings_header
        return settings_header(self)


@dataclass(frozen=True)
class LearnConfig:
    """One field per setting of `cleaner rules learn`."""

    min_support: int = setting(3, "Pages a line must repeat on to become a rule.", low=2)
    near_threshold: float = setting(0.5, "Jaccard similarity (2-grams) at which two repeated lines are one chrome line.", low=0.0, high=1.0)
    examples: int = setting(3, "Examples each proposed rule carries.", low=1)
