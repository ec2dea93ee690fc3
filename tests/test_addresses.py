"""Addresses on a web page may wrap on a narrow screen, only between pieces and never at a hyphen; in
a leaflet's PDF they are printed whole (leaflets/render/addresses.py)."""

from __future__ import annotations

import pytest
from jinja2 import Environment

from leaflets.render.addresses import address, pieces

ADDRESSES = ["ms.team@riverside-ms.example.org", "ms.nurses@northfield-neuro.example.org",
             "https://riverside-ms.example.org/leaflets/MSL-HSCT", "https://northfield-neuro.example.org/ms"]


@pytest.mark.parametrize("text", ADDRESSES)
def test_the_pieces_make_up_the_address_and_none_ends_at_a_hyphen(text: str) -> None:
    found = pieces(text)
    assert "".join(found) == text and len(found) > 2
    assert not [piece for piece in found if piece.endswith("-")]


def test_an_address_wraps_after_the_at_sign_and_before_each_dot_of_its_domain() -> None:
    assert pieces("ms.team@riverside-ms.example.org") == ["ms.team@", "riverside-ms", ".example", ".org"]
    assert pieces("https://a-b.org/x/y") == ["https://", "a-b", ".org", "/x", "/y"]
    assert pieces("not an address") == ["not an address"]


def render(web: object, text: str) -> str:
    env = Environment(autoescape=True)
    env.filters["address"] = address
    return env.from_string("{{ text | address }}").render(web=web, text=text)


def test_a_web_page_gets_each_piece_kept_whole_with_a_place_to_wrap_between() -> None:
    assert render({}, "a@b-c.org") == ('<span class="unbroken">a@</span><wbr><span class="unbroken">b-c</span>'
                                       '<wbr><span class="unbroken">.org</span>')


def test_a_leaflets_pdf_prints_the_address_whole_and_escaped() -> None:
    assert render(None, "a&b@c-d.org") == "a&amp;b@c-d.org"
