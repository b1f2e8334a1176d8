"""Related dilemmas: for each record, up to ``limit`` others worth reading next.

Score = cosine similarity of the records' TF-IDF word vectors
      + THEME_WEIGHT x the share of their themes in common (Jaccard).

Comparing every record with every other is quadratic: at 5,000 records that
is 12.5 million comparisons, too slow for a build in plain Python. Instead:

* words found in very many records are dropped (they relate everything);
* each record is represented by its SIGNATURE_SIZE most distinctive words;
* an inverted index maps each word to the records whose signature holds it,
  keeping only the POSTINGS_CAP records where the word weighs most;
* candidates are the records reached through that index, plus records whose
  themes are the same or one theme away (found per distinct set of themes,
  by look-up rather than by comparing every pair of sets).

The result is fully deterministic: it depends only on the records, not on
their order, and ties are broken by id.
"""
from __future__ import annotations

import heapq
import math
import string
from collections import Counter
from heapq import heappush, heapreplace
from typing import Hashable, Iterable, Sequence

THEME_WEIGHT = 0.5  # a record sharing all its themes counts like a half-identical text
MIN_SCORE = 0.05  # below this, two records have too little in common to be "related"
SIGNATURE_SIZE = 16
POSTINGS_CAP = 64
MAX_DOCUMENT_SHARE = 0.1  # words in more than this share of records are ignored...
MIN_DOCUMENT_LIMIT = 50  # ...unless the collection is small

# Punctuation and digits become spaces, so str.split() finds the words: much
# faster than a regular expression. Other symbols are stripped in _normalise.
_TO_SPACE = {ord(c): " " for c in string.punctuation + string.digits + "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"}
MIN_WORD_LETTERS = 3
# English function words (contractions as split at the apostrophe: "don't" is
# read as "don" and "t"); frequent domain words are dropped by MAX_DOCUMENT_SHARE.
_STOPWORDS = frozenset("""
aren couldn didn doesn hadn hasn haven isn shouldn wasn weren won wouldn
about above after again against all also although among and another any are around
because been before being below between both but can cannot could did does doing don down
during each either else even ever every few for from further had has have having her here hers
herself him himself his how however into its itself just least less like may might more most
much must myself neither nor not now off once one only onto other others our ours ourselves out
over own same she should since some such than that the their theirs them themselves then there
these they this those though through too under until upon very was were what when where whether
which while who whom whose why will with within without would yet you your yours yourself
yourselves
""".split())

ItemId = Hashable


def related_records(items: Iterable[tuple[ItemId, Sequence[str], str]], limit: int = 5) -> dict[ItemId, list[ItemId]]:
    """For each (id, themes, text), the ids of up to ``limit`` related records, best first.

    Ids must be unique and sortable (e.g. strings). The result keeps the input order.
    """
    items = list(items)
    ids = [item[0] for item in items]
    if limit <= 0 or len(items) < 2:
        return {item_id: [] for item_id in ids}
    masks = _theme_masks([item[1] for item in items])
    signatures = _signatures([item[2] for item in items])
    postings = _postings(signatures, ids)
    by_theme_set = _theme_neighbours(masks, ids, limit + 1)

    result: dict[ItemId, list[ItemId]] = {}
    for index, item_id in enumerate(ids):
        similarity: dict[int, float] = {}
        get = similarity.get
        for term, weight in signatures[index]:
            for other, other_weight in postings[term]:
                similarity[other] = get(other, 0.0) + weight * other_weight
        mask = masks[index]
        for other in by_theme_set.get(mask, ()):
            if other not in similarity:
                similarity[other] = 0.0
        similarity.pop(index, None)
        # Candidates by text score, best first: shared themes add at most
        # THEME_WEIGHT, so once even that cannot lift a candidate above the
        # limit-th best score found, no later one can enter the result.
        scored = []
        top: list[float] = []  # the best `limit` scores so far (a heap: top[0] is the lowest)
        for other in sorted(similarity, key=similarity.__getitem__, reverse=True):
            text_score = similarity[other]
            if len(top) == limit and text_score + THEME_WEIGHT < top[0]:
                break
            # THEME_WEIGHT x Jaccard similarity of the themes (as _jaccard, inlined: it runs very often)
            other_mask = masks[other]
            shared = (mask & other_mask).bit_count()
            score = text_score + THEME_WEIGHT * (shared / (mask | other_mask).bit_count() if shared else 0.0)
            if score >= MIN_SCORE:
                scored.append((-score, ids[other]))
                if len(top) < limit:
                    heappush(top, score)
                elif score > top[0]:
                    heapreplace(top, score)
        # The sums are made in the same order whatever the input order, so equal
        # scores are exactly equal and the id decides.
        result[item_id] = [other_id for _, other_id in heapq.nsmallest(limit, scored)]
    return result


