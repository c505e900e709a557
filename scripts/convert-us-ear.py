#!/usr/bin/env python3
"""Turn the US Export Administration Regulations data into an Exportal content tree.

    python3 scripts/convert-us-ear.py SOURCE_DIR OUTPUT_DIR

SOURCE_DIR must hold two JSON files made from the public eCFR (title 15):

    ccl.json             the Commerce Control List (Part 774, Supplement No. 1)
    country-chart.json   the Commerce Country Chart (Part 738, Supplement No. 1)

and may hold `country-groups.json` (Part 740, Supplement No. 1), which supplies the
destination groups A:1 ... E:2 of the ruleset. Without it only the embargo group is written.

What is written into OUTPUT_DIR (a complete content tree in the layout the Exportal loader reads):

    site.yml                          the site, jurisdiction us-ear
    controls/us-ccl/list.yml          metadata of the converted control list
    controls/us-ccl/category-N.yml    the entries of category N (0 to 9), with their reasons
                                      for control, Country Chart columns, other licence
                                      requirements and, where the data has them, sub-items
    rules/us-ear.yml                  the licensing ruleset: destination groups, the catch-all
                                      question, the Country Chart marks by ISO country code,
                                      the rules and the risk weights
    .converted-us-ear                 marker: this folder was written by this script, so a
                                      later run may replace it

What the conversion repairs or leaves out (each case is reported on standard error):

* Reasons for control come from `reasonForControl`; slips such as 'AT.' or 'MT NP' are read
  as the codes they name, other words ('foreign policy') are dropped. When nothing valid is
  left, the reasons named in the entry's License Requirements table are used; an entry with
  no reason either way is skipped.
* Country Chart columns and the other licence requirements come from that table; a cell that
  is not a plain column reference becomes a requirement "REASON: text".
* Sub-items are rebuilt from the flattened paragraph stream, which mixes in the lettered lists
  of notes; see the comment above `read_items`. Notes, technical notes, [Reserved] paragraphs
  and paragraphs whose parent is missing from the data are left out.
* Country names are mapped to ISO 3166-1 codes with the table COUNTRY_CODES below; a name it
  does not know stops the run. Kosovo has no ISO code and is left out. Hong Kong (China's row)
  and the Cayman Islands (the United Kingdom's) get the rows the EAR assigns them.

OUTPUT_DIR is created when missing and replaced as a whole when it holds the marker. An
existing folder without the marker is only used when it is empty; anything else is refused,
so the script never deletes files it did not write. Nothing is written until the whole input
has been read and checked.

The output is deterministic: the same input gives byte-identical files. Every YAML string is
written double-quoted (JSON string syntax, which is valid YAML), so the files do not depend on
a YAML library. Standard output gets one summary line; warnings about data that was dropped,
repaired or looks inconsistent go to standard error. Malformed input ends the run with exit
status 1 and a message of the form `path: error: message`.

The output holds regulation text (headings and paragraph text from the eCFR). It is test and
demonstration material, regenerated from the data whenever needed: do not commit it.
"""

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata

MARKER = ".converted-us-ear"
LIST_ID = "us-ccl"
RULESET_ID = "us-ear"

REASONS = ["NS", "MT", "NP", "CB", "CW", "AT", "RS", "CC", "FC", "EI", "SL", "UN", "SI", "SS"]
COLUMNS = ["CB1", "CB2", "CB3", "NP1", "NP2", "NS1", "NS2", "MT1", "RS1", "RS2", "FC1", "CC1", "CC2", "CC3",
           "AT1", "AT2"]
ECCN_RE = re.compile(r"^[0-9][A-E][0-9]{3}$")
SEGMENT_RE = re.compile(r"^(?:[a-z]{1,2}|[0-9]{1,2})$")
CODE_RE = re.compile(r"^[0-9][A-E][0-9]{3}(?:\.(?:[a-z]{1,2}|[0-9]{1,2}))*$")
COLUMN_REF_RE = re.compile(r"\b(CB|NP|NS|MT|RS|FC|CC|AT) Column (\d)\b\.?")
BARE_COLUMN_RE = re.compile(r"^Column (\d)\.?$")
BOILERPLATE_RE = re.compile(
    r"[\s,;]*(?:as follows[\s,:]*)?\(\s*see\s+list\s+of\s+items\s+controlled\s*\)\s*\.?\s*$", re.IGNORECASE)
LIST_JOINER_RE = re.compile(r"[;,]\s*(?:or|and)\s*$")   # '...; or' closing a list paragraph
TITLE_LIMIT = 300

