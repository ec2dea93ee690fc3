"""Keep the urgent box whole and first: try its layouts in turn until one keeps the promise.

The box opens with "Keep this page where you can find it", so it must be whole on page 1 (in a
bilingual PDF, on the first page of each language's part). The layouts, in the order tried:

1. after the title and introduction, as written;
2. straight after the title, before the introduction (a draft's notice may follow it);
3. where the page cannot hold it under the title (large print, A5): its first tiers on that page and
   the rest on the next, headed as the box's continuation, never splitting a tier; its opening line
   then says to keep both pages. The most tiers that fit go first.

Each try lays out only the part's own document up to the end of the box (a page or two, not the
whole leaflet; what follows the box cannot move it) and reads it from WeasyPrint's boxes; the whole
PDF is then laid out once, checked the same way, and written. If no layout fits, the PDF is
refused with what overflows. The built PDF is checked again, from its own structure tree, before it
is written (leaflets/render/promises.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import BrokenPromise

BOX, CONTINUED, TIER = "urgent", "urgent-continued", "urgent-tier-"
END = "<!--urgent-box-ends-->"  # written by templates/base.html.j2 after the box (and its continuation)


def up_to_the_box(html: str) -> str:
    """A rendered leaflet cut after its urgent box: enough to see where the box lands."""
    end = html.find(END)
    return html if end < 0 else html[:end] + "</main></body></html>"


@dataclass(frozen=True)
class UrgentLayout:
    """Where the box goes: `first` puts it before the introduction; `split` is how many tiers stay on
    the box's first page (0: all of them)."""

    first: bool = False
    split: int = 0
    notice_late: bool = False  # a draft's notice after the box rather than above the title

    def describe(self) -> str:
        place = "before the introduction" if self.first else "after the introduction"
        return (place + (", the draft notice after it" if self.notice_late else "")
                + (f", {self.split} tier(s) on its first page and the rest continued" if self.split else ""))


WHOLE = UrgentLayout()


def candidates(tiers: int, draft: bool) -> tuple[UrgentLayout, ...]:
    """The layouts to try, in order. A draft's notice (page 1's "do not give this to patients") may
    follow the box: the band on every page still says it is a draft."""
    found = [WHOLE, UrgentLayout(first=True)]
    if draft:
        found.append(UrgentLayout(first=True, notice_late=True))
    found += [UrgentLayout(first=True, split=k, notice_late=draft) for k in range(tiers - 1, 0, -1)]
    return tuple(found)


def part_prefix(number: int) -> str:
    """The prefix of ids in part `number` of a bilingual PDF (leaflets/render/bilingual.py)."""
    return "" if number == 1 else f"part{number}-"


@dataclass(frozen=True)
class Fragment:
    """Where one box of an element with an id lies: its page (from 0) and its top and height (CSS px)."""

    page: int
    top: float
    height: float


def fragments(document: Any, wanted: Callable[[str], bool]) -> dict[str, list[Fragment]]:
    """For each element id that `wanted` accepts, its outermost boxes on each page, in order."""
    found: dict[str, list[Fragment]] = {}
    for number, page in enumerate(document.pages):
        seen: set[str] = set()
        for box in page._page_box.descendants():
            element = box.element
            ident = element.get("id") if element is not None and hasattr(element, "get") else None
            if ident and ident not in seen and wanted(ident):
                seen.add(ident)  # an element's first box on a page is its outermost
                found.setdefault(ident, []).append(Fragment(number, box.position_y, box.margin_height()))
    return found


def pages_by_id(document: Any, wanted: Callable[[str], bool]) -> dict[str, set[int]]:
    """For each element id that `wanted` accepts, the pages (from 0) its boxes lie on."""
    return {ident: {f.page for f in found} for ident, found in fragments(document, wanted).items()}


BOX_FOOT = 8.0  # CSS px: the box's padding and border under its last tier
SLACK = 12.0  # CSS px (about 3 mm): a layout predicted to miss by less than this is still tried


@dataclass(frozen=True)
class Room:
    """One part's first layout, measured: enough to skip layouts that cannot fit."""

    after_intro: float  # from the introduction's top to the foot of the part's first page
    notice: float  # the draft notice's height (0 without one)
    box: float  # the whole box
    tiers: tuple[float, ...]
    page: float  # a whole page's content height

    def may_fit(self, layout: UrgentLayout) -> bool:
        room = self.after_intro + (self.notice if layout.notice_late else 0.0)
        if not layout.split:
            return self.box <= room + SLACK
        head = max(self.box - sum(self.tiers), 0.0)
        return (head + sum(self.tiers[:layout.split]) <= room + SLACK
                and head + sum(self.tiers[layout.split:]) <= self.page + SLACK)


