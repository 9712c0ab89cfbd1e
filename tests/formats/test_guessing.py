"""Guesses from a feed's words: each one right on realistic (invented) service names and
descriptions, none where the words do not say it, every one marked, and stated fields kept."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.domain.directory import GUESSABLE_FIELDS, Activity, Cost, Gender, Venue
from navigator.formats.cleaning import step_free_from_text
from navigator.formats.guessing import apply_guesses
from navigator.formats.spreadsheet import activities_to_csv, parse_csv_text
from tests.strategies import activities

EVERYTHING_BUT = frozenset(
    {
        "categories",
        "gender",
        "mental_health_specific",
        "cost",
        "venue.step_free",
        "for_learners_of",
        "with_child",
    }
)


def _activity(name: str, description: str = "", **extra: object) -> Activity:
    return Activity(
        id="x", name=name, categories=("social_club",), description=description, **extra
    )  # type: ignore[arg-type]


def _guess(
    name: str,
    description: str = "",
    *,
    only: str,
    extra: tuple[str, ...] = (),
    access: tuple[str, ...] = (),
    **fields_: object,
) -> tuple[Activity, list[str]]:
    """Guess one field alone: every other field counts as stated."""
    return apply_guesses(
        _activity(name, description, **fields_),
        stated=EVERYTHING_BUT - {only},
        extra_texts=extra,
        access_texts=access,
    )


# Gender ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "eligibility", "gender"),
    [
        ("Female Walking Football", "", "", Gender.WOMEN),
        ("Ladies Darts Team", "Thursday nights at the Red Lion.", "", Gender.WOMEN),
        ("Girls' Football U14", "", "", Gender.WOMEN),
        ("Swim session", "", "Women only", Gender.WOMEN),
        ("Friday swim", "A women-only session with female lifeguards.", "", Gender.WOMEN),
        ("Tuesday circle", "A women's group for mums new to the area.", "", Gender.WOMEN),
        ("Sewing bee", "", "Female", Gender.WOMEN),
        ("Asian Women's Network", "", "", Gender.WOMEN),
        ("Confidence course", "A course for women returning to work.", "", Gender.WOMEN),
        ("Men in Sheds", "Woodwork and a brew.", "", Gender.MEN),
        ("Brixford Men's Shed", "", "", Gender.MEN),
        ("Monday club", "A men's group for dads.", "", Gender.MEN),
        ("Gentlemen's Breakfast", "", "", Gender.MEN),
        ("Talk Club", "", "Men over 18", Gender.MEN),
        ("Andy's Man Club", "Peer support for men.", "", Gender.MEN),
        ("Boys Boxing", "", "", Gender.MEN),
    ],
)
def test_women_or_men_only_is_guessed_from_its_words(
    name: str, description: str, eligibility: str, gender: Gender
) -> None:
    guessed, notes = _guess(name, description, only="gender", extra=(eligibility,))
    assert guessed.gender is gender
    assert guessed.guessed == ("gender",)
    assert len(notes) == 1 and gender.value in notes[0]


@pytest.mark.parametrize(
    ("name", "description", "eligibility"),
    [
        ("Walking football for men and women", "", ""),
        ("Walking football", "Mixed group, women and men welcome.", ""),
        ("Men's mental health? Women's too", "", ""),  # both named
        ("Mental health drop-in", "", ""),  # "mental" holds "men"
        ("Family fun day", "For all the family.", ""),
        ("Menopause cafe", "", ""),  # "meno" is not "men"
        ("Women's and men's singles", "", ""),
        ("Badminton", "", "Male or female, 16+"),
        ("Counselling", "A female counsellor is available on request.", ""),
        ("Men's shed", "Women are welcome too.", ""),
        ("YMCA Fitness", "The Young Men's Christian Association gym.", ""),
        ("Ladies and gentlemen's dance", "", ""),
        ("Book club", "We discuss women writers and their world.", ""),  # not who comes
        ("Recovery group", "Women and men in recovery.", ""),
        ("Parkrun", "Everyone welcome, whatever your pace.", ""),
        ("Tai chi", "", "Adults"),
    ],
)
def test_gender_is_not_guessed_where_the_words_do_not_say_one(
    name: str, description: str, eligibility: str
) -> None:
    guessed, notes = _guess(name, description, only="gender", extra=(eligibility,))
    assert guessed.gender is Gender.ANY
    assert guessed.guessed == () and notes == []


# Mental health ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Mental Health Drop-in", ""),
        ("Hearing Voices group", ""),
        ("Riverside Recovery College: managing stress", ""),
        ("Recovery group", "Meet others on the road to recovery."),
        ("Bipolar UK support group", ""),
        ("Depression support group", ""),
        ("Anxiety UK peer group", ""),
        ("Tuesday crafts", "A craft group for adults experiencing emotional distress."),
        ("Sunday walk", "Peer support for people with bipolar disorder."),
        ("Allotment project", "For people living with severe and enduring mental illness."),
        ("Art group", "A creative space for people with mental health problems."),
        ("Coffee & chat", "For adults who are experiencing low mood or anxiety."),
        ("Men's football", "For men with lived experience of mental ill health."),
        ("Crisis Cafe", "Open evenings."),
        ("Early intervention group", "For young people experiencing psychosis."),
    ],
)
def test_mental_health_groups_are_guessed_from_their_words(name: str, description: str) -> None:
    guessed, notes = _guess(name, description, only="mental_health_specific")
    assert guessed.mental_health_specific is True
    # Marked, so matching adds a caution and "avoid"/"only" treat it as a guess.
    assert guessed.guessed == ("mental_health_specific",)
    assert len(notes) == 1


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Bowls club", "Bowls is good for your mental health and fitness."),
        ("Walking group", "Walking improves physical and mental health."),
        ("Mental Health First Aid course", "Learn to spot the signs in colleagues."),
        ("Yoga", "Yoga helps with anxiety and stress."),
        ("Mind Wellbeing Walk", "A gentle walk in the park."),  # "Mind" the charity: no
        ("Mindfulness", "Learn to be in the present moment."),
        ("Dementia Cafe", "For people living with dementia and their carers."),
        ("Carers support group", "For anyone caring for a relative."),
        ("Gardening club", "Reduces stress; all welcome."),
        ("Mental health awareness talk", ""),
    ],
)
def test_mental_health_is_not_guessed_from_general_wellbeing_words(
    name: str, description: str
) -> None:
    guessed, notes = _guess(name, description, only="mental_health_specific")
    assert guessed.mental_health_specific is False
    assert guessed.guessed == () and notes == []


# Free ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "Free.",
        "This group is free.",
        "It's free and there's no need to book.",
        "Free to attend, just turn up.",
        "Free of charge.",
        "There is no charge for this group.",
        "A free weekly session for over 50s.",
        "Cost: free",
        "Completely free, with tea and biscuits.",
        "All sessions are free for everyone.",
        "Free, confidential advice on benefits.",
        "Come along for free.",
        "Offered at no cost to you.",
    ],
)
def test_free_is_guessed_when_the_feed_gave_no_cost(description: str) -> None:
    guessed, notes = _guess("Tuesday group", description, only="cost")
    assert guessed.cost == Cost(per_session_gbp=0.0)
    assert guessed.cost.is_free
    assert guessed.guessed == ("cost",) and len(notes) == 1


@pytest.mark.parametrize(
    "description",
    [
        "Gluten free cakes available.",
        "Sugar-free snacks and drinks.",
        "Free parking behind the hall.",
        "Please feel free to bring a friend.",
        "Free wifi in the cafe.",
        "Free tea and coffee.",
        "Parking is free after 6pm.",
        "£3 per session; first session free.",
        "Free taster session, then £25 for the term.",
        "A judgement-free space.",
        "Free from judgement.",
        "Free crèche for under 5s.",
        "Step-free access.",
        "Alcohol free social evening.",
        "Small charge for materials.",
        "Free for carers; others pay.",
        "Free to members.",
        "Feel free to be yourself.",
        "Parking is free of charge.",
        "No charge for parking.",
        "",
    ],
)
def test_free_is_not_guessed_from_free_things_or_prices(description: str) -> None:
    guessed, notes = _guess("Tuesday group", description, only="cost")
    assert guessed.cost is None
    assert guessed.guessed == () and notes == []


def test_free_keeps_what_a_cost_already_said_and_leaves_a_price_alone() -> None:
    notes_only = Cost(notes="Free for carers", concessions=True)
    guessed, _ = _guess("Group", "", only="cost", cost=Cost(notes="Free."))
    assert guessed.cost == Cost(per_session_gbp=0.0, notes="Free.")
    # "Free for carers" is free for some; a price already known is never overwritten.
    assert _guess("Group", "", only="cost", cost=notes_only)[0].cost == notes_only
    taster = Cost(notes="Free taster session")
    assert _guess("Group", "", only="cost", cost=taster)[0].cost == taster
    priced = Cost(amount_gbp=5.0)
    assert _guess("Group", "Free to attend.", only="cost", cost=priced)[0].cost == priced


# Step-free -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "step_free"),
    [
        (["Wheelchair accessible"], True),
        (["Step-free access"], True),
        (["Level access"], True),
        (["Ramp"], True),
        (["Ramp at the side entrance"], True),
        (["Lift"], True),
        (["Lift to all floors"], True),
        (["Disabled access"], True),
        (["No steps, lift to all floors"], True),
        (["Fully accessible building", "Hearing loop"], True),
        (["No wheelchair access"], False),
        (["Stairs only"], False),
        (["First floor, no lift"], False),
        (["Not wheelchair accessible"], False),
        (["Unsuitable for wheelchairs"], False),
        (["Three steps at the front door"], False),
        (["Upstairs room"], False),
        (["The lift is out of order until March"], False),
        (["Wheelchair access: No"], False),
        (["Lift - none", "Accessible toilet: yes"], False),
        (["Step-free access: yes"], True),
        (["No lift needed, all on the ground floor"], None),
        (["Step-free access", "Large print for partially sighted visitors"], True),
        (["Partial wheelchair access"], None),
        (["Limited disabled access"], None),
        (["Partially accessible: ground floor only"], None),
        (["Not fully accessible"], None),
        (["Accessible toilet"], None),
        (["Hearing loop", "Baby changing"], None),
        ([], None),
    ],
)
def test_step_free_from_accessibility_words(texts: list[str], step_free: bool | None) -> None:
    assert step_free_from_text(texts) is step_free


def test_step_free_is_guessed_for_the_venue_from_its_accessibility_texts_only() -> None:
    hall = Venue(name="St Jude's hall")
    guessed, notes = _guess(
        "Chair yoga", "", only="venue.step_free", venue=hall, access=("Level access",)
    )
    assert guessed.venue == replace(hall, step_free=True)
    assert guessed.guessed == ("venue.step_free",) and len(notes) == 1
    # A description is not read for access: "a lift home" is not a lift.
    lift_home, _ = _guess(
        "Lunch club", "We can give you a lift home.", only="venue.step_free", venue=hall
    )
    assert lift_home.venue == hall and lift_home.guessed == ()
    # A venue that already says, and an activity with no venue, are left alone.
    known = replace(hall, step_free=False)
    assert (
        _guess("Yoga", "", only="venue.step_free", venue=known, access=("Level access",))[0].venue
        == known
    )
    assert _guess("Yoga", "", only="venue.step_free", access=("Ramp",))[0].venue is None


def test_accessibility_texts_say_nothing_of_who_a_group_is_for() -> None:
    guessed, _ = apply_guesses(
        _activity("Coffee morning", venue=Venue(name="Hall")),
        stated=frozenset({"categories"}),
        access_texts=("Parent and baby room", "Female toilets", "Free parking"),
    )
    assert (guessed.with_child, guessed.gender, guessed.cost) == (False, Gender.ANY, None)


# Learners of a language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "codes"),
    [
        ("ESOL class", "", ("en",)),
        ("Entry 1 ESOL", "", ("en",)),
        ("Drop-in", "English for speakers of other languages, all levels.", ("en",)),
        ("Learn English", "", ("en",)),
        ("English Conversation Club", "", ("en",)),
        ("Conversation cafe", "Practise your English over a cup of tea.", ("en",)),
        ("Beginners' English", "", ("en",)),
        ("Community class", "English as a second language for adults.", ("en",)),
        ("English classes for women", "", ("en",)),
        ("Welsh for Adults", "", ("cy",)),
        ("Dysgu Cymraeg", "Learn Welsh: a friendly class.", ("cy",)),
        ("Welsh conversation group", "", ("cy",)),
        ("Learn Polish", "", ("pl",)),
        ("Arabic lessons for beginners", "", ("ar",)),
        ("Language exchange", "Learn English and learn Spanish.", ("en", "es")),
        (
            "Somali Adult Literacy",
            "Learn to read and write Somali, or improve your English.",
            ("en", "so"),
        ),
    ],
)
def test_classes_that_teach_a_language_are_for_its_learners(
    name: str, description: str, codes: tuple[str, ...]
) -> None:
    guessed, notes = _guess(name, description, only="for_learners_of")
    assert guessed.for_learners_of == codes
    assert guessed.guessed == ("for_learners_of",) and len(notes) == 1


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("English Heritage walk", "A guided walk round the abbey."),
        ("Chess club", "Sessions are in English."),
        ("Book club", "We read English and French novels."),
        ("English country dancing", ""),
        ("GCSE English class", "For adults who want the qualification."),
        ("Functional Skills English and maths", ""),
        ("Polish club", "A social club for the Polish community."),
        ("Turkish cooking class", ""),
        ("Irish dance class", ""),
        ("Full English breakfast club", ""),
    ],
)
def test_language_words_that_are_not_teaching_it_are_not_guessed(
    name: str, description: str
) -> None:
    guessed, notes = _guess(name, description, only="for_learners_of")
    assert guessed.for_learners_of == ()
    assert guessed.guessed == () and notes == []


# With a child ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Stay and Play", ""),
        ("Stay & Play", "Toys, songs and a cuppa."),
        ("Baby and toddler group", ""),
        ("Parent and toddler session", ""),
        ("Rhyme Time", "At the library."),
        ("Baby massage", "A five-week course."),
        ("Bumps and Babies", ""),
        ("Messy play", ""),
        ("Tuesday tots", "For under 5s with a parent or carer."),
        ("Little Movers", "Music and movement for toddlers and their grown-ups."),
        ("Library session", "Storytime for pre-schoolers."),
        ("Mums and tots", ""),
        ("Soft play", "For crawlers and walkers up to age 4."),
    ],
)
def test_groups_for_young_children_with_a_grown_up_are_guessed(name: str, description: str) -> None:
    guessed, notes = _guess(name, description, only="with_child")
    assert guessed.with_child is True
    assert guessed.guessed == ("with_child",) and len(notes) == 1


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Youth club", "For 11 to 16 year olds."),
        ("Foodbank", "We support families with young children and older people."),
        ("Swimming", "Children under 8 must be accompanied by an adult."),
        ("Role play group", "Tabletop games for adults."),
        ("Carers support group", "For parents caring for adult children."),
        ("Knit and natter", "We knit baby clothes for the hospital."),
    ],
)
def test_child_words_that_are_not_a_group_for_young_children_are_not_guessed(
    name: str, description: str
) -> None:
    guessed, notes = _guess(name, description, only="with_child")
    assert guessed.with_child is False
    assert guessed.guessed == () and notes == []


# Categories ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "keywords", "categories"),
    [
        ("Bowls", "", (), ("sport_fitness",)),
        ("Tennis Club", "", (), ("sport_fitness",)),
        ("Coffee Morning", "", (), ("social_club",)),
        ("Zumba", "", (), ("sport_fitness",)),
        ("Dementia Cafe", "A cafe for people with dementia and carers.", (), ("social_club",)),
        ("Knit and Natter", "", (), ("arts_crafts",)),
        ("Thursday session", "", ("Walking Groups",), ("walking",)),
    ],
)
def test_categories_are_guessed_and_marked(
    name: str, description: str, keywords: tuple[str, ...], categories: tuple[str, ...]
) -> None:
    guessed, notes = _guess(name, description, only="categories", keywords=keywords)
    assert guessed.categories == categories
    assert guessed.guessed == ("categories",) and len(notes) == 1


def test_a_service_with_no_telling_words_falls_back_and_says_so() -> None:
    guessed, notes = _guess("The Hub", "Open Tuesdays.", only="categories")
    assert guessed.categories == ("wellbeing_support",)
    assert guessed.guessed == ("categories",)
    assert "for now" in notes[0]


# The pass as a whole ---------------------------------------------------------------------


def test_one_record_can_give_several_guesses_each_marked_and_noted() -> None:
    activity = _activity(
        "Women's ESOL and Stay & Play",
        "Free to attend. For mums learning English, with their toddlers.",
        venue=Venue(name="Children's centre"),
    )
    guessed, notes = apply_guesses(
        activity, stated=frozenset({"categories"}), access_texts=("Step-free access",)
    )
    assert guessed.gender is Gender.WOMEN
    assert guessed.for_learners_of == ("en",)
    assert guessed.with_child is True
    assert guessed.cost == Cost(per_session_gbp=0.0)
    assert guessed.venue is not None and guessed.venue.step_free is True
    assert set(guessed.guessed) == {
        "gender",
        "for_learners_of",
        "with_child",
        "cost",
        "venue.step_free",
    }
    assert len(notes) == 5
    assert set(guessed.guessed) <= set(GUESSABLE_FIELDS)


def test_earlier_guesses_are_kept_and_not_repeated() -> None:
    activity = _activity("Ladies' bowls", guessed=("categories",))
    guessed, _ = apply_guesses(activity, stated=frozenset({"categories"}))
    assert guessed.guessed == ("categories", "gender")


def test_nothing_to_guess_gives_the_same_activity_back() -> None:
    activity = _activity("Tuesday group", "We meet at the hall.")
    guessed, notes = apply_guesses(activity, stated=frozenset({"categories"}))
    assert guessed is activity and notes == []


_WORDS = st.sampled_from(
    [
        "free",
        "no charge",
        "women",
        "men",
        "ladies",
        "mental health",
        "for people with",
        "bipolar",
        "ESOL",
        "learn English",
        "stay and play",
        "baby",
        "toddler",
        "parent",
        "£3",
        "gluten",
        "only",
        "and",
        "welcome",
        "lift",
        "ramp",
        "no",
        "step-free",
        "Café",
        "Dementia",
        "carers",
        "Welsh",
        "class",
        "  ",
        ".",
        "'s",
        "-",
        "\u0000",
        "ß",
        "İ",
    ]
)
_PHRASES = st.lists(_WORDS | st.text(max_size=12), max_size=12).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(
    activity=activities(),
    stated=st.frozensets(st.sampled_from(sorted(EVERYTHING_BUT))),
    name=_PHRASES,
    description=_PHRASES,
    extra=st.lists(_PHRASES, max_size=3),
    access=st.lists(_PHRASES, max_size=3),
)
def test_guessing_never_raises_and_never_changes_a_stated_field(
    activity: Activity,
    stated: frozenset[str],
    name: str,
    description: str,
    extra: list[str],
    access: list[str],
) -> None:
    activity = replace(activity, name=name, description=description)
    guessed, notes = apply_guesses(activity, stated=stated, extra_texts=extra, access_texts=access)
    attribute = {"venue.step_free": "venue"}
    for field in stated:
        assert getattr(guessed, attribute.get(field, field)) == getattr(
            activity, attribute.get(field, field)
        )
    # Only guessable fields (and the record of guesses) ever change, each one marked.
    changed = {
        f.name for f in fields(Activity) if getattr(guessed, f.name) != getattr(activity, f.name)
    } - {"guessed"}
    for field in changed:
        assert attribute.get(field, field) not in stated
        assert (field if field != "venue" else "venue.step_free") in guessed.guessed
    assert set(activity.guessed) <= set(guessed.guessed)
    assert len(notes) >= len(changed)
    assert all(isinstance(note, str) and note for note in notes)


# Spreadsheets ----------------------------------------------------------------------------


def test_a_hand_made_sheet_gets_guesses_for_the_columns_it_does_not_have() -> None:
    sheet = (
        "Name,Categories,Description\n"
        'Ladies\' ESOL,learning,"Free to attend. For women learning English."\n'
        "Stay and Play,social_club,For under 5s with a parent or carer.\n"
    )
    result = parse_csv_text(sheet)
    esol, play = result.activities
    assert (esol.gender, esol.for_learners_of, esol.cost) == (
        Gender.WOMEN,
        ("en",),
        Cost(per_session_gbp=0.0),
    )
    assert set(esol.guessed) == {"gender", "for_learners_of", "cost"}
    assert play.with_child is True and play.guessed == ("with_child",)
    # Each guess is reported against its row, for the prescriber to check.
    assert any("row 2" in c.path and "women" in c.message for c in result.cautions)
    assert any("row 3" in c.path and "young children" in c.message for c in result.cautions)


def test_a_sheet_that_has_the_columns_is_taken_at_its_word() -> None:
    # A blank Gender or Cost cell in a sheet that has those columns means "any" and "not
    # known": nothing is guessed, so an exported sheet reads back exactly.
    sheet = (
        "Name,Categories,Description,Gender,Mental health specific,"
        "Cost per session (£),For learners of,With a child\n"
        "Ladies' ESOL,learning,Free. Hearing voices. Stay and play.,,,,,\n"
    )
    (activity,) = parse_csv_text(sheet).activities
    assert activity.guessed == ()
    assert (
        activity.gender,
        activity.mental_health_specific,
        activity.cost,
        activity.for_learners_of,
        activity.with_child,
    ) == (Gender.ANY, False, None, (), False)


def test_learners_and_with_a_child_columns_read_and_write() -> None:
    esol = _activity("ESOL", for_learners_of=("en", "cy"), with_child=True)
    (back,) = parse_csv_text(activities_to_csv([esol])).activities
    assert (back.for_learners_of, back.with_child, back.guessed) == (("en", "cy"), True, ())
    sheet = "Name,Categories,For learners of\nWelsh class,learning,Welsh; klingon\n"
    result = parse_csv_text(sheet)
    assert result.activities == ()
    assert "For learners of" in result.rejected[0].message
