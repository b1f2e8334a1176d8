"""Tagging one record with themes, and saying why.

A record's themes are the ones its editor lists in front matter, plus those
whose signals the tagger finds in its title, summary and body, minus any the
editor has rejected. A theme is found when the weights of the *different*
signals found add up to its threshold: one weak word, however often repeated,
is not enough.

Short dilemmas often hold one telling word and a hint or two, and reach no
threshold. Then the best-scoring theme is still given as a best guess
(``TagResult.fallback`` says so) if its score reaches the taxonomy's
``fallback_threshold`` and rests on two different signals, or on one in the
title. So fewer records end with no theme, while one word alone in the
summary or text never decides a theme.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .matching import Found, Hit
from .taxonomy import Taxonomy

PLACES = ("title", "summary", "body")
FRONT_MATTER = "front matter"


@dataclass(frozen=True)
class Evidence:
    """Why a theme was given: a term found in a place, or the editor's list."""

    theme: str
    term: str  # the words as they appear in the record; "themes" for the editor's list
    where: str  # "title", "summary", "body" or "front matter"
    line: int | None = None  # line in the file (body only), when known

    def as_dict(self) -> dict:
        data = {"term": self.term, "where": self.where}
        if self.line is not None:
            data["line"] = self.line
        return data


@dataclass
class TagResult:
    themes: list[str]  # final themes, taxonomy order; unknown editor ids last
    automatic: list[str]  # added by the tagger (not listed by the editor)
    editor: list[str]  # listed by the editor
    rejected: list[str]  # rejected by the editor: never added automatically
    evidence: dict[str, list[Evidence]]  # for every theme in ``themes``
    # Rejected themes the tagger would otherwise have added, with what it found.
    overruled: dict[str, list[Evidence]] = field(default_factory=dict)
    # Score of every theme with any signal found (sum of distinct signals' weights).
    scores: dict[str, float] = field(default_factory=dict)
    # Automatic themes given only because nothing reached a threshold (best guess).
    fallback: list[str] = field(default_factory=list)


def tag_record(taxonomy: Taxonomy, *, title: str, summary: str, body: str,
               editor_themes: Iterable[str] = (), rejected_themes: Iterable[str] = (),
               body_first_line: int = 1) -> TagResult:
    """Themes for one record, with evidence.

    ``body_first_line`` is the file line where ``body`` starts, so evidence
    points at lines an editor can find. An editor's theme that is also
    rejected is kept (the editor listed it); the validator reports the clash.
    """
    texts = [title or "", summary or "", body or ""]
    found = taxonomy._matcher.find(texts)
    scores, signals_by_theme = _score(taxonomy, found.hits)
    passed = [theme_id for theme_id, threshold in taxonomy._thresholds
              if theme_id in scores and scores[theme_id] >= threshold]

    order = taxonomy._order
    editor = _in_taxonomy_order(editor_themes, order)
    rejected = _in_taxonomy_order(rejected_themes, order)
    automatic = [t for t in passed if t not in editor and t not in rejected]
    fallback: list[str] = []
    if not editor and not automatic and taxonomy.fallback_threshold > 0:
        fallback = automatic = _best_of(scores, signals_by_theme, taxonomy, exclude=set(rejected))
    themes = _in_taxonomy_order(editor + automatic, order)

    def evidence_for(theme_id: str) -> list[Evidence]:
        return _evidence(theme_id, signals_by_theme.get(theme_id, []), found, texts, body_first_line)

    evidence = {t: ([Evidence(t, "themes", FRONT_MATTER)] if t in editor else []) + evidence_for(t)
                for t in themes}
    overruled = {t: evidence_for(t) for t in passed if t in rejected and t not in editor}
    return TagResult(themes=themes, automatic=automatic, editor=editor, rejected=rejected,
                     evidence=evidence, overruled=overruled, scores=scores, fallback=fallback)


def _best_of(scores: dict[str, float], hits_by_theme: dict[str, list[Hit]], taxonomy: Taxonomy,
             exclude: set[str]) -> list[str]:
    """The best-scoring theme(s) at or above the fallback threshold; ties all kept.

    A best guess needs two different signals, or one in the title (an editor's
    summary of the dilemma): one word alone in the summary or text never
    decides a theme.
    """
    def enough(theme_id: str) -> bool:
        hits = hits_by_theme.get(theme_id, ())
        return len({signal for signal, _ in hits}) >= 2 or any(field_index == 0 for _, field_index in hits)

    eligible = {t: s for t, s in scores.items()
                if t not in exclude and s >= taxonomy.fallback_threshold and enough(t)}
    if not eligible:
        return []
    best = max(eligible.values())
    return [t for t in taxonomy.ids if eligible.get(t) == best]


def _in_taxonomy_order(theme_ids: Iterable[str], order: dict[str, int]) -> list[str]:
    unique = list(dict.fromkeys(theme_ids))
    return sorted(unique, key=lambda t: (order.get(t, len(order)), unique.index(t)))


def _score(taxonomy: Taxonomy, hits: list[Hit]) -> tuple[dict[str, float], dict[str, list[Hit]]]:
    """Each theme's score: every signal found counts once, at its weightiest place."""
    table = taxonomy._signal_table  # signal -> (theme id, weight)
    title_weight = taxonomy.title_weight
    best: dict[int, float] = {}
    by_theme: dict[str, list[Hit]] = {}
    for hit in hits:
        signal, field_index = hit
        theme_id, weight = table[signal]
        if field_index == 0:
            weight *= title_weight
        if weight > best.get(signal, 0.0):
            best[signal] = weight
        if theme_id in by_theme:
            by_theme[theme_id].append(hit)
        else:
            by_theme[theme_id] = [hit]
    scores: dict[str, float] = {}
    for signal, weight in best.items():
        theme_id = table[signal][0]
        scores[theme_id] = scores.get(theme_id, 0.0) + weight
    return scores, by_theme


def _evidence(theme_id: str, hits: list[Hit], found: Found, texts: list[str],
              body_first_line: int) -> list[Evidence]:
    """The words found for a theme, where they first occur, in reading order."""
    # hit: (signal, text number)
    located = sorted([(hit[1], start, end, hit[0]) for hit, (start, end) in zip(hits, found.spans(hits))])
    items = []
    line, counted_to = body_first_line, 0  # the body's line at character `counted_to`
    for field_index, start, end, _ in located:
        text = texts[field_index]
        if field_index == 2:  # in reading order: count the line breaks since the last one
            line += text.count("\n", counted_to, start)
            counted_to = start
        items.append(Evidence(theme_id, " ".join(text[start:end].split()), PLACES[field_index],
                              line if field_index == 2 else None))
    return items
