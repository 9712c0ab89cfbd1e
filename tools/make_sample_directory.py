"""Write the bundled sample directory, data/sample_directory.json.

Run from the repository root:  python tools/make_sample_directory.py

Everything here is fictional: the venues, organisations, phone numbers (Ofcom's drama range
020 7946 0000-0999) and addresses (real street names, invented buildings) exist only so the
app, its tests and its demonstrations have a realistic Islington directory to work with.
The output is deterministic: a fixed random seed fills in positions, contacts and the dates
entries were last checked, so running the script again gives the same file byte for byte.
Standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

SEED = 20261101
TODAY = dt.date(2026, 11, 1)  # "last_verified" dates are spread back from here
OUT = Path(__file__).resolve().parent.parent / "data" / "sample_directory.json"
NOTE = "SAMPLE DATA: fictional activities for demonstration and testing; not a real directory."

# Separate streams, so adding an activity does not move every venue or change every contact.
position_rng = random.Random(SEED)
contact_rng = random.Random(SEED + 1)
date_rng = random.Random(SEED + 2)

# --------------------------------------------------------------------------------------
# Where things are: postcode districts and sectors, then the fictional venues.
# --------------------------------------------------------------------------------------

DISTRICT_CENTRES = {
    "N7": (51.553, -0.117),  # Holloway, Nag's Head, lower Tufnell Park
    "N19": (51.565, -0.131),  # Archway, Upper Holloway, Tufnell Park
    "N5": (51.553, -0.097),  # Highbury
    "N1": (51.538, -0.103),  # Angel, Barnsbury, Canonbury
    "N4": (51.566, -0.106),  # Finsbury Park, Stroud Green
    "EC1V": (51.527, -0.098),  # Angel south, City Road, Old Street
    "EC1R": (51.525, -0.108),  # Clerkenwell, Exmouth Market
    "EC1M": (51.5215, -0.1025),  # Clerkenwell, Farringdon
}

# Offsets of each sector from its district's centre, so venues in one sector sit together.
SECTOR_OFFSETS = {
    "N7 0": (0.002, -0.008),
    "N7 6": (0.004, 0.001),
    "N7 7": (0.005, 0.006),
    "N7 8": (-0.002, 0.004),
    "N7 9": (-0.006, -0.003),
    "N19 3": (-0.002, 0.004),
    "N19 4": (0.003, -0.004),
    "N19 5": (-0.001, 0.001),
    "N5 1": (0.004, -0.002),
    "N5 2": (-0.002, 0.003),
    "N1 0": (0.000, -0.010),
    "N1 1": (0.003, -0.006),
    "N1 2": (0.004, 0.003),
    "N1 8": (-0.002, 0.005),
    "N1 9": (-0.005, -0.002),
    "N4 2": (0.000, 0.004),
    "N4 3": (-0.003, -0.006),
    "N4 4": (0.003, 0.001),
    "EC1V 0": (0.000, 0.003),
    "EC1V 1": (0.002, -0.002),
    "EC1V 4": (-0.002, 0.008),
    "EC1V 7": (0.001, 0.000),
    "EC1R 0": (-0.002, 0.002),
    "EC1R 1": (0.003, 0.000),
    "EC1R 3": (-0.002, -0.002),
    "EC1R 4": (0.001, 0.001),
    "EC1M 5": (0.000, -0.001),
    "EC1M 6": (0.000, 0.001),
}

# key: (name, address, postcode, step_free, transport_note)
# fmt: off
VENUES: dict[str, tuple[str, str, str, bool | None, str]] = {
    # N7: Holloway
    "nags_head_cc": (
        "Nag's Head Community Centre", "41 Seven Sisters Road, London", "N7 6PA", True,
        "Holloway Road station is a 5-minute walk; buses stop outside on Seven Sisters Road.",
    ),
    "cornerstone_cafe": (
        "Cornerstone Café", "45 Seven Sisters Road, London", "N7 6PA", False,
        "Two steps up at the door. Next door to Nag's Head Community Centre.",
    ),
    "anatolia_house": (
        "Anatolia House", "372 Holloway Road, London", "N7 6QT", True,
        "A few doors from Holloway Road station.",
    ),
    "tollington_green": (
        "Tollington Green", "Tollington Way entrance, London", "N7 6RW", True,
        "Meet at the main gate by the noticeboard. Holloway Road station 10 minutes' walk.",
    ),
    "hillmarton_library": (
        "Hillmarton Community Library", "2 Hillmarton Road, London", "N7 9JL", True,
        "Caledonian Road station is an 8-minute walk. Lift to the meeting room.",
    ),
    "warm_pot": (
        "Warm Pot Community Kitchen", "Unit 3, Parkhurst Yard, London", "N7 9RT", True,
        "Caledonian Road station 6 minutes' walk. Ring the bell by the blue door.",
    ),
    "gatehouse_farm": (
        "Gatehouse City Farm", "Sheringham Road, London", "N7 8PF", None,
        "Highbury & Islington station 10 minutes' walk. Some paths are gravel and uneven.",
    ),
    "recovery_college": (
        "Bridgeway Recovery College", "150 Holloway Road, London", "N7 8DD", True,
        "Opposite Holloway Road station. Lift to all floors.",
    ),
    "st_aldrics": (
        "St Aldric's Church Hall", "91 Camden Road, London", "N7 0JT", False,
        "Entrance is up six steps. Caledonian Road & Barnsbury station 5 minutes' walk.",
    ),
    "lintwell_hall": (
        "Lintwell Methodist Hall", "18 Tufnell Park Road, London", "N7 0PS", None,
        "Tufnell Park station 6 minutes' walk.",
    ),
    "brecknock_baptist": (
        "Brecknock Baptist Church Hall", "260 Brecknock Road, London", "N7 0NL", True,
        "Tufnell Park station 5 minutes' walk. Side entrance has a ramp.",
    ),
    "tufnell_shed": (
        "Tufnell Shed workshop", "Arch 6, Carleton Yard, London", "N7 0DU", False,
        "Railway arch with a raised threshold. Tufnell Park station 8 minutes' walk.",
    ),
    "rosehip_centre": (
        "Rosehip Women's Centre", "88 Hornsey Road, London", "N7 7DX", True,
        "Holloway Road station 8 minutes' walk. A women-only building.",
    ),
    "tollington_lc": (
        "Tollington Leisure Centre", "Hornsey Road, London", "N7 7NX", True,
        "Holloway Road or Finsbury Park stations, both about 12 minutes' walk.",
    ),
    # N19: Archway, Upper Holloway, Tufnell Park
    "archway_hub": (
        "Archway Wellbeing Hub", "12 Junction Road, London", "N19 5RQ", True,
        "Archway station 3 minutes' walk.",
    ),
    "lamplighter": (
        "The Lamplighter (function room)", "67 Junction Road, London", "N19 5QT", False,
        "Function room is upstairs. Archway and Tufnell Park stations both 5 minutes away.",
    ),
    "larkspur_park": (
        "Larkspur Park", "Vorley Road gate, London", "N19 5HE", True,
        "Meet inside the Vorley Road gate. Archway station 8 minutes' walk.",
    ),
    "cressfield_hall": (
        "Cressfield Community Hall", "14 Cressfield Walk, London", "N19 3TE", True,
        "Upper Holloway station 7 minutes' walk.",
    ),
    "cressfield_allotments": (
        "Cressfield Allotments", "Gate beside Cressfield Community Hall, Cressfield Walk, London",
        "N19 3TE", False,
        "Grass paths and a step down through the gate. Upper Holloway station 7 minutes' walk.",
    ),
    "st_johns_library": (
        "St John's Way Library", "St John's Way, London", "N19 3RR", True,
        "Archway station 7 minutes' walk.",
    ),
    "st_eadwines": (
        "St Eadwine's Church Hall", "Hornsey Lane, London", "N19 4HZ", False,
        "Steps down into the hall. Archway station 10 minutes' walk, uphill.",
    ),
    "brookfield_sports": (
        "Brookfield Sports Hall", "Brookfield Road, London", "N19 4DS", True,
        "Archway station 9 minutes' walk.",
    ),
    # N5: Highbury
    "highbury_vale_cc": (
        "Highbury Vale Community Centre", "33 Conewood Street, London", "N5 1NB", True,
        "Arsenal station 5 minutes' walk.",
    ),
    "clearway": (
        "Clearway Advice Centre", "120 Blackstock Road, London", "N5 1EN", True,
        "Arsenal station 6 minutes' walk. Ground-floor interview rooms.",
    ),
    "nakshi_room": (
        "Nakshi Community Room", "Avenell Road, London", "N5 1BX", None,
        "Arsenal station 4 minutes' walk. Ring the buzzer marked Nakshi.",
    ),
    "brightmoor_highbury": (
        "Brightmoor Highbury Pool and Gym", "Highbury Crescent, London", "N5 1RQ", True,
        "Highbury & Islington station 4 minutes' walk. Pool hoist available.",
    ),
    "highbury_barn_library": (
        "Highbury Barn Library", "Highbury Park, London", "N5 2AT", False,
        "The reading room is on the first floor and there is no lift.",
    ),
    "kelross_green": (
        "Kelross Green", "Kelross Road entrance, London", "N5 2QR", None,
        "Meet at the Kelross Road entrance. Highbury & Islington station 12 minutes' walk.",
    ),
    "christ_the_vine": (
        "Christ the Vine Church Hall", "Highbury Grove, London", "N5 2DS", True,
        "Highbury & Islington station 8 minutes' walk.",
    ),
    "mountgrove_pitches": (
        "Mountgrove Sports Pitches", "Mountgrove Road, London", "N5 2LT", True,
        "Arsenal station 7 minutes' walk. Changing rooms on site.",
    ),
    # N1: Angel, Barnsbury, Canonbury, Caledonian Road
    "lofting_cc": (
        "Lofting Community Centre", "2 Lofting Road, London", "N1 1JB", True,
        "Caledonian Road & Barnsbury station 6 minutes' walk.",
    ),
    "st_osrics": (
        "St Osric's Church Hall", "Liverpool Road, London", "N1 1LA", None,
        "Highbury & Islington station 10 minutes' walk.",
    ),
    "keystone": (
        "Keystone Housing Advice", "Upper Street, London", "N1 1QP", True,
        "Highbury & Islington or Angel stations, both about 10 minutes' walk.",
    ),
    "wharf_garden": (
        "Wharf Lane Community Garden", "Wharf Lane, off Caledonian Road, London", "N1 0SD", None,
        "Paths are gravel; raised beds at wheelchair height. King's Cross 10 minutes' walk.",
    ),
    "beacon_clubhouse": (
        "Beacon Clubhouse", "301 Caledonian Road, London", "N1 0DU", True,
        "Caledonian Road station 4 minutes' walk.",
    ),
    "canonbury_hall": (
        "Canonbury Community Hall", "Canonbury Road, London", "N1 2NQ", True,
        "Canonbury or Highbury & Islington stations, both about 7 minutes' walk.",
    ),
    "new_river_allotments": (
        "New River Walk Allotments", "New River Walk, London", "N1 2UQ", False,
        "Narrow paths and steps. Essex Road station 8 minutes' walk.",
    ),
    "green_teapot": (
        "The Green Teapot café", "206 Essex Road, London", "N1 8LN", True,
        "Essex Road station 3 minutes' walk.",
    ),
    "packington_hub": (
        "Packington Youth Hub", "Packington Street, London", "N1 8QD", True,
        "Angel station 8 minutes' walk.",
    ),
    "chapel_market_library": (
        "Chapel Market Library", "Chapel Market, London", "N1 9PZ", True,
        "Angel station 4 minutes' walk.",
    ),
    # N4: Finsbury Park, Stroud Green
    "lantern_rooms": (
        "The Lantern Rooms", "158 Seven Sisters Road, London", "N4 3NS", True,
        "Finsbury Park station 7 minutes' walk.",
    ),
    "hiddo_centre": (
        "Hiddo Somali Families Centre", "Fonthill Road, London", "N4 3HY", False,
        "Steps at the front door. Finsbury Park station 5 minutes' walk.",
    ),
    "moray_hall": (
        "Moray Community Hall", "Moray Road, London", "N4 3LD", True,
        "Finsbury Park station 8 minutes' walk.",
    ),
    "stroud_pavilion": (
        "Stroud Green Pavilion", "Stroud Green Road, London", "N4 3EF", True,
        "Finsbury Park station 6 minutes' walk.",
    ),
    "pines_parish": (
        "Our Lady of the Pines Parish Hall", "Blackstock Road, London", "N4 2DW", None,
        "Finsbury Park or Arsenal stations, both about 7 minutes' walk.",
    ),
    "ambler_garden": (
        "Ambler Community Garden", "Ambler Road, London", "N4 2QU", None,
        "Finsbury Park station 6 minutes' walk. Bark paths.",
    ),
    "finsbury_gate_cafe": (
        "Finsbury Park Gate Café", "Station Place, London", "N4 4BH", True,
        "Opposite the Station Place exit of Finsbury Park station.",
    ),
    # EC1V: Angel south, City Road, Old Street
    "goswell_rooms": (
        "Goswell Community Rooms", "Goswell Road, London", "EC1V 7EY", True,
        "Angel station 6 minutes' walk.",
    ),
    "st_wendredas": (
        "St Wendreda's Church Hall", "Lever Street, London", "EC1V 7LQ", None,
        "Old Street or Angel stations, both about 10 minutes' walk.",
    ),
    "kingfisher_boat": (
        "Narrowboat Kingfisher", "City Road Basin moorings, London", "EC1V 1LH", False,
        "A narrowboat: steep steps down into the cabin. Angel station 7 minutes' walk.",
    ),
    "brightmoor_finsbury": (
        "Brightmoor Finsbury Pool", "Central Street, London", "EC1V 0HB", True,
        "Old Street station 8 minutes' walk. Pool hoist available.",
    ),
    "inkwell_studio": (
        "Inkwell Print Studio", "Unit 4, Old Street Yard, London", "EC1V 4JW", None,
        "Old Street station 5 minutes' walk.",
    ),
    # EC1R: Clerkenwell
    "amwell_library": (
        "Amwell Library", "Amwell Street, London", "EC1R 1UL", True,
        "Angel station 8 minutes' walk.",
    ),
    "hardwick_green": (
        "Hardwick Green", "Hardwick Street entrance, London", "EC1R 1XE", None,
        "A small public garden. Angel station 9 minutes' walk.",
    ),
    "st_walstans": (
        "St Walstan's Hall", "Clerkenwell Close, London", "EC1R 0EB", False,
        "Stairs down to the hall. Farringdon station 8 minutes' walk.",
    ),
    "nightingale": (
        "Nightingale Sanctuary Café", "Farringdon Road, London", "EC1R 3BN", True,
        "Farringdon station 7 minutes' walk. Ring the bell and someone will come to the door.",
    ),
    "bramble_cafe": (
        "Bramble Café", "Exmouth Market, London", "EC1R 4QE", True,
        "Farringdon or Angel stations, both about 10 minutes' walk.",
    ),
    "give_time": (
        "Give Time Islington volunteer centre", "Rosebery Avenue, London", "EC1R 4TD", True,
        "Angel station 10 minutes' walk.",
    ),
    # EC1M: Farringdon
    "turnmill_hall": (
        "Turnmill Hall", "Turnmill Street, London", "EC1M 5RR", True,
        "Farringdon station 2 minutes' walk.",
    ),
    "cowcross_kitchen": (
        "Cowcross Community Kitchen", "Cowcross Street, London", "EC1M 6DR", False,
        "Basement kitchen down a flight of stairs. Farringdon station 2 minutes' walk.",
    ),
}
# fmt: on

_positions: dict[str, tuple[float, float]] = {}


def position(postcode: str) -> tuple[float, float]:
    """A point near the postcode's sector centre; venues sharing a postcode share it."""
    if postcode not in _positions:
        district, inward = postcode.split(" ")
        lat, lon = DISTRICT_CENTRES[district]
        dlat, dlon = SECTOR_OFFSETS[f"{district} {inward[0]}"]
        lat += dlat + position_rng.uniform(-0.0008, 0.0008)
        lon += dlon + position_rng.uniform(-0.0012, 0.0012)
        _positions[postcode] = (round(lat, 5), round(lon, 5))
    return _positions[postcode]


