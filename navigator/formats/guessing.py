"""Honest guesses for what a feed does not say, each marked for a prescriber to confirm.

Outside feeds rarely say whether a group is for women only, for people with mental health
problems, free, or what kind of activity it is in our terms; their names and descriptions
often do. `apply_guesses` fills in only the fields the feed did not state (`stated`), from
the activity's own words, and records each field it filled in `Activity.guessed` so the
Review tab can offer it for confirmation ("Guessed by Navigator").

Each guess reads only the words that can say it:

| field | words read | e.g. |
|---|---|---|
| categories | name (counts 3x), description, keywords, who it is for | "Knit and Natter" |
| gender | name, keywords and who it is for; clear phrases anywhere | "Ladies darts" |
| mental_health_specific | name; clear phrases anywhere | "Hearing Voices group" |
| cost (free) | description, cost notes, keywords, who it is for | "free to attend" |
| venue.step_free | the venue's accessibility names and descriptions only | "Level access" |
| for_learners_of | name, description, keywords, who it is for | "ESOL class" |
| with_child | name, description, keywords, who it is for | "Stay and Play" |

When words point both ways ("men and women", "£2, first session free") nothing is guessed.

Speed: an import may hold 10,000 services. Patterns are compiled once, at import, and match
casefolded text (no IGNORECASE, which is slow); each guess first checks that one of its
trigger words is in the record at all, so most patterns never run on most records.

Over 400 lines because each guess's word lists sit beside the rule that reads them,
and `keep_settled` must know every guessable field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from navigator.domain.directory import Activity, Cost, Gender
from navigator.domain.taxonomy import category_label
from navigator.formats.cleaning import LANGUAGE_NAMES, step_free_from_text
from navigator.formats.reading import quote
from navigator.formats.taxonomy_mapping import FALLBACK_CATEGORY, infer_categories

# Longer texts are read only this far: what a service is comes early in its description.
_MAX_CHARS = 5_000


def _at_words(*alternatives: str) -> re.Pattern[str]:
    """One pattern for phrases that each start a word. The word boundary is tested once,
    before them all, which makes the search several times faster than one per phrase."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


# Gender ----------------------------------------------------------------------------------
# "S" stands for an optional possessive: women's, womens, women’s.
_S = r"(?:['’]?s)?"
_CLEAR_WOMEN = _at_words(
    rf"(?:women|ladies|female|girls){_S}[ -]only\b",
    r"only for (?:women|ladies|girls)\b",
    r"for (?:women|ladies)\b",
    rf"women{_S} (?:group|circle|network|centre|institute|aid)\b",
    r"women and girls\b",
)
_CLEAR_MEN = _at_words(
    rf"(?:men|gents|male|boys){_S}[ -]only\b",
    r"only for (?:men|boys)\b",
    r"for men\b",
    rf"men{_S} (?:group|circle|network|shed|sheds|health group)\b",
    r"men in sheds\b",
    r"mens shed\b",
    r"gentlemen\b",
)
# In a name or in who-it-is-for, the word alone says it ("Female Walking Football").
_WORD_WOMEN = re.compile(
    rf"\b(?:women|womens|ladies|female|females|girls){_S}\b"
    rf"(?! (?:staff|workers?|volunteers?|coach|coaches|instructors?|"
    rf"leaders?|facilitators?|counsellors?|doctors?|gps?|toilets?|"
    rf"changing))"
)
_WORD_MEN = re.compile(
    rf"\b(?:men|mens|gents|gentlemen|male|males|boys){_S}\b"
    rf"(?! (?:staff|workers?|volunteers?|coach|coaches|instructors?|"
    rf"leaders?|facilitators?|counsellors?|doctors?|gps?|toilets?|"
    rf"changing))"
)
# Words that say both are welcome, or that hold "men" in a name that is not about men.
_EVERYONE = re.compile(
    r"\b(?:men and women|women and men|male and female|female and male|male or female"
    r"|female or male|men or women|women or men|boys and girls|girls and boys"
    r"|ladies and gentlemen|ladies and gents|all genders|any gender|mixed[- ](?:sex|gender)"
    r"|mixed (?:group|team|doubles)|everyone welcome|all welcome|open to (?:all|everyone)"
    r"|(?:women|ladies|men|gents) (?:are )?(?:also |too |especially |very )?welcome"
    r"|ymca|ywca|young (?:wo)?men['’]?s christian)\b"
)


