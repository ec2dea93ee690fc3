"""`build.py merge`: the shards of a build made with --shard K/N joined into one folder."""

from __future__ import annotations

import click

from ..outputs.merge import merge as merge_parts
from ..outputs.unchanged import forget
from ..outputs.write import MANIFEST
from .messages import count, progress
from .options import Options


def merge(options: Options) -> None:
    target = (options.out or options.folders[0]).resolve()
    forget(target, MANIFEST)  # its manifest is about to be replaced: a no-change stamp would be wrong
    found = merge_parts([folder.resolve() for folder in options.folders], target, progress)
    click.echo(f"merged {count(len(options.folders), 'folder')}: {count(found, 'PDF')} in {target / 'manifest.json'}")
