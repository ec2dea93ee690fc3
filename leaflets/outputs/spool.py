"""Hold the prepared PDFs a build will render, in order, in an unnamed temporary file rather than in
memory: each job's HTML is made once, for its cache key, and read back when its turn comes, so
memory stays flat however many PDFs a catalogue has."""

from __future__ import annotations

import pickle
import zlib
from typing import IO

from ..render.job import RenderInput

LENGTH = 8  # bytes that give each record's length


class Spool:
    """First in, first out: `put` every input, then `take` them back in the same order, through
    `file` (an unnamed temporary file: gone when closed, or if the build dies)."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.reading = False

    def put(self, given: RenderInput) -> None:
        data = zlib.compress(pickle.dumps(given, pickle.HIGHEST_PROTOCOL), 1)
        self.file.write(len(data).to_bytes(LENGTH, "little") + data)

    def take(self) -> RenderInput:
        if not self.reading:
            self.file.seek(0)
            self.reading = True
        length = int.from_bytes(self.file.read(LENGTH), "little")
        given = pickle.loads(zlib.decompress(self.file.read(length)))  # our own file, written above
        assert isinstance(given, RenderInput)
        return given
