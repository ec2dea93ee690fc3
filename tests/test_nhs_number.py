"""NHS numbers: ten digits whose last is the modulus-11 check digit of the first nine (NHS Data
Dictionary); anything else typed as a patient reference is a local one, kept as typed."""

from __future__ import annotations

import pytest

from leaflets.errors import UsageError
from leaflets.outputs.register.patients import Patient, initials, nhs_number_valid, patient


@pytest.mark.parametrize("number", ["9434765919", "9434765870", "1000000060"])
def test_a_number_whose_check_digit_matches_is_valid(number: str) -> None:
    assert nhs_number_valid(number)


@pytest.mark.parametrize("number", ["1234567890", "9434765918", "4000000080", "943476591", "94347659190", "943476591X"])
def test_a_wrong_check_digit_or_length_is_not(number: str) -> None:
    assert not nhs_number_valid(number)


def test_nine_digits_whose_check_digit_would_be_10_make_no_valid_number() -> None:
    assert not any(nhs_number_valid(f"400000008{digit}") for digit in range(10))


def test_an_nhs_number_may_be_typed_with_spaces() -> None:
    assert patient(" 943 476 5919 ") == Patient("943 476 5919", "9434765919")


def test_ten_digits_failing_the_check_are_refused_without_repeating_them() -> None:
    with pytest.raises(UsageError) as caught:
        patient("123 456 7890")
    assert "check digit is wrong" in str(caught.value) and "7890" not in str(caught.value)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("typed", ["RX-00123", "K1234567", "123456789", "12345678901", "MRN 0042"])
def test_other_references_are_kept_as_typed(typed: str) -> None:
    assert patient(typed) == Patient(typed, None)


@pytest.mark.parametrize("typed", ["", "   ", "x" * 65, "RX\n1", "RX\x1b[31m"])
def test_an_empty_overlong_or_unprintable_reference_is_refused(typed: str) -> None:
    with pytest.raises(UsageError):
        patient(typed)


@pytest.mark.parametrize("typed", ["AB", "J.S.", "O'N", "ab-c"])
def test_initials_are_letters_with_dots_apostrophes_or_hyphens(typed: str) -> None:
    assert initials(typed) == typed