def _gender(names: list[str], texts: list[str]) -> tuple[Gender, str] | None:
    """(women or men, the words that said so), or None when the words do not say, or say
    both."""
    women = men = ""
    for text in names:
        women = women or _first(_WORD_WOMEN, text)
        men = men or _first(_WORD_MEN, text)
    for text in texts:
        women = women or _first(_CLEAR_WOMEN, text)
        men = men or _first(_CLEAR_MEN, text)
    if bool(women) == bool(men) or any(_EVERYONE.search(t) for t in names + texts):
        return None
    return (Gender.WOMEN, women) if women else (Gender.MEN, men)


# Mental health ---------------------------------------------------------------------------
_MH_CONDITION = (
    r"(?:mental (?:ill[- ]?health|illness(?:es)?|distress|health (?:problems?|issues?|"
    r"conditions?|difficult(?:y|ies)|needs|challenges|concerns|diagnos[ie]s))"
    r"|emotional distress|depression|anxiety|bipolar|psychosis|schizophreni\w*"
    r"|personality disorders?|eating disorders?|ptsd|ocd|self[- ]harm\w*|suicidal \w+"
    r"|hearing voices|low mood)"
)
# Said anywhere, these mean a group is for people with mental health problems.
_MH_CLEAR = _at_words(
    r"(?:mental health (?:peer support|support group|peer group|recovery|drop[- ]in"
    r"|service users?)|emotional distress|mental distress|hearing voices|recovery college"
    r"|psychosis|bipolar|schizophreni\w*|personality disorders?|severe and enduring)\b",
    # "peer support for people with ...", "for adults experiencing low mood"
    r"(?:people|adults|those|anyone|individuals|men|women|young people|someone|residents"
    r"|members|you)\s+(?:who\s+(?:have|has|are|experience|live|struggle|have had"
    r"|are living|are experiencing|are recovering)\s+(?:\w+\s+)?|with\s+|experiencing\s+"
    r"|affected by\s+|living with\s+|recovering from\s+|struggling with\s+"
    r"|diagnosed with\s+|with (?:a )?(?:history|lived experience) of\s+)"
    rf"(?:[\w-]+\s+){{0,3}}?{_MH_CONDITION}\b",
    rf"lived experience of\s+(?:[\w-]+\s+){{0,2}}?{_MH_CONDITION}\b",
)
# In a name, fewer words are needed ("Depression support group", "Anxiety UK").
_MH_NAME = _at_words(
    r"mental health\b(?! (?:first aid|awareness|training|champions?))",
    r"mental (?:ill[- ]?health|illness|distress)\b",
    r"recovery (?:group|cafe|café)\b",
    r"depression\b",
    r"anxiety\b",
    r"crisis (?:cafe|café|house|sanctuary)\b",
    r"safe haven\b",
    r"eating disorders?\b",
    r"self[- ]harm\b",
    r"ptsd\b",
    r"ocd\b",
)


def _mental_health(names: list[str], texts: list[str]) -> str:
    """The words that say a group is for people with mental health problems, or ""."""
    for text in names:
        found = _first(_MH_NAME, text) or _first(_MH_CLEAR, text)
        if found:
            return found
    for text in texts:
        found = _first(_MH_CLEAR, text)
        if found:
            return found
    return ""


