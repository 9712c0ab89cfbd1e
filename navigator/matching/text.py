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

from rapidfuzz import fuzz

STOPWORDS = frozenset(
    (
        "a",
        "about",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "come",
        "do",
        "does",
        "for",
        "from",
        "get",
        "go",
        "going",
        "has",
        "have",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "join",
        "just",
        "like",
        "me",
        "more",
        "my",
        "new",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "out",
        "over",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "up",
        "us",
        "very",
        "was",
        "we",
        "week",
        "weekly",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "you",
        "your",
    )
)

_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHE_CHARACTERS = "'’‘`"
_APOSTROPHES = re.compile(f"[{_APOSTROPHE_CHARACTERS}]")
# Consonants whose doubling before -ing is spelling, not stem: swimming -> swim.
_UNDOUBLE = frozenset("bdgmnprt")
# Words the light stemmer would fold into an unrelated word, kept whole: "dating" is not
# "dates" (date -> dat), "singles" is not "sing", "caring" is not "car" (care -> car).
_KEEP_WHOLE = frozenset(("dating", "singles", "caring"))

# Pairs of stems close enough in spelling for fuzzy matching to take one for the other,
# though they mean different things: a carer is not a career, mediation is not meditation.
# `vocabulary.similar` never links them; an exact match is always kept.
_FALSE_FRIEND_PAIRS = (
    ("carer", "career"),
    ("mediation", "meditation"),
    ("singl", "sing"),
    ("singles", "singl"),
    ("migrant", "grant"),
    ("mother", "other"),
    ("conservation", "conversation"),
    ("worship", "workshop"),
    ("support", "sport"),
    ("history", "story"),
    ("internet", "interest"),
    ("eviction", "fiction"),
    ("action", "sanction"),
    ("speed", "seed"),
    ("sport", "sort"),
    ("train", "rain"),
    ("plant", "plan"),
    ("short", "shot"),
    ("short", "sort"),
    ("supper", "upper"),
    ("forum", "form"),
    ("martial", "material"),
    ("study", "sturdy"),
    ("search", "research"),
    ("haven", "havent"),
    ("rambl", "brambl"),
    ("stretch", "strength"),
    ("practic", "practical"),
)
FALSE_FRIENDS: dict[str, frozenset[str]] = {}
for _a, _b in _FALSE_FRIEND_PAIRS:
    FALSE_FRIENDS[_a] = FALSE_FRIENDS.get(_a, frozenset()) | {_b}
    FALSE_FRIENDS[_b] = FALSE_FRIENDS.get(_b, frozenset()) | {_a}


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Café 5-a-side!" -> "cafe 5 a side")."""
    ascii_text = text.lower()
    if not ascii_text.isascii():  # fold accents: "café" -> "cafe"
        ascii_text = _fold_accents(ascii_text)
    ascii_text = _APOSTROPHES.sub("", ascii_text)  # "men's" -> "mens", not "men s"
    return _NON_WORD.sub(" ", ascii_text).strip()


# Between texts split together: a character `normalise` drops, so it never joins words.
_SEPARATOR = "\x00"
# ASCII as `normalise` treats it, case kept: apostrophes go, anything else not a letter or a
# digit parts words.
_ASCII_WORDS = {
    c: (None if chr(c) in "'`" else " ")
    for c in range(128)
    if not chr(c).isalnum() and chr(c) != _SEPARATOR
}
_NON_WORD_ANY_CASE = re.compile(r"[^0-9A-Za-z]+")


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Marks the end of each text among `words_as_written`'s words (never a word itself).
TEXT_END = _SEPARATOR
# One character for one: CPython's fast path for ASCII (deleting or widening is not).
_ASCII_SPACES = str.maketrans({chr(c): " " for c, v in _ASCII_WORDS.items() if v == " "})


