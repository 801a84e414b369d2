"""The dashboard's open time in a fresh process: ``python -m bench.dashboard_probe PROFILE``.

Prints one JSON line: ``painted_ms`` from Ctrl+D's call (``DashboardDialog(...)``) to the
dialog's first frame on screen (controls, tiles, empty charts, "Computing the figures…"),
``figures_ms`` from the same call to the frame that shows the figures and the weekly charts
(the read runs on the desk service's background runner), and the comments in the cache.
``--from-comments`` reads the figures as before the derived facts (insight_facts.py): the
facts are taken as not ready, so every figure is read from the comments.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(profile: str, *, from_comments: bool = False) -> dict[str, float]:
    from pathlib import Path

    from desktop.models import insight_facts

    if from_comments:
        insight_facts.ready = lambda conn, accts: False  # type: ignore[assignment]

    from PySide6.QtWidgets import QApplication

    from desktop.services.desk import DeskService
    from desktop.views.dashboard import DashboardDialog

    app = QApplication(sys.argv[:1])
    service = DeskService(Path(profile))
    service.wait_ready()
    comments = service.read_store().cache.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
    started = time.perf_counter()
    dialog = DashboardDialog(service)
    dialog.show()
    dialog.repaint()
    app.processEvents()
    painted = (time.perf_counter() - started) * 1000
    while dialog.loading:
        app.processEvents()
        time.sleep(0.005)
    dialog.repaint()
    app.processEvents()
    figures = (time.perf_counter() - started) * 1000
    dialog.close()
    service.writer.close()
    return {"painted_ms": round(painted, 1), "figures_ms": round(figures, 1),
            "comments": comments}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], from_comments="--from-comments" in sys.argv[2:])))
