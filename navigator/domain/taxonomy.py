"""Categories, goals, their plain-English labels, UK synonyms and goal-to-category links.

The ids are binding (FORMATS.md §4). Labels are what a person reads over the worker's
shoulder, so they are short and everyday. Synonyms are the words people actually use in an
appointment ("allotment", "5-a-side", "choir") and feed interest matching.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    label: str  # how the worker would say it to the person
    categories: tuple[str, ...]  # categories that usually serve this goal, best first


CATEGORIES: tuple[Category, ...] = (
    Category(
        "arts_crafts",
        "Arts and crafts",
        ("art", "painting", "drawing", "sketching", "pottery", "ceramics", "knitting",
         "crochet", "sewing", "textiles", "craft", "collage", "printmaking", "watercolour",
         "photography", "woodwork", "jewellery making", "life drawing", "embroidery", "quilting",
         "card making", "mosaic", "upcycling", "crafts", "art class"),
    ),
    Category(
        "music",
        "Music",
        ("choir", "singing", "guitar", "drumming", "band", "piano", "ukulele", "open mic",
         "karaoke", "songwriting", "music making", "djing", "samba", "gospel",
         "community choir", "jam session", "orchestra", "singalong", "folk music"),
    ),
    Category(
        "performing_arts",
        "Drama and dance",
        ("drama", "theatre", "acting", "improv", "dance", "dancing", "comedy",
         "street dance", "salsa", "ballroom", "circus", "musical theatre", "spoken word",
         "tea dance", "line dancing", "ballet", "amateur dramatics"),
    ),
    Category(
        "writing_reading",
        "Writing and reading",
        ("creative writing", "poetry", "book club", "reading group", "library", "journalling",
         "storytelling", "zine", "short stories", "memoir", "novel", "writers group",
         "book group", "shared reading", "writing group", "reading club"),
    ),
    Category(
        "nature_gardening",
        "Gardening and nature",
        ("gardening", "allotment", "community garden", "growing", "planting", "horticulture",
         "conservation", "wildlife", "bird watching", "city farm", "green gym", "ecotherapy",
         "vegetables", "tree planting", "park", "birdwatching", "birding", "forest school",
         "beekeeping", "nature walk", "gardening club"),
    ),
    Category(
        "walking",
        "Walking",
        ("walk", "walking group", "health walk", "rambling", "hiking", "nordic walking",
         "strolling", "canal walk", "heritage walk", "walk and talk", "wander", "ramblers",
         "walking club", "walking for health"),
    ),
    Category(
        "sport_fitness",
        "Sport and fitness",
        ("football", "5-a-side", "five a side", "footy", "gym", "exercise", "swimming",
         "badminton", "table tennis", "ping pong", "running", "parkrun", "cycling", "boxing",
         "cricket", "basketball", "climbing", "netball", "keep fit", "circuits",
         "walking football", "bowls", "lawn bowls", "tennis", "golf", "zumba", "aerobics",
         "aqua aerobics", "fishing", "angling", "martial arts", "karate", "sports"),
    ),
    Category(
        "mind_body",
        "Yoga, tai chi and relaxation",
        ("yoga", "tai chi", "pilates", "meditation", "mindfulness", "relaxation", "qigong",
         "breathing", "chair yoga", "stretching", "sound bath", "qi gong"),
    ),
    Category(
        "learning",
        "Courses and learning",
        ("course", "class", "college", "adult education", "recovery college", "english class",
         "esol", "maths", "languages", "history", "talks", "lectures", "workshop", "study",
         "esol class", "learn english", "english conversation", "language class", "literacy",
         "numeracy", "local history", "family history"),
    ),
    Category(
        "digital_skills",
        "Computers and phones",
        ("computer", "computers", "internet", "smartphone", "phone help", "email", "tablet",
         "online skills", "it skills", "digital", "coding", "tech help", "laptop", "ipad",
         "get online", "digital skills", "computer class"),
    ),
    Category(
        "cooking_food",
        "Cooking and food",
        ("cooking", "cookery", "baking", "community kitchen", "lunch club", "food",
         "healthy eating", "community meal", "supper club", "cafe", "food bank", "pantry",
         "foodbank", "community fridge", "soup kitchen", "cookery class", "baking club"),
    ),
    Category(
        "volunteering",
        "Volunteering",
        ("volunteer", "volunteering", "helping out", "charity shop", "giving back",
         "litter picking", "befriender", "community work", "mentoring", "food bank volunteer",
         "residents association", "tenants association", "community organising",
         "neighbourhood forum", "campaign group", "timebank", "litter pick"),
    ),
    Category(
        "employment",
        "Work and careers",
        ("job", "jobs", "work", "employment", "cv", "job club", "careers", "interview practice",
         "training", "ips", "work experience", "apprenticeship", "back to work",
         "job search", "cv writing", "careers advice", "work club"),
    ),
    Category(
        "social_club",
        "Social groups",
        ("social", "social club", "coffee morning", "drop-in", "chat", "board games",
         "bingo", "quiz", "friendship group", "lunch club", "tea and chat", "community centre",
         "pub quiz", "games night", "men's shed", "darts", "snooker", "pool", "chess",
         "chess club", "dominoes", "scrabble", "card games", "bridge club", "film club",
         "speed dating", "friendship club", "youth club", "warm space"),
    ),
    Category(
        "faith_culture",
        "Faith and culture",
        ("church", "mosque", "temple", "gurdwara", "synagogue", "faith", "prayer",
         "cultural group", "heritage", "community association", "bengali", "somali",
         "turkish", "caribbean", "bible study", "prayer group", "worship", "cultural centre",
         "mandir"),
    ),
    Category(
        "peer_support",
        "Peer support",
        ("peer support", "support group", "hearing voices", "lived experience", "self-help",
         "mutual support", "recovery group", "talking group", "share", "peer group",
         "bereavement support", "mutual aid", "self help group"),
    ),
    Category(
        "befriending",
        "Befriending",
        ("befriending", "befriender", "buddy", "companion", "friendly call",
         "telephone friendship", "someone to talk to", "visiting", "one to one chat", "pal",
         "telephone befriending", "good neighbours", "companionship"),
    ),
    Category(
        "advice_money",
        "Money and benefits advice",
        ("benefits", "money", "debt", "universal credit", "pip", "budgeting", "bills",
         "welfare rights", "citizens advice", "grants", "financial advice", "energy bills",
         "debt advice", "money advice", "benefits advice", "form filling"),
    ),
    Category(
        "advice_housing",
        "Housing advice",
        ("housing", "tenancy", "rent", "homeless", "eviction", "landlord", "council housing",
         "repairs", "housing benefit", "moving home", "accommodation", "homelessness",
         "tenancy support", "housing support", "sofa surfing"),
    ),
    Category(
        "wellbeing_support",
        "Wellbeing support",
        ("wellbeing", "mental health", "talking therapy", "counselling", "stress", "anxiety",
         "low mood", "crisis cafe", "safe haven", "sanctuary", "wellness", "self-care"),
    ),
)

GOALS: tuple[Goal, ...] = (
    Goal("meet_people", "Make friends and meet new people",
         ("social_club", "befriending", "cooking_food", "music", "walking")),
    Goal("belong", "Feel part of the community",
         ("faith_culture", "volunteering", "social_club", "nature_gardening")),
    Goal("get_active", "Get more active", ("sport_fitness", "walking", "mind_body")),
    Goal("learn", "Learn something new", ("learning", "digital_skills", "writing_reading")),
    Goal("give_back", "Volunteer and help others", ("volunteering",)),
    Goal("work", "Move towards paid work", ("employment", "learning", "digital_skills")),
    Goal("routine", "Have a routine and get out of the house",
         ("social_club", "volunteering", "nature_gardening", "walking", "cooking_food")),
    Goal("peer_connection", "Meet people who have been through similar things",
         ("peer_support", "wellbeing_support")),
    Goal("one_to_one", "Have someone to talk to one-to-one", ("befriending",)),
    Goal("be_creative", "Be creative",
         ("arts_crafts", "music", "performing_arts", "writing_reading")),
    Goal("outdoors", "Spend time outdoors", ("nature_gardening", "walking")),
    Goal("feel_calmer", "Feel calmer", ("mind_body", "wellbeing_support", "nature_gardening")),
    Goal("practical_help", "Get help with money, benefits or housing",
         ("advice_money", "advice_housing")),
    Goal("confidence", "Build confidence",
         ("learning", "performing_arts", "volunteering", "peer_support")),
)

CATEGORY_BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}
GOAL_BY_ID: dict[str, Goal] = {g.id: g for g in GOALS}
CATEGORY_IDS: tuple[str, ...] = tuple(CATEGORY_BY_ID)
GOAL_IDS: tuple[str, ...] = tuple(GOAL_BY_ID)


def category_label(category_id: str) -> str:
    """The plain label of a category, or the id itself for one we do not know."""
    category = CATEGORY_BY_ID.get(category_id)
    return category.label if category else category_id


def goal_label(goal_id: str) -> str:
    goal = GOAL_BY_ID.get(goal_id)
    return goal.label if goal else goal_id


_FILLER = {"and", "or", "the", "a", "to", "of", "with", "for", "who", "have", "been", "through",
           "similar", "things", "get", "feel", "be", "more", "new", "someone", "part"}


def _hints(pairs: list[tuple[str, str]]) -> dict[str, str]:
    hints: dict[str, str] = {}
    for text, target in pairs:
        for word in [text.casefold(), *text.casefold().replace("-", " ").split()]:
            if word not in _FILLER:
                hints.setdefault(word, target)
    return hints


def category_hints() -> dict[str, str]:
    """Words a person might write for a category ("singing" -> "music"), for did-you-mean."""
    return _hints([(c.label, c.id) for c in CATEGORIES]
                  + [(s, c.id) for c in CATEGORIES for s in c.synonyms])


def goal_hints() -> dict[str, str]:
    """Words of each goal's label ("friends" -> "meet_people"), for did-you-mean."""
    return _hints([(g.label, g.id) for g in GOALS])
