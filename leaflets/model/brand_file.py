"""A clinic's _brand.yml as a typed model (a subset of posit-dev's brand.yml, plus the clinic's
contact block in meta). Validation messages here are shown to clinic staff."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from ..sources.yamlsource import FieldPath
from .field_types import ColourRef, EmailAddress, FamilyName, HexColour, Phone, Slug, Strict, Text, WebUrl, YesNo

ENGLISH = "en"
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class Wording(str):
    """Brand text a translated leaflet prints in its own language (a service's name and hours, the
    contact hours). The string is the English; `text(language)` is the brand's text in a language,
    or None when the brand does not give it in that language.

    A brand file gives it as plain text (English only) or by language:
    `hours: {en: "Monday to Friday, 9am to 5pm", cy: "...", ur: "..."}`.
    """

    translations: dict[str, str]

    def __new__(cls, by_language: dict[str, str]) -> Wording:
        made = super().__new__(cls, by_language[ENGLISH])
        made.translations = {k: v for k, v in by_language.items() if k != ENGLISH}
        return made

    def __getnewargs__(self) -> tuple[dict[str, str]]:  # type: ignore[override]
        """What pickle needs to make it again (a build sends brands to its worker processes)."""
        return ({ENGLISH: str(self), **self.translations},)

    def text(self, language: str) -> str | None:
        return str(self) if language == ENGLISH else self.translations.get(language)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        by_language = handler.generate_schema(dict[str, Text])
        return core_schema.no_info_before_validator_function(
            _plain_is_english, core_schema.no_info_after_validator_function(_wording, by_language),
            serialization=core_schema.plain_serializer_function_ser_schema(str))


def _plain_is_english(value: Any) -> Any:
    """Plain text is the English alone."""
    return {ENGLISH: value} if not isinstance(value, dict) else value


def _language_code(code: str) -> str:
    if not LANGUAGE_CODE.match(code):
        raise ValueError(f"'{code}' is not a language code (write the language's two-letter code in "
                         "lowercase, for example cy for Welsh, pl for Polish, ur for Urdu)")
    return code


def _other_language(code: str) -> str:
    if _language_code(code) == ENGLISH:
        raise ValueError("lists English, which waits for no other language (list only the languages, "
                         "such as cy, whose translation must be checked before the English is released)")
    return code


def _wording(by_language: dict[str, str]) -> Wording:
    for code in by_language:
        _language_code(code)
    if ENGLISH not in by_language:
        raise ValueError(f"gives {', '.join(by_language)} but no English (add en: with the English text; "
                         "English leaflets print it)")
    return Wording(by_language)


class Contact(Strict):
    phone: Phone
    email: EmailAddress
    address: list[Text] = Field(min_length=1)
    website: WebUrl
    hours: Wording


class Service(Strict):
    """A service a leaflet may tell patients to call: 999, NHS 111, a unit's 24-hour line, the MS team."""

    name: Wording
    phone: Phone
    hours: Wording
    answers_24_hours: YesNo = False


class BrandName(Strict):
    short: Text
    full: Text


class BrandMeta(Strict):
    name: BrandName
    link: dict[str, WebUrl] = Field(default_factory=dict)
    contact: Contact
    services: dict[Slug, Service] = Field(default_factory=dict)
    # the unit's own clinical values a leaflet prints through a placeholder ({fever-threshold}): see parameters.py
    parameters: dict[Slug, Wording] = Field(default_factory=dict)
    # languages whose checked, current translation of a leaflet must exist before its English is released
    release_with: list[Annotated[str, AfterValidator(_other_language)]] = Field(default_factory=list)

    def wordings(self, services: tuple[str, ...] | None = None,
                 parameters: tuple[str, ...] | None = None) -> Iterator[tuple[FieldPath, Wording]]:
        """The per-language fields a leaflet prints, where they are in the brand file: the contact
        hours, each service's name and hours (of the services named, or of all), and each
        parameter's value (of the parameters named; of all when no services are named either)."""
        yield ("meta", "contact", "hours"), self.contact.hours
        for key in self.services if services is None else services:
            service = self.services.get(key)
            if service is None:
                continue
            yield ("meta", "services", key, "name"), service.name
            yield ("meta", "services", key, "hours"), service.hours
        for key in (self.parameters if services is None else ()) if parameters is None else parameters:
            if key in self.parameters:
                yield ("meta", "parameters", key), self.parameters[key]


