"""Finding a taxonomy's signals in text, fast.

Rules a reader of config/themes.yml relies on:

* case does not matter (unless a signal says ``match_case: true``);
* terms match whole words; a word matches its plural and -ed/-ing forms
  (and common irregular forms), ``'s`` is ignored;
* a word ending in ``*`` matches any word that starts with it;
* ``a|b`` in place of a word means either word;
* ``~`` between two words allows up to MAX_GAP other words between them;
* a term's words may be separated by spaces, line breaks, hyphens or other
  punctuation, but not by the end of a sentence or a blank line.

Speed matters: the build tags every record. A record's words are read once;
each distinct word is resolved to the terms it can belong to through a cache
shared by all records, and phrases are checked by word position, so matching
costs a dictionary look-up per word, not a search per signal. Patterns (raw
regular expressions) cannot use this and cost a full scan of the text each:
the taxonomy should need few or none.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_GAP = 3  # words allowed between two words joined by "~"
MIN_PREFIX_LETTERS = 3

# A word (letters or digits, with inner apostrophes: "don't", "officer's"), or,
# in the group, a break phrases may not cross: sentence punctuation followed by
# a space or the end, or a blank line.
_WORD_OR_BREAK = re.compile(r"[^\W_]+(?:'[^\W_]+)*|([.!?;:](?=\s|\Z)|\n[ \t]*\n)")
_VOWELS = set("aeiou")

# Irregular forms of common English words. Language, not theme vocabulary:
# every taxonomy benefits from it.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "child": ("children",), "person": ("people", "persons"), "man": ("men",),
    "woman": ("women",), "wife": ("wives",), "life": ("lives",), "knife": ("knives",),
    "thief": ("thieves",), "foot": ("feet",), "tooth": ("teeth",), "go": ("went", "gone"),
    "run": ("ran",), "hold": ("held",), "keep": ("kept",), "speak": ("spoke", "spoken"),
    "take": ("took", "taken"), "give": ("gave", "given"), "draw": ("drew", "drawn"),
    "shoot": ("shot",), "steal": ("stole", "stolen"), "tell": ("told",), "seek": ("sought",),
    "buy": ("bought",), "pay": ("paid",), "say": ("said",), "hear": ("heard",),
    "overhear": ("overheard",), "see": ("saw", "seen"), "find": ("found",),
    "write": ("wrote", "written"), "fight": ("fought",), "catch": ("caught",),
    "teach": ("taught",), "bring": ("brought",), "think": ("thought",), "sell": ("sold",),
    "send": ("sent",), "spend": ("spent",), "lose": ("lost",), "hide": ("hid", "hidden"),
    "bite": ("bit", "bitten"), "break": ("broke", "broken"), "choose": ("chose", "chosen"),
    "die": ("dying",), "lie": ("lying",), "tie": ("tying",), "make": ("made",),
    "feel": ("felt",), "meet": ("met",), "get": ("got", "gotten"), "know": ("knew", "known"),
    "throw": ("threw", "thrown"), "wear": ("wore", "worn"), "swear": ("swore", "sworn"),
    "strike": ("struck",), "stick": ("stuck",), "flee": ("fled",), "lead": ("led",),
    "withdraw": ("withdrew", "withdrawn"), "beat": ("beaten",), "leave": ("left",),
    "do": ("did", "done", "does"), "become": ("became",), "fall": ("fell", "fallen"),
    "forget": ("forgot", "forgotten"), "ride": ("rode", "ridden"), "drive": ("drove", "driven"),
    "freeze": ("froze", "frozen"), "shake": ("shook", "shaken"), "sleep": ("slept",),
    "wake": ("woke", "woken"), "deal": ("dealt",), "mean": ("meant",), "build": ("built",),
    "smell": ("smelt",), "burn": ("burnt",), "learn": ("learnt",), "spread": ("spread",),
}


def normalise_word(word: str) -> str:
    """Curly apostrophes become straight ones; a possessive 's is dropped."""
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


