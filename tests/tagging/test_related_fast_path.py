"""related_records gives exactly what a plain reading of its rules gives.

The fast path sums text scores in a list, scores candidates in the order they
are found (skipping those that cannot make the list) and looks up theme
neighbours category by category. The reference below does none of that: it
builds the same signatures, postings (with the cap) and theme neighbours the
plain way, sums every candidate's score in the same order (terms in the
record's signature order), scores every candidate and sorts them all.
"""
import math
import random
from collections import Counter

import pytest

from portal.tagging import related


# --- The reference --------------------------------------------------------

def reference_signatures(texts):
    term_of = {}
    counts_per_text = []
    for text in texts:
        counts = {}  # term -> count, in the order the terms first occur
        for word in text.lower().translate(related._TO_SPACE).split():
            if word not in term_of:
                term_of[word] = related._normalise(word)
            term = term_of[word]
            if term:
                counts[term] = counts.get(term, 0) + 1
        counts_per_text.append(counts)
    document_frequency = Counter(term for counts in counts_per_text for term in counts)
    total = len(texts)
    max_documents = max(related.MIN_DOCUMENT_LIMIT, int(total * related.MAX_DOCUMENT_SHARE))
    signatures = []
    for counts in counts_per_text:
        weights = [(term, (1.0 + math.log(count)) * math.log(total / document_frequency[term]))
                   for term, count in counts.items() if document_frequency[term] <= max_documents]
        norm = math.sqrt(sum(w * w for _, w in weights))
        if norm == 0.0:
            signatures.append([])
            continue
        eligible = [(w, term) for term, w in weights if w > 0 and document_frequency[term] > 1]
        top = sorted(eligible, reverse=True)[:related.SIGNATURE_SIZE]
        signatures.append([(term, w / norm) for w, term in top])
    return signatures


def reference_postings(signatures, ids):
    postings = {}
    for index, signature in enumerate(signatures):
        for term, weight in signature:
            postings.setdefault(term, []).append((index, weight))
    for term, entries in postings.items():
        entries.sort(key=lambda entry: (-entry[1], ids[entry[0]]))  # stable: index order last
        postings[term] = entries[:related.POSTINGS_CAP]
    return postings


def theme_mask(themes, bit):
    return sum(1 << bit[theme] for theme in set(themes))


def reference_jaccard(a, b):
    shared = (a & b).bit_count()
    return shared / (a | b).bit_count() if shared else 0.0


def is_near(mask, other):
    """The same themes, one more, one fewer (not none) or one swapped."""
    if not other:
        return False
    missing = (mask & ~other).bit_count()
    extra = (other & ~mask).bit_count()
    return (missing, extra) in {(0, 0), (0, 1), (1, 0), (1, 1)}


def reference_neighbours(masks, ids, wanted):
    """Distinct set of themes -> the `wanted` records with the nearest themes, by closeness then id."""
    neighbours = {}
    for mask in masks:
        if mask and mask not in neighbours:
            near = [i for i, other in enumerate(masks) if is_near(mask, other)]
            near.sort(key=lambda i: (-reference_jaccard(mask, masks[i]), ids[i], i))
            neighbours[mask] = near[:wanted]
    return neighbours


def reference_related(items, limit):
    ids = [item[0] for item in items]
    if limit <= 0 or len(items) < 2:
        return {item_id: [] for item_id in ids}
    bit = {theme: n for n, theme in enumerate(sorted({t for item in items for t in item[1]}))}
    masks = [theme_mask(item[1], bit) for item in items]
    signatures = reference_signatures([item[2] for item in items])
    postings = reference_postings(signatures, ids)
    neighbours = reference_neighbours(masks, ids, limit + 1)
    result = {}
    for index, item_id in enumerate(ids):
        text_scores = {}
        for term, weight in signatures[index]:  # in the signature's order
            for other, other_weight in postings[term]:
                text_scores[other] = text_scores.get(other, 0.0) + weight * other_weight
        for other in neighbours.get(masks[index], ()):
            text_scores.setdefault(other, 0.0)
        text_scores.pop(index, None)
        scored = []
        for other, text_score in text_scores.items():
            score = text_score + related.THEME_WEIGHT * reference_jaccard(masks[index], masks[other])
            if score >= related.MIN_SCORE:
                scored.append((-score, ids[other]))
        scored.sort()
        result[item_id] = [other_id for _, other_id in scored[:limit]]
    return result


# --- Random collections ---------------------------------------------------

WORDS = ("custody custodies detainee detainees cell cells search searches searching protest protests "
         "drone drones camera cameras crisis crises bus status officer officers officer's mental health "
         "stadium football youth fraud scam scams missing teenager parent parents railway").split()
