"""`build.py fonts cut`: a brand's fonts cut from the full font files with every published letter."""

from __future__ import annotations

from pathlib import Path

import click

from .. import ROOT
from ..commands.messages import run as run_reporting


@click.group("fonts")
def fonts_group() -> None:
    """The brands' font files."""


@fonts_group.command("cut")
@click.argument("brand")
@click.argument("full_fonts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", "content_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Read content and brands from this folder instead of content/.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.pass_context
def cut_command(ctx: click.Context, brand: str, full_fonts: tuple[Path, ...], content_dir: Path | None,
                debug: bool) -> None:
    """Write BRAND's font files (as its _brand.yml names them) cut from FULL_FONTS, one full file per
    weight, with the letters of English and of every language that has translations. Commit the
    result with the fonts' licence and a SOURCE.md that says where the full files came from."""
    from ..commands import fonts  # fontTools and pydantic only when fonts are cut
    content = content_dir or ROOT / "content"
    ctx.exit(run_reporting(lambda: fonts.echo(fonts.cut_brand(ROOT, content, brand, full_fonts)), debug))
