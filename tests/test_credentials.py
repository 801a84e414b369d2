"""CredentialStore against the keyring backends users really meet: working, failing, null,
silently dropping, corrupting, and an insecure plaintext one."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail, null
from keyring.compat import properties

from desktop.services.credentials import (
    BackendStatus,
    CredentialError,
    CredentialStore,
    MemoryKeyring,
    env_var_for,
)

CANARY = "CANARY-pw-91c2"


@pytest.fixture
def use_backend():
    old = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(old)


@pytest.fixture(autouse=True)
def no_secret_env(monkeypatch):
    monkeypatch.delenv("DIALOGUE_DESK_SECRET", raising=False)
    monkeypatch.delenv(env_var_for("kari@intranet.example"), raising=False)


class _TestBackend(keyring.backend.KeyringBackend):
    """Base for misbehaving backends; never viable, so never the process default."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test backend")

    def __str__(self) -> str:
        return type(self).__name__

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("none")


class DroppingKeyring(_TestBackend):
    """Accepts writes and forgets them, like the null backend but under another name."""

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class TruncatingKeyring(_TestBackend):
    """Keeps only the first 8 characters (a broken or size-capped store)."""

    def __init__(self) -> None:
        super().__init__()
        self.value: str | None = None

    def get_password(self, service: str, username: str) -> str | None:
        return self.value

    def set_password(self, service: str, username: str, password: str) -> None:
        self.value = password[:8]


class LockedKeyring(_TestBackend):
    """Raises on every call, echoing the secret in its message (as a careless backend might)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"could not store {password!r}")


class FakePlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring without installing it."""


FakePlaintextKeyring.__module__ = "keyrings.alt.file"


def test_round_trip_in_memory(memory_keyring):
    store = CredentialStore()
    assert store.backend_status() == BackendStatus(True, store.backend_status().name, "")
    store.set("kari@intranet.example", CANARY)
    assert store.get("kari@intranet.example") == CANARY
    assert memory_keyring.entries == {("dialogue-desk", "kari@intranet.example"): CANARY}
    store.delete("kari@intranet.example")
    assert store.get("kari@intranet.example") is None
    store.delete("kari@intranet.example")  # deleting what is not there is fine


def test_services_are_separate(memory_keyring):
    CredentialStore("one").set("a", "secret-one")
    assert CredentialStore("two").get("a") is None


def test_memory_keyring_never_becomes_the_default():
    assert MemoryKeyring.viable is False
    assert not any(isinstance(k, MemoryKeyring) for k in keyring.backend.get_all_keyring())


def test_fail_backend_is_reported_and_falls_back_to_the_environment(use_backend, monkeypatch):
    use_backend(fail.Keyring())
    store = CredentialStore()
    status = store.backend_status()
    assert status.usable is False
    assert "standard input" in status.message
    assert "DIALOGUE_DESK_SECRET" in status.message

    with pytest.raises(CredentialError) as caught:
        store.set("kari@intranet.example", CANARY)
    assert str(caught.value) == status.message
    assert CANARY not in str(caught.value)

    assert store.get("kari@intranet.example") is None  # no NoKeyringError
    monkeypatch.setenv("DIALOGUE_DESK_SECRET", "generic")
    assert store.get("kari@intranet.example") == "generic"
    monkeypatch.setenv("DIALOGUE_DESK_SECRET_KARI_INTRANET_EXAMPLE", "for-kari")
    assert store.get("kari@intranet.example") == "for-kari"
    store.delete("kari@intranet.example")  # nothing to delete, no error


def test_session_secret_is_kept_in_memory_only(use_backend):
    use_backend(fail.Keyring())
    store = CredentialStore()
    store.remember_for_session("kari", CANARY)
    assert store.get("kari") == CANARY
    assert CredentialStore().get("kari") is None  # another store (a restart) has none
    store.delete("kari")
    assert store.get("kari") is None


def test_null_backend_is_not_usable(use_backend):
    use_backend(null.Keyring())
    store = CredentialStore()
    status = store.backend_status()
    assert status.usable is False
    assert "null" in status.message
    with pytest.raises(CredentialError):
        store.set("kari", CANARY)


def test_a_backend_that_drops_writes_is_caught_by_the_read_back(use_backend):
    use_backend(DroppingKeyring())
    store = CredentialStore()
    assert store.backend_status().usable is True  # nothing tells, until we read back
    with pytest.raises(CredentialError, match="did not keep the secret") as caught:
        store.set("kari", CANARY)
    assert CANARY not in str(caught.value)


def test_a_backend_that_changes_the_secret_is_caught(use_backend):
    use_backend(TruncatingKeyring())
    with pytest.raises(CredentialError, match="reading it back gave something else") as caught:
        CredentialStore().set("kari", CANARY)
    assert CANARY not in str(caught.value) and CANARY[:8] not in str(caught.value)


def test_backend_errors_are_clear_and_never_echo_the_secret(use_backend, monkeypatch):
    use_backend(LockedKeyring())
    store = CredentialStore()
    with pytest.raises(CredentialError, match="refused to save the secret for kari") as caught:
        store.set("kari", CANARY)
    assert CANARY not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    monkeypatch.setenv("DIALOGUE_DESK_SECRET_KARI", "from-env")
    assert store.get("kari") == "from-env"  # a locked keyring does not stop reading


def test_secrets_too_long_for_windows_are_refused_clearly(memory_keyring):
    store = CredentialStore()
    with pytest.raises(CredentialError, match=r"2,001 bytes long.*at most 2,000 bytes"):
        store.set("kari", "x" * 2001)
    with pytest.raises(CredentialError, match="bytes long"):
        store.set("kari", "é" * 1001)  # 2,002 bytes in UTF-8
    assert memory_keyring.entries == {}
    store.set("kari", "x" * 2000)
    assert store.get("kari") == "x" * 2000


def test_plaintext_backend_is_usable_with_a_warning(use_backend):
    use_backend(FakePlaintextKeyring())
    store = CredentialStore()
    status = store.backend_status()
    assert status.usable is True and status.insecure is True
    assert "not properly encrypted" in status.message
    store.set("kari", CANARY)
    assert store.get("kari") == CANARY


def test_env_var_names():
    assert env_var_for("kari@intranet.example") == "DIALOGUE_DESK_SECRET_KARI_INTRANET_EXAMPLE"
    assert env_var_for("ola-nordmann 2") == "DIALOGUE_DESK_SECRET_OLA_NORDMANN_2"
    assert env_var_for("jürgen") == "DIALOGUE_DESK_SECRET_J_RGEN"