# ISO 3166-1 alpha-2 codes for every spelling the EAR data uses (Country Chart rows, embargo
# pointers, the aliases of both files, Country Group tables, territories). Keys are compared
# after `name_key`: case-folded, accents removed, "&" read as "and", spaces collapsed.
# None marks a destination the EAR lists but ISO 3166-1 assigns no code to.
COUNTRY_CODES = {
    "afghanistan": "AF", "albania": "AL", "algeria": "DZ", "andorra": "AD", "angola": "AO",
    "antigua and barbuda": "AG", "argentina": "AR", "armenia": "AM", "aruba": "AW", "australia": "AU",
    "austria": "AT", "azerbaijan": "AZ", "bahamas, the": "BS", "the bahamas": "BS", "bahamas": "BS",
    "bahrain": "BH", "bangladesh": "BD", "barbados": "BB", "belarus": "BY", "belgium": "BE", "belize": "BZ",
    "benin": "BJ", "bhutan": "BT", "bolivia": "BO", "bosnia and herzegovina": "BA", "botswana": "BW",
    "brazil": "BR", "brunei": "BN", "bulgaria": "BG", "burkina faso": "BF", "burma": "MM", "myanmar": "MM",
    "burundi": "BI", "cambodia": "KH", "cameroon": "CM", "canada": "CA", "cape verde": "CV", "cabo verde": "CV",
    "cayman islands": "KY", "central african republic": "CF", "chad": "TD", "chile": "CL", "china": "CN",
    "china (prc)": "CN", "colombia": "CO", "comoros": "KM",
    "congo (democratic republic of the)": "CD", "congo (democratic republic of)": "CD",
    "congo (republic of the)": "CG", "costa rica": "CR", "cote d'ivoire": "CI",
    "cote d'lvoire": "CI",  # sic: a lower-case L in the Country Group B table
    "croatia": "HR", "cuba": "CU", "curacao": "CW", "cyprus": "CY", "czech republic": "CZ", "czechia": "CZ",
    "denmark": "DK", "djibouti": "DJ", "dominica": "DM", "dominican republic": "DO", "ecuador": "EC",
    "egypt": "EG", "el salvador": "SV", "equatorial guinea": "GQ", "eritrea": "ER", "estonia": "EE",
    "eswatini": "SZ", "swaziland": "SZ", "ethiopia": "ET", "fiji": "FJ", "finland": "FI", "france": "FR",
    "gabon": "GA", "gambia, the": "GM", "the gambia": "GM", "gambia": "GM", "georgia": "GE", "germany": "DE",
    "ghana": "GH", "greece": "GR", "grenada": "GD", "guatemala": "GT", "guinea": "GN", "guinea-bissau": "GW",
    "guyana": "GY", "haiti": "HT", "honduras": "HN", "hong kong": "HK", "hungary": "HU", "iceland": "IS",
    "india": "IN", "indonesia": "ID", "iran": "IR", "iraq": "IQ", "ireland": "IE", "israel": "IL",
    "italy": "IT", "jamaica": "JM", "japan": "JP", "jordan": "JO", "kazakhstan": "KZ", "kenya": "KE",
    "kiribati": "KI", "korea, north": "KP", "korea, south": "KR", "kosovo": None, "kuwait": "KW",
    "kyrgyzstan": "KG", "laos": "LA", "latvia": "LV", "lebanon": "LB", "lesotho": "LS", "liberia": "LR",
    "libya": "LY", "liechtenstein": "LI", "lithuania": "LT", "luxembourg": "LU", "macau": "MO", "macao": "MO",
    "madagascar": "MG", "malawi": "MW", "malaysia": "MY", "maldives": "MV", "mali": "ML", "malta": "MT",
    "marshall islands": "MH", "mauritania": "MR", "mauritius": "MU", "mexico": "MX",
    "micronesia (federated state of)": "FM", "micronesia, federated states of": "FM", "micronesia": "FM",
    "moldova": "MD", "monaco": "MC", "mongolia": "MN", "montenegro": "ME", "morocco": "MA",
    "mozambique": "MZ", "namibia": "NA", "nauru": "NR", "nepal": "NP", "netherlands": "NL",
    "new zealand": "NZ", "nicaragua": "NI", "niger": "NE", "nigeria": "NG", "north macedonia": "MK",
    "macedonia": "MK", "norway": "NO", "oman": "OM", "pakistan": "PK", "palau": "PW", "panama": "PA",
    "papua new guinea": "PG", "paraguay": "PY", "peru": "PE", "philippines": "PH", "poland": "PL",
    "portugal": "PT", "qatar": "QA", "romania": "RO", "russia": "RU", "rwanda": "RW",
    "st. kitts and nevis": "KN", "saint kitts and nevis": "KN", "st. lucia": "LC", "saint lucia": "LC",
    "st. vincent and the grenadines": "VC", "saint vincent and the grenadines": "VC", "samoa": "WS",
    "san marino": "SM", "sao tome and principe": "ST", "saudi arabia": "SA", "senegal": "SN", "serbia": "RS",
    "seycheles": "SC",  # sic: the Country Chart's spelling
    "seychelles": "SC", "sierra leone": "SL", "singapore": "SG",
    "sint maarten (the dutch two-fifths of the island of saint martin)": "SX", "sint maarten": "SX",
    "slovakia": "SK", "slovenia": "SI", "solomon islands": "SB", "somalia": "SO", "south africa": "ZA",
    "south sudan, republic of": "SS", "south sudan": "SS", "spain": "ES", "sri lanka": "LK", "sudan": "SD",
    "suriname": "SR", "sweden": "SE", "switzerland": "CH", "syria": "SY", "taiwan": "TW", "tajikistan": "TJ",
    "tanzania": "TZ", "thailand": "TH", "timor-leste": "TL", "east timor": "TL", "togo": "TG", "tonga": "TO",
    "trinidad and tobago": "TT", "tunisia": "TN", "turkiye": "TR", "turkey": "TR", "turkmenistan": "TM",
    "tuvalu": "TV", "uganda": "UG", "ukraine": "UA", "united arab emirates": "AE", "united kingdom": "GB",
    "united states": "US", "uruguay": "UY", "uzbekistan": "UZ", "vanuatu": "VU", "vatican city": "VA",
    "holy see": "VA", "venezuela": "VE", "vietnam": "VN", "viet nam": "VN", "western sahara": "EH",
    "yemen": "YE", "zambia": "ZM", "zimbabwe": "ZW",
}

# Country Group tables written as ruleset groups, in this order: (table key, group id).
GROUP_TABLES = [("A:1", "a1"), ("A:2", "a2"), ("A:3", "a3"), ("A:4", "a4"), ("A:5", "a5"), ("A:6", "a6"),
                ("B", "b"), ("D:1", "d1"), ("D:2", "d2"), ("D:3", "d3"), ("D:4", "d4"), ("D:5", "d5"),
                ("E:1", "e1"), ("E:2", "e2")]
REQUIRED_GROUPS = {"A:1", "D:1", "D:5", "E:1", "E:2"}


class InputError(Exception):
    """Malformed input: reported as `path: error: message`."""

    def __init__(self, path, message):
        super().__init__(message)
        self.path = path
        self.message = message


class Report:
    """Counts and warnings collected during one run."""

    def __init__(self):
        self.warnings = []
        self.skipped_entries = []      # (eccn, why)
        self.skipped_items = {}        # why -> count
        self.dropped_reasons = {}      # token -> [eccn]

    def warn(self, message):
        self.warnings.append(message)

    def skip_item(self, why, count=1):
        self.skipped_items[why] = self.skipped_items.get(why, 0) + count


# ---------------------------------------------------------------------------------------------
# Text helpers

