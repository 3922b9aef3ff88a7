"""What a snippet's process may read, write, reach and use: the sandbox around every snippet.

snippet_worker.py runs each snippet in three processes, and calls this module in each:

  keeper   forked by the worker; `enter` puts its children into new namespaces (mounts, process
           ids, network, IPC; and a user namespace when the build does not run as root);
  init     the first process of the new process-id namespace; `prepare` makes the whole file
           system read-only except the snippet's own folder, mounts a /proc that shows only the
           snippet's processes and a private /dev/shm, and brings up a private loopback network;
           then it forks the snippet and waits for it. When it ends, the kernel kills every
           process left in the namespace;
  snippet  `restrict` drops every privilege (as root: it becomes `nobody`), confines writes to its
           folder once more with Landlock, keeps it from signalling processes outside its sandbox,
           and sets its limits (memory, processes, CPU time, file size).

The kernel may refuse a mechanism (no unprivileged user namespaces, no Landlock, a container that
forbids mounts): `probe` finds out once per worker what works, the snippets get that, and the
build says in one line what a snippet can do that it should not (`Confinement.shortfalls`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import pwd
import resource
import signal
import socket
import struct
from dataclasses import asdict, dataclass
from pathlib import Path

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 1
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 4, 24, 38
SYS_CAPSET, CAPABILITY_VERSION_3 = 126, 0x20080522
LANDLOCK_CREATE_RULESET, LANDLOCK_ADD_RULE, LANDLOCK_RESTRICT_SELF = 444, 445, 446

# The mechanisms, by the names SNIPPET_SANDBOX_WITHOUT uses to turn one off (to see what the build
# says and does without it, as on a kernel or in a container that lacks it).
MECHANISMS = ("namespaces", "landlock", "nobody")

# The only variables a snippet sees, besides those snippet_worker.SNIPPET_ENV sets and the Keras
# runtime's: the ones that can change what it prints (they are part of the cache key too).
ENV_PREFIXES = ("KERAS_", "TF_", "MPL", "PYTHON", "LC_", "OMP_", "XLA_", "JAX_", "CUDA_")
ENV_NAMES = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM", "COLUMNS", "TMPDIR"}


def allowed_environment(environ: dict[str, str]) -> dict[str, str]:
    """The part of `environ` that a snippet (and the worker it is forked from) may see: never
    the build's secrets (tokens, keys, passwords)."""
    return {
        name: value
        for name, value in environ.items()
        if name in ENV_NAMES or name.startswith(ENV_PREFIXES)
    }


@dataclass(frozen=True)
class Limits:
    """Per snippet; each, when hit, fails the snippet with one line naming its setting."""

    memory_mb: int = 4096  # SNIPPET_MEMORY_MB: memory it may allocate beyond what its worker imported
    processes: int = 512  # SNIPPET_PROCESSES: processes and threads it may run at once
    cpu_seconds: int = 600  # SNIPPET_CPU_SECONDS: CPU time of its own process
    file_mb: int = 256  # the largest file it may write (its own stdout included)


