"""NHSmail's SMTP profile: STARTTLS always, then a login, From the NHSmail account itself, and
`[secure] ` before the subject of mail to any address outside nhs.net, which NHSmail then encrypts
(the patient reads it in NHSmail's encryption portal). Attachments are limited to 35 MB."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, parseaddr

from ...errors import LeafletError, UsageError
from ..emailer import ADDRESS, SmtpSettings, port_from_environment
from ..emailer import send as send_smtp

HOST = "send.nhs.net"
PORT = 587
LIMIT = 35 * 1024 * 1024
"""NHSmail's limit for an email's attachments, in bytes (35 MB)."""

SECURE = "[secure] "
INTERNAL_DOMAIN = "nhs.net"


@dataclass(frozen=True)
class NhsmailSettings:
    account: str
    """The NHSmail address: the login, and the From of every email."""
    password: str = field(repr=False)  # a secret: never in a repr, a log or an error
    host: str = HOST
    port: int = PORT
    cafile: str | None = None

    @classmethod
    def from_environment(cls) -> NhsmailSettings:
        """LEAFLETS_NHSMAIL_ACCOUNT and _PASSWORD (required), _HOST (send.nhs.net), _PORT (587),
        _CAFILE (a CA bundle, for a test server with its own certificate)."""
        env = os.environ
        account = env.get("LEAFLETS_NHSMAIL_ACCOUNT", "")
        if not account:
            raise UsageError("set LEAFLETS_NHSMAIL_ACCOUNT to the NHSmail address to send from (it is also the "
                             "login), and LEAFLETS_NHSMAIL_PASSWORD to its password")
        if not ADDRESS.fullmatch(account):
            raise UsageError("LEAFLETS_NHSMAIL_ACCOUNT is not an email address (use the whole NHSmail address, "
                             "for example jane.smith@nhs.net)")
        password = env.get("LEAFLETS_NHSMAIL_PASSWORD", "")
        if not password:
            raise UsageError("set LEAFLETS_NHSMAIL_PASSWORD to the password of the NHSmail account")
        return cls(account, password, env.get("LEAFLETS_NHSMAIL_HOST") or HOST,
                   port_from_environment("LEAFLETS_NHSMAIL_PORT", PORT), env.get("LEAFLETS_NHSMAIL_CAFILE") or None)


def check_size(pdf: bytes) -> None:
    """Refuse a PDF over NHSmail's 35 MB, before any connection."""
    if len(pdf) > LIMIT:
        raise LeafletError(f"the PDF is {len(pdf) / 1024 / 1024:.1f} MB, over NHSmail's 35 MB limit for "
                           "attachments: nothing was sent")


def outside_nhs_net(address: str) -> bool:
    """True unless the address's domain is exactly nhs.net (in any case): evil-nhs.net, nhs.net.example
    and mail.nhs.net are outside, and get encrypted."""
    return address.rpartition("@")[2].lower() != INTERNAL_DOMAIN


def profiled(message: EmailMessage, account: str) -> EmailMessage:
    """`message` as NHSmail sends it: From the account (in the clinic's name), `[secure] ` before
    the subject when the recipient is outside nhs.net, and no Outlook draft mark."""
    name, _ = parseaddr(message["From"])
    message.replace_header("From", formataddr((name, account)))
    subject = str(message["Subject"])
    if outside_nhs_net(parseaddr(str(message["To"]))[1]) and not subject.lower().startswith(SECURE.strip()):
        message.replace_header("Subject", SECURE + subject)
    # Python folds a subject that starts with "[secure]" onto a line of its own, which leaves a space
    # before it once unfolded; RFC 5322 allows header lines of up to 998 characters, so none is folded.
    message.policy = message.policy.clone(max_line_length=998)
    del message["X-Unsent"]
    return message


def send(message: EmailMessage, settings: NhsmailSettings) -> None:
    """Check the size, then send through NHSmail: STARTTLS is required (a server that does not offer
    it is refused before the login), the login comes after it, From is the account."""
    [attachment] = list(message.iter_attachments())
    check_size(attachment.get_content())
    smtp = SmtpSettings(settings.host, settings.port, settings.account, settings.password, True, settings.cafile)
    send_smtp(profiled(message, settings.account), smtp)
