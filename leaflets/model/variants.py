"""The forms one leaflet is made in: for email or print, on which paper, in standard or large print."""

from __future__ import annotations

from dataclasses import dataclass

PAPERS = {"a4": "A4", "letter": "letter", "a5": "A5"}  # the CSS page sizes
PROFILES = ("email", "print")
BOOKLET = "booklet"  # A5 pages imposed two-up on A4 sheets, for an office duplex printer
BLEED = "3mm"


@dataclass(frozen=True)
class Margins:
    """A page's margins in mm. The one place they are set: `Variant.page_css` writes them into the
    PDF's @page rule (the stylesheets in styles/ do not state them), and `Variant.text_width_mm`
    sizes what is drawn as wide as the text column (diagram labels, the draft band) from them."""

    top: float
    right: float
    bottom: float
    left: float

    @property
    def css(self) -> str:
        return f"margin: {self.top:g}mm {self.right:g}mm {self.bottom:g}mm {self.left:g}mm;"


STANDARD_MARGINS = Margins(22, 20, 22, 20)  # A4 and Letter clear print
A5_MARGINS = Margins(18, 14, 30, 14)  # narrower sides; the footer's two lines need the taller bottom
LARGE_PRINT_MARGINS = Margins(22, 15, 25, 15)  # the footer is 2 lines of 16 pt (reference and version, review date)


@dataclass(frozen=True)
class Variant:
    profile: str = "email"
    paper: str = "a4"
    large_print: bool = False
    crop_marks: bool = False

    @property
    def name(self) -> str:
        """As it appears in file names: email-a4, print-letter, email-a4-large-print, booklet-a5-on-a4."""
        return (f"{self.profile}-{self.paper}" + ("-crop-marks" if self.crop_marks else "")
                + ("-large-print" if self.large_print else ""))

    @property
    def page_css(self) -> str:
        """The @page rules for this paper and profile. Print adds bleed (backgrounds run into it);
        its crop marks are drawn outside the bleed afterwards (leaflets/render/printshop.py)."""
        rules = [f"size: {PAPERS[self.page_paper]};", self.margins.css]
        if self.profile == "print":
            rules.append(f"bleed: {BLEED};")
        return "@page { " + " ".join(rules) + " }\n"

    @property
    def stylesheets(self) -> list[str]:
        """Stylesheets in styles/ that this variant adds after leaflet.css."""
        sheets = ["paper-a5.css"] if self.page_paper == "a5" else []
        return sheets + (["large-print.css"] if self.large_print else [])

    @property
    def page_paper(self) -> str:
        """The size of each laid-out page: a booklet lays out A5 pages to impose on A4."""
        return "a5" if self.profile == BOOKLET else self.paper

    @property
    def margins(self) -> Margins:
        """Large print has its own margins on any paper (a large-print booklet too); else A5 pages
        have theirs."""
        if self.large_print:
            return LARGE_PRINT_MARGINS
        return A5_MARGINS if self.page_paper == "a5" else STANDARD_MARGINS

    @property
    def text_width_mm(self) -> float:
        """The width of the text column: the paper's width less the side margins."""
        paper = {"a4": 210.0, "letter": 215.9, "a5": 148.0}[self.page_paper]
        return paper - self.margins.left - self.margins.right

    @property
    def min_text_pt(self) -> int:
        """The smallest type allowed: clear print 12 pt, large print 16 pt."""
        return 16 if self.large_print else 12

    @property
    def pdf_options(self) -> dict:
        """Email PDFs are PDF/UA-1 (tagged, titled, with a language); print-shop PDFs are PDF/X-4
        (finished in CMYK by leaflets/render/printshop.py); a booklet, for an office printer, is tagged."""
        if self.profile == "email":
            return {"pdf_variant": "pdf/ua-1"}
        if self.profile == "print":
            return {"pdf_variant": "pdf/x-4", "pdf_tags": True}  # tags let the build read its own layout back
        return {"pdf_tags": True}


def variants_for(profile: str, paper: str, large_print: bool | None, crop_marks: bool) -> list[Variant]:
    """What to build. By default an email build makes standard and large print; print and booklet
    make standard. `large_print` True or False asks for only that one."""
    if profile == BOOKLET:
        paper = "a5-on-a4"
    sizes = [large_print] if large_print is not None else [False, True] if profile == "email" else [False]
    return [Variant(profile, _large_print_paper(paper) if size else paper, size, crop_marks) for size in sizes]


def _large_print_paper(paper: str) -> str:
    """Large print is made on A4 (or Letter): on A5 its lines would be too short to read well."""
    return "a4" if paper == "a5" else paper
