"""`build.py serve`: the web site, live, while the leaflets are edited (leaflets/outputs/preview.py)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import ROOT
from ..errors import LeafletError, UsageError
from .options import Options


def _log(line: str) -> None:
    click.echo(line, err=True)


def _warn(line: str) -> None:
    click.echo(f"warning: {line}", err=True)


def _check_brands(content: Path, brands: tuple[str, ...]) -> None:
    """Refuse a --brand that is not a folder of content/brands, before serving anything: a typing
    mistake must not quietly show every brand."""
    folder = content / "brands"
    known = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if folder.is_dir() else []
    unknown = [name for name in brands if name not in known]
    if unknown:
        raise LeafletError(f"there is no brand '{unknown[0]}' in {folder} (the brands are: "
                           f"{', '.join(known) or 'none'}); check the spelling of --brand")


def serve(options: Options) -> None:
    """Serve the preview until interrupted. Stdout says where it is served; what it does after
    that is its log, on stderr."""
    if options.leaflets:
        raise UsageError("the preview shows every leaflet; leave out --leaflet")
    from ..outputs.preview import Preview
    from ..outputs.preview_server import serve as serve_preview
    content = (options.content_dir or ROOT / "content").resolve()
    _check_brands(content, options.brands)
    preview = Preview(ROOT, content, (options.out or ROOT / "output").resolve(), options.brands,
                      options.today if options.today_given else None, _log)
    serve_preview(preview, options.host, options.port, click.echo, _warn)
