"""One way the tests record an approval: `build.py approve`, in this process, as a clinic would."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from leaflets.cli import main

GROUP = "Patient Information Group"


def approve(content: Path, leaflet: str = "alpha", brand: str = "testclinic", language: str = "en",
            on: str = "2026-01-10", by: str = GROUP, role: str = "Patient-information lead", *more: str) -> None:
    """Approve `leaflet` in `language` for `brand` as the content is now (approve after editing)."""
    result = CliRunner().invoke(main, ["approve", leaflet, "--brand", brand, "--language", language, "--by", by,
                                       "--role", role, "--on", on, "--content", str(content), *more], obj={})
    assert result.exit_code == 0, result.output
