"""daye-plan: track a plan's targets — any region, any year — from plain files in git."""

__version__ = "0.1.0"
