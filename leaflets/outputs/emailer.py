"""An email, in the clinic's name, with a leaflet attached: written as a draft .eml, or sent by SMTP."""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from .. import ROOT
from ..errors import LeafletError, UsageError
from ..model.brands import ResolvedBrand
from ..model.leaflets import Leaflet
from ..sources.i18n import direction, tag, translations

ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def drafts_folder() -> Path:
    """Where .eml drafts go unless --eml-dir says otherwise: a per-user folder outside the project
    and outside version control ($XDG_DATA_HOME/leaflets/email-drafts, by default
    ~/.local/share/leaflets/email-drafts), readable only by its owner, since each draft may hold
    a patient's address."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "leaflets" / "email-drafts"


def private_folder(folder: Path) -> Path:
    """Create `folder` (and its parents) if needed, readable only by its owner."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_uid == os.getuid():
        folder.chmod(0o700)
    return folder


def check_address(to: str | None) -> None:
    """A plain (ASCII) address, or None. A wrong one is not repeated: it is a patient's, and the
    message may end up in a terminal's scrollback or a CI log."""
    if to is not None and not ADDRESS.fullmatch(to):
        raise UsageError("the address given to --to is not a valid email address (use the form "
                         "name@example.org, in plain ASCII letters; it is not shown here, to keep it out of logs)")


def without_addresses(text: str) -> str:
    """`text` (a mail server's reply, say) with every email address in it replaced by [address]."""
    return re.sub(r"[^\s<>()\[\]{}'\",:;]+@[^\s<>()\[\]{}'\",:;]+", "[address]", text)


def attachment_name(leaflet: Leaflet, large_print: bool) -> str:
    """A file name a patient can recognise: the leaflet's title, lower case, hyphenated, its letters
    without accents; a title in another script (Urdu) gives the leaflet's name and language."""
    title = unicodedata.normalize("NFKD", leaflet.model.document.title.lower()).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", title).strip("-")
    if not re.search(r"[a-z]", stem):
        stem = f"{leaflet.slug}-{leaflet.language}"
    return f"{stem}{'-large-print' if large_print else ''}.pdf"


def words(leaflet: Leaflet, brand: ResolvedBrand, *, large_print: bool, draft_reasons: Sequence[str] = (),
          link: bool = False) -> tuple[str, list[str]]:
    """The subject and the body's lines (blank lines between paragraphs) in the clinic's name and the
    leaflet's language, every word from the message catalog. A draft (one with `draft_reasons`, the
    job's own decision, already in that language) says so in the subject and, with why, at the top.
    With `link` the body says the PDF is at the link below (GOV.UK Notify), not attached."""
    _ = translations(ROOT, leaflet.language).gettext
    doc = leaflet.model.document
    contact = brand.model.meta.contact
    clinic = brand.model.meta.name.full
    subject = _("Information leaflet from %(clinic)s: %(title)s") % {"clinic": clinic, "title": doc.title}
    if draft_reasons:
        subject = f"{_('DRAFT')} - {subject}"
    if link:
        sent = (_("Your MS team has sent you our leaflet \"%(title)s\". You can download it as a PDF in large print "
                  "from the link below.") if large_print else
                _("Your MS team has sent you our leaflet \"%(title)s\". You can download it as a PDF from the link "
                  "below."))
    else:
        sent = (_("Your MS team has sent you our leaflet \"%(title)s\". It is attached to this email as a PDF in "
                  "large print.") if large_print else
                _("Your MS team has sent you our leaflet \"%(title)s\". It is attached to this email as a PDF."))
    # the brand's contact hours in the email's language; left out when the brand does not give them in it
    hours = contact.hours.text(leaflet.language)
    call = (_("If you have questions, call us on %(phone)s (%(hours)s) or reply to this email.") if hours
            else _("If you have questions, call us on %(phone)s or reply to this email."))
    lines = [
        _("Hello,"),
        "",
        sent % {"title": doc.title},
        "",
        doc.description,
        "",
        call % {"phone": contact.phone, "hours": hours},
        # the urgent box starts on page 1 (or, bilingual, on the first page of each language): the build checks it
        _("The box on the leaflet's first page says when to get help urgently, and whom to call."),
        "",
        _("This leaflet is also available in other formats. Just ask us.") if large_print else
        _("This leaflet is also available in large print and other formats. Just ask us."),
        "",
        *contact.address,
        contact.website,
    ]
    if draft_reasons:
        reasons = _(", and ").join(draft_reasons)
        lines[:0] = [_("DRAFT: do not give this leaflet to patients: %(reasons)s.") % {"reasons": reasons}, ""]
    return subject, lines