def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def clean_title(text):
    """Whitespace collapsed, the '(see List of Items Controlled)' tail removed, long text cut."""
    text = collapse(text)
    stripped = BOILERPLATE_RE.sub("", text)
    stripped = LIST_JOINER_RE.sub("", stripped).rstrip(" ,;:")
    if stripped:
        text = stripped
    if len(text) > TITLE_LIMIT:
        cut = text[:TITLE_LIMIT]
        space = cut.rfind(" ")
        if space > TITLE_LIMIT // 2:
            cut = cut[:space]
        text = cut.rstrip(" ,;:") + "…"
    return text


def name_key(name):
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("&", " and ")
    return collapse(plain.casefold())


def yaml_str(value):
    """A double-quoted YAML scalar. JSON string syntax is valid YAML; characters YAML treats as
    line breaks or forbids in a stream are escaped as well."""
    text = json.dumps(value, ensure_ascii=False)
    out = []
    for ch in text:
        point = ord(ch)
        if point in (0x85, 0x2028, 0x2029, 0xFEFF) or 0x7F <= point <= 0x9F or 0xD800 <= point <= 0xDFFF \
                or point in (0xFFFE, 0xFFFF):
            out.append("\\u%04X" % point)
        else:
            out.append(ch)
    return "".join(out)


def yaml_list(values):
    return "[" + ", ".join(yaml_str(v) for v in values) + "]"


# ---------------------------------------------------------------------------------------------
# Reading input

def load_json(path, required):
    if not os.path.exists(path):
        if required:
            raise InputError(path, "file not found")
        return None
    try:
        with open(path, "r", encoding="utf-8") as handle:
            return json.load(handle)
    except UnicodeDecodeError as error:
        raise InputError(path, "not UTF-8 text (%s)" % error)
    except json.JSONDecodeError as error:
        raise InputError(path, "invalid JSON at line %d, column %d: %s" % (error.lineno, error.colno, error.msg))
    except OSError as error:
        raise InputError(path, "cannot read: %s" % error.strerror)


def need(path, container, key, kind, where="the top level"):
    if not isinstance(container, dict) or key not in container:
        raise InputError(path, "missing '%s' in %s" % (key, where))
    value = container[key]
    if not isinstance(value, kind):
        names = {dict: "an object", list: "an array", str: "a string"}
        raise InputError(path, "'%s' in %s must be %s" % (key, where, names.get(kind, str(kind))))
    return value


def issue_date(path, data):
    date = need(path, data, "ecfrIssueDate", str)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise InputError(path, "'ecfrIssueDate' must be a date YYYY-MM-DD, found %r" % date)
    return date


def source_url(path, data):
    source = need(path, data, "source", dict)
    url = need(path, source, "url", str, "'source'")
    if not re.match(r"^https?://[^/\s]+", url):
        raise InputError(path, "'source.url' must be an http(s) URL, found %r" % url)
    return url


# ---------------------------------------------------------------------------------------------
# Reasons for control and Country Chart columns

def parse_reasons(text, eccn, report):
    """Reasons named in a reasonForControl text, in order, without repeats.

    The text is split on commas. Obvious slips are repaired ('AT.', 'MT NP', 'MT and AT',
    'CC1'); anything else (for example 'foreign policy') is dropped and counted."""
    found = []
    if text is None:
        return found
    for raw in text.split(","):
        token = raw.strip().rstrip(".").strip()
        if token in REASONS:
            found.append(token)
            continue
        words = [w for w in re.split(r"\s+|\band\b", token) if w]
        column = re.fullmatch(r"([A-Z]{2})\s*\d", token)
        if words and all(w in REASONS for w in words):
            found.extend(words)
            report.warn("%s: reason for control %r read as %s" % (eccn, raw.strip(), ", ".join(words)))
        elif column and column.group(1) in REASONS:
            found.append(column.group(1))
            report.warn("%s: reason for control %r read as %s" % (eccn, raw.strip(), column.group(1)))
        else:
            report.dropped_reasons.setdefault(raw.strip() or "(empty)", []).append(eccn)
    unique = []
    for reason in found:
        if reason not in unique:
            unique.append(reason)
    return unique


def chart_data(path, entry, eccn, report):
    """(columns in canonical order, requirements in input order, reasons named by the controls)."""
    items = need(path, entry, "countryChart", list, "entry %s" % eccn)
    columns = set()
    requirements = []
    control_reasons = []
    for index, item in enumerate(items):
        where = "countryChart[%d] of %s" % (index, eccn)
        control = collapse(need(path, item, "control", str, where))
        text = collapse(need(path, item, "countryChart", str, where))
        prefix = control[:2]
        reason = prefix if prefix in REASONS else None
        if reason and reason not in control_reasons:
            control_reasons.append(reason)

        refs = [(m.group(1), m.group(2)) for m in COLUMN_REF_RE.finditer(text)]
        bare = BARE_COLUMN_RE.match(text)
        if bare and reason:
            refs = [(reason, bare.group(1))]
            report.warn("%s: chart cell %r has no reason; read as %s%s from its control %r"
                        % (eccn, text, reason, bare.group(1), control))
        for name, number in refs:
            column = name + number
            if column in COLUMNS:
                columns.add(column)
            else:
                report.warn("%s: unknown Country Chart column %r dropped" % (eccn, column))

        # A cell is a plain column reference when nothing is left once the column references,
        # and a repeat of the control text (as in 'CB applies to entire entry CB Column 2.'),
        # are taken away.
        rest = COLUMN_REF_RE.sub(" ", text)
        rest = collapse(rest)
        restated = collapse(COLUMN_REF_RE.sub(" ", control))
        if refs and restated and rest.startswith(restated):
            rest = rest[len(restated):]
        if bare:
            rest = ""
        if not rest.strip(" .,;:"):
            continue
        body = text
        if text.strip(" .").upper() in ("N/A", "") and control:
            body = control
            report.warn("%s: chart cell %r replaced by its control text in the requirement" % (eccn, text))
        label = reason if reason else control
        requirement = "%s: %s" % (label, body)
        if not reason:
            report.warn("%s: control %r names no reason for control; requirement labelled with the control text"
                        % (eccn, control))
        if requirement not in requirements:
            requirements.append(requirement)
    return [c for c in COLUMNS if c in columns], requirements, control_reasons


