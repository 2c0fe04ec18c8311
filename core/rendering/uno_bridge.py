"""Kept LibreOffice: run by an interpreter that has Debian's python3-uno, not by the service's venv.

    python3 uno_bridge.py SOFFICE PROFILE_DIR

Starts one headless soffice listening on a private pipe, then reads one JSON request a line on stdin
({"in": "/path/a.docx", "out": "/path/a.pdf"}) and answers one JSON line on stdout. End of stdin ends
soffice too. The caller (core/rendering/pdf.py) owns time-outs and restarts.
"""
import json
import os
import subprocess
import sys
import time
import uuid


def start_office(soffice: str, profile: str):
    pipe = f"wengao_{uuid.uuid4().hex[:12]}"
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return proc, pipe


def connect(pipe: str, proc, seconds: float = 60):
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + seconds
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # noqa: BLE001 - NoConnectException until soffice listens
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.1)


def _props(**values):
    import uno  # noqa: F401 - its import hook makes com.sun.star importable
    from com.sun.star.beans import PropertyValue

    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def convert(desktop, source: str, target: str) -> None:
    import uno

    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       _props(Hidden=True, ReadOnly=True, UpdateDocMode=0))
    try:
        update_indexes(doc)
        doc.storeToURL(uno.systemPathToFileUrl(target), _props(FilterName="writer_pdf_Export"))
    finally:
        doc.close(True)


def update_indexes(doc) -> None:
    """A table of contents gets the page numbers of this layout (the .docx holds its entries without them)."""
    indexes = doc.getDocumentIndexes() if hasattr(doc, "getDocumentIndexes") else None
    for n in range(indexes.getCount() if indexes is not None else 0):
        indexes.getByIndex(n).update()


def main() -> None:
    soffice, profile = sys.argv[1], sys.argv[2]
    proc, pipe = start_office(soffice, profile)
    desktop = None
    try:
        desktop = connect(pipe, proc)
        print(json.dumps({"ready": True, "pid": proc.pid, "pipe": pipe}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                convert(desktop, request["in"], request["out"])
                reply = {"ok": True}
            except Exception as exc:  # noqa: BLE001 - reported to the caller, which falls back
                reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(reply), flush=True)
    finally:
        stop_office(desktop, proc)
        os._exit(0)


def stop_office(desktop, proc, grace: float = 5) -> None:
    """Ask soffice to quit and give it a moment: killed, it leaves its pipes and lu*.tmp behind in /tmp."""
    try:
        if desktop is not None and desktop.terminate() and _exited(proc, grace):
            return
    except Exception:  # noqa: BLE001 - soffice may already be gone
        pass
    proc.terminate()
    if not _exited(proc, 2):
        proc.kill()
        proc.wait()


def _exited(proc, seconds: float) -> bool:
    try:
        proc.wait(timeout=seconds)
        return True
    except subprocess.TimeoutExpired:
        return False


if __name__ == "__main__":
    main()