for _venue in VENUES.values():
    position(_venue[2])


def venue(key: str) -> dict:
    name, address, postcode, step_free, note = VENUES[key]
    lat, lon = position(postcode)
    return {
        "name": name,
        "address": address,
        "postcode": postcode,
        "lat": lat,
        "lon": lon,
        "step_free": step_free,
        "transport_note": note,
    }


# --------------------------------------------------------------------------------------
# Who runs things. Contacts are fictional: example.org addresses, Ofcom drama numbers.
# --------------------------------------------------------------------------------------

ORGANISATIONS = {
    "Holloway Neighbours Trust": "holloway-neighbours",
    "Archway Wellbeing Network": "archway-wellbeing",
    "Bridgeway Recovery College": "bridgeway-college",
    "Northbank Libraries": "northbank-libraries",
    "Canalside Arts Collective": "canalside-arts",
    "Greenway Growers": "greenway-growers",
    "Gatehouse City Farm": "gatehouse-farm",
    "Brightmoor Leisure": "brightmoor-leisure",
    "Kickabout Inclusive Football Club": "kickabout-football",
    "Cally Voices": "cally-voices",
    "Northern Heights Walkers": "northern-heights-walkers",
    "Nakshi Women's Collective": "nakshi-women",
    "Hiddo Somali Families Association": "hiddo-somali",
    "Anatolia House": "anatolia-house",
    "Çiya Kurdish Community Circle": "ciya-kurdish",
    "Kładka Polish Social Club": "kladka-polish",
    "Puente Latin American Group": "puente-latin",
    "Yasmin Arabic Speakers Group": "yasmin-arabic",
    "Lantern Peer Network": "lantern-peers",
    "Tufnell Shed Collective": "tufnell-shed",
    "Kettle's On Telephone Friends": "kettles-on",
    "Barnsbury Befrienders": "barnsbury-befrienders",
    "Clearway Advice Centre": "clearway-advice",
    "Keystone Housing Advice": "keystone-housing",
    "Northgate Mental Health Partnership": "northgate-mh",
    "Beacon Clubhouse": "beacon-clubhouse",
    "Nightingale Sanctuary": "nightingale-sanctuary",
    "Plug In Islington": "plug-in-islington",
    "St Aldric's Church": "st-aldrics",
    "Warm Pot Community Kitchen": "warm-pot",
    "Still Water Tai Chi": "still-water-taichi",
    "Next Chapter Youth Hub": "next-chapter",
    "Evergreen Club": "evergreen-club",
    "Strum Together": "strum-together",
    "Ember Drama": "ember-drama",
    "Wordhouse Writers": "wordhouse-writers",
    "Rosehip Women's Centre": "rosehip-women",
    "Inkwell Print Studio": "inkwell-print",
    "Park Striders": "park-striders",
    "Give Time Islington": "give-time",
    "Clerkenwell Heritage Walks": "clerkenwell-walks",
    "Highbury Vale Community Centre": "highbury-vale",
    "Brecknock Baptist Church": "brecknock-baptist",
    "Christ the Vine Church": "christ-the-vine",
    "Islington Carers Together": "carers-together",
    "Cowcross Community Kitchen": "cowcross-kitchen",
}

_numbers = contact_rng.sample(range(1000), len(ORGANISATIONS))
ORG_CONTACTS: dict[str, dict[str, str]] = {}
for _i, (_org, _slug) in enumerate(ORGANISATIONS.items()):
    ORG_CONTACTS[_org] = {
        "phone": f"020 7946 0{_numbers[_i]:03d}",
        "email": f"{contact_rng.choice(['hello', 'info', 'contact'])}@{_slug}.example.org",
        "website": f"https://{_slug}.example.org",
    }


# --------------------------------------------------------------------------------------
# Building blocks for activities.
# --------------------------------------------------------------------------------------

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FORTNIGHT_ANCHOR = dt.date(2026, 9, 7)  # a Monday; fortnightly rhythms count from this week


def W(day: str, start: str, end: str) -> dict:
    """A weekly session."""
    return {"day": day, "start": start, "end": end, "frequency": "weekly"}


def F(day: str, start: str, end: str) -> dict:
    """A fortnightly session, anchored on the first such day from FORTNIGHT_ANCHOR."""
    on = FORTNIGHT_ANCHOR + dt.timedelta(days=DAYS.index(day))
    return {
        "day": day,
        "start": start,
        "end": end,
        "frequency": "fortnightly",
        "starts_on": on.isoformat(),
    }


def M(day: str, start: str, end: str, week: int) -> dict:
    """A monthly session: week 1..4, or -1 for the last <day> of the month."""
    return {"day": day, "start": start, "end": end, "frequency": "monthly", "week_of_month": week}


def C(gbp: float | None, concessions: bool = False, taster: bool = False, notes: str = "") -> dict:
    return {
        "per_session_gbp": gbp,
        "concessions": concessions,
        "free_taster": taster,
        "notes": notes,
    }


FREE = C(0)

WELCOME_FLAGS = {"b": "bring_someone", "g": "beginners", "d": "meet_at_door"}


def welcome(flags: str) -> dict:
    """ "bg" = bring_someone and beginners true; an upper-case letter says false."""
    out = {}
    for letter in flags:
        out[WELCOME_FLAGS[letter.lower()]] = letter.islower()
    return out


ACTIVITIES: list[dict] = []


def A(
    name: str,
    org: str | None,
    where: str,
    description: str,
    categories: list[str],
    keywords: list[str],
    sessions: list[dict],
    *,
    cost: dict | None = FREE,
    mh: bool = False,
    peer: bool = False,
    gender: str = "any",
    age: tuple[int | None, int | None] = (None, None),
    lang: tuple[str, ...] = ("en",),
    learners: tuple[str, ...] = (),
    booking: str | None = None,
    size: str | None = None,
    welcome_flags: str = "",
    status: str = "active",
    contact: dict | None = None,
    no_email: bool = False,
    no_website: bool = False,
) -> None:
    """One activity. `where` is a venue key, "online" or "phone"."""
    if where in ("online", "phone"):
        delivery, place = where, None
    else:
        delivery, place = "in_person", venue(where)
    if contact is None:
        contact = dict(ORG_CONTACTS[org]) if org else {}
        if no_email:
            contact.pop("email", None)
        if no_website:
            contact.pop("website", None)
    ACTIVITIES.append(
        {
            "id": f"isl-{len(ACTIVITIES) + 1:03d}",
            "name": name,
            "organisation": org,
            "description": description,
            "categories": categories,
            "keywords": keywords,
            "delivery": delivery,
            "venue": place,
            "sessions": sessions,
            "cost": cost,
            "mental_health_specific": mh,
            "peer_led": peer,
            "gender": gender,
            "age_min": age[0],
            "age_max": age[1],
            "languages": list(lang),
            "booking": booking,
            "group_size": size,
            "welcome": welcome(welcome_flags),
            "contact": contact,
            "last_verified": None,  # filled in below
            "status": status,
            # Languages it teaches (FORMATS.md §1a): the language rule passes everyone.
            **({"for_learners_of": list(learners)} if learners else {}),
        }
    )


# --------------------------------------------------------------------------------------
# The activities.
# --------------------------------------------------------------------------------------

# fmt: off

# Gardening, growing and nature ---------------------------------------------------------

A("Growing Together", "Greenway Growers", "wharf_garden",
  "A relaxed gardening morning in a community garden by the canal: sowing, weeding, watering "
  "and picking salad and vegetables to take home. No experience needed; gloves, tools and tea "
  "are provided, and a volunteer will show you round on your first visit.",
  ["nature_gardening", "social_club"],
  ["gardening", "community garden", "vegetables", "growing", "outdoors", "canal"],
  [W("tue", "10:00", "13:00")], booking="drop_in", size="medium", welcome_flags="bgd")

A("Cressfield Therapeutic Allotment", "Archway Wellbeing Network", "cressfield_allotments",
  "A small, supported allotment group for people using mental health services. You share a "
  "plot with a few others, grow fruit and vegetables through the seasons and stop for tea in "
  "the shed. A support worker is always there, and you can come for just half an hour at first.",
  ["nature_gardening", "wellbeing_support"],
  ["allotment", "gardening", "growing", "vegetables", "ecotherapy", "outdoors"],
  [W("thu", "10:00", "12:30")], mh=True, booking="referral", size="small",
  welcome_flags="bgd")

A("City Farm Volunteer Mornings", "Gatehouse City Farm", "gatehouse_farm",
  "Help look after the goats, sheep, pigs and chickens: feeding, mucking out, collecting eggs "
  "and tidying the yard. Wear old clothes and boots; staff give a short safety talk before "
  "your first session.",
  ["nature_gardening", "volunteering"],
  ["city farm", "animals", "goats", "chickens", "volunteer", "outdoors", "farm"],
  [W("wed", "10:00", "13:00"), W("sat", "09:30", "12:30")],
  booking="book_ahead", size="medium", welcome_flags="g")

A("Farm Skills for 18-25s", "Gatehouse City Farm", "gatehouse_farm",
  "A ten-week course for young adults on caring for animals and growing food, with a "
  "certificate at the end. Sessions are hands-on and outdoors, and lunch is included.",
  ["nature_gardening", "learning"],
  ["city farm", "animals", "course", "young people", "outdoors", "qualification"],
  [W("mon", "13:00", "16:00")], age=(18, 25), booking="book_ahead", size="small",
  welcome_flags="g")

A("Conservation Workout at Larkspur Park", "Greenway Growers", "larkspur_park",
  "Get fit outdoors doing practical conservation: clearing paths, planting hedges and "
  "building habitat piles. Starts with a gentle warm-up and ends with tea and biscuits. "
  "Tools and gloves provided.",
  ["nature_gardening", "sport_fitness"],
  ["green gym", "conservation", "outdoors", "exercise", "tree planting", "park"],
  [F("sat", "10:00", "13:00")], booking="drop_in", size="medium", welcome_flags="bg")

A("Allotment Share Plot", "Kładka Polish Social Club", "new_river_allotments",
  "Members of the club share a large allotment plot and grow vegetables, herbs and flowers "
  "together. Everyone is welcome; conversation is in Polish and English, and there is always "
  "coffee on the go.",
  ["nature_gardening", "social_club"],
  ["allotment", "gardening", "polish", "growing", "vegetables"],
  [W("sun", "10:00", "12:30")], lang=("pl", "en"), booking="drop_in", size="small",
  welcome_flags="bg")

A("Roots and Shoots Ecotherapy", "Northgate Mental Health Partnership", "ambler_garden",
  "An eight-week ecotherapy group in a quiet community garden, for people under the care of "
  "the community mental health team. Each week mixes simple gardening with time to sit, notice "
  "and talk. Your care coordinator can refer you.",
  ["nature_gardening", "wellbeing_support"],
  ["ecotherapy", "gardening", "nature", "calm", "mental health"],
  [W("wed", "13:30", "15:30")], mh=True, booking="referral", size="small", welcome_flags="bd")

A("Nakshi Kitchen Garden", "Nakshi Women's Collective", "ambler_garden",
  "Bengali women growing herbs, gourds, chillies and leafy greens for the kitchen, in a "
  "friendly group. Conversation is mostly in Bengali; children under five can come along.",
  ["nature_gardening", "faith_culture"],
  ["gardening", "bengali", "growing", "herbs", "women"],
  [W("fri", "10:30", "12:30")], gender="women", lang=("bn", "en"), booking="drop_in",
  size="small", welcome_flags="bg")

A("Early Birds Wildlife Walk", "Northern Heights Walkers", "kelross_green",
  "A slow walk round the green and nearby gardens looking and listening for birds, with "
  "binoculars to borrow. Suitable for complete beginners; the walk is on flat paths.",
  ["nature_gardening", "walking"],
  ["bird watching", "wildlife", "walk", "nature", "park"],
  [M("sun", "08:30", "10:30", 1)], booking="drop_in", size="small", welcome_flags="bg")

A("Open Garden Afternoons", "Greenway Growers", "ambler_garden",
  "Drop in to the garden for a cup of tea, a wander and, if you like, a small job like "
  "watering or deadheading. A quiet place to sit outside; nobody minds if you just come to "
  "sit.",
  ["nature_gardening", "social_club"],
  ["community garden", "gardening", "quiet", "outdoors", "tea"],
  [W("thu", "14:00", "16:30")], booking="drop_in", size="small", welcome_flags="bgd")

A("Seed Swap and Growing Workshop", "Northbank Libraries", "st_johns_library",
  "Bring seeds if you have them, or just take some home. A local grower gives a short talk "
  "on growing food on a windowsill or balcony, then there is time for questions.",
  ["nature_gardening", "learning"],
  ["seeds", "growing", "gardening", "balcony", "workshop", "windowsill"],
  [M("sat", "11:00", "12:30", 4)], booking="drop_in", size="medium", welcome_flags="g")

A("Tree Wardens", "Greenway Growers", "wharf_garden",
  "Volunteer tree wardens look after young street trees: watering in summer, checking ties "
  "and reporting damage. You choose when to go out; training and a hi-vis vest are provided.",
  ["nature_gardening", "volunteering"],
  ["tree planting", "volunteer", "trees", "outdoors", "conservation"],
  [], booking="book_ahead", size="one_to_one", welcome_flags="g")

A("Rooftop Growing Club", "Holloway Neighbours Trust", "nags_head_cc",
  "Growing tomatoes, beans and herbs in containers on the community centre's roof terrace. "
  "Paused until the spring while the roof is repaired.",
  ["nature_gardening"],
  ["gardening", "rooftop", "growing", "containers"],
  [W("fri", "14:00", "16:00")], booking="drop_in", size="small", status="paused")

# Walking -------------------------------------------------------------------------------

A("Archway Health Walk", "Northern Heights Walkers", "archway_hub",
  "A friendly one-hour walk at an easy pace, finishing with an optional cup of tea. A walk "
  "leader meets newcomers outside the Hub at 10:20 and there is always someone at the back.",
  ["walking"],
  ["walk", "walking group", "health walk", "exercise", "fresh air"],
  [W("mon", "10:30", "11:30")], booking="drop_in", size="medium", welcome_flags="bgd")

A("Walk and Talk on the Canal", "Lantern Peer Network", "chapel_market_library",
  "A gentle walk along the canal towpath with others who have lived experience of mental "
  "health problems. You can talk or just walk; the group stops at a café halfway.",
  ["walking", "peer_support"],
  ["canal walk", "walk and talk", "peer support", "walking group", "canal"],
  [W("wed", "11:00", "12:30")], mh=True, peer=True, booking="drop_in", size="small",
  welcome_flags="bgd")

A("Clerkenwell Heritage Walks", "Clerkenwell Heritage Walks", "turnmill_hall",
  "A guided walk through the lanes of old Clerkenwell: monks, printers, watchmakers and "
  "radicals. Walks last about 90 minutes at a steady pace with stops to listen.",
  ["walking", "learning"],
  ["heritage walk", "history", "walk", "talks", "guided tour"],
  [M("sat", "11:00", "12:30", 3)], cost=C(5, concessions=True, notes="£3 concessions"),
  booking="book_ahead", size="medium", welcome_flags="g")

A("Nordic Walking for Beginners", "Park Striders", "kelross_green",
  "Walking with poles works the whole body and is easy on the knees. Poles are provided and "
  "an instructor teaches the technique over the first few weeks. Your first session is free.",
  ["walking", "sport_fitness"],
  ["nordic walking", "walk", "exercise", "fitness", "poles"],
  [W("tue", "09:30", "10:30")], cost=C(6, taster=True), booking="book_ahead", size="small",
  welcome_flags="g")

A("Stroll and Coffee 50+", "Highbury Vale Community Centre", "highbury_vale_cc",
  "A short, level walk of about 40 minutes for people over 50, followed by coffee and cake "
  "back at the centre. Go at your own pace; there is a bench stop on the way.",
  ["walking", "social_club"],
  ["walk", "coffee", "older people", "strolling", "chat"],
  [W("thu", "10:00", "11:30")], age=(50, None), booking="drop_in", size="medium",
  welcome_flags="bgd")

