"""Connector registry: built-in platforms plus third-party ones from an entry point group.

A third-party package adds a connector by declaring, in its pyproject.toml::

    [project.entry-points."dialogue_desk.connectors"]
    humhub = "my_package.humhub:HumHubConnector"

The class is called with keyword arguments ``url``, ``username`` and ``secret``, plus the
platform's own options (e.g. WordPress's ``sweep_interval``) when the account has any.

Importing this package (as ``connectors.base`` does) stays cheap: the platform modules and the
entry-point scan (importlib.metadata) load when a connector is first asked for.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.services.connectors.base import Connector

ENTRY_POINT_GROUP = "dialogue_desk.connectors"

BUILTIN = {
    "reference": "desktop.services.connectors.reference:ReferenceConnector",
    "wordpress": "desktop.services.connectors.wordpress:WordPressConnector",
    "plone": "desktop.services.connectors.plone:PloneConnector",
}


class UnknownConnector(LookupError):
    pass


def available() -> list[str]:
    from importlib.metadata import entry_points

    # Built-ins in their order (the first is what a connect dialog offers), then plug-ins.
    plugins = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)} - set(BUILTIN)
    return [n for n in [*BUILTIN, *sorted(plugins)] if _is_installed(n)]


def _is_installed(name: str) -> bool:
    target = BUILTIN.get(name)
    if target is None:
        return True
    try:
        importlib.import_module(target.split(":")[0])
    except ImportError:
        return False
    return True


def _load(name: str) -> Any:
    target = BUILTIN.get(name)
    if target is not None:
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep.load()
    raise UnknownConnector(
        f"No connector called '{name}' (available: {', '.join(available())})"
    )


def create(kind: str, *, url: str, username: str, secret: str,
           options: Mapping[str, object] | None = None) -> Connector:
    """A connector for one account. The secret stays inside the connector's HTTP client.

    ``options`` are the platform's own settings (declared settings feed them), passed to the
    class as keyword arguments; a platform ignores the ones it does not know."""
    cls = _load(kind)
    return cls(url=url, username=username, secret=secret, **_known(cls, options or {}))


def _known(cls: Any, options: Mapping[str, object]) -> dict[str, object]:
    """The options ``cls`` takes (all of them when it takes ``**kwargs``)."""
    params = inspect.signature(cls).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return dict(options)
    names = {p.name for p in params}
    return {k: v for k, v in options.items() if k in names}