# ---------------------------------------------------------------------------------------------
# Sub-items
#
# The source flattens each entry's List of Items Controlled into one stream of paragraphs. Notes
# and technical notes inside that list have lettered lists of their own ('1A002 does not control:
# a. ...; b. ...'), and the stream gives those the same bare paragraph letters as real items.
# Taking the first paragraph with a given code would give real codes the titles of notes, and
# drop the real paragraphs that come later. So the stream is read as an outline:
#
# * A real paragraph must come after the previous real one in outline order: its first child,
#   or a later sibling of it or of one of its ancestors. One whose parent never appeared is
#   skipped ("parent missing").
# * A note list begins after a text or note line ending in ':' (or opening with a capitalised
#   heading such as 'MIXTURES:'), or where the letters go backwards.
# * Inside a note list, a paragraph is real again only when it is the very next real paragraph
#   (no gap) and cannot be the next item of the note list. When it could be both, it is real only
#   if the note list had ended (its last item ends with a full stop) and its own sub-paragraphs
#   follow; the first child of the last real paragraph is always real.
# * Text lines that begin with a paragraph code ('b.1 Being ...') keep their place in the outline
#   but are not written (only paragraphs the source marks as items are), nor is anything below.
# * If a note list found only by its letters going backwards has sub-paragraphs of its own, it
#   looks as much like the real list as the first run did: the entry gets no sub-items at all.

EMBEDDED_PARAGRAPH_RE = re.compile(r"^((?:[a-z]{1,2}|[0-9]{1,2})(?:\.(?:[a-z]{1,2}|[0-9]{1,2}))+)\.*\s+\S")
LIST_INTRO_RE = re.compile(r":\s*$|^[A-Z][A-Z ]{3,}:")
RESERVED_RE = re.compile(r"^(?:(?:through|to)\s+[a-z0-9.]+\.?\s*)?\[\s*reserved\s*\]\s*[.;]?\s*$", re.IGNORECASE)
FIRST_SEGMENTS = ("a", "1")


def rank(segment):
    if segment.isdigit():
        return int(segment)
    if len(segment) == 1:
        return ord(segment) - 96
    return 26 * (ord(segment[0]) - 96) + (ord(segment[1]) - 96)


def follows(previous, segments, strict):
    """Whether `segments` can come right after `previous` in an outline (strict: with no gap)."""
    if not previous:
        return len(segments) == 1 and (not strict or segments[0] in FIRST_SEGMENTS)
    if segments[:-1] == previous:
        return not strict or segments[-1] in FIRST_SEGMENTS
    depth = len(segments)
    if depth <= len(previous) and segments[:-1] == previous[:depth - 1]:
        sibling = previous[depth - 1]
        if sibling.isdigit() != segments[-1].isdigit():
            return False
        if strict:
            return rank(segments[-1]) == rank(sibling) + 1
        return rank(segments[-1]) > rank(sibling)
    return False


def closes_list(text):
    text = text.rstrip()
    return text.endswith(".") and not text.endswith(":")


