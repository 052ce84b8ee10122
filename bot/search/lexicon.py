"""General English and Spanish word knowledge for matching: words that carry no topic, a few
inflections and translations folded to one form, months and words asking for recent items.

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
    "what whats which who whom whose when where why how "
    "can could would should will shall may might must "
    "any anything something some someone somebody all each every other another such "
    "s t d ll ve re m "
    # Spanish function words
    "el la los las lo un una unos unas de del al y e o u que quien quienes cual cuales "
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
    "question questions quick help bot discuss discussed discussing talk talked talking "
    "say said says happen happened happening go going get got let lets regarding re "
    "channel desk thing things stuff see stand list lists "
    "dime decir explica explicar explicame significa significado quiere sabes saber "
    "informacion hola gracias favor hablar hablaron hablo dijo dijeron paso pasa "
    "ayuda lista listas muestra mostrar muestrame ensename"
)
"""Words that ask rather than name what is asked about."""

POLITE_WORDS = _words(
    "hi hey hello hola ok okay please thanks thank you thx ty gracias quick question "
    "por favor porfa buenos buenas dias tardes noches"
)
"""Greetings and thanks around a question: "hi, signed agreements please" is still asked exactly
as the alias "signed agreements" is written."""

CANONICAL = {
    # inflections and translations that mean the same thing, folded to one form
    "signed": "sign",
    "signing": "sign",
    "signature": "sign",
    "firmar": "sign",
    "firmaron": "sign",
    "firmo": "sign",
    "firma": "sign",
    "firmado": "sign",
    "firmada": "sign",
    "firmados": "sign",
    "firmadas": "sign",
    "agreement": "agreement",
    "deal": "agreement",
    "mou": "agreement",
    "mous": "agreement",
    "memorandum": "agreement",
    "accord": "agreement",
    "pact": "agreement",
    "acuerdo": "agreement",
    "convenio": "agreement",
    "met": "meet",
    "meeting": "meet",
    "meets": "meet",
    "reunion": "meet",
    "reunio": "meet",
    "reunieron": "meet",
    "reune": "meet",
    "usa": "usa",
    "eeuu": "usa",
    "estados": "usa",
    "unidos": "usa",
    "ambassador": "ambassador",
    "embajador": "ambassador",
    "minister": "minister",
    "ministro": "minister",
    "president": "president",
    "presidente": "president",
    "spokesperson": "spokesperson",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "portavoz": "spokesperson",
    "vocero": "spokesperson",
    "election": "election",
    "economy": "economic",
    "economia": "economic",
    "economica": "economic",
    "economico": "economic",
    "difference": "differ",
    "different": "differ",
    "diferencia": "differ",
    "returning": "return",
    "returned": "return",
    "regreso": "return",
    "retorno": "return",
    "replaced": "replace",
    "replacement": "replace",
    "reemplazo": "replace",
    "sucesor": "successor",
    "eleccion": "election",
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

RELATED = {
    "sign": ("agreement",),
    "agreement": ("sign",),
    "replace": ("successor",),
    "successor": ("replace",),
    "back": ("return",),
    "return": ("back",),
}
"""Words close enough in meaning to count as a weaker match for each other."""

RELATED_SIMILARITY = 0.85

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
