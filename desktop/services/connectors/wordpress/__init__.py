"""Connector for WordPress (REST API wp/v2, application passwords). See docs/wordpress.md.

WordPress gives a sync client far less than the reference protocol: no change feed, no
modified date on comments, exclusive date filters, no idempotency keys, no If-Match. So:

- posts come by ``modified_gmt`` and new comments by creation date, each with a one-second
  overlap and a keyset position, so new things arrive first, on every sync (pull.py);
- then the counts per status (``X-WP-Total``) are compared with the comments we know: when
  they agree the sync ends (a handful of requests); when a short list (held, spam, trash)
  disagrees, only it is read again (check.py);
- at most every ``sweep_interval`` seconds, when the counts cannot be explained, or when
  ``request_sweep()`` asked for it ("Full check"), a sweep re-reads every comment: it also
  finds edits, which no count shows (sweep.py). The cursor keeps when the last completed
  sweep began, so the interval holds across restarts;
- before a write that may have been sent already, the server is asked whether it happened
  (actions.py).

The package by concern: ``client`` (transport, permalink probing), ``errors`` (answers →
ConnectorError), ``identity`` (verify, the account, users), ``records`` (WordPress JSON → our
records), ``cursor`` (the sync state), ``pull``, ``check``, ``sweep``, ``actions``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

from desktop.models.records import UserRecord
from desktop.services.connectors.base import Action, Identity, Outcome, Page
from desktop.services.connectors.wordpress import actions, identity
from desktop.services.connectors.wordpress.client import PER_PAGE, WordPressClient
from desktop.services.connectors.wordpress.pull import META_EVERY, SWEEP_EVERY, Puller
from desktop.services.http import HttpSession

__all__ = ["META_EVERY", "PER_PAGE", "SWEEP_EVERY", "WordPressConnector"]


class WordPressConnector:
    """One account on a WordPress site; the secret is an application password.

    ``sweep_interval``: seconds between full sweeps (the declared settings feed it). Unknown
    keyword options of other platforms are ignored, as connectors.create promises."""

    kind = "wordpress"

    def __init__(self, *, url: str, username: str, secret: str,
                 session: HttpSession | None = None,
                 clock: Callable[[], float] = time.time,
                 sweep_interval: float = SWEEP_EVERY,
                 **_options: object) -> None:
        self.client = WordPressClient(url=url, username=username, secret=secret,
                                      session=session)
        self._puller = Puller(self.client, clock=clock, sweep_interval=float(sweep_interval))

    @property
    def site(self) -> str:
        return self.client.site

    @property
    def username(self) -> str:
        return self.client.username

    @property
    def session(self) -> HttpSession:
        return self.client.session

    @property
    def sweep_interval(self) -> float:
        return self._puller.sweep_interval

    async def verify(self) -> Identity:
        return await identity.verify(self.client)

    def request_sweep(self) -> None:
        """Make a sync sweep every comment even if the last sweep is younger than the
        interval: for a "Full check" a person asked for (Shift+F5, ``sync --full``), not for
        the timer nor a plain "Sync now".

        The request holds until a sweep that began after it has been stored: a pull already
        past its new comments, a sweep already running, or a sync stopped before its end leave
        it for the next pull of this connector."""
        self._puller.sweeps_asked += 1

    def pull(self, cursor: str | None) -> AsyncIterator[Page]:
        """Pages from where ``cursor`` left off: categories and users, posts by modification
        date, new comments by creation date, then the cheap check of the counts or, when
        due, the sweep over every comment."""
        return self._puller.pull(cursor)

    async def perform(self, action: Action) -> Outcome:
        return await actions.perform(self.client, action)

    async def search_users(self, prefix: str, limit: int = 10) -> list[UserRecord]:
        return await identity.search_users(self.client, prefix, limit)

    async def aclose(self) -> None:
        await self.client.aclose()
