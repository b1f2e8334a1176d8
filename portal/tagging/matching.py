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

Speed matters: the build tags every record. A record's text is split into
words once, in C; each distinct word is resolved to the terms it can belong
to through a cache shared by all records, and phrases are checked by word
position, so matching costs a dictionary look-up per word, not a search per
signal, and Python code runs only for the words that terms need. Patterns
(raw regular expressions) cannot use this and cost a full scan of the text
each: the taxonomy should need few or none.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import accumulate, chain, compress, islice
from operator import attrgetter

MAX_GAP = 3  # words allowed between two words joined by "~"
MIN_PREFIX_LETTERS = 3

# A token: a word (letters or digits, with inner apostrophes: "don't",
# "officer's"), or a break phrases may not cross: sentence punctuation followed
# by a space or the end, or a blank line. The group makes re.split return the
# tokens too, so a text is tokenised in C without a match object per word.
# Possessive quantifiers (++, *+) give the same matches here, since nothing
# after them could succeed by backtracking, and they are faster.
_TOKEN = re.compile(r"([^\W_]++(?:'[^\W_]++)*+|[.!?;:](?=\s|\Z)|\n[ \t]*+\n)")
# The same for a text without "_", where \w and [^\W_] match the same characters: faster.
_TOKEN_WITHOUT_UNDERSCORES = re.compile(r"(\w++(?:'\w++)*+|[.!?;:](?=\s|\Z)|\n[ \t]*+\n)")
_BREAK_STARTS = ".!?;:\n"  # a token starting with one of these is a break, not a word
# What the word cache may hold before it is emptied: a corpus has a bounded
# vocabulary, but endless new words must not grow memory without end.
WORD_CACHE_LIMIT = 500_000
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


@dataclass(slots=True)
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
    choices: tuple[frozenset[str], ...] = ()  # keys of each many-choice word: one of each must be present
    anchor_keys: tuple[str, ...] = ()  # keys of the anchor word's choices


# eq=False: infos are compared and hashed by identity (``is _BREAK``, sets of
# infos), which is quick; each distinct word has one info in the cache.
@dataclass(frozen=True, slots=True, eq=False)
class _WordInfo:
    """What a token means to the matcher."""

    keys: frozenset[str] = frozenset()  # every key of the word
    phrase_keys: frozenset[str] = frozenset()  # its keys that some phrase has
    anchor_keys: tuple[str, ...] = ()  # keys under which phrases are anchored (their most distinctive word)
    covered_keys: tuple[str, ...] = ()  # keys of one-word terms that longer terms contain
    one_word_terms: tuple[int, ...] = ()  # one-word terms it counts for, the heaviest per theme
    case_terms: tuple[_Term, ...] = ()  # one-word match_case terms it may be, if written as they are
    # Whether the scan must look at each occurrence of the word: it anchors a
    # phrase, is a term inside a longer one, or is (part of) a one-word term.
    positional: bool = False


_NOTHING = _WordInfo()  # a word no term has
_BREAK = _WordInfo()  # a sentence end or a blank line: no phrase crosses it
_IS_POSITIONAL = attrgetter("positional")


# A signal found in one of the texts given to ``Matcher.find``: (signal, text),
# the index of the signal given to Matcher and the index of the text.
Hit = tuple[int, int]