def _theme_masks(theme_lists: list[Sequence[str]]) -> list[int]:
    """Each record's themes as a bit mask (bit numbers by sorted theme id)."""
    bit = {theme: number for number, theme in enumerate(sorted({t for themes in theme_lists for t in themes}))}
    return [sum(1 << bit[theme] for theme in set(themes)) for themes in theme_lists]


def _jaccard(a: int, b: int) -> float:
    """Share of themes in common: |a and b| / |a or b|."""
    shared = (a & b).bit_count()
    return shared / (a | b).bit_count() if shared else 0.0


def _signatures(texts: list[str]) -> list[list[tuple[str, float]]]:
    """Each text's most distinctive words with their normalised TF-IDF weights."""
    normalised: dict[str, str] = {}  # word -> its term ("" for none), worked out once per word
    counts_per_text: list[Counter] = []
    document_frequency: Counter = Counter()
    for text in texts:
        words = text.lower().translate(_TO_SPACE).split()
        terms = list(map(normalised.get, words))
        if None in terms:  # some words are new
            for word in set(words).difference(normalised):
                normalised[word] = _normalise(word)
            terms = list(map(normalised.__getitem__, words))
        # Term -> count, in the order the terms first occur (the weights below
        # are summed in that order).
        counts = Counter(terms)
        counts.pop("", None)
        counts_per_text.append(counts)
        document_frequency.update(counts.keys())

    total = len(texts)
    max_documents = max(MIN_DOCUMENT_LIMIT, int(total * MAX_DOCUMENT_SHARE))
    idf = {term: math.log(total / df) for term, df in document_frequency.items() if df <= max_documents}
    tf = [0.0] + [1.0 + math.log(count) for count in range(1, 64)]  # 1 + log(count), precomputed
    signatures = []
    for counts in counts_per_text:
        weights = [(term, (tf[count] if count < 64 else 1.0 + math.log(count)) * idf[term])
                   for term, count in counts.items() if term in idf]
        norm = math.sqrt(sum(w * w for _, w in weights))
        if norm == 0.0:
            signatures.append([])
            continue
        # A word in no other record cannot relate this one to anything. (Sorting
        # is what heapq.nlargest is documented to equal, and faster here.)
        top = sorted([(w, term) for term, w in weights if w > 0 and document_frequency[term] > 1],
                     reverse=True)[:SIGNATURE_SIZE]
        signatures.append([(term, w / norm) for w, term in top])
    return signatures


def _normalise(word: str) -> str:
    """'' for a stop word or a short one; otherwise the word with a plural -s removed."""
    if not word.isalpha():
        word = "".join(c for c in word if c.isalpha())
    if len(word) < MIN_WORD_LETTERS or word in _STOPWORDS:
        return ""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word


def _postings(signatures: list[list[tuple[str, float]]], ids: list) -> dict[str, list[tuple[int, float]]]:
    postings: dict[str, list[tuple[int, float]]] = {}
    for index, signature in enumerate(signatures):
        for term, weight in signature:
            postings.setdefault(term, []).append((index, weight))
    for term, entries in postings.items():
        entries.sort(key=lambda entry: (-entry[1], ids[entry[0]]))
        del entries[POSTINGS_CAP:]
    return postings


def _theme_neighbours(masks: list[int], ids: list, wanted: int) -> dict[int, list[int]]:
    """For each distinct set of themes, up to ``wanted`` records whose themes overlap it most.

    Records with the same themes come first, then those with one theme fewer,
    more or swapped: close sets are found by looking them up, not by comparing
    every pair of sets, which would be quadratic.
    """
    members: dict[int, list[int]] = {}
    for index, mask in enumerate(masks):
        if mask:
            members.setdefault(mask, []).append(index)
    for indexes in members.values():
        indexes.sort(key=lambda i: ids[i])
    every_bit = [1 << n for n in range(max(masks).bit_length())]
    neighbours: dict[int, list[int]] = {}
    for mask in members:
        inside = [b for b in every_bit if mask & b]
        outside = [b for b in every_bit if not mask & b]
        near = {mask}
        near.update(mask ^ b for b in inside if mask ^ b)  # one theme fewer
        near.update(mask | b for b in outside)  # one theme more
        near.update((mask ^ i) | o for i in inside for o in outside)  # one swapped
        chosen = sorted((-_jaccard(mask, other), ids[i], i)
                        for other in near if other in members for i in members[other][:wanted])
        neighbours[mask] = [i for _, _, i in chosen[:wanted]]
    return neighbours
