"""Related dilemmas' fast path gives exactly what scoring every candidate would."""
import heapq

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.tagging import related

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def plain_related(items, limit):
    """related_records as first written: every candidate scored."""
    ids = [item[0] for item in items]
    masks = related._theme_masks([item[1] for item in items])
    signatures = related._signatures([item[2] for item in items])
    postings = related._postings(signatures, ids)
    by_theme_set = related._theme_neighbours(masks, ids, limit + 1)
    result = {}
    for index, item_id in enumerate(ids):
        similarity = {}
        for term, weight in signatures[index]:
            for other, other_weight in postings[term]:
                similarity[other] = similarity.get(other, 0.0) + weight * other_weight
        for other in by_theme_set.get(masks[index], ()):
            similarity.setdefault(other, 0.0)
        similarity.pop(index, None)
        scored = [(-score, ids[other]) for other, text_score in similarity.items()
                  if (score := text_score + related.THEME_WEIGHT * related._jaccard(masks[index], masks[other]))
                  >= related.MIN_SCORE]
        result[item_id] = [other_id for _, other_id in heapq.nsmallest(limit, scored)]
    return result


WORDS = "custody search protest drone camera youth football stadium mental health crisis fraud".split()
records = st.lists(st.tuples(st.lists(st.sampled_from("abcdef"), max_size=3),
                             st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)),
                   min_size=2, max_size=40)


@SETTINGS
@given(records, st.integers(1, 6))
def test_related_records_skip_only_candidates_that_cannot_make_the_list(drawn, limit):
    items = [(f"r{n:03d}", themes, text) for n, (themes, text) in enumerate(drawn)]
    assert related.related_records(items, limit=limit) == plain_related(items, limit)
