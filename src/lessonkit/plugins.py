"""The plugin manager factory and the registries of methods, rules and renderers.

Nothing here runs at import time: :func:`get_plugin_manager` builds a fresh
manager (so tests and host programs can have several), and :func:`load_registry`
asks the plugins to register what they provide, recording which plugin gave
what.

Plugins come from three places, in this order:

1. the core's own default plugins (ranking rules and renderers), which use the
   same hooks as everybody else;
2. the ``lessonkit`` entry-point group (the three built-in methods live there,
   beside any third party's), limited by ``LESSONKIT_LOAD_PLUGINS``;
3. objects passed in by the caller (tests, host programs).

A plugin that fails to import, has a misspelt hook, or raises while registering
becomes a warning naming it; the rest keeps working. Two plugins registering
the same key is an error naming both.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, Generic, TypeVar

import attrs
import pluggy

from lessonkit import hookspecs
from lessonkit._records import FrozenRecord, Record
from lessonkit.errors import NotFoundError, PluginError
from lessonkit.method import Method

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "Catalog",
    "EntryPoint",
    "PluginInfo",
    "PluginManager",
    "Registry",
    "get_plugin_manager",
    "get_registry",
    "iter_entry_points",
    "load_registry",
]

ENTRY_POINT_GROUP = "lessonkit"
LOAD_PLUGINS_ENV = "LESSONKIT_LOAD_PLUGINS"
#: The core's own plugins: modules registered under short names, like pytest's.
DEFAULT_PLUGINS = {
    "lessonkit.rules": "lessonkit.default_plugins.rules",
    "lessonkit.renderers": "lessonkit.default_plugins.renderers",
    "lessonkit.importers": "lessonkit.default_plugins.importers",
    "lessonkit.declarative": "lessonkit.default_plugins.declarative",
}

T = TypeVar("T")
#: What pluggy can take a hook implementation from (anything else in a module is skipped;
#: a name not in the module's dict goes to pluggy).
_HOOKABLE = (types.FunctionType, staticmethod, classmethod, types.MethodType)


@attrs.define(repr=False, eq=False)
class PluginInfo(Record):
    """What is known about one plugin: where it came from and whether it loaded."""

    name: str
    source: str  # "default", "entry point" or "registered"
    module: str | None = None
    distribution: str | None = None
    version: str | None = None
    error: str | None = None

    @property
    def loaded(self) -> bool:
        return self.error is None


class PluginManager(pluggy.PluginManager):
    """A :class:`pluggy.PluginManager` that remembers each plugin's origin and warnings."""

    def __init__(self) -> None:
        super().__init__("lessonkit")
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        """As pluggy's, but a module's names that cannot be hooks (its imported modules,
        classes and constants: most of them) are passed over without pluggy's static
        attribute lookup, which costs the CLI's start-up about a millisecond."""
        if type(plugin) is types.ModuleType:
            value = vars(plugin).get(name, _HOOKABLE)
            if value is not _HOOKABLE and not isinstance(value, _HOOKABLE):
                return None
        return super().parse_hookimpl_opts(plugin, name)

    def add_plugin(self, plugin: object, info: PluginInfo) -> bool:
        """Register ``plugin``; a failure becomes a warning and returns False."""
        try:
            self.register(plugin, name=info.name)
            self.check_pending()
        except pluggy.PluginValidationError as exc:
            if self.is_registered(plugin):
                self.unregister(plugin)
            info.error = f"invalid hook: {exc}"
            self.warn(f"plugin {info.name!r} was not loaded: {info.error}")
            self.infos[info.name] = info
            return False
        except ValueError as exc:  # pluggy: name or plugin already registered
            info.error = str(exc)
            self.warn(f"plugin {info.name!r} was not loaded: {exc}")
            self.infos[info.name] = info
            return False
        self.infos[info.name] = info
        return True

    def hooks_of(self, name: str) -> list[str]:
        """The hook names the plugin ``name`` implements."""
        plugin = self.get_plugin(name)
        if plugin is None:
            return []
        return sorted(caller.name for caller in self.get_hookcallers(plugin) or [])


def _allowed_names() -> set[str] | None:
    raw = os.environ.get(LOAD_PLUGINS_ENV)
    if raw is None:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


def get_plugin_manager(
    *,
    load_entrypoints: bool = True,
    defaults: bool = True,
    plugins: Iterable[tuple[str, object]] = (),
) -> PluginManager:
    """Build a fresh plugin manager.

    :param load_entrypoints: load the ``lessonkit`` entry-point group,
        honouring ``LESSONKIT_LOAD_PLUGINS`` (a comma list of entry-point
        names; empty means none).
    :param defaults: register the core's own rules and renderers.
    :param plugins: extra ``(name, plugin)`` pairs to register last.
    """
    pm = PluginManager()
    if defaults:
        for name, module_name in DEFAULT_PLUGINS.items():
            module = importlib.import_module(module_name)
            pm.add_plugin(module, PluginInfo(name=name, source="default", module=module_name))
    if load_entrypoints:
        _load_entrypoints(pm)
    for name, plugin in plugins:
        pm.add_plugin(plugin, PluginInfo(name=name, source="registered",
                                         module=getattr(plugin, "__name__", None)))
    return pm