def build_message(leaflet: Leaflet, brand: ResolvedBrand, pdf: bytes, *, to: str | None,
                  large_print: bool, draft_reasons: Sequence[str] = ()) -> EmailMessage:
    """The email: plain text and HTML bodies (`words`), the PDF attached.

    It is marked unsent (X-Unsent: 1), so Outlook opens the file as a draft ready to send.
    """
    check_address(to)
    contact = brand.model.meta.contact
    subject, lines = words(leaflet, brand, large_print=large_print, draft_reasons=draft_reasons)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = formataddr((brand.model.meta.name.full, contact.email))
    if to:
        message["To"] = to
    message["X-Unsent"] = "1"
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=contact.email.rsplit("@", 1)[1])
    message.set_content("\n".join(lines) + "\n")
    message.add_alternative(_html(lines, leaflet.language), subtype="html")
    message.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=attachment_name(leaflet, large_print))
    return message


def _html(lines: list[str], language: str) -> str:
    from markupsafe import escape
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line:
            current.append(str(escape(line)))
        elif current:
            paragraphs.append("<p>" + "<br>\n".join(current) + "</p>")
            current = []
    return (f"<!DOCTYPE html>\n<html lang=\"{tag(language)}\" dir=\"{direction(language)}\"><body "
            "style=\"font-family: sans-serif; font-size: 16px; line-height: 1.5\">\n" + "\n".join(paragraphs)
            + "\n</body></html>\n")


def port_from_environment(variable: str, default: int) -> int:
    """The port number in environment `variable`, or `default` when it is unset."""
    text = os.environ.get(variable, str(default))
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise UsageError(f"{variable} must be a port number, for example {default}")
    return int(text)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    password: str | None = field(repr=False)  # a secret: never in a repr, a log or an error
    starttls: bool
    cafile: str | None

    @classmethod
    def from_environment(cls) -> SmtpSettings:
        """LEAFLETS_SMTP_HOST (required), _PORT (587), _USER, _PASSWORD, _STARTTLS (1; 0 turns it
        off, for a relay on the same machine only), _CAFILE (a CA bundle for a private server)."""
        env = os.environ
        host = env.get("LEAFLETS_SMTP_HOST")
        if not host:
            raise UsageError("set LEAFLETS_SMTP_HOST (and LEAFLETS_SMTP_PORT, _USER, _PASSWORD) to send email")
        port = port_from_environment("LEAFLETS_SMTP_PORT", 587)
        return cls(host, port, env.get("LEAFLETS_SMTP_USER"), env.get("LEAFLETS_SMTP_PASSWORD"),
                   env.get("LEAFLETS_SMTP_STARTTLS", "1") != "0", env.get("LEAFLETS_SMTP_CAFILE"))


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Send over SMTP, upgrading to TLS with STARTTLS before logging in (unless turned off)."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context(cafile=settings.cafile))
            if settings.user:
                if not settings.starttls:
                    raise LeafletError("refusing to send a password without STARTTLS")
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused:
        raise LeafletError(f"the mail server {settings.host}:{settings.port} refused the recipient's address "
                           "(check it; it is not shown here)") from None
    except smtplib.SMTPAuthenticationError:
        raise LeafletError(f"the mail server {settings.host}:{settings.port} refused the login of {settings.user} "
                           "(check the user name and password; the password is not shown)") from None
    except (OSError, smtplib.SMTPException) as exc:
        # from None: with --debug the traceback would print the original error, which may quote the address
        reply = " ".join(without_addresses(str(exc)).split())
        if settings.password:
            reply = reply.replace(settings.password, "[password]")
        raise LeafletError(f"could not send the email through {settings.host}:{settings.port}: {reply}") from None
