"""People's names, without a language model.

Evidence, strongest first:
1. a title or rank before a capitalised word ("PC Ahmed", "Mrs O'Neill",
   "Detective Sergeant Lena Hart"); a single letter after it ("Mr G",
   "Officer A") is an anonymised label and passes;
2. a relation or "named"/"called" before a name ("his daughter Maya",
   "her son, Tom,", "a man named Lewis");
3. a known first name followed by a surname ("Daniel Price", "daniel price",
   "Gareth Pryce's van", "Eleanor Whitfield-Barnes"), where the surname is in
   the surname list or is not an ordinary English word;
4. a known first name on its own ("Declan arrived").

A first name that is also an ordinary word ("Bill", "Grace", "Will",
"Dawn") needs more: a clear surname, and at the start of a sentence or in a
Title-Case heading an unambiguous one. Words followed by a place or
organisation word ("Victor Hugo Road", "St Mary's Primary School") are left to
the quasi-identifier checks.
"""
from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator
from itertools import compress

from ..registry import register
from ..rules import Rules
from ..text import Token, Tokens, _compute_key, _DIGIT_RE, lookup_all
from .base import ERROR, FunctionDetector, Hit, PatternDetector, Scan

_TITLES = tuple(tuple(title.split()) for title in (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev",
    "Revd", "Reverend", "Father", "Imam", "Rabbi", "Pastor", "Councillor", "Cllr", "Judge", "Nurse",
    "Headteacher", "Officer", "PC", "PS", "DC", "DS", "DI", "DCI", "DSI", "DSU", "Supt", "Ch Supt",
    "Chief Superintendent", "Superintendent", "CI", "Insp", "Inspector", "Chief Inspector", "Sgt",
    "Sergeant", "Constable", "Police Constable", "Special Constable", "SC", "PCSO", "Detective",
    "Detective Constable", "Detective Sergeant", "Detective Inspector", "Detective Chief Inspector",
    "Detective Superintendent", "Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable",
    "Commissioner", "Matron", "PCs", "DCs", "DSs", "PSs", "PCSOs", "Sgts", "Sergeants", "Inspectors",
    "Officers", "Drs", "Messrs", "Mr and Mrs",
))
# After these a list of names may follow: "PCs Ali and Reeves".
_PLURAL_TITLES = frozenset({"PCs", "DCs", "DSs", "PSs", "PCSOs", "Sgts", "Sergeants",
                            "Inspectors", "Officers", "Drs", "Messrs"})
# Titles that people also write in lower case ("mr daniel price").
_LOWERCASE_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_MAX_TITLE_WORDS = max(map(len, _TITLES))
_TITLE_SET = frozenset(_TITLES) | frozenset(tuple(w.upper() for w in t) for t in _TITLES)
_TITLE_FIRST_WORDS = frozenset(t[0] for t in _TITLE_SET) | _LOWERCASE_TITLES

_RELATIONS = frozenset((
    "son", "daughter", "mother", "father", "mum", "mom", "mam", "dad", "brother", "sister", "wife",
    "husband", "partner", "ex-partner", "ex-wife", "ex-husband", "ex", "boyfriend", "girlfriend",
    "ex-boyfriend", "ex-girlfriend", "fiance", "fiancee", "fiancé", "fiancée", "uncle", "aunt", "auntie",
    "aunty", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandmother", "grandfather", "grandad",
    "granddad", "grandpa", "grandson", "granddaughter", "grandchild", "cousin", "nephew", "niece",
    "stepson", "stepdaughter", "stepfather", "stepmother", "stepdad", "stepmum", "stepbrother",
    "stepsister", "half-brother", "half-sister", "child", "baby", "toddler", "friend", "neighbour",
    "neighbor", "flatmate", "housemate", "colleague", "carer", "twin", "sibling", "brother-in-law",
    "sister-in-law", "mother-in-law", "father-in-law", "son-in-law", "daughter-in-law",
))
_NAMING_WORDS = frozenset({"named", "called", "nicknamed", "aka", "alias"})
# Particles inside a surname ("van der Berg", "da Silva", "bin Laden").
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "du", "del", "della",
                        "le", "la", "al", "el", "bin", "ibn", "ben", "ap", "ter", "dos"})
