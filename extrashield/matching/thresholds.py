"""The score thresholds of matching, apart from the scorer so that a command can show them in its help
without importing the matcher (every `extrashield` command is built at start-up)."""

DEFAULT_THRESHOLD = 0.75  # `match` writes pairs at or above this (recall first: a person judges them)
LIKELY_MATCH = 0.85  # at or above: "likely the same person" (precision first)

__all__ = ["DEFAULT_THRESHOLD", "LIKELY_MATCH"]
