"""Turning free text into comparable word keys: normalise, split, drop filler, stem lightly.

The same steps run over directory text (once, when the snapshot is built) and over a
person's interests (per query), so "Gardening", "gardens" and "garden" all meet at "garden"
and "5-a-side" becomes "5 a side". The stemmer is deliberately tiny: a few English suffixes,
applied the same way to both sides, is all typo-tolerant matching needs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset((
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but",
    "by", "can", "come", "do", "does", "for", "from", "get", "go", "going", "has", "have",
    "i", "if", "in", "into", "is", "it", "its", "join", "just", "like", "me", "more", "my",
    "new", "no", "not", "of", "on", "or", "our", "out", "over", "so", "some", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
    "up", "us", "very", "was", "we", "week", "weekly", "were", "what", "when", "where",
    "which", "who", "will", "with", "you", "your",
))

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['’‘`]")
# Consonants whose doubling before -ing is spelling, not stem: swimming -> swim.
_UNDOUBLE = frozenset("bdgmnprt")


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Café 5-a-side!" -> "cafe 5 a side")."""
    ascii_text = text.lower()
    if not ascii_text.isascii():  # fold accents: "café" -> "cafe"
        decomposed = unicodedata.normalize("NFKD", ascii_text)
        ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_text = _APOSTROPHES.sub("", ascii_text)  # "men's" -> "mens", not "men s"
    return _NON_WORD.sub(" ", ascii_text).strip()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: gardening/gardens/garden -> garden, dancing/dance -> danc."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
        if len(word) >= 4 and word[-1] == word[-2] and word[-1] in _UNDOUBLE:
            word = word[:-1]
    elif word.endswith("ies") and len(word) >= 5:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and not word.endswith("ee") and len(word) >= 4:
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order."""
    return [stem(w) for w in tokens(text) if w not in STOPWORDS]


def key(text: str) -> str:
    """The comparable form of a word or phrase: its content stems joined by spaces.

    A phrase made only of filler ("the") keeps its words so it is not silently empty.
    """
    stems = content_stems(text)
    if not stems:
        stems = [stem(w) for w in tokens(text)]
    return " ".join(stems)


def fuzzy_cutoff(query_key: str) -> int:
    """The lowest rapidfuzz `ratio` that counts as the same word, by length.

    Short words must match exactly ("art" is not "cart"); a five- or six-letter stem may lose
    or gain one letter ("gardn" ~ "garden"); longer ones allow a little more.
    """
    length = len(query_key)
    if length <= 4:
        return 100
    if length <= 6:
        return 85
    return 80
