#!/usr/bin/env python3
"""The screening variant benchmark (issue 25): labelled name pairs made from the real UN Security
Council list and the 2019 OFAC SDN list, scored by Exportal and by three anchors on the same run.

    python3 scripts/screening-variants.py generate --data ../shared/data --out /tmp/variants
    .venv/bin/python scripts/screening-variants.py run --data ../shared/data --bench .build/debug/exportal-bench
    .venv/bin/python scripts/screening-variants.py run ... --misses typo     # Exportal's misses of one kind ('all')

`generate` needs the standard library only. `run` generates into a temporary folder, has
`exportal-bench screening-variants` score the pairs, scores them with nomenklatura's logic-v2 and
with the Jaro-Winkler + Soundex and token_set_ratio references of scripts/screening-reference.py
(pip: nomenklatura rapidfuzz jellyfish), and prints one table. Nothing it writes is kept.

Each pair is a query, the listed name it was made from (as the list writes it), the party it is
scored against (primary name, strong and weak aliases), the entry, a label and a kind;
docs/dev/performance.md says how each kind is made. The seed is fixed: the same lists give
the same pairs.
"""
import argparse
import csv
import importlib.util
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

SEED = 2025
POSITIVES_PER_KIND = 500
NEGATIVES_PER_KIND = 2500
COLUMNS = ["kind", "label", "entry", "schema", "query", "listed", "primary", "aliases", "weak"]
POSITIVE_KINDS = ["article", "middle-dropped", "typo", "reorder", "case-diacritics", "legal-form",
                  "transliteration", "alias", "weak-alias", "alias-vs-primary"]
NEGATIVE_KINDS = ["random", "hard"]
# Reported apart. Weak aliases: OFAC does not expect screening on weak AKAs alone (its FAQ 124).
# An alias against the primary name alone: screening never does that, as lists record aliases
# that cannot be derived from the primary name.
OUT_OF_OVERALL = {"weak-alias", "alias-vs-primary"}

# ---------------------------------------------------------------------------------------------
# Reading the lists


class Entry:
    def __init__(self, entry_id, schema, primary, group):
        self.id = entry_id
        self.schema = schema  # "Person" or "Organization"
        self.primary = primary
        self.group = group  # programme or UN list: a rough stand-in for the names' culture
        self.strong = []
        self.weak = []


def clean(text):
    return " ".join((text or "").replace("\t", " ").split())