A("Somali Women's Walking Group", "Hiddo Somali Families Association", "hiddo_centre",
  "Somali women walk together to Finsbury Park and back, chatting on the way. Modest sports "
  "clothing is fine; a hot drink is waiting afterwards.",
  ["walking", "faith_culture"],
  ["walk", "somali", "women", "exercise", "park"],
  [W("sat", "10:00", "11:30")], gender="women", lang=("so", "en"), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Men's Walk and Talk", "Lantern Peer Network", "lantern_rooms",
  "An after-work walk for men who want company and a chance to talk, or not, side by side. "
  "Led by men with their own experience of tough times; any man is welcome.",
  ["walking", "peer_support"],
  ["walk and talk", "men", "walking group", "talk", "peer support"],
  [W("tue", "18:30", "19:30")], peer=True, gender="men", booking="drop_in", size="small",
  welcome_flags="bgd")

A("Sunday Rambles", "Northern Heights Walkers", "finsbury_gate_cafe",
  "A longer day walk outside London, travelling out by train or Overground. Walks are "
  "8-10 miles; bring a packed lunch and sturdy shoes. You pay your own fare.",
  ["walking"],
  ["rambling", "hiking", "countryside", "walk", "day trip"],
  [M("sun", "09:30", "17:00", -1)], cost=None, booking="book_ahead", size="medium",
  welcome_flags="G")

# Sport and fitness ---------------------------------------------------------------------

A("Kickabout 5-a-side", "Kickabout Inclusive Football Club", "mountgrove_pitches",
  "Friendly 5-a-side football for people with experience of mental health problems. All "
  "abilities, no pressure; bibs and balls provided, just bring trainers. Coaches welcome "
  "newcomers at the gate.",
  ["sport_fitness"],
  ["football", "5-a-side", "five a side", "footy", "team sport"],
  [W("fri", "14:00", "15:30")], mh=True, booking="drop_in", size="medium",
  welcome_flags="bgd")

A("Walking Football 50+", "Brightmoor Leisure", "brookfield_sports",
  "Football at a walking pace, with no running and no tackling from behind. Great for getting "
  "back into sport; lots of players had not kicked a ball for decades.",
  ["sport_fitness"],
  ["walking football", "football", "older people", "exercise"],
  [W("wed", "11:00", "12:00")], cost=C(3, concessions=True), age=(50, None),
  booking="drop_in", size="medium", welcome_flags="g")

A("Women's Football for Beginners", "Kickabout Inclusive Football Club", "mountgrove_pitches",
  "Never played, or not since school? Learn the basics with a friendly coach and finish with "
  "a short game. Women only.",
  ["sport_fitness"],
  ["football", "5-a-side", "women", "beginners", "footy"],
  [W("sun", "10:00", "11:30")], cost=C(2, concessions=True, taster=True), gender="women",
  booking="drop_in", size="medium", welcome_flags="bg")

A("Thursday Night 5-a-side League", "Brightmoor Leisure", "brookfield_sports",
  "A casual evening league: join as a team or on your own and be put in a side. Games are "
  "40 minutes on the indoor court.",
  ["sport_fitness"],
  ["football", "5-a-side", "league", "evening", "footy"],
  [W("thu", "19:00", "20:00")], cost=C(6), booking="book_ahead", size="large",
  welcome_flags="D")

A("Women-only Swim", "Brightmoor Leisure", "brightmoor_highbury",
  "A relaxed women-only session in the main pool with female lifeguards and covered windows. "
  "Lanes for steady swimming and a shallow area for those less confident.",
  ["sport_fitness"],
  ["swimming", "swim", "pool", "women"],
  [W("sun", "18:00", "19:30"), W("wed", "20:00", "21:00")],
  cost=C(4.5, concessions=True, notes="£2.25 with a concession card"), gender="women",
  booking="drop_in", size="large")

A("Adult Learn to Swim", "Brightmoor Leisure", "brightmoor_finsbury",
  "Small-group lessons in the teaching pool for adults who cannot swim or are nervous in "
  "water. Courses run for ten weeks and you never have to go out of your depth.",
  ["sport_fitness", "learning"],
  ["swimming", "swim lessons", "pool", "beginners"],
  [W("tue", "19:30", "20:15")], cost=C(9, concessions=True), booking="book_ahead",
  size="small", welcome_flags="g")

A("Exercise on Referral", "Brightmoor Leisure", "brightmoor_highbury",
  "A 12-week supported gym programme for people whose GP or health worker thinks exercise "
  "would help their physical or mental health. An instructor builds a plan with you and "
  "checks in every session.",
  ["sport_fitness", "wellbeing_support"],
  ["gym", "exercise", "fitness", "gp referral", "keep fit"],
  [W("mon", "10:00", "11:00"), W("wed", "10:00", "11:00")],
  cost=C(2, notes="£2 a session for the 12 weeks"), booking="referral", size="small")

A("Table Tennis Drop-in", "Holloway Neighbours Trust", "nags_head_cc",
  "Two tables, bats and balls provided. Play a few friendly games with whoever is there; "
  "complete beginners play alongside regulars.",
  ["sport_fitness", "social_club"],
  ["table tennis", "ping pong", "games", "exercise"],
  [W("fri", "13:00", "15:00")], cost=C(1), booking="drop_in", size="medium",
  welcome_flags="bg")

A("Boxing Fitness 16+", "Brightmoor Leisure", "tollington_lc",
  "Non-contact boxing fitness: pad work, skipping and circuits to music. Hard work but "
  "welcoming, and you go at your own level. Gloves can be borrowed.",
  ["sport_fitness"],
  ["boxing", "fitness", "circuits", "exercise", "gym"],
  [W("tue", "18:00", "19:00")], cost=C(5, concessions=True), age=(16, None),
  booking="drop_in", size="large", welcome_flags="g")

A("Saturday Social Badminton", "Highbury Vale Community Centre", "highbury_vale_cc",
  "Mixed doubles on two courts, changing partners each game. Rackets to borrow; shuttles "
  "provided.",
  ["sport_fitness", "social_club"],
  ["badminton", "sport", "social", "exercise"],
  [W("sat", "12:00", "14:00")], cost=C(4), booking="drop_in", size="medium",
  welcome_flags="g")

A("Park Striders Beginners Running", "Park Striders", "finsbury_gate_cafe",
  "A nine-week walk-run plan from the sofa to 5k, in a group that waits for everyone. Meet "
  "outside the café; coaches run at the back.",
  ["sport_fitness"],
  ["running", "couch to 5k", "jogging", "exercise", "park"],
  [W("sat", "09:00", "10:00")], booking="drop_in", size="large", welcome_flags="bgd")

A("Seated Exercise 60+", "Evergreen Club", "cressfield_hall",
  "Gentle exercise to music, sitting in a chair or holding its back, to help strength and "
  "balance. Tea afterwards.",
  ["sport_fitness", "mind_body"],
  ["chair exercise", "keep fit", "older people", "balance", "exercise"],
  [W("mon", "14:00", "15:00")], cost=C(2), age=(60, None), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Bike Maintenance and Confidence", "Park Striders", "lofting_cc",
  "Learn to fix a puncture, adjust brakes and plan quiet routes, then a short group ride on "
  "back streets. Bikes can be borrowed if you don't have one.",
  ["sport_fitness", "learning"],
  ["cycling", "bike", "bike repair", "maintenance"],
  [F("sat", "10:00", "12:00")], booking="book_ahead", size="small", welcome_flags="g")

A("Cycle Confidence Sessions", "Park Striders", "kelross_green",
  "One-to-one cycle training for adults who never learnt or want to get back on a bike. "
  "Paused over the winter; restarts in March.",
  ["sport_fitness"],
  ["cycling", "bike", "learn to ride"],
  [W("sun", "10:00", "12:00")], booking="book_ahead", size="one_to_one", status="paused")

# Yoga, tai chi and relaxation ----------------------------------------------------------

A("Gentle Yoga", "Holloway Neighbours Trust", "nags_head_cc",
  "Slow, gentle yoga with lots of options to go easier. Mats provided; wear comfortable "
  "clothes. Suitable for beginners and people with stiff joints.",
  ["mind_body"],
  ["yoga", "stretching", "relaxation", "gentle exercise"],
  [W("wed", "10:00", "11:00")], cost=C(5, concessions=True, notes="£3 concessions"),
  booking="drop_in", size="medium", welcome_flags="g")

A("Tai Chi in the Park", "Still Water Tai Chi", "tollington_green",
  "Slow, flowing tai chi movements outdoors, led by an experienced teacher. In heavy rain "
  "the class moves into the community centre.",
  ["mind_body"],
  ["tai chi", "qigong", "outdoors", "calm", "park"],
  [W("sat", "09:30", "10:30")], booking="drop_in", size="medium", welcome_flags="bg")

