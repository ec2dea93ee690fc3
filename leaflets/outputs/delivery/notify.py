"""GOV.UK Notify: an email from the clinic's Notify service with a link to the PDF, never an
attachment. The patient confirms their email address before the download; files of 2 MB or more
are refused before any request. The template (made in Notify) holds three placeholders, ((subject)),
((body)) and ((link_to_file)), so every word the patient reads still comes from the message catalog."""

from __future__ import annotations

import io
import logging
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ...errors import LeafletError, UsageError
from ..emailer import attachment_name, without_addresses, words

if TYPE_CHECKING:
    from . import Parcel

BASE_URL = "https://api.notifications.service.gov.uk"
LIMIT = 2 * 1024 * 1024
"""Notify's limit for a file sent by email, in bytes (2 MB, as its client's DOCUMENT_UPLOAD_SIZE_LIMIT);
a file of this size or more is refused."""
RETENTION_WEEKS = 26  # Notify's own default; it allows 1 to 78 weeks
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
API_KEY = re.compile(rf".+-{_UUID}-{_UUID}", re.IGNORECASE)
TEMPLATE_ID = re.compile(_UUID, re.IGNORECASE)

# The client logs each failed request with the server's answer; the error raised here says it once,
# without the patient's address, and nothing else of the client's reaches the terminal or a log.
_CLIENT_LOG = logging.getLogger("notifications_python_client")
_CLIENT_LOG.addHandler(logging.NullHandler())
_CLIENT_LOG.propagate = False


@dataclass(frozen=True)
class NotifySettings:
    api_key: str = field(repr=False)  # a secret: never in a repr, a log or an error
    template_id: str
    base_url: str = BASE_URL
    retention_weeks: int = RETENTION_WEEKS

    @classmethod
    def from_environment(cls) -> NotifySettings:
        """LEAFLETS_NOTIFY_API_KEY and _TEMPLATE_ID (required), _BASE_URL (Notify's API; https, or
        http to this machine only, for a test), _RETENTION_WEEKS (how long the link works, 1 to 78)."""
        env = os.environ
        key = env.get("LEAFLETS_NOTIFY_API_KEY", "")
        if not key:
            raise UsageError("set LEAFLETS_NOTIFY_API_KEY to the GOV.UK Notify API key (and "
                             "LEAFLETS_NOTIFY_TEMPLATE_ID to the template's id)")
        if not API_KEY.fullmatch(key):
            raise UsageError("LEAFLETS_NOTIFY_API_KEY is not a whole GOV.UK Notify API key (it is the key's name "
                             "and two 36-character ids; copy all of it from Notify's API integration page; "
                             "it is not shown here)")
        template = env.get("LEAFLETS_NOTIFY_TEMPLATE_ID", "")
        if not TEMPLATE_ID.fullmatch(template):
            raise UsageError("set LEAFLETS_NOTIFY_TEMPLATE_ID to the id of the Notify email template (36 "
                             "characters, from the template's page in Notify)")
        return cls(key, template.lower(), _base_url(env.get("LEAFLETS_NOTIFY_BASE_URL") or BASE_URL),
                   _weeks(env.get("LEAFLETS_NOTIFY_RETENTION_WEEKS")))


def _base_url(url: str) -> str:
    """https to anywhere, or http to this machine only: the API key signs every request, and the
    request carries the patient's address and leaflet."""
    parts = urlsplit(url)
    if (parts.scheme == "https" and parts.hostname) or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return url
    raise UsageError("LEAFLETS_NOTIFY_BASE_URL must be an https:// address (http:// only to this machine, "
                     "for a test); unset it to use Notify's own")


def _weeks(text: str | None) -> int:
    if text is None or text == "":
        return RETENTION_WEEKS
    if not text.isdigit() or not 1 <= int(text) <= 78:
        raise UsageError(f"LEAFLETS_NOTIFY_RETENTION_WEEKS must be a number of weeks from 1 to 78, not '{text}'")
    return int(text)


def check_size(pdf: bytes) -> None:
    """Refuse a PDF of 2 MB or more, before any request."""
    if len(pdf) >= LIMIT:
        raise LeafletError(f"the PDF is {len(pdf) / 1024 / 1024:.1f} MB; GOV.UK Notify sends files under 2 MB "
                           "only: nothing was sent (give it by email or nhsmail instead)")


def send(parcel: Parcel, settings: NotifySettings) -> str:
    """Send the template to the patient with the PDF uploaded (confirm their email address before
    download), and return Notify's notification id."""
    from notifications_python_client import NotificationsAPIClient, prepare_upload
    from notifications_python_client.errors import APIError
    check_size(parcel.pdf)
    subject, lines = words(parcel.leaflet, parcel.brand, large_print=parcel.large_print, link=True)
    upload = prepare_upload(io.BytesIO(parcel.pdf), filename=attachment_name(parcel.leaflet, parcel.large_print),
                            confirm_email_before_download=True,
                            retention_period=f"{settings.retention_weeks} weeks")
    try:
        client = NotificationsAPIClient(settings.api_key, base_url=settings.base_url, timeout=30)
        response = client.send_email_notification(
            email_address=parcel.to, template_id=settings.template_id,
            personalisation={"subject": subject, "body": "\n".join(lines), "link_to_file": upload})
    except APIError as exc:
        raise LeafletError(_refusal(exc, settings)) from None
    notification_id = response.get("id") if isinstance(response, dict) else None
    if not isinstance(notification_id, str) or not notification_id:
        raise LeafletError(f"GOV.UK Notify at {settings.base_url} answered without a notification id; check on "
                           "Notify's dashboard whether the email went")
    return notification_id


def _refusal(exc: object, settings: NotifySettings) -> str:
    """One line for a failed request: Notify's own reasons, without addresses or the key."""
    response = getattr(exc, "response", None)
    if response is None:
        return f"could not reach GOV.UK Notify at {settings.base_url}: nothing was sent"
    message = getattr(exc, "message", "")
    if isinstance(message, list):
        message = "; ".join(str(error.get("message", error)) if isinstance(error, dict) else str(error)
                            for error in message)
    reasons = " ".join(without_addresses(str(message)).replace(settings.api_key, "[key]").split())
    return f"GOV.UK Notify refused the email (HTTP {response.status_code}): {reasons or 'no reason given'}"
