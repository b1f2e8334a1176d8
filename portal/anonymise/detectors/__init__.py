"""One small detector per kind of identifier; see registry.py."""
