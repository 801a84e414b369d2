"""Coaching in the composer (issue 17): hints about a reply while it is written.

Pure rules, no Qt: ``hints(text, context)`` gives the codes of what the reply could do
better; the composer shows one line for them (views/composer.py ``CoachingLine``), the
person may dismiss a hint for the item, and the ``coaching`` setting turns them off.

- ``mention``: the reply answers a question (or a mention) by someone and does not
  @mention them, so they may never see it;
- ``question``: the reply is to an idea and does not end with a question, which invites the
  idea's author to say more;
- ``long``: the reply is longer than ``LONG_WORDS`` words.

A hint only shows once the reply has a few words (``MIN_WORDS``): an empty or just-begun
reply is not coached.
"""

from __future__ import annotations

import dataclasses
import re

LONG_WORDS = 120  # "~120 words": longer replies are read less
MIN_WORDS = 3
HINTS = ("mention", "question", "long")

_WORDS = re.compile(r"\S+")
_MENTION = re.compile(r"(?<![\w@])@([\w.\-]+)")
_QUESTION_END = re.compile(r"[?？¿]\s*[\"'»”)\]]*\s*[\W_]*$")


@dataclasses.dataclass(frozen=True)
class Context:
    """What the reply is to: the person who asked (their user name) and whether the comment
    replied to is an idea. The desk fills it from the item's triage reason."""

    asker: str | None = None  # a question or mention by this user
    idea: bool = False


def words(text: str) -> int:
    return len(_WORDS.findall(text))


def mentions(text: str) -> set[str]:
    """The user names @mentioned in ``text``, lower case (a trailing full stop is not part
    of a name)."""
    return {m.rstrip(".-").casefold() for m in _MENTION.findall(text)}


def ends_with_question(text: str) -> bool:
    """The last sentence asks: the text ends with a question mark (closing quotes, brackets
    and a smiley's punctuation may follow)."""
    return bool(_QUESTION_END.search(text.strip()))


def hints(text: str, context: Context, *, long_words: int = LONG_WORDS) -> list[str]:
    """The codes of the hints for ``text`` (in ``HINTS`` order)."""
    n = words(text)
    if n < MIN_WORDS:
        return []
    found = []
    if context.asker and context.asker.casefold() not in mentions(text):
        found.append("mention")
    if context.idea and not ends_with_question(text):
        found.append("question")
    if n > long_words:
        found.append("long")
    return found


def context_for(reason: str | None, author_username: str) -> Context:
    """The context of a reply to an item of this triage reason by this author."""
    if reason in ("question", "mention"):
        return Context(asker=author_username or None)
    if reason == "idea":
        return Context(idea=True)
    return Context()