class LogoImage(Strict):
    path: Text
    alt: Text



def _logo_shorthand(value: Any) -> Any:
    """brand.yml allows `logo: file.svg`; treat it as the medium logo."""
    return {"medium": value} if isinstance(value, str) else value


def _image_shorthand(value: Any) -> Any:
    """brand.yml allows a bare path; we still need alt text, so ask for it by name."""
    return {"path": value} if isinstance(value, str) else value


Logo = Annotated[LogoImage, BeforeValidator(_image_shorthand)]


class BrandLogo(Strict):
    small: Logo | None = None
    medium: Logo | None = None
    large: Logo | None = None


class BrandColor(Strict):
    palette: dict[Slug, HexColour] = Field(default_factory=dict)
    foreground: ColourRef
    background: ColourRef
    primary: ColourRef
    secondary: ColourRef | None = None
    tertiary: ColourRef | None = None
    light: ColourRef | None = None
    dark: ColourRef | None = None
    danger: ColourRef | None = None
    warning: ColourRef | None = None
    success: ColourRef | None = None
    info: ColourRef | None = None


Weight = Annotated[int, Field(ge=100, le=900, strict=True)]


class FontFile(Strict):
    path: Text
    weight: Weight = 400
    style: Literal["normal", "italic"] = "normal"


class FontFamily(Strict):
    family: FamilyName
    source: Literal["files"] = "files"
    files: list[FontFile] = Field(min_length=1)


def _font_shorthand(value: Any) -> Any:
    return {"family": value} if isinstance(value, str) else value


class BaseStyle(Strict):
    """Body text. Its size and spacing are fixed by the clear-print rules, not by the brand."""

    family: FamilyName
    weight: Weight | None = None


class HeadingStyle(BaseStyle):
    color: ColourRef | None = None


class BrandTypography(Strict):
    fonts: list[FontFamily] = Field(min_length=1)
    base: Annotated[BaseStyle, BeforeValidator(_font_shorthand)]
    headings: Annotated[HeadingStyle, BeforeValidator(_font_shorthand)] | None = None


def _url_pattern(value: str) -> str:
    if len(value) > 200:
        raise ValueError(f"the address is {len(value)} characters long (a QR code can hold 200 at most here)")
    if not re.match(r"^https://[^\s/]+", value):
        raise ValueError(f"'{value}' is not a web address (start it with https://)")
    unknown = set(re.findall(r"\{([^}]*)\}", value)) - {"id", "leaflet"}
    if unknown:
        raise ValueError(f"'{{{unknown.pop()}}}' is not a placeholder (use {{id}} for the leaflet id, "
                         "or {leaflet} for its file name)")
    return value


Percent = Annotated[float, Field(ge=0, le=100, strict=False)]
Cmyk = Annotated[tuple[Percent, Percent, Percent, Percent], Field(strict=False)]


class LeafletDefaults(Strict):
    """This project's own section of brand.yml's `defaults`."""

    paper: Literal["a4", "letter", "a5"] = "a4"
    url: Annotated[Text, AfterValidator(_url_pattern)] | None = None
    # Print-shop CMYK for a colour, by palette name or role: [C, M, Y, K] in percent.
    cmyk: dict[Slug, Cmyk] = Field(default_factory=dict)

    def leaflet_url(self, leaflet_id: str, slug: str) -> str | None:
        """Where this leaflet can be read online, if the clinic publishes its leaflets."""
        return self.url.replace("{id}", leaflet_id).replace("{leaflet}", slug) if self.url else None


class BrandDefaults(BaseModel):
    """brand.yml keeps settings for each tool under `defaults`; other tools' sections are theirs."""

    model_config = ConfigDict(extra="allow", frozen=True)
    leaflets: LeafletDefaults = LeafletDefaults()


class Brand(Strict):
    meta: BrandMeta
    logo: Annotated[BrandLogo, BeforeValidator(_logo_shorthand)]
    color: BrandColor
    typography: BrandTypography
    defaults: BrandDefaults = BrandDefaults()
