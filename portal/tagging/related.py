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

    theme_weight = THEME_WEIGHT
    count = len(ids)
    found: list[list[ItemId]] = [[] for _ in ids]
    # Records are visited grouped by their heaviest term, so that the postings
    # they read are still in the CPU's cache; the result keeps the input order.
    for index in sorted(range(count), key=lambda i: signatures[i][0][0] if signatures[i] else ""):
        # Text scores, in a list indexed by record (faster than a dict), summed
        # term by term in the signature's order: the ranking depends on the
        # exact sums. No product of two signature weights is 0.0 (see
        # _signatures), so a score is 0.0 until a term first reaches the
        # record; `reached` lists the records in that order.
        text = [0.0] * count
        reached: list[int] = []
        reach = reached.append
        for term, weight in signatures[index]:
            for other, other_weight in postings[term]:
                so_far = text[other]
                if so_far:
                    text[other] = so_far + weight * other_weight
                else:
                    text[other] = weight * other_weight  # 0.0 + x is x
                    reach(other)
        if text[index]:
            reached.remove(index)
        mask = masks[index]
        # Records with (nearly) the same themes first: they tend to score well,
        # so the bar below rises early.
        candidates = [other for other in by_theme_set.get(mask, ()) if not text[other] and other != index]
        candidates += reached

        # Only a candidate that can still make the list is scored: `bar` is
        # MIN_SCORE until `limit` scores are kept, then the lowest of the best
        # `limit` kept; shared themes add at most THEME_WEIGHT to the text
        # score. A score equal to the bar is kept: the id decides.
        kept = []
        best: list[float] = []  # the best `limit` scores so far (a heap: best[0] is the lowest)
        bar = MIN_SCORE
        for other in candidates:
            text_score = text[other]
            if text_score + theme_weight < bar:
                continue
            # THEME_WEIGHT x Jaccard similarity of the themes (as _jaccard, inlined: it runs very often)
            other_mask = masks[other]
            shared = (mask & other_mask).bit_count()
            score = text_score + theme_weight * (shared / (mask | other_mask).bit_count() if shared else 0.0)
            if score >= bar:
                kept.append((-score, ids[other]))
                if len(best) < limit:
                    heappush(best, score)
                    if len(best) == limit:
                        bar = best[0]
                elif score > bar:
                    heapreplace(best, score)
                    bar = best[0]
        # The sums are made in the same order whatever the input order, so equal
        # scores are exactly equal and the id decides.
        kept.sort()
        found[index] = [other_id for _, other_id in kept[:limit]]
    return dict(zip(ids, found))


def _theme_masks(theme_lists: list[Sequence[str]]) -> list[int]:
    """Each record's themes as a bit mask (bit numbers by sorted theme id)."""
    bit = {theme: number for number, theme in enumerate(sorted({t for themes in theme_lists for t in themes}))}
    return [sum(1 << bit[theme] for theme in set(themes)) for themes in theme_lists]


def _jaccard(a: int, b: int) -> float:
    """Share of themes in common: |a and b| / |a or b|."""
    shared = (a & b).bit_count()
    return shared / (a | b).bit_count() if shared else 0.0


class _Terms(dict):
    """Word -> its term ("" for none), worked out the first time the word is seen."""

    def __missing__(self, word: str) -> str:
        term = self[word] = _normalise(word)
        return term


def _signatures(texts: list[str]) -> list[list[tuple[str, float]]]:
    """Each text's most distinctive words with their normalised TF-IDF weights.

    A weight is at least 1 / (records x sqrt(words) x (1 + ln words) x ln records),
    with `words` the length of the text: far above 1e-150, so the product of two
    weights is never 0.0 (related_records relies on it).
    """
    term_of = _Terms().__getitem__
    counts_per_text: list[Counter] = []
    document_frequency: Counter = Counter()
    for text in texts:
        # Term -> count, in the order the terms first occur (the weights below
        # are summed in that order), counted in C; "" (no term) is left out.
        counts = Counter(filter(None, map(term_of, text.lower().translate(_TO_SPACE).split())))
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
    """Term -> (record, weight) for the POSTINGS_CAP records whose signatures weigh it most.

    Heaviest first; equal weights by id.
    """
    entries_of: dict[str, list[tuple[float, ItemId, int]]] = {}
    for index, signature in enumerate(signatures):
        for term, weight in signature:
            entries_of.setdefault(term, []).append((-weight, ids[index], index))
    postings: dict[str, list[tuple[int, float]]] = {}
    for term, entries in entries_of.items():
        entries.sort()
        # New pairs with new copies of the weights (-(-x) is x), so that each
        # list lies together in memory: related_records reads these lists
        # millions of times, and much faster so.
        postings[term] = [(index, -negated) for negated, _, index in entries[:POSTINGS_CAP]]
    return postings


def _theme_neighbours(masks: list[int], ids: list, wanted: int) -> dict[int, list[int]]:
    """For each distinct set of themes, up to ``wanted`` records whose themes overlap it most.

    Records with the same themes come first, then those with one theme more,
    one fewer, or one swapped: with n themes, these share n/(n+1), (n-1)/n and
    (n-1)/(n+1) of their themes, in that order; equally close records by id.
    Close sets are found by looking them up, not by comparing every pair of
    sets, which would be quadratic, and only until ``wanted`` records are found.
    """
    members: dict[int, list[int]] = {}
    for index, mask in enumerate(masks):
        if mask:
            members.setdefault(mask, []).append(index)
    for indexes in members.values():
        indexes.sort(key=lambda i: ids[i])
    every_bit = [1 << n for n in range(max(masks).bit_length())]
    neighbours: dict[int, list[int]] = {}
    for mask, same in members.items():
        chosen = same[:wanted]
        if len(chosen) < wanted:
            inside = [b for b in every_bit if mask & b]
            outside = [b for b in every_bit if not mask & b]
            for near in ([mask | b for b in outside],  # one theme more
                         [mask ^ b for b in inside if mask ^ b],  # one fewer
                         [(mask ^ i) | o for i in inside for o in outside]):  # one swapped
                found = [other for other in near if other in members]
                if len(found) == 1:  # its members are in id order already
                    chosen += members[found[0]][:wanted]
                elif found:
                    chosen += sorted((i for other in found for i in members[other][:wanted]),
                                     key=lambda i: (ids[i], i))
                if len(chosen) >= wanted:
                    break
        neighbours[mask] = chosen[:wanted]
    return neighbours
