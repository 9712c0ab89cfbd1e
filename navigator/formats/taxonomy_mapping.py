"""Placing outside taxonomy terms in our 20 categories (FORMATS.md §4).

Open Referral feeds classify services with whatever taxonomy the publisher uses: Open
Eligibility, the OpenActive activity list, LGA service types, or a council's own list. A term
is mapped, in this order:

1. exactly (after folding case, "&" to "and" and punctuation to spaces) to a category id, its
   label, one of its synonyms, or an entry of `EXTERNAL_TERMS` below;
2. as a typo of one entry of 7 letters or more: one letter left out (not the first),
   doubled, or swapped with the next ("Gardning", "Comunity gardens"). Nothing looser:
   similarity scores took real words for others ("carers" for "careers", "medication" for
   "meditation"). A slip that two categories' entries could both have made is not guessed;
   real words that are such a slip of an entry are listed in `NOT_CATEGORIES`;
3. part by part, for compound terms such as "Yoga / Meditation" or "Clubs, Classes";
4. by its last word, the head of an English compound ("Hatha Yoga", "Walking Football").

A term that maps nowhere is kept as a keyword, so it still helps searching and matching.
A service with no mappable term gets categories guessed from its own words
(`infer_categories`), else `FALLBACK_CATEGORY`; both are reported as cautions to check.

Over 400 lines because most of it is the `EXTERNAL_TERMS` table (data); the code is
short.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from navigator.domain.taxonomy import CATEGORIES

# Where a service that says nothing about itself goes: Open Referral feeds are mostly
# support services, so "Wellbeing support" misleads least; it is always reported.
FALLBACK_CATEGORY = "wellbeing_support"

# Terms from published taxonomies that are not already a label or synonym of ours.
EXTERNAL_TERMS: dict[str, str] = {
    # Open Eligibility (openreferral/openeligibility) and HSDS examples
    "community gardens": "nature_gardening",
    "emergency food": "cooking_food",
    "food pantry": "cooking_food",
    "free meals": "cooking_food",
    "food delivery": "cooking_food",
    "nutrition": "cooking_food",
    "nutrition education": "cooking_food",
    "help find housing": "advice_housing",
    "housing advice": "advice_housing",
    "emergency shelter": "advice_housing",
    "safe housing": "advice_housing",
    "residential housing": "advice_housing",
    "help pay for housing": "advice_housing",
    "housing vouchers": "advice_housing",
    "public housing": "advice_housing",
    "independent living": "advice_housing",
    "financial assistance": "advice_money",
    "government benefits": "advice_money",
    "financial education": "advice_money",
    "credit counseling": "advice_money",
    "disability benefits": "advice_money",
    "unemployment benefits": "advice_money",
    "food benefits": "advice_money",
    "retirement benefits": "advice_money",
    "tax preparation": "advice_money",
    "help pay for utilities": "advice_money",
    "emergency payments": "advice_money",
    "understand government programs": "advice_money",
    "help fill out forms": "advice_money",
    "more education": "learning",
    "skills and training": "learning",
    "english as a second language esl": "learning",
    "esl": "learning",
    "foreign languages": "learning",
    "tutoring": "learning",
    "basic literacy": "learning",
    "daily life skills": "learning",
    "health education": "learning",
    "computer class": "digital_skills",
    "help find work": "employment",
    "job placement": "employment",
    "supported employment": "employment",
    "interview training": "employment",
    "resume development": "employment",
    "skills assessment": "employment",
    "support network": "peer_support",
    "support groups": "peer_support",
    "12-step": "peer_support",
    "bereavement": "peer_support",
    "counseling": "wellbeing_support",
    "understand mental health": "wellbeing_support",
    "mental health evaluation": "wellbeing_support",
    "help hotlines": "wellbeing_support",
    "one-on-one support": "befriending",
    "home visiting": "befriending",
    "spiritual support": "faith_culture",
    "recreation": "social_club",
    "adult daycare": "social_club",
    "health": "wellbeing_support",
    # LGA / esd service types and the terms UK directories commonly use
    "social activities": "social_club",
    "social groups": "social_club",
    "lunch clubs": "social_club",
    "luncheon club": "social_club",
    "coffee mornings": "social_club",
    "day centres": "social_club",
    "community groups": "social_club",
    "clubs": "social_club",
    "isolation": "social_club",
    "social isolation": "social_club",
    "loneliness": "befriending",
    "tea coffee": "social_club",
    "arts and culture": "arts_crafts",
    "creative activities": "arts_crafts",
    "physical activity": "sport_fitness",
    "exercise and fitness": "sport_fitness",
    "sports": "sport_fitness",
    "leisure centres": "sport_fitness",
    "walking groups": "walking",
    "health walks": "walking",
    "debt advice": "advice_money",
    "welfare benefits": "advice_money",
    "benefits advice": "advice_money",
    "financial support": "advice_money",
    "money advice": "advice_money",
    "employment support": "employment",
    "employability": "employment",
    "volunteering opportunities": "volunteering",
    "mental health support": "wellbeing_support",
    "emotional support": "wellbeing_support",
    "talking therapies": "wellbeing_support",
    "carers support": "peer_support",
    "adult learning": "learning",
    "courses": "learning",
    "classes": "learning",
    "digital inclusion": "digital_skills",
    "computer skills": "digital_skills",
    "faith groups": "faith_culture",
    "places of worship": "faith_culture",
    "counselling": "wellbeing_support",
    "libraries": "writing_reading",
    "book clubs": "writing_reading",
    # ORUK 1.0 deliverable_type
    "training": "learning",
    # OpenActive activity list (top concepts that are not plain sport)
    "acting": "performing_arts",
    "circus skills": "performing_arts",
    "drumming": "music",
    "forest school": "nature_gardening",
    "billiards": "social_club",
    "walking football": "sport_fitness",
    "walking netball": "sport_fitness",
    "walking rugby": "sport_fitness",
    "athletics": "sport_fitness",
    "bowls": "sport_fitness",
    "boccia": "sport_fitness",
    "archery": "sport_fitness",
    "canoeing": "sport_fitness",
    "kayaking": "sport_fitness",
    "fencing": "sport_fitness",
    "golf": "sport_fitness",
    "gymnastics": "sport_fitness",
    "hockey": "sport_fitness",
    "martial arts": "sport_fitness",
    "rowing": "sport_fitness",
    "rugby": "sport_fitness",
    "sailing": "sport_fitness",
    "squash": "sport_fitness",
    "tennis": "sport_fitness",
    "trampolining": "sport_fitness",
    "volleyball": "sport_fitness",
    "weightlifting": "sport_fitness",
    "multisports": "sport_fitness",
    "group exercise": "sport_fitness",
    "gym workout": "sport_fitness",
    "general fitness for older adults": "sport_fitness",
    "aerobics": "sport_fitness",
    "zumba": "sport_fitness",
    "seated exercise": "sport_fitness",
    "chair based exercise": "sport_fitness",
    "orienteering": "sport_fitness",
    "pickleball": "sport_fitness",
    "pilates": "mind_body",
    "fitness": "sport_fitness",
    "bootcamp": "sport_fitness",
    "soccer": "sport_fitness",
    "jogging": "sport_fitness",
    "ballet": "performing_arts",
    "tango": "performing_arts",
    "bhangra": "performing_arts",
    "bollywood": "performing_arts",
    # More Open Eligibility terms whose last word would mislead
    "foreclosure counseling": "advice_housing",
    "help pay for food": "advice_money",
    "psychiatric emergency services": "wellbeing_support",
    "education": "learning",
    # What UK community directories call their groups, so a service named only "Bowls" or
    # "Knit and Natter" finds its category from its name (`infer_categories`). Longer terms
    # win over shorter ones inside them: "dementia cafe" is a social group, not cooking.
    "bowling": "sport_fitness",
    "lawn bowls": "sport_fitness",
    "tennis club": "sport_fitness",
    "aqua aerobics": "sport_fitness",
    "aquafit": "sport_fitness",
    "swimming pool": "sport_fitness",
    "couch to 5k": "sport_fitness",
    "running club": "sport_fitness",
    "jog": "sport_fitness",
    "boxercise": "sport_fitness",
    "circuit training": "sport_fitness",
    "karate": "sport_fitness",
    "judo": "sport_fitness",
    "taekwondo": "sport_fitness",
    "kickboxing": "sport_fitness",
    "croquet": "sport_fitness",
    "petanque": "sport_fitness",
    "boules": "sport_fitness",
    "curling": "sport_fitness",
    "new age kurling": "sport_fitness",
    "ten pin bowling": "sport_fitness",
    "ten-pin bowling": "sport_fitness",
    "rounders": "sport_fitness",
    "bouldering": "sport_fitness",
    "climbing wall": "sport_fitness",
    "skating": "sport_fitness",
    "dodgeball": "sport_fitness",
    "frisbee": "sport_fitness",
    "softball": "sport_fitness",
    "handball": "sport_fitness",
    "korfball": "sport_fitness",
    "lacrosse": "sport_fitness",
    "triathlon": "sport_fitness",
    "paddleboarding": "sport_fitness",
    "wild swimming": "sport_fitness",
    "surfing": "sport_fitness",
    "angling": "sport_fitness",
    "fishing": "sport_fitness",
    "horse riding": "sport_fitness",
    "strength and balance": "sport_fitness",
    "falls prevention": "sport_fitness",
    "exercise class": "sport_fitness",
    "fitness class": "sport_fitness",
    "spin class": "sport_fitness",
    "sports club": "sport_fitness",
    "sport": "sport_fitness",
    "otago": "sport_fitness",
    "dance fitness": "sport_fitness",
    "bike ride": "sport_fitness",
    "wheelchair basketball": "sport_fitness",
    "baseball": "sport_fitness",
    "caving": "sport_fitness",
    "cheerleading": "sport_fitness",
    "crossfit": "sport_fitness",
    "diving": "sport_fitness",
    "equestrian": "sport_fitness",
    "goalball": "sport_fitness",
    "mountain biking": "sport_fitness",
    "mountaineering": "sport_fitness",
    "parkour": "sport_fitness",
    "polybat": "sport_fitness",
    "skiing": "sport_fitness",
    "tug of war": "sport_fitness",
    "water polo": "sport_fitness",
    "wrestling": "sport_fitness",
    "windsurfing": "sport_fitness",
    "rafting": "sport_fitness",
    "snorkelling": "sport_fitness",
    "floorball": "sport_fitness",
    "quoits": "sport_fitness",
    "geocaching": "walking",
    "camping": "nature_gardening",
    "soft play": "social_club",
    "early years play": "social_club",
    "sauna": "mind_body",
    "steam room": "mind_body",
    "turkish baths": "mind_body",
    "qi gong": "mind_body",
    "reiki": "mind_body",
    "mindful": "mind_body",
    "tai chi qigong": "mind_body",
    "knit": "arts_crafts",
    "knit and natter": "arts_crafts",
    "stitch and chat": "arts_crafts",
    "knit and knatter": "arts_crafts",
    "quilting": "arts_crafts",
    "embroidery": "arts_crafts",
    "craft club": "arts_crafts",
    "crafts": "arts_crafts",
    "art group": "arts_crafts",
    "art class": "arts_crafts",
    "art club": "arts_crafts",
    "upcycling": "arts_crafts",
    "mosaic": "arts_crafts",
    "card making": "arts_crafts",
    "weaving": "arts_crafts",
    "felting": "arts_crafts",
    "woodcarving": "arts_crafts",
    "model making": "arts_crafts",
    "orchestra": "music",
    "brass band": "music",
    "steel band": "music",
    "jam session": "music",
    "sing": "music",
    "singalong": "music",
    "sing-along": "music",
    "community choir": "music",
    "singing for the brain": "music",
    "rhyme time": "music",
    "rhymetime": "music",
    "folk music": "music",
    "music group": "music",
    "line dancing": "performing_arts",
    "tap dance": "performing_arts",
    "tea dance": "performing_arts",
    "ceilidh": "performing_arts",
    "amateur dramatics": "performing_arts",
    "am dram": "performing_arts",
    "pantomime": "performing_arts",
    "panto": "performing_arts",
    "morris dancing": "performing_arts",
    "folk dancing": "performing_arts",
    "country dancing": "performing_arts",
    "belly dancing": "performing_arts",
    "swing dance": "performing_arts",
    "lindy hop": "performing_arts",
    "sequence dancing": "performing_arts",
    "circle dance": "performing_arts",
    "book group": "writing_reading",
    "reading club": "writing_reading",
    "shared reading": "writing_reading",
    "writing group": "writing_reading",
    "storytime": "writing_reading",
    "story time": "writing_reading",
    "gardening club": "nature_gardening",
    "garden club": "nature_gardening",
    "conservation volunteers": "nature_gardening",
    "birdwatching": "nature_gardening",
    "forest bathing": "nature_gardening",
    "bushcraft": "nature_gardening",
    "beekeeping": "nature_gardening",
    "care farm": "nature_gardening",
    "community farm": "nature_gardening",
    "nature walk": "nature_gardening",
    "ramblers": "walking",
    "walking for health": "walking",
    "walking club": "walking",
    "coffee and chat": "social_club",
    "coffee club": "social_club",
    "chess": "social_club",
    "chess club": "social_club",
    "bridge club": "social_club",
    "card games": "social_club",
    "scrabble": "social_club",
    "dominoes": "social_club",
    "men in sheds": "social_club",
    "mens shed": "social_club",
    "community shed": "social_club",
    "friendship club": "social_club",
    "over 50s club": "social_club",
    "over 60s club": "social_club",
    "pensioners club": "social_club",
    "day centre": "social_club",
    "memory cafe": "social_club",
    "dementia cafe": "social_club",
    "repair cafe": "social_club",
    "community cafe": "social_club",
    "warm space": "social_club",
    "warm hub": "social_club",
    "stay and play": "social_club",
    "baby and toddler group": "social_club",
    "baby and toddler": "social_club",
    "parent and toddler": "social_club",
    "toddler group": "social_club",
    "mums and tots": "social_club",
    "playgroup": "social_club",
    "play group": "social_club",
    "baby group": "social_club",
    "messy play": "social_club",
    "baby sensory": "social_club",
    "youth club": "social_club",
    "scouts": "social_club",
    "girl guides": "social_club",
    "brownies": "social_club",
    "womens institute": "social_club",
    "women s institute": "social_club",
    "carers": "peer_support",
    "young carers": "peer_support",
    "carer support": "peer_support",
    "dementia support": "peer_support",
    "bereavement support": "peer_support",
    "alcoholics anonymous": "peer_support",
    "narcotics anonymous": "peer_support",
    "smart recovery": "peer_support",
    "mutual aid": "peer_support",
    "self help group": "peer_support",
    "esol class": "learning",
    "english conversation": "learning",
    "learn english": "learning",
    "english for speakers of other languages": "learning",
    "english language": "learning",
    "welsh for adults": "learning",
    "language class": "learning",
    "language cafe": "learning",
    "evening class": "learning",
    "u3a": "learning",
    "university of the third age": "learning",
    "numeracy": "learning",
    "literacy": "learning",
    "functional skills": "learning",
    "gcse": "learning",
    "digital skills": "digital_skills",
    "computer club": "digital_skills",
    "get online": "digital_skills",
    "silver surfers": "digital_skills",
    "ipad": "digital_skills",
    "coding club": "digital_skills",
    "foodbank": "cooking_food",
    "community fridge": "cooking_food",
    "community larder": "cooking_food",
    "soup kitchen": "cooking_food",
    "cookery class": "cooking_food",
    "cook and eat": "cooking_food",
    "baking club": "cooking_food",
    "food share": "cooking_food",
    "litter pick": "volunteering",
    "community clean up": "volunteering",
    "timebank": "volunteering",
    "time bank": "volunteering",
    "cv writing": "employment",
    "careers advice": "employment",
    "work club": "employment",
    "job search": "employment",
    "job fair": "employment",
    "bible study": "faith_culture",
    "prayer group": "faith_culture",
    "worship": "faith_culture",
    "cultural centre": "faith_culture",
    "telephone befriending": "befriending",
    "good neighbours": "befriending",
    "good neighbour scheme": "befriending",
    "companionship": "befriending",
    "advice drop-in": "advice_money",
    "energy advice": "advice_money",
    "homelessness": "advice_housing",
    "rough sleeping": "advice_housing",
    "tenancy support": "advice_housing",
    "housing support": "advice_housing",
    "samaritans": "wellbeing_support",
    "listening service": "wellbeing_support",
    "stress management": "wellbeing_support",
    "mental health drop-in": "wellbeing_support",
}

# Terms that look like one of ours but are not (a close spelling of "meditation").
# Real words that are a typing slip away from an entry ("raining" from "training").
NOT_CATEGORIES = {
    "mediation",
    "earning",
    "leaning",
    "raining",
    "ambling",
    "paining",
    "planing",
    "plating",
    "scrambling",
    "signing",
    "wresting",
}
# Vocabularies whose every term is a physical activity.
_SPORT_VOCABULARIES = ("openactive",)

# Synonyms too common in ordinary prose to say what a whole service is about.
_TOO_GENERAL_IN_PROSE = {
    "work",
    "share",
    "chat",
    "social",
    "class",
    "talks",
    "digital",
    "park",
    "visiting",
    "pal",
    "food",
    "job",
    "jobs",
    "training",
    "money",
    "course",
    "study",
    "history",
    "bills",
    "rent",
    "walk",
    "band",
    "art",
    "faith",
    "heritage",
    "email",
    "phone help",
    "health",
    "clubs",
    "classes",
    "courses",
    "recreation",
    "isolation",
    "social isolation",
    "loneliness",
    "education",
    "skills and training",
    "more education",
    "english language",
}
# Words that say where or how a group meets more than what it does ("at the church hall",
# "a drop-in"): in prose they count half, so "Citizens Advice drop-in" is advice.
_WEAK_IN_PROSE = {
    "drop-in",
    "drop in",
    "cafe",
    "workshop",
    "college",
    "community centre",
    "library",
    "church",
    "mosque",
    "temple",
    "gurdwara",
    "synagogue",
    "community association",
    "gym",
}
# Typos are looked for in entries this long; shorter slips are mostly other real words.
_TYPO_MIN_LETTERS = 7


# Runs of non-ASCII characters, whose accents are dropped ("é" -> "e"); looking only at
# these keeps folding fast for text that merely holds a "£" or a curly quote.
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _without_accents(match: re.Match[str]) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", match.group()) if not unicodedata.combining(c)
    )


def fold(text: str) -> str:
    """Case, accents, "&", punctuation and spacing folded away:
    "Arts & Crafts!" -> "arts and crafts", "Café" -> "cafe"."""
    if not text.isascii():
        text = _NON_ASCII.sub(_without_accents, text)
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for category in CATEGORIES:
        for word in (
            category.id,
            category.id.replace("_", " "),
            category.label,
            *category.synonyms,
        ):
            table.setdefault(fold(word), category.id)
    for term, category_id in EXTERNAL_TERMS.items():
        table[fold(term)] = category_id
    return table


TERM_TABLE: dict[str, str] = _build_table()


def typing_slips(word: str) -> set[str]:
    """What a typist makes of `word` by one slip: a letter (not the first) left out, a
    letter doubled, or two neighbouring letters swapped."""
    slips = set()
    for i in range(len(word)):
        if i:
            slips.add(word[:i] + word[i + 1 :])
        slips.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            slips.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    slips.discard(word)
    return slips


def _build_typos() -> dict[str, str]:
    """Each slip of a long enough entry, to its category; slips that entries of two
    categories share, or that are entries themselves, are left out."""
    found: dict[str, set[str]] = {}
    for key, category_id in TERM_TABLE.items():
        if len(key) >= _TYPO_MIN_LETTERS:
            for slip in typing_slips(key):
                found.setdefault(slip, set()).add(category_id)
    return {
        slip: ids.pop()
        for slip, ids in found.items()
        if len(ids) == 1 and slip not in TERM_TABLE and slip not in NOT_CATEGORIES
    }


TYPOS: dict[str, str] = _build_typos()
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
    # A typo of a whole entry ("Stich and chat") before its parts ("chat" alone).
    if folded in TYPOS:
        return (TYPOS[folded],)
    parts = [fold(p) for p in _SPLIT.split(term[:200]) if fold(p)]
    if len(parts) > 1:
        mapped = [c for part in parts for c in _map_term(part)]
        if mapped:
            return tuple(dict.fromkeys(mapped))
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


# A letter-by-letter tree of phrases: each letter leads to the rest; "" marks a phrase's end.
_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many phrases, shaped as a trie so each position in a text
    is tried against only the phrases that start with its letter; longer phrases first."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            return "(?:" + body + ")?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return build(trie)


def _prose_terms() -> dict[str, str]:
    return {
        key: category_id
        for key, category_id in TERM_TABLE.items()
        if key not in _TOO_GENERAL_IN_PROSE and "_" not in key
    }


_PROSE_TERMS = _prose_terms()
# A table term as a whole word, plurals included ("walking groups", "book clubs"). Every
# term starts with a letter or digit, so "not after a word character" is a word start; it
# makes the search twice as fast as a leading \b.
_PROSE = re.compile(rf"(?<!\w)({_trie_pattern(_PROSE_TERMS)})(?:e?s)?\b")


def infer_categories(name: str, texts: Iterable[str]) -> tuple[str, ...]:
    """Categories guessed from a service's own words through the same table as outside
    terms (the name counts three times, the longest term at each place wins, and a word
    that only says where it meets counts half): the best one, or two when they tie.
    () when nothing in the text points anywhere."""
    scores: Counter[str] = Counter()
    for text, weight in [(name, 3), *((t, 1) for t in texts)]:
        for found in _PROSE.findall(fold(text[:20_000])):
            scores[_PROSE_TERMS[found]] += weight * (1 if found in _WEAK_IN_PROSE else 2)
    if not scores:
        return ()
    ranked = scores.most_common()
    best = ranked[0][1]
    return tuple(c for c, score in ranked[:2] if score == best)
