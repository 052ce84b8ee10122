"""Alembic's script directory for the store: env.py and the revisions under versions/."""