A("Chair Yoga 60+", "Evergreen Club", "christ_the_vine",
  "Yoga done sitting on a chair: stretching, breathing and relaxing. No need to get down on "
  "the floor.",
  ["mind_body"],
  ["chair yoga", "yoga", "older people", "breathing"],
  [W("tue", "11:00", "12:00")], cost=C(2), age=(60, None), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Mindfulness for Wellbeing", "Bridgeway Recovery College", "recovery_college",
  "A six-week recovery college course introducing mindfulness: short practices, how to use "
  "them day to day, and what to do when your mind wanders. Co-delivered by a peer trainer.",
  ["mind_body", "learning"],
  ["mindfulness", "meditation", "recovery college", "course", "calm"],
  [W("thu", "14:00", "16:00")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Yoga for Men", "Holloway Neighbours Trust", "lintwell_hall",
  "A beginners' yoga class for men, focusing on strength, flexibility and switching off. "
  "No need to touch your toes.",
  ["mind_body"],
  ["yoga", "men", "stretching", "fitness"],
  [W("mon", "19:00", "20:00")], cost=C(6, taster=True), gender="men", booking="drop_in",
  size="small", welcome_flags="g")

A("Sound Bath and Relaxation", "Canalside Arts Collective", "canonbury_hall",
  "Lie on a mat under a blanket while gongs and bowls are played. A calming hour; you can "
  "sit in a chair instead.",
  ["mind_body"],
  ["sound bath", "relaxation", "meditation", "calm"],
  [M("fri", "19:00", "20:30", 2)], cost=C(8, concessions=True), booking="book_ahead",
  size="medium")

A("Evening Relaxation Online", "Archway Wellbeing Network", "online",
  "A guided relaxation and breathing session on Zoom, cameras optional. A calm way to wind "
  "down before bed; the link is emailed when you sign up.",
  ["mind_body", "wellbeing_support"],
  ["relaxation", "breathing", "online", "sleep", "zoom"],
  [W("mon", "20:00", "20:45")], booking="book_ahead", size="large", welcome_flags="g")

A("Turkish Women's Pilates", "Anatolia House", "anatolia_house",
  "A gentle pilates class for women taught in Turkish, with a chat and tea afterwards.",
  ["mind_body", "faith_culture"],
  ["pilates", "turkish", "women", "exercise"],
  [W("thu", "10:00", "11:00")], cost=C(3), gender="women", lang=("tr",),
  booking="drop_in", size="medium", welcome_flags="g")

A("Qigong at the Hub", "Still Water Tai Chi", "archway_hub",
  "Simple standing and seated qigong exercises to loosen up and calm the breath. Held in the "
  "Wellbeing Hub but open to anyone.",
  ["mind_body"],
  ["qigong", "tai chi", "breathing", "calm"],
  [W("fri", "10:00", "11:00")], cost=C(3, concessions=True), booking="drop_in",
  size="small", welcome_flags="bg")

A("Back Garden Yoga", "Still Water Tai Chi", "wharf_garden",
  "Summer yoga in the community garden. This group has finished.",
  ["mind_body"],
  ["yoga", "outdoors"],
  [W("sun", "09:00", "10:00")], cost=C(5), booking="drop_in", status="archived")

# Arts and crafts ------------------------------------------------------------------------

A("Craft Café", "Holloway Neighbours Trust", "nags_head_cc",
  "Drop in for tea and have a go at something different each week: card making, knitting, "
  "collage, sewing or decorating pots. All materials provided; come and just watch at first "
  "if you prefer.",
  ["arts_crafts", "social_club"],
  ["craft", "knitting", "sewing", "card making", "collage", "crafts"],
  [W("mon", "13:30", "16:00")], booking="drop_in", size="medium", welcome_flags="bgd")

A("Watercolour Painting Class", "Canalside Arts Collective", "canonbury_hall",
  "A ten-week course in watercolour painting for beginners and improvers: colour mixing, "
  "washes, landscapes and flowers. Paper and paints provided for the first session.",
  ["arts_crafts", "learning"],
  ["painting", "watercolour", "art class", "drawing"],
  [W("wed", "18:30", "20:30")], cost=C(12, concessions=True, notes="£8 concessions"),
  booking="book_ahead", size="small", welcome_flags="g")

A("Open Studio", "Archway Wellbeing Network", "archway_hub",
  "A quiet art room for people using mental health services, with paints, clay, pens and "
  "paper. Work on your own project or try something new; an artist is there to help if you "
  "want.",
  ["arts_crafts", "wellbeing_support"],
  ["art", "painting", "drawing", "clay", "art therapy", "creative"],
  [W("tue", "10:30", "13:00")], mh=True, booking="drop_in", size="small",
  welcome_flags="bgd")

A("Pottery Taster", "Canalside Arts Collective", "inkwell_studio",
  "A two-and-a-half hour introduction to clay: hand-building a bowl or cup and trying the "
  "wheel. Your piece is fired and ready to collect a fortnight later.",
  ["arts_crafts"],
  ["pottery", "ceramics", "clay", "wheel"],
  [M("sat", "14:00", "16:30", 1)], cost=C(12, concessions=True), booking="book_ahead",
  size="small", welcome_flags="g")

A("Knit and Natter", "Northbank Libraries", "hillmarton_library",
  "Bring your knitting, crochet or sewing, or borrow needles and wool and learn. Chat, "
  "biscuits and patterns shared.",
  ["arts_crafts", "social_club"],
  ["knitting", "crochet", "sewing", "chat", "library"],
  [W("thu", "14:00", "16:00")], booking="drop_in", size="medium", welcome_flags="bg")

A("Printmaking Workshop", "Inkwell Print Studio", "inkwell_studio",
  "Learn lino cutting and screen printing in a working studio. Make a set of cards or a "
  "tote bag to take home. Aprons and all materials provided.",
  ["arts_crafts"],
  ["printmaking", "lino", "screen printing", "art"],
  [F("sat", "11:00", "14:00")], cost=C(8, concessions=True), booking="book_ahead",
  size="small", welcome_flags="g")

A("Phone Photography Walks", "Canalside Arts Collective", "chapel_market_library",
  "Take better photos with the phone you already have. A short tip to start, then a walk "
  "round Angel taking pictures, and a look at everyone's best shots over coffee.",
  ["arts_crafts", "walking"],
  ["photography", "phone", "walk", "camera"],
  [M("sun", "11:00", "13:00", 3)], booking="drop_in", size="small", welcome_flags="bg")

A("Nakshi Kantha Sewing Circle", "Nakshi Women's Collective", "nakshi_room",
  "Bengali women stitch traditional kantha quilts and embroidery together, share patterns and "
  "teach beginners. Conversation in Bengali and Sylheti; tea and snacks provided.",
  ["arts_crafts", "faith_culture"],
  ["sewing", "embroidery", "kantha", "bengali", "women", "textiles"],
  [W("wed", "11:00", "13:00")], gender="women", lang=("bn",), booking="drop_in",
  size="small", welcome_flags="bg")

A("Life Drawing", "Canalside Arts Collective", "goswell_rooms",
  "Untutored life drawing with a clothed or nude model, short poses then longer ones. Bring "
  "your own materials or buy paper and charcoal on the night.",
  ["arts_crafts"],
  ["life drawing", "drawing", "sketching", "art"],
  [W("thu", "19:00", "21:00")], cost=C(7), age=(18, None), booking="drop_in",
  size="medium", welcome_flags="Bg")

A("Tufnell Shed", "Tufnell Shed Collective", "tufnell_shed",
  "A men's shed: a workshop where men make and mend things side by side, from bird boxes to "
  "furniture repairs for neighbours. Tools and timber provided; tea is always brewing and "
  "nobody minds if you just sit and chat.",
  ["arts_crafts", "social_club"],
  ["men's shed", "woodwork", "diy", "tools", "men", "repair"],
  [W("tue", "10:00", "15:00"), W("thu", "10:00", "15:00")],
  cost=C(0, notes="Donations towards materials welcome"), gender="men", booking="drop_in",
  size="medium", welcome_flags="bgd")

A("Young Artists Collective 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Young adults work on their own art, zines and murals with a practising artist, and put "
  "on an exhibition at the end of each term. Snacks provided.",
  ["arts_crafts"],
  ["art", "painting", "young people", "mural", "creative"],
  [W("wed", "16:00", "18:30")], age=(18, 25), booking="drop_in", size="small",
  welcome_flags="bg")

A("Fix-it Café", "Holloway Neighbours Trust", "cornerstone_cafe",
  "Bring a broken lamp, torn jacket or wobbly chair and volunteer fixers will mend it with "
  "you. Or come to volunteer if you are handy. Tea and cake while you wait.",
  ["arts_crafts", "volunteering"],
  ["repair cafe", "repair", "sewing", "fixing", "volunteer", "mending"],
  [M("sat", "11:00", "15:00", -1)], booking="drop_in", size="medium", welcome_flags="b")

A("Mosaic Makers", "Canalside Arts Collective", "lofting_cc",
  "A group making a mosaic mural for the community centre. Paused while the group finds a "
  "new session leader.",
  ["arts_crafts"],
  ["mosaic", "art", "craft"],
  [W("thu", "13:00", "15:00")], booking="drop_in", size="small", status="paused")

A("Drawing for Calm", "Bridgeway Recovery College", "recovery_college",
  "A four-week recovery college course using simple drawing and doodling to slow down and "
  "notice. No artistic skill needed at all.",
  ["arts_crafts", "learning"],
  ["drawing", "art", "recovery college", "course", "calm"],
  [W("mon", "14:00", "16:00")], mh=True, booking="book_ahead", size="small",
  welcome_flags="bg")

A("Textile Art for Women", "Rosehip Women's Centre", "rosehip_centre",
  "Women work on fabric collage, embroidery and quilting in a calm, women-only space. "
  "Materials provided; creche available if booked.",
  ["arts_crafts"],
  ["textiles", "sewing", "quilting", "women", "embroidery"],
  [W("fri", "10:00", "12:00")], gender="women", booking="drop_in", size="small",
  welcome_flags="bg")

# Music ---------------------------------------------------------------------------------

A("Cally Voices Community Choir", "Cally Voices", "st_aldrics",
  "A friendly choir singing pop, soul and folk songs in harmony, learnt by ear so there is no "
  "need to read music. No auditions; your first night is free.",
  ["music"],
  ["choir", "singing", "songs", "harmony"],
  [W("mon", "19:00", "20:30")], cost=C(3, concessions=True, taster=True),
  booking="drop_in", size="large", welcome_flags="bgd")

A("Strum Together Ukulele Club", "Strum Together", "bramble_cafe",
  "Play along to well-known songs on the ukulele, with chord sheets on screen. Ukuleles to "
  "borrow, and a beginners' corner for the first half hour.",
  ["music"],
  ["ukulele", "music making", "songs", "strumming"],
  [W("wed", "18:30", "20:00")], cost=C(4, concessions=True), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Drumming Circle", "Archway Wellbeing Network", "archway_hub",
  "Play djembes and percussion together in a circle, led by a facilitator. Loud, fun and "
  "surprisingly calming; no experience needed.",
  ["music", "wellbeing_support"],
  ["drumming", "percussion", "music", "rhythm"],
  [W("fri", "11:00", "12:30")], mh=True, booking="drop_in", size="medium",
  welcome_flags="bg")

A("Open Mic at the Bramble", "Canalside Arts Collective", "bramble_cafe",
  "Sign up on the night to play, sing or read for up to ten minutes, or just come and "
  "listen. A supportive crowd who clap for everyone.",
  ["music", "performing_arts"],
  ["open mic", "music", "poetry", "performance", "singing"],
  [M("thu", "19:30", "22:30", 1)], booking="drop_in", size="large")

A("Singing for Wellbeing", "Bridgeway Recovery College", "recovery_college",
  "A recovery college course where you learn about how singing affects mood and breathing, "
  "and sing simple songs together. Nobody sings alone.",
  ["music", "learning"],
  ["singing", "choir", "recovery college", "course"],
  [W("tue", "14:00", "15:30")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Guitar for Beginners 16+", "Canalside Arts Collective", "goswell_rooms",
  "Learn your first chords and simple songs over eight weeks. Bring a guitar or borrow one of "
  "ours.",
  ["music", "learning"],
  ["guitar", "music lessons", "chords", "beginners"],
  [W("mon", "18:00", "19:30")], cost=C(6, concessions=True), age=(16, None),
  booking="book_ahead", size="small", welcome_flags="g")

A("Samba Band", "Canalside Arts Collective", "moray_hall",
  "A loud and joyful samba band that plays at local festivals. Drums provided; you learn "
  "parts by copying.",
  ["music", "performing_arts"],
  ["samba", "drumming", "band", "percussion"],
  [W("sun", "14:00", "16:00")], cost=C(5, concessions=True, taster=True),
  booking="drop_in", size="large", welcome_flags="g")

A("Brecknock Gospel Choir", "Brecknock Baptist Church", "brecknock_baptist",
  "A warm gospel choir open to anyone, whether or not you go to church. Rehearsals end with "
  "tea.",
  ["music", "faith_culture"],
  ["gospel", "choir", "singing", "church"],
  [W("sun", "15:00", "16:30")], booking="drop_in", size="large", welcome_flags="bgd")

A("Saz and Turkish Folk Music", "Anatolia House", "anatolia_house",
  "Learn to play the bağlama (saz) and sing Turkish and Kurdish folk songs. Instruments to "
  "borrow for beginners.",
  ["music", "faith_culture"],
  ["saz", "music", "turkish", "kurdish", "folk", "instrument"],
  [W("sat", "13:00", "15:00")], cost=C(5), lang=("tr", "ku"), booking="drop_in",
  size="small", welcome_flags="g")

A("Songwriting Lab 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Write lyrics, make beats and record songs with a music producer. For young adults, "
  "whatever style you are into.",
  ["music", "writing_reading"],
  ["songwriting", "music production", "beats", "rap", "young people"],
  [W("thu", "17:00", "19:00")], age=(18, 25), booking="drop_in", size="small",
  welcome_flags="bg")

A("Clerkenwell Community Choir", "Cally Voices", "st_walstans",
  "A second choir singing in Clerkenwell. Paused while a new musical director is found.",
  ["music"],
  ["choir", "singing"],
  [W("tue", "19:00", "20:30")], cost=C(3), booking="drop_in", size="large", status="paused")

A("Highbury Harmonica Club", None, "highbury_vale_cc",
  "A harmonica club that met at the community centre. The club has closed.",
  ["music"],
  ["harmonica", "music"],
  [M("tue", "19:00", "21:00", 2)], cost=C(2), status="archived", contact={})

# Drama and dance -----------------------------------------------------------------------

A("Ember Drama Group", "Ember Drama", "lofting_cc",
  "Theatre games, improvisation and devising short pieces, for people with experience of "
  "mental distress. Nobody has to perform unless they want to; each term ends with a "
  "sharing for friends.",
  ["performing_arts"],
  ["drama", "theatre", "acting", "improv"],
  [W("wed", "14:00", "16:00")], mh=True, booking="book_ahead", size="small",
  welcome_flags="bg")

A("Improv for Beginners", "Ember Drama", "goswell_rooms",
  "Silly, supportive improvisation games that build confidence and quick thinking. Lots of "
  "laughing; no script to learn. First session free.",
  ["performing_arts"],
  ["improv", "comedy", "drama", "confidence"],
  [W("tue", "19:00", "21:00")], cost=C(8, concessions=True, taster=True),
  booking="book_ahead", size="medium", welcome_flags="g")

A("Salsa Night", "Puente Latin American Group", "moray_hall",
  "A beginners' salsa class followed by social dancing. No partner needed; the teacher "
  "teaches in Spanish and English.",
  ["performing_arts", "sport_fitness"],
  ["salsa", "dance", "dancing", "latin"],
  [W("fri", "19:30", "21:00")], cost=C(7, concessions=True), lang=("es", "en"),
  booking="drop_in", size="large", welcome_flags="g")

A("Tea Dance 60+", "Evergreen Club", "christ_the_vine",
  "Ballroom and sequence dancing to live music, with tea and cake. Come to dance or just to "
  "watch and tap your feet.",
  ["performing_arts", "social_club"],
  ["tea dance", "ballroom", "dancing", "older people"],
  [M("sun", "14:00", "16:30", 2)], cost=C(3), age=(60, None), booking="drop_in",
  size="large", welcome_flags="bgd")

A("Spoken Word Night", "Wordhouse Writers", "green_teapot",
  "Poets and storytellers read their work in a cosy café. Put your name down to read, or "
  "just listen.",
  ["performing_arts", "writing_reading"],
  ["spoken word", "poetry", "performance", "open mic"],
  [M("wed", "19:00", "21:00", -1)], cost=C(3, notes="Pay on the door"), booking="drop_in",
  size="medium")

A("Dance and Move for Women", "Rosehip Women's Centre", "rosehip_centre",
  "Free-flowing movement and simple dance to music from around the world, women only. No "
  "steps to learn, no mirrors.",
  ["performing_arts", "mind_body"],
  ["dance", "dancing", "movement", "women"],
  [W("mon", "11:00", "12:00")], gender="women", booking="drop_in", size="medium",
  welcome_flags="bg")

A("Community Street Dance 16+", "Next Chapter Youth Hub", "packington_hub",
  "Street dance and hip hop choreography for beginners, taught by a local crew.",
  ["performing_arts", "sport_fitness"],
  ["street dance", "hip hop", "dance", "dancing"],
  [W("sat", "14:00", "15:30")], cost=C(2), age=(16, None), booking="drop_in",
  size="medium", welcome_flags="g")

# Writing and reading -------------------------------------------------------------------

A("Hillmarton Book Club", "Northbank Libraries", "hillmarton_library",
  "A relaxed monthly book club. Copies of the book are reserved for members to borrow free; "
  "it's fine if you haven't finished it.",
  ["writing_reading", "social_club"],
  ["book club", "reading group", "books", "library"],
  [M("tue", "18:30", "20:00", -1)], booking="drop_in", size="medium", welcome_flags="bg")

A("Wordhouse Creative Writing Group", "Wordhouse Writers", "st_johns_library",
  "Writers of all levels write to short prompts and share if they wish. Run by members for "
  "members; poems, stories and life writing all welcome.",
  ["writing_reading"],
  ["creative writing", "writers group", "poetry", "short stories"],
  [W("thu", "14:00", "16:00")], peer=True, booking="drop_in", size="small",
  welcome_flags="bg")

A("Poetry for Wellbeing", "Bridgeway Recovery College", "recovery_college",
  "Read, talk about and write short poems in a supportive group. A recovery college course "
  "over five weeks.",
  ["writing_reading", "learning"],
  ["poetry", "writing", "recovery college", "course"],
  [W("fri", "10:30", "12:30")], mh=True, booking="book_ahead", size="small",
  welcome_flags="bg")

A("Read Aloud Circle", "Northbank Libraries", "amwell_library",
  "A facilitator reads a short story and a poem aloud and the group chats about them. No "
  "reading beforehand and you never have to read aloud yourself.",
  ["writing_reading", "social_club"],
  ["shared reading", "reading group", "stories", "library"],
  [W("fri", "10:30", "12:00")], booking="drop_in", size="small", welcome_flags="bgd")

A("Polish Book Club", "Kładka Polish Social Club", "pines_parish",
  "A monthly discussion of a novel or memoir in Polish, with coffee and pączki.",
  ["writing_reading", "faith_culture"],
  ["book club", "polish", "books", "reading"],
  [M("thu", "19:00", "20:30", 2)], lang=("pl",), booking="drop_in", size="small")

A("Zine Club 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Make your own zine with collage, drawing and writing, and swap with others. Photocopier "
  "and materials provided.",
  ["writing_reading", "arts_crafts"],
  ["zine", "collage", "writing", "young people"],
  [F("tue", "17:00", "19:00")], age=(18, 25), booking="drop_in", size="small",
  welcome_flags="bg")

A("Online Writers' Circle", "Wordhouse Writers", "online",
  "Write together on Zoom: a prompt, 20 minutes of quiet writing, then sharing for those who "
  "want to.",
  ["writing_reading"],
  ["creative writing", "online", "writers group", "zoom"],
  [F("sun", "19:00", "20:30")], peer=True, booking="book_ahead", size="small",
  welcome_flags="g")

A("Memoir Writing 50+", "Wordhouse Writers", "highbury_vale_cc",
  "Write down your stories and memories, one short piece a week, with gentle feedback. For "
  "people over 50.",
  ["writing_reading"],
  ["memoir", "life story", "writing", "older people"],
  [W("tue", "10:30", "12:00")], cost=C(2), age=(50, None), booking="book_ahead",
  size="small", welcome_flags="g")

A("Library Reading Volunteers", "Northbank Libraries", "chapel_market_library",
  "Volunteer to read with children or help adults who are learning to read. Training and a "
  "DBS check are provided; you choose a regular hour that suits you.",
  ["writing_reading", "volunteering"],
  ["volunteer", "reading", "library", "literacy"],
  [], booking="book_ahead", size="one_to_one")

# Courses and learning ------------------------------------------------------------------

A("ESOL for Beginners", "Northbank Libraries", "chapel_market_library",
  "Free English classes for adults at entry level: speaking, listening and everyday "
  "reading. A short chat first to find the right class.",
  ["learning"],
  ["esol", "english class", "english", "language"],
  [W("mon", "10:00", "12:00"), W("wed", "10:00", "12:00")], lang=("en",), learners=("en",),
  booking="book_ahead", size="medium", welcome_flags="g")

A("English for Bengali Women", "Nakshi Women's Collective", "nakshi_room",
  "A friendly English class for Bengali women, explained in Bengali when needed. Covers "
  "shopping, appointments and talking to school.",
  ["learning", "faith_culture"],
  ["esol", "english class", "bengali", "women"],
  [W("tue", "10:00", "12:00")], gender="women", lang=("bn", "en"), learners=("en",),
  booking="book_ahead", size="small", welcome_flags="bg")

A("English Conversation Club", "Northbank Libraries", "hillmarton_library",
  "Practise speaking English in small, relaxed groups with volunteer hosts. Good for "
  "improvers; free tea and biscuits.",
  ["learning", "social_club"],
  ["esol", "english conversation", "english", "practice"],
  [W("thu", "13:00", "14:30")], learners=("en",), booking="drop_in", size="medium",
  welcome_flags="bg")

A("Understanding Anxiety", "Bridgeway Recovery College", "recovery_college",
  "A four-week recovery college course about what anxiety is and what helps, taught by a "
  "clinician and a trainer with lived experience. Open to people using services, carers "
  "and staff.",
  ["learning", "wellbeing_support"],
  ["anxiety", "recovery college", "course", "stress"],
  [W("tue", "10:00", "12:00")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Building Confidence", "Bridgeway Recovery College", "recovery_college",
  "Explore what confidence is, try small steps between sessions and share what worked. A "
  "friendly six-week course.",
  ["learning", "wellbeing_support"],
  ["confidence", "self-esteem", "recovery college", "course"],
  [W("wed", "14:00", "16:00")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Managing Money in Recovery", "Bridgeway Recovery College", "recovery_college",
  "A practical recovery college course on budgeting, bills and benefits when your mental "
  "health affects your money.",
  ["learning", "advice_money"],
  ["budgeting", "money", "recovery college", "bills", "benefits"],
  [W("thu", "10:00", "12:00")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Sleep Well (online course)", "Bridgeway Recovery College", "online",
  "A three-week online recovery college course on sleep: routines, racing thoughts and what "
  "to do at 3am. Join by video or phone.",
  ["learning", "wellbeing_support"],
  ["sleep", "recovery college", "online course", "insomnia"],
  [W("wed", "18:00", "19:30")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="g")

A("Everyday Maths", "Holloway Neighbours Trust", "nags_head_cc",
  "Brush up on maths for everyday life: money, measurements and percentages. Leads to a "
  "free Functional Skills qualification if you want one.",
  ["learning"],
  ["maths", "numbers", "adult education", "qualification"],
  [W("tue", "18:00", "20:00")], booking="book_ahead", size="small", welcome_flags="g")

A("History Talks at the Library", "Northbank Libraries", "highbury_barn_library",
  "An evening talk on a piece of local history, from the Holloway Road to the New River, "
  "with time for questions.",
  ["learning"],
  ["history", "talks", "lectures", "local history", "library"],
  [M("wed", "18:30", "19:45", 2)], booking="drop_in", size="large")

A("Spanish Conversation for Beginners", "Puente Latin American Group", "bramble_cafe",
  "Learn everyday Spanish with native speakers over a coffee. Games and role play; no "
  "homework.",
  ["learning"],
  ["spanish", "languages", "conversation", "learn a language"],
  [W("mon", "18:30", "20:00")], cost=C(5), lang=("es", "en"), learners=("es",),
  booking="drop_in", size="small", welcome_flags="g")

A("Somali Adult Literacy", "Hiddo Somali Families Association", "hiddo_centre",
  "Learn to read and write Somali, or improve your English reading, in a patient small "
  "group. Taught in Somali.",
  ["learning", "faith_culture"],
  ["literacy", "somali", "reading", "writing", "adult education"],
  [W("sat", "13:00", "15:00")], lang=("so",), learners=("so", "en"), booking="book_ahead",
  size="small", welcome_flags="g")

A("Introduction to Peer Support (online)", "Bridgeway Recovery College", "online",
  "A five-week online course on what peer support is and how to use your own experience to "
  "help others. A first step for people thinking about peer roles.",
  ["peer_support", "learning"],
  ["peer support", "online course", "recovery college", "lived experience"],
  [W("fri", "14:00", "16:00")], mh=True, peer=True, booking="book_ahead", size="medium")

A("Job Ready Course (pilot)", "Northgate Mental Health Partnership", "turnmill_hall",
  "A pilot employability course. The pilot has ended.",
  ["learning", "employment"],
  ["course", "jobs"],
  [W("mon", "10:00", "13:00")], mh=True, booking="referral", status="archived")

# Computers and phones ------------------------------------------------------------------

A("Computer Help Drop-in", "Northbank Libraries", "hillmarton_library",
  "One-to-one help with computers, phones and tablets from patient volunteers: emails, "
  "online forms, video calls, whatever you're stuck on. Bring your own device or use ours.",
  ["digital_skills"],
  ["computer", "email", "internet", "tablet", "smartphone", "tech help"],
  [W("tue", "14:00", "16:00")], booking="drop_in", size="one_to_one", welcome_flags="bg")

A("Smartphone Basics 60+", "Evergreen Club", "cressfield_hall",
  "Learn to use your smartphone for calls, photos, WhatsApp and the NHS App, in a small, "
  "unhurried group.",
  ["digital_skills"],
  ["smartphone", "phone help", "whatsapp", "older people"],
  [W("fri", "10:00", "11:30")], age=(60, None), booking="book_ahead", size="small",
  welcome_flags="bg")

A("Tablet Loans and Lessons", "Plug In Islington", "goswell_rooms",
  "Borrow a tablet with free data for three months and have a weekly lesson at home or in "
  "the community rooms, arranged to suit you.",
  ["digital_skills"],
  ["tablet", "internet", "data", "computer", "digital"],
  [], booking="book_ahead", size="one_to_one", welcome_flags="b")

A("Tech Help Line", "Plug In Islington", "phone",
  "Call for step-by-step help with phones, tablets and computers. A volunteer talks you "
  "through it and can call you back.",
  ["digital_skills"],
  ["tech help", "phone help", "computer", "helpline"],
  [W("mon", "10:00", "13:00"), W("thu", "14:00", "17:00")], booking="drop_in",
  size="one_to_one")

A("Online Job Search Skills", "Plug In Islington", "online",
  "A short online course on job sites, uploading a CV and video interviews. Join by laptop "
  "or phone.",
  ["digital_skills", "employment"],
  ["job search", "online skills", "cv", "video interview", "online"],
  [W("tue", "10:00", "11:30")], booking="book_ahead", size="medium", welcome_flags="g")

A("Code Club 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Learn to build websites and simple games with HTML and Python. Laptops provided; no "
  "experience needed.",
  ["digital_skills", "learning"],
  ["coding", "programming", "computers", "young people"],
  [W("mon", "17:00", "19:00")], age=(18, 25), booking="book_ahead", size="small",
  welcome_flags="g")

A("Turkish and Kurdish Computer Class", "Anatolia House", "anatolia_house",
  "Basic computer skills explained in Turkish and Kurdish: email, online forms, council "
  "websites and video calls to family.",
  ["digital_skills"],
  ["computer", "email", "turkish", "kurdish", "internet"],
  [W("wed", "11:00", "13:00")], lang=("tr", "ku"), booking="book_ahead", size="small",
  welcome_flags="g")

A("Digital Drop-in at Amwell", "Plug In Islington", "amwell_library",
  "Help with devices at Amwell Library. Paused until new volunteers are trained.",
  ["digital_skills"],
  ["computer", "tech help"],
  [W("thu", "10:00", "12:00")], booking="drop_in", size="one_to_one", status="paused")

# Cooking and food ----------------------------------------------------------------------

A("Cook and Eat Together", "Warm Pot Community Kitchen", "warm_pot",
  "Help cook a big pot of something tasty, then sit down and eat it together. Simple "
  "recipes; you can chop, stir, wash up or just eat. Vegetarian and halal.",
  ["cooking_food", "social_club"],
  ["cooking", "community kitchen", "community meal", "lunch", "food"],
  [W("thu", "11:00", "14:00")], booking="drop_in", size="medium", welcome_flags="bgd")

A("St Aldric's Lunch Club 60+", "St Aldric's Church", "st_aldrics",
  "A hot two-course lunch and a chat for people over 60. Volunteers serve at the table; you "
  "don't have to go to church.",
  ["cooking_food", "social_club"],
  ["lunch club", "community meal", "older people", "food"],
  [W("wed", "12:30", "14:00")], cost=C(3), age=(60, None), booking="drop_in",
  size="medium", welcome_flags="bd")

A("Baking for Wellbeing", "Archway Wellbeing Network", "archway_hub",
  "Bake bread, scones and cakes in a small group, then share them over tea. For people "
  "using mental health services.",
  ["cooking_food", "wellbeing_support"],
  ["baking", "cooking", "cakes", "bread"],
  [W("fri", "13:00", "15:00")], mh=True, booking="drop_in", size="small",
  welcome_flags="bg")

A("Cook on a Budget", "Warm Pot Community Kitchen", "warm_pot",
  "A six-week course cooking healthy meals for under £1.50 a portion. Take home what you "
  "make and the recipes.",
  ["cooking_food", "learning"],
  ["cooking", "healthy eating", "budget", "course", "recipes"],
  [W("mon", "10:00", "12:00")], booking="book_ahead", size="small", welcome_flags="g")

A("Somali Community Lunch", "Hiddo Somali Families Association", "hiddo_centre",
  "A Sunday lunch of Somali food for families and elders, with news and chat. Everyone is "
  "welcome.",
  ["cooking_food", "faith_culture"],
  ["somali", "community meal", "lunch", "food"],
  [W("sun", "13:00", "15:00")], lang=("so", "en"), booking="drop_in", size="large",
  welcome_flags="bd")

A("Friday Supper Club", "Cowcross Community Kitchen", "cowcross_kitchen",
  "A three-course supper cooked by volunteers, eaten at long tables. Pay what you can; "
  "£4 is suggested.",
  ["cooking_food", "social_club"],
  ["supper club", "community meal", "dinner", "food"],
  [W("fri", "18:00", "20:00")], cost=C(4, notes="Pay what you can; £4 suggested"),
  booking="drop_in", size="large", welcome_flags="b")

A("Men's Cooking Group", "Holloway Neighbours Trust", "warm_pot",
  "Men learn to cook simple meals from scratch and eat together. A good laugh and no "
  "experience needed.",
  ["cooking_food"],
  ["cooking", "men", "recipes", "meals"],
  [W("tue", "17:00", "19:00")], gender="men", booking="book_ahead", size="small",
  welcome_flags="g")

A("Cowcross Food Pantry", "Cowcross Community Kitchen", "cowcross_kitchen",
  "Join the pantry and choose a bag of groceries worth about £20 each week for £3.50. "
  "Advice workers are on hand if money is tight.",
  ["cooking_food", "advice_money"],
  ["pantry", "food", "food bank", "groceries", "money"],
  [W("sat", "10:00", "12:00")], cost=C(3.5, notes="£3.50 for a weekly bag"),
  booking="drop_in", size="large")

A("Kurdish Women's Kitchen", "Çiya Kurdish Community Circle", "moray_hall",
  "Kurdish women cook traditional dishes together and share recipes and stories. Conversation "
  "in Kurdish and Turkish.",
  ["cooking_food", "faith_culture"],
  ["cooking", "kurdish", "women", "food"],
  [W("wed", "11:00", "13:30")], gender="women", lang=("ku", "tr"), booking="drop_in",
  size="small", welcome_flags="bg")

A("Community Breakfast", "Christ the Vine Church", "christ_the_vine",
  "A free cooked breakfast and a warm space on Saturday mornings. No questions asked.",
  ["cooking_food", "social_club"],
  ["breakfast", "community meal", "food", "warm space"],
  [W("sat", "09:00", "10:30")], booking="drop_in", size="large", welcome_flags="bd")

A("Winter Warmth Lunch 2024", "St Aldric's Church", "st_aldrics",
  "A winter lunch and warm space that ran in 2024. It has finished.",
  ["cooking_food"],
  ["lunch", "warm space"],
  [W("fri", "12:00", "14:00")], status="archived")

# Volunteering --------------------------------------------------------------------------

A("Volunteering Advice Drop-in", "Give Time Islington", "give_time",
  "Talk to an adviser about volunteering that fits your interests and the time you have. "
  "They can come with you to your first visit.",
  ["volunteering"],
  ["volunteer", "volunteering", "giving back", "helping out"],
  [W("wed", "10:00", "13:00")], booking="drop_in", size="one_to_one", welcome_flags="b")

A("Supported Volunteering", "Give Time Islington", "give_time",
  "For people with mental health problems who want to volunteer with some extra support. "
  "A coordinator finds a placement with you and checks in regularly.",
  ["volunteering", "employment"],
  ["volunteer", "work experience", "supported volunteering", "confidence"],
  [], mh=True, booking="referral", size="one_to_one", welcome_flags="b")

A("Food Bank Volunteers", "Christ the Vine Church", "christ_the_vine",
  "Sort donations, pack parcels and welcome visitors at the food bank. Shifts are friendly "
  "and busy; a short induction on your first morning.",
  ["volunteering", "cooking_food"],
  ["food bank volunteer", "volunteer", "food bank", "helping out"],
  [W("sat", "09:00", "12:00")], booking="book_ahead", size="medium", welcome_flags="g")

A("Larkspur Litter Pick", "Greenway Growers", "larkspur_park",
  "Help keep the park tidy with litter pickers and bags provided. An hour or two of fresh "
  "air, then tea.",
  ["volunteering", "nature_gardening"],
  ["litter picking", "volunteer", "park", "outdoors"],
  [M("sat", "10:00", "12:00", 1)], booking="drop_in", size="medium", welcome_flags="bg")

A("Charity Shop Volunteering", "Holloway Neighbours Trust", "cornerstone_cafe",
  "Sort stock, steam clothes or work the till at the Trust's charity shop. Choose a regular "
  "half-day that suits you.",
  ["volunteering"],
  ["charity shop", "volunteer", "retail", "helping out"],
  [], booking="book_ahead", size="small", welcome_flags="g")

A("Become a Befriender", "Barnsbury Befrienders", "lofting_cc",
  "Volunteer to visit or phone an isolated neighbour for an hour a week. Free training over "
  "two evenings, then ongoing support.",
  ["volunteering", "befriending"],
  ["befriender", "volunteer", "befriending", "training"],
  [M("tue", "18:00", "20:30", 1)], booking="book_ahead", size="small", welcome_flags="g")

A("Peer Support Volunteers", "Lantern Peer Network", "lantern_rooms",
  "Use your own experience of mental health problems to support others in groups and one "
  "to one. Training and supervision provided.",
  ["volunteering", "peer_support"],
  ["peer support", "volunteer", "lived experience", "mentoring"],
  [], mh=True, peer=True, booking="book_ahead", size="small")

A("Canal Clean-up Crew", "Greenway Growers", "kingfisher_boat",
  "Volunteers cleared litter from the canal from a work boat. The project has ended.",
  ["volunteering", "nature_gardening"],
  ["volunteer", "canal", "litter picking"],
  [M("sun", "10:00", "13:00", 2)], status="archived")

A("Farm Shop and Café Volunteers", "Gatehouse City Farm", "gatehouse_farm",
  "Serve tea and sell eggs and plants in the farm café. A good first volunteering role with "
  "plenty of friendly faces.",
  ["volunteering", "cooking_food"],
  ["volunteer", "cafe", "city farm", "customer service"],
  [W("sun", "11:00", "15:00")], booking="book_ahead", size="small", welcome_flags="g")

# Work and careers ----------------------------------------------------------------------

A("Library Job Club", "Northbank Libraries", "st_johns_library",
  "Help with CVs, job applications and interview practice, with computers and printing "
  "free. Just turn up; an adviser will sit with you.",
  ["employment"],
  ["job club", "cv", "jobs", "interview practice", "back to work"],
  [W("tue", "10:00", "12:00")], booking="drop_in", size="medium", welcome_flags="bg")

A("IPS Employment Support", "Northgate Mental Health Partnership", "archway_hub",
  "An employment specialist works one to one with you to find paid work that suits you, and "
  "keeps supporting you once you start. For people under secondary mental health services.",
  ["employment"],
  ["ips", "employment", "jobs", "back to work", "job coach"],
  [], mh=True, booking="referral", size="one_to_one")

A("Beacon Clubhouse Work-Ordered Day", "Beacon Clubhouse", "beacon_clubhouse",
  "Members and staff run the clubhouse together: the café, reception, newsletter and "
  "garden. Come for a tour first; you pick the jobs you want to help with.",
  ["employment", "social_club"],
  ["clubhouse", "work experience", "routine", "cafe", "volunteer"],
  [W("mon", "10:00", "15:00"), W("wed", "10:00", "15:00"), W("fri", "10:00", "15:00")],
  mh=True, peer=True, booking="referral", size="medium", welcome_flags="bd")

A("CV and Interview Workshop 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Get your CV sorted and practise interviews with a youth worker. Bring any job you are "
  "interested in.",
  ["employment"],
  ["cv", "interview practice", "jobs", "young people", "careers"],
  [W("wed", "13:00", "15:00")], age=(18, 25), booking="drop_in", size="small",
  welcome_flags="g")

A("Back to Work for Women", "Rosehip Women's Centre", "rosehip_centre",
  "A supportive group for women returning to work after a long break: confidence, CVs, "
  "childcare and working rights.",
  ["employment"],
  ["back to work", "women", "confidence", "cv"],
  [W("thu", "10:00", "12:30")], gender="women", booking="book_ahead", size="small",
  welcome_flags="g")

A("Somali Employment Advice", "Hiddo Somali Families Association", "hiddo_centre",
  "One-to-one careers and job advice in Somali and English, including help with training "
  "courses and licences.",
  ["employment", "faith_culture"],
  ["jobs", "somali", "careers", "training"],
  [W("mon", "14:00", "17:00")], lang=("so", "en"), booking="book_ahead",
  size="one_to_one")

A("Online Job Club", "Give Time Islington", "online",
  "A weekly Teams call to share job leads, set goals and keep each other going.",
  ["employment"],
  ["job club", "online", "jobs", "motivation"],
  [W("thu", "10:00", "11:00")], booking="book_ahead", size="medium")

A("Training Café", "Cowcross Community Kitchen", "cowcross_kitchen",
  "Train as a barista and kitchen assistant in a real café, with a food hygiene certificate "
  "and a reference at the end.",
  ["employment", "cooking_food"],
  ["barista", "training", "work experience", "catering", "cafe"],
  [W("tue", "09:30", "13:30"), W("thu", "09:30", "13:30")], age=(16, None),
  booking="book_ahead", size="small", welcome_flags="g")

# Social groups -------------------------------------------------------------------------

A("Thursday Coffee Morning", "St Aldric's Church", "st_aldrics",
  "Coffee, tea, cake and a chat in the church hall. Newspapers and board games out; someone "
  "at the door will say hello.",
  ["social_club"],
  ["coffee morning", "chat", "tea", "social"],
  [W("thu", "10:00", "12:00")], booking="drop_in", size="medium", welcome_flags="bd")

A("Board Games Night", "Holloway Neighbours Trust", "cornerstone_cafe",
  "Over 100 games to choose from, with hosts who explain the rules. Come alone and you'll be "
  "found a table.",
  ["social_club"],
  ["board games", "games night", "social", "card games"],
  [W("wed", "18:30", "21:30")], cost=C(2), booking="drop_in", size="medium",
  welcome_flags="bgd")

A("Lamplighter Quiz Night", None, "lamplighter",
  "A pub quiz in the upstairs room. Teams of up to six; the quizmaster will put you in a "
  "team if you come alone. Soft drinks available.",
  ["social_club"],
  ["pub quiz", "quiz", "social", "pub"],
  [W("tue", "20:00", "22:00")], cost=C(2), age=(18, None), booking="drop_in",
  size="large", contact={"email": "quiz@lamplighter-n19.example.org"})

A("Evergreen Club", "Evergreen Club", "cressfield_hall",
  "A social afternoon for over-60s: bingo, quizzes, outings and a cup of tea. Members "
  "arrange trips to the seaside in summer.",
  ["social_club"],
  ["social club", "bingo", "older people", "outings", "friendship group"],
  [W("mon", "13:00", "16:00")], cost=C(1), age=(60, None), booking="drop_in",
  size="large", welcome_flags="bd")

A("Clubhouse Social Evening", "Beacon Clubhouse", "beacon_clubhouse",
  "Members of the clubhouse meet for food, films and games. Pool table and karaoke.",
  ["social_club"],
  ["social", "games night", "pool", "karaoke", "films"],
  [W("thu", "17:00", "20:00")], mh=True, peer=True, booking="referral", size="medium")

A("Lantern Sunday Social", "Lantern Peer Network", "lantern_rooms",
  "A relaxed Sunday afternoon for people with experience of mental health problems: tea, "
  "games, crafts and chat. Run by peers.",
  ["social_club", "peer_support"],
  ["social", "sunday", "peer support", "chat", "games"],
  [W("sun", "13:00", "16:00")], mh=True, peer=True, booking="drop_in", size="medium",
  welcome_flags="bgd")

A("Friday Bingo 50+", "Highbury Vale Community Centre", "highbury_vale_cc",
  "Bingo with small prizes, tea and biscuits. For over-50s.",
  ["social_club"],
  ["bingo", "social", "older people"],
  [W("fri", "14:00", "16:00")], cost=C(2), age=(50, None), booking="drop_in",
  size="large", welcome_flags="b")

A("Rainbow Tea", "Holloway Neighbours Trust", "green_teapot",
  "A friendly social for LGBTQ+ people and friends, with tea, cake and conversation.",
  ["social_club"],
  ["lgbtq", "social", "tea", "friendship group"],
  [M("sat", "14:00", "16:00", 3)], booking="drop_in", size="medium", welcome_flags="bd")

A("Next Chapter Friday Social 18-25", "Next Chapter Youth Hub", "packington_hub",
  "Hang out with other young adults: games console, pool, music and food. Youth workers "
  "around if you want a chat.",
  ["social_club"],
  ["social", "young people", "games", "pool", "hang out"],
  [W("fri", "17:00", "19:00")], age=(18, 25), booking="drop_in", size="medium",
  welcome_flags="bd")

A("Kładka Polish Social Club", "Kładka Polish Social Club", "pines_parish",
  "A Saturday club for Polish speakers: coffee, cake, cards and news, and celebrations on "
  "name days and holidays.",
  ["social_club", "faith_culture"],
  ["polish", "social club", "community", "cards"],
  [W("sat", "15:00", "18:00")], lang=("pl",), booking="drop_in", size="medium",
  welcome_flags="b")

A("Latin American Sunday Afternoon", "Puente Latin American Group", "moray_hall",
  "Music, food and conversation in Spanish for Latin American families and friends, with "
  "advice on hand in the side room.",
  ["social_club", "faith_culture"],
  ["latin american", "spanish", "social", "community"],
  [M("sun", "14:00", "17:00", 1)], lang=("es",), booking="drop_in", size="large",
  welcome_flags="b")

A("Arabic Speakers Women's Coffee Morning", "Yasmin Arabic Speakers Group", "moray_hall",
  "Arabic-speaking women meet for coffee, sweets and conversation. Children welcome.",
  ["social_club", "faith_culture"],
  ["arabic", "women", "coffee morning", "social"],
  [W("tue", "10:30", "12:30")], gender="women", lang=("ar",), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Tea and Chat at the Library", "Northbank Libraries", "amwell_library",
  "An informal hour of tea and conversation in the library. A good first step if you haven't "
  "been out much.",
  ["social_club"],
  ["tea and chat", "chat", "library", "social"],
  [W("wed", "14:00", "15:30")], booking="drop_in", size="small", welcome_flags="bd")

A("Thursday Film Club", "Canalside Arts Collective", "canonbury_hall",
  "A classic film on the big screen with a chat afterwards. Paused until the projector is "
  "replaced.",
  ["social_club", "arts_crafts"],
  ["film", "cinema", "social"],
  [F("thu", "19:00", "21:30")], cost=C(2), booking="drop_in", size="medium",
  status="paused")

A("Darts and Dominoes", "Tufnell Shed Collective", "lamplighter",
  "A friendly darts and dominoes league between local teams, with spare players always "
  "needed.",
  ["social_club"],
  ["darts", "dominoes", "pub", "games"],
  [W("mon", "19:30", "22:00")], cost=C(1), age=(18, None), booking="drop_in",
  size="medium", no_website=True)

A("Carers' Coffee Morning", "Islington Carers Together", "green_teapot",
  "Unpaid carers meet for coffee and mutual support, run by carers themselves. Information "
  "about carers' breaks on hand.",
  ["social_club", "peer_support"],
  ["carers", "coffee morning", "support group", "chat"],
  [M("fri", "10:00", "12:00", 2)], peer=True, booking="drop_in", size="small",
  welcome_flags="bd")

# Faith and culture ---------------------------------------------------------------------

A("Nakshi Bengali Women's Group", "Nakshi Women's Collective", "nakshi_room",
  "A weekly group for Bengali women to meet, chat and take part in talks, trips and "
  "celebrations. Run in Bengali and English; women of all ages welcome.",
  ["faith_culture", "social_club"],
  ["bengali", "women", "community", "social", "culture"],
  [W("mon", "10:30", "13:00")], gender="women", lang=("bn", "en"), booking="drop_in",
  size="medium", welcome_flags="bgd")

A("Hiddo Somali Community Drop-in", "Hiddo Somali Families Association", "hiddo_centre",
  "Drop in for tea, help reading letters, and advice on benefits, housing and schools, in "
  "Somali and English.",
  ["faith_culture", "advice_money"],
  ["somali", "advice", "community", "letters", "benefits"],
  [W("wed", "10:00", "14:00")], lang=("so", "en"), booking="drop_in", size="medium",
  welcome_flags="b")

A("Anatolia House Cultural Evening", "Anatolia House", "anatolia_house",
  "A Friday evening of Turkish and Kurdish food, music and conversation at the cultural "
  "centre. Families welcome.",
  ["faith_culture", "social_club"],
  ["turkish", "kurdish", "culture", "music", "community"],
  [W("fri", "18:00", "21:00")], lang=("tr", "ku"), booking="drop_in", size="large",
  welcome_flags="bd")

A("Çiya Kurdish Community Circle", "Çiya Kurdish Community Circle", "moray_hall",
  "Kurdish speakers meet to share news, culture and support, and plan Newroz and other "
  "celebrations.",
  ["faith_culture"],
  ["kurdish", "culture", "community", "newroz"],
  [W("sun", "11:00", "13:00")], lang=("ku", "tr"), booking="drop_in", size="medium",
  welcome_flags="b")

A("Bengali Elders' Adda", "Nakshi Women's Collective", "highbury_vale_cc",
  "Bengali men and women over 50 meet for adda: tea, newspapers, carrom and conversation.",
  ["faith_culture", "social_club"],
  ["bengali", "older people", "carrom", "chat", "adda"],
  [W("thu", "13:00", "15:30")], age=(50, None), lang=("bn",), booking="drop_in",
  size="medium", welcome_flags="b")

A("Quiet Space for Reflection", "St Aldric's Church", "st_aldrics",
  "An open, quiet hour in the church for people of any faith or none: sit, pray or just be "
  "still. Candles and a listening volunteer if you want one.",
  ["faith_culture", "mind_body"],
  ["prayer", "quiet", "reflection", "church", "calm"],
  [W("tue", "12:00", "13:00")], booking="drop_in", size="small", welcome_flags="b")

A("Caribbean Elders' Lunch", "Christ the Vine Church", "christ_the_vine",
  "Caribbean food, dominoes and music for older people. All are welcome to join.",
  ["faith_culture", "cooking_food"],
  ["caribbean", "older people", "lunch", "dominoes"],
  [F("wed", "12:00", "14:30")], cost=C(3), age=(60, None), booking="drop_in",
  size="medium", welcome_flags="bd")

A("Somali Women's Sewing Circle", "Hiddo Somali Families Association", "hiddo_centre",
  "Somali women sewing and chatting. Paused while the centre's sewing room is refurbished.",
  ["faith_culture", "arts_crafts"],
  ["somali", "sewing", "women"],
  [W("thu", "10:00", "12:00")], gender="women", lang=("so",), booking="drop_in",
  status="paused")

A("Turkish Mothers' Group", "Anatolia House", "anatolia_house",
  "Turkish-speaking mothers meet with their under-fives to chat, share advice and play.",
  ["faith_culture", "social_club"],
  ["turkish", "women", "mothers", "children"],
  [W("tue", "10:00", "12:00")], gender="women", lang=("tr",), booking="drop_in",
  size="medium", welcome_flags="b")

# Peer support --------------------------------------------------------------------------

A("Hearing Voices Group", "Lantern Peer Network", "lantern_rooms",
  "A safe, confidential group for people who hear voices, see visions or have other unusual "
  "experiences. Run by people who have been there; you can just listen.",
  ["peer_support"],
  ["hearing voices", "voices", "psychosis", "support group", "peer support"],
  [W("wed", "14:00", "15:30")], mh=True, peer=True, booking="drop_in", size="small",
  welcome_flags="bd")

A("Depression and Anxiety Peer Group", "Lantern Peer Network", "archway_hub",
  "An evening peer group to talk about living with depression and anxiety and what helps. "
  "Facilitated by trained peers.",
  ["peer_support"],
  ["depression", "anxiety", "support group", "peer support", "talking group"],
  [W("mon", "18:00", "19:30")], mh=True, peer=True, booking="drop_in", size="small",
  welcome_flags="bd")

A("Online Peer Support Evenings", "Lantern Peer Network", "online",
  "Join a small peer support group on video from home. Cameras optional; a facilitator "
  "keeps things safe.",
  ["peer_support"],
  ["online peer group", "peer support", "support group", "online", "zoom"],
  [W("tue", "19:00", "20:30")], mh=True, peer=True, booking="book_ahead", size="small")

A("Young Adults Online Peer Group 18-25", "Next Chapter Youth Hub", "online",
  "A video group for young adults with mental health struggles, run by young peer "
  "facilitators.",
  ["peer_support", "wellbeing_support"],
  ["online peer group", "young people", "peer support", "online"],
  [W("thu", "19:00", "20:00")], mh=True, peer=True, age=(18, 25), booking="book_ahead",
  size="small")

A("Men's Support Circle", "Lantern Peer Network", "lintwell_hall",
  "A confidential circle for men to talk about whatever is on their mind: work, family, "
  "stress or loss. Run by men, for men.",
  ["peer_support"],
  ["men", "support group", "talking group", "peer support"],
  [W("thu", "19:00", "20:30")], peer=True, gender="men", booking="drop_in", size="small",
  welcome_flags="d")

A("Rosehip Women's Circle", "Rosehip Women's Centre", "rosehip_centre",
  "Women support each other through life's ups and downs in a small, confidential group led "
  "by trained volunteers with their own experience.",
  ["peer_support", "wellbeing_support"],
  ["women", "support group", "peer support", "talking group"],
  [W("wed", "10:30", "12:00")], peer=True, gender="women", booking="drop_in",
  size="small", welcome_flags="bd")

A("Step Forward Recovery Group", "Lantern Peer Network", "st_wendredas",
  "A mutual-aid group for people recovering from drug or alcohol problems, using practical "
  "tools to stay on track.",
  ["peer_support"],
  ["recovery group", "alcohol", "drugs", "addiction", "self-help"],
  [W("sat", "11:00", "12:30")], mh=True, peer=True, booking="drop_in", size="small")

A("Bipolar Peer Group", "Lantern Peer Network", "canonbury_hall",
  "A monthly group for people living with bipolar disorder to share experience and tips.",
  ["peer_support"],
  ["bipolar", "support group", "peer support", "mood"],
  [M("sat", "14:00", "16:00", 2)], mh=True, peer=True, booking="drop_in", size="small")

A("Mon Bondhu Bengali Wellbeing Group", "Nakshi Women's Collective", "nakshi_room",
  "A group for Bengali speakers to talk about stress, low mood and family pressures, in "
  "Bengali and Sylheti, led by community peer workers.",
  ["peer_support", "faith_culture"],
  ["bengali", "mental health", "support group", "stress"],
  [F("thu", "11:00", "12:30")], mh=True, peer=True, lang=("bn", "en"), booking="drop_in",
  size="small", welcome_flags="bd")

A("Evening Hearing Voices Group", "Lantern Peer Network", "lantern_rooms",
  "An evening version of the hearing voices group. Paused until new facilitators are "
  "trained.",
  ["peer_support"],
  ["hearing voices", "support group"],
  [W("mon", "18:30", "20:00")], mh=True, peer=True, booking="drop_in", size="small",
  status="paused")

A("Carers Online Peer Group", "Islington Carers Together", "online",
  "A video group for people caring for someone with mental health problems, run by "
  "carers.",
  ["peer_support"],
  ["carers", "online", "support group", "peer support"],
  [M("wed", "19:30", "21:00", 1)], peer=True, booking="book_ahead", size="small")

# Befriending ---------------------------------------------------------------------------

A("Kettle's On Telephone Friendship", "Kettle's On Telephone Friends", "phone",
  "A trained volunteer rings you once a week for a friendly chat at a time that suits you. "
  "Not counselling, just good company.",
  ["befriending"],
  ["telephone friendship", "friendly call", "befriending", "someone to talk to", "phone"],
  [], booking="referral", size="one_to_one")

A("Barnsbury Befrienders", "Barnsbury Befrienders", "lofting_cc",
  "A volunteer befriender meets you each week for a coffee, a walk or a visit to somewhere "
  "you'd like to go. Matched on shared interests.",
  ["befriending"],
  ["befriending", "befriender", "buddy", "companion", "someone to talk to"],
  [], booking="referral", size="one_to_one", welcome_flags="b")

A("Bengali Phone Befriending", "Nakshi Women's Collective", "phone",
  "Weekly friendly calls in Bengali or Sylheti for people who feel alone.",
  ["befriending", "faith_culture"],
  ["befriending", "bengali", "phone", "friendly call"],
  [], lang=("bn", "en"), booking="referral", size="one_to_one")

A("Turkish Phone Befriending", "Anatolia House", "phone",
  "A volunteer calls you every week for a chat in Turkish.",
  ["befriending"],
  ["befriending", "turkish", "phone", "friendly call"],
  [], lang=("tr",), booking="referral", size="one_to_one", no_website=True)

A("Young Adults Buddy Scheme 18-25", "Next Chapter Youth Hub", "packington_hub",
  "A trained buddy close to your age helps you try new places and activities, going with "
  "you the first few times.",
  ["befriending"],
  ["buddy", "young people", "befriending", "go with me"],
  [], age=(18, 25), booking="referral", size="one_to_one", welcome_flags="b")

A("Evergreen Home Visits 60+", "Evergreen Club", "cressfield_hall",
  "A volunteer visits older people at home for a cup of tea and a chat, and can help with "
  "small outings.",
  ["befriending"],
  ["befriending", "visiting", "older people", "home visits"],
  [], age=(60, None), booking="referral", size="one_to_one")

A("Wellbeing Befriending", "Archway Wellbeing Network", "archway_hub",
  "A befriender who understands mental health meets you weekly for six months to help you "
  "get out and reconnect.",
  ["befriending", "wellbeing_support"],
  ["befriending", "mental health", "companion", "buddy"],
  [], mh=True, booking="referral", size="one_to_one", welcome_flags="b")

A("Video Call Befriending", "Kettle's On Telephone Friends", "online",
  "A weekly video chat with a volunteer for people who would like to see a friendly face.",
  ["befriending"],
  ["befriending", "video call", "online", "someone to talk to"],
  [], booking="referral", size="one_to_one")

# Money and benefits advice -------------------------------------------------------------

A("Benefits Advice Drop-in", "Clearway Advice Centre", "clearway",
  "Free, confidential advice on Universal Credit, PIP, sanctions and appeals. Bring any "
  "letters you have. First come, first served.",
  ["advice_money"],
  ["benefits", "universal credit", "pip", "welfare rights", "advice"],
  [W("mon", "10:00", "13:00"), W("thu", "10:00", "13:00")], booking="drop_in",
  size="one_to_one", welcome_flags="b")

A("PIP Form-Filling Help", "Clearway Advice Centre", "clearway",
  "An adviser helps you fill in the PIP form or prepare for your assessment, over two or "
  "three appointments.",
  ["advice_money"],
  ["pip", "benefits", "forms", "disability"],
  [], booking="book_ahead", size="one_to_one", welcome_flags="b")

A("Debt Advice Line", "Clearway Advice Centre", "phone",
  "Phone for free debt advice: priority bills, payment plans and dealing with bailiffs.",
  ["advice_money"],
  ["debt", "money", "bills", "bailiffs", "financial advice"],
  [W("tue", "09:30", "16:30"), W("fri", "09:30", "12:30")], booking="drop_in",
  size="one_to_one")

A("Energy Bills Help Surgery", "Holloway Neighbours Trust", "nags_head_cc",
  "Help to cut energy bills, apply for grants, and sort out meter problems. Bring a recent "
  "bill.",
  ["advice_money", "advice_housing"],
  ["energy bills", "grants", "bills", "money", "heating"],
  [M("thu", "13:00", "16:00", 1)], booking="drop_in", size="one_to_one")

A("Bengali Advice Surgery", "Nakshi Women's Collective", "nakshi_room",
  "Advice in Bengali and English on benefits, housing and bills. Appointments or drop in.",
  ["advice_money", "advice_housing"],
  ["bengali", "advice", "benefits", "housing"],
  [W("fri", "14:00", "16:30")], lang=("bn", "en"), booking="drop_in", size="one_to_one")

A("Welfare Rights at the Hub", "Archway Wellbeing Network", "archway_hub",
  "A welfare rights adviser who specialises in benefits for people with mental health "
  "problems. Ask staff at the Hub to book you in.",
  ["advice_money"],
  ["benefits", "welfare rights", "pip", "esa", "universal credit"],
  [W("tue", "13:00", "16:00")], mh=True, booking="book_ahead", size="one_to_one")

A("Money Mentors", "Give Time Islington", "goswell_rooms",
  "A volunteer money mentor helps you make a budget and stick to it, at a pace that suits "
  "you.",
  ["advice_money"],
  ["budgeting", "money", "mentoring", "bills"],
  [], booking="book_ahead", size="one_to_one")

A("Arabic Advice Session", "Yasmin Arabic Speakers Group", "moray_hall",
  "Help in Arabic with benefits, letters and forms.",
  ["advice_money"],
  ["arabic", "advice", "benefits", "letters"],
  [W("tue", "13:00", "15:00")], cost=None, lang=("ar", "en"), booking="drop_in",
  size="one_to_one")

# Housing advice ------------------------------------------------------------------------

A("Housing Advice Drop-in", "Keystone Housing Advice", "keystone",
  "Advice on rent arrears, repairs, eviction notices and council housing applications. "
  "Bring any letters from your landlord or the council.",
  ["advice_housing"],
  ["housing", "eviction", "landlord", "rent", "repairs", "tenancy"],
  [W("wed", "13:00", "16:00")], booking="drop_in", size="one_to_one", welcome_flags="b")

A("Tenancy Support", "Northgate Mental Health Partnership", "keystone",
  "A support worker helps you keep your home: bills, repairs, neighbours and paperwork. For "
  "people whose mental health is making their tenancy hard to manage.",
  ["advice_housing", "wellbeing_support"],
  ["tenancy", "housing", "support worker", "bills"],
  [], mh=True, booking="referral", size="one_to_one")

A("Housing Advice Line", "Keystone Housing Advice", "phone",
  "Phone advice on housing problems, including what to do if you are at risk of losing your "
  "home.",
  ["advice_housing"],
  ["housing", "homeless", "eviction", "helpline", "rent"],
  [W("mon", "10:00", "16:00"), W("thu", "10:00", "16:00")], booking="drop_in",
  size="one_to_one")

A("Breakfast and Housing Drop-in", "Christ the Vine Church", "turnmill_hall",
  "A hot breakfast, showers and a housing caseworker for people who are homeless or "
  "sleeping rough.",
  ["advice_housing", "cooking_food"],
  ["homeless", "breakfast", "housing", "shower"],
  [W("mon", "08:30", "10:30"), W("wed", "08:30", "10:30"), W("fri", "08:30", "10:30")],
  booking="drop_in", size="large", welcome_flags="b")

A("Young People's Housing Advice 16-25", "Next Chapter Youth Hub", "packington_hub",
  "Housing advice for young people who are leaving care, sofa surfing or can't stay at home.",
  ["advice_housing"],
  ["housing", "young people", "homeless", "sofa surfing"],
  [W("tue", "14:00", "17:00")], age=(16, 25), booking="drop_in", size="one_to_one")

A("Landlord and Repairs Clinic", "Keystone Housing Advice", "goswell_rooms",
  "A monthly clinic on disrepair, damp and mould and getting your landlord to act.",
  ["advice_housing"],
  ["repairs", "landlord", "damp", "mould", "housing"],
  [M("sat", "10:00", "13:00", 2)], booking="book_ahead", size="one_to_one")

A("Somali Housing Advice", "Hiddo Somali Families Association", "hiddo_centre",
  "Housing advice in Somali: overcrowding, transfers and council applications.",
  ["advice_housing", "faith_culture"],
  ["somali", "housing", "council housing", "overcrowding"],
  [W("thu", "14:00", "16:00")], lang=("so",), booking="book_ahead", size="one_to_one")

# Wellbeing support ---------------------------------------------------------------------

A("Nightingale Sanctuary Café", "Nightingale Sanctuary", "nightingale",
  "An evening and weekend safe space for anyone feeling in crisis or struggling to cope. "
  "Talk to trained staff over a hot drink; no appointment or referral needed.",
  ["wellbeing_support"],
  ["crisis cafe", "safe haven", "sanctuary", "someone to talk to", "evening"],
  [W("fri", "18:00", "23:00"), W("sat", "18:00", "23:00"), W("sun", "18:00", "23:00")],
  mh=True, booking="drop_in", size="one_to_one", welcome_flags="bd")

A("Archway Wellbeing Hub Drop-in", "Archway Wellbeing Network", "archway_hub",
  "Drop in to the Hub for a cuppa, a chat with staff and volunteers, and information about "
  "groups. A calm place if you need somewhere to be.",
  ["wellbeing_support", "social_club"],
  ["drop-in", "mental health", "wellbeing", "chat"],
  [W("mon", "12:00", "16:00"), W("thu", "12:00", "16:00")], mh=True, booking="drop_in",
  size="medium", welcome_flags="bd")

A("Managing Stress Online", "Archway Wellbeing Network", "online",
  "A six-session online class teaching practical ways to manage stress, worry and low mood. "
  "Watch live or catch up later; you don't have to speak.",
  ["wellbeing_support", "learning"],
  ["stress", "anxiety", "online course", "low mood"],
  [W("tue", "18:00", "19:30")], booking="book_ahead", size="large")

A("Wellbeing Check-in Calls", "Archway Wellbeing Network", "phone",
  "A short, regular phone call from a wellbeing worker to see how you are doing and help "
  "plan your week.",
  ["wellbeing_support"],
  ["phone", "check-in", "mental health", "someone to talk to"],
  [], mh=True, booking="referral", size="one_to_one")

A("Women's Wellbeing Drop-in", "Rosehip Women's Centre", "rosehip_centre",
  "A women-only space to relax, talk and find support, with a creche and pamper sessions.",
  ["wellbeing_support", "social_club"],
  ["women", "wellbeing", "drop-in", "self-care"],
  [W("fri", "13:00", "15:30")], gender="women", booking="drop_in", size="medium",
  welcome_flags="bd")

A("Turkish and Kurdish Counselling", "Anatolia House", "anatolia_house",
  "Short-term, low-cost counselling in Turkish or Kurdish with a qualified counsellor. Fees "
  "depend on income.",
  ["wellbeing_support"],
  ["counselling", "talking therapy", "turkish", "kurdish"],
  [], cost=C(None, concessions=True, notes="Sliding scale depending on income"),
  mh=True, lang=("tr", "ku"), booking="book_ahead", size="one_to_one")

A("Next Chapter Wellbeing Group 18-25", "Next Chapter Youth Hub", "packington_hub",
  "A weekly group for young adults to talk about stress, sleep and mood, try coping "
  "techniques and have pizza.",
  ["wellbeing_support", "social_club"],
  ["wellbeing", "young people", "stress", "anxiety"],
  [W("mon", "16:00", "17:30")], age=(18, 25), booking="drop_in", size="small",
  welcome_flags="bd")

A("Wellbeing on the Water", "Canalside Arts Collective", "kingfisher_boat",
  "A gentle trip along the canal on a narrowboat with tea and time to talk, for people using "
  "mental health services. Places are limited, so ask your worker to book.",
  ["wellbeing_support", "nature_gardening"],
  ["boat", "canal", "wellbeing", "nature", "calm"],
  [F("tue", "11:00", "14:00")], cost=None, mh=True, booking="book_ahead", size="small")

A("Listening Ear Sessions", "St Aldric's Church", "hardwick_green",
  "A trained listener sits on a bench in the garden on Friday mornings; stop for a chat "
  "about anything. In bad weather they move into the church.",
  ["wellbeing_support"],
  ["someone to talk to", "listening", "chat", "outdoors"],
  [W("fri", "10:00", "12:00")], booking="drop_in", size="one_to_one", welcome_flags="b")

# More of everyday community life, spread across the borough -----------------------------

A("Clerkenwell Community Garden Mornings", "Greenway Growers", "hardwick_green",
  "Help look after the beds and bulbs in a small public garden. Tools provided; a good "
  "gentle start if you want to get outdoors.",
  ["nature_gardening", "volunteering"],
  ["gardening", "community garden", "volunteer", "outdoors"],
  [W("thu", "09:30", "11:30")], booking="drop_in", size="small", welcome_flags="bg")

A("Tollington Green Walkers", "Northern Heights Walkers", "tollington_green",
  "A brisk walk of about 3 miles round Holloway's green spaces. Meet at the gate; the pace "
  "suits people who walk regularly.",
  ["walking"],
  ["walk", "walking group", "brisk walking", "fitness"],
  [W("sat", "10:00", "11:30")], booking="drop_in", size="medium", welcome_flags="d")

A("Aqua Fit", "Brightmoor Leisure", "brightmoor_finsbury",
  "Exercise to music in the shallow end, easy on joints. You don't need to be able to swim.",
  ["sport_fitness"],
  ["aqua aerobics", "swimming", "pool", "exercise"],
  [W("thu", "11:00", "11:45")], cost=C(5.5, concessions=True), booking="drop_in",
  size="large", welcome_flags="g")

A("Bridgeway Tai Chi", "Still Water Tai Chi", "recovery_college",
  "A recovery college tai chi course for beginners, in a calm studio with chairs for "
  "resting.",
  ["mind_body", "learning"],
  ["tai chi", "recovery college", "course", "calm"],
  [W("mon", "10:00", "11:30")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="g")

A("Saturday Sketch Club", "Canalside Arts Collective", "bramble_cafe",
  "Draw people, buildings and coffee cups in Exmouth Market, then share sketchbooks. Any "
  "level; pencils and paper available.",
  ["arts_crafts"],
  ["drawing", "sketching", "art", "urban sketching"],
  [W("sat", "10:30", "12:30")], cost=C(0, notes="Buy your own coffee"), booking="drop_in",
  size="small", welcome_flags="g")

A("Community Choir for Wellbeing", "Cally Voices", "brecknock_baptist",
  "A small daytime choir for people who find big groups hard. Gentle warm-ups and easy "
  "songs; nobody will ask you to sing alone.",
  ["music", "wellbeing_support"],
  ["choir", "singing", "daytime", "small group"],
  [W("wed", "13:30", "15:00")], cost=C(2, taster=True), booking="drop_in", size="small",
  welcome_flags="bgd")

A("Cook and Chat in Clerkenwell", "Cowcross Community Kitchen", "cowcross_kitchen",
  "A small cooking group: choose a recipe together, cook it and eat. Good for practising "
  "everyday cooking.",
  ["cooking_food"],
  ["cooking", "recipes", "lunch", "food"],
  [W("wed", "11:00", "13:30")], cost=C(2), booking="book_ahead", size="small",
  welcome_flags="g")

A("Canonbury Coffee Morning", "Holloway Neighbours Trust", "canonbury_hall",
  "Coffee, tea and toast with neighbours, plus a noticeboard of what's on locally.",
  ["social_club"],
  ["coffee morning", "chat", "neighbours", "social"],
  [W("fri", "10:00", "11:30")], booking="drop_in", size="medium", welcome_flags="bd")

A("Family History Group", "Northbank Libraries", "amwell_library",
  "Trace your family tree with free access to the library's genealogy websites and help "
  "from experienced members.",
  ["learning", "digital_skills"],
  ["family history", "genealogy", "history", "research", "library"],
  [F("wed", "10:30", "12:30")], booking="drop_in", size="small", welcome_flags="g")

A("Highbury Allotment Society Open Day", "Greenway Growers", "new_river_allotments",
  "Find out about getting a plot or sharing one, look round, and pick up seedlings.",
  ["nature_gardening"],
  ["allotment", "gardening", "plots", "growing"],
  [M("sun", "11:00", "14:00", 1)], booking="drop_in", size="large")

A("Men's Shed Repair Mornings", "Tufnell Shed Collective", "tufnell_shed",
  "Men fix bikes, tools and small furniture donated by neighbours, then pass them on. "
  "Learn as you go.",
  ["volunteering", "arts_crafts"],
  ["men's shed", "repair", "bikes", "woodwork", "volunteer", "men"],
  [W("sat", "10:00", "13:00")], gender="men", booking="drop_in", size="small",
  welcome_flags="bg")

A("Highbury Vale Lunch Club", "Highbury Vale Community Centre", "highbury_vale_cc",
  "A hot lunch cooked on site, followed by a quiz or bingo. All ages welcome.",
  ["cooking_food", "social_club"],
  ["lunch club", "community meal", "quiz", "food"],
  [W("tue", "12:30", "14:00")], cost=C(3.5, concessions=True), booking="drop_in",
  size="medium", welcome_flags="bd")

A("Polish Advice and Coffee", "Kładka Polish Social Club", "pines_parish",
  "Help in Polish with benefits, settled status and letters, over coffee.",
  ["advice_money", "faith_culture"],
  ["polish", "advice", "benefits", "settled status"],
  [M("sat", "12:00", "14:00", 1)], lang=("pl",), booking="drop_in", size="one_to_one")

A("Easy Exercise at Lofting", "Holloway Neighbours Trust", "lofting_cc",
  "A friendly keep-fit class of stretching, light weights and balance, at whatever level "
  "suits you.",
  ["sport_fitness"],
  ["keep fit", "exercise", "stretching", "gentle exercise"],
  [W("tue", "11:00", "12:00")], cost=C(2, concessions=True), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Board Game Café Afternoons", "Holloway Neighbours Trust", "finsbury_gate_cafe",
  "Afternoon games in a quiet café corner: chess, Scrabble, cards. Hosts will teach you.",
  ["social_club"],
  ["board games", "chess", "scrabble", "cards", "cafe"],
  [W("sun", "14:00", "17:00")], booking="drop_in", size="small", welcome_flags="bg")

A("Clerkenwell Library Book Group", "Northbank Libraries", "amwell_library",
  "A daytime book group reading a mix of novels and non-fiction. Large-print and audio "
  "copies available.",
  ["writing_reading"],
  ["book club", "reading group", "books", "daytime"],
  [M("thu", "14:00", "15:30", 1)], booking="drop_in", size="small", welcome_flags="bg")

A("Highbury Swim Club Improvers", "Brightmoor Leisure", "brightmoor_highbury",
  "Improve your stroke and stamina with a coach in a lane of swimmers at your level.",
  ["sport_fitness"],
  ["swimming", "swim", "coaching", "pool"],
  [W("sat", "08:00", "09:00")], cost=C(7, concessions=True), booking="book_ahead",
  size="medium", welcome_flags="G")

A("Digital Skills for Work", "Bridgeway Recovery College", "recovery_college",
  "A recovery college course on using email, documents and video calls confidently, with "
  "an eye on going back to work.",
  ["digital_skills", "employment"],
  ["computer", "email", "recovery college", "work", "it skills"],
  [W("fri", "13:30", "15:30")], mh=True, booking="book_ahead", size="small",
  welcome_flags="g")

A("Street Library Volunteers", "Holloway Neighbours Trust", "tollington_green",
  "Help keep the little street libraries stocked and tidy, on a round you choose.",
  ["volunteering", "writing_reading"],
  ["volunteer", "books", "library", "walking"],
  [], booking="book_ahead", size="one_to_one")

A("Highbury Vale Youth Football 16+", "Kickabout Inclusive Football Club", "mountgrove_pitches",
  "Evening football training and games for over-16s, with coaching badges on offer for "
  "older players.",
  ["sport_fitness"],
  ["football", "5-a-side", "young people", "training"],
  [W("mon", "18:00", "19:30")], cost=C(1), age=(16, None), booking="drop_in",
  size="large", welcome_flags="g")

A("Sunday Community Lunch", "Brecknock Baptist Church", "brecknock_baptist",
  "A free Sunday lunch for anyone who would like company, after the morning service.",
  ["cooking_food", "faith_culture"],
  ["community meal", "lunch", "church", "sunday"],
  [W("sun", "12:30", "14:00")], booking="drop_in", size="large", welcome_flags="bd")

A("Write Your Recovery Story", "Bridgeway Recovery College", "online",
  "An online recovery college course on writing about your own experience, safely and at "
  "your own pace.",
  ["writing_reading", "learning"],
  ["writing", "recovery college", "online course", "memoir", "recovery"],
  [W("mon", "14:00", "15:30")], mh=True, booking="book_ahead", size="small")

A("Spanish-speaking Advice Morning", "Puente Latin American Group", "pines_parish",
  "Advice in Spanish on benefits, housing, work rights and immigration letters.",
  ["advice_money", "advice_housing"],
  ["spanish", "advice", "benefits", "housing", "work rights"],
  [W("wed", "10:00", "12:30")], lang=("es",), booking="drop_in", size="one_to_one")

A("Kurdish Youth Football 16-25", "Çiya Kurdish Community Circle", "brookfield_sports",
  "Indoor football for young Kurdish and Turkish speakers and their friends.",
  ["sport_fitness", "faith_culture"],
  ["football", "kurdish", "young people", "5-a-side"],
  [W("sun", "16:00", "17:30")], cost=C(2), age=(16, 25), lang=("ku", "tr", "en"),
  booking="drop_in", size="medium")

A("Somali Elders Tea Afternoon", "Hiddo Somali Families Association", "moray_hall",
  "Somali elders meet for tea, poetry and conversation; volunteers can help with transport.",
  ["faith_culture", "social_club"],
  ["somali", "older people", "tea", "poetry"],
  [W("thu", "13:00", "15:30")], age=(60, None), lang=("so",), booking="drop_in",
  size="medium", welcome_flags="b")

A("Arabic Conversation and Culture", "Yasmin Arabic Speakers Group", "goswell_rooms",
  "An informal group for Arabic speakers and learners to talk, share food and celebrate "
  "festivals.",
  ["faith_culture", "learning"],
  ["arabic", "culture", "languages", "conversation"],
  [F("fri", "18:30", "20:30")], lang=("ar", "en"), learners=("ar",), booking="drop_in",
  size="medium", welcome_flags="bg")

A("Upper Holloway Coffee Morning", "St Aldric's Church", "st_eadwines",
  "Coffee, homemade cake and a chat in the church hall. A warm welcome whether or not you "
  "come to church.",
  ["social_club", "faith_culture"],
  ["coffee morning", "church", "chat", "cake"],
  [W("sat", "10:00", "12:00")], booking="drop_in", size="medium", welcome_flags="bd")

A("Gentle Swim for Wellbeing", "Brightmoor Leisure", "brightmoor_finsbury",
  "A quiet, uncrowded swim session with a friendly lifeguard, for people who feel anxious in "
  "busy pools. Run with the recovery college.",
  ["sport_fitness", "wellbeing_support"],
  ["swimming", "quiet swim", "pool", "anxiety"],
  [W("fri", "11:00", "12:00")], cost=C(2), mh=True, booking="drop_in", size="small",
  welcome_flags="bd")

A("Budget Cookery for Young Adults 18-25", "Next Chapter Youth Hub", "warm_pot",
  "Learn five cheap, quick meals you can make in a small kitchen, and eat them together.",
  ["cooking_food", "learning"],
  ["cooking", "young people", "budget", "recipes"],
  [F("wed", "17:00", "19:00")], age=(18, 25), booking="book_ahead", size="small",
  welcome_flags="bg")

A("Highbury Barn Writers", "Wordhouse Writers", "highbury_barn_library",
  "A long-running group sharing and critiquing poems and stories, for people already "
  "writing regularly.",
  ["writing_reading"],
  ["creative writing", "writers group", "poetry", "feedback"],
  [F("mon", "18:30", "20:30")], cost=C(2), booking="drop_in", size="small",
  welcome_flags="G")

A("Clubhouse Gardening Team", "Beacon Clubhouse", "beacon_clubhouse",
  "Clubhouse members look after the garden and grow food for the café.",
  ["nature_gardening", "employment"],
  ["gardening", "clubhouse", "work experience", "growing"],
  [W("tue", "10:00", "13:00")], mh=True, peer=True, booking="referral", size="small",
  welcome_flags="g")

A("Wellbeing Walks from the College", "Bridgeway Recovery College", "recovery_college",
  "A short, slow walk to a nearby park and back, with chat about what helps on hard days.",
  ["walking", "wellbeing_support"],
  ["walk", "wellbeing walk", "recovery college", "outdoors"],
  [W("thu", "12:30", "13:30")], mh=True, booking="drop_in", size="small",
  welcome_flags="bd")

A("Goswell Community Choir", "Cally Voices", "goswell_rooms",
  "A lunchtime choir for people who live or work around Angel. Songs from musicals to Motown.",
  ["music"],
  ["choir", "singing", "lunchtime", "musicals"],
  [W("thu", "12:30", "13:30")], cost=C(3, taster=True), booking="drop_in", size="large",
  welcome_flags="g")

A("Exmouth Market Knitting Circle", None, "bramble_cafe",
  "An informal knitting circle in the café. Bring a project or learn; needles to borrow.",
  ["arts_crafts", "social_club"],
  ["knitting", "crochet", "craft", "cafe"],
  [W("sun", "15:00", "17:00")], cost=None, booking="drop_in", size="small",
  welcome_flags="g", contact={"email": "knitting-circle@bramble-cafe.example.org"})

A("Digital Champions Volunteering", "Plug In Islington", "chapel_market_library",
  "Help others get online by volunteering as a digital champion. Training provided.",
  ["volunteering", "digital_skills"],
  ["volunteer", "digital", "computers", "helping out"],
  [], booking="book_ahead", size="small")

A("Finsbury Park Morning Tai Chi", "Still Water Tai Chi", "finsbury_gate_cafe",
  "Early morning tai chi by the park gates, gentle and unhurried.",
  ["mind_body"],
  ["tai chi", "park", "morning", "outdoors"],
  [W("wed", "08:00", "09:00")], cost=C(3), booking="drop_in", size="small",
  welcome_flags="g")

A("Money Matters for Women", "Rosehip Women's Centre", "rosehip_centre",
  "A women-only advice session on benefits, debt and financial independence.",
  ["advice_money"],
  ["money", "debt", "benefits", "women"],
  [W("tue", "13:00", "15:00")], gender="women", booking="book_ahead", size="one_to_one")

A("Islington Carers Drop-in", "Islington Carers Together", "lofting_cc",
  "Information, advice and a chat for unpaid carers, including help with Carer's Allowance.",
  ["advice_money", "peer_support"],
  ["carers", "carer's allowance", "advice", "support"],
  [M("wed", "10:00", "12:30", 4)], booking="drop_in", size="small")

A("Archway Community Pantry", "Holloway Neighbours Trust", "cressfield_hall",
  "Members pay a small weekly fee to choose groceries, fresh fruit and vegetables.",
  ["cooking_food", "advice_money"],
  ["pantry", "food", "groceries", "food bank"],
  [W("fri", "14:00", "16:00")], cost=C(3.5), booking="drop_in", size="large")

A("Finsbury Park Litter Pickers", "Give Time Islington", "finsbury_gate_cafe",
  "A monthly litter pick round the park and streets nearby, with pickers and gloves lent.",
  ["volunteering", "walking"],
  ["litter picking", "volunteer", "walk", "outdoors"],
  [M("sun", "10:00", "12:00", -1)], booking="drop_in", size="medium", welcome_flags="bg")

A("Open Door Social Club", "Archway Wellbeing Network", "st_osrics",
  "An evening social club for people with mental health problems: tea, toast, games, music "
  "and a chat. Staff and volunteers are around, and there is a quiet room if it gets too "
  "much.",
  ["social_club", "wellbeing_support"],
  ["social club", "evening", "games", "chat", "mental health"],
  [W("thu", "18:00", "20:30")], mh=True, booking="drop_in", size="medium",
  welcome_flags="bd")

A("Peer Art Afternoon", "Lantern Peer Network", "st_osrics",
  "Paint, draw or collage alongside others with lived experience of mental health problems. "
  "Peer volunteers set out materials and make the tea; there is no teaching and no pressure.",
  ["arts_crafts", "peer_support"],
  ["art", "painting", "peer support", "creative", "drawing"],
  [F("sun", "13:30", "16:00")], mh=True, peer=True, booking="drop_in", size="small",
  welcome_flags="bgd")

A("Women's Mental Health Peer Group", "Lantern Peer Network", "stroud_pavilion",
  "A women-only peer group for women living with mental health problems, run by women who "
  "have been there. Share as much or as little as you like.",
  ["peer_support"],
  ["women", "peer support", "support group", "mental health"],
  [W("tue", "13:00", "14:30")], mh=True, peer=True, gender="women", booking="drop_in",
  size="small", welcome_flags="bd")

A("Mindful Movement for Recovery", "Northgate Mental Health Partnership", "stroud_pavilion",
  "Slow stretching, breathing and gentle movement led by an occupational therapist, for "
  "people under community mental health services. Chairs available for every exercise.",
  ["mind_body", "wellbeing_support"],
  ["stretching", "mindfulness", "movement", "relaxation", "yoga"],
  [W("mon", "11:00", "12:00")], mh=True, booking="referral", size="small",
  welcome_flags="bg")

A("Music Jam for Recovery", "Lantern Peer Network", "stroud_pavilion",
  "Bring an instrument or borrow one of ours and play along with others in recovery. Guitars, "
  "keyboards and percussion set up; all levels, including complete beginners.",
  ["music", "peer_support"],
  ["jam session", "band", "guitar", "music making", "drumming"],
  [M("sat", "14:00", "16:30", 4)], mh=True, peer=True, booking="drop_in", size="small",
  welcome_flags="bg")

A("Understanding Psychosis", "Bridgeway Recovery College", "recovery_college",
  "A five-week recovery college course on voices, unusual beliefs and what helps, taught by "
  "a clinician and a trainer with lived experience. Family and friends can come too.",
  ["learning", "wellbeing_support"],
  ["psychosis", "hearing voices", "recovery college", "course"],
  [W("mon", "10:30", "12:30")], mh=True, booking="book_ahead", size="medium",
  welcome_flags="bg")

A("Hope and Recovery (online course)", "Bridgeway Recovery College", "online",
  "A four-week online course on what recovery can mean, with stories from people who have "
  "been through it and a chance to make your own plan. Join by video or phone.",
  ["learning", "peer_support"],
  ["recovery college", "online course", "recovery", "hope", "wellness plan"],
  [W("thu", "14:00", "15:30")], mh=True, peer=True, booking="book_ahead", size="medium")

A("Stroud Green Pavilion Coffee Club", "Holloway Neighbours Trust", "stroud_pavilion",
  "Coffee and cake by the sports field, with a jigsaw table and papers. Walkers and dog "
  "owners drop in on their way past.",
  ["social_club"],
  ["coffee morning", "chat", "jigsaw", "social"],
  [W("wed", "10:00", "12:00")], cost=C(1, notes="£1 for coffee and cake"), booking="drop_in",
  size="medium", welcome_flags="bd")

# fmt: on


# --------------------------------------------------------------------------------------
# When each entry was last checked. Most were checked in the six months before TODAY;
# some in the six months before that; some not for over a year; a few never.
# --------------------------------------------------------------------------------------


def _day_between(first: dt.date, last: dt.date) -> str:
    return (first + dt.timedelta(days=date_rng.randint(0, (last - first).days))).isoformat()


def assign_last_verified() -> None:
    active = [a for a in ACTIVITIES if a["status"] == "active"]
    others = [a for a in ACTIVITIES if a["status"] != "active"]
    pool = active[:]
    date_rng.shuffle(pool)
    never, stale, aging, recent = pool[:4], pool[4:22], pool[22:32], pool[32:]
    for activity in never:
        activity["last_verified"] = None
    for activity in stale:
        activity["last_verified"] = _day_between(dt.date(2024, 2, 1), dt.date(2025, 4, 30))
    for activity in aging:
        activity["last_verified"] = _day_between(dt.date(2025, 11, 15), dt.date(2026, 4, 30))
    for activity in recent:
        activity["last_verified"] = _day_between(dt.date(2026, 5, 5), dt.date(2026, 10, 30))
    for activity in others:
        if activity["status"] == "paused":
            activity["last_verified"] = _day_between(dt.date(2026, 6, 1), dt.date(2026, 10, 30))
        else:
            activity["last_verified"] = _day_between(dt.date(2024, 6, 1), dt.date(2025, 9, 30))


def main() -> None:
    assign_last_verified()
    activities = sorted(ACTIVITIES, key=lambda a: a["id"])
    document = {
        "format": "navigator-directory",
        "version": 1,
        "note": NOTE,
        "activities": activities,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(activities)} activities to {OUT}")


if __name__ == "__main__":
    main()