FILLER = "the and of a an it is to in on don't we're 999 — … “quoted” ‘so’ x y".split()
THEMES = list("abcdefghij")


def random_items(rng):
    count = rng.choice([2, 2, 3, 3, 4, 5, 7, 10, 16, 25, 40, 70])
    vocabulary = rng.sample(WORDS, rng.randint(2, len(WORDS)))
    themes = rng.sample(THEMES, rng.randint(0, len(THEMES)))
    texts = []
    for _ in range(count):
        roll = rng.random()
        if texts and roll < 0.2:  # a duplicate
            texts.append(rng.choice(texts))
        elif texts and roll < 0.3:  # the same words in another order: the same signature
            words = rng.choice(texts).split()
            rng.shuffle(words)
            texts.append(" ".join(words))
        elif roll < 0.37:  # empty, or no words that count
            texts.append(" ".join(rng.choices(FILLER, k=rng.randint(0, 4))))
        else:
            words = rng.choices(vocabulary, k=rng.randint(1, 30)) + rng.choices(FILLER, k=rng.randint(0, 5))
            rng.shuffle(words)
            texts.append(" ".join(words).capitalize() + ".")
    ids = rng.sample(range(10_000), count)
    if rng.random() < 0.8:
        ids = [f"r{n:04d}" for n in ids]
    items = []
    for item_id, text in zip(ids, texts):
        chosen = rng.sample(themes, rng.randint(0, min(4, len(themes)))) if themes else []
        if chosen and rng.random() < 0.1:
            chosen.append(chosen[0])  # a theme listed twice
        if items and rng.random() < 0.15:
            chosen = list(rng.choice(items)[1])  # the same themes as another record
        items.append((item_id, chosen, text))
    return items


@pytest.mark.parametrize("seed", range(300))
def test_related_records_equal_the_plain_reading(seed, monkeypatch):
    rng = random.Random(seed)
    items = random_items(rng)
    if seed % 3:  # small caps, so that they bite
        monkeypatch.setattr(related, "POSTINGS_CAP", rng.randint(1, 6))
        monkeypatch.setattr(related, "SIGNATURE_SIZE", rng.randint(1, 6))
    if seed % 7 == 0:  # words in many records count
        monkeypatch.setattr(related, "MIN_DOCUMENT_LIMIT", 1000)
    for limit in (1, 2, 3, 5, 10):
        expected = reference_related(items, limit)
        got = related.related_records(items, limit=limit)
        assert got == expected, (seed, limit)
        assert list(got) == list(expected)


@pytest.mark.parametrize("seed", range(3))
def test_large_collections_with_the_shipped_caps(seed):
    # Over 640 records, a word can be in more signatures than POSTINGS_CAP.
    rng = random.Random(1000 + seed)
    words = [f"{a}{b}" for a in ("cust", "prot", "dron", "frau", "yout", "mind", "rail", "scam")
             for b in ("ody", "est", "ing", "ure", "ity", "ade", "ion", "ment", "ance", "ward")]
    items = []
    for n in range(rng.randint(700, 900)):
        text = " ".join(rng.choices(words[:rng.randint(10, len(words))], k=rng.randint(0, 40)))
        items.append((f"id{n:04d}", rng.sample(THEMES, rng.randint(0, 3)), text))
    rng.shuffle(items)
    for limit in (1, 5):
        assert related.related_records(items, limit=limit) == reference_related(items, limit)


def test_many_equal_scores_are_ordered_by_id():
    items = [(f"r{n:02d}", ["custody"], "a detainee in the custody suite") for n in range(20)]
    items += [(f"s{n:02d}", ["custody", "search"], "strip search") for n in range(3)]
    items += [(f"t{n:02d}", [], "") for n in range(3)]
    random.Random(5).shuffle(items)
    for limit in (1, 3, 5, 25):
        assert related.related_records(items, limit=limit) == reference_related(items, limit)


def test_the_reference_agrees_with_the_modules_helpers():
    # So that a difference above is one of the fast path, not of the reference.
    for seed in range(60):
        items = random_items(random.Random(seed))
        ids = [item[0] for item in items]
        texts = [item[2] for item in items]
        assert related._signatures(texts) == reference_signatures(texts)
        signatures = reference_signatures(texts)
        assert related._postings(signatures, ids) == reference_postings(signatures, ids)
        masks = related._theme_masks([item[1] for item in items])
        if any(masks):
            for wanted in (1, 2, 4, 6, 11):
                expected = reference_neighbours(masks, ids, wanted)
                assert related._theme_neighbours(masks, ids, wanted) == expected