@dataclass(frozen=True)
class Confinement:
    """What the kernel let the sandbox use (found by `probe`, once per worker)."""

    namespaces: bool = False  # private mount, process-id, network and IPC namespaces
    user_namespace: bool = False  # ...created inside a user namespace (the build is not root)
    own_proc: bool = False  # /proc shows the snippet's processes only
    landlock: int = 0  # the Landlock ABI version in use (0: none)
    user: str = ""  # who the snippet runs as
    to_nobody: bool = False  # the build is root, and the snippet becomes `nobody`
    refused: str = ""  # why a mechanism is missing, in the kernel's words
    readable: tuple[str, ...] = ()  # what a snippet must read (Python, the project): see `_expose`

    def to_json(self) -> dict:
        return asdict(self)

    def shortfalls(self) -> list[str]:
        """What a snippet can do that it should not, in plain words (empty when nothing)."""
        missing = []
        if not self.namespaces:
            if not self.landlock:
                missing.append("write to any file its user may write (no namespaces, no Landlock)")
            missing.append("reach the network")
            if self.landlock < 6:
                missing.append("signal the build's processes")
            missing.append("read the build's environment through /proc")
        elif not self.own_proc:
            missing.append("see the build's processes in /proc")
        if self.user == "root" and not self.to_nobody:
            missing.append("read files only root may read (it runs as root: `nobody` could not read Python or the project)")
        return missing

    def summary(self) -> str:
        """One line for the build log."""
        words = []
        if self.namespaces:
            words.append("read-only file system except its folder, no network, own process ids"
                         + (" (user namespace)" if self.user_namespace else ""))
        if self.landlock:
            words.append(f"Landlock ABI {self.landlock}")
        words.append(f"runs as {self.user}")
        text = "snippet sandbox: " + "; ".join(words)
        shortfalls = self.shortfalls()
        if shortfalls:
            text += ". Less than it should be: a snippet can " + ", ".join(shortfalls)
            text += f" ({self.refused})" if self.refused else ""
        return text


# --------------------------------------------------------------------------------------------
# System calls
# --------------------------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> int:
    if result < 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")
    return result


