"""Walls around the contestant, and ending every process it started.

`confine` runs in the contestant before it reads any of the learner's code. What it can
read: the system, the Python installation and the learner's `core/`; what it can write:
its scratch folder. The checkout's other folders (`lessons/` with the references,
`.tinylm/` with progress) it can neither read nor write, whatever the spelling of the path.
- Linux: Landlock (kernel 5.13+), which also keeps it from tracing or signalling the judge
  (so `/proc/<judge>/fd` is closed to it).
- macOS: the Seatbelt profile `sandbox_init` applies to the process itself.
- Elsewhere, or on an older kernel: an audit hook refusing the same opens inside Python.

`end_descendants` runs in the judge, which is a child subreaper on Linux: whatever the
contestant started, in any session or process group, stays below the judge and is killed.
This module is loaded by file path in the contestant: standard library only.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# --- confining the contestant ------------------------------------------------------------------

_SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/opt", "/proc", "/sys", "/dev",
                "/System", "/Library", "/private/etc", "/private/var/db", "/nix")

# Landlock access rights (linux/landlock.h), by the ABI version that introduced them.
_FS_RIGHTS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_EXECUTE, _WRITE_FILE, _READ_FILE, _READ_DIR, _TRUNCATE, _IOCTL_DEV = 1, 2, 4, 8, 1 << 14, 1 << 15
_SCOPE_SIGNAL, _SCOPE_ABSTRACT_UNIX = 2, 1
_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86_64 and arm64
_PR_SET_NO_NEW_PRIVS, _PR_SET_CHILD_SUBREAPER = 38, 36


def reachable_roots(paths: list[Path], hidden: Path) -> list[Path]:
    """The folders of `paths` that exist and neither hold `hidden` nor lie inside it."""
    roots = []
    for path in paths:
        path = Path(os.path.realpath(path))
        if path.exists() and not hidden.is_relative_to(path) and not path.is_relative_to(hidden) and path not in roots:
            roots.append(path)
    return roots


def confine(readable: list[Path], writable: list[Path], hidden: Path) -> str:
    """Apply the walls; returns which kind did ("landlock", "seatbelt" or "audit hook")."""
    hidden = Path(os.path.realpath(hidden))
    readable = reachable_roots([*map(Path, _SYSTEM_DIRS), *readable], hidden)
    writable = reachable_roots(writable, hidden)
    if sys.platform.startswith("linux") and _landlock(readable, writable):
        return "landlock"
    if sys.platform == "darwin" and _seatbelt(readable, writable, hidden):
        return "seatbelt"
    _audit_hook(readable, writable)
    return "audit hook"


def _landlock(readable: list[Path], writable: list[Path]) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1:
        return False
    handled = _FS_RIGHTS_BY_ABI[max(version for version in _FS_RIGHTS_BY_ABI if version <= abi)]
    scoped = _SCOPE_SIGNAL | _SCOPE_ABSTRACT_UNIX if abi >= 6 else 0
    fields = [handled, 0, scoped][: 3 if abi >= 6 else 2 if abi >= 4 else 1]
    attr = (ctypes.c_uint64 * len(fields))(*fields)
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return False

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    file_rights = (_EXECUTE | _WRITE_FILE | _READ_FILE | _TRUNCATE | _IOCTL_DEV) & handled

    def allow(path: Path, rights: int) -> None:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        try:
            rule = PathBeneath(rights & (handled if path.is_dir() else file_rights), fd)
            libc.syscall(_SYS_ADD_RULE, ruleset, ctypes.c_int(1), ctypes.byref(rule), ctypes.c_uint32(0))
        finally:
            os.close(fd)

    for path in readable:
        allow(path, _EXECUTE | _READ_FILE | _READ_DIR)
    for path in writable:
        allow(path, handled)
    for device in ("/dev/null", "/dev/tty"):
        if os.path.exists(device):
            allow(Path(device), _READ_FILE | _WRITE_FILE | _TRUNCATE | _IOCTL_DEV)
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    done = libc.syscall(_SYS_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) == 0
    os.close(ruleset)
    return done


def _seatbelt(readable: list[Path], writable: list[Path], hidden: Path) -> bool:
    def quoted(path: Path) -> str:
        return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'

    profile = "\n".join([
        "(version 1)", "(allow default)",
        f"(deny file-read* (subpath {quoted(hidden)}))",
        "(deny file-write* (require-all (require-not (literal \"/dev/null\")) (require-not (literal \"/dev/tty\"))"
        + "".join(f" (require-not (subpath {quoted(path)}))" for path in writable) + "))",
    ])
    try:
        libsandbox = ctypes.CDLL("/usr/lib/libsandbox.1.dylib")
    except OSError:
        return False
    error = ctypes.c_char_p()
    return libsandbox.sandbox_init(profile.encode(), ctypes.c_uint64(0), ctypes.byref(error)) == 0


def _audit_hook(readable: list[Path], writable: list[Path]) -> None:
    read_roots = [str(path) for path in readable]
    write_roots = [str(path) for path in writable] + ["/dev/null"]

    def inside(path: str, roots: list[str]) -> bool:
        return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)

    def refuse_outside(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        path = os.path.realpath(os.fsdecode(args[0]))
        mode = args[1] if isinstance(args[1], str) else ""
        flags = args[2] if isinstance(args[2], int) else 0
        writing = any(c in (mode or "") for c in "wax+") or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if not inside(path, write_roots if writing else read_roots + write_roots):
            raise PermissionError(f"the grader does not let checked code open {path}")

    sys.addaudithook(refuse_outside)


# --- ending what the contestant started ---------------------------------------------------------

def become_subreaper() -> bool:
    """Linux: orphans of our descendants are re-parented to us, not to init."""
    if not sys.platform.startswith("linux"):
        return False
    return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process we can see."""
    parents = {}
    if os.path.isdir("/proc/self"):
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        return parents
    listing = subprocess.run(["ps", "-axo", "pid=,ppid="], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        pid, ppid = line.split()
        parents[int(pid)] = int(ppid)
    return parents


def descendants(root: int, spare: frozenset[int] = frozenset()) -> list[int]:
    """Every process below `root`, except the `spare` ones and what is below them."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [pid for pid in children.get(root, []) if pid not in spare]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def end_descendants(root: int, spare: frozenset[int] = frozenset(), rounds: int = 20) -> None:
    """Stop, then kill, every process below `root` but the spares; reap those that are ours."""
    for _ in range(rounds):
        pids = descendants(root, spare)
        if not pids:
            return
        for sig in (signal.SIGSTOP, signal.SIGKILL):  # stopped first, so none can fork in between
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except (ProcessLookupError, PermissionError):
                    pass
        time.sleep(0.005)
        for pid in pids:  # the orphans re-parented to us are our children now
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
