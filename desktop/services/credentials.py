"""Secrets (tokens, application passwords, API keys) live in the system keyring and nowhere else.

What can go wrong, and what we do (notes/reliability-security.md §1.6):

- Headless Linux has only keyring's ``fail`` backend, which raises on every call. We report it
  as not usable and fall back to a secret given for this run (stdin, environment variable, or
  typed once and kept in memory by :meth:`CredentialStore.remember_for_session`).
- The ``null`` backend (and any broken one) drops writes silently, so every write is read back.
- keyrings.alt makes a plaintext file the default just by being installed: we never depend on it,
  and when it is in use we say so (usable, with a warning).
- Windows caps credential blobs at about 2,560 bytes (error 1783), so we refuse long secrets
  with a clear message instead of an obscure failure on one platform only.

No message here ever contains a secret.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail, null
from keyring.compat import properties

log = logging.getLogger(__name__)

MAX_SECRET_BYTES = 2000
ENV_PREFIX = "DIALOGUE_DESK_SECRET"


class CredentialError(Exception):
    """A secret could not be stored; ``str(exc)`` is one line for a person (never the secret)."""


@dataclasses.dataclass(frozen=True)
class BackendStatus:
    """What the current keyring can do. ``message`` is empty when all is well."""

    usable: bool
    name: str
    message: str
    insecure: bool = False  # usable, but secrets end up readable by anyone with the files


_NO_KEYRING_HINT = (
    "Secrets cannot be saved, so Dialogue Desk will ask for them once per session. "
    f"You can also give a secret per run on standard input or in the environment variable "
    f"{ENV_PREFIX} (or {ENV_PREFIX}_<ACCOUNT>)."
)


def env_var_for(account: str) -> str:
    """``DIALOGUE_DESK_SECRET_<ACCOUNT>``: upper case, anything but A-Z/0-9 becomes ``_``."""
    return f"{ENV_PREFIX}_" + re.sub(r"[^A-Z0-9]", "_", account.upper())


def _backends(kr: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    """The backends that would really serve a call (the chainer delegates to several)."""
    from keyring.backends import chainer

    if isinstance(kr, chainer.ChainerBackend):
        return list(kr.backends)
    return [kr]


def _status_of(kr: keyring.backend.KeyringBackend) -> BackendStatus:
    name = f"{type(kr).__module__}.{type(kr).__qualname__}"
    chain = _backends(kr)
    if not chain or all(isinstance(b, fail.Keyring) for b in chain):
        return BackendStatus(False, name, "No system keyring is available. " + _NO_KEYRING_HINT)
    if all(isinstance(b, null.Keyring) for b in chain):
        return BackendStatus(
            False, name, "The keyring is switched off (null backend). " + _NO_KEYRING_HINT
        )
    if any(type(b).__module__.startswith("keyrings.alt") for b in chain):
        return BackendStatus(
            True,
            name,
            "Secrets are kept in a file that is not properly encrypted "
            f"({type(chain[0]).__name__}): anyone who can read your files can read them. "
            "Install or unlock a system keyring to keep them safe.",
            insecure=True,
        )
    return BackendStatus(True, name, "")


class CredentialStore:
    """Secrets per account, in the keyring under ``service``; see the module docstring."""

    def __init__(self, service: str = "dialogue-desk") -> None:
        self.service = service
        # Secrets typed for this session when no keyring exists. Never written anywhere.
        self._session: dict[str, str] = {}

    def backend_status(self) -> BackendStatus:
        try:
            kr = keyring.get_keyring()
        # Any backend may fail to load (e.g. PYTHON_KEYRING_BACKEND names a missing module);
        # that is "no keyring", not a crash.
        except Exception as exc:  # noqa: BLE001
            return BackendStatus(
                False,
                "unknown",
                f"The keyring could not be loaded ({type(exc).__name__}). " + _NO_KEYRING_HINT,
            )
        return _status_of(kr)

    def set(self, account: str, secret: str) -> None:
        """Store a secret in the keyring and check it is really there (read back)."""
        size = len(secret.encode("utf-8"))
        if not secret:
            raise CredentialError("The secret is empty.")
        if size > MAX_SECRET_BYTES:
            raise CredentialError(
                f"This secret is {size:,} bytes long; a keyring entry can hold at most "
                f"{MAX_SECRET_BYTES:,} bytes on every platform (Windows stops at about 2,560)."
            )
        status = self.backend_status()
        if not status.usable:
            raise CredentialError(status.message)
        try:
            keyring.set_password(self.service, account, secret)
            stored = keyring.get_password(self.service, account)
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                f"The keyring ({status.name}) refused to save the secret for {account}: "
                f"{_redact(str(exc), secret) or type(exc).__name__}"
            ) from None
        if stored != secret:
            raise CredentialError(
                f"The keyring ({status.name}) did not keep the secret for {account}: reading "
                "it back gave something else. " + _NO_KEYRING_HINT
            )
        if status.insecure:
            log.warning("secret for %s stored in an insecure keyring (%s)", account, status.name)
        self._session.pop(account, None)

    def get(self, account: str) -> str | None:
        """The secret: this session's, then the keyring's, then the environment's; or None."""
        if account in self._session:
            return self._session[account]
        try:
            secret = keyring.get_password(self.service, account)
        except (keyring.errors.KeyringError, RuntimeError, ImportError, OSError) as exc:
            # No keyring (headless Linux) or a locked one: fall through to the environment.
            log.debug("keyring lookup for %s failed: %s", account, type(exc).__name__)
            secret = None
        if secret:
            return secret
        return os.environ.get(env_var_for(account)) or os.environ.get(ENV_PREFIX) or None

    def delete(self, account: str) -> None:
        """Forget the secret everywhere we keep it (the environment is not ours to change)."""
        self._session.pop(account, None)
        if not self.backend_status().usable:
            return
        try:
            keyring.delete_password(self.service, account)
        except keyring.errors.PasswordDeleteError:
            pass  # there was none
        except keyring.errors.KeyringError as exc:
            raise CredentialError(
                f"The keyring refused to delete the secret for {account} ({type(exc).__name__})"
            ) from None

    def remember_for_session(self, account: str, secret: str) -> None:
        """Keep a secret in memory until the app quits (no keyring, or the user said so)."""
        self._session[account] = secret


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, "***") if secret else text


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A dict-backed keyring for tests: ``keyring.set_keyring(MemoryKeyring())``.

    Its ``priority`` raises, which makes it non-viable for keyring's auto-detection: a concrete
    backend class registers itself on definition, and with a normal priority it would become
    the whole process's default keyring (notes/stack-check.md §3).
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("MemoryKeyring is for tests only; install it with set_keyring()")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def __str__(self) -> str:  # the base class's __str__ reads priority
        return "MemoryKeyring"

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such entry") from None