@attrs.frozen(repr=False, eq=False)
class EntryPoint(FrozenRecord):
    """An entry point found in an installed distribution's ``entry_points.txt``."""

    name: str
    value: str
    distribution: str | None = None
    version: str | None = None

    def load(self) -> Any:
        module_name, _sep, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module_name.strip())
        for part in attr.strip().split(".") if attr.strip() else []:
            obj = getattr(obj, part)
        return obj


def iter_entry_points(group: str = ENTRY_POINT_GROUP) -> list[EntryPoint]:
    """The entry points of ``group`` installed on ``sys.path``, first occurrence of a name winning.

    A light reader of ``*.dist-info/entry_points.txt``: :mod:`importlib.metadata`
    parses every distribution's metadata with :mod:`email`, which costs more than
    the rest of the CLI's start-up.
    """
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder or ".", name, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if group not in text:  # most distributions: no section of ours to parse
                continue
            stem = name.rsplit(".", 1)[0]
            dist, _sep, version = stem.partition("-")
            section = None
            for raw in text.splitlines():
                line = raw.strip()
                if not line or line.startswith(("#", ";")):
                    continue
                if line.startswith("[") and line.endswith("]"):
                    section = line[1:-1].strip()
                    continue
                if section != group or "=" not in line:
                    continue
                key, _eq, value = line.partition("=")
                key = key.strip()
                if key in seen:
                    continue
                seen.add(key)
                found.append(EntryPoint(name=key, value=value.strip(), distribution=dist,
                                        version=version.partition("-")[0] or None))
    return sorted(found, key=lambda ep: ep.name)


def _load_entrypoints(pm: PluginManager) -> None:
    allowed = _allowed_names()
    seen: set[str] = set()
    for ep in iter_entry_points(ENTRY_POINT_GROUP):
        seen.add(ep.name)
        if allowed is not None and ep.name not in allowed:
            continue
        info = PluginInfo(name=ep.name, source="entry point", module=ep.value,
                          distribution=ep.distribution, version=ep.version)
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken plugin must not break lessonkit
            info.error = f"import failed: {type(exc).__name__}: {exc}"
            pm.infos[ep.name] = info
            pm.warn(f"plugin {ep.name!r} ({ep.value}) failed to import: {type(exc).__name__}: {exc}")
            continue
        pm.add_plugin(plugin, info)
    if allowed:
        for name in sorted(allowed - seen):
            pm.warn(f"{LOAD_PLUGINS_ENV} names {name!r}, but no installed plugin has that name")


