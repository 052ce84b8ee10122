"""How much of a question is kept: as given, a salted hash, or nothing (READOUT_QUESTION_PRIVACY).

The hash is HMAC-SHA256 of the normalised question, so the same question asked twice groups
together in `readout gaps` without its words being kept. The salt is READOUT_QUESTION_SALT when
set (keep it out of the database that way), else a random one the database made when created.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import sqlalchemy as sa

from bot.config import QuestionPrivacy
from bot.store.db import Database
from bot.store.migrations import SALT_KEY
from bot.store.schema import store_meta


@dataclass(frozen=True)
class KeptQuestion:
    """The parts of a question that may be stored under the privacy setting."""

    question: str | None
    normalized: str | None
    question_hash: str | None


@dataclass(frozen=True)
class QuestionKeeper:
    """Applies the privacy setting to each question before it reaches a table."""

    privacy: QuestionPrivacy
    salt: str

    def keep(self, question: str, normalized: str | None = None) -> KeptQuestion:
        if self.privacy is QuestionPrivacy.PLAIN:
            return KeptQuestion(question, normalized, None)
        if self.privacy is QuestionPrivacy.HASHED:
            key = normalized if normalized else question.casefold().strip()
            return KeptQuestion(None, None, self.digest(key))
        return KeptQuestion(None, None, None)

    def digest(self, text: str) -> str:
        return hmac.new(self.salt.encode(), text.encode(), hashlib.sha256).hexdigest()


def stored_salt(db: Database) -> str:
    """The salt the database made when it was created (migration 1), shared by every replica."""
    with db.begin() as conn:
        value = conn.execute(
            sa.select(store_meta.c.value).where(store_meta.c.key == SALT_KEY)
        ).scalar_one()
    return str(value)
