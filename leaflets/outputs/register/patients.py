"""What the record accepts as a patient's reference and a member of staff's initials.

An NHS number is checked with its own check digit (modulus 11, as the NHS Data Dictionary gives
it): ten lines of arithmetic, tested against the published rule, need no extra dependency. Any
other reference (a hospital number) is kept exactly as typed. A wrong reference is never repeated
in a message: it is a patient's, and messages end up in terminals' scrollback and CI logs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import UsageError

MAX_REFERENCE = 64
NHS_SHAPE = re.compile(r"[0-9 ]+")
INITIALS = re.compile(r"[A-Za-z][A-Za-z.'-]{0,15}")


def nhs_number_valid(digits: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine (weights 10 down to 2);
    a check digit of 10 means no valid number has those nine digits."""
    if not re.fullmatch(r"[0-9]{10}", digits):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return (0 if check == 11 else check) == int(digits[9])


@dataclass(frozen=True)
class Patient:
    """The reference as typed (surrounding spaces dropped), and its ten digits when it is an NHS number."""

    reference: str
    nhs_number: str | None


def patient(typed: str) -> Patient:
    """The patient's reference: ten digits (spaces allowed, as in 943 476 5919) are an NHS number and
    must pass its check; anything else is a local reference kept as typed."""
    reference = typed.strip()
    if not reference:
        raise UsageError("--patient is empty: give the patient's NHS number or hospital number")
    if len(reference) > MAX_REFERENCE or not reference.isprintable():
        raise UsageError(f"--patient must be a reference of at most {MAX_REFERENCE} printable characters, such as "
                         "an NHS number or hospital number (what was typed is not shown, to keep it out of logs)")
    digits = reference.replace(" ", "")
    if NHS_SHAPE.fullmatch(reference) and len(digits) == 10:
        if not nhs_number_valid(digits):
            raise UsageError("--patient looks like an NHS number (10 digits) but its check digit is wrong: check "
                             "it against the patient's letter or record (what was typed is not shown, to keep it "
                             "out of logs)")
        return Patient(reference, digits)
    return Patient(reference, None)


def initials(typed: str) -> str:
    """Staff initials (AB, J.S., O'N): letters, with dots, apostrophes or hyphens, at most 16."""
    if not INITIALS.fullmatch(typed.strip()):
        raise UsageError(f"--by takes the initials of the person giving the leaflet, such as AB (letters only, "
                         f"at most 16), not {typed.strip()!r}")
    return typed.strip()
