"""The built-in ranking rules, registered through ``register_ranking_rules``."""

from __future__ import annotations
