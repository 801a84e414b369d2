"""The process tests/test_first_load.py kills in the middle of a first load.

    python tests/first_load_worker.py PROFILE URL TOKEN [PAGE_SIZE]

It syncs the demo account as ``mona`` into PROFILE with the desk's own sync (writer thread,
reference connector); ``DIALOGUE_DESK_CRASHPOINT=mid_page:n`` kills it inside a page, while
the first load's deferred indexes and search index are not built yet. Prints ``synced`` when
the sync ran to its end.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.models.store import Store  # noqa: E402
from desktop.models.writer import Writer  # noqa: E402
from desktop.services.connectors.reference import ReferenceConnector  # noqa: E402
from desktop.services.sync import sync_account  # noqa: E402


async def main(profile: Path, url: str, token: str, page_size: int) -> None:
    writer = Writer(profile)
    connector = ReferenceConnector(url=url, username="mona", secret=token, page_size=page_size)
    try:
        ident = await connector.verify()
        await writer.call(Store.set_identity, "demo", ident.user_id, ident.username,
                          ident.role, ident.areas, ident.moderation_scope)
        await sync_account(writer, connector, "demo")
    finally:
        await connector.aclose()
        writer.close()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3],
                     int(sys.argv[4]) if len(sys.argv) > 4 else 40))
    print("synced", flush=True)