# After a name-like word these make it a place or organisation, not a person
# ("Victor Hugo Road", "Beaumont Leys estate", "Nolan Principles").
_ORG_FOLLOWERS = frozenset((
    "road", "rd", "street", "st", "avenue", "ave", "lane", "close", "drive", "way", "crescent", "gardens",
    "grove", "place", "terrace", "walk", "square", "rise", "row", "mews", "parade", "estate", "school",
    "primary", "secondary", "junior", "infant", "academy", "college", "university", "hospital", "infirmary",
    "centre", "center", "station", "police", "council", "trust", "foundation", "group", "ltd", "limited",
    "plc", "mosque", "temple", "gurdwara", "synagogue", "cathedral", "library", "museum", "stadium",
    "arena", "theatre", "club", "fc", "act", "report", "review", "inquiry", "principles", "award", "prize",
    "fund", "surgery", "practice", "pharmacy", "airport", "prison", "institute", "village", "town", "city",
    "partnership", "team", "unit", "network", "project", "programme", "scheme", "campaign", "hotel", "inn",
    "arms", "pub", "cafe", "restaurant", "shop", "stores", "supermarket", "services", "service",
    "industrial", "retail", "business", "leisure", "sports", "community", "county", "borough", "district",
    "division", "constabulary", "shopping", "line", "lines", "day", "week", "weekend", "festival", "appeal",
    "memorial", "charity", "radio", "news", "mercury", "echo", "times", "gazette", "herald", "express",
    "telegraph", "mail", "bus", "railway",
))
# Role words that can follow a title without being a name ("Lord Mayor").
_ROLE_WORDS = frozenset((
    "mayor", "chancellor", "chief", "justice", "lieutenant", "bishop", "president", "secretary", "chairman",
    "chair", "speaker", "commissioner", "general", "major", "provost", "sheriff", "advocate", "governor",
    "deputy", "advocate", "lord", "lady",
))
# These are place words too, but also common surnames: after a clear first
# name they are the surname ("Jennifer Hall"), otherwise a place ("Rose Hill").
_PLACE_SURNAMES = frozenset((
    "hall", "house", "bridge", "brook", "wood", "woods", "lake", "river", "church", "chapel", "park",
    "market", "bank", "banks", "green", "hill", "hills", "farm", "lodge", "tower", "court", "field",
    "fields", "ward", "valley", "forest", "building", "lane", "street", "gate", "heath", "moor", "dale",
    "vale", "cross",
))
# NATO phonetic alphabet: police call signs ("Victor Charlie Two").
_PHONETIC = frozenset((
    "alpha", "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "whisky", "xray", "x-ray", "yankee", "zulu", "zero", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine",
))
# Before a name-like word these make it a place or organisation.
_ORG_PRECEDERS = frozenset({"st", "saint", "mount", "lake", "port", "fort", "cape", "hmp", "hms",
                            "hmyoi", "operation", "storm", "hurricane"})