class Found:
    """What ``Matcher.find`` found: each hit, and where it first occurs.

    Where a term occurs is kept as word positions; character offsets are
    worked out only for the hits a caller asks about (evidence is shown for
    few of them).
    """

    def __init__(self, scan: "_Scan", term_words: dict[Hit, tuple[int, int]],
                 pattern_spans: dict[Hit, tuple[int, int]]):
        self._scan = scan
        self._term_words = term_words  # first word and last word of a term's first occurrence
        self._pattern_spans = pattern_spans  # character offsets

    @property
    def hits(self) -> list[Hit]:
        """Every signal found in each text: terms, then patterns."""
        return [*self._term_words, *self._pattern_spans]

    def spans(self, hits: list[Hit]) -> list[tuple[int, int]]:
        """(start, end) of each hit's first occurrence, in characters of its text."""
        term_words, char_span = self._term_words, self._scan.char_span
        return [self._pattern_spans[hit] if (words := term_words.get(hit)) is None
                else char_span(hit[1], *words) for hit in hits]


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
        # What each token means to the matcher, shared by every record: a corpus
        # has a bounded vocabulary, so each distinct word is worked out once.
        self._words: dict[str, _WordInfo] = {}
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
                term.choices = tuple(keys for keys in term.slot_keys if len(keys) > 1)
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
        # One-word terms that some longer term contains.
        self._covered_words = {index for index in self._covering if len(self._terms[index].slot_keys) == 1}
        # Phrases that contain some shorter term: all their occurrences matter.
        self._covers_something = {other for others in self._covering.values() for other in others}
        # Longer phrases are looked for first: rank 0 is the longest.
        self._phrase_by_rank = sorted(self._terms, key=lambda i: (-len(self._terms[i].slot_keys), i))
        rank_of = {index: rank for rank, index in enumerate(self._phrase_by_rank)}
        # Anchor key -> the ranks of the phrases anchored on it, and their required keys.
        self._ranks_by_anchor = {key: tuple(rank_of[term.index] for term in phrases)
                                 for key, phrases in self._phrases_by_key.items()}
        self._required_by_anchor = {key: tuple(term.required for term in phrases)
                                    for key, phrases in self._phrases_by_key.items()}
        # Rank -> keys of each many-choice word, for the phrases that have some.
        self._choices_by_rank = {rank_of[index]: term.choices for index, term in self._terms.items() if term.choices}

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

    def _look_up(self, tokens: list[str]) -> list[_WordInfo]:
        """What each token means, adding those not in the word cache to it."""
        words = self._words
        if len(words) + len(tokens) > WORD_CACHE_LIMIT:
            words.clear()  # only a cache: emptying it changes no result
        for token in set(tokens).difference(words):
            words[token] = _BREAK if token[0] in _BREAK_STARTS else self._word_info(token)
        return list(map(words.__getitem__, tokens))

    def _word_info(self, word: str) -> _WordInfo:
        """What a (lower-case) word can be part of; _NOTHING if nothing."""
        form = normalise_word(word)
        found = set(self._exact.get(form, ()))
        for prefix, key in self._prefixes.get(form[:MIN_PREFIX_LETTERS], ()):
            if form.startswith(prefix):
                found.add(key)
        if not found:
            return _NOTHING
        keys = frozenset(found)
        heaviest: dict[int, _Term] = {}  # theme -> the one-word term this word counts for
        case_terms: list[_Term] = []
        for key in keys:
            for term in self._single_by_key.get(key, ()):
                if term.case_forms is not None:
                    case_terms.append(term)  # checked against the text as written, word by word
                    continue
                best = heaviest.get(term.group)
                if best is None or (term.weight, -term.index) > (best.weight, -best.index):
                    heaviest[term.group] = term
        anchor_keys = tuple(sorted(key for key in keys if key in self._phrases_by_key))
        # Where a one-word term inside a longer one occurs is looked up only among
        # the words of phrases and match_case terms (a rule of the matcher kept as it is).
        in_phrases_or_cased = not keys.isdisjoint(self._phrase_keys) or not keys.isdisjoint(self._case_keys)
        covered_keys = tuple(sorted(keys & self._covered_keys)) if in_phrases_or_cased else ()
        one_word_terms = tuple(sorted(term.index for term in heaviest.values()))
        return _WordInfo(keys, keys & self._phrase_keys, anchor_keys, covered_keys, one_word_terms,
                         tuple(case_terms), bool(anchor_keys or covered_keys or one_word_terms or case_terms))

    def find(self, texts: list[str]) -> Found:
        """Every signal found in each of ``texts``, with where it first occurs there."""
        scan = _Scan(self, texts)
        pattern_spans: dict[Hit, tuple[int, int]] = {}
        for field_index, text in enumerate(texts):
            for index, pattern in self._patterns:
                match = _first_match(pattern, text) if text else None
                if match is not None:
                    pattern_spans[index, field_index] = match.span()
        return Found(scan, self._find_terms(scan), pattern_spans)

    def _find_terms(self, scan: "_Scan") -> dict[tuple[int, int], tuple[int, int]]:
        """(signal, text number) -> (first word, last word) of its first occurrence in that text."""
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        matched: dict[int, list[tuple[int, int]]] = {}  # phrase -> word spans where it occurs
        terms, present, covering_of = self._terms, scan.present, self._covering
        # Phrases anchored on a word of the record whose one-choice words are all
        # in the record (the ranks and required keys of all the anchored phrases,
        # in step, filtered in C).
        anchor_keys = scan.anchors.keys()
        ranks = chain.from_iterable(map(self._ranks_by_anchor.__getitem__, anchor_keys))
        required = chain.from_iterable(map(self._required_by_anchor.__getitem__, anchor_keys))
        candidates = set(compress(ranks, map(present.issuperset, required)))
        choices_by_rank, phrase_by_rank, covers_something = \
            self._choices_by_rank, self._phrase_by_rank, self._covers_something
        # Longer terms first (ranks say so): whether a shorter one counts depends on them.
        for rank in sorted(candidates):
            choices = choices_by_rank.get(rank)
            if choices and any(map(present.isdisjoint, choices)):
                continue  # a many-choice word has none of its choices in the record
            index = phrase_by_rank[rank]
            every = index in covers_something
            found = self._phrase_spans(terms[index], scan, every)
            if not found:
                continue
            covering = covering_of.get(index)
            covered = [span for other in covering for span in matched.get(other, ())] if covering else None
            occurrences = []
            fields_seen = set()
            for low, high in found:
                if covered and any(s <= low and high <= e for s, e in covered):
                    continue
                occurrences.append((low, high))
                field_index = scan.field_of(low)
                if field_index not in fields_seen:
                    fields_seen.add(field_index)
                    spans[index, field_index] = (low, high)
                if not every and len(fields_seen) == len(scan.texts):
                    break
            if occurrences:
                matched[index] = occurrences

        self._add_case_terms(scan)
        for field_index, first in enumerate(scan.firsts):
            # Every one-word term at its first word, in order; then those inside
            # a longer term found here are moved to an occurrence outside it, or
            # dropped (which keeps the order of the others).
            spans.update({(index, field_index): (position, position) for index, position in first.items()})
            if not matched:
                continue
            for index in self._covered_words.intersection(first):
                if matched.keys().isdisjoint(covering_of[index]):
                    continue  # no longer term that contains it was found
                covered = [span for other in covering_of[index] for span in matched.get(other, ())]
                if covered:
                    keys = terms[index].slot_keys[0]
                    candidates_at = sorted({p for key in keys for p in scan.covered_positions.get(key, ())})
                    position = next((p for p in candidates_at if scan.field_of(p) == field_index
                                     and not any(s <= p <= e for s, e in covered)), None)
                    if position is None:
                        del spans[index, field_index]
                    else:
                        spans[index, field_index] = (position, position)
        return spans

    def _add_case_terms(self, scan: "_Scan") -> None:
        """One-word terms that must match capitals as written (e.g. PACE)."""
        for position in scan.case_words:
            first = scan.firsts[scan.field_of(position)]
            for term in scan.infos[position].case_terms:
                if term.index not in first and scan.written(position) in term.case_forms[0]:
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
        skip_below = -1  # unless ``every``: the start of the text after the last one with an occurrence
        slots, gaps, anchor, cased = term.slot_keys, term.gaps, term.anchor, term.case_forms
        infos, count, last = scan.infos, len(scan.infos), len(slots) - 1
        anchors = scan.anchors
        if len(term.anchor_keys) == 1:
            starts = anchors[term.anchor_keys[0]]
        else:
            starts = sorted({p for key in term.anchor_keys if key in anchors for p in anchors[key]})
        nothing, sentence_break = _NOTHING, _BREAK
        for at in starts:
            if at < skip_below:
                continue  # only the first occurrence in each text is needed
            if cased is not None and scan.written(at) not in cased[anchor]:
                continue
            low = high = at
            slot = anchor - 1
            while slot >= 0:  # earlier words, backwards
                keys = slots[slot]
                next_low = -1
                for p in range(low - 1, max(low - 2 - MAX_GAP if gaps[slot + 1] else low - 2, -1), -1):
                    info = infos[p]
                    if info is nothing:
                        continue  # a word no term has: it can only be one the "~" skips
                    if info is sentence_break:
                        break  # no phrase crosses one; so the window is counted in words
                    if not info.keys.isdisjoint(keys) and (cased is None or scan.written(p) in cased[slot]):
                        next_low = p
                        break
                if next_low < 0:
                    break
                low = next_low
                slot -= 1
            if slot >= 0:
                continue
            slot = anchor + 1
            while slot <= last:  # later words, forwards
                keys = slots[slot]
                next_high = -1
                for p in range(high + 1, min(high + 2 + MAX_GAP if gaps[slot] else high + 2, count)):
                    info = infos[p]
                    if info is nothing:
                        continue
                    if info is sentence_break:
                        break
                    if not info.keys.isdisjoint(keys) and (cased is None or scan.written(p) in cased[slot]):
                        next_high = p
                        break
                if next_high < 0:
                    break
                high = next_high
                slot += 1
            if slot <= last:
                continue
            found.append((low, high))
            if not every:
                fields_found += 1
                if fields_found == len(scan.texts):
                    break
                field_index = scan.field_of(low)
                skip_below = scan.field_starts[field_index + 1] if field_index + 1 < len(scan.texts) else count
        return found


