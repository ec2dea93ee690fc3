"""The small, safe Markdown subset allowed in content: emphasis, links, lists, paragraphs."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
MAILTO_FIELDS = ("subject", "body")  # a patient's reply may carry a subject and text, never another recipient
RULES = ["emphasis", "link", "list", "escape", "newline"]


class _Parser(MarkdownIt):
    """The subset's parser; `allowed` decides which link targets are links (the others stay text)."""

    def __init__(self, allowed: Callable[[str], bool], extra_rules: tuple[str, ...] = ()) -> None:
        super().__init__("zero", {"html": False, "linkify": False, "typographer": False})
        self.enable([*RULES, *extra_rules])
        self._allowed = allowed

    def validateLink(self, url: str) -> bool:
        return self._allowed(url)


def mailto_extra_fields(url: str) -> list[str]:
    """What a mailto: link adds beyond one address, a subject and a body (cc=, bcc=, to=, a second
    address...): each would send a patient's email to someone they did not choose."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "mailto":
        return []
    query = parts.query + (f"#{parts.fragment}" if parts.fragment else "")
    names = [unquote(pair.partition("=")[0]).strip().lower() for pair in query.replace(";", "&").split("&")]
    extra = [f"{name}=" for name in names if name and name not in MAILTO_FIELDS]
    address = unquote(parts.path)
    if "," in address or "?" in address:
        extra.append("a second address")
    return extra


def _link_allowed(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ALLOWED_SCHEMES and not mailto_extra_fields(url)


_render = _Parser(_link_allowed)
_inspect = _Parser(lambda url: True, ("image",))  # parses images only to refuse them by name


def link_problems(text: str, *, inline: bool) -> list[str]:
    """Reasons `text` is not allowed: images, links that are not web, email or phone links, and
    (for inline fields) lists or more than one paragraph."""
    problems: list[str] = []
    tokens = _inspect.parse(text)
    for token in tokens:
        if inline and token.type in ("bullet_list_open", "ordered_list_open"):
            problems.append("lists are not allowed here (write one short paragraph)")
        for child in token.children or []:
            if child.type == "image":
                problems.append(f"images are not allowed in text: '{child.attrs.get('src', '')}'")
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                extra = mailto_extra_fields(href)
                if extra:
                    problems.append(f"link '{href}' may carry one address, subject= and body=, not "
                                    f"{extra[0]} (remove it, so a patient writes only to the address shown)")
                elif not _link_allowed(href):
                    problems.append(f"link '{href}' is not allowed (use a full https:// address, "
                                    "or a mailto: or tel: link)")
    if inline and sum(t.type == "paragraph_open" for t in tokens) > 1:
        problems.append("only one paragraph is allowed here (remove the blank line)")
    return problems


def render_block(text: str) -> Markup:
    """Paragraphs and lists as HTML; any HTML in the text is shown as text."""
    return Markup(_render.render(text))


def render_inline(text: str) -> Markup:
    """One line of inline Markdown as HTML."""
    return Markup(_render.renderInline(text))