def read_items(path, entry, eccn, report, trace=None):
    """The sub-item tree of one entry: a list of {'code', 'title', 'items'}; and the number kept.
    `trace`, when a list, receives (paragraph, verdict, text) for every paragraph read (debugging)."""
    raw = entry.get("items")
    if raw is None:
        return [], 0
    if not isinstance(raw, list):
        raise InputError(path, "'items' of %s must be an array" % eccn)

    candidates = []      # (segments, text, trigger_before, phantom)
    last_text = None     # the last text or note line since the last paragraph
    for index, element in enumerate(raw):
        where = "items[%d] of %s" % (index, eccn)
        if not isinstance(element, dict):
            raise InputError(path, "%s must be an object" % where)
        kind = element.get("kind")
        text = element.get("text")
        paragraph = element.get("paragraph")
        if not isinstance(kind, str) or not isinstance(text, str):
            raise InputError(path, "%s needs a string 'kind' and 'text'" % where)
        if paragraph is not None and not isinstance(paragraph, str):
            raise InputError(path, "'paragraph' of %s must be a string or null" % where)
        if kind != "item" or paragraph is None:
            line = collapse(text)
            embedded = EMBEDDED_PARAGRAPH_RE.match(line)
            if kind == "text" and embedded:
                # A paragraph the source kept as plain text ('b.1 Being ...'). It is not written,
                # but it holds its place in the outline, so that what follows is read correctly.
                candidates.append((tuple(embedded.group(1).split(".")), line, False, True))
                last_text = None
            else:
                last_text = line
            continue
        trigger = last_text is not None and bool(LIST_INTRO_RE.search(last_text))
        segments = tuple(paragraph.split("."))
        if not all(SEGMENT_RE.match(s) for s in segments):
            candidates.append((None, paragraph, trigger, False))
        else:
            candidates.append((segments, collapse(text), trigger, False))
        last_text = None

    accepted = {}        # segments -> node, for real paragraphs (including reserved ones)
    order = []           # real paragraphs in document order
    reserved = set()
    text_only = set()    # paragraphs the source has only as text lines: not written, nor what is below
    invalid = set()      # paragraphs with a bad segment, and everything below them
    real_last = ()
    note_mode = False
    note_last = None
    note_closed = False
    guessed_run = False  # the current note list was recognised only by its letters going back
    ambiguous = None
    dropped_notes = 0
    orphans = 0

    def next_paragraph(position):
        for later in candidates[position + 1:]:
            if later[0] is not None and not later[3]:
                return later
        return None

    for position, (segments, text, trigger_before, phantom) in enumerate(candidates):
        if segments is None:
            report.skip_item("paragraph code not of the form a.1.b")
            report.warn("%s: paragraph %r is not a valid sub-item code; skipped with its sub-paragraphs" % (eccn, text))
            invalid.add(text)
            continue
        if any(".".join(segments[:n]) in invalid for n in range(1, len(segments))):
            if phantom:
                continue
            report.skip_item("below a skipped paragraph")
            continue
        if trigger_before:
            note_mode, note_last, note_closed, guessed_run = True, None, False, False
        is_reserved = bool(RESERVED_RE.match(text))

        if not note_mode:
            if follows(real_last, segments, strict=False):
                verdict = "real"
            else:
                missing = [segments[:n] for n in range(1, len(segments)) if segments[:n] not in accepted]
                if missing and follows(real_last, missing[0], strict=False):
                    verdict = "orphan"
                else:
                    verdict = "note"
                    guessed_run = True
        else:
            can_real = follows(real_last, segments, strict=True)
            continues = note_last is not None and follows(note_last, segments, strict=True)
            starts = len(segments) == 1 and segments[0] in FIRST_SEGMENTS and note_last is None
            if can_real and (is_reserved or not (continues or starts)):
                verdict = "real"
            elif can_real and segments[:-1] == real_last and real_last:
                # The first sub-paragraph of the last real paragraph: it belongs there even when a note
                # item with the same letter came in between.
                verdict = "real"
            elif can_real and continues and note_closed:
                # The note list ended with a full stop, yet this could still be its next item. It is
                # taken as real only when its own sub-paragraphs follow (a note item rarely has any).
                following = next_paragraph(position)
                has_children = following is not None and not following[2] \
                    and following[0][:-1] == segments and following[0][-1] in FIRST_SEGMENTS
                verdict = "real" if has_children else "note"
            else:
                verdict = "note"

        if trace is not None:
            trace.append((".".join(segments), "text-" + verdict if phantom else verdict, text))
        if verdict == "real":
            note_mode, guessed_run = False, False
            real_last = segments
            accepted[segments] = {"code": eccn + "." + ".".join(segments), "title": clean_title(text), "items": []}
            if phantom:
                text_only.add(segments)
            else:
                order.append(segments)
            if is_reserved:
                reserved.add(segments)
        elif phantom:
            pass
        elif verdict == "orphan":
            orphans += 1
        else:
            # A note list found only because the letters went back, which then has paragraphs below
            # its own items, looks as much like the real list as the first one did.
            if guessed_run and len(segments) > 1 and ambiguous is None:
                ambiguous = "%s after %s" % (".".join(segments), ".".join(real_last))
            note_mode = True
            note_last, note_closed = segments, closes_list(text)
            dropped_notes += 1

    if ambiguous:
        total = len([c for c in candidates if c[0] is not None])
        report.skip_item("entry's paragraph list mixes in note lists that cannot be told apart", total)
        report.warn("%s: a note list found only by its letters going back has sub-paragraphs (%s), so it cannot be "
                    "told from the real list; all %d sub-items left out" % (eccn, ambiguous, total))
        return [], 0

    if dropped_notes:
        report.skip_item("paragraph of a note list inside the List of Items Controlled", dropped_notes)
    if orphans:
        report.skip_item("parent paragraph missing from the data", orphans)

    roots = []
    kept = 0
    for segments in order:
        node = accepted[segments]
        if any(segments[:n] in reserved for n in range(1, len(segments) + 1)):
            report.skip_item("[Reserved] paragraph or below one")
            continue
        if any(segments[:n] in text_only for n in range(1, len(segments))):
            report.skip_item("below a paragraph the source has only as a text line")
            continue
        if not node["title"]:
            report.skip_item("paragraph without text")
            reserved.add(segments)  # so that its children are skipped as well
            continue
        if not CODE_RE.match(node["code"]):
            report.skip_item("paragraph code not of the form a.1.b")
            reserved.add(segments)
            continue
        if len(segments) == 1:
            roots.append(node)
        else:
            accepted[segments[:-1]]["items"].append(node)
        kept += 1
    return roots, kept


# ---------------------------------------------------------------------------------------------
# The control list

def convert_ccl(path, data, report):
    entries_in = need(path, data, "entries", list)
    by_category = {str(n): [] for n in range(10)}
    seen = set()
    all_codes = set()
    item_count = 0
    for index, entry in enumerate(entries_in):
        if not isinstance(entry, dict):
            raise InputError(path, "entries[%d] must be an object" % index)
        eccn = need(path, entry, "eccn", str, "entries[%d]" % index)
        heading = need(path, entry, "heading", str, "entry %s" % eccn)
        reason_text = entry.get("reasonForControl")
        if reason_text is not None and not isinstance(reason_text, str):
            raise InputError(path, "'reasonForControl' of %s must be a string or null" % eccn)
        if not ECCN_RE.match(eccn):
            report.skipped_entries.append((eccn, "not an ECCN of the form 5A002"))
            continue
        if eccn in seen:
            report.skipped_entries.append((eccn, "duplicate ECCN"))
            continue
        seen.add(eccn)
        category = entry.get("category")
        if category is not None and category != eccn[0]:
            report.warn("%s: 'category' says %r; the ECCN's first digit is used" % (eccn, category))

        columns, requirements, control_reasons = chart_data(path, entry, eccn, report)
        reasons = parse_reasons(reason_text, eccn, report)
        if not reasons and control_reasons:
            reasons = control_reasons
            report.warn("%s: reasonForControl is %s; reasons taken from its License Requirements table: %s"
                        % (eccn, json.dumps(reason_text), ", ".join(reasons)))
        if not reasons:
            report.skipped_entries.append((eccn, "no valid reason for control (reasonForControl %s)"
                                           % json.dumps(reason_text, ensure_ascii=False)))
            continue
        missing = sorted({c[:2] for c in columns} - set(reasons))
        if missing:
            report.warn("%s: names Country Chart columns for %s, which its reasons (%s) do not include"
                        % (eccn, ", ".join(missing), ", ".join(reasons)))

        title = clean_title(heading)
        if not title:
            report.skipped_entries.append((eccn, "empty heading"))
            continue
        items, kept = read_items(path, entry, eccn, report)
        item_count += kept
        all_codes.add(eccn)
        stack = list(items)
        while stack:
            node = stack.pop()
            all_codes.add(node["code"])
            stack.extend(node["items"])
        by_category[eccn[0]].append({"code": eccn, "title": title, "reasons": reasons, "columns": columns,
                                     "requirements": requirements, "items": items})
    for entries in by_category.values():
        entries.sort(key=lambda e: e["code"])
    return by_category, all_codes, item_count


