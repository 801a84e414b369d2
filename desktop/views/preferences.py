"""Preferences (Ctrl+,): an editor for every declared setting, built from the declarations.

One page per group, one editor per type (a combo box for choices, a spin box for numbers and
durations, a plain-text list for words), a scope selector for what may differ per account or
area, OK/Apply/Cancel and Restore defaults. It reads and writes through the object passed in
(``SettingsSource``), never a database.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import settings as decl
from desktop.models.settings import Change, Setting, SettingError

RESET = object()  # an editor's value after Restore defaults: forget the stored one


class SettingsSource(Protocol):
    def accounts(self) -> list[str]: ...
    def areas(self, account: str) -> list[tuple[str, str]]: ...
    def lookup(self, key: str, account: str | None = None, area: str | None = None
               ) -> tuple[Any, str | None]: ...
    def apply(self, changes: list[Change]) -> Any: ...


def _t(text: str) -> str:
    """Labels, help and messages are marked in the declarations' context."""
    return QCoreApplication.translate(decl.CONTEXT, text)


def _plain(label: str) -> str:
    return label.replace("&", "")


# QT_TRANSLATE_NOOP hands back its str but is typed object: str() where it is looked up
_UNITS: tuple[tuple[int, object], ...] = (
    (86400, QT_TRANSLATE_NOOP("Preferences", "d")),
    (3600, QT_TRANSLATE_NOOP("Preferences", "h")),
    (60, QT_TRANSLATE_NOOP("Preferences", "min")),
    (1, QT_TRANSLATE_NOOP("Preferences", "s")),
)


