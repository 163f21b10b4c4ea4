"""The core's attrs classes inherit ``repr``, ``==`` and ``hash`` from lessonkit._records
instead of having attrs write them per class (a cost of every CLI start): they must give
what attrs' own give. Each class is compared with a twin that attrs makes with the same
name and fields and its own generated methods."""

from __future__ import annotations

import copy
import datetime
import itertools
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import files, method, model, plugins
from lessonkit._records import FrozenRecord, Record

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo" / "seeds-workshop.json"

CLASSES = [getattr(module, name) for module in (method, model, plugins) for name in dir(module)
           if isinstance(getattr(module, name), type) and attrs.has(getattr(module, name))
           and getattr(module, name).__module__ == module.__name__]

_TWINS: dict[type, type] = {}


def _twin(cls: type) -> type:
    """An attrs class of the same name and fields, whose repr, eq and hash attrs writes."""
    if cls not in _TWINS:
        frozen = issubclass(cls, FrozenRecord)
        _TWINS[cls] = attrs.make_class(cls.__name__, [a.name for a in attrs.fields(cls)],
                                       repr=True, eq=True, frozen=frozen, slots=True)
    return _TWINS[cls]


def twin_of(obj: Any) -> Any:
    return _twin(type(obj))(*(getattr(obj, a.name) for a in attrs.fields(type(obj))))


def _samples() -> dict[type, list[Any]]:
    """Instances of every class: the demo session's objects, the built-in methods' objects
    and the plugins' records."""
    found: dict[type, list[Any]] = {}

    def add(obj: Any) -> None:
        if type(obj) in CLASSES and not any(obj is o for o in found.get(type(obj), [])):
            found.setdefault(type(obj), []).append(obj)
            for a in attrs.fields(type(obj)):
                value = getattr(obj, a.name)
                for item in (value if isinstance(value, (list, tuple)) else
                             value.values() if isinstance(value, dict) else [value]):
                    add(item)

    add(files.load(DEMO))
    pm = plugins.get_plugin_manager()
    for _key, m, _plugin in plugins.load_registry(pm).methods.items():
        add(m)
    for info in pm.infos.values():
        add(info)
    for ep in plugins.iter_entry_points():
        add(ep)
    add(model.ActionItem(id="a1", what="ประชุมติดตาม", owner="สมศรี", due=datetime.date(2024, 2, 1)))
    add(model.ActionItem(id="a2", what="x", status="done", note="เสร็จแล้ว"))
    add(method.Choice("yes", method.LocalizedText(en="Yes", th="ใช่")))
    add(method.Choice("no", "No"))
    return found


SAMPLES = _samples()


def test_every_class_is_sampled_and_uses_the_shared_methods() -> None:
    """A class that went back to attrs' own methods (``@attrs.frozen`` without ``repr=False,
    eq=False``) would have attrs compile them again at import: this fails then."""
    assert set(SAMPLES) == set(CLASSES), set(CLASSES) - set(SAMPLES)
    for cls in CLASSES:
        assert cls.__repr__ is Record.__repr__, cls
        assert cls.__eq__ is Record.__eq__, cls
        assert issubclass(cls, FrozenRecord) == _is_frozen(SAMPLES[cls][0]), cls
        assert not hasattr(SAMPLES[cls][0], "__dict__"), cls  # still slotted


def _is_frozen(obj: Any) -> bool:
    name = attrs.fields(type(obj))[0].name
    try:
        setattr(copy.copy(obj), name, getattr(obj, name))
    except attrs.exceptions.FrozenInstanceError:
        return True
    return False


def _args(obj: Any) -> list[Any]:
    return [getattr(obj, a.name) for a in attrs.fields(type(obj))]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_repr_eq_and_hash_are_attrs_own(cls: type) -> None:
    objs = SAMPLES[cls]
    for obj in objs:
        assert repr(obj) == repr(twin_of(obj))
        same = copy.copy(obj)
        assert same is not obj and same == obj and not same != obj
        assert obj.__eq__(object()) is NotImplemented and obj != object()
        if isinstance(obj, FrozenRecord):
            assert hash(same) == hash(obj)
        else:
            with pytest.raises(TypeError):
                hash(obj)
    for a, b in itertools.product(objs[:12], repeat=2):
        assert (a == b) == (twin_of(a) == twin_of(b))
        assert (a != b) == (twin_of(a) != twin_of(b))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_equality_follows_every_field(data: st.DataObject) -> None:
    """Changing any one field of an object makes it unequal, as with attrs' ``==``."""
    cls = data.draw(st.sampled_from(CLASSES))
    obj = data.draw(st.sampled_from(SAMPLES[cls]))
    field = data.draw(st.sampled_from(attrs.fields(cls)))
    changed = copy.copy(obj)
    object.__setattr__(changed, field.name, ("other", getattr(obj, field.name)))
    assert (changed == obj) is False
    assert (twin_of(changed) == twin_of(obj)) is False
    assert repr(changed) == repr(twin_of(changed))


def test_an_object_shown_inside_itself_is_shown_as_dots() -> None:
    group = model.Group(key="g1", name="กลุ่ม 1")
    group.data = {"self": group, "list": [group]}
    twin = twin_of(group)
    twin.data = {"self": twin, "list": [twin]}
    assert repr(group).endswith("data={'self': ..., 'list': [...]})")
    assert repr(group) == repr(twin)
