"""Walk 103: on the demo's SQLite, a Council member's instruction sent while an officer saved
was a server error ("database is locked", at once). The settings make each transaction take
the write lock when it begins, waiting for another writer: four writers that read, pause, then
write, all succeed (three of them failed before)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import threading, time, django
django.setup()
from django.core.management import call_command
from django.db import connections, transaction
call_command("migrate", verbosity=0)
from submissions.models import Party
errors = []
def writer():
    try:
        with transaction.atomic():
            list(Party.objects.all()[:1])
            time.sleep(0.3)
            Party.objects.filter(code="US").update(code="US")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()
threads = [threading.Thread(target=writer) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("errors:", errors)
"""


def test_concurrent_writers_on_the_demo_sqlite_wait_for_each_other(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "secretariat.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "errors: []" in done.stdout, done.stdout
