"""PDF through LibreOffice headless: a kept process (UNO bridge) with a cold per-document fallback.

Fonts: fonts/fonts.conf maps the official names to free look-alikes (SPEC §6); it is handed to
LibreOffice through FONTCONFIG_FILE. Every conversion has a time-out; a stuck LibreOffice is killed
and started again, so a worker never hangs.
"""
import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from core.config import PROJECT_ROOT

FONTCONFIG_FILE = PROJECT_ROOT / "fonts" / "fonts.conf"
BRIDGE = Path(__file__).with_name("uno_bridge.py")
GUARD = Path(__file__).with_name("office_guard.py")  # LibreOffice dies with the process that started it
DEFAULT_TIMEOUT = 60.0
RESTART_AFTER_JOBS = 200  # LibreOffice grows with every document; start afresh now and then


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed: the .docx and everything else keep working."""

    def __init__(self, message: str = "服务器未安装 LibreOffice，暂时无法生成 PDF；Word 文件不受影响。"):
        super().__init__(message)


class PdfFailed(RuntimeError):
    """LibreOffice ran but gave no PDF (or ran out of time)."""


def office_env(tmp: str = "") -> dict:
    """LibreOffice's environment; given `tmp`, its scratch files (lu*.tmp) go there, removed with it even after a kill."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE), "SAL_USE_VCLPLUGIN": "svp"}
    env.setdefault("HOME", tempfile.gettempdir())
    if tmp:
        env["TMPDIR"] = tmp
    return env


def find_soffice(soffice: str = "") -> str:
    """The LibreOffice executable (settings.soffice / $SOFFICE / soffice on PATH), or PdfUnavailable."""
    path = shutil.which(soffice or os.environ.get("SOFFICE", "soffice"))
    if path is None:
        raise PdfUnavailable()
    return path


@lru_cache(maxsize=1)
def uno_python() -> str | None:
    """An interpreter that can `import uno` (Debian's python3-uno), for the kept process."""
    for candidate in (os.environ.get("UNO_PYTHON", ""), "/usr/bin/python3", "/usr/lib/libreoffice/program/python"):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30)
            if probe.returncode == 0:
                return candidate
    return None


def convert_cold(docx: bytes, soffice: str = "", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """One fresh LibreOffice for one document (own profile, killed on time-out). It cannot update a table of
    contents: a document with one is converted twice, the second time with the first layout's page numbers."""
    from .toc_pages import fill_toc_pages, has_toc

    result = _convert_cold_once(docx, soffice, timeout)
    if has_toc(docx):
        numbered = fill_toc_pages(docx, result)
        if numbered is not None:
            result = _convert_cold_once(numbered, soffice, timeout)
    return result


def _convert_cold_once(docx: bytes, soffice: str, timeout: float) -> bytes:
    binary = find_soffice(soffice)
    with tempfile.TemporaryDirectory(prefix="wengao-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(docx)
        command = [binary, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{tmp}/profile",
                   "--convert-to", "pdf", "--outdir", tmp, str(source)]
        proc = subprocess.Popen(guarded(command), env=office_env(tmp), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfFailed(f"PDF 转换超时（{timeout:g}秒）") from None
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise PdfFailed(f"LibreOffice 未生成 PDF：{err.decode(errors='replace')[-300:]}")
        return target.read_bytes()


def guarded(command: list[str]) -> list[str]:
    """The command run under office_guard.py (start it in a new session: the guard leads its group)."""
    return [sys.executable, str(GUARD), *command]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


class KeptOffice:
    """One LibreOffice kept alive between conversions; one document at a time (LibreOffice's limit)."""

    def __init__(self, soffice: str = "", start_timeout: float = 90.0):
        self.soffice = soffice
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.pipe = ""  # soffice's pipe (a socket in /tmp that soffice removes when it quits, not when killed)
        self.jobs = 0
        self.lock = threading.Lock()
        self.tmp = tempfile.mkdtemp(prefix="wengao-office-")

    def convert(self, docx: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None or self.jobs >= RESTART_AFTER_JOBS:
                self._start()
            self.jobs += 1
            source = Path(self.tmp) / f"job{self.jobs}.docx"
            target = source.with_suffix(".pdf")
            source.write_bytes(docx)
            try:
                reply = self._ask({"in": str(source), "out": str(target)}, timeout)
                if not reply.get("ok") or not target.exists():
                    raise PdfFailed(reply.get("error", "LibreOffice 未生成 PDF"))
                return target.read_bytes()
            finally:
                source.unlink(missing_ok=True)
                target.unlink(missing_ok=True)

    def _start(self) -> None:
        self.stop()
        python = uno_python()
        if python is None:
            raise PdfFailed("找不到可导入 uno 的 Python（python3-uno），改用单次转换")
        profile = Path(self.tmp) / "profile"
        self.proc = subprocess.Popen(guarded([python, str(BRIDGE), find_soffice(self.soffice), str(profile)]),
                                     env=office_env(self.tmp), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True, text=True, bufsize=1)
        self.jobs = 0
        self.pipe = self._read(self.start_timeout).get("pipe", "")

    def _ask(self, request: dict, timeout: float) -> dict:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self._read(timeout)

    def _read(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.stop(graceful=False)
            raise PdfFailed(f"PDF 转换超时或 LibreOffice 已退出（{timeout:g}秒）")
        return json.loads(line)

    def stop(self, graceful: bool = True) -> None:
        """End the bridge and its soffice (one process group); a stuck one is killed at once."""
        if self.proc is None:
            return
        if graceful and self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        _kill_group(self.proc)
        self.proc = None

    def close(self) -> None:
        """Stop for good: LibreOffice's profile and the work files go too."""
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


_kept: dict[str, KeptOffice] = {}
_kept_lock = threading.Lock()


def kept_office(soffice: str = "") -> KeptOffice:
    """This process's kept LibreOffice (a worker on the pdf queue runs one, concurrency 1)."""
    with _kept_lock:
        if soffice not in _kept:
            _kept[soffice] = KeptOffice(soffice)
        return _kept[soffice]


def docx_to_pdf(docx: bytes, soffice: str = "", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """PDF bytes: the kept LibreOffice first, a cold per-document LibreOffice if that fails."""
    find_soffice(soffice)
    try:
        return kept_office(soffice).convert(docx, timeout)
    except PdfFailed:
        return convert_cold(docx, soffice, timeout)


@atexit.register
def shutdown() -> None:
    """This process's kept LibreOffice stops with it (a Celery pool process calls this itself: no atexit there)."""
    with _kept_lock:
        offices = list(_kept.values())
        _kept.clear()
    for office in offices:
        office.close()
