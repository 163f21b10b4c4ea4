"""``repr``, ``==`` and ``hash`` of the core's attrs classes, written once for all of them.

attrs writes these methods as source text for each class and compiles it when the class is
made: for the method and model classes that was about a third of what making them costs,
paid by every start of the command line (``lessonkit show`` imports both modules). The
classes tell attrs ``repr=False, eq=False`` and inherit the methods below, which give what
attrs' own give: the same text (``Prompt(key='a', kind='list', ...)``, ``...`` for an object
already being shown higher up), equality field by field between objects of the same class
(``NotImplemented`` otherwise), and, for frozen classes, a hash over the same fields. attrs
still makes everything else (``__init__`` with its converters and validators, slots,
:func:`attrs.fields`, :func:`attrs.evolve`). ``tests/test_records.py`` compares them with
the methods attrs writes, class by class.
"""

from __future__ import annotations

import threading
from typing import Any

from attrs import NOTHING

__all__ = ["FrozenRecord", "Record"]

_SHOWING = threading.local()
#: Per class, from its attrs fields on first use: the fields ``repr`` shows (with how, and
#: whether ``__init__`` sets them), and those ``==`` and ``hash`` use (with their ``eq_key``).
_REPR_FIELDS: dict[type, tuple[tuple[str, Any, bool], ...]] = {}
_EQ_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}
_HASH_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _repr_fields(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    found = _REPR_FIELDS.get(cls)
    if found is None:
        found = tuple((a.name, a.repr, a.init) for a in cls.__attrs_attrs__  # type: ignore[attr-defined]
                      if a.repr is not False)
        _REPR_FIELDS[cls] = found
    return found


def _eq_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _EQ_FIELDS.get(cls)
    if found is None:
        found = tuple((a.name, a.eq_key) for a in cls.__attrs_attrs__ if a.eq)  # type: ignore[attr-defined]
        _EQ_FIELDS[cls] = found
    return found


def _hash_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _HASH_FIELDS.get(cls)
    if found is None:
        found = tuple((a.name, a.eq_key) for a in cls.__attrs_attrs__  # type: ignore[attr-defined]
                      if a.hash is True or (a.hash is None and a.eq))
        _HASH_FIELDS[cls] = found
    return found


class _Fields:
    """``repr`` and ``==`` as attrs writes them."""

    __slots__ = ()

    def __repr__(self) -> str:
        try:
            showing = _SHOWING.ids
        except AttributeError:
            showing = _SHOWING.ids = set()
        if id(self) in showing:
            return "..."
        showing.add(id(self))
        try:
            parts = []
            for name, how, init in _repr_fields(self.__class__):
                value = getattr(self, name) if init else getattr(self, name, NOTHING)
                parts.append(f"{name}={value!r}" if how is True else f"{name}={how(value)}")
            return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}({", ".join(parts)})'
        finally:
            showing.discard(id(self))

    def __eq__(self, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        result: Any = True
        for name, key in _eq_fields(self.__class__):
            if key is None:
                result = getattr(self, name) == getattr(other, name)
            else:
                result = key(getattr(self, name)) == key(getattr(other, name))
            if not result:
                return result
        return result


class Record(_Fields):
    """What attrs' ``repr=True, eq=True`` would give a mutable class (which is unhashable)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # as attrs: equal by value and mutable


class FrozenRecord(_Fields):
    """What attrs' ``repr=True, eq=True`` would give a frozen class: hashable by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:
        values = [self.__class__]
        for name, key in _hash_fields(self.__class__):
            value = getattr(self, name)
            values.append(value if key is None else key(value))
        return hash(tuple(values))