def write_item(lines, node, indent):
    pad = " " * indent
    lines.append("%s- code: %s" % (pad, yaml_str(node["code"])))
    lines.append("%s  title: %s" % (pad, yaml_str(node["title"])))
    if node["items"]:
        lines.append("%s  items:" % pad)
        for child in node["items"]:
            write_item(lines, child, indent + 4)


def category_file(number, entries):
    lines = ["# Category %s of the Commerce Control List, converted by scripts/convert-us-ear.py." % number,
             "# Regulation text from the eCFR: regenerate, do not edit or commit.",
             "entries:" if entries else "entries: []"]
    for entry in entries:
        lines.append("  - code: %s" % yaml_str(entry["code"]))
        lines.append("    title: %s" % yaml_str(entry["title"]))
        lines.append("    reasons: %s" % yaml_list(entry["reasons"]))
        lines.append("    regimes: []")
        lines.append("    chart_columns: %s" % yaml_list(entry["columns"]))
        lines.append("    requirements: %s" % yaml_list(entry["requirements"]))
        if entry["items"]:
            lines.append("    items:")
            for node in entry["items"]:
                write_item(lines, node, 6)
    return "\n".join(lines) + "\n"


def list_file(date, url):
    description = ("Converted by a script from the Commerce Control List as published in the electronic Code "
                   "of Federal Regulations. The conversion may leave out or misread entries and paragraphs, "
                   "and it drops the notes and technical notes; for any decision the official text of "
                   "15 C.F.R. Part 774 prevails.")
    return "\n".join([
        "id: %s" % LIST_ID,
        "title: %s" % yaml_str("US Commerce Control List (converted)"),
        "authority: %s" % yaml_str("US Department of Commerce, Bureau of Industry and Security"),
        "version: %s" % yaml_str(date),
        "effective: %s" % date,
        "source: %s" % yaml_str(url),
        "description: %s" % yaml_str(description),
    ]) + "\n"


def site_file():
    return "\n".join([
        "title: %s" % yaml_str("US Export Administration Regulations (converted)"),
        "organisation: %s" % yaml_str("Converted from public eCFR data"),
        "base_url: %s" % yaml_str("https://example.org/us-ear/"),
        "jurisdiction: %s" % yaml_str(RULESET_ID),
        "description: %s" % yaml_str("Commerce Control List and Country Chart, converted for licence "
                                     "determination tests."),
    ]) + "\n"


# ---------------------------------------------------------------------------------------------
# Countries, the Country Chart and the ruleset

class Countries:
    """Country names to ISO codes, with the aliases the data files bring."""

    def __init__(self):
        self.aliases = {}

    def add_aliases(self, path, aliases):
        if not isinstance(aliases, dict):
            raise InputError(path, "'aliases' must be an object")
        for alias, target in sorted(aliases.items()):
            if not isinstance(target, str):
                raise InputError(path, "alias %r must name a country" % alias)
            self.aliases.setdefault(name_key(alias), []).append(name_key(target))

    def lookup(self, name):
        """(known, code): code is None for a known destination without an ISO code."""
        key = name_key(name)
        if key in COUNTRY_CODES:
            return True, COUNTRY_CODES[key]
        for target in self.aliases.get(key, []):
            if target in COUNTRY_CODES:
                return True, COUNTRY_CODES[target]
        return False, None

    def check(self, path, names, report):
        unmapped = sorted({n for n in names if not self.lookup(n)[0]})
        if unmapped:
            raise InputError(path, "no ISO 3166-1 code known for: %s (add the spelling to COUNTRY_CODES)"
                             % "; ".join(unmapped))
        conflicts = []
        for name in names:
            key = name_key(name)
            if key in COUNTRY_CODES and key in self.aliases:
                for target in self.aliases[key]:
                    if target in COUNTRY_CODES and COUNTRY_CODES[target] != COUNTRY_CODES[key]:
                        conflicts.append("the aliases read '%s' (%s) as '%s' (%s)"
                                         % (name, COUNTRY_CODES[key], target, COUNTRY_CODES[target]))
        for conflict in sorted(set(conflicts)):
            report.warn("%s: %s; the name keeps its own code" % (path, conflict))


def chart_columns_of(path, name, marks):
    if not isinstance(marks, list) or not all(isinstance(m, str) for m in marks):
        raise InputError(path, "'marks' of %s must be an array of column names" % name)
    result = set()
    for mark in marks:
        column = mark.replace(" ", "")
        if column not in COLUMNS:
            raise InputError(path, "%s: unknown Country Chart column %r" % (name, mark))
        result.add(column)
    return [c for c in COLUMNS if c in result]


def convert_chart(path, data, countries, report):
    rows = need(path, data, "countries", dict)
    embargoed = need(path, data, "embargoed", dict)
    columns = need(path, data, "columns", list)
    if [str(c).replace(" ", "") for c in columns] != COLUMNS:
        report.warn("%s: column list differs from the expected %s" % (path, " ".join(COLUMNS)))
    inheritance = data.get("territoryInheritance") or {}
    if not isinstance(inheritance, dict):
        raise InputError(path, "'territoryInheritance' must be an object")
    countries.add_aliases(path, data.get("aliases") or {})
    names = list(rows) + list(embargoed) + list(countries_from_aliases(data.get("aliases") or {}))
    for territory, rule in inheritance.items():
        row = need(path, rule, "row", str, "territoryInheritance.%s" % territory)
        names += [territory, row]
    countries.check(path, names, report)

    marks = {}
    for name in sorted(rows):
        row = rows[name]
        if not isinstance(row, dict):
            raise InputError(path, "countries.%s must be an object" % name)
        marked = chart_columns_of(path, name, row.get("marks"))
        code = countries.lookup(name)[1]
        if code is None:
            report.warn("%s: Country Chart row '%s' has no ISO 3166-1 code and is left out" % (path, name))
            continue
        if code in marks:
            raise InputError(path, "two Country Chart rows map to %s (one is %s)" % (code, name))
        marks[code] = marked
    embargo_codes = []
    for name in sorted(embargoed):
        code = countries.lookup(name)[1]
        if code is None:
            raise InputError(path, "embargoed destination %s has no ISO code" % name)
        embargo_codes.append(code)
        if code in marks:
            report.warn("%s: embargoed %s also has a chart row; its marks are left out" % (path, name))
            del marks[code]
    inherited = []
    for territory in sorted(inheritance):
        code = countries.lookup(territory)[1]
        parent = countries.lookup(inheritance[territory]["row"])[1]
        if code in marks:
            report.warn("%s: %s already has its own chart row; the inherited row of %s is not used"
                        % (path, territory, inheritance[territory]["row"]))
            continue
        if parent not in marks:
            raise InputError(path, "territory %s inherits from %s, which has no chart row"
                             % (territory, inheritance[territory]["row"]))
        marks[code] = list(marks[parent])
        inherited.append("%s=%s" % (code, parent))
    return marks, sorted(embargo_codes), inherited