@functools.lru_cache(maxsize=None)
def inflections(word: str) -> frozenset[str]:
    """The forms of a lower-case base word that count as the same word.

    Generous on purpose: an impossible form ("searchs") costs nothing, while a
    missing one ("searches") loses a match.
    """
    forms = {word}
    forms.update(_IRREGULAR.get(word, ()))
    if not word.isalpha():
        return frozenset(forms)  # numbers and codes: exact only
    if word.endswith("man") and len(word) > 3:
        forms.add(word[:-3] + "men")  # policeman -> policemen
    if len(word) <= 2:
        forms.update({word + "s", word + "es", word + "ing"})
        return frozenset(forms)
    last, before = word[-1], word[-2]
    if last == "y" and before not in _VOWELS:
        stem = word[:-1]
        forms.update({stem + "ies", stem + "ied", word + "ing"})
    elif last == "e":
        forms.update({word + "s", word + "d"})
        if word.endswith("ie"):
            forms.add(word[:-2] + "ying")
        elif word.endswith("ee"):
            forms.add(word + "ing")
        else:
            forms.add(word[:-1] + "ing")
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.update({word + "es", word + "ed", word + "ing"})
    else:
        forms.update({word + "s", word + "ed", word + "ing"})
        if last not in _VOWELS and last not in "wxy" and before in _VOWELS and word[-3] not in _VOWELS:
            forms.update({word + last + "ed", word + last + "ing"})  # stop -> stopped
    if word.endswith("f"):
        forms.add(word[:-1] + "ves")
    elif word.endswith("fe"):
        forms.add(word[:-2] + "ves")
    return frozenset(forms)


@dataclass(frozen=True)
class Slot:
    """One word position of a term: its alternatives, and whether a gap may precede it."""

    alternatives: tuple[str, ...]
    gap_before: bool = False


class TermSyntaxError(ValueError):
    pass


def parse_term(term: str) -> list[Slot]:
    """Split a term into word slots. Raises TermSyntaxError with a reader's explanation."""
    slots: list[Slot] = []
    gap = False
    for chunk in term.split():
        if re.search(r"\*(?=[^\W_])", chunk):
            raise TermSyntaxError("'*' may only come at the end of a word")
        if chunk == "~":
            if not slots or gap:
                raise TermSyntaxError("'~' must stand between two words")
            gap = True
            continue
        if "|" in chunk:
            alternatives = chunk.split("|")
            if any(not alternative for alternative in alternatives):
                raise TermSyntaxError(f"'{chunk}' has an empty choice; write words on both sides of '|'")
            for alternative in alternatives:
                if len(_words_of(alternative)) != 1:
                    raise TermSyntaxError(f"choices separated by '|' must be single words, not '{alternative}'")
            slots.append(Slot(tuple(_words_of(a)[0] for a in alternatives), gap))
        else:
            words = _words_of(chunk)
            for position, word in enumerate(words):
                slots.append(Slot((word,), gap and position == 0))
        gap = False
    if gap:
        raise TermSyntaxError("'~' must stand between two words")
    if not slots:
        raise TermSyntaxError("has no words to match")
    for slot in slots:
        for word in slot.alternatives:
            _check_wildcard(word)
    return slots


def _words_of(chunk: str) -> list[str]:
    """Words in a chunk of a term (hyphens and other punctuation split words)."""
    return re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*\*?|\*", chunk)


def _check_wildcard(word: str) -> None:
    if "*" not in word:
        return
    if word == "*" or word.index("*") != len(word) - 1:
        raise TermSyntaxError("'*' may only come at the end of a word")
    if len(word) - 1 < MIN_PREFIX_LETTERS:
        raise TermSyntaxError(f"'{word}' needs at least {MIN_PREFIX_LETTERS} letters before '*'")


def compile_pattern(pattern: str, match_case: bool) -> re.Pattern:
    """A pattern signal, matched as whole words."""
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(r"(?<![^\W_])(?:" + pattern + r")(?![^\W_])", flags)


@dataclass
class _Term:
    index: int
    group: int  # the theme
    weight: float
    slot_keys: tuple[frozenset[str], ...]  # per word position: keys of its choices
    gaps: tuple[bool, ...]  # per word position: may up to MAX_GAP words come before it
    # match_case terms: per word position, the forms as written; None otherwise.
    case_forms: tuple[frozenset[str], ...] | None = None
    anchor: int = 0  # the word position a phrase is looked for from
    required: frozenset[str] = frozenset()  # keys of the phrase's one-choice words: all must be present
    anchor_keys: tuple[str, ...] = ()  # keys of the anchor word's choices


