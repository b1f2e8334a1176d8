"""The registry of detectors: each detector module registers its detectors
declaratively with `register(...)` when imported."""
from __future__ import annotations

import importlib
from functools import lru_cache

from .detectors.base import Detector

DETECTOR_MODULES = (
    "contact", "location", "government_ids", "police", "financial", "online", "vehicles",
    "names", "quasi", "alphabets",
)
# Several detectors may serve one rule (an email written plainly or as
# "name at domain dot com"); each is registered once, in import order.
_REGISTRY: list[Detector] = []


def register(detector: Detector) -> Detector:
    if not any(existing is detector for existing in _REGISTRY):
        _REGISTRY.append(detector)
    return detector


@lru_cache(maxsize=1)
def detectors() -> tuple[Detector, ...]:
    """Every registered detector, in a stable order (imports the modules once)."""
    for module in DETECTOR_MODULES:
        importlib.import_module(f"{__package__}.detectors.{module}")
    return tuple(_REGISTRY)


@lru_cache(maxsize=1)
def rule_ids() -> frozenset[str]:
    return frozenset(d.rule for d in detectors())
