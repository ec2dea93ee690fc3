"""`build.py merge`: the shards of a build made with --shard K/N joined into one folder.

The parts are checked against the plan made again from the content (--content, as for a build), so
merge loads the project, but renders nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import UsageError
from ..model.selection import Selection
from ..outputs.merge import check, write
from ..outputs.unchanged import forget
from ..outputs.write import MANIFEST
from .messages import count, progress
from .options import Options

if TYPE_CHECKING:
    from ..model.plan import Job


def merge(options: Options) -> None:
    if options.brands or options.leaflets or options.languages:
        raise UsageError("merge takes the brands, leaflets and languages from the shards' parts: "
                         "leave out --brand, --leaflet and --language")
    target = (options.out or options.folders[0]).resolve()
    checked = check([folder.resolve() for folder in options.folders], lambda chosen: _plan(options, chosen))
    forget(target, MANIFEST)  # its manifest is about to be replaced: a no-change stamp would be wrong
    found = write(checked, target, progress)
    click.echo(f"merged {count(len(options.folders), 'folder')}: {count(found, 'PDF')} in {target / 'manifest.json'}")


def _plan(options: Options, chosen: Selection) -> list[Job]:
    """The PDFs the shards' build planned, planned again from the content."""
    from ..model.plan import plan_selection
    from ..model.project import load_project
    return plan_selection(load_project(ROOT, options.content_dir, chosen.brands, chosen.leaflets), chosen)
