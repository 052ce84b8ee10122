"""General English and Spanish word knowledge for matching: words that carry no topic, a few
inflections folded to one form, months and words asking for recent items.

Everything here is language, never knowledge: no entry id or name appears in this module. Words are
written folded (lower case, no accents), the form normalize.py produces.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _ordered(text: str) -> list[str]:
    return text.split()


STOP_WORDS = _words(
    # English function words
    "a an the of to in on at for from by with about into over between during "
    "and or but nor if then than so as up out off not no yes also just only very too "
    "most more much many "
    "is are was were be been being am do does did done doing have has had having "
    "i me my mine we us our ours you your yours he him his she her hers it its "
    "they them their theirs this that these those there here "
    "what whats which who whom whose when where how "
    "can could would should will shall may might must "
    "any anything something some someone somebody all each every other another such "
    "s t d ll ve re m "
    # Spanish function words
    "el la los las lo un una unos unas de del al en y e o u que quien quienes cual cuales "
    "como cuando donde cuanto cuanta cuantos cuantas por para con sin sobre entre hasta desde "
    "es son fue fueron era eran ser estar esta esto estos estas este ese esa eso esos esas "
    "esta estan estaba hay mi mis tu tus su sus nos se le les me te ya no si mas muy pero "
    "porque pues algun alguno alguna algunos algunas algo nada todo toda todos todas otro otra"
)
"""Function words in either language: never a topic on their own."""

FILLER_WORDS = _words(
    # asking, not the subject of the question
    "tell show give explain describe define definition mean means meaning meant "
    "know find look looking need want like please thanks thank hi hello hey ok okay "
    "info information detail details summary summarize summarise overview brief briefing "
    "question questions quick help bot "
    "say said says happen happened happening go going get got let lets regarding re "
    "channel desk thing things stuff see stand list lists "
    "dime decir explica explicar explicame significa significado quiere sabes saber "
    "informacion hola gracias favor dijo dijeron paso pasa "
    "ayuda lista listas muestra mostrar muestrame ensename"
)
"""Words that ask rather than name what is asked about."""

CHAT_WORDS = _words(
    # greetings, hedges and the errand around a question, as staff write in Slack
    "morning afternoon evening good hope sorry bug basic random again remind reminder "
    "sanity check memo memos prep prepping preparing drafting draft putting together "
    "asked asking ask wants wanted boss leadership intern mentoring colleague colleagues "
    "covering team folks everyone anyone guys briefing tps slide slides timeline "
    "pager liner version clips hill staffer thx pls plz cheers appreciate really actually "
    "exactly just still whatever currently wondering curious seeing keep keeps heard "
    "hearing gist substance background profile bio status update context remember recall "
    "confirm double sure wait hmm um btw fyi asap urgent today tomorrow "
    "oye disculpa perdon rapido rapida pregunta necesito jefe jefa realmente exactamente "
    "resumen breve recordar confirmar"
)
"""The errand around a question ("morning! prepping a memo — can you remind me …"): it never
names what is asked about."""

POLITE_WORDS = _words(
    "hi hey hello hola ok okay please thanks thank you thx ty gracias quick question "
    "por favor porfa buenos buenas dias tardes noches"
)
"""Greetings and thanks around a question: "hi, signed agreements please" is still asked exactly
as the alias "signed agreements" is written."""

CANONICAL = {
    # inflections folded to one form (translations and shorthand are knowledge:
    # knowledge/synonyms.yaml)
    "signed": "sign",
    "signing": "sign",
    "met": "meet",
    "meeting": "meet",
    "meets": "meet",
    "returning": "return",
    "returned": "return",
    "replaced": "replace",
    # months, long and short, English and Spanish
    "jan": "january",
    "enero": "january",
    "feb": "february",
    "febrero": "february",
    "mar": "march",
    "marzo": "march",
    "apr": "april",
    "abril": "april",
    "mayo": "may",
    "jun": "june",
    "junio": "june",
    "jul": "july",
    "julio": "july",
    "aug": "august",
    "agosto": "august",
    "sep": "september",
    "sept": "september",
    "septiembre": "september",
    "setiembre": "september",
    "oct": "october",
    "octubre": "october",
    "nov": "november",
    "noviembre": "november",
    "dec": "december",
    "diciembre": "december",
}
"""Word -> the one form both questions and entries are indexed under."""

MONTHS = {
    name: number
    for number, name in enumerate(
        _ordered(
            "january february march april may june july august september october november december"
        ),
        start=1,
    )
}

RECENCY_WORDS = _words(
    "latest newest recent recently last ultimo ultima ultimos reciente recientes"
)
"""Words asking for the newest items first."""

READOUT_WORDS = _words("readout comunicado")
"""Words asking for readouts rather than terms (after plural folding)."""

MEETING_WORDS = _words(
    "readout readouts meeting meetings meet met mtg bilat bilats sitdown call calls comunicado "
    "comunicados reunion reuniones encuentro encuentros"
)
"""Words naming readouts or the meetings they summarise (as typed, folded)."""

LIST_WORDS = _words(
    "readouts meetings reuniones comunicados bilats all every list lista todos todas cada"
)
"""With a meeting word, these ask for a list of readouts: 'every readout involving X'."""

OLDEST_WORDS = _words("oldest earliest first primera primer antigua antiguo")
"""Words asking for the oldest items first ('first' unless a period follows: PERIOD_WORDS)."""
PERIOD_WORDS = _words("week weeks day days month months half quarter time semana mes dia vez")
"""'the first week', 'la primera vez': a period or an occasion, not the oldest first."""

PARTICIPANT_WORDS = (
    "attended",
    "attend",
    "attendee",
    "attendees",
    "attending",
    "participants",
    "participant",
    "participated",
    "in the room",
    "at the table",
    "who was at",
    "who was in",
    "who represented",
    "sat down with",
    "sit down with",
    "asistio",
    "asistieron",
    "participaron",
    "participantes",
    "quienes estuvieron",
    "quien estuvo",
)
"""Phrases asking who took part in a meeting (folded, as typed)."""

PARTICIPANT_TOKENS = _words(
    "attend attended attending attendee attendee attendees participant participated "
    "participate present room asistio asistieron participaron participante"
)
"""Words of the questions above as indexed: asking who took part names no follow-up's own thing."""

RANKS = _words("deputy vice under assistant principal acting elect adjunto adjunta vice electo")
"""Words that set an office apart from the one above it: the Deputy Secretary is not the
Secretary, the president-elect not yet the president."""

ARTICLES = _words("la el los las")
"""A name after an article names a place or thing, not the person: 'La Paz'."""
