"""`/readout list [tag]` and the App Home tab."""

from __future__ import annotations

from render_checks import check_message, check_view
from render_kbs import build, readout, small_kb, term

from bot.render.catalog import build_home_view, build_list
from bot.render.ids import ButtonValue, decode_value


def _button_targets(blocks: list[dict[str, object]]) -> list[str]:
    targets: list[str] = []
    for block in blocks:
        elements = [*block.get("elements", []), block.get("accessory")]  # type: ignore[list-item]
        for element in elements:
            if isinstance(element, dict) and element.get("type") == "button":
                value = decode_value(element["value"])
                assert value is not None
                targets.append(value.target)
    return targets


def _kb_with_many() -> object:
    readouts = [
        readout(id=f"r-{n:02d}", date=f"2026-01-{n + 1:02d}", title=f"Readout {n}", related=[])
        for n in range(3)
    ]
    terms = [term(id=f"t-{c}", title=f"{c.upper()} term", related=[]) for c in "cab"]
    return build(*readouts, *terms)


def test_list_is_readouts_newest_first_then_terms_a_to_z() -> None:
    message = build_list(_kb_with_many())  # type: ignore[arg-type]
    assert _button_targets(message["blocks"]) == ["r-02", "r-01", "r-00", "t-a", "t-b", "t-c"]
    assert message["blocks"][0]["text"]["text"] == "What Readout knows"
    check_message(message)


def test_list_by_tag() -> None:
    message = build_list(small_kb(), "#People ")
    assert message["blocks"][0]["text"]["text"] == "Tagged people"
    assert _button_targets(message["blocks"]) == ["tommy-pigott"]
    check_message(message)


def test_list_with_an_unknown_tag_names_the_tags() -> None:
    message = build_list(small_kb(), "<!channel>")
    assert message["text"] == "No entry is tagged “&lt;!channel&gt;”."
    assert "`bolivia`, `people`" in str(message["blocks"])
    check_message(message)


def test_list_stays_within_fifty_blocks() -> None:
    readouts = [
        readout(id=f"r-{n:03d}", date="2026-01-01", title=f"Readout {n}", related=[], follow_ups=[])
        for n in range(120)
    ]
    message = build_list(build(*readouts, term(related=[])))
    assert len(message["blocks"]) <= 50
    assert "older readouts" in str(message["blocks"])
    check_message(message)


def test_home_view_golden_parts() -> None:
    view = build_home_view(small_kb())
    assert view["type"] == "home"
    blocks = view["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Readout", "emoji": True},
    }
    assert "*How to ask*" in blocks[2]["text"]["text"]
    assert _button_targets(blocks) == ["alpha-beta-2026-02-04", "tommy-pigott"]
    assert blocks[-1]["elements"][0]["text"] == (
        "Knowledge base: 1 readout, 1 term, 1 follow-up, loaded "
        "<!date^1772366400^{date_short_pretty} at {time}|2026-03-01 12:00 UTC>."
    )
    assert decode_value(blocks[-3]["elements"][0]["value"]) == ButtonValue("tommy-pigott")
    check_view(view)


def test_home_view_stays_within_a_hundred_blocks() -> None:
    readouts = [
        readout(id=f"r-{n:03d}", date="2026-01-01", title=f"Readout {n}", related=[], follow_ups=[])
        for n in range(150)
    ]
    view = build_home_view(build(*readouts, term(related=[])))
    assert len(view["blocks"]) <= 100
    check_view(view)
