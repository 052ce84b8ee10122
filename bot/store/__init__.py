"""Where the curators' loop is remembered: votes, unanswered questions and claimed Slack events.

SQLAlchemy Core over SQLite (the default, one file, no set-up) or PostgreSQL (production, several
replicas). The schema is created and upgraded by `migrations.py` when the database is opened.
No Slack imports here; the Slack layer talks to `Recorder`, which never raises into an answer.
"""
