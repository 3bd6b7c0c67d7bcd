"""FieldKit core: offline-first field visits to tiers-lieux. No Qt below this package."""

__version__ = "0.1.0"