# Cost ------------------------------------------------------------------------------------
_FREE = _at_words(
    r"free of (?:charge|cost)\b",
    r"no (?:charge|cost|fee)s?\b",
    r"at no (?:cost|charge)\b",
    r"costs? nothing\b",
    r"without charge\b",
    r"free\b",
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words around "free" say what is free. They are looked up in sets, which is much faster
# than one more pattern per "free" in a long description.
_SERVICE_WORDS = _word_set(
    "session sessions group groups class classes course courses club clubs service services "
    "activity activities event events drop-in workshop workshops walk walks advice support "
    "counselling help lesson lessons programme programmes program meeting meetings meetup "
    "entry admission entrance membership"
)
# Things that can be free while the activity is not ("free parking", "tea is free").
_FREE_THINGS = _word_set(
    "parking car wifi wi-fi internet tea coffee refreshments drinks lunch food meal meals "
    "breakfast snacks cake creche crèche childcare transport taxi bus travel resources "
    "materials equipment toilet toilets gift gifts sample samples time range spirit will "
    "speech style standing flowing space place places"
)
# "gluten free", "feel free", "stress free": the word before says it is not about cost.
_NOT_COST_BEFORE = _word_set(
    "gluten sugar dairy nut alcohol smoke drug stress hands scent fragrance lactose meat "
    "hassle judgement judgment jargon barrier step duty tax toll fat caffeine carbon "
    "plastic pressure commitment obligation feel set break some if when"
)
# "it's free", "completely free", "cost: free": the word before says the thing is free.
_SERVICE_BEFORE = _word_set(
    "is are it's its it’s always completely totally entirely absolutely all cost costs "
    "price prices fee fees charge"
)
_FOR_ALL = frozenset({"all", "everyone", "anyone"})
_TO_TAKE_PART = frozenset(
    {"attend", "join", "use", "access", "take", "come", "go", "all", "everyone", "anyone"}
)
_EDGES = ".,;:!?()[]\"'’"


def _around(before: str, after: str) -> tuple[list[str], list[str]]:
    """The three words before and after a match, without punctuation."""
    return (
        [w.strip(_EDGES) for w in before.split()[-3:]],
        [w.strip(_EDGES) for w in after.split()[:3]],
    )


def _next_to_a_thing(previous: list[str], following: list[str]) -> bool:
    return (
        bool(previous and previous[-1] in _NOT_COST_BEFORE)
        or not _FREE_THINGS.isdisjoint(previous)
        or not _FREE_THINGS.isdisjoint(following[:2])
    )


def _free_is_the_service(before: str, after: str) -> bool:
    """Whether a "free" between these words says the activity itself costs nothing."""
    if before.endswith("-"):  # "sugar-free", "step-free"
        return False
    previous, following = _around(before, after)
    if _next_to_a_thing(previous, following):
        return False
    first = following[0] if following else ""
    second = following[1] if len(following) > 1 else ""
    if (
        first in ("from", "of")
        or (first == "for" and second not in _FOR_ALL)
        or (first == "to" and second not in _TO_TAKE_PART)
    ):
        return False  # "free from judgement", "free for carers", "free to members"
    said_after = (
        not after.strip()
        or after.lstrip()[0] in ".!,"
        or first in ("for", "to")
        or not _SERVICE_WORDS.isdisjoint(following)
    )
    said_before = not before.strip() or (
        previous and (previous[-1] in _SERVICE_BEFORE or before.rstrip().endswith(":"))
    )
    return bool(said_after or said_before)


# A price or a taster anywhere means "free" is about part of it ("first session free").
_PRICED = _at_words(
    r"\d{1,3}p\b(?!\.?m)",
    r"free (?:taster|trial)\b",
    r"taster\b",
    r"(?:first|1st|trial|introductory) (?:session|class|visit|week|lesson)s? (?:is |are )?"
    r"free\b",
    r"(?:small|nominal|annual|membership) (?:charge|fee|cost)\b",
    r"subs\b",
    r"costs? (?:vary|varies)\b",
)


_PENCE = re.compile(r"\d{1,3}p\b")
_PRICE_WORDS = frozenset(
    {
        "taster",
        "trial",
        "first",
        "1st",
        "introductory",
        "small",
        "nominal",
        "annual",
        "membership",
        "subs",
        "cost",
        "costs",
    }
)


def _free(texts: list[str], words: set[str]) -> str:
    """The words that say an activity is free, or "" (also when a price is mentioned).
    `words` are the record's words: the price pattern runs only when one may be there."""
    if any("£" in t for t in texts):
        return ""
    if (not words.isdisjoint(_PRICE_WORDS) or any(_PENCE.search(t) for t in texts)) and any(
        _PRICED.search(t) for t in texts
    ):
        return ""
    for text in texts:
        for match in _FREE.finditer(text):
            before, after = (
                text[max(0, match.start() - 60) : match.start()],
                text[match.end() : match.end() + 60],
            )
            if match.group(0) == "free":
                if _free_is_the_service(before, after):
                    return match.group(0)
            else:
                # "no charge", "free of charge": about the activity unless next to a thing
                # that is ("no charge for parking", "parking is free of charge").
                previous, following = _around(before, after)
                if match.group(0).startswith("free of"):
                    following = []
                if not _next_to_a_thing(previous, following):
                    return match.group(0)
    return ""


# Languages taught ------------------------------------------------------------------------
_TEACHING = (
    r"(?:class(?:es)?|courses?|lessons?|tuition|conversation(?: club| group| cafe)?"
    r"|club|cafe|café|for beginners|for adults|learners|practice|speaking practice)"
)
_ENGLISH = _at_words(
    r"esol\b",
    r"esl\b",
    r"english for speakers of other languages\b",
    r"english as an? (?:second|foreign|additional|other) language\b",
    r"learn(?:ing)? (?:to speak |to read and write )?english\b",
    r"(?:improve|practi[cs]e) (?:your |speaking |spoken |their )?english\b",
    r"(?:conversational|spoken|beginners['’]?) english\b",
    rf"(?<!gcse )(?<!skills )(?<!level )english (?:language )?{_TEACHING}\b",
)
# Not "club" or "cafe": a "Polish club" is where Polish speakers meet.
_TEACHING_OTHERS = (
    r"(?:class(?:es)?|courses?|lessons?|tuition|conversation(?: club| group)?"
    r"|for beginners|for adults|learners)"
)
_WELSH = _at_words(r"cymraeg i oedolion\b", r"dysgu cymraeg\b", r"welsh for adults\b")
_OTHER_NAMES = "|".join(
    sorted(
        (re.escape(name.casefold()) for code, name in LANGUAGE_NAMES.items() if code != "en"),
        key=len,
        reverse=True,
    )
)
_OTHER_LANGUAGE = _at_words(
    rf"learn(?:ing)? (?:to speak |to read and write )?({_OTHER_NAMES})\b",
    rf"({_OTHER_NAMES}) (?:language )?{_TEACHING_OTHERS}\b",
    rf"({_OTHER_NAMES}) as an? (?:second|foreign|additional) language\b",
    rf"beginners['’]? ({_OTHER_NAMES})\b",
)
_CODE_BY_NAME = {name.casefold(): code for code, name in LANGUAGE_NAMES.items()}


_LANGUAGE_WORDS = frozenset(n.casefold().split()[-1] for n in LANGUAGE_NAMES.values())


def _learners_of(texts: list[str], words: set[str]) -> tuple[tuple[str, ...], str]:
    """(the languages an activity teaches, the words that said so). `words` are all the
    record's words: a pattern runs only when a word it needs is there."""
    codes: list[str] = []
    said = ""
    english = not words.isdisjoint(("esol", "esl", "english"))
    welsh = not words.isdisjoint(("cymraeg", "welsh"))
    others = not words.isdisjoint(_LANGUAGE_WORDS - {"english"})
    for text in texts:
        if english and (match := _ENGLISH.search(text)) and "en" not in codes:
            codes.append("en")
            said = said or match.group(0)
        if welsh and (match := _WELSH.search(text)) and "cy" not in codes:
            codes.append("cy")
            said = said or match.group(0)
        for match in _OTHER_LANGUAGE.finditer(text) if others else ():
            name = next(g for g in match.groups() if g)
            code = _CODE_BY_NAME[name.casefold()]
            if code not in codes:
                codes.append(code)
                said = said or match.group(0)
    return tuple(codes), said


# With a child ----------------------------------------------------------------------------
_YOUNG = (
    r"(?:bab(?:y|ies)|toddlers?|tots|under[- ]?(?:5|five|4|four|3|three)s?|pre[- ]?school"
    r"(?:ers| children)?|little ones|young children|infants)"
)
_GROWN_UP = r"(?:parents?|carers?|grown[- ]ups?|mums?|mothers?|dads?|fathers?)"
_WITH_CHILD = _at_words(
    r"stay (?:and|&|n|'n'|’n’) play\b",
    r"bab(?:y|ies) (?:and|&) toddlers?\b",
    r"toddler (?:group|groups|club|time|sessions?|singing|sing)\b",
    r"rhyme ?time\b",
    r"baby (?:massage|yoga|sensory|signing|group|club|cafe|café|swim|bounce|and me)\b",
    r"bumps? (?:and|&|to) bab(?:y|ies)\b",
    r"(?<!role )play ?group\b",
    r"messy play\b",
    r"soft play\b",
    r"story ?time\b",
    rf"{_GROWN_UP} (?:and|&|with|of) (?:their |your )?{_YOUNG}\b",
    rf"{_YOUNG} (?:and|&|with|accompanied by) (?:a |an |their |your )?"
    rf"(?:{_GROWN_UP}|adults?)\b",
)


# The pass --------------------------------------------------------------------------------

# A pattern runs only on records holding one of its words (after punctuation is dropped).
_TRIGGERS_GENDER = frozenset(
    {
        "women",
        "womens",
        "woman",
        "ladies",
        "female",
        "females",
        "girls",
        "men",
        "mens",
        "gents",
        "gentlemen",
        "male",
        "males",
        "boys",
    }
)
_TRIGGERS_MH = frozenset(
    {
        "mental",
        "emotional",
        "depression",
        "anxiety",
        "bipolar",
        "psychosis",
        "personality",
        "eating",
        "ptsd",
        "ocd",
        "harm",
        "harming",
        "suicidal",
        "voices",
        "mood",
        "recovery",
        "crisis",
        "haven",
        "enduring",
    }
    | {f"schizophreni{e}" for e in ("a", "c", "cs")}
)
_TRIGGERS_FREE = frozenset({"free", "charge", "cost", "costs", "fee", "fees"})
_TRIGGERS_LEARNERS = frozenset(
    {
        "esol",
        "esl",
        "english",
        "cymraeg",
        *(n.casefold().split()[-1] for n in LANGUAGE_NAMES.values()),
    }
)
_TRIGGERS_CHILD = frozenset(
    {
        "stay",
        "baby",
        "babies",
        "toddler",
        "toddlers",
        "tots",
        "rhyme",
        "rhymetime",
        "bumps",
        "bump",
        "play",
        "playgroup",
        "story",
        "storytime",
        "under",
        "pre",
        "preschool",
        "preschoolers",
        "little",
        "young",
        "infants",
        "under5s",
    }
)
# Everything but letters, digits and spaces, to split a record into words (a regular
# expression is faster here than str.translate, which is slow on non-ASCII text).
_PUNCTUATION = re.compile(r"[^\w\s]+|_+")


def _first(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(0) if match else ""


def apply_guesses(
    activity: Activity,
    *,
    stated: frozenset[str],
    extra_texts: Iterable[str] = (),
    access_texts: Iterable[str] = (),
) -> tuple[Activity, list[str]]:
    """The activity with unstated fields guessed from its words, and a note for each guess.

    `stated` names the fields the feed itself gave (FORMATS.md field names, such as
    "categories", "gender", "cost", "venue.step_free"); those are never changed, nor is a
    field that already holds something a guess could only repeat or contradict (a price, a
    step-free answer, languages taught, a True flag). `extra_texts` are other words from the
    record that say who it is for (eligibility, audience). `access_texts` are the venue's
    accessibility names and descriptions ("Level access", "Partial wheelchair access"); they
    are read for step-free access only, so "parent and baby room" says nothing of who a
    group is for. Never raises on any text.
    """
    notes: list[str] = []
    # Field name -> new value, for dataclasses.replace: values of many types, so Any.
    changes: dict[str, Any] = {}
    who_as_given = [
        t[:_MAX_CHARS] for t in (*activity.keywords, *extra_texts) if isinstance(t, str)
    ]
    if "categories" not in stated:
        categories = infer_categories(
            activity.name[:_MAX_CHARS], [activity.description[:_MAX_CHARS], *who_as_given]
        )
        if categories:
            notes.append(
                f"no category in the feed; guessed {', '.join(map(quote, categories))} "
                "from its own words"
            )
        else:
            categories = (FALLBACK_CATEGORY,)
            notes.append(
                f"no category in the feed or its words; filed under "
                f"{quote(FALLBACK_CATEGORY)} ({category_label(FALLBACK_CATEGORY)}) "
                "for now"
            )
        changes["categories"] = categories

    # The rest read casefolded text; a guess runs only when one of its words is there.
    name = activity.name[:_MAX_CHARS].casefold()
    description = activity.description[:_MAX_CHARS].casefold()
    who = [t.casefold() for t in who_as_given]
    everything = [name, description, *who]
    cost_notes = [activity.cost.notes[:_MAX_CHARS].casefold()] if activity.cost else []
    words = set(_PUNCTUATION.sub(" ", "\n".join([*everything, *cost_notes])).split())

    if (
        "gender" not in stated
        and activity.gender is Gender.ANY
        and not words.isdisjoint(_TRIGGERS_GENDER)
    ):
        found = _gender([name, *who], [description])
        if found:
            gender, said = found
            changes["gender"] = gender
            notes.append(f"guessed {gender.value} only from {quote(said)}")

    if (
        "mental_health_specific" not in stated
        and not activity.mental_health_specific
        and not words.isdisjoint(_TRIGGERS_MH)
    ):
        said = _mental_health([name], [description, *who])
        if said:
            changes["mental_health_specific"] = True
            notes.append(f"guessed a mental-health group from {quote(said)}")

    cost = activity.cost
    if "cost" not in stated and (
        cost is None or (cost.per_session_gbp is None and cost.amount_gbp is None)
    ):
        said = (
            _free([description, *cost_notes, *who], words)
            if not words.isdisjoint(_TRIGGERS_FREE)
            else ""
        )
        if said:
            changes["cost"] = replace(cost or Cost(), per_session_gbp=0.0)
            notes.append(f"guessed free from {quote(said)}")

    venue = activity.venue
    if "venue.step_free" not in stated and venue is not None and venue.step_free is None:
        step_free = step_free_from_text(
            [t[:_MAX_CHARS] for t in access_texts if isinstance(t, str)]
        )
        if step_free is not None:
            changes["venue"] = replace(venue, step_free=step_free)
            notes.append(
                "guessed "
                + ("step-free" if step_free else "not step-free")
                + " from the venue's accessibility notes"
            )

    if (
        "for_learners_of" not in stated
        and not activity.for_learners_of
        and not words.isdisjoint(_TRIGGERS_LEARNERS)
    ):
        codes, said = _learners_of(everything, words)
        if codes:
            changes["for_learners_of"] = codes
            languages = " and ".join(LANGUAGE_NAMES.get(c, c) for c in codes)
            notes.append(f"guessed it is for people learning {languages} from {quote(said)}")

    if (
        "with_child" not in stated
        and not activity.with_child
        and not words.isdisjoint(_TRIGGERS_CHILD)
    ):
        said = _first_in(_WITH_CHILD, everything)
        if said:
            changes["with_child"] = True
            notes.append(
                f"guessed it is for young children with a parent or carer from {quote(said)}"
            )

    if not changes:
        return activity, notes
    fields = [_FIELD_NAME.get(field, field) for field in changes]
    changes["guessed"] = tuple(dict.fromkeys([*activity.guessed, *fields]))
    return replace(activity, **changes), notes


# What each changed attribute is called in `Activity.guessed` (FORMATS.md field names).
_FIELD_NAME = {"venue": "venue.step_free"}


def _first_in(pattern: re.Pattern[str], texts: list[str]) -> str:
    for text in texts:
        found = _first(pattern, text)
        if found:
            return found
    return ""


def keep_settled(stored: Activity, incoming: Activity) -> Activity:
    """`incoming` (a feed's record read again) with what a person has settled kept.

    A field the incoming record only guessed, that the stored entry holds as settled (not in
    its `guessed`: a prescriber confirmed or corrected it, or typed it), keeps the stored
    value: reading the same feed again must not undo a correction made in Review.
    """
    settled = [f for f in incoming.guessed if f not in stored.guessed]
    if not settled:
        return incoming
    changes: dict[str, Any] = {"guessed": tuple(f for f in incoming.guessed if f not in settled)}
    venue = incoming.venue
    for field in settled:
        if field == "age":
            changes |= {"age_min": stored.age_min, "age_max": stored.age_max}
        elif field == "venue.step_free" and venue is not None and stored.venue is not None:
            venue = replace(venue, step_free=stored.venue.step_free)
        elif field == "venue.position" and venue is not None and stored.venue is not None:
            venue = replace(venue, lat=stored.venue.lat, lon=stored.venue.lon)
        elif not field.startswith("venue."):
            changes[field] = getattr(stored, field)
    return replace(incoming, venue=venue, **changes)