def words_as_written(texts: list[str]) -> list[str]:
    """Every text's words, split exactly as `tokens` splits them but in their own case (so
    `w.lower()` of each is the word `tokens` gives), each text's followed by TEXT_END. For a
    snapshot build: hundreds of thousands of short texts are split in one pass over them
    all, not a regular expression each (texts with accents or curly quotes are prepared one
    at a time first)."""
    prepared = [t if t.isascii() else " ".join(_words_one_by_one(t)) for t in texts]
    # Each text followed by the mark, set apart by spaces so it splits as a word of its own.
    joined = f" {_SEPARATOR} ".join(prepared) + f" {_SEPARATOR}"
    if joined.count(_SEPARATOR) != len(texts):  # a text holds the mark itself
        return [w for t in texts for w in (*_words_one_by_one(t), TEXT_END)]
    return joined.replace("'", "").replace("`", "").translate(_ASCII_SPACES).split()


def _words_one_by_one(text: str) -> list[str]:
    written = _NON_WORD_ANY_CASE.sub(" ", _APOSTROPHES.sub("", _fold_accents(text))).split()
    lowered = tokens(text)
    # Folding before lower-casing can differ ("ᴬ" folds to "A", which `normalise` drops):
    # then the words as `tokens` gives them, their case unknown.
    return written if [w.lower() for w in written] == lowered else lowered


# A capitalised word that does not start a sentence: after a space that follows anything
# but the end of a sentence (or of a text). Written to start with the space, which lets the
# regular expression engine skip ahead to each space, rather than try every position.
_CAPITALISED_MID_SENTENCE = re.compile(r"\s(?<=[^.!?:;\x00\s]\s)\s*([A-Z][0-9A-Za-z]*)")

# The same on ASCII text whose whitespace runs are each one space (`capitalised_words`).
_CAPITALISED_AFTER_ONE_SPACE = re.compile(r"[A-Z](?<=[^.!?:;\x00 ] [A-Z])[0-9A-Za-z]*")
# Every ASCII whitespace character (as `\s` and `str.split` take them) to a space.
_ASCII_WHITESPACE = str.maketrans({chr(c): " " for c in range(128) if chr(c).isspace()})


# Texts searched in one call of the expression: one call over 20,000 descriptions holds the
# GIL for 30 to 140 ms (a window's thread waits that long to paint); this many, a few ms.
CAPITALISED_PIECE = 2_000


def capitalised_words(texts: list[str], *, piece: int = CAPITALISED_PIECE) -> set[str]:
    """Words written with a capital inside a sentence ("at Ashbel Hall"), lower-cased: the
    signs of a proper noun in running text. A sentence's first word says nothing. (Searched
    `piece` texts at a time: the same words, as no word found reaches across two texts.)"""
    found: set[str] = set()
    for lo in range(0, len(texts), piece):
        found |= _capitalised_in(texts[lo : lo + piece])
    return found


def _capitalised_in(texts: list[str]) -> set[str]:
    joined = _SEPARATOR.join(t if t.isascii() else _fold_accents(t) for t in texts)
    for apostrophe in _APOSTROPHE_CHARACTERS:  # str.replace: many times faster than a regex
        joined = joined.replace(apostrophe, "")
    if joined.isascii():
        # What is found depends only on where whitespace is, not on which character it is or
        # how much of it: with every run made one space, an expression that skips to each
        # capital letter (rarer than spaces) and looks one space back finds the same words.
        spaced = joined.translate(_ASCII_WHITESPACE)
        while "  " in spaced:
            spaced = spaced.replace("  ", " ")
        found = _CAPITALISED_AFTER_ONE_SPACE.findall(spaced)
    else:
        found = _CAPITALISED_MID_SENTENCE.findall(joined)
    return {w.lower() for w in set(found)}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stem: gardening/gardens/garden -> garden, dancing/dance -> danc."""
    if len(word) <= 3 or word.isdigit() or word in _KEEP_WHOLE:
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


def words_agree(query_key: str, term: str) -> bool:
    """Whether two phrases of as many words agree word by word: "talk group" is not "walk
    group", though the whole strings are close. Single words and phrases of different
    lengths ("food bank", "foodbank") are left to the whole-string ratio."""
    if " " not in query_key:
        return True
    words, others = query_key.split(), term.split()
    if len(words) != len(others):
        return True
    return all(
        a == b or (fuzzy_cutoff(a) < 100 and fuzz.ratio(a, b) >= fuzzy_cutoff(a))
        for a, b in zip(words, others, strict=True)
    )


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
