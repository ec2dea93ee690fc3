"""`build.py serve`: the web site, live, while the leaflets are edited (leaflets/outputs/preview.py)."""

from __future__ import annotations

import click

from .. import ROOT
from ..errors import UsageError
from .options import Options


def _log(line: str) -> None:
    click.echo(line, err=True)


def serve(options: Options) -> None:
    """Serve the preview until interrupted. Stdout says where it is served; what it does after
    that is its log, on stderr."""
    if options.leaflets:
        raise UsageError("the preview shows every leaflet; leave out --leaflet")
    from ..outputs.preview import Preview
    from ..outputs.preview import serve as serve_preview
    content = (options.content_dir or ROOT / "content").resolve()
    preview = Preview(ROOT, content, (options.out or ROOT / "output").resolve(), options.brands,
                      options.today if options.today_given else None, _log)
    serve_preview(preview, options.host, options.port, click.echo)
