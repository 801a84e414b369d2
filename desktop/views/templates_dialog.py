"""Saved replies (Ctrl+Shift+R): add, edit, delete, import and export a team's templates.

One template is a name (its id), and a title and a text in each language the desk speaks. A
placeholder the desk does not fill is flagged as you type and kept as written when saved. It
reads and writes through the desk service's templates (services/templates.py), never a
database. Problems (a bad file, a name in use) are one line in the dialog, and lose nothing:
a file that cannot be imported leaves every saved reply as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import templates as tmpl
from desktop.models.templates import Template, TemplateError

ID_ROLE = Qt.ItemDataRole.UserRole
WRITE_TIMEOUT = 10.0  # a few rows of state.db on the writer
_LANGUAGE_NAMES = {"en": QT_TRANSLATE_NOOP("TemplatesDialog", "English"),
                   "de": QT_TRANSLATE_NOOP("TemplatesDialog", "German"),
                   "nb": QT_TRANSLATE_NOOP("TemplatesDialog", "Norwegian (Bokmål)")}


def _t(text: object) -> str:
    return QCoreApplication.translate("TemplatesDialog", str(text))


class TemplatesDialog(QDialog):
    def __init__(self, templates: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates = templates  # the desk service's (services/templates.py)
        self._editing: str | None = None  # the id of the template in the editor, if saved
        self.titles: dict[str, QLineEdit] = {}
        self.bodies: dict[str, QPlainTextEdit] = {}
        self._setup_ui()
        self._connect_signals()
        self.reload()

    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Saved replies"))
        self.setObjectName("templates-dialog")
        self.resize(820, 520)
        self.list = QListWidget(self)
        self.list.setObjectName("templates-list")
        self.list.setAccessibleName(self.tr("Saved replies"))
        list_label = QLabel(self.tr("&Saved replies"), self)
        list_label.setBuddy(self.list)

        self.name = QLineEdit(self)
        self.name.setObjectName("template-name")
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("letters, digits, - and _ (used by "
                                             "'reply --template')"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("template-languages")
        for lang in tmpl.LANGUAGES:
            page = QWidget(self.tabs)
            form = QFormLayout(page)
            title = QLineEdit(page)
            title.setObjectName(f"template-title-{lang}")
            title.setAccessibleName(self.tr("Title (%1)").replace("%1", _t(_LANGUAGE_NAMES[lang])))
            body = QPlainTextEdit(page)
            body.setObjectName(f"template-body-{lang}")
            body.setTabChangesFocus(True)
            body.setAccessibleName(self.tr("Text (%1)").replace("%1", _t(_LANGUAGE_NAMES[lang])))
            form.addRow(self.tr("&Title"), title)
            form.addRow(self.tr("Te&xt"), body)
            self.titles[lang], self.bodies[lang] = title, body
            self.tabs.addTab(page, _t(_LANGUAGE_NAMES[lang]))
        self.help = QLabel(self.tr("Placeholders: %1").replace(
            "%1", " ".join("{" + p + "}" for p in tmpl.PLACEHOLDERS)), self)
        self.help.setWordWrap(True)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag = QLabel(self)
        self.flag.setObjectName("template-flag")
        self.flag.setWordWrap(True)
        self.flag.setTextFormat(Qt.TextFormat.PlainText)
        self.flag.setForegroundRole(QPalette.ColorRole.Link)
        self.message = QLabel(self)
        self.message.setObjectName("templates-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName(self.tr("Message"))

        self.new_button = QPushButton(self.tr("&New"), self)
        self.save_button = QPushButton(self.tr("Sa&ve"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            self.tr("Close"))

        editor = QVBoxLayout()
        name_row = QFormLayout()
        name_row.addRow(self.tr("Na&me"), self.name)
        editor.addLayout(name_row)
        editor.addWidget(self.tabs, 1)
        editor.addWidget(self.help)
        editor.addWidget(self.flag)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addLayout(editor, 2)
        row = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button,
                       self.import_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)

    def _connect_signals(self) -> None:
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.new_template)
        self.save_button.clicked.connect(self.save_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.buttons.rejected.connect(self.reject)
        for edit in self.bodies.values():
            edit.textChanged.connect(self._flag_unknown)

    # --- public ------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """The list as the service has it now; ``select`` (an id) or the first selected."""
        lang = self._templates.interface_language()
        self.list.blockSignals(True)
        self.list.clear()
        for t in self._templates.all():
            item = QListWidgetItem(t.title_in(lang), self.list)
            item.setData(ID_ROLE, t.id)
            if t.unknown_placeholders():
                item.setText(t.title_in(lang) + " ⚠")
                item.setToolTip(self._unknown_text(t.unknown_placeholders()))
        self.list.blockSignals(False)
        ids = [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
        row = ids.index(select) if select in ids else 0
        if ids:
            self.list.setCurrentRow(row)
            self._on_current_changed(self.list.currentItem(), None)
        else:
            self._show(None)

    def template_ids(self) -> list[str]:
        return [str(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def new_template(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_current(self) -> bool:
        template = Template(
            self.name.text().strip(),
            {lang: e.text().strip() for lang, e in self.titles.items() if e.text().strip()},
            {lang: e.toPlainText().strip() for lang, e in self.bodies.items()
             if e.toPlainText().strip()})
        try:
            saved = self._templates.submit_save(template, self._editing).result(WRITE_TIMEOUT)
        except TemplateError as exc:
            self._say(self.tr("Not saved: %1").replace("%1", str(exc)))
            return False
        self.reload(select=saved.id)
        self._say(self.tr("Saved “%1”").replace("%1", saved.id))
        return True

    def delete_current(self) -> bool:
        if self._editing is None:
            return False
        gone = self._editing
        self._templates.submit_delete(gone).result(WRITE_TIMEOUT)
        self.reload()
        self._say(self.tr("Deleted “%1”").replace("%1", gone))
        return True

    def import_file(self, path: Path) -> bool:
        """Merge a file's templates in; a file that cannot be used changes nothing."""
        try:
            if path.stat().st_size > tmpl.MAX_FILE_BYTES:
                raise TemplateError(self.tr("the file is too big for a template file"))
            data = path.read_bytes()
            n = self._templates.submit_import(data).result(WRITE_TIMEOUT)
        except (OSError, TemplateError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._say(self.tr("%1 cannot be imported: %2. Your saved replies are unchanged.")
                      .replace("%1", path.name).replace("%2", reason))
            return False
        self.reload()
        self._say(self.tr("Imported %1 saved replies from %2").replace("%1", str(n))
                  .replace("%2", path.name))
        return True

    def export_file(self, path: Path) -> bool:
        from desktop.services.errors import DeskError

        try:
            n = self._templates.export_file(path)
        except DeskError as exc:
            self._say(str(exc))
            return False
        self._say(self.tr("Exported %1 saved replies to %2").replace("%1", str(n))
                  .replace("%2", path.name))
        return True

    # --- internals ---------------------------------------------------------------------

    def _show(self, template: Template | None) -> None:
        self._editing = template.id if template is not None else None
        self.name.setText(template.id if template is not None else "")
        for lang in tmpl.LANGUAGES:
            self.titles[lang].setText(template.title.get(lang, "") if template else "")
            self.bodies[lang].setPlainText(template.body.get(lang, "") if template else "")
        self.delete_button.setEnabled(template is not None)
        self._flag_unknown()

    def _on_current_changed(self, current: QListWidgetItem | None,
                            _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        tid = current.data(ID_ROLE)
        self._show(next((t for t in self._templates.all() if t.id == tid), None))

    def _flag_unknown(self) -> None:
        unknown = tmpl.unknown_placeholders(e.toPlainText() for e in self.bodies.values())
        self.flag.setText(self._unknown_text(unknown) if unknown else "")

    def _unknown_text(self, unknown: list[str]) -> str:
        return self.tr("Unknown placeholder: %1 — it is kept as written").replace(
            "%1", ", ".join("{" + u + "}" for u in unknown))

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _choose_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import saved replies"), "", self.tr("Saved replies (*.json)"))
        if name:
            self.import_file(Path(name))

    def _choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export saved replies"), "saved-replies.json",
            self.tr("Saved replies (*.json)"))
        if name:
            self.export_file(Path(name))
