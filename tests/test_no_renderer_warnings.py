"""conftest's weasyprint_warnings fails a test in which WeasyPrint logs a warning, unless the test says
it expects one; shown here by running small tests of its own through pytest."""

from __future__ import annotations

import pytest
from conftest import ROOT

pytest_plugins = ["pytester"]

INNER = '''
import logging
import pytest

def test_quiet():
    logging.getLogger("weasyprint").info("Step 1 - Fetching and parsing HTML")

def test_warned():
    logging.getLogger("weasyprint").warning("Ignored `colour: red` at 3:5, unknown property.")

def test_warned_by_a_child_logger():
    logging.getLogger("weasyprint.images").error("Failed to load image at 'logo.png'")

@pytest.mark.weasyprint_warnings
def test_expected(weasyprint_warnings):
    logging.getLogger("weasyprint").warning("Font-face 'Broken' cannot be loaded")
    assert [r.getMessage() for r in weasyprint_warnings] == ["Font-face 'Broken' cannot be loaded"]
'''


@pytest.mark.weasyprint_warnings  # the inner tests run in this process: their warnings reach this test too
def test_a_weasyprint_warning_fails_the_test_that_caused_it(pytester: pytest.Pytester,
                                                            weasyprint_warnings: list) -> None:
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner=INNER)
    pytester.makeini("[pytest]\nmarkers =\n    weasyprint_warnings: expects a renderer warning\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_warned*",
        "*WeasyPrint logged a warning: WARNING weasyprint: Ignored `colour: red` at 3:5, unknown property.*",
        "*ERROR at teardown of test_warned_by_a_child_logger*",
        "*WeasyPrint logged a warning: ERROR weasyprint.images: Failed to load image at 'logo.png'*",
    ])
    assert len(weasyprint_warnings) == 3