# Words that follow a lower-case first name without being its surname.
_FUNCTION_WORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "asked", "at", "away", "back", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "came", "can", "could", "day", "did", "do", "does", "doing", "done", "down",
    "during", "each", "else", "even", "ever", "every", "few", "first", "for", "from", "further", "gave",
    "get", "gets", "getting", "go", "goes", "going", "gone", "got", "had", "has", "have", "having", "he",
    "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "itself", "just", "knew", "know", "last", "later", "left", "let", "like", "made", "make", "many",
    "may", "me", "might", "more", "most", "much", "must", "my", "myself", "never", "next", "no", "nor",
    "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "our", "ours", "out",
    "over", "own", "posted", "rang", "reported", "said", "saw", "say", "says", "see", "seen", "sent", "she",
    "should", "since", "so", "some", "still", "such", "take", "taken", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "though", "through", "to", "told",
    "too", "took", "under", "until", "up", "upon", "us", "very", "was", "we", "went", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yesterday", "yet", "you", "your", "yours",
))
# Verbs that, right after two capitalised words, show they name a person
# ("Grace Brown said"), even at the start of a sentence.
_SPEECH_VERBS = frozenset((
    "said", "says", "told", "posted", "admitted", "denied", "claimed", "replied", "wrote", "explained",
    "confirmed", "added", "who", "whose",
))
# Labels a name follows: "Name: …", "surname: …", "her surname is …".
_NAME_LABELS = frozenset({"name", "surname", "forename", "firstname", "lastname"})
_LABEL_GAP_RE = re.compile(r"\A[ \t]*:?[ \t]*\Z")
_LOWERCASE_TRIGGERS = _RELATIONS | _NAMING_WORDS | _LOWERCASE_TITLES | _NAME_LABELS | {"known"}
_LETTER_LABELS = frozenset("ABCDEFGHJKLMNOPQRSTUVWXYZ")
# A single capital letter (a token holds no line break, so this is r"^[A-Z]$").
_INITIALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TITLE_GAP_RE = re.compile(r"\A\.?[ \t]*(?:\r?\n[ \t]*)?\Z")
_NAME_GAP_RE = re.compile(r"\A[ \t]*(?:\r?\n[ \t]*)?\Z")
_INITIAL_GAP_RE = re.compile(r"\A\.?[ \t]*(?:\r?\n[ \t]*)?\Z")
_RELATION_GAP_RE = re.compile(r"\A[ \t]*[,(\"'“‘]?[ \t]*(?:\r?\n[ \t]*)?\Z")

_LEADING_MARKUP = " \t#*_>\"'“‘([-+0123456789.)"
# Strength of the evidence that a word is a first name or a surname.
KNOWN, STRONG, FREQUENT_WEAK, WEAK, NONE = 4, 3, 2, 1, 0


class _Lines:
    """Which lines are mostly upper case (headings in capitals) or Title Case."""

    def __init__(self, scan: Scan) -> None:
        self._scan = scan
        self._cache: dict[int, tuple[bool, bool]] = {}

    def style(self, token: Token) -> tuple[bool, bool]:
        text = self._scan.text
        start = text.rfind("\n", 0, token.start) + 1
        if start not in self._cache:
            end = text.find("\n", token.start)
            words = [w for w in re.findall(r"[^\W\d_]+", text[start:end if end != -1 else None])]
            upper = sum(1 for w in words if len(w) > 1 and w.isupper())
            capitalised = sum(1 for w in words if w[0].isupper())
            self._cache[start] = (
                len(words) >= 2 and upper / len(words) >= 0.6,
                len(words) >= 4 and capitalised / len(words) >= 0.7,
            )
        return self._cache[start]


def _first_strength(key: str, rules: Rules) -> int:
    """_NameFinder.first_strength of a word with this key."""
    if len(key) < 2 or not rules.is_first_name(key):
        return NONE
    if key in _FUNCTION_WORDS and key not in rules.ordinary_words:
        return NONE  # "An", "So": listed as names somewhere, never one here
    return WEAK if rules.is_ambiguous_name(key) else STRONG


