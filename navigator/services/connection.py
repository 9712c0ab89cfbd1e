"""Where the directory is: test a connection, say whether a password is kept, save the choice.

The settings dialog's use cases. Testing changes nothing and answers with one sentence for
the person (what is there), or `StoreError` with the reason the place cannot be used; any
other failure is a fault, and becomes a sentence too, so the dialog never shows a traceback.
The settings and the error are the store's, re-exported so the UI never imports the store.
"""

from __future__ import annotations

from navigator.store.database import (
    ConnectionSettings,
    StoreError,
    check_connection,
    load_connection,
    save_connection,
    stored_password,
)

__all__ = [
    "ConnectionSettings",
    "StoreError",
    "has_kept_password",
    "save_settings",
    "saved_connection",
    "try_connection",
]


def try_connection(settings: ConnectionSettings, password: str | None = None) -> str:
    """What "Test connection" says about `settings` (`password`: typed, else the keyring's).
    Raises StoreError, with the reason, when the settings are incomplete or the place cannot
    be used."""
    url = settings.url()  # StoreError when incomplete
    try:
        return check_connection(url, password)
    except StoreError:
        raise
    except Exception as error:  # a fault, not the person's: still one sentence for them
        raise StoreError(
            f"The connection could not be tested ({type(error).__name__}: {error})."
        ) from error


def has_kept_password(settings: ConnectionSettings) -> bool:
    """Whether the keyring holds a password for this server (never for a file)."""
    if settings.kind != "postgresql":
        return False
    try:
        return bool(stored_password(settings.url()))
    except StoreError:  # incomplete settings: nothing can be kept for them yet
        return False


def save_settings(settings: ConnectionSettings, password: str | None = None) -> None:
    """Remember where the directory is for the app and the `navigator` command; a server's
    password (None: keep the one kept) goes to the keyring only. Raises StoreError."""
    save_connection(settings, password if settings.kind == "postgresql" else None)


def saved_connection() -> ConnectionSettings | None:
    """The connection saved last, or None (then the default directory is used)."""
    return load_connection()