@dataclass(frozen=True, slots=True)
class _WordInfo:
    keys: frozenset[str]  # every key of the word
    in_phrases: bool  # some phrase has this word: its position matters
    anchor_keys: tuple[str, ...]  # keys under which phrases are anchored (their most distinctive word)
    covered_keys: tuple[str, ...]  # keys of one-word terms that longer terms contain
    one_word_terms: tuple[int, ...]  # one-word terms it counts for, the heaviest per theme
    cased: bool  # part of a match_case term: check the word as written
    tracked: bool  # in a phrase or a match_case term: keep its position


class Hit(NamedTuple):
    """A signal found in one of the texts given to ``Matcher.find``."""

    signal: int  # index into the signals given to Matcher
    field: int  # index of the text


@dataclass
class Found:
    """What ``Matcher.find`` found: each hit, and where it first occurs."""

    spans: dict[Hit, tuple[int, int]] = field(default_factory=dict)  # character offsets

    @property
    def hits(self) -> list[Hit]:
        return list(self.spans)


class Matcher:
    """All signals of a taxonomy, compiled for matching.

    ``signals`` is a list of (kind, text, match_case, group, weight) in order.
    Within a group (a theme), a word counts for one signal only: where a word
    matches two one-word signals, the heavier takes it; a term inside a longer
    one ("custody" in "custody suite") counts only where it occurs outside it.
    """

    def __init__(self, signals: list[tuple[str, str, bool, int, float]]):
        self._exact: dict[str, set[str]] = {}  # lower-case form -> keys
        self._prefixes: dict[str, list[tuple[str, str]]] = {}  # first letters -> (prefix, key)
        self._single_by_key: dict[str, list[_Term]] = {}
        self._phrases_by_key: dict[str, list[_Term]] = {}
        self._patterns: list[tuple[int, re.Pattern]] = []
        self._terms: dict[int, _Term] = {}
        self._case_keys: set[str] = set()  # keys of words in match_case terms
        self._phrase_keys: set[str] = set()  # keys of words in phrases
        # What each word means to the matcher, shared by every record: a corpus
        # has a bounded vocabulary, so each distinct word is worked out once.
        self._words: dict[str, _WordInfo | None] = {}
        slot_texts: dict[int, tuple[tuple[str, ...], ...]] = {}
        for index, (kind, text, match_case, group, weight) in enumerate(signals):
            if kind == "pattern":
                self._patterns.append((index, compile_pattern(text, match_case)))
                continue
            slots = parse_term(text)
            term = self._compile_term(index, group, weight, slots, match_case)
            self._terms[index] = term
            slot_texts[index] = tuple(tuple(a.lower() for a in slot.alternatives) for slot in slots)
            if len(slots) == 1:
                for key in term.slot_keys[0]:
                    self._single_by_key.setdefault(key, []).append(term)
            else:
                # Index a phrase under its most distinctive word (longest shortest
                # choice), so common words like "of" do not bring it up as a candidate.
                term.anchor = max(range(len(slots)),
                                  key=lambda i: (min(len(a) for a in slots[i].alternatives), -i))
                term.required = frozenset(next(iter(keys)) for keys in term.slot_keys if len(keys) == 1)
                term.anchor_keys = tuple(sorted(term.slot_keys[term.anchor]))
                for key in term.slot_keys[term.anchor]:
                    self._phrases_by_key.setdefault(key, []).append(term)
                self._phrase_keys.update(key for keys in term.slot_keys for key in keys)
        # Term -> longer terms of its group that contain it: a phrase inside a
        # longer phrase, or a one-word term matching a word of a phrase
        # ("communicat*" inside "communications team").
        by_group: dict[int, list[int]] = {}
        for index in slot_texts:
            by_group.setdefault(self._terms[index].group, []).append(index)
        self._covering: dict[int, tuple[int, ...]] = {}
        for members in by_group.values():
            phrases = [other for other in members if len(slot_texts[other]) > 1]
            words_of = {other: _WordSet(slot_texts[other]) for other in phrases}
            for index in members:
                slots = slot_texts[index]
                if len(slots) == 1:
                    self._covering[index] = tuple(other for other in phrases
                                                  if words_of[other].could_match_any(slots[0]))
                else:
                    self._covering[index] = tuple(other for other in phrases if len(slot_texts[other]) > len(slots)
                                                  and _contains(slot_texts[other], slots))
        self._covering = {index: others for index, others in self._covering.items() if others}
        # Keys of one-word terms that some longer term contains.
        self._covered_keys = {key for index in self._covering if len(self._terms[index].slot_keys) == 1
                              for key in self._terms[index].slot_keys[0]}
        # Phrases that contain some shorter term: all their occurrences matter.
        self._covers_something = {other for others in self._covering.values() for other in others}
        # Longer phrases are looked for first: rank 0 is the longest.
        self._phrase_by_rank = sorted(self._terms, key=lambda i: (-len(self._terms[i].slot_keys), i))
        self._phrase_rank = {index: rank for rank, index in enumerate(self._phrase_by_rank)}

    def _compile_term(self, index: int, group: int, weight: float, slots: list[Slot],
                      match_case: bool) -> _Term:
        slot_keys = []
        case_forms: list[frozenset[str]] = []
        for slot in slots:
            keys = set()
            written_forms: set[str] = set()
            for word in slot.alternatives:
                if word.endswith("*"):
                    prefix = normalise_word(word[:-1].lower())
                    key = "p:" + prefix
                    self._prefixes.setdefault(prefix[:MIN_PREFIX_LETTERS], []).append((prefix, key))
                else:
                    base = normalise_word(word.lower())
                    key = "w:" + base
                    for form in inflections(base):
                        self._exact.setdefault(form, set()).add(key)
                    written = normalise_word(word)
                    written_forms.update({written, written + "s"})  # acronyms: PCSO, PCSOs
                keys.add(key)
                if match_case:
                    self._case_keys.add(key)
            slot_keys.append(frozenset(keys))
            case_forms.append(frozenset(written_forms))
        return _Term(index, group, weight, tuple(slot_keys), tuple(slot.gap_before for slot in slots),
                     tuple(case_forms) if match_case else None)

    def _word_info(self, word: str) -> "_WordInfo | None":
        """What a (lower-case) word can be part of; None if nothing."""
        form = normalise_word(word)
        found = set(self._exact.get(form, ()))
        for prefix, key in self._prefixes.get(form[:MIN_PREFIX_LETTERS], ()):
            if form.startswith(prefix):
                found.add(key)
        info = None
        if found:
            heaviest: dict[int, _Term] = {}  # theme -> the one-word term this word counts for
            for key in found:
                for term in self._single_by_key.get(key, ()):
                    if term.case_forms is not None:
                        continue  # checked against the text as written, word by word
                    best = heaviest.get(term.group)
                    if best is None or (term.weight, -term.index) > (best.weight, -best.index):
                        heaviest[term.group] = term
            anchor_keys = sorted(key for key in found if key in self._phrases_by_key)
            in_phrases = not found.isdisjoint(self._phrase_keys)
            cased = not found.isdisjoint(self._case_keys)
            info = _WordInfo(frozenset(found), in_phrases, tuple(anchor_keys),
                             tuple(sorted(found & self._covered_keys)),
                             tuple(sorted(term.index for term in heaviest.values())), cased, in_phrases or cased)
        if len(self._words) < 500_000:  # bound the cache on endless new words
            self._words[word] = info
        return info

    def find(self, texts: list[str]) -> Found:
        """Every signal found in each of ``texts``, with where it first occurs there."""
        found = Found()
        scan = _Scan(self, texts)
        for (signal, field_index), span in self._find_terms(scan).items():
            found.spans[Hit(signal, field_index)] = span
        for field_index, text in enumerate(texts):
            for index, pattern in self._patterns:
                match = _first_match(pattern, text) if text else None
                if match is not None:
                    found.spans[Hit(index, field_index)] = match.span()
        return found

    def _find_terms(self, scan: "_Scan") -> dict[tuple[int, int], tuple[int, int]]:
        """(signal, text number) -> (start, end) of its first occurrence in that text."""
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        matched: dict[int, list[tuple[int, int]]] = {}  # phrase -> word spans where it occurs
        terms, present, rank = self._terms, scan.present, self._phrase_rank
        candidates = {rank[term.index] for key in scan.anchors for term in self._phrases_by_key[key]
                      if term.required <= present}
        # Longer terms first (ranks say so): whether a shorter one counts depends on them.
        for index in [self._phrase_by_rank[r] for r in sorted(candidates)]:
            covered = self._covered(index, matched)
            every = index in self._covers_something
            occurrences = []
            fields_seen = set()
            for low, high in self._phrase_spans(terms[index], scan, every):
                if covered and any(s <= low and high <= e for s, e in covered):
                    continue
                occurrences.append((low, high))
                field_index = scan.field_of(low)
                if field_index not in fields_seen:
                    fields_seen.add(field_index)
                    spans[index, field_index] = (scan.matches[low].start(), scan.matches[high].end())
                if not every and len(fields_seen) == len(scan.texts):
                    break
            if occurrences:
                matched[index] = occurrences

        self._add_case_terms(scan)
        for field_index, first in enumerate(scan.firsts):
            for index, position in first.items():
                covered = self._covered(index, matched)
                if covered:  # find an occurrence in this text outside the longer terms
                    keys = terms[index].slot_keys[0]
                    candidates_at = sorted({p for key in keys for p in scan.covered_positions.get(key, ())})
                    position = next((p for p in candidates_at if scan.field_of(p) == field_index
                                     and not any(s <= p <= e for s, e in covered)), None)
                    if position is None:
                        continue
                spans[index, field_index] = scan.matches[position].span()
        return spans

    def _covered(self, index: int, matched: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        """Word spans of longer terms, found in this record, that contain term ``index``."""
        covering = self._covering.get(index)
        if not covering or not matched:
            return []
        return [span for other in covering for span in matched.get(other, ())]

    def _add_case_terms(self, scan: "_Scan") -> None:
        """One-word terms that must match capitals as written (e.g. PACE)."""
        for position in scan.case_words:
            field_index = scan.field_of(position)
            first = scan.firsts[field_index]
            for key in scan.infos[position].keys:
                for term in self._single_by_key.get(key, ()):
                    if term.case_forms is not None and term.index not in first \
                            and scan.written(position) in term.case_forms[0]:
                        first[term.index] = position

    @staticmethod
    def _phrase_spans(term: _Term, scan: "_Scan", every: bool) -> list[tuple[int, int]]:
        """(first word, last word) positions of occurrences of a phrase, in order:
        all of them if ``every``, otherwise at least the first in each text.

        Each occurrence is found from its anchor word outwards: earlier words
        backwards, later words forwards, none across a sentence break.
        """
        found: list[tuple[int, int]] = []
        fields_found = 0
        slots, gaps, anchor, cased = term.slot_keys, term.gaps, term.anchor, term.case_forms
        infos, count, last = scan.infos, len(scan.infos), len(slots) - 1
        anchor_keys = [key for key in term.anchor_keys if key in scan.anchors]
        starts = scan.anchors[anchor_keys[0]] if len(anchor_keys) == 1 \
            else sorted({p for key in anchor_keys for p in scan.anchors[key]})
        for at in starts:
            if cased is not None and scan.written(at) not in cased[anchor]:
                continue
            low = high = at
            slot = anchor - 1
            while slot >= 0:  # earlier words, backwards
                keys = slots[slot]
                for p in range(low - 1, max(low - 2 - MAX_GAP if gaps[slot + 1] else low - 2, -1), -1):
                    info = infos[p]
                    if info is not None and not info.keys.isdisjoint(keys) \
                            and (cased is None or scan.written(p) in cased[slot]):
                        low = p
                        break
                else:
                    break
                slot -= 1
            if slot >= 0:
                continue
            slot = anchor + 1
            while slot <= last:  # later words, forwards
                keys = slots[slot]
                for p in range(high + 1, min(high + 2 + MAX_GAP if gaps[slot] else high + 2, count)):
                    info = infos[p]
                    if info is not None and not info.keys.isdisjoint(keys) \
                            and (cased is None or scan.written(p) in cased[slot]):
                        high = p
                        break
                else:
                    break
                slot += 1
            if slot <= last:
                continue
            # A sentence break at a position in (low, high] splits the phrase.
            split = bisect.bisect_right(scan.breaks, low)
            if split < len(scan.breaks) and scan.breaks[split] <= high:
                continue
            if not every and found and scan.field_of(found[-1][0]) == scan.field_of(low):
                continue  # only the first occurrence in each text is needed
            found.append((low, high))
            fields_found += 1
            if not every and fields_found == len(scan.texts):
                break
        return found


class _Scan:
    """One pass over a record's texts: what the matcher needs to know about its words."""

    def __init__(self, matcher: Matcher, texts: list[str]):
        self.texts = texts
        self.lowered = [_lower(text) for text in texts]
        self.known, self.word_info = matcher._words, matcher._word_info
        self.matches: list[re.Match] = []  # every word, by position
        self.infos: list[_WordInfo | None] = []  # what each word can be part of, by position
        self.field_starts: list[int] = []  # position of each text's first word
        self.breaks: list[int] = []  # positions that start a new sentence
        self.present: set[str] = set()  # keys of the phrase words seen
        self.anchors: dict[str, list[int]] = {}  # key of an anchor word -> its positions
        self.covered_positions: dict[str, list[int]] = {}  # key of a term inside a phrase -> positions
        self.case_words: list[int] = []
        self.firsts: list[dict[int, int]] = []  # per text: one-word term -> first position
        known, word_info = self.known, self.word_info
        anchors, covered_positions = self.anchors, self.covered_positions
        add_match, add_info = self.matches.append, self.infos.append
        tracked: list[frozenset[str]] = []
        position = 0
        for lowered in self.lowered:
            self.field_starts.append(position)
            self.breaks.append(position)  # no phrase runs from one text into the next
            first: dict[int, int] = {}
            self.firsts.append(first)
            for match in _WORD_OR_BREAK.finditer(lowered):
                if match.lastindex:  # a sentence end or a blank line
                    self.breaks.append(position)
                    continue
                add_match(match)
                word = match.group()
                info = known.get(word, _UNKNOWN)
                if info is _UNKNOWN:
                    info = word_info(word)
                add_info(info)
                if info is not None:
                    if info.tracked:
                        tracked.append(info.keys)
                        for key in info.anchor_keys:
                            if key in anchors:
                                anchors[key].append(position)
                            else:
                                anchors[key] = [position]
                        for key in info.covered_keys:
                            if key in covered_positions:
                                covered_positions[key].append(position)
                            else:
                                covered_positions[key] = [position]
                        if info.cased:
                            self.case_words.append(position)
                    for term_index in info.one_word_terms:
                        if term_index not in first:
                            first[term_index] = position
                position += 1
        self.present.update(*tracked)

    def field_of(self, position: int) -> int:
        return bisect.bisect_right(self.field_starts, position) - 1

    def written(self, position: int) -> str:
        """The word at ``position`` as written (original capitals)."""
        match = self.matches[position]
        return normalise_word(self.texts[self.field_of(position)][match.start():match.end()])


_UNKNOWN = object()  # a word not yet in the cache (None means "no term has it")


def _lower(text: str) -> str:
    """Lower-cased text with straight apostrophes, the same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lower-cases to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("\u2019", "'")


def _first_match(pattern: re.Pattern, text: str):
    for match in pattern.finditer(text):
        if match.end() > match.start():
            return match
    return None


class _WordSet:
    """Every word a phrase's words can match: exact forms, and prefixes (from "*")."""

    def __init__(self, slots: tuple[tuple[str, ...], ...]):
        words = [word for slot in slots for word in slot]
        self.prefixes = [normalise_word(w[:-1]) for w in words if w.endswith("*")]
        self.forms = frozenset(form for w in words if not w.endswith("*") for form in inflections(normalise_word(w)))

    def could_match_any(self, choices: tuple[str, ...]) -> bool:
        """Whether some word could match both one of ``choices`` and a word of the phrase."""
        for choice in choices:
            if choice.endswith("*"):
                stem = normalise_word(choice[:-1])
                if any(form.startswith(stem) for form in self.forms) \
                        or any(p.startswith(stem) or stem.startswith(p) for p in self.prefixes):
                    return True
            else:
                forms = inflections(normalise_word(choice))
                if not forms.isdisjoint(self.forms) \
                        or any(form.startswith(p) for p in self.prefixes for form in forms):
                    return True
        return False


def _contains(longer: tuple, shorter: tuple) -> bool:
    """Whether the word sequence ``shorter`` appears inside ``longer``."""
    return any(longer[i:i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))