class _NameFinder:
    def __init__(self, scan: Scan, detector: FunctionDetector) -> None:
        self.scan = scan
        self.text = scan.text
        self.tokens = scan.tokens
        # Plain lists, for the checks that need only a word's text or key:
        # quicker than making its Token.
        self.starts, self.texts, self.keys = self.tokens.starts, self.tokens.texts, self.tokens.keys
        self.count = len(self.tokens)
        self.rules: Rules = scan.rules
        self.detector = detector
        self.lines = _Lines(scan)

    # --- token predicates -------------------------------------------------------
    def gap(self, i: int, pattern: re.Pattern[str]) -> bool:
        """Whether only `pattern` lies between token i-1 and token i."""
        between = self.text[self.starts[i - 1] + len(self.texts[i - 1]):self.starts[i]]
        return between == " " or bool(pattern.match(between))

    def capitalised(self, t: Token) -> bool:
        # t.is_word and t.is_capitalised, then t.is_upper, spelt out: this runs
        # for most words the scan stops at.
        text = t.text
        if t.has_digit or not text[:1].isupper():
            return False
        if len(text) > 1 and text.isupper():
            return self.lines.style(t)[0]  # capitals are acronyms outside upper-case lines
        return True

    def is_initial(self, t: Token) -> bool:
        return t.text in _INITIALS

    def first_strength(self, t: Token) -> int:
        """STRONG for a first name, WEAK for one that is also a word ("Grace")."""
        return _first_strength(t.key, self.rules)

    def surname_strength(self, t: Token) -> int:
        """KNOWN: a listed surname that is not a common word ("Okafor", "Turner");
        FREQUENT_WEAK: a frequent surname that is one ("Price", "Ward");
        WEAK: a rare surname that is one ("Mile"); STRONG: in no list and no
        English word ("Kealey"); NONE: an ordinary word."""
        key = t.key
        if len(key) < 2 or key in _FUNCTION_WORDS:
            return NONE
        if self.rules.is_surname(key):
            if not self.rules.is_common(key):
                return KNOWN
            return FREQUENT_WEAK if key in self.rules.frequent_surnames else WEAK
        if any(self.rules.is_word(p) for p in key.split("-")):
            return NONE
        return STRONG

    def org_follows(self, i: int, *, place_surnames: bool = False) -> bool:
        """Token i (if any) is a place/organisation word right after a name."""
        if i >= self.count or not self.gap(i, _NAME_GAP_RE):
            return False
        key = self.keys[i]
        return key in _ORG_FOLLOWERS or (place_surnames and key in _PLACE_SURNAMES)

    def org_precedes(self, i: int) -> bool:
        return i > 0 and self.keys[i - 1] in _ORG_PRECEDERS and self.gap(i, _TITLE_GAP_RE)

    def sentence_initial(self, t: Token) -> bool:
        """First word of its sentence, line or list item (markup aside)."""
        start = max(self.scan.sentence_span(t.start)[0], self.text.rfind("\n", 0, t.start) + 1)
        return not self.text[start:t.start].strip(_LEADING_MARKUP)

    # --- patterns ------------------------------------------------------------------
    def title_at(self, i: int) -> int | None:
        """Index after a title starting at token i, or None."""
        if self.texts[i] not in _TITLE_FIRST_WORDS:
            return None
        for length in range(min(_MAX_TITLE_WORDS, self.count - i), 0, -1):
            words = tuple(self.texts[i:i + length])
            if words in _TITLE_SET and all(self.gap(k, _NAME_GAP_RE) for k in range(i + 1, i + length)):
                return i + length
        if self.tokens[i].text in _LOWERCASE_TITLES:
            return i + 1
        return None

    def collect(self, i: int, *, allow_lower: bool = False) -> int:
        """Index after the run of name-like tokens starting at token i (at most 4)."""
        tokens = self.tokens
        k = i
        while k < self.count and k - i < 4:
            if k > i:
                gap_pattern = _INITIAL_GAP_RE if self.texts[k - 1] in _INITIALS else _NAME_GAP_RE
                if not self.gap(k, gap_pattern) or self.keys[k] in _ORG_FOLLOWERS:
                    break
            t = tokens[k]
            if self.capitalised(t) or (allow_lower and t.is_word and t.is_lower and len(t.text) > 1):
                k += 1
                if t.possessive:
                    break
                continue
            # A particle inside a surname ("van der Berg"), if a capitalised word follows.
            if k > i and t.key in _PARTICLES and k + 1 < self.count and self.capitalised(tokens[k + 1]):
                k += 1
                continue
            break
        return k

    def lowercase_name_word(self, k: int) -> bool:
        """A lower-case word that is a listed name and not a function word."""
        t = self.tokens[k]
        return t.is_lower and t.key not in _FUNCTION_WORDS and (
            self.rules.is_first_name(t.key) or self.rules.is_surname(t.key))

    def trim(self, j: int, end: int) -> int:
        """Drop words after a name that cannot be part of it ("Okafor About The Case")."""
        for k in range(j + 1, end):
            if self.tokens[k].key in _FUNCTION_WORDS:
                end = k
                break
        while end - j > 1 and self.surname_strength(self.tokens[end - 1]) == NONE \
                and not self.is_initial(self.tokens[end - 1]):
            end -= 1
        return end

    def after_title(self, j: int, title_lower: bool) -> int | None:
        if j >= len(self.tokens) or not self.gap(j, _TITLE_GAP_RE):
            return None
        if self.tokens[j].has_digit and j + 1 < len(self.tokens) and self.gap(j + 1, _NAME_GAP_RE):
            j += 1  # "PC 1234 Ahmed": the collar number has its own detector
        first = self.tokens[j]
        if first.is_lower and not title_lower:
            # "PC ahmed" is rare; "Inspector agreed" is not.
            strong = self.first_strength(first) == STRONG and first.key not in _FUNCTION_WORDS
            return j + 1 if strong else None
        if title_lower:
            k = j
            while k < len(self.tokens) and k - j < 3 and self.lowercase_name_word(k) and (
                    k == j or self.gap(k, _NAME_GAP_RE)):
                k += 1
            return k if k > j else None
        end = self.collect(j)
        if end == j:
            return None
        end = self.trim(j, end)
        name = self.tokens[j:end]
        if len(name) == 1 and (self.is_initial(first) or first.text in _LETTER_LABELS):
            return None  # "Mr G", "Officer A": already anonymised
        if self.org_follows(end) or (len(name) == 1 and first.key in _ROLE_WORDS):
            return None
        # In a Title-Case heading every word is capitalised, so only a listed
        # name counts: "## Officer Wellbeing After Incidents" names no one.
        if self.lines.style(first)[1] and not (self.rules.is_first_name(first.key)
                                                or self.rules.is_surname(first.key)):
            return None
        known = any(self.rules.is_first_name(t.key) or self.rules.is_surname(t.key) for t in name)
        if not known and all(self.rules.is_word(t.key) for t in name if not self.is_initial(t)):
            return None  # "Dr Who", "Officer Safety"
        return end

    def after_relation(self, j: int, *, needs_first_name: bool = False) -> int | None:
        """The name after "his daughter", "her son," or (needs_first_name) "named"."""
        if j >= len(self.tokens) or not self.gap(j, _RELATION_GAP_RE):
            return None
        first = self.tokens[j]
        if first.is_word and first.is_lower:
            return j + 1 if self.first_strength(first) == STRONG else None
        if not self.capitalised(first) or self.is_initial(first) or self.org_follows(j + 1):
            return None
        if self.first_strength(first) == NONE:
            if self.rules.is_word(first.key) or first.key in _FUNCTION_WORDS:
                return None
            # After "named", "called" or "known as" a surname alone is a name
            # ("a man called Hargreaves"); an app, a group or a place is not.
            if needs_first_name and not (self.rules.is_surname(first.key)
                                         and not self.scan.is_allowed(first.start, first.end)):
                return None
        end = self.collect(j)
        if self.org_follows(end):
            return None
        return max(self.trim(j, end), j + 1)

    def after_label(self, i: int) -> tuple[int, int] | None:
        """(first, after last) token of the name after "Name:", "surname:", "her
        surname is" (token i is the label). Anything capitalised there is a name
        unless it is an ordinary word and no surname ("its name is Signal")."""
        j = i + 1
        if j < self.count and self.texts[j] in ("is", "was") and self.gap(j, _NAME_GAP_RE):
            j += 1
        if j >= self.count or not self.gap(j, _LABEL_GAP_RE):
            return None
        first = self.tokens[j]
        if not self.capitalised(first) or self.is_initial(first) or first.key in _FUNCTION_WORDS:
            return None
        if (self.first_strength(first) == NONE and self.rules.is_word(first.key)
                and not self.rules.is_surname(first.key)):
            return None
        if self.scan.is_allowed(first.start, first.end) or self.org_follows(j + 1):
            return None
        end = self.collect(j)
        if self.org_follows(end):
            return None
        return j, max(self.trim(j, end), j + 1)

    def full_name(self, i: int, end: int) -> tuple[int, int] | None:
        """The name within tokens[i:end], a run of capitalised words, if any."""
        tokens = self.tokens
        if sum(1 for t in tokens[i:end] if t.key in _PHONETIC) >= 2:
            return None  # a call sign: "Victor Charlie Two"
        # Leading ordinary words ("Yesterday Daniel Price") are not part of it.
        while end - i > 2 and self.first_strength(tokens[i]) == NONE and not self.is_initial(tokens[i]) \
                and self.rules.is_word(tokens[i].key):
            i += 1
        if end - i < 2:
            return None
        while end - i > 2 and self.surname_strength(tokens[end - 1]) == NONE:
            end -= 1
        first, last = tokens[i], tokens[end - 1]
        surname = self.surname_strength(last)
        if self.is_initial(first):
            letter_ok = first.text not in ("A", "I") or self.text[first.end:first.end + 1] == "."
            listed = surname in (KNOWN, FREQUENT_WEAK, WEAK)
            return (i, end) if letter_ok and listed and not self.is_initial(last) else None
        if surname == NONE or self.is_initial(last):
            return None
        given = self.first_strength(first)
        if given == NONE:
            # A given name missing from the lists ("Oluwaseun Adeyemi"): only
            # before a listed surname, and never a listed place ("Leicester Mercury").
            if (end - i == 2 and surname == KNOWN and not self.rules.is_word(first.key)
                    and not self.rules.is_surname(first.key)
                    and not self.scan.is_allowed(first.start, first.end)):
                return i, end
            return None
        if last.key in _PLACE_SURNAMES and (given != STRONG or self.scan.is_allowed(first.start, first.end)):
            return None  # "Rose Hill", "Summer Lane", "Victoria Park": places
        if self.scan.is_allowed(first.start, first.end) and surname not in (KNOWN, FREQUENT_WEAK):
            return None  # an allowed brand or place first: "Kia Sportage", "Jordan Valley"
        if given == STRONG or surname == KNOWN:
            return i, end
        # Both could be ordinary words ("Will Power", "Golden Mile", "Bill Payment
        # Scams"): only a frequent surname, and only mid-sentence.
        if surname != FREQUENT_WEAK:
            return None
        speaks = end < len(tokens) and tokens[end].key in _SPEECH_VERBS and self.gap(end, _RELATION_GAP_RE)
        if not speaks and (self.sentence_initial(first) or self.lines.style(first)[1]):
            return None
        return i, end

    def standalone(self, i: int) -> bool:
        if _first_strength(self.keys[i], self.rules) != STRONG:
            return False
        t = self.tokens[i]
        if not self.capitalised(t) or t.is_upper:
            return False
        if len(t.text) < 3 or self.org_follows(i + 1, place_surnames=True) or self.org_precedes(i):
            return False
        # "Charlie Two", "Victor Charlie": a call sign.
        return not (t.key in _PHONETIC and i + 1 < len(self.tokens) and self.tokens[i + 1].key in _PHONETIC)

    def lowercase_name(self, i: int) -> int | None:
        t = self.tokens[i]
        if not (t.is_lower and t.is_word) or self.first_strength(t) != STRONG or t.key in _FUNCTION_WORDS:
            return None
        k = i + 1
        if k < len(self.tokens) and self.tokens[k].key in _PARTICLES and self.gap(k, _NAME_GAP_RE):
            k += 1
        if k >= len(self.tokens) or not self.gap(k, _NAME_GAP_RE):
            return None
        nxt = self.tokens[k]
        if not (nxt.is_lower and nxt.is_word) or nxt.key in _FUNCTION_WORDS:
            return None
        if not self.rules.is_surname(nxt.key):
            return None
        return k + 1

    # --- the scan ------------------------------------------------------------------
    def hit(self, start_token: int, end_token: int, alias_from: int | None = None) -> Hit:
        start = self.tokens[start_token].start
        end = self.tokens[end_token - 1].end
        aliases: tuple[str, ...] = ()
        if alias_from is not None:
            aliases = (self.text[self.tokens[alias_from].start:end],)
        return self.detector.hit(start, end, aliases=aliases)

    def find(self) -> Iterator[Hit]:
        tokens = self.tokens
        candidates = _candidates(tokens, self.rules)
        next_candidate = 0
        i = 0
        while True:
            # Every other word is passed over (see _may_start_name).
            next_candidate = bisect.bisect_left(candidates, i, next_candidate)
            if next_candidate == len(candidates):
                break
            i = candidates[next_candidate]
            t = tokens[i]
            j = self.title_at(i)
            if j is not None:
                end = self.after_title(j, title_lower=t.is_lower)
                if end is not None:
                    start = j + 1 if tokens[j].has_digit else j
                    yield self.hit(start, end, alias_from=i)
                    plural = tokens[j - 1].text in _PLURAL_TITLES
                    while plural and end + 1 < len(tokens) and tokens[end].key == "and":
                        more = self.after_title(end + 1, title_lower=False)
                        if more is None:
                            break
                        yield self.hit(end + 1, more)
                        end = more
                    i = end
                else:
                    i = j
                continue
            if t.key in _RELATIONS or t.key in _NAMING_WORDS:
                end = self.after_relation(i + 1, needs_first_name=t.key in _NAMING_WORDS)
                if end is not None:
                    yield self.hit(i + 1, end)
                    i = end
                    continue
            if t.key in _NAME_LABELS:
                name = self.after_label(i)
                if name is not None:
                    yield self.hit(*name)
                    i = name[1]
                    continue
            if t.key == "known" and i + 2 < len(tokens) and tokens[i + 1].key == "as":
                end = self.after_relation(i + 2, needs_first_name=True)
                if end is not None:
                    yield self.hit(i + 2, end)
                    i = end
                    continue
            if self.capitalised(t) or (self.is_initial(t) and i + 1 < len(tokens)):
                if t.key in _ORG_PRECEDERS:  # "St John Ambulance", "Storm Henk"
                    i = max(self.collect(i), i + 1)
                    continue
                if self.org_precedes(i):
                    i = max(self.collect(i), i + 1)
                    continue
                end = self.collect(i)
                if end > i and self.org_follows(end):
                    i = end + 1  # "Victor Hugo Road", "Beaumont Leys estate"
                    continue
                found = self.full_name(i, end) if end - i >= 2 else None
                if found is not None:
                    yield self.hit(*found)
                    i = found[1]
                    continue
                if self.standalone(i):
                    yield self.hit(i, i + 1)
                i += 1
                continue
            end = self.lowercase_name(i)
            if end is not None:
                yield self.hit(i, end)
                i = end
                continue
            i += 1


