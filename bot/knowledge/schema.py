"""The JSON Schema of one knowledge file, for editors and for `readout schema`."""

from __future__ import annotations

import json
from typing import Any

from bot.knowledge.models import EntryFile


def entry_schema() -> dict[str, Any]:
    """JSON Schema generated from the pydantic models."""
    schema = EntryFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Readout knowledge entry",
        "description": "One readout or term; one entry per YAML file under knowledge/.",
        **schema,
    }


def schema_json() -> str:
    """The schema as the text shipped in knowledge/schema.json."""
    return json.dumps(entry_schema(), indent=2, ensure_ascii=False) + "\n"
