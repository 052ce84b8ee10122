"""Readout: answers policy questions in Slack from a curated knowledge base."""

__version__ = "0.1.0"