def countries_from_aliases(aliases):
    for alias, target in aliases.items():
        yield alias
        if isinstance(target, str):
            yield target


def convert_groups(path, data, countries, report):
    if data is None:
        report.warn("country-groups.json not found: only the embargo group is written")
        return []
    tables = need(path, data, "groups", dict)
    labels = data.get("labels") or {}
    countries.add_aliases(path, data.get("aliases") or {})
    missing = sorted(REQUIRED_GROUPS - set(tables))
    if missing:
        raise InputError(path, "missing Country Groups: %s" % ", ".join(missing))
    names = [n for key, _ in GROUP_TABLES for n in tables.get(key, [])]
    if not all(isinstance(n, str) for n in names):
        raise InputError(path, "Country Group tables must be arrays of country names")
    countries.check(path, names + list(countries_from_aliases(data.get("aliases") or {})), report)
    groups = []
    for key, group_id in GROUP_TABLES:
        if key not in tables:
            continue
        members = tables[key]
        if not isinstance(members, list):
            raise InputError(path, "groups.%s must be an array" % key)
        codes = set()
        for name in members:
            code = countries.lookup(name)[1]
            if code is None:
                report.warn("%s: Country Group %s member '%s' has no ISO 3166-1 code and is left out"
                            % (path, key, name))
                continue
            codes.add(code)
        # Hong Kong is no separate destination under the EAR (85 FR 83788); it is treated as China,
        # as the Country Chart's territory rule and this file's own aliases say.
        if "CN" in codes:
            codes.add("HK")
        label = labels.get(key)
        title = "Country Group %s" % key
        if isinstance(label, str) and label and label != title:
            title += " — " + label
        title += " (Part 740, Supplement No. 1)"
        groups.append((group_id, title, sorted(codes)))
    return groups


def all_destination_codes(path, data, known_codes, report):
    section = data.get("allDestinationsEntries")
    if section is None:
        report.warn("%s: no allDestinationsEntries; rule us.all-destinations names no codes" % path)
        return []
    if not isinstance(section, dict):
        raise InputError(path, "'allDestinationsEntries' must be an object")
    texts = list(section.get("noLicenceExceptions") or [])
    gov = section.get("govOnly") or {}
    if isinstance(gov, dict):
        texts += list(gov.get("entries") or [])
    codes = set()
    for text in texts:
        if not isinstance(text, str):
            raise InputError(path, "allDestinationsEntries must list strings")
        text = collapse(text)
        if not CODE_RE.match(text):
            report.warn("%s: all-destinations entry %r is qualified, not a plain code; not used in the rule"
                        % (path, text))
        elif text not in known_codes:
            report.warn("%s: all-destinations entry %s is not in the converted list; not used in the rule"
                        % (path, text))
        else:
            codes.add(text)
    return sorted(codes)


