"""Methods declared as TOML files in the folders of ``LESSONKIT_METHODS_PATH``.

An ordinary plugin using ``register_methods`` like any other: a bad file
becomes a warning naming it (through ``register.warn``) and the good files
still load. Nothing is read unless the variable is set.
"""

from __future__ import annotations

import os
from typing import Any

from lessonkit.hookspecs import hookimpl


@hookimpl
def register_methods(register: Any) -> None:
    """Register the methods of every ``*.toml`` file in the configured folders."""
    if not os.environ.get("LESSONKIT_METHODS_PATH"):
        return
    from lessonkit.declarative import configured_folders, load_folders

    methods, problems = load_folders(configured_folders(), strict=False)
    warn = getattr(register, "warn", None)
    for problem in problems:
        if warn is not None:
            warn(problem)
    for method in methods:
        register(method)
