"""Runs a LibreOffice command and takes its whole process group down when our process dies.

    python office_guard.py COMMAND...

core/rendering/pdf.py starts this in a new session (so it leads the group LibreOffice joins) with
the command's stdin/stdout passed through. A killed worker (kill -9 of a Celery worker or a web
process) cannot clean up after itself; this guard notices its parent is gone (it is re-parented)
and kills the group, so no soffice is left spinning. Standard library only: it also runs under
Debian's python3 for the UNO bridge.
"""
import os
import signal
import subprocess
import sys
import threading

POLL_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(POLL_SECONDS)
    os.killpg(os.getpgrp(), signal.SIGKILL)


def main(command: list[str]) -> int:
    parent = os.getppid()
    child = subprocess.Popen(command)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        return child.wait()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
