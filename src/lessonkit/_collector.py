"""Pausing Python's cyclic garbage collector around bulk work (not for use outside the core).

Reading a large file, a bulk import, loading the plugins and saving make hundreds of
thousands of objects and no reference cycles: each collection the interpreter runs meanwhile
walks them all and finds them alive (or, when saving, finds only temporaries that reference
counting frees anyway). :func:`collector_paused` turns the collector off for such a step and
back on after it, as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused(*, age: bool = False) -> Iterator[None]:
    """The garbage collector off during the block, back on after it if it was on.

    ``age=True``: what is alive after the block counts as old (moved to the oldest
    generation by ``gc.freeze()`` then ``gc.unfreeze()``; nothing stays frozen), so the young
    passes that follow do not walk the objects the block made either. When something else
    has frozen objects, they are left as they are.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if age and not gc.get_freeze_count():
            gc.freeze()  # every tracked object to the permanent generation (a list splice)
            gc.unfreeze()  # and back, into the oldest generation; the young counts start at 0
        if collecting:
            gc.enable()