def measure(document: Any, prefix: str, start: int) -> Room | None:
    """The room on a part's first page, from a layout with its box after the introduction."""
    found = fragments(document, lambda ident: ident.startswith(prefix))
    head = 0.0
    intro = found.get(prefix + "intro")
    box = found.get(prefix + BOX)
    if not intro or not box or intro[0].page != start:
        return None
    page = document.pages[start]._page_box
    foot = page.content_box_y() + page.height
    tiers = []
    for number in range(1, 1000):
        tier = found.get(f"{prefix}{TIER}{number}")
        if tier is None:
            break
        tiers.append(sum(f.height for f in tier))
        if number == 1:  # the heading and opening line above it, with the box's padding and border below
            head = tier[0].top - box[0].top + BOX_FOOT if tier[0].page == box[0].page else 0.0
    notice = found.get(prefix + "draft-notice")
    return Room(foot - intro[0].top, sum(f.height for f in notice) if notice else 0.0,
                head + sum(tiers), tuple(tiers), page.height)


def part_starts(document: Any, parts: int) -> list[int]:
    """The page (from 0) each language part starts on; part 1 starts the document."""
    starts = [0]
    for number in range(2, parts + 1):
        name = f"part-{number}"
        starts.append(next((n for n, page in enumerate(document.pages) for box in page._page_box.descendants()
                            if box.element is not None and name in (box.element.get("class") or "").split()),
                           0))
    return starts


def broken(pages: dict[str, set[int]], prefix: str, start: int, layout: UrgentLayout) -> str | None:
    """What is wrong with one part's urgent box, or None when it keeps the promise."""
    def shown(found: set[int]) -> str:
        return " and ".join(str(n + 1) for n in sorted(found)) or "no page"

    box = pages.get(prefix + BOX, set())
    if box != {start}:
        where = "on page" + ("s " if len(box) > 1 else " ") + shown(box)
        return f"the urgent box is {where}, not whole on page {start + 1}"
    if not layout.split:
        return None
    continued = pages.get(prefix + CONTINUED, set())
    if continued != {start + 1}:
        return f"the urgent box's continuation is on page(s) {shown(continued)}, not whole on page {start + 2}"
    for ident, found in sorted(pages.items()):
        if ident.startswith(prefix + TIER) and len(found) > 1:
            return f"tier {ident.removeprefix(prefix + TIER)} of the urgent box runs over pages {shown(found)}"
    return None


@dataclass
class UrgentFit:
    """Chooses each part's layout. `documents[p][i]` is part p's HTML in layout `layouts[p][i]`;
    `combine` makes the PDF's HTML from one HTML per part."""

    subject: str  # the leaflet, brand, language and variant, in words
    layouts: tuple[tuple[UrgentLayout, ...], ...]
    documents: tuple[tuple[str, ...], ...]
    combine: Callable[[list[str]], str]
    chosen: list[int] = field(default_factory=list)
    rooms: dict[int, Room | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.chosen = [0] * len(self.documents)

    def html(self) -> str:
        return self.combine([versions[i] for versions, i in zip(self.documents, self.chosen, strict=True)])

    def choose(self, lay_out: Callable[[str], Any]) -> str:
        """The PDF's HTML, each part's layout chosen from trials of that part alone, cut after its box."""
        for number, versions in enumerate(self.documents, 1):
            while len(self.layouts[number - 1]) > 1:
                document = lay_out(up_to_the_box(versions[self.chosen[number - 1]]))
                if not self._advance(number, document, "", 0):
                    break
        return self.html()

    def _advance(self, number: int, document: Any, prefix: str, start: int) -> bool:
        """Move part `number` on to its next layout if `document` breaks its box; False if it keeps it.
        Raises BrokenPromise when no layout is left."""
        index = self.chosen[number - 1]
        layouts = self.layouts[number - 1]
        pages = pages_by_id(document, lambda ident: BOX in ident)
        problem = broken(pages, prefix, start, layouts[index])
        if problem is None:
            return False
        if number not in self.rooms:  # the first layout: measured once, then layouts that cannot fit are skipped
            self.rooms[number] = measure(document, prefix, start) if index == 0 else None
        room = self.rooms[number]
        left = range(index + 1, len(layouts))
        if not left:
            raise BrokenPromise(self._refusal(number, problem, layouts))
        # measurements only order the tries: if none looks as if it fits, each is still tried
        self.chosen[number - 1] = next((i for i in left if room is None or room.may_fit(layouts[i])), left[0])
        return True

    def retry(self, document: Any) -> str | None:
        """None if the whole `document` keeps every part's box whole and first; else the HTML to lay
        out next. Raises BrokenPromise when a part has no layout left."""
        for number, start in enumerate(part_starts(document, len(self.documents)), 1):
            if self._advance(number, document, part_prefix(number), start):
                return self.html()
        return None

    def _refusal(self, number: int, problem: str, layouts: tuple[UrgentLayout, ...]) -> str:
        part = f"language part {number}: " if len(self.documents) > 1 else ""
        tried = "; ".join(layout.describe() for layout in layouts)
        advice = ("shorten the box (fewer or shorter signs), or split a long tier in two: a box may continue "
                  "on the next page only between tiers")
        return f"{self.subject}: {part}{problem} in every layout tried ({tried}): {advice}"


def each_layout(fit: UrgentFit) -> Iterator[str]:
    """Every HTML the fit may lay out (for a cache key)."""
    for versions in fit.documents:
        yield from versions
