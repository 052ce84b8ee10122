"""Synthetic knowledge bases for benchmarks: realistic entries, their YAML files and questions.

`generate_entries(n)` returns n entry dicts valid under bot.knowledge.models (readouts with
follow-ups, and terms: people, organisations with acronyms and Spanish names, concepts,
initiatives, events), with ids, titles and aliases unique across the whole set.
`write_knowledge_dir` writes them as one YAML file each; `build_knowledge_base` skips the files.
`generate_questions` asks about them the way analysts type, each with its known answer.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import EntryFile

Entry = dict[str, Any]
Question = dict[str, Any]
"""{"question": str, "expect": id | [ids] | None, "kind": str}."""


def _words(text: str) -> list[str]:
    return text.split()


SCHEMA_LINE = "# yaml-language-server: $schema=../schema.json\n"

# (country, demonym, Spanish name, capital)
COUNTRIES = [
    ("Argentina", "Argentine", "Argentina", "Buenos Aires"),
    ("Bolivia", "Bolivian", "Bolivia", "La Paz"),
    ("Brazil", "Brazilian", "Brasil", "Brasília"),
    ("Chile", "Chilean", "Chile", "Santiago"),
    ("Colombia", "Colombian", "Colombia", "Bogotá"),
    ("Costa Rica", "Costa Rican", "Costa Rica", "San José"),
    ("Dominican Republic", "Dominican", "República Dominicana", "Santo Domingo"),
    ("Ecuador", "Ecuadorian", "Ecuador", "Quito"),
    ("El Salvador", "Salvadoran", "El Salvador", "San Salvador"),
    ("Guatemala", "Guatemalan", "Guatemala", "Guatemala City"),
    ("Guyana", "Guyanese", "Guyana", "Georgetown"),
    ("Honduras", "Honduran", "Honduras", "Tegucigalpa"),
    ("Jamaica", "Jamaican", "Jamaica", "Kingston"),
    ("Mexico", "Mexican", "México", "Mexico City"),
    ("Panama", "Panamanian", "Panamá", "Panama City"),
    ("Paraguay", "Paraguayan", "Paraguay", "Asunción"),
    ("Peru", "Peruvian", "Perú", "Lima"),
    ("Uruguay", "Uruguayan", "Uruguay", "Montevideo"),
    ("Spain", "Spanish", "España", "Madrid"),
    ("Portugal", "Portuguese", "Portugal", "Lisbon"),
    ("Canada", "Canadian", "Canadá", "Ottawa"),
    ("Japan", "Japanese", "Japón", "Tokyo"),
    ("India", "Indian", "India", "New Delhi"),
    ("Indonesia", "Indonesian", "Indonesia", "Jakarta"),
    ("Philippines", "Philippine", "Filipinas", "Manila"),
    ("Kenya", "Kenyan", "Kenia", "Nairobi"),
    ("Nigeria", "Nigerian", "Nigeria", "Abuja"),
    ("Morocco", "Moroccan", "Marruecos", "Rabat"),
    ("Poland", "Polish", "Polonia", "Warsaw"),
    ("Romania", "Romanian", "Rumania", "Bucharest"),
    ("Greece", "Greek", "Grecia", "Athens"),
    ("Vietnam", "Vietnamese", "Vietnam", "Hanoi"),
    ("Australia", "Australian", "Australia", "Canberra"),
    ("Norway", "Norwegian", "Noruega", "Oslo"),
]

# (English topic, Spanish topic)
TOPICS = [
    ("critical minerals supply chains", "cadenas de suministro de minerales críticos"),
    ("counternarcotics cooperation", "cooperación antinarcóticos"),
    ("energy security", "seguridad energética"),
    ("migration management", "gestión migratoria"),
    ("trade and investment", "comercio e inversión"),
    ("transnational organized crime", "crimen organizado transnacional"),
    ("democratic governance", "gobernabilidad democrática"),
    ("port infrastructure", "infraestructura portuaria"),
    ("cybersecurity", "ciberseguridad"),
    ("food security", "seguridad alimentaria"),
    ("public health preparedness", "preparación sanitaria"),
    ("maritime security", "seguridad marítima"),
    ("clean energy investment", "inversión en energía limpia"),
    ("anti-corruption reform", "reforma anticorrupción"),
    ("disaster resilience", "resiliencia ante desastres"),
    ("digital connectivity", "conectividad digital"),
    ("water security", "seguridad hídrica"),
    ("economic opening", "apertura económica"),
    ("fisheries enforcement", "control pesquero"),
    ("space cooperation", "cooperación espacial"),
]

US_OFFICIALS = [
    ("Secretary", "Helena Marsh", "Secretary of State"),
    ("Secretary", "Daniel Okafor", "Secretary of State"),
    ("Deputy Secretary", "Owen Castellano", "Deputy Secretary of State"),
    ("Deputy Secretary", "Miriam Calloway", "Deputy Secretary of State"),
    ("Under Secretary", "Priya Raman", "Under Secretary for Economic Affairs"),
    ("Under Secretary", "Thomas Whitfield", "Under Secretary for Political Affairs"),
    ("Assistant Secretary", "Laura Benning", "Assistant Secretary for Western Hemisphere Affairs"),
    ("Ambassador", "Gregory Ashdown", "Ambassador to the Organization of American States"),
]
SPOKESPEOPLE = ["Spokesperson Nadia Ferraro", "Principal Deputy Spokesperson Colin Hartley"]
COUNTERPART_ROLES = [
    ("Foreign Minister", "Foreign Minister"),
    ("President", "President"),
    ("Minister of Economy", "Minister of Economy"),
    ("Minister of Security", "Minister of Security"),
]
MEETING_KINDS = ["Meeting", "Call", "Meeting", "Bilateral Meeting"]
FIRST_NAMES = _words(
    "Ana Carlos María José Lucía Mateo Sofía Diego Camila Andrés Valentina Javier Isabel "
    "Pablo Elena Tomás Gabriela Rafael Paula Martín Daniela Emilio Carmen Hugo Beatriz "
    "Joaquín Renata Ignacio Aiko Kenji Amara Chidi Anders Ingrid Marek Zofia Nikos Eleni Minh "
    "Lan Rohan Asha Fernando Rodrigo Luis Teresa Álvaro Inés Julián Ximena Sebastián Natalia"
)
ONSETS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "br", "gr"]
ONSETS += ["tr", "cr", "ll", "qu", "j", "h"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "á", "é", "í", "ó"]
CODAS = ["", "", "", "n", "r", "s", "l", "z"]
ENDINGS = ["", "", "ez", "ado", "ini", "ova", "eira", "ón", "ez", "ares", "ana"]

ORG_REGIONS = [
    ("Andean", "Andina"),
    ("Caribbean", "Caribeña"),
    ("Hemispheric", "Hemisférica"),
    ("Pacific", "del Pacífico"),
    ("Atlantic", "Atlántica"),
    ("Amazonian", "Amazónica"),
    ("Central American", "Centroamericana"),
    ("Southern Cone", "del Cono Sur"),
    ("Inter-American", "Interamericana"),
    ("Regional", "Regional"),
    ("Mesoamerican", "Mesoamericana"),
    ("Transatlantic", "Transatlántica"),
]
ORG_KINDS = [
    ("Council", "Consejo"),
    ("Commission", "Comisión"),
    ("Partnership", "Alianza"),
    ("Task Force", "Grupo de Trabajo"),
    ("Forum", "Foro"),
    ("Network", "Red"),
    ("Alliance", "Alianza Estratégica"),
    ("Working Group", "Mesa de Trabajo"),
]
CODEWORDS = _words(
    "Vault Forge Anchor Beacon Compass Harbor Keystone Lantern Meridian Summit Bridge Cedar "
    "Horizon Sentinel Atlas Quarry Granite Falcon Condor Jaguar Orchid Ember Tide Aurora"
)

OUT_OF_SCOPE = [
    "what's the weather today",
    "reset my password",
    "lunch menu",
    "how do I book a conference room",
    "when is the expense report deadline",
    "who won the game last night",
    "can you order more printer toner",
    "where is the parking garage",
    "how do I connect to the vpn",
    "what time does the cafeteria close",
    "is the office closed on friday",
    "recommend a good pizza place",
    "tell me a joke",
    "how many vacation days do i have left",
    "my laptop will not turn on",
    "who is the best football player",
    "translate hello to french",
    "what is the stock price of apple",
    "schedule a meeting with my team",
    "how do i change my desk phone voicemail",
]


def fold(text: str) -> str:
    """Lowercase ASCII without accents."""
    bare = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in bare if not unicodedata.combining(c))


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.surnames: set[str] = set()
        self.entries: list[Entry] = []

    def surname(self) -> str:
        rng = self.rng
        while True:
            parts = [
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                for _ in range(rng.choice((2, 2, 3)))
            ]
            name = ("".join(parts) + rng.choice(ENDINGS)).capitalize()
            if 5 <= len(name) <= 13 and fold(name) not in self.surnames:
                self.surnames.add(fold(name))
                return name

    def claim_id(self, base: str) -> str:
        base = base[:70].strip("-")
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def claim_names(self, title: str, aliases: Iterable[str]) -> tuple[str, list[str]] | None:
        """Reserve the title and the aliases no other entry uses; None when the title is taken."""
        if _key(title) in self.names:
            return None
        self.names.add(_key(title))
        kept = []
        for alias in aliases:
            if alias and _key(alias) and _key(alias) not in self.names:
                self.names.add(_key(alias))
                kept.append(alias)
        return title, kept

    def date(self, start: int = 2018, end: int = 2026) -> dt.date:
        first = dt.date(start, 1, 1)
        span = (dt.date(end, 3, 1) - first).days
        return first + dt.timedelta(days=self.rng.randrange(span))

    def source(self, title: str, when: dt.date, publisher: str, site: str) -> dict[str, Any]:
        url = f"https://{site}/{when.year}/{when.month:02d}/{slug(title)[:60]}"
        return {"title": title, "url": url, "publisher": publisher, "published": when.isoformat()}

    def related(self) -> list[str]:
        if not self.entries or self.rng.random() < 0.5:
            return []
        picks = {self.rng.choice(self.entries)["id"] for _ in range(self.rng.randint(1, 2))}
        return sorted(picks)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)


def _sentences(parts: list[str], filler: list[str], rng: random.Random) -> str:
    """Join sentences, adding filler until about 300 characters, never past about 600."""
    text = " ".join(parts)
    pool = filler[:]
    rng.shuffle(pool)
    goal = rng.randint(300, 560)
    while len(text) < goal and pool:
        text += " " + pool.pop()
    while len(text) > 600 and " " in text:
        text = text.rsplit(". ", 1)[0] + "."
    return text


FILLER = [
    "Both sides committed to regular follow-up between their teams.",
    "Officials noted progress since the previous round of consultations.",
    "The discussion also touched on upcoming multilateral meetings in the hemisphere.",
    "They underscored the importance of transparency and the rule of law.",
    "Working-level talks are expected to continue over the coming months.",
    "The two delegations reviewed commitments made at earlier ministerials.",
    "They agreed that private-sector participation would be essential to any progress.",
    "The meeting followed a year of closer contacts between the two governments, including "
    "visits by technical teams and a series of exchanges on regulatory questions.",
    "Both governments said they would report on progress before the next regional summit, and "
    "invited civil society and business groups to contribute their views.",
    "The readout did not mention any disagreements, though analysts expect the budget and "
    "the timing of new commitments to remain open questions.",
]


def make_readout(gen: _Generator) -> Entry | None:
    rng = gen.rng
    prefix, us_name, us_role = rng.choice(US_OFFICIALS)
    country, demonym, _, capital = rng.choice(COUNTRIES)
    cp_role, _ = rng.choice(COUNTERPART_ROLES)
    cp_first, cp_last = rng.choice(FIRST_NAMES), gen.surname()
    cp_name = f"{cp_first} {cp_last}"
    us_last = us_name.split()[-1]
    meeting = rng.choice(MEETING_KINDS)
    when = gen.date()
    title = f"{prefix} {us_last}'s {meeting} with {demonym} {cp_role} {cp_last}"
    aliases = [f"{us_last}–{cp_last} {meeting.lower()}", f"Reunión {us_last}–{cp_last}"]
    claimed = gen.claim_names(title, aliases)
    if claimed is None:
        return None
    topics = rng.sample(TOPICS, rng.randint(2, 3))
    names = [t[0] for t in topics]
    place = rng.choice(["Washington, D.C.", capital])
    said = f"{prefix} {us_name} met with {demonym} {cp_role} {cp_name} in {place} on "
    said += f"{when:%B} {when.day}, {when.year}."
    parts = [said, f"They discussed {', '.join(names[:-1])} and {names[-1]}."]
    parts.append(f"The {prefix.lower()} welcomed {country}'s commitment on {names[0]}.")
    follow_ups = []
    if rng.random() < 0.6:
        signed = rng.random() < 0.5
        answer = (
            f"Yes: a memorandum of understanding on {names[0]}."
            if signed
            else f"No agreement was signed; both sides said they would keep working on {names[0]}."
        )
        follow_ups.append(
            {
                "id": "agreements",
                "question": "Did they sign any agreements?",
                "aliases": ["Did they sign anything?", "¿Firmaron algún acuerdo?"],
                "answer": answer,
            }
        )
    if rng.random() < 0.4:
        follow_ups.append(
            {
                "id": "next-steps",
                "question": "What are the next steps?",
                "aliases": ["What happens next?", "Próximos pasos"],
                "answer": f"Teams will meet again within {rng.randint(2, 6)} months.",
            }
        )
    entry: Entry = {
        "id": gen.claim_id(slug(f"{us_last}-{cp_last}-{when.isoformat()}")),
        "kind": "readout",
        "title": claimed[0],
        "aliases": claimed[1],
        "date": when.isoformat(),
        "location": place,
        "participants": [
            {"name": us_name, "role": us_role},
            {"name": cp_name, "role": f"{demonym} {cp_role}"},
        ],
        "attributed_to": rng.choice(SPOKESPEOPLE),
        "summary": _sentences(parts, FILLER, rng),
        "key_points": [f"Discussed {name}." for name in names],
        "tags": sorted({slug(country), *(slug(n) for n in names)}),
        "related": gen.related(),
        "sources": [gen.source(title, when, "U.S. Department of State", "www.state.gov/releases")],
        "reviewed": (when + dt.timedelta(days=rng.randint(1, 30))).isoformat(),
    }
    if follow_ups:
        entry["follow_ups"] = follow_ups
    return entry


def _acronym(title: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", title) if w not in ("On", "Of"))


def _term_names(gen: _Generator, category: str) -> tuple[str, list[str], str, list[str]]:
    """(title, aliases, first sentence, tags) for one term of `category`."""
    rng = gen.rng
    country, demonym, country_es, capital = rng.choice(COUNTRIES)
    topic, topic_es = rng.choice(TOPICS)
    tags = [slug(country), slug(topic)]
    if category == "person":
        first, last = rng.choice(FIRST_NAMES), gen.surname()
        role = rng.choice(["Ambassador", "Minister", "Vice Minister", "Special Envoy"])
        said = f"{first} {last} is {demonym} {role} responsible for {topic}."
        return f"{first} {last}", [f"{role} {last}"], said, tags
    if category == "organization":
        region, region_es = rng.choice(ORG_REGIONS)
        org, org_es = rng.choice(ORG_KINDS)
        title = f"{region} {org} on {topic.title()}"
        said = f"The {title} brings governments together on {topic} across the region."
        return title, [_acronym(title), f"{org_es} {region_es} de {topic_es}"], said, tags
    if category == "concept":
        title = f"{demonym} {topic}"
        said = (
            f"{title[0].upper()}{title[1:]} is how officials describe {country}'s work on {topic}."
        )
        return title, [f"{topic_es} en {country_es}"], said, tags
    if category == "initiative":
        word = rng.choice(CODEWORDS)
        title = rng.choice([f"Project {gen.surname()}", f"{word} {topic.title()} Initiative"])
        said = f"The {title} is a U.S.-led effort on {topic} with {country} and partners."
        return title, [_acronym(title) if "Initiative" in title else word.upper()], said, tags
    year = rng.randint(2018, 2026)
    title = f"{year} {capital} Ministerial on {topic.title()}"
    said = f"The {title} gathered foreign ministers in {capital} to discuss {topic}."
    return title, [f"Ministerial de {capital} {year}"], said, tags


def make_term(gen: _Generator) -> Entry | None:
    rng = gen.rng
    category = rng.choices(
        ["person", "organization", "concept", "initiative", "event"], [35, 30, 10, 15, 10]
    )[0]
    title, aliases, said, tags = _term_names(gen, category)
    claimed = gen.claim_names(title, [a for a in aliases if len(a) >= 2])
    if claimed is None:
        return None
    when = gen.date(2024)
    parts = [said, f"It comes up in readouts on {tags[1].replace('-', ' ')} and {tags[0]}."]
    return {
        "id": gen.claim_id(slug(title)),
        "kind": "term",
        "category": category,
        "title": claimed[0],
        "aliases": claimed[1],
        "summary": _sentences(parts, FILLER, rng),
        "tags": tags,
        "related": gen.related(),
        "sources": [gen.source(title, when, "Council on Hemispheric Affairs", "www.coha.org")],
        "reviewed": when.isoformat(),
    }


def generate_entries(n: int, seed: int = 0) -> list[Entry]:
    """n entry dicts (about 55% readouts, the rest terms of every category), deterministic.

    When a category runs out of fresh titles at large sizes, people (unlimited) fill in.
    """
    gen = _Generator(seed)
    want_term = False
    while len(gen.entries) < n:
        want_term = want_term or gen.rng.random() >= 0.55
        entry = make_term(gen) if want_term else make_readout(gen)
        if entry is not None:
            gen.add(entry)
            want_term = False
    return gen.entries


def _yaml_ready(value: Any) -> Any:
    """Dates as date objects so they are written plainly (2026-02-04), like a person would."""
    if isinstance(value, dict):
        return {k: _yaml_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_ready(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


def write_knowledge_dir(entries: Iterable[Entry], root: Path) -> Path:
    """One YAML file per entry under root/readouts and root/terms; returns root."""
    for sub in ("readouts", "terms"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for entry in entries:
        sub = "readouts" if entry["kind"] == "readout" else "terms"
        body = yaml.safe_dump(_yaml_ready(entry), allow_unicode=True, sort_keys=False, width=100)
        (root / sub / f"{entry['id']}.yaml").write_text(SCHEMA_LINE + body, encoding="utf-8")
    return root


def build_knowledge_base(entries: Iterable[Entry]) -> KnowledgeBase:
    """The KnowledgeBase these dicts describe, validated, without writing or reading files."""
    return KnowledgeBase(EntryFile.model_validate(e).root for e in entries)


def typo(word: str, rng: random.Random) -> str:
    """One slip of the finger: swap, drop, double or replace a letter (words of 5+ letters)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    op = rng.choice(("swap", "drop", "double", "replace"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


def _readout_question(entry: Entry, rng: random.Random) -> tuple[str, Any, str]:
    us_last = entry["participants"][0]["name"].split()[-1]
    cp_last = entry["participants"][1]["name"].split()[-1]
    rid = entry["id"]
    fu_ids = [f"{rid}#{f['id']}" for f in entry.get("follow_ups", [])]
    options: list[tuple[str, Any, str]] = [
        (fold(entry["title"]), rid, "title"),
        (f"{us_last} {typo(cp_last, rng)} meeting".lower(), rid, "typo"),
        (f"what did {us_last} and {cp_last} discuss?", rid, "partial"),
        (f"{cp_last} {us_last}", rid, "word-order"),
    ]
    if entry["aliases"]:
        options.append((fold(entry["aliases"][-1]), rid, "alias"))
    if f"{rid}#agreements" in fu_ids:
        q = f"did {us_last} and {cp_last} sign anything?"
        options.append((q, [f"{rid}#agreements", rid], "follow-up"))
    return rng.choice(options)


def _term_question(entry: Entry, rng: random.Random) -> tuple[str, Any, str]:
    tid, title = entry["id"], entry["title"]
    words = title.split()
    options: list[tuple[str, Any, str]] = [
        (title.lower(), tid, "title"),
        (" ".join(typo(w, rng) if len(w) > 6 else w for w in words).lower(), tid, "typo"),
    ]
    if entry["category"] == "person":
        options.append((f"who is {words[0]} {typo(words[-1], rng)}".lower(), tid, "typo"))
        options.append((f"{words[-1]} {words[0]}".lower(), tid, "word-order"))
    else:
        shuffled = words[:]
        rng.shuffle(shuffled)
        options.append((f"what is {' '.join(shuffled).lower()}", tid, "word-order"))
    for alias in entry["aliases"]:
        text = alias if alias.isupper() else fold(alias)
        options.append((f"what does {text} mean" if alias.isupper() else text, tid, "alias"))
    return rng.choice(options)


def generate_questions(
    entries: list[Entry], n: int, seed: int = 0, out_of_scope: float = 0.15
) -> list[Question]:
    """n questions about `entries`, each with its known answer; a share are out of scope
    (expect None). Kinds: title, typo, partial, word-order, alias, follow-up, out-of-scope."""
    rng = random.Random(seed)
    questions: list[Question] = []
    prefixes = ["", "", "can you ", "please ", "hey, ", "quick question: "]
    while len(questions) < n:
        if rng.random() < out_of_scope:
            text = rng.choice(prefixes) + rng.choice(OUT_OF_SCOPE)
            questions.append({"question": text, "expect": None, "kind": "out-of-scope"})
            continue
        entry = rng.choice(entries)
        ask = _readout_question if entry["kind"] == "readout" else _term_question
        text, expect, kind = ask(entry, rng)
        questions.append({"question": text, "expect": expect, "kind": kind})
    return questions