def ruleset_file(version_date, groups, embargoed, marks, all_destinations):
    lines = [
        "id: %s" % RULESET_ID,
        "title: %s" % yaml_str("US Export Administration Regulations (converted)"),
        "version: %s" % yaml_str("eCFR " + version_date),
        "lists: %s" % yaml_list([LIST_ID]),
        "groups:",
        "  - id: embargoed",
        "    title: %s" % yaml_str("Comprehensively embargoed destinations (Part 746)"),
        "    countries: %s" % yaml_list(embargoed),
    ]
    for group_id, title, codes in groups:
        lines += ["  - id: %s" % group_id,
                  "    title: %s" % yaml_str(title),
                  "    countries: %s" % yaml_list(codes)]
    lines += [
        "questions:",
        "  - id: part-744-end-use",
        "    text: %s" % yaml_str(
            "Do you know, or have you been informed, that the item is for a nuclear, missile, chemical or "
            "biological weapons end use, a military end use or end user, or a listed party (15 C.F.R. Part 744)?"),
        "    citation: %s" % yaml_str("15 C.F.R. Part 744"),
        "chart:",
        "  citation: %s" % yaml_str("15 C.F.R. Part 738, Supplement No. 1 (Commerce Country Chart)"),
        "  columns: %s" % yaml_list(COLUMNS),
        "  marks:",
    ]
    for code in sorted(marks):
        lines.append("    %s: %s" % (yaml_str(code), yaml_list(marks[code])))
    rules = [
        ("us.embargo", 10, '{destinations: ["embargoed"]}', None, "licence-required", "15 C.F.R. Part 746",
         "The destination is under a comprehensive US embargo: the Country Chart has no marks for it and Part 746 "
         "governs, so a missing mark never means that no licence is needed."),
        ("us.all-destinations", 20, '{classification: "listed", codes: %s}' % yaml_list(all_destinations), None,
         "licence-required", "15 C.F.R. 738.3(a)(1)",
         "These entries need a licence for every destination, so the Country Chart is not consulted for them."),
        ("us.country-chart", 30, '{classification: "listed"}', None, "country-chart", "15 C.F.R. 738.4",
         "Licence requirements follow from the Country Chart columns the entry names."),
        ("us.ear99-end-use", 40, '{classification: "not-listed"}', ["part-744-end-use"], "licence-required",
         "15 C.F.R. Part 744",
         "An item outside the Commerce Control List (EAR99) still needs a licence when it is meant for an end "
         "use, end user or listed party that Part 744 restricts."),
        ("us.ear99", 50, '{classification: "not-listed"}', None, "no-licence-required",
         "15 C.F.R. 734.3(c) and 738.4",
         "An EAR99 item going to a destination outside the comprehensive embargoes, with no Part 744 end-use "
         "or end-user concern, needs no licence."),
    ]
    lines.append("rules:")
    for rule_id, precedence, when, ask, outcome, citation, why in rules:
        lines += ["  - id: %s" % yaml_str(rule_id),
                  "    precedence: %d" % precedence,
                  "    when: %s" % when]
        if ask:
            lines.append("    ask: %s" % yaml_list(ask))
        lines += ["    outcome: %s" % yaml_str(outcome),
                  "    citation: %s" % yaml_str(citation),
                  "    why: %s" % yaml_str(why)]
    reason_weights = [("NS", 2), ("MT", 3), ("NP", 3), ("CB", 3), ("CW", 3), ("RS", 2), ("CC", 1), ("FC", 1),
                      ("EI", 1), ("AT", 1), ("UN", 3), ("SI", 2), ("SS", 1)]
    lines += [
        "risk:",
        "  medium_from: 3",
        "  high_from: 6",
        "  reasons: {%s}" % ", ".join("%s: %d" % (yaml_str(k), v) for k, v in reason_weights),
        "  regimes: {}",
        "  destinations: {%s}" % ", ".join("%s: %d" % (yaml_str(k), v)
                                          for k, v in [("embargoed", 10), ("d5", 4), ("d1", 2)]),
        "  roles: {%s}" % ", ".join("%s: %d" % (yaml_str(k), v)
                                   for k, v in [("intermediary", 2), ("freight-forwarder", 1), ("distributor", 1)]),
        "  missing_end_use_statement: 2",
        "  unclassified: 3",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Output folder

def prepare_output(output):
    """Refuses a folder this script did not write; returns whether an old tree is to be replaced."""
    if os.path.lexists(output) and not os.path.isdir(output):
        raise InputError(output, "exists and is not a folder; refusing to replace it")
    if not os.path.isdir(output):
        return False
    if os.path.isfile(os.path.join(output, MARKER)):
        return True
    if os.listdir(output):
        raise InputError(output, "folder is not empty and has no %s marker, so it was not written by this "
                                 "script; refusing to replace it (choose another folder or empty it)" % MARKER)
    return False


def write_tree(output, files, replace):
    if replace:
        shutil.rmtree(output)
    os.makedirs(output, exist_ok=True)
    for relative in sorted(files):
        target = os.path.join(output, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(files[relative])


# ---------------------------------------------------------------------------------------------

def run(source, output):
    report = Report()
    ccl_path = os.path.join(source, "ccl.json")
    chart_path = os.path.join(source, "country-chart.json")
    groups_path = os.path.join(source, "country-groups.json")
    if not os.path.isdir(source):
        raise InputError(source, "source folder not found")
    if os.path.realpath(source).startswith(os.path.realpath(output).rstrip(os.sep) + os.sep) \
            or os.path.realpath(source) == os.path.realpath(output):
        raise InputError(output, "the output folder must not contain the source folder")

    ccl = load_json(ccl_path, required=True)
    chart = load_json(chart_path, required=True)
    group_data = load_json(groups_path, required=False)
    for path, data in ((ccl_path, ccl), (chart_path, chart), (groups_path, group_data)):
        if data is not None and not isinstance(data, dict):
            raise InputError(path, "the top level must be an object")

    ccl_date = issue_date(ccl_path, ccl)
    ccl_url = source_url(ccl_path, ccl)
    chart_date = issue_date(chart_path, chart)
    if chart_date != ccl_date:
        report.warn("the CCL is dated %s and the Country Chart %s" % (ccl_date, chart_date))

    by_category, known_codes, item_count = convert_ccl(ccl_path, ccl, report)
    countries = Countries()
    marks, embargoed, inherited = convert_chart(chart_path, chart, countries, report)
    groups = convert_groups(groups_path, group_data, countries, report)
    all_destinations = all_destination_codes(chart_path, chart, known_codes, report)

    files = {
        MARKER: "Written by scripts/convert-us-ear.py. The whole folder is replaced on the next run.\n",
        "site.yml": site_file(),
        "controls/%s/list.yml" % LIST_ID: list_file(ccl_date, ccl_url),
        "rules/%s.yml" % RULESET_ID: ruleset_file(chart_date, groups, embargoed, marks, all_destinations),
    }
    for number, entries in sorted(by_category.items()):
        files["controls/%s/category-%s.yml" % (LIST_ID, number)] = category_file(number, entries)

    replace = prepare_output(output)
    write_tree(output, files, replace)

    for token, eccns in sorted(report.dropped_reasons.items()):
        report.warn("reason for control %r is not one of %s; dropped from %d entr%s: %s"
                    % (token, " ".join(REASONS), len(eccns), "y" if len(eccns) == 1 else "ies", ", ".join(eccns)))
    for eccn, why in report.skipped_entries:
        report.warn("%s: entry skipped: %s" % (eccn, why))
    for why, count in sorted(report.skipped_items.items()):
        report.warn("sub-items skipped: %d (%s)" % (count, why))
    if inherited:
        report.warn("chart rows added for territories: %s" % ", ".join(inherited))
    for message in report.warnings:
        print("warning: " + message, file=sys.stderr)

    entry_count = sum(len(e) for e in by_category.values())
    skipped_items = sum(report.skipped_items.values())
    print("convert-us-ear: %d entries, %d sub-items, %d countries with chart rows (+%d embargoed), "
          "%d skipped (%d entries, %d sub-items), %d warnings -> %s"
          % (entry_count, item_count, len(marks), len(embargoed), len(report.skipped_entries) + skipped_items,
             len(report.skipped_entries), skipped_items, len(report.warnings), output))


def main():
    parser = argparse.ArgumentParser(
        description="Convert the US EAR data (ccl.json, country-chart.json) into an Exportal content tree.")
    parser.add_argument("source", metavar="SOURCE_DIR", help="folder with ccl.json and country-chart.json")
    parser.add_argument("output", metavar="OUTPUT_DIR", help="content folder to write (replaced if written before)")
    args = parser.parse_args()
    try:
        run(args.source, args.output)
    except InputError as error:
        print("%s: error: %s" % (error.path, error.message), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
