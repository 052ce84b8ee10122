"""Matching questions to knowledge: normalisation, the index and the matcher. No Slack imports."""