class _Scan:
    """One pass over a record's texts: what the matcher needs to know about its words.

    A position numbers the tokens of all the texts in turn, with a break
    between two texts so that no phrase runs from one into the next. Breaks
    take positions too, but a phrase never spans one, so the words a "~" may
    skip are still counted in words.

    Tokens are split, looked up and filtered in C; Python code runs only for
    distinct words and for the occurrences of positional words.
    """

    def __init__(self, matcher: Matcher, texts: list[str]):
        self.texts = texts
        self.infos: list[_WordInfo] = []  # by position: what each token means
        self.field_starts: list[int] = []  # position of each text's first token
        self.present: set[str] = set()  # keys of the phrase words seen
        self.anchors: dict[str, list[int]] = {}  # key of an anchor word -> its positions
        self.covered_positions: dict[str, list[int]] = {}  # key of a term inside a phrase -> positions
        self.case_words: list[int] = []  # positions of words that may be one-word match_case terms
        self.firsts: list[dict[int, int]] = []  # per text: one-word term -> first position
        # Per text: its lower-cased text split into [between, token, between, ..., between],
        # and, once a span is asked for, the running total of those pieces' lengths.
        self._pieces: list[list[str]] = []
        self._piece_ends: list[list[int] | None] = []
        known = matcher._words
        infos, anchors, covered_positions = self.infos, self.anchors, self.covered_positions
        for field_index, text in enumerate(texts):
            if field_index:
                infos.append(_BREAK)
            start = len(infos)
            self.field_starts.append(start)
            lowered = _lower(text)
            pieces = (_TOKEN if "_" in lowered else _TOKEN_WITHOUT_UNDERSCORES).split(lowered)
            self._pieces.append(pieces)
            self._piece_ends.append(None)
            try:
                field_infos = list(map(known.__getitem__, islice(pieces, 1, None, 2)))  # tokens: the odd pieces
            except KeyError:  # some words are not in the cache yet
                field_infos = matcher._look_up(pieces[1::2])
            infos += field_infos
            first: dict[int, int] = {}
            self.firsts.append(first)
            # The occurrences of words whose positions matter, picked out in C.
            positional = list(map(_IS_POSITIONAL, field_infos))
            for position, info in zip(compress(range(start, len(infos)), positional),
                                      compress(field_infos, positional)):
                if info.anchor_keys:
                    for key in info.anchor_keys:
                        if key in anchors:
                            anchors[key].append(position)
                        else:
                            anchors[key] = [position]
                if info.covered_keys:
                    for key in info.covered_keys:
                        if key in covered_positions:
                            covered_positions[key].append(position)
                        else:
                            covered_positions[key] = [position]
                if info.case_terms:
                    self.case_words.append(position)
                if info.one_word_terms:
                    for term_index in info.one_word_terms:
                        if term_index not in first:
                            first[term_index] = position
        # Which phrase words are present depends on the distinct words only.
        self.present.update(*[info.phrase_keys for info in set(infos) if info.phrase_keys])

    def field_of(self, position: int) -> int:
        return bisect.bisect_right(self.field_starts, position) - 1

    def char_span(self, field_index: int, first: int, last: int) -> tuple[int, int]:
        """(start, end) in characters, in text ``field_index``, of the words from position ``first`` to ``last``."""
        ends = self._piece_ends[field_index]
        if ends is None:
            ends = self._piece_ends[field_index] = list(accumulate(map(len, self._pieces[field_index])))
        field_start = self.field_starts[field_index]
        # Token k of a text is piece 2k + 1: it starts where piece 2k ends.
        return ends[2 * (first - field_start)], ends[2 * (last - field_start) + 1]

    def written(self, position: int) -> str:
        """The word at ``position`` as written (original capitals)."""
        field_index = self.field_of(position)
        start, end = self.char_span(field_index, position, position)
        return normalise_word(self.texts[field_index][start:end])


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