def _may_start_name(text: str, rules: Rules) -> bool:
    """Whether the name scan stops at this word. Most words are lower case and
    neither a name nor a name signal; "The", "In", "When" start sentences."""
    if not text.isalpha() and _DIGIT_RE.search(text) is not None:
        return False
    key = _compute_key(text)
    if not text[0].isupper() and key not in _LOWERCASE_TRIGGERS:
        # Neither capitalised (so no title but "mr", no capitalised name, no
        # initial) nor a trigger: the scan could only find a lower-case name
        # here ("daniel price"), and lowercase_name() starts with this test.
        return text.islower() and _first_strength(key, rules) == STRONG and key not in _FUNCTION_WORDS
    return not (key in _FUNCTION_WORDS and key not in rules.first_names)


# Per rules, word (as tokenized) -> _may_start_name: words repeat across records.
_STARTS_NAME: "weakref.WeakKeyDictionary[Rules, dict[str, bool]]" = weakref.WeakKeyDictionary()


def _candidates(tokens: Tokens, rules: Rules) -> list[int]:
    """Indexes of the tokens the name scan stops at, in order."""
    known = _STARTS_NAME.get(rules)
    if known is None:
        known = _STARTS_NAME[rules] = {}
    flags = lookup_all(known, tokens.texts, lambda text: _may_start_name(text, rules))
    return list(compress(range(len(flags)), flags))


def _find_names(scan: Scan, detector: FunctionDetector) -> Iterator[Hit]:
    return _NameFinder(scan, detector).find()


register(FunctionDetector(
    rule="person-name",
    title="Person's name",
    find_hits=_find_names,
    severity=ERROR,
    advice="remove it or use a role (\"the officer\", \"her son\") or a letter (\"Mr G\")",
    scans_targets=True,
))

# Initials identify too (ICO): "the initials J.S.", "initials JS".
register(PatternDetector(
    rule="person-name",
    title="Person's initials",
    pattern=re.compile(r"\binitials\s+(?:are\s+|were\s+|of\s+)?[\"'“‘]?"
                       r"(?P<initials>[A-Z](?:\.?\s?[A-Z]){1,2}\.?)(?![\w])"),
    group="initials",
    keywords=("initials",),
    advice="remove them: initials with other details identify people",
))
