"""Placing outside taxonomy terms in our 20 categories (FORMATS.md §4).

Open Referral feeds classify services with whatever taxonomy the publisher uses: Open
Eligibility, the OpenActive activity list, LGA service types, or a council's own list. A term
is mapped, in this order:

1. exactly (after folding case, "&" to "and" and punctuation to spaces) to a category id, its
   label, one of its synonyms, or an entry of `EXTERNAL_TERMS` below;
2. part by part, for compound terms such as "Yoga / Meditation" or "Clubs, Classes";
3. by a close spelling (rapidfuzz ratio of at least 88, terms of 5 letters or more);
4. by its last word, the head of an English compound ("Hatha Yoga", "Walking Football").

A term that maps nowhere is kept as a keyword, so it still helps searching and matching.
A service with no mappable term gets categories guessed from its own words
(`infer_categories`), else `FALLBACK_CATEGORY`; both are reported as cautions to check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from navigator.domain.taxonomy import CATEGORIES

# Where a service that says nothing about itself goes: Open Referral feeds are mostly
# support services, so "Wellbeing support" misleads least; it is always reported.
FALLBACK_CATEGORY = "wellbeing_support"

# Terms from published taxonomies that are not already a label or synonym of ours.
EXTERNAL_TERMS: dict[str, str] = {
    # Open Eligibility (openreferral/openeligibility) and HSDS examples
    "community gardens": "nature_gardening", "emergency food": "cooking_food",
    "food pantry": "cooking_food", "free meals": "cooking_food",
    "food delivery": "cooking_food", "nutrition": "cooking_food",
    "nutrition education": "cooking_food", "help find housing": "advice_housing",
    "housing advice": "advice_housing", "emergency shelter": "advice_housing",
    "safe housing": "advice_housing", "residential housing": "advice_housing",
    "help pay for housing": "advice_housing", "housing vouchers": "advice_housing",
    "public housing": "advice_housing", "independent living": "advice_housing",
    "financial assistance": "advice_money", "government benefits": "advice_money",
    "financial education": "advice_money", "credit counseling": "advice_money",
    "disability benefits": "advice_money", "unemployment benefits": "advice_money",
    "food benefits": "advice_money", "retirement benefits": "advice_money",
    "tax preparation": "advice_money", "help pay for utilities": "advice_money",
    "emergency payments": "advice_money", "understand government programs": "advice_money",
    "help fill out forms": "advice_money", "more education": "learning",
    "skills and training": "learning", "english as a second language esl": "learning",
    "esl": "learning", "foreign languages": "learning", "tutoring": "learning",
    "basic literacy": "learning", "daily life skills": "learning",
    "health education": "learning", "computer class": "digital_skills",
    "help find work": "employment", "job placement": "employment",
    "supported employment": "employment", "interview training": "employment",
    "resume development": "employment", "skills assessment": "employment",
    "support network": "peer_support", "support groups": "peer_support",
    "12-step": "peer_support", "bereavement": "peer_support",
    "counseling": "wellbeing_support", "understand mental health": "wellbeing_support",
    "mental health evaluation": "wellbeing_support", "help hotlines": "wellbeing_support",
    "one-on-one support": "befriending", "home visiting": "befriending",
    "spiritual support": "faith_culture", "recreation": "social_club",
    "adult daycare": "social_club", "health": "wellbeing_support",
    # LGA / esd service types and the terms UK directories commonly use
    "social activities": "social_club", "social groups": "social_club",
    "lunch clubs": "social_club", "luncheon club": "social_club",
    "coffee mornings": "social_club", "day centres": "social_club",
    "community groups": "social_club", "clubs": "social_club", "isolation": "social_club",
    "social isolation": "social_club", "loneliness": "befriending",
    "tea coffee": "social_club", "arts and culture": "arts_crafts",
    "creative activities": "arts_crafts", "physical activity": "sport_fitness",
    "exercise and fitness": "sport_fitness", "sports": "sport_fitness",
    "leisure centres": "sport_fitness", "walking groups": "walking",
    "health walks": "walking", "debt advice": "advice_money",
    "welfare benefits": "advice_money", "benefits advice": "advice_money",
    "financial support": "advice_money", "money advice": "advice_money",
    "employment support": "employment", "employability": "employment",
    "volunteering opportunities": "volunteering", "mental health support": "wellbeing_support",
    "emotional support": "wellbeing_support", "talking therapies": "wellbeing_support",
    "carers support": "peer_support", "adult learning": "learning", "courses": "learning",
    "classes": "learning", "digital inclusion": "digital_skills",
    "computer skills": "digital_skills", "faith groups": "faith_culture",
    "places of worship": "faith_culture", "counselling": "wellbeing_support",
    "libraries": "writing_reading", "book clubs": "writing_reading",
    # ORUK 1.0 deliverable_type
    "training": "learning",
    # OpenActive activity list (top concepts that are not plain sport)
    "acting": "performing_arts", "circus skills": "performing_arts",
    "drumming": "music", "forest school": "nature_gardening", "billiards": "social_club",
    "walking football": "sport_fitness", "walking netball": "sport_fitness",
    "walking rugby": "sport_fitness", "athletics": "sport_fitness",
    "bowls": "sport_fitness", "boccia": "sport_fitness", "archery": "sport_fitness",
    "canoeing": "sport_fitness", "kayaking": "sport_fitness", "fencing": "sport_fitness",
    "golf": "sport_fitness", "gymnastics": "sport_fitness", "hockey": "sport_fitness",
    "martial arts": "sport_fitness", "rowing": "sport_fitness", "rugby": "sport_fitness",
    "sailing": "sport_fitness", "squash": "sport_fitness", "tennis": "sport_fitness",
    "trampolining": "sport_fitness", "volleyball": "sport_fitness",
    "weightlifting": "sport_fitness", "multisports": "sport_fitness",
    "group exercise": "sport_fitness", "gym workout": "sport_fitness",
    "general fitness for older adults": "sport_fitness", "aerobics": "sport_fitness",
    "zumba": "sport_fitness", "seated exercise": "sport_fitness",
    "chair based exercise": "sport_fitness", "orienteering": "sport_fitness",
    "pickleball": "sport_fitness", "pilates": "mind_body", "fitness": "sport_fitness",
    "bootcamp": "sport_fitness", "soccer": "sport_fitness", "jogging": "sport_fitness",
    "ballet": "performing_arts", "tango": "performing_arts", "bhangra": "performing_arts",
    "bollywood": "performing_arts",
    # More Open Eligibility terms whose last word would mislead
    "foreclosure counseling": "advice_housing", "help pay for food": "advice_money",
    "psychiatric emergency services": "wellbeing_support", "education": "learning",
}

# Terms that look like one of ours but are not (a close spelling of "meditation").
NOT_CATEGORIES = {"mediation"}
# Vocabularies whose every term is a physical activity.
_SPORT_VOCABULARIES = ("openactive",)

# Synonyms too common in ordinary prose to say what a whole service is about.
_TOO_GENERAL_IN_PROSE = {"work", "share", "chat", "social", "class", "talks", "digital",
                         "park", "visiting", "pal", "food", "job", "jobs", "training",
                         "money", "course", "study", "history", "bills", "rent", "walk",
                         "band", "art", "faith", "heritage", "email", "phone help"}


def fold(text: str) -> str:
    """Case, "&", punctuation and spacing folded away: "Arts & Crafts!" -> "arts and crafts"."""
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for category in CATEGORIES:
        for word in (category.id, category.id.replace("_", " "), category.label,
                     *category.synonyms):
            table.setdefault(fold(word), category.id)
    for term, category_id in EXTERNAL_TERMS.items():
        table[fold(term)] = category_id
    return table


TERM_TABLE: dict[str, str] = _build_table()
_FUZZY_KEYS = [key for key in TERM_TABLE if len(key) >= 5]
_SPLIT = re.compile(r"\s*(?:/|,|;|\||\+|&|\band\b)\s*", re.IGNORECASE)


def _exact(folded: str) -> str | None:
    for key in (folded, folded.removesuffix("s"), folded.removesuffix("es")):
        if key and key in TERM_TABLE:
            return TERM_TABLE[key]
    return None


def map_term(term: str, vocabulary: str = "") -> tuple[str, ...]:
    """The categories an outside taxonomy term stands for; () when it maps nowhere.
    `vocabulary` (a taxonomy name or term URI) lets an OpenActive term default to sport."""
    found = _map_term(term)
    if not found and any(v in vocabulary.casefold() for v in _SPORT_VOCABULARIES):
        return ("sport_fitness",)
    return found


def _map_term(term: str) -> tuple[str, ...]:
    folded = fold(term[:200])
    if not folded or folded in NOT_CATEGORIES:
        return ()
    found = _exact(folded)
    if found:
        return (found,)
    parts = [fold(p) for p in _SPLIT.split(term[:200]) if fold(p)]
    if len(parts) > 1:
        mapped = [c for part in parts for c in _map_term(part)]
        if mapped:
            return tuple(dict.fromkeys(mapped))
    if len(folded) >= 5:
        best = process.extractOne(folded, _FUZZY_KEYS, scorer=fuzz.ratio, score_cutoff=88)
        if best is not None:
            return (TERM_TABLE[best[0]],)
    words = folded.split()
    if len(words) > 1:
        head = _exact(words[-1])
        if head:
            return (head,)
    return ()


def map_terms(terms: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(categories, unmapped terms) for (term, vocabulary) pairs, without repeats."""
    categories: list[str] = []
    unmapped: list[str] = []
    for term, vocabulary in terms:
        mapped = map_term(term, vocabulary)
        if mapped:
            categories.extend(mapped)
        else:
            unmapped.append(term)
    return tuple(dict.fromkeys(categories)), tuple(dict.fromkeys(unmapped))


def _phrases() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for category in CATEGORIES:
        for word in (category.label, *category.synonyms):
            if fold(word) not in _TOO_GENERAL_IN_PROSE:
                out.append((re.compile(rf"\b{re.escape(fold(word))}\b"), category.id))
    return out


_PHRASES = _phrases()


def infer_categories(name: str, texts: Iterable[str]) -> tuple[str, ...]:
    """Categories guessed from a service's own words (the name counts three times):
    the best one, or two when they tie. () when nothing in the text points anywhere."""
    scores: Counter[str] = Counter()
    for text, weight in [(name, 3), *((t, 1) for t in texts)]:
        folded = fold(text[:20_000])
        for pattern, category_id in _PHRASES:
            hits = len(pattern.findall(folded))
            if hits:
                scores[category_id] += hits * weight
    if not scores:
        return ()
    ranked = scores.most_common()
    best = ranked[0][1]
    return tuple(c for c, score in ranked[:2] if score == best)
