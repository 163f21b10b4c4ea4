"""The built-in report renderers, registered through ``register_renderers``."""

from __future__ import annotations