def read_un(path):
    root = ET.parse(path).getroot()
    entries = []
    for section, tag, alias_tag in (("INDIVIDUALS", "INDIVIDUAL", "INDIVIDUAL_ALIAS"), ("ENTITIES", "ENTITY", "ENTITY_ALIAS")):
        for node in root.find(section).findall(tag):
            parts = [clean(node.findtext(field)) for field in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(part for part in parts if part)
            if not name:
                continue
            entry = Entry("UN-" + clean(node.findtext("REFERENCE_NUMBER") or node.findtext("DATAID")),
                          "Person" if tag == "INDIVIDUAL" else "Organization", name, "UN " + clean(node.findtext("UN_LIST_TYPE")))
            for alias in node.findall(alias_tag):
                # Some UN aliases are several spellings in one field, separated by semicolons.
                for alias_name in clean(alias.findtext("ALIAS_NAME")).split(";"):
                    alias_name = alias_name.strip()
                    if alias_name and is_latin(alias_name):
                        (entry.weak if clean(alias.findtext("QUALITY")) == "Low" else entry.strong).append(alias_name)
            entries.append(entry)
    return entries


WEAK_AKA = re.compile(r"\b[afn]\.k\.a\. '([^']+)'")


def read_sdn(folder):
    def rows(name):
        with open(folder / name, newline="", encoding="utf-8", errors="replace") as handle:
            return [[None if field.strip() == "-0-" else field.strip() for field in row] for row in csv.reader(handle) if row]

    entries = {}
    for row in rows("sdn.csv"):
        if len(row) < 12 or not row[1] or row[2] in ("vessel", "aircraft"):
            continue
        entry = Entry("SDN-" + row[0], "Person" if row[2] == "individual" else "Organization", clean(row[1]),
                      "SDN " + (row[3] or "").split("]")[0])
        entry.weak += [clean(name) for name in WEAK_AKA.findall(row[11] or "")]
        entries[row[0]] = entry
    for row in rows("alt.csv"):
        if len(row) >= 4 and row[0] in entries and row[3]:
            entries[row[0]].strong.append(clean(row[3]))
    return list(entries.values())


def is_latin(text):
    return not any(ord(c) >= 0x0370 and c.isalpha() for c in text)


# ---------------------------------------------------------------------------------------------
# Words


def fold(text):
    """Lower case, no diacritics, letters and digits only: how names are compared for identity."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in text.lower()).split()


def word_key(word):
    return "".join(fold(word))


PARTICLES = {"bin", "ibn", "ben", "bint", "abu", "abou", "abd", "abdul", "abdel", "abdal", "abdol", "ould", "wuld", "al", "el",
             "de", "del", "da", "do", "dos", "das", "di", "van", "von", "la", "le", "mac", "mc",
             # titles, which go with the name after them
             "haji", "hajji", "dr", "hafiz", "mullah", "mulla", "qari", "sheikh", "shaykh", "maulvi", "mawlawi", "maulawi",
             "maulana", "sayed", "syed", "sayyid", "mr", "mrs", "gen", "general", "col", "colonel"}


JOINING_WORDS = {"and", "for", "of", "the", "y", "e", "et", "und", "los", "las", "les", "des", "du", "in", "on", "at", "to",
                 "por", "para", "con", "imam", "cia", "compania", "sociedad", "group", "grupo"}


def name_units(tokens):
    """Words grouped so that a particle stays with the word after it: ['Abdul', 'Jabbar'] is one."""
    units, pending = [], []
    for token in tokens:
        pending.append(token)
        if word_key(token) not in PARTICLES:
            units.append(pending)
            pending = []
    if pending:
        units.append(pending)
    return units


def content_tokens(name):
    """The folded words of a name without its legal form."""
    return {t for t in fold(split_legal_form(name)[0]) if not is_legal(t)}


def key(text):
    return " ".join(sorted(fold(text)))


def natural(name, schema):
    """How a person types a listed name: 'TUBASI, Iyad' as 'Iyad Tubasi', capitals as in a sentence."""
    if schema == "Person" and name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if first and last:
            name = first + " " + last
    return " ".join(word_case(word) for word in name.split())


def word_case(word):
    """A word in capitals with a capital first letter only ('AL-NU'AYMI': 'Al-Nu'aymi'); legal-form
    abbreviations and words already in mixed case as they are."""
    if not word.isupper() or re.sub(r"[^A-Z]", "", word) in KEPT_IN_CAPITALS or re.search(r"[A-Z]\.[A-Z]", word):
        return word
    lower = word.lower()
    return "".join(c.upper() if i == 0 or lower[i - 1] in "-‘`(/\"" or (lower[i - 1] in "'’" and i == 1) else c
                   for i, c in enumerate(lower))


ARTICLE = re.compile(r"^(al|el|ul|ad|ud|ed|ar|ur|as|us|ash|at|az|an|abu|abou|abo)([-' ])?(.*)$", re.IGNORECASE)
SUN_LETTERS = {"d": "ad", "r": "ar", "s": "as", "t": "at", "z": "az", "n": "an"}


def article_variants(word):
    """Other ways of writing the article that a word starts with ('al-Tubasi': 'El-Tubasi',
    'Al Tubasi', 'Altubasi', 'at-Tubasi'...), or [] when it has none."""
    m = ARTICLE.match(word)
    if not m:
        return []
    article, separator, rest = m.group(1), m.group(2), m.group(3)
    low = article.lower()
    if low in ("abu", "abou", "abo"):
        if not rest:  # 'ABU' alone: the whole word is the article
            return [case_like(article, other) for other in ("abou", "abu", "abo") if other != low]
        if not separator:
            return []  # 'Abubaker', 'Abogne': no article to tell apart
        return [case_like(article, other) + separator + rest for other in ("abu", "abou", "abo") if other != low]
    if not rest or not separator:
        return []  # 'Alan', 'Asad': no article without a separator
    forms = {"al", "el", "ul"}
    first = rest[0].lower()
    if first in SUN_LETTERS:
        forms |= {SUN_LETTERS[first], "u" + SUN_LETTERS[first][1], "e" + SUN_LETTERS[first][1]}
    variants = []
    for form in sorted(forms - {low}):
        for sep in ("-", " "):
            variants.append(case_like(article, form) + sep + rest)
    variants.append(case_like(article, low) + ("-" if separator == " " else " ") + rest)
    variants.append(case_like(article, low) + rest.lower() if rest[:1].islower() else case_like(article, low) + rest[:1].lower() + rest[1:])
    return [v for v in dict.fromkeys(variants) if v != word]


def case_like(model, word):
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word.capitalize()
    return word


KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS = {}
for r, row in enumerate(KEYBOARD):
    for c, letter in enumerate(row):
        near = set()
        for dr in (-1, 0, 1):
            if 0 <= r + dr < len(KEYBOARD):
                for dc in (-1, 0, 1):
                    if (dr or dc) and 0 <= c + dc < len(KEYBOARD[r + dr]):
                        near.add(KEYBOARD[r + dr][c + dc])
        NEIGHBOURS[letter] = "".join(sorted(near))


def typo(word, rng, count):
    """`count` typing errors in a word, never its first letter: a neighbouring key instead of the
    right one, a letter left out, a neighbouring key struck as well, or two letters swapped."""
    letters = list(word)
    for _ in range(count):
        positions = [i for i in range(1, len(letters)) if letters[i].isalpha()]
        if not positions:
            break
        i = rng.choice(positions)
        upper = letters[i].isupper()
        lower = letters[i].lower()
        action = rng.choice(["substitute", "delete", "insert", "transpose"])
        if action == "transpose" and i + 1 < len(letters) and letters[i + 1].isalpha() and letters[i + 1].lower() != lower:
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        elif action == "delete" and len(letters) > 3:
            del letters[i]
        elif lower in NEIGHBOURS:
            other = rng.choice(NEIGHBOURS[lower])
            other = other.upper() if upper else other
            if action == "insert":
                letters.insert(i + 1, other)
            else:
                letters[i] = other
    return "".join(letters)


# Real-world alternations: whole given names first, then spelling rules that apply inside words.
NAME_VARIANTS = [
    ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"],
    ["Ahmed", "Ahmad", "Ahmet"],
    ["Yusuf", "Youssef", "Yousef", "Yusef", "Yousuf"],
    ["Hussein", "Husayn", "Hussain", "Husain", "Hossein", "Huseyin"],
    ["Hassan", "Hasan"], ["Hasan", "Hassan"],
    ["Abdul", "Abdel", "Abdol", "Abd al"],
    ["Abdullah", "Abdallah", "Abdulla"],
    ["Abdulrahman", "Abdurrahman", "Abdelrahman", "Abd al-Rahman"],
    ["Omar", "Umar", "Omer"], ["Osama", "Usama", "Usamah"], ["Ali", "Aly"],
    ["Mahmoud", "Mahmud", "Mahmood"], ["Mustafa", "Mostafa", "Moustafa", "Mustapha"],
    ["Khalid", "Khaled", "Halid"], ["Said", "Saeed", "Sa'id", "Sayid"], ["Ibrahim", "Ebrahim", "Ibraheem"],
    ["Ismail", "Ismael", "Esmail", "Isma'il"], ["Qasim", "Kasim", "Qassem", "Kassem"], ["Jamal", "Gamal", "Djamal"],
    ["Jafar", "Jaafar", "Ja'far"], ["Suleiman", "Sulayman", "Soleiman", "Sulaiman"], ["Yahya", "Yahia", "Yehia"],
    ["Nasser", "Nasir", "Naser", "Nassir"], ["Hamid", "Hameed"], ["Rashid", "Rasheed", "Rachid"], ["Salih", "Saleh"],
    ["Faisal", "Faysal", "Faycal"], ["Fatima", "Fatma", "Fatimah"], ["Ayman", "Aiman"], ["Mohsen", "Muhsin", "Mohsin"],
    ["Abdulaziz", "Abdelaziz", "Abd al-Aziz"], ["Hezbollah", "Hizballah", "Hizbullah"], ["Qaida", "Qaeda", "Qa'ida"],
    ["Aleksandr", "Alexander", "Alexandr", "Oleksandr"], ["Sergei", "Sergey", "Serhiy"], ["Yevgeny", "Evgeny", "Evgeniy", "Yevgeniy"],
    ["Dmitri", "Dmitry", "Dmitriy"], ["Yuri", "Yury", "Iurii", "Yuriy"], ["Andrei", "Andrey", "Andriy"],
    ["Alexei", "Aleksei", "Alexey", "Aleksey"], ["Nikolai", "Nikolay", "Mykola"], ["Mikhail", "Michail", "Mykhailo"],
    ["Vladimir", "Wladimir", "Volodymyr"], ["Viktor", "Victor"], ["Pyotr", "Petr", "Piotr"], ["Kim", "Gim"],
    ["Jose", "Josef", "Joseph"], ["Juan", "Joan"],
]
SPELLING_RULES = [  # (pattern, replacement) on the lower-case word, each in the direction romanisations differ
    (r"dzh", "j"), (r"^j", "dzh"), (r"zh", "j"), (r"kh", "h"), (r"^h(?=[aeiou])", "kh"), (r"ou", "u"), (r"(?<=.)u(?=[^aeiou])", "ou"),
    (r"ee", "i"), (r"(?<=.)i(?=[^aeiouy]$)", "ee"), (r"oo", "u"), (r"(?<=.)u(?=[^aeiou]$)", "oo"), (r"q(?!u)", "k"), (r"(?<=[aeiou])k", "q"),
    (r"yev$", "ev"), (r"(?<=[^y])ev$", "yev"), (r"iy$", "i"), (r"iy$", "y"), (r"(?<=[^aeiou])y$", "iy"), (r"ya", "ia"), (r"yu", "iu"),
    (r"sh", "ch"), (r"^j", "dj"), (r"ei$", "ey"), (r"ey$", "ei"), (r"ks", "x"), (r"x", "ks"), (r"ph", "f"), (r"ai", "ay"),
    (r"ay(?=[^aeiou])", "ai"), (r"ss", "s"), (r"(?<=[aeiou])s(?=[aeiou])", "ss"), (r"gh", "g"), (r"^w", "v"), (r"^ch", "tch"),
    (r"mm", "m"), (r"dd", "d"), (r"ll", "l"), (r"tt", "t"), (r"bb", "b"), (r"dh", "d"), (r"dh", "z"), (r"th", "t"), (r"th", "s"),
    (r"aa", "a"), (r"['’‘`]", ""), (r"(?<=[^aeiou])ow$", "ov"), (r"ov$", "off"), (r"^yo", "io"), (r"^ev", "yev"), (r"^yev", "ev"),
]
NAME_TABLE = {}
for group in NAME_VARIANTS:
    for name in group:
        NAME_TABLE.setdefault(fold(name)[0] if len(fold(name)) == 1 else name.lower(), [])
        NAME_TABLE[fold(name)[0] if len(fold(name)) == 1 else name.lower()] += [n for n in group if n != name]


def transliterate(word, rng):
    """Another real-world romanisation of a word, or None when the table has none for it."""
    folded = "".join(fold(word))
    if folded in NAME_TABLE:
        return case_like(word, rng.choice(NAME_TABLE[folded]))
    low = word.lower()
    options = []
    for pattern, replacement in SPELLING_RULES:
        changed = re.sub(pattern, replacement, low, count=1)
        if changed != low and len(low) >= 4 and low.replace("'", "").replace("’", "").replace("‘", "").isalpha():
            options.append(changed)
    options = list(dict.fromkeys(options))
    if not options:
        return None
    return case_like(word, rng.choice(options))


ACCENTS = {"a": "áàâä", "e": "éèêë", "i": "íîï", "o": "óôö", "u": "úûü", "c": "ç", "s": "ş", "n": "ñ", "g": "ğ", "z": "ž"}


def strip_accents(text):
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)))


def diacritics_and_case(name, rng):
    """Accents dropped where the name has them, or put on one or two letters where it has none;
    then the whole name in lower case, in capitals or as written."""
    if strip_accents(name) != name:
        changed = strip_accents(name)
    else:
        letters = list(name)
        places = [i for i, c in enumerate(letters) if c.lower() in ACCENTS and i > 0]
        for i in rng.sample(places, min(len(places), rng.choice([1, 2]))):
            accented = rng.choice(ACCENTS[letters[i].lower()])
            letters[i] = accented.upper() if letters[i].isupper() else accented
        changed = "".join(letters)
    return rng.choice([changed.lower(), changed.upper(), changed])


# Legal forms and their equivalents: each group names one form.
LEGAL_FORMS = [
    ["LIMITED", "LTD", "LTD."],
    ["COMPANY", "CO", "CO."],
    ["CORPORATION", "CORP", "CORP."],
    ["INCORPORATED", "INC", "INC."],
    ["LIMITED LIABILITY COMPANY", "LLC", "L.L.C.", "OOO", "TOO"],
    ["JOINT STOCK COMPANY", "JSC", "AO", "OAO", "J.S.C."],
    ["PUBLIC JOINT STOCK COMPANY", "PJSC", "PAO"],
    ["CLOSED JOINT STOCK COMPANY", "CJSC", "ZAO"],
    ["COMPANY LIMITED", "CO. LTD.", "CO., LTD.", "CO LTD"],
    ["SOCIEDAD ANONIMA", "S.A.", "SA"],
    ["SOCIEDAD ANONIMA DE CAPITAL VARIABLE", "S.A. DE C.V.", "SA DE CV"],
    ["GMBH", "G.M.B.H."], ["FZE", "F.Z.E."], ["FZCO", "FZC"], ["PLC", "P.L.C."],
    ["LIMITADA", "LTDA", "LTDA."], ["S.A.C.", "SAC"], ["S.A.R.L.", "SARL"], ["S.P.A.", "SPA"], ["S.R.L.", "SRL"],
    ["S. DE R.L. DE C.V.", "S DE RL DE CV"], ["S. DE R.L.", "S DE RL"], ["C.A.", "CA"],
    ["PRIVATE LIMITED", "PVT LTD", "PVT. LTD.", "PTE LTD", "PTE. LTD."],
]
LEGAL_ABBREVIATIONS = {"LTD", "CO", "CORP", "INC", "LLC", "OOO", "TOO", "JSC", "AO", "OAO", "PJSC", "PAO", "CJSC", "ZAO",
                       "SA", "GMBH", "FZE", "FZCO", "FZC", "PLC", "PVT", "PTE", "CV"}
LEGAL_WORDS = {re.sub(r"[^A-Z]", "", w) for group in LEGAL_FORMS for form in group for w in form.split()} | LEGAL_ABBREVIATIONS | {
    "SAC", "LTDA", "SRL", "SARL", "SPA", "BV", "NV", "AG", "KG", "EIRL", "SAS", "SL", "LLP", "LP", "PT", "TBK", "BHD", "SDN"}


KEPT_IN_CAPITALS = LEGAL_WORDS - {"LIMITED", "COMPANY", "CORPORATION", "INCORPORATED", "LIABILITY", "JOINT", "STOCK", "PUBLIC",
                                  "CLOSED", "PRIVATE", "SOCIEDAD", "ANONIMA", "CAPITAL", "VARIABLE", "DE"}


def is_legal(word):
    return re.sub(r"[^A-Z]", "", word.upper()) in LEGAL_WORDS - {"DE", "STOCK", "JOINT", "PUBLIC", "CLOSED", "PRIVATE"} or False


def split_legal_form(name):
    """The name without its trailing legal form, and that form with what precedes it ('', ', S.A. DE C.V.')."""
    matches = [m for m in LEGAL_PATTERN.finditer(name) if not name[m.end():].strip(" .,)")]
    if not matches:
        return name, ""
    return name[:matches[0].start()], name[matches[0].start():]
LEGAL_PATTERN = re.compile(r"(?:,?\s+)(" + "|".join(
    re.escape(form) for form in sorted((f for g in LEGAL_FORMS for f in g), key=len, reverse=True)) + r")(?=$|[\s,)])", re.IGNORECASE)


def legal_form_variant(name, rng):
    """The entity's legal form written another way or left out; one added where it has none."""
    matches = list(LEGAL_PATTERN.finditer(name))
    if not matches:
        return name + rng.choice([" LLC", " Ltd", " Co.", " Company", " Limited", " OOO", " JSC"])
    m = matches[-1]
    found = m.group(1).upper()
    group = next(g for g in LEGAL_FORMS if found in g)
    others = [f for f in group if f != found]
    if rng.random() < 0.2 or not others:
        return (name[:m.start()] + name[m.end():]).strip(" ,")
    other = rng.choice(others)
    return name[:m.start(1)] + case_like(m.group(1), other) + name[m.end(1):]


# ---------------------------------------------------------------------------------------------
# Variants of one name: each returns the name as a person may write it with one kind of change,
# or None when the kind does not apply to it. `name` is a listed name, as listed.


def with_article(name, schema, rng):
    tokens = natural(name, schema).split()
    places = [i for i, w in enumerate(tokens) if article_variants(w)]
    if not places:
        # 'AL TUBASI': the article written as a word of its own
        places = [i for i in range(len(tokens) - 1) if tokens[i].lower() in ("al", "el", "ul", "ad", "as", "at", "ar", "an", "az")]
        if not places:
            return None
        i = rng.choice(places)
        joined = tokens[:i] + [tokens[i] + "-" + tokens[i + 1]] + tokens[i + 2:]
        options = [" ".join(joined)] + [" ".join(tokens[:i] + [v] + tokens[i + 1:]) for v in ("El", "Al", "Ul") if v.lower() != tokens[i].lower()]
        return rng.choice(options)
    i = rng.choice(places)
    tokens[i] = rng.choice(article_variants(tokens[i]))
    return " ".join(tokens)


def middle_dropped(name, schema, rng):
    # Given names after the first one: for 'LAST, First Middle' those after the comma (not a
    # second family name), for the UN's FIRST SECOND THIRD names those between the first and
    # the last. A particle and the word it belongs to ('bin Laden', 'Abdul Jabbar') go together.
    if "," in name:
        last, given = (part.strip() for part in name.split(",", 1))
        units = name_units([word_case(w) for w in given.split()])
        family = [word_case(w) for w in last.split()]
        if len(units) < 2:
            return None
        i = rng.randrange(1, len(units))
        kept = [w for k, unit in enumerate(units) if k != i for w in unit] + family
    else:
        units = name_units(natural(name, schema).split())
        if len(units) < 3:
            return None
        i = rng.randrange(1, len(units) - 1)
        kept = [w for k, unit in enumerate(units) if k != i for w in unit]
    return " ".join(kept)


def typed_wrong(name, schema, rng):
    tokens = natural(name, schema).split()
    places = [i for i, w in enumerate(tokens) if len(w) >= 4 and w.isalpha()]
    if len(tokens) < 2 or not places:
        return None
    i = rng.choice(places)
    # Two errors in a long word; one in a short word, the other words (the surname) right.
    tokens[i] = typo(tokens[i], rng, 2 if len(tokens[i]) >= 8 else 1)
    return " ".join(tokens)


def reordered(name, schema, rng):
    # An order that is neither the list's nor the natural one: family name first where that
    # is new, else shuffled.
    tokens = natural(name, schema).split()
    listed = [word_case(w) for w in name.replace(",", " ").split()]
    if len(tokens) < 2:
        return None
    tried = [tokens[-1:] + tokens[:-1]]
    for _ in range(10):
        order = tokens[:]
        rng.shuffle(order)
        tried.append(order)
    for order in tried:
        if order != tokens and [w.lower() for w in order] != [w.lower() for w in listed]:
            return " ".join(order)
    return None


def transliterated(name, schema, rng):
    tokens = natural(name, schema).split()
    places = list(range(len(tokens)))
    rng.shuffle(places)
    changed = 0
    for i in places:
        other = transliterate(tokens[i], rng)
        if other:
            tokens[i] = other
            changed += 1
            if changed == 2 or rng.random() < 0.5:
                break
    return " ".join(tokens) if changed else None


# The kinds of change, each with the schemas it applies to: docs/dev/performance.md says how each is made.
VARIANTS = {
    "article": (with_article, {"Person", "Organization"}),
    "middle-dropped": (middle_dropped, {"Person"}),
    "typo": (typed_wrong, {"Person", "Organization"}),
    "reorder": (reordered, {"Person"}),
    "case-diacritics": (lambda name, schema, rng: diacritics_and_case(natural(name, schema), rng), {"Person", "Organization"}),
    "legal-form": (lambda name, schema, rng: legal_form_variant(natural(name, schema), rng), {"Organization"}),
    "transliteration": (transliterated, {"Person"}),
}


# ---------------------------------------------------------------------------------------------
# Pairs


def pair(kind, positive, entry, query, listed, party=None):
    """A labelled pair. `listed` is the name the query was made from; the query is scored against
    `party` (primary name, strong aliases, weak aliases), by default `listed` alone."""
    primary, strong, weak = party or (listed, [], [])
    return {"kind": kind, "label": "positive" if positive else "negative", "entry": entry.id, "schema": entry.schema,
            "query": query, "listed": listed, "primary": primary, "aliases": names_field(strong), "weak": names_field(weak)}


def names_field(names):
    return "|".join(clean(name).replace("|", " ") for name in names)


def generate(data):
    rng = random.Random(SEED)
    entries = read_un(data / "un_sc" / "un_consolidated_2026-02-27.xml") + read_sdn(data / "ofac_sdn_csv" / "full_2019")
    listed_keys = set()
    listed_tokens = []  # token sets of every listed name, for 'is this negative listed after all'
    for entry in entries:
        for name in [entry.primary] + entry.strong + entry.weak:
            listed_keys.add(key(name))
            listed_tokens.append(set(fold(name)))
    by_token = defaultdict(set)
    for i, tokens in enumerate(listed_tokens):
        for token in tokens:
            by_token[token].add(i)
    pairs = []

    def take(kind, candidates, make, rng=rng):
        """Up to POSITIVES_PER_KIND pairs of `kind`, one per entry, entries in random order;
        `make(entry)` gives (query, listed) or (query, listed, party), or None."""
        made = 0
        candidates = list(candidates)
        rng.shuffle(candidates)
        for entry in candidates:
            if made >= POSITIVES_PER_KIND:
                break
            item = make(entry)
            if item and item[0] and fold(item[0]) and item[0] != item[1]:
                pairs.append(pair(kind, True, entry, *item))
                made += 1

    def words(entry):
        return natural(entry.primary, entry.schema).split()

    for kind, (change, schemas) in VARIANTS.items():
        take(kind, [e for e in entries if e.schema in schemas],
             lambda entry, change=change: (change(entry.primary, entry.schema, rng), entry.primary))

    def alias_vs_primary(entry):
        # The list's own other spellings of the party's name: aliases whose every word is like
        # a word of the primary name, or the other way round (a name with words left out or
        # added), "like" meaning difflib's ratio at least 0.7; not the same words reordered.
        # So 'Sait Ruxheti' for 'RUSHITI, Sait' and 'Golfrate' for 'GOLFRATE HOLDINGS (ANGOLA)
        # LDA', but not an acronym or another identity ('Enrique Medina Saenz' for 'GAXIOLA
        # MEDINA, Rigoberto').
        def like(a, b):
            return all(any(SequenceMatcher(None, x, y).ratio() >= 0.7 for y in b) for x in a)
        primary = content_tokens(entry.primary)
        variants = [a for a in entry.strong if key(a) != key(entry.primary) and content_tokens(a) and primary
                    and (like(content_tokens(a), primary) or like(primary, content_tokens(a)))]
        if not variants:
            return None
        return natural(rng.choice(variants), entry.schema), entry.primary

    take("alias-vs-primary", entries, alias_vs_primary)

    def weak_alias(entry):
        # The weak alias as a person may write it: in other letters, an article or a romanisation
        # written differently, or a typing error; scored against the party (primary name + the
        # alias, marked weak).
        if not entry.weak:
            return None
        name = rng.choice(entry.weak)
        tokens = natural(name, entry.schema).split()
        how = rng.choice(["case", "article", "transliteration", "typo"])
        if how == "article" and any(article_variants(t) for t in tokens):
            i = rng.choice([i for i, t in enumerate(tokens) if article_variants(t)])
            tokens[i] = rng.choice(article_variants(tokens[i]))
        elif how == "transliteration" and any(transliterate(t, random.Random(0)) for t in tokens):
            i = rng.choice([i for i, t in enumerate(tokens) if transliterate(t, random.Random(0))])
            tokens[i] = transliterate(tokens[i], rng)
        elif how == "typo" and any(len(t) >= 5 for t in tokens):
            i = rng.choice([i for i, t in enumerate(tokens) if len(t) >= 5])
            tokens[i] = typo(tokens[i], rng, 1)
        else:
            return diacritics_and_case(" ".join(tokens), rng), name, (entry.primary, [], [name])
        return " ".join(tokens), name, (entry.primary, [], [name])

    take("weak-alias", entries, weak_alias)

    # A strong alias with one change of the kinds above (one that applies to it, drawn at random),
    # scored against the whole party as screening scores it: primary name, strong aliases, weak
    # aliases as weak. Aliases that are the primary name in another order or case are left out.
    # Drawn from a generator of its own, so that the other kinds' pairs do not depend on it.
    alias_rng = random.Random(SEED + 1)

    def changed_alias(entry):
        aliases = [a for a in entry.strong if key(a) != key(entry.primary)]
        if not aliases:
            return None
        alias = alias_rng.choice(aliases)
        kinds = sorted(kind for kind, (_, schemas) in VARIANTS.items() if entry.schema in schemas)
        alias_rng.shuffle(kinds)
        for kind in kinds:
            query = VARIANTS[kind][0](alias, entry.schema, alias_rng)
            if query and query != alias:
                return query, alias, (entry.primary, entry.strong, entry.weak)
        return None

    take("alias", entries, changed_alias, rng=alias_rng)

    # A name is not a negative if it is listed (as written or with its words in another order),
    # if all its words are words of one listed name (that party with a name left out), or if it
    # holds all the words of a listed primary name or strong alias (that party with a word added).
    whole = defaultdict(list)  # a word → content words of the strong names that have it
    for entry in entries:
        for name in [entry.primary] + entry.strong:
            tokens = content_tokens(name)
            if tokens:
                whole[min(tokens)].append(tokens)

    def unlisted(name):
        tokens = set(fold(name))
        if not tokens or key(name) in listed_keys:
            return False
        if set.intersection(*(by_token.get(t, set()) for t in tokens)):
            return False
        content = content_tokens(name)
        return not any(listed <= content for t in content for listed in whole.get(t, ()))

    all_names = []  # (entry, listed name)
    for entry in entries:
        for name in [entry.primary] + entry.strong:
            all_names.append((entry, name))
    name_tokens = [set(fold(name)) for _, name in all_names]
    names_by_token = defaultdict(list)
    for i, tokens in enumerate(name_tokens):
        for token in tokens:
            names_by_token[token].append(i)

    def closest(query, schema):
        """The listed name of that schema sharing the most words with the query (ties: the nearest
        in length, then the first); without a shared word, one whose last word starts alike."""
        tokens = set(fold(query))
        shared = Counter()
        for token in tokens:
            for i in names_by_token.get(token, ()):
                if all_names[i][0].schema == schema:
                    shared[i] += 1
        if shared:
            best = max(shared.values())
            choice = min((i for i, n in shared.items() if n == best), key=lambda i: (abs(len(name_tokens[i]) - len(tokens)), i))
            return all_names[choice]
        last = fold(query)[-1][:3]
        for i, (entry, name) in enumerate(all_names):
            if entry.schema == schema and fold(name) and fold(name)[-1].startswith(last):
                return all_names[i]
        return next(item for item in all_names if item[0].schema == schema)

    # Random: given names of one listed person with the family name of another of the same
    # programme; for organisations, the distinctive words of two of the same programme.
    groups = defaultdict(list)
    for entry in entries:
        if len(words(entry)) >= 2:
            groups[(entry.schema, entry.group)].append(entry)
    group_keys = sorted(k for k, v in groups.items() if len(v) >= 2)
    made, tries = 0, 0
    while made < NEGATIVES_PER_KIND and tries < NEGATIVES_PER_KIND * 50:
        tries += 1
        schema = "Person" if rng.random() < 0.75 else "Organization"
        choices = [k for k in group_keys if k[0] == schema]
        members = groups[rng.choice(choices)]
        a, b = rng.sample(members, 2)
        wa, wb = words(a), words(b)
        if schema == "Person":
            ua, ub = name_units(wa), name_units(wb)
            given = ua[:rng.choice([1, 1, 2])] if len(ua) > 2 else ua[:1]
            query = " ".join([w for unit in given + ub[-1:] for w in unit])
        else:
            distinctive_a = [w for w in split_legal_form(" ".join(wa))[0].split() if not is_legal(w)]
            distinctive_b = [w for w in split_legal_form(" ".join(wb))[0].split() if not is_legal(w)]
            if not distinctive_a or not distinctive_b:
                continue
            query = " ".join(distinctive_a[:1] + distinctive_b[-1:])
        if len(fold(query)) < 2 or not unlisted(query):
            continue
        entry, name = closest(query, schema)
        pairs.append(pair("random", False, entry, query, name))
        made += 1

    # Hard: one listed name's one or two most common words (counted over the listed parties of
    # its kind, each party once), the others replaced by words of other names of the same
    # programme, unlike the replaced ones. A legal form and initials stay as they are.
    frequency = {schema: Counter() for schema in ("Person", "Organization")}
    for entry in entries:
        frequency[entry.schema].update({word_key(w) for name in [entry.primary] + entry.strong for w in name.replace(",", " ").split()})
    donors = defaultdict(list)
    for entry in entries:
        for word in words(entry):
            # Names' own words, not particles, titles or words such as 'and' that join them.
            if len(word) >= 3 and not is_legal(word) and word.isalpha() and word_key(word) not in PARTICLES | JOINING_WORDS:
                donors[(entry.schema, entry.group)].append(word)
    sources = [e for e in entries if len(words(e)) >= 2 and len(donors[(e.schema, e.group)]) >= 20]
    made, tries = 0, 0
    while made < NEGATIVES_PER_KIND and tries < NEGATIVES_PER_KIND * 50:
        tries += 1
        entry = rng.choice(sources)
        body, legal_form = split_legal_form(natural(entry.primary, entry.schema))
        tokens = body.split()
        fixed = {i for i, t in enumerate(tokens) if len(word_key(t)) < 2 or is_legal(t)}
        free = [i for i in range(len(tokens)) if i not in fixed]
        if len(free) < 2:
            continue
        ranked = sorted(free, key=lambda i: (-frequency[entry.schema][word_key(tokens[i])], i))
        keep = set(ranked[:1 if len(free) == 2 else 2]) | fixed
        query = []
        for i, token in enumerate(tokens):
            if i in keep:
                query.append(token)
                continue
            for _ in range(20):
                other = word_case(rng.choice(donors[(entry.schema, entry.group)]))
                if SequenceMatcher(None, other.lower(), token.lower()).ratio() < 0.6 and other.lower() not in (t.lower() for t in tokens):
                    query.append(other)
                    break
            else:
                break
        if len(query) != len(tokens):
            continue
        query = " ".join(query) + legal_form
        if not unlisted(query):
            continue
        pairs.append(pair("hard", False, entry, query, entry.primary))
        made += 1

    background = sorted({(entry.schema, name) for entry in entries for name in [entry.primary] + entry.strong + entry.weak})
    return pairs, background, len(entries)


def write_tsv(path, pairs):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for item in pairs:
            handle.write("\t".join(clean(item[c]) for c in COLUMNS) + "\n")


def read_tsv(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_generated(data, out):
    pairs, background, entries = generate(data)
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / "pairs.tsv", pairs)
    with open(out / "names.tsv", "w", encoding="utf-8") as handle:
        for schema, name in background:
            handle.write(f"{schema}\t{clean(name)}\n")
    counts = Counter(p["kind"] for p in pairs)
    print(f"{len(pairs)} pairs from {entries} listed parties (UN {data / 'un_sc'}, SDN 2019): "
          + ", ".join(f"{kind} {counts[kind]}" for kind in POSITIVE_KINDS + NEGATIVE_KINDS))
    return out / "pairs.tsv", out / "names.tsv"


# ---------------------------------------------------------------------------------------------
# Anchors and the report


def load_reference():
    path = Path(__file__).with_name("screening-reference.py")
    spec = importlib.util.spec_from_file_location("screening_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def party_names(p):
    """The names a pair's query is scored against: primary name, strong aliases, weak aliases."""
    return [p["primary"]] + [n for n in p["aliases"].split("|") if n] + [n for n in p["weak"].split("|") if n]


def logic_v2_scorer():
    """nomenklatura's logic-v2 on two entities that have only names: the query as a Person or
    Organization with `name`; the listed party with its primary name in `name`, its strong aliases
    in `alias` and its weak ones in `weakAlias`."""
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    config = LogicV2.default_config()
    counter = iter(range(10**9))

    def entity(schema, name, aliases="", weak=""):
        made = model.make_entity(schema)
        made.id = f"e{next(counter)}"  # distinct ids: logic-v2 caches per entity
        made.add("name", name)
        for prop, names in (("alias", aliases), ("weakAlias", weak)):
            if names:
                made.add(prop, names.split("|"))
        return made

    def score(p):
        listed = entity(p["schema"], p["primary"], p["aliases"], p["weak"])
        return LogicV2.compare(entity(p["schema"], p["query"]), listed, config).score

    return score


def one_percent_threshold(negatives):
    """The lowest threshold that at most 1 % of the negatives reach."""
    ordered = sorted(negatives, reverse=True)
    allowed = len(ordered) // 100
    return ordered[allowed] + 1e-9 if allowed < len(ordered) else 0.0


def run(args):
    reference = load_reference()
    logic_v2 = logic_v2_scorer()
    work = Path(tempfile.mkdtemp(prefix="screening-variants-"))
    pairs_path, names_path = write_generated(Path(args.data), work)
    pairs = read_tsv(pairs_path)
    scores_path = work / "exportal-scores.tsv"
    done = subprocess.run([args.bench, "screening-variants", "--pairs", str(pairs_path), "--names", str(names_path),
                           "--output", str(scores_path)], check=True, capture_output=True, text=True)
    print(done.stdout.strip())
    default = float(re.search(r"default threshold ([0-9.]+)", done.stdout).group(1))
    floor = float(re.search(r"scores below ([0-9.]+)", done.stdout).group(1))
    exportal = read_tsv(scores_path)

    def best(p, scorer):
        return max(scorer(p["query"], name) for name in party_names(p))

    matchers = [
        ("Exportal", [float(row["score"]) for row in exportal], default, "ScreeningIndex.defaultThreshold"),
        ("logic-v2", [logic_v2(p) for p in pairs], 0.70, "yente's default score threshold"),
        ("JW+Soundex", [best(p, reference.jw_soundex) for p in pairs], 0.85, "no default of its own: nominal"),
        ("token_set", [best(p, reference.token_set) for p in pairs], 0.85, "no default of its own: nominal"),
    ]
    report(pairs, matchers, floor)
    if args.misses:
        misses(pairs, exportal, matchers[0], args.misses)
    if not args.keep:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    else:
        print(f"pairs and scores kept in {work}")


def report(pairs, matchers, floor):
    kinds = [k for k in POSITIVE_KINDS if any(p["kind"] == k for p in pairs)]
    counts = Counter(p["kind"] for p in pairs)
    width = 12
    thresholds = {}
    for name, scores, _, _ in matchers:
        negatives = [s for p, s in zip(pairs, scores) if p["label"] == "negative"]
        thresholds[name] = one_percent_threshold(negatives)

    def rate(name, scores, kind, threshold):
        chosen = [s for p, s in zip(pairs, scores) if p["kind"] == kind]
        return sum(s >= threshold for s in chosen) / len(chosen) if chosen else float("nan")

    header = f"{'':<26}" + "".join(f"{name:>{width}}" for name, *_ in matchers)
    print()
    print("Recall at the threshold that lets through 1 % of all negatives (random and hard together)")
    print(header)
    print(f"{'threshold':<26}" + "".join(f"{thresholds[name]:>{width}.3f}" for name, *_ in matchers))
    for kind in kinds:
        label = f"{kind} ({counts[kind]})" + (" *" if kind in OUT_OF_OVERALL else "")
        print(f"{label:<26}" + "".join(f"{rate(name, scores, kind, thresholds[name]):>{width}.3f}" for name, scores, *_ in matchers))
    overall = [p["label"] == "positive" and p["kind"] not in OUT_OF_OVERALL for p in pairs]
    counted = sum(overall)
    print(f"{'overall (' + str(counted) + ')':<26}" + "".join(
        f"{sum(s >= thresholds[name] for s, o in zip(scores, overall) if o) / counted:>{width}.3f}" for name, scores, *_ in matchers))
    for kind in NEGATIVE_KINDS:
        print(f"{'FP ' + kind + ' (' + str(counts[kind]) + ')':<26}" + "".join(
            f"{rate(name, scores, kind, thresholds[name]):>{width}.4f}" for name, scores, *_ in matchers))
    print("* reported apart, left out of the overall figure. weak-alias: OFAC does not expect screening on weak AKAs alone")
    print("  (its FAQ 124). alias-vs-primary: a strong alias against the primary name alone, which screening never does:")
    print("  lists record aliases that cannot be derived from the primary name, some of them other given names")
    print("  (Vyacheslav for Vladislav).")
    if thresholds["Exportal"] <= floor:
        print(f"(Exportal's threshold is at its scoring floor {floor}: lower the floor for a true figure)")

    print()
    print("At each matcher's default threshold (kinds marked * left out)")
    print(header)
    print(f"{'threshold':<26}" + "".join(f"{default:>{width}.3f}" for _, _, default, _ in matchers))
    rows = {"precision": [], "recall": [], "FP hard": [], "FP random": []}
    for name, scores, default, _ in matchers:
        tp = sum(s >= default for s, o in zip(scores, overall) if o)
        fp = sum(s >= default for p, s in zip(pairs, scores) if p["label"] == "negative")
        rows["precision"].append(tp / (tp + fp) if tp + fp else 1.0)
        rows["recall"].append(tp / counted)
        rows["FP hard"].append(rate(name, scores, "hard", default))
        rows["FP random"].append(rate(name, scores, "random", default))
    for row, values in rows.items():
        print(f"{row:<26}" + "".join(f"{v:>{width}.4f}" for v in values))
    for name, _, default, why in matchers:
        print(f"    {name}: {default} ({why})")
    negatives = sum(1 for p in pairs if p["label"] == "negative")
    print(f"(precision over {counted} positives and {negatives} negatives: it depends on that ratio)")

    # How the default threshold is chosen: the false-positive rate on hard negatives (innocent names
    # that share words with a listed one) against the recall given up, threshold by threshold.
    name, scores, default, _ = matchers[0]
    print()
    print(f"{name}'s threshold against its false positives (kinds marked * left out)")
    print(f"{'threshold':<12}{'recall':>10}{'FP hard':>10}{'FP random':>11}")
    for step in range(12, 19):
        threshold = step / 20
        recall = sum(s >= threshold for s, o in zip(scores, overall) if o) / counted
        marker = "  <- default" if abs(threshold - default) < 1e-9 else ""
        print(f"{threshold:<12.2f}{recall:>10.4f}{rate(name, scores, 'hard', threshold):>10.4f}"
              f"{rate(name, scores, 'random', threshold):>11.4f}{marker}")


def misses(pairs, exportal, matcher, which):
    name, scores, default, _ = matcher
    negatives = [s for p, s in zip(pairs, scores) if p["label"] == "negative"]
    threshold = one_percent_threshold(negatives)
    print()
    print(f"Exportal's misses at the 1 % threshold {threshold:.3f}, and its false alerts on hard negatives at {default}")
    for kind in POSITIVE_KINDS + ["hard"]:
        if which != "all" and which != kind:
            continue
        if kind == "hard":
            chosen = [(p, row) for p, row in zip(pairs, exportal) if p["kind"] == kind and float(row["score"]) >= default]
        else:
            chosen = [(p, row) for p, row in zip(pairs, exportal) if p["kind"] == kind and float(row["score"]) < threshold]
        print(f"  {kind}: {len(chosen)}")
        for p, row in sorted(chosen, key=lambda item: float(item[1]["score"])):
            print(f"    {float(row['score']):.3f} {p['query']} ~ {p['listed']} [{p['entry']}]: {row['features']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write pairs.tsv and names.tsv (standard library only)")
    gen.add_argument("--data", default="../shared/data")
    gen.add_argument("--out", required=True)
    bench = sub.add_parser("run", help="generate, score with Exportal and the anchors, print the table")
    bench.add_argument("--data", default="../shared/data")
    bench.add_argument("--bench", default=".build/release/exportal-bench")
    bench.add_argument("--misses", metavar="KIND", help="also list Exportal's misses of KIND ('all': every kind)")
    bench.add_argument("--keep", action="store_true", help="keep the temporary folder with pairs and scores")
    args = parser.parse_args()
    if args.command == "generate":
        write_generated(Path(args.data), Path(args.out))
    else:
        run(args)


if __name__ == "__main__":
    main()