def _unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def _mount(source: str | None, target: str, kind: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: None if text is None else text.encode()  # noqa: E731
    _check(_libc.mount(encode(source), target.encode(), encode(kind), flags, encode(data)), f"mount {target}")


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _set_read_only(path: str, read_only: bool, recursive: bool) -> None:
    attr = _MountAttr(MOUNT_ATTR_RDONLY if read_only else 0, 0 if read_only else MOUNT_ATTR_RDONLY, 0, 0)
    flags = AT_RECURSIVE if recursive else 0
    _check(_libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, path.encode(), flags,
                         ctypes.byref(attr), ctypes.sizeof(attr)), f"mount_setattr {path}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as stream:
        stream.write(text)


def _loopback_up() -> None:
    """Bring up `lo` in the new network namespace (a private one: nothing else is on it)."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(sock, siocgifflags, request))[1]
        fcntl.ioctl(sock, siocsifflags, struct.pack("16sH14s", b"lo", flags | iff_up, b""))


def _drop_capabilities() -> None:
    """No capability left, none to gain by running a program (the bounding set is emptied)."""
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for capability in range(last + 1):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    data = (Data * 2)()
    _check(_libc.syscall(SYS_CAPSET, ctypes.byref(Header(CAPABILITY_VERSION_3, 0)), data), "capset")


# --------------------------------------------------------------------------------------------
# Landlock
# --------------------------------------------------------------------------------------------

# Every right that changes the file system (write, remove, make, rename/link), by ABI version.
_WRITE_RIGHTS = 0b10 | 0b10000 | 0b100000 | 0b1000000 | 0b10000000 | 0b100000000
_WRITE_RIGHTS |= 0b1000000000 | 0b10000000000 | 0b100000000000 | 0b1000000000000
_REFER, _TRUNCATE, _IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_NET_BIND_TCP, _NET_CONNECT_TCP = 1, 2
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1, 2


def landlock_abi() -> int:
    return max(0, _libc.syscall(LANDLOCK_CREATE_RULESET, None, 0, 1))


def _landlock(writable: list[str], network: bool) -> int:
    """Let this process write beneath `writable` only, connect or bind no TCP port (unless
    `network`), and signal no process outside its Landlock domain. Returns the ABI used, 0 if
    there is no Landlock."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    rights = _WRITE_RIGHTS | (_REFER if abi >= 2 else 0) | (_TRUNCATE if abi >= 3 else 0)

    class RulesetAttr(ctypes.Structure):
        _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                    ("scoped", ctypes.c_uint64)]

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    net = 0 if network or abi < 4 else _NET_BIND_TCP | _NET_CONNECT_TCP
    scoped = _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL if abi >= 6 else 0
    attr = RulesetAttr(rights, net, scoped)
    size = ctypes.sizeof(ctypes.c_uint64) * (1 if abi < 4 else 2 if abi < 6 else 3)
    ruleset = _check(_libc.syscall(LANDLOCK_CREATE_RULESET, ctypes.byref(attr), size, 0), "landlock")
    try:
        for path in writable:
            allowed = rights if Path(path).is_dir() else 0b10  # a file (/dev/null): write only
            fd = os.open(path, os.O_PATH)
            try:
                rule = PathBeneath(allowed, fd)
                _check(_libc.syscall(LANDLOCK_ADD_RULE, ruleset, 1, ctypes.byref(rule), 0), "landlock rule")
            finally:
                os.close(fd)
        _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        _check(_libc.syscall(LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock_restrict_self")
    finally:
        os.close(ruleset)
    return abi


# --------------------------------------------------------------------------------------------
# The three steps
# --------------------------------------------------------------------------------------------


def enter(confinement: Confinement, network: bool = False) -> None:
    """In the keeper: the processes it forks from now on live in new namespaces."""
    if not confinement.namespaces:
        return
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | (0 if network else CLONE_NEWNET)
    if confinement.user_namespace:
        uid, gid = os.geteuid(), os.getegid()
        _unshare(CLONE_NEWUSER)
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    _unshare(flags)


def prepare(confinement: Confinement, workdir: Path, network: bool = False) -> None:
    """In init (process 1 of the new namespace): the file system read-only except `workdir`, a
    /proc of its own, a private /dev/shm, a private loopback."""
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # the snippet can't trace or read its init
    if not confinement.namespaces:
        return
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the host
    if confinement.to_nobody:
        _expose((*confinement.readable, str(workdir)))
    _mount(str(workdir), str(workdir), None, MS_BIND)
    _set_read_only("/", True, recursive=True)
    _set_read_only(str(workdir), False, recursive=False)
    if Path("/dev/shm").is_dir():  # POSIX semaphores and shared memory (multiprocessing)
        _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    if confinement.own_proc:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    if not network:
        _loopback_up()
    if confinement.to_nobody:
        nobody = pwd.getpwnam("nobody")
        os.chown(workdir, nobody.pw_uid, nobody.pw_gid)
        with contextlib.suppress(FileNotFoundError):
            os.chown("/dev/shm", nobody.pw_uid, nobody.pw_gid)


def _closed_to_others(path: Path) -> bool:
    mode = path.stat().st_mode
    return not mode & 0o001 or (not path.is_dir() and not mode & 0o004)


def _expose(paths: tuple[str, ...]) -> None:
    """Let `nobody` reach `paths` (Python, the project) where a folder on the way is closed to
    other users (a Python installed under /root, say): that folder is covered, in this mount
    namespace only, by an empty one that holds nothing but `paths`, bound in from the original.
    Whatever else it held (root's home) stays out of reach."""
    covers: dict[Path, list[tuple[Path, int]]] = {}
    for text in paths:
        path = Path(text)
        closed = next((p for p in reversed([path, *path.parents]) if p != path and _closed_to_others(p)), None)
        if closed is not None:
            covers.setdefault(closed, []).append((path, os.open(path, os.O_PATH)))
    for folder, inside in covers.items():
        _mount("tmpfs", str(folder), "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
        for path, fd in inside:
            if path.is_dir() or os.path.isdir(f"/proc/self/fd/{fd}"):
                path.mkdir(parents=True, exist_ok=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
            _mount(f"/proc/self/fd/{fd}", str(path), None, MS_BIND | MS_REC)
            os.close(fd)


def restrict(confinement: Confinement, workdir: Path, limits: Limits, network: bool = False) -> None:
    """In the snippet's own process, before its code runs: no privilege, writes only in
    `workdir`, its limits."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if confinement.to_nobody:
        nobody = pwd.getpwnam("nobody")
        if not confinement.namespaces:
            os.chown(workdir, nobody.pw_uid, nobody.pw_gid)
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)  # drops every capability
    elif confinement.namespaces or os.geteuid() == 0:
        _drop_capabilities()
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if confinement.landlock:
        writable = [str(workdir), os.devnull]
        if confinement.namespaces and Path("/dev/shm").is_dir():
            writable.append("/dev/shm")  # its private one
        _landlock(writable, network)
    data = _vm_data_bytes() + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    size = limits.file_mb * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def _vm_data_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    return 0


# --------------------------------------------------------------------------------------------
# What works here
# --------------------------------------------------------------------------------------------


def _nobody_can_run(paths: list[str]) -> bool:
    """Whether `nobody` can read the Python and the project a snippet needs (not so in a
    project under /root, for one)."""
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return False
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            code = 0 if all(os.access(path, os.R_OK | os.X_OK) for path in paths) else 1
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def probe(scratch: Path, readable: list[str], without: frozenset[str] = frozenset()) -> Confinement:
    """Try every mechanism once, in forked processes (the three steps on an empty folder), and
    return what works. `without`: mechanisms not to use (SNIPPET_SANDBOX_WITHOUT)."""
    root = os.geteuid() == 0
    own = pwd.getpwuid(os.geteuid()).pw_name
    users = ["nobody", "root"] if root and "nobody" not in without else [own]
    abi = 0 if "landlock" in without else landlock_abi()
    readable = tuple(readable)
    refused = ""
    if "namespaces" not in without:
        for user in users:
            for own_proc in (True, False):
                candidate = Confinement(namespaces=True, user_namespace=not root, own_proc=own_proc, landlock=abi,
                                        user=user, to_nobody=root and user == "nobody", readable=readable)
                works, refused = _try(candidate, scratch)
                if works:
                    return candidate
    # No namespaces: as root, `nobody` if it can read what it needs as things are.
    to_nobody = root and "nobody" not in without and _nobody_can_run(list(readable))
    return Confinement(landlock=abi, user="nobody" if to_nobody else own, to_nobody=to_nobody,
                       refused=refused, readable=readable)


def _try(confinement: Confinement, scratch: Path) -> tuple[bool, str]:
    """Run the three steps in throw-away processes: (it worked, else the kernel's refusal)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        message = ""
        try:
            enter(confinement)
            init = os.fork()
            if init == 0:
                try:
                    workdir = scratch / "probe"
                    workdir.mkdir(exist_ok=True)
                    prepare(confinement, workdir)
                    restrict(confinement, workdir, Limits())
                    (workdir / "written").write_text("x")
                    if not all(os.access(path, os.R_OK) for path in confinement.readable):
                        raise OSError(errno.EACCES, f"{confinement.user} cannot read {confinement.readable}")
                    try:
                        Path(scratch / "refused").write_text("x")
                        os._exit(3)  # wrote outside its folder
                    except OSError:
                        pass
                    os._exit(0)
                except BaseException as exc:  # noqa: BLE001 - told to the parent
                    os.write(write_fd, str(exc).encode()[:500])
                    os._exit(2)
            status = os.waitpid(init, 0)[1]
            code = os.waitstatus_to_exitcode(status)
            os._exit(code)
        except BaseException as exc:  # noqa: BLE001
            message = str(exc)
            os.write(write_fd, message.encode()[:500])
            os._exit(2)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as stream:
        refusal = stream.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    with contextlib.suppress(OSError):
        for leftover in (scratch / "probe" / "written", scratch / "refused"):
            leftover.unlink(missing_ok=True)
        (scratch / "probe").rmdir()
    if code == 3:
        refusal = "a write outside the folder was not refused"
    return code == 0, refusal or (f"exit code {code}" if code else "")


def explain_limit(error: str, limits: Limits) -> str:
    """The setting behind an error a limit caused, in words (or "")."""
    if "MemoryError" in error or "bad_alloc" in error or "Cannot allocate memory" in error:
        return f" (it reached the memory limit: SNIPPET_MEMORY_MB={limits.memory_mb})"
    if "BlockingIOError" in error or "Resource temporarily unavailable" in error or f"[Errno {errno.EAGAIN}]" in error:
        return f" (it reached the process limit: SNIPPET_PROCESSES={limits.processes})"
    return ""
