"""Saved replies through the desk's one face (``DeskService.templates``).

Reads (the list, a template filled for an item) go through the calling thread's read-only
connection; changes go to the one writer and return ``Done`` like every operation (they change
no row of a lane, so their ``Changes`` is empty). The composer, the templates dialog and
``dialogue-desk templates``/``reply --template`` use this and nothing below it.

The language of a filled reply follows the post (its words, guessed as triage guesses a
comment's), else the comment being answered, else the content language set for the area or
account, else the desk's interface language, else English.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import locale
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models import keys
from desktop.models import templates as tmpl
from desktop.models.templates import Filled, Template, TemplateError
from desktop.services.errors import DeskError
from desktop.services.ops import Done

if TYPE_CHECKING:
    from desktop.models.store import Store
    from desktop.models.writer import Writer

__all__ = ["DeskTemplates", "Filled", "Template", "TemplateError"]


@dataclasses.dataclass(frozen=True)
class Reply:
    """A template filled for one item: the text, its language and what stayed unfilled."""

    template: Template
    language: str
    filled: Filled

    @property
    def text(self) -> str:
        return self.filled.text


class DeskTemplates:
    def __init__(self, writer: Writer, read_store: Any) -> None:
        self._writer = writer
        self._read_store = read_store  # () -> this thread's read-only Store
        self._shipped: list[Template] | None = None

    @property
    def _store(self) -> Store:
        store: Store = self._read_store()
        return store

    # --- reads ---------------------------------------------------------------------------

    def all(self) -> list[Template]:
        return tmpl.current(self._store, self._defaults())

    def find(self, name: str) -> Template | None:
        """By id, else by a title in any language (case does not matter)."""
        wanted = name.strip().casefold()
        every = self.all()
        for t in every:
            if t.id.casefold() == wanted:
                return t
        for t in every:
            if any(title.casefold() == wanted for title in t.title.values()):
                return t
        return None

    def language_for(self, key: str) -> str:
        facts = self._facts(key)
        return self._language(facts) if facts is not None else self.interface_language()

    def reply(self, template: Template, key: str) -> Reply:
        """``template`` filled for the item ``key`` in the item's language."""
        facts = self._facts(key)
        if facts is None:
            raise DeskError(f"No item {key} in the cache (sync first)")
        lang = self._language(facts)
        return Reply(template, lang, tmpl.fill(template.body_in(lang), facts.values()))

    def export_text(self) -> str:
        return tmpl.dump(self.all())

    def interface_language(self) -> str:
        """The desk's language setting; "system" reads the locale as Qt's system locale does."""
        lang = str(self._store.settings.get("language"))
        if lang == "system":
            env = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES")
                   or os.environ.get("LANG") or locale.getlocale()[0] or "")
            lang = env.split("_")[0].split(".")[0].lower()
            lang = {"no": "nb", "nn": "nb"}.get(lang, lang)
        return lang if lang in tmpl.LANGUAGES else "en"

    def _facts(self, key: str) -> tmpl.ItemFacts | None:
        try:
            keys.parse(key)
        except keys.BadKey as exc:
            raise DeskError(str(exc)) from exc
        return tmpl.item_facts(self._store, key)

    def _language(self, facts: tmpl.ItemFacts) -> str:
        from desktop.models.triage import guess_language

        for text in (facts.post_text, facts.comment_text):
            guessed = guess_language(text)
            if guessed in tmpl.LANGUAGES:
                return guessed
        content = self._store.settings.get("content_language", facts.account, facts.area_id)
        if content in tmpl.LANGUAGES:
            return str(content)
        return self.interface_language()

    def _defaults(self) -> list[Template]:
        if self._shipped is None:
            self._shipped = tmpl.defaults()
        return self._shipped

    # --- changes (on the writer) ---------------------------------------------------------

    def submit_save(self, template: Template, previous_id: str | None = None
                    ) -> concurrent.futures.Future[Template]:
        """Add or change a template; the future raises TemplateError for a bad one."""
        return self._writer.submit(tmpl.save, template, previous_id)

    def submit_delete(self, template_id: str) -> concurrent.futures.Future[bool]:
        return self._writer.submit(tmpl.delete, template_id)

    def submit_import(self, text: str | bytes) -> concurrent.futures.Future[int]:
        """Merge a template file in. Checked here first: a bad file raises TemplateError at
        once and nothing is written."""
        return self._writer.submit(tmpl.merge, tmpl.parse(text))

    async def save(self, template: Template, previous_id: str | None = None
                   ) -> Done[Template]:
        try:
            return Done(await asyncio.wrap_future(self.submit_save(template, previous_id)))
        except TemplateError as exc:
            raise DeskError(str(exc)) from exc

    async def delete(self, template_id: str) -> Done[bool]:
        return Done(await asyncio.wrap_future(self.submit_delete(template_id)))

    async def import_file(self, path: Path) -> Done[int]:
        """Merge the templates of ``path``; DeskError (one line) when it cannot be used."""
        try:
            return Done(await asyncio.wrap_future(self._writer.submit(_import_path, path)))
        except OSError as exc:
            raise DeskError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        except TemplateError as exc:
            raise DeskError(f"{path} cannot be imported: {exc}") from exc

    def export_file(self, path: Path) -> int:
        """Write every template to ``path`` (a new file beside it first, then renamed)."""
        every = self.all()
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_text(tmpl.dump(every), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise DeskError(f"Cannot write {path}: {exc.strerror or exc}") from exc
        return len(every)


def _import_path(store: Store, path: Path) -> int:
    """Read, check and merge a file, on the writer (the event loop never waits for a disk)."""
    return tmpl.merge(store, tmpl.parse(path.read_bytes()))
