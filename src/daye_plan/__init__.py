"""daye-plan: track Daye's 2023 eight-actions targets from plain files in git."""

__version__ = "0.1.0"
