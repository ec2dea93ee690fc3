"""Giving a leaflet to a patient by one channel: `print` (nothing is sent; the record is all),
`email` (plain SMTP, as `build.py email --send`), `nhsmail` (NHSmail's SMTP profile) or `notify`
(GOV.UK Notify, a download link that asks the patient to confirm their address).

The give command calls, in this order:

    settings = settings_from_environment(channel)   # missing settings name the variable to set
    parcel = Parcel(job.leaflet, job.brand, pdf_bytes, to=address, large_print=large_print)
    check(channel, parcel, settings)                 # address and size limits, before anything is sent
    delivered = deliver(channel, parcel, settings)   # .notification_id: Notify's, for the record

Every failure is a LeafletError with a one-line message that names neither the patient's address
nor a secret, raised without its cause (so --debug shows no library traceback quoting either).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ...errors import UsageError
from ...model.brands import ResolvedBrand
from ...model.leaflets import Leaflet
from ..emailer import SmtpSettings, build_message, check_address, send
from . import nhsmail, notify
from .nhsmail import NhsmailSettings
from .notify import NotifySettings

Channel = Literal["print", "email", "nhsmail", "notify"]
CHANNELS: tuple[str, ...] = get_args(Channel)

DeliverySettings = SmtpSettings | NhsmailSettings | NotifySettings | None
"""A channel's settings, from the environment: None for `print`, which needs none."""


@dataclass(frozen=True)
class Parcel:
    """What one delivery sends: the exact PDF given (its bytes, whose SHA-256 the record keeps), in
    the words of the leaflet's language and in the brand's name, to the patient's address."""

    leaflet: Leaflet
    brand: ResolvedBrand
    pdf: bytes
    to: str | None
    large_print: bool = False


@dataclass(frozen=True)
class Delivered:
    """What the record keeps of a delivery: the channel, and Notify's notification id (None for the
    other channels, which have no id a clinic could look up)."""

    channel: str
    notification_id: str | None = None


def settings_from_environment(channel: str) -> DeliverySettings:
    """The settings `channel` needs, read from the environment only (secrets are never options or
    files in the project); an unknown channel is a usage error listing the four."""
    if channel == "print":
        return None
    if channel == "email":
        return SmtpSettings.from_environment()
    if channel == "nhsmail":
        return NhsmailSettings.from_environment()
    if channel == "notify":
        return NotifySettings.from_environment()
    raise UsageError(f"unknown channel '{channel}' (choose one of: {', '.join(CHANNELS)})")


def check(channel: str, parcel: Parcel, settings: DeliverySettings) -> None:
    """Refuse, before anything is sent or recorded, what the channel cannot deliver: no address or
    a malformed one (not repeated), a PDF over the channel's size limit, settings of another channel."""
    if channel == "print":
        return
    if not parcel.to:
        raise UsageError(f"the {channel} channel needs the patient's email address (--to ADDRESS)")
    check_address(parcel.to)
    if channel == "email" and isinstance(settings, SmtpSettings):
        return
    if channel == "nhsmail" and isinstance(settings, NhsmailSettings):
        nhsmail.check_size(parcel.pdf)
        return
    if channel == "notify" and isinstance(settings, NotifySettings):
        notify.check_size(parcel.pdf)
        return
    raise UsageError(f"unknown channel '{channel}' or settings of another channel "
                     f"(choose one of: {', '.join(CHANNELS)})")


def deliver(channel: str, parcel: Parcel, settings: DeliverySettings) -> Delivered:
    """Send `parcel` by `channel` (after `check`, which it repeats); `print` sends nothing."""
    check(channel, parcel, settings)
    if channel == "print":
        return Delivered(channel)
    if isinstance(settings, NotifySettings):
        return Delivered(channel, notify.send(parcel, settings))
    message = build_message(parcel.leaflet, parcel.brand, parcel.pdf, to=parcel.to, large_print=parcel.large_print)
    if isinstance(settings, NhsmailSettings):
        nhsmail.send(message, settings)
    elif isinstance(settings, SmtpSettings):
        send(message, settings)
    return Delivered(channel)