class Catalog(Generic[T]):
    """Registered things of one kind, by key, each with the plugin that gave it."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, tuple[T, str]] = {}

    def add(self, key: str, value: T, plugin: str) -> None:
        if key in self._items:
            other = self._items[key][1]
            raise PluginError(
                f"{self.what} {key!r} is registered by two plugins: {other!r} and {plugin!r}",
                hint=f"uninstall one or limit loading with {LOAD_PLUGINS_ENV}",
            )
        self._items[key] = (value, plugin)

    def get(self, key: str) -> T:
        try:
            return self._items[key][0]
        except KeyError:
            known = ", ".join(self._items) or "none"
            raise NotFoundError(f"unknown {self.what} {key!r} (known: {known})", value=key,
                                expected=list(self._items)) from None

    def source(self, key: str) -> str:
        self.get(key)
        return self._items[key][1]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return list(self._items)

    def values(self) -> list[T]:
        return [value for value, _plugin in self._items.values()]

    def items(self) -> list[tuple[str, T, str]]:
        """(key, value, plugin) triples in registration order."""
        return [(key, value, plugin) for key, (value, plugin) in self._items.items()]


class Registry:
    """Everything the loaded plugins registered, and the manager they came from.

    Methods are collected when the registry is made; ranking rules, renderers
    and importers on first use, so a command that needs only the methods (the
    most frequent) does not import the ranking engine or the renderers.
    """

    _LAZY: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "rules": ("register_ranking_rules", "ranking rule", "lessonkit.ranking", "Rule"),
        "renderers": ("register_renderers", "renderer", "lessonkit.render", "Renderer"),
        "importers": ("register_importers", "importer", "lessonkit.importing", "Importer"),
    }

    def __init__(self, pm: PluginManager, methods: Catalog[Method] | None = None,
                 **catalogs: Catalog[Any]) -> None:
        """A registry over ``pm``; catalogs given here (``rules=…``) are used as they are."""
        self.pm = pm
        self.methods: Catalog[Method] = methods if methods is not None else Catalog("method")
        unknown = set(catalogs) - set(self._LAZY)
        if unknown:
            raise TypeError(f"unknown catalogs: {', '.join(sorted(unknown))}")
        self._catalogs: dict[str, Catalog[Any]] = dict(catalogs)

    def _catalog(self, name: str) -> Catalog[Any]:
        catalog = self._catalogs.get(name)
        if catalog is None:
            hook_name, what, module_name, class_name = self._LAZY[name]
            kind = getattr(importlib.import_module(module_name), class_name)
            catalog = Catalog(what)
            self._catalogs[name] = catalog
            _collect(self.pm, hook_name, catalog, _checked(kind, f"{module_name}.{class_name}"))
        return catalog

    @property
    def rules(self) -> Catalog[Any]:
        return self._catalog("rules")

    @property
    def renderers(self) -> Catalog[Any]:
        return self._catalog("renderers")

    @property
    def importers(self) -> Catalog[Any]:
        return self._catalog("importers")

    @property
    def warnings(self) -> list[str]:
        return self.pm.warnings

    def method(self, key: str) -> Method:
        try:
            return self.methods.get(key)
        except NotFoundError as exc:
            raise NotFoundError(exc.message, code="unknown_method", value=key,
                                expected=list(self.methods.keys())) from None

    def implementations_for(self, hook_name: str, method: Method) -> list[Any]:
        """The implementations of a per-method hook to call for ``method``.

        Those of the plugin that registered ``method``, of plugins that
        registered no method at all, and of implementations marked
        :func:`lessonkit.hookspecs.for_methods` with the method's key or ``*``
        — in registration order. Others are not called for this method.
        """
        from lessonkit.hookspecs import methods_of

        owner = self.methods.source(method.key) if method.key in self.methods else None
        method_plugins = {plugin for _key, _value, plugin in self.methods.items()}
        chosen = []
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            wanted = methods_of(impl.function)
            if impl.plugin_name == owner or impl.plugin_name not in method_plugins \
                    or (wanted is not None and ("*" in wanted or method.key in wanted)):
                chosen.append(impl)
        return chosen

    def call_for_method(self, hook_name: str, method: Method, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a per-method hook for ``method`` (see :meth:`implementations_for`).

        Returns ``(plugin name, result)`` pairs; each implementation gets only
        the parameters it asks for (``method`` included).
        """
        kwargs = {"method": method, **kwargs}
        return [(impl.plugin_name, impl.function(**_arguments(impl, kwargs)))
                for impl in self.implementations_for(hook_name, method)]

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call one hook's implementations one by one, in registration order.

        Returns ``(plugin name, result)`` pairs; each implementation gets only
        the parameters it asks for.
        """
        hook = getattr(self.pm.hook, hook_name)
        return [(impl.plugin_name, impl.function(**_arguments(impl, kwargs)))
                for impl in hook.get_hookimpls()]


def _arguments(impl: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments an implementation asks for (it may take fewer than the spec)."""
    return {name: kwargs[name] for name in impl.argnames if name in kwargs}


def _checked(kind: type | tuple[type, ...] | None, what: str, attr: str = "key") -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if kind is not None and not isinstance(value, kind):
            raise PluginError(f"register() expects a {what}, got {type(value).__name__}")
        key = getattr(value, attr, None)
        if not isinstance(key, str) or not key:
            raise PluginError(f"a {what} needs a non-empty string '{attr}' (got {key!r})")
        return key
    return check


def _collect(pm: PluginManager, hook_name: str, catalog: Catalog[Any], check: Callable[[Any], str]) -> None:
    """Call one ``register_*`` hook plugin by plugin, filling ``catalog``."""
    hook = getattr(pm.hook, hook_name)
    for impl in hook.get_hookimpls():
        staged: list[tuple[str, Any]] = []

        def register(value: Any, _staged: list[tuple[str, Any]] = staged,
                     _check: Callable[[Any], str] = check) -> None:
            _staged.append((_check(value), value))

        def warn(message: str, _plugin: str = impl.plugin_name) -> None:
            pm.warn(f"plugin {_plugin!r}: {message}")

        register.warn = warn  # type: ignore[attr-defined]  # non-fatal problems

        try:
            impl.function(**_arguments(impl, {"register": register}))
        except Exception as exc:  # a plugin's bug must not break the others
            pm.warn(f"plugin {impl.plugin_name!r} failed in {hook_name}: "
                    f"{type(exc).__name__}: {exc}")
            continue
        for key, value in staged:
            catalog.add(key, value, impl.plugin_name)


def load_registry(pm: PluginManager) -> Registry:
    """Ask every plugin to register its methods (and, on first use, rules, renderers, importers).

    Each ``register`` callback also has ``register.warn(message)``: a plugin
    reports a non-fatal problem (a bad method file) as a warning naming it.
    """
    registry = Registry(pm)
    _collect(pm, "register_methods", registry.methods, _checked(Method, "lessonkit.Method"))
    return registry


def get_registry(**kwargs: Any) -> Registry:
    """Shortcut: a fresh plugin manager's registry (arguments as :func:`get_plugin_manager`)."""
    return load_registry(get_plugin_manager(**kwargs))