class _Editor:
    """One setting's editor: a widget, and the value it holds."""

    def __init__(self, setting: Setting, parent: QWidget) -> None:
        self.setting = setting
        self.unit = 1
        s = setting
        if s.kind == decl.CHOICE:
            self.widget: QComboBox | QPlainTextEdit | QSpinBox = QComboBox(parent)
            for value, label in s.choices:
                self.widget.addItem(_t(label), value)
        elif s.kind in (decl.WORDS, decl.PATTERNS):
            self.widget = QPlainTextEdit(parent)
            self.widget.setTabChangesFocus(True)  # Tab moves on, as everywhere else
            self.widget.setFixedHeight(self.widget.fontMetrics().lineSpacing() * 6)
        else:
            self.widget = QSpinBox(parent)
            self.widget.setAccelerated(True)
            if s.kind == decl.PERCENT:
                self.widget.setSuffix(" %")
        self.widget.setObjectName("setting-" + s.key)
        self.widget.setAccessibleName(_plain(_t(s.label)))
        self.widget.setAccessibleDescription(_t(s.help))
        self.widget.setToolTip(_t(s.help))

    def changed_signal(self) -> Any:
        w = self.widget
        if isinstance(w, QComboBox):
            return w.currentIndexChanged
        if isinstance(w, QPlainTextEdit):
            return w.textChanged
        return w.valueChanged

    def set_value(self, value: Any) -> None:
        w, s = self.widget, self.setting
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("\n".join(value))
        else:
            if s.kind == decl.SECONDS:
                # the largest unit that shows the value and the range exactly: "24 h", not
                # "86400 s"; seconds when nothing larger divides them
                self.unit = next(u for u, _ in _UNITS if not (value % u or s.minimum % u))
                suffix = dict(_UNITS)[self.unit]
                w.setSuffix(" " + QCoreApplication.translate("Preferences", str(suffix)))
            w.setRange(s.minimum // self.unit, s.maximum // self.unit)
            w.setValue(int(value) // self.unit)

    def value(self) -> Any:
        """The value as the setting takes it; SettingError if the text is not one."""
        w, s = self.widget, self.setting
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            return s.check(tuple(line.strip() for line in w.toPlainText().splitlines()
                                 if line.strip()))
        return s.check(w.value() * self.unit)


class PreferencesDialog(QDialog):
    """Changes are stored on OK or Apply; ``applied`` carries the source's result (a future
    of the re-triage when a rule or deadline changed)."""

    applied = Signal(object)

    def __init__(self, source: SettingsSource, parent: QWidget | None = None, *,
                 notes: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self._notes = notes or {}  # group → a line said once at the top of its page
        self.editors: dict[str, _Editor] = {}
        self._loaded: dict[str, Any] = {}
        self._origin: dict[str, str | None] = {}
        self._reset: set[str] = set()
        self._loading = False
        self._setup_ui()
        self._connect_signals()
        self.load()

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.tr("Preferences"))
        self.scope = QComboBox(self)
        self.scope.setObjectName("preferences-scope")
        self.scope.setAccessibleName(self.tr("Settings for"))
        self.scope.addItem(self.tr("Every account"), (None, None))
        for account in self.source.accounts():
            self.scope.addItem(account, (account, None))
            for rid, name in self.source.areas(account):
                self.scope.addItem(self.tr("{account} › {area}").format(
                    account=account, area=name), (account, rid))
        scope_label = QLabel(self.tr("Settings &for:"), self)
        scope_label.setBuddy(self.scope)
        top = QHBoxLayout()
        top.addWidget(scope_label)
        top.addWidget(self.scope, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("preferences-tabs")
        self.tabs.setAccessibleName(self.tr("Groups of settings"))
        pages: dict[str, QFormLayout] = {}
        for group, title in decl.GROUPS.items():
            page = QWidget(self.tabs)
            page.setAccessibleName(_t(title))
            form = QFormLayout(page)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            pages[group] = form
            if group in self._notes:
                note = QLabel(self._notes[group], page)
                note.setObjectName(f"preferences-note-{group}")
                note.setWordWrap(True)
                note.setTextFormat(Qt.TextFormat.PlainText)
                form.addRow(note)
            self.tabs.addTab(page, _t(title))
        for s in decl.SETTINGS.values():
            editor = _Editor(s, self)
            self.editors[s.key] = editor
            label = QLabel(_t(s.label), self)
            label.setBuddy(editor.widget)
            label.setWordWrap(True)
            box = QVBoxLayout()
            box.addWidget(editor.widget)
            note = QLabel(_t(s.help) + ("  " + self.tr("Takes effect after a restart.")
                                        if s.restart else ""), self)
            note.setWordWrap(True)
            font = note.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            note.setFont(font)
            box.addWidget(note)
            pages[s.group].addRow(label, box)

        self.message = QLabel(self)
        self.message.setObjectName("preferences-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        # Qt's standard texts have no mnemonics: every button is reached by Alt+letter too
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(self.tr("&Apply"))
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(
            self.tr("&Restore defaults"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 520)

    def _connect_signals(self) -> None:
        self.scope.currentIndexChanged.connect(self.load)
        for editor in self.editors.values():
            editor.changed_signal().connect(lambda *_a, k=editor.setting.key: self._edited(k))
        b = self.buttons
        b.accepted.connect(self._ok)
        b.rejected.connect(self.reject)
        b.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        b.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)

    # --- public ---------------------------------------------------------------------------

    def current_scope(self) -> tuple[str | None, str | None]:
        return self.scope.currentData() or (None, None)

    def load(self) -> None:
        """Show the values that apply at the chosen scope; unapplied edits are dropped."""
        account, area = self.current_scope()
        self._loading = True
        try:
            for key, editor in self.editors.items():
                value, origin = self.source.lookup(key, account, area)
                self._loaded[key], self._origin[key] = value, origin
                editor.set_value(value)
                editable = _editable(editor.setting, account, area)
                editor.widget.setEnabled(editable)
                if not editable:
                    editor.widget.setToolTip(self.tr("The same for every account: choose "
                                                     "“Every account” above to change it.")
                                             if editor.setting.scope == decl.APP else
                                             self.tr("The same for every area: choose the "
                                                     "account above to change it."))
                else:
                    editor.widget.setToolTip(_t(editor.setting.help))
        finally:
            self._loading = False
        self._reset.clear()
        self._validate()

    def changes(self) -> list[Change]:
        """What Apply would store: edited values, and forgotten ones after Restore defaults."""
        account, area = self.current_scope()
        out = []
        for key, editor in self.editors.items():
            s = editor.setting
            if not _editable(s, account, area):
                continue
            acc = account if s.scope != decl.APP else None
            ar = area if s.scope == decl.AREA else None
            if key in self._reset:
                if self._origin[key] == (decl.AREA if ar else decl.ACCOUNT if acc else decl.APP):
                    out.append(Change(key, None, acc, ar))
                continue
            value = editor.value()
            if value != self._loaded[key]:
                out.append(Change(key, value, acc, ar))
        return out

    def apply(self) -> bool:
        if not self._validate():
            return False
        changes = self.changes()
        if not changes:
            return True
        try:
            result = self.source.apply(changes)
        except SettingError as exc:
            self._show(exc.message(_t), error=True)
            return False
        restart = any(decl.SETTINGS[c.key].restart for c in changes)
        self.load()
        self._show(self.tr("Saved. Language and theme take effect after a restart.")
                   if restart else self.tr("Saved."), error=False)
        self.applied.emit(result)
        return True

    def restore_defaults(self) -> None:
        """Every editable field back to what applies without a value at this scope."""
        account, area = self.current_scope()
        for key, editor in self.editors.items():
            s = editor.setting
            if not _editable(s, account, area):
                continue
            wider = s.default
            if s.scope != decl.APP and account:
                wider = self.source.lookup(key, account if area else None)[0]
            editor.set_value(wider)
            self._reset.add(key)
        self._validate()

    # --- slots ----------------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        self._reset.discard(key)
        self._validate()

    def _ok(self) -> None:
        if self.apply():
            self.accept()

    def _validate(self) -> bool:
        problems = []
        for editor in self.editors.values():
            if not editor.widget.isEnabled():
                continue
            try:
                editor.value()
            except SettingError as exc:
                problems.append(f"{_plain(_t(editor.setting.label))}: {exc.message(_t)}")
        ok = not problems
        for which in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Apply):
            self.buttons.button(which).setEnabled(ok)
        if problems:
            self._show("\n".join(problems), error=True)
        elif self.message.property("error"):
            self._show("", error=False)
        return ok

    def _show(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        font = self.message.font()
        font.setBold(error)
        self.message.setFont(font)


def _editable(s: Setting, account: str | None, area: str | None) -> bool:
    if s.scope == decl.APP:
        return account is None
    if s.scope == decl.ACCOUNT:
        return area is None
    return True
