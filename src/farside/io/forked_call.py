"""One call run in a forked child process while the caller goes on: the second core of a
two-core machine draws the payloads' files and figures while the first writes the mission's.

    call = ForkedCall(payload_files, result, output)   # starts at once
    ...                                                  # the parent's own work
    value = call.result()                                # the child's return value, or its exception

The child is a ``fork`` of the caller (POSIX ``fork(2)``): it shares the caller's memory as it was
at the call, so its arguments are not copied or pickled, and it returns its value through a pipe
as a pickle. An exception in the child is raised again in the parent with the same class and
attributes (a `farside.errors.ScenarioError` stays one, with its YAML path), so a user's mistake
found in the child reads as one found in the parent. The work runs in the caller instead, with
the same result, where ``fork`` is missing (Windows), on a one-core machine, or when
``FARSIDE_FORK=0``: the arithmetic is the same in either process, so the bits are too.
"""
import os
import pickle
import sys
import traceback

ENV_SWITCH = "FARSIDE_FORK"
"""Set to ``0`` to run every `ForkedCall` in the caller's process."""


def forking() -> bool:
    """Whether a `ForkedCall` runs in a child: ``fork`` exists, the machine has more than one
    CPU for this process and ``FARSIDE_FORK`` is not ``0``."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return hasattr(os, "fork") and cpus > 1 and os.environ.get(ENV_SWITCH, "1") != "0"


class ForkedCall:
    """``fn(*args)`` in a forked child (or inline, see `forking`); `result` waits for it."""

    def __init__(self, fn, *args):
        self._pid = None
        if not forking():
            try:
                self._inline = "value", fn(*args)
            except Exception as error:
                self._inline = "raise", error
            return
        sys.stdout.flush()
        sys.stderr.flush()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(write_fd, fn, args)
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd

    def result(self):
        """The child's return value; its exception raised here; `ChildProcessError` if the child
        died without an answer (killed, out of memory)."""
        if self._pid is None:
            kind, payload = self._inline
        else:
            with os.fdopen(self._read_fd, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            if not data:
                raise ChildProcessError(f"the forked call ended without an answer (wait status {status})")
            kind, payload = pickle.loads(data)
        if kind == "value":
            return payload
        raise payload if kind == "raise" else _rebuilt(payload)

    def cancel(self):
        """Stop a child still running (the parent failed and will not read its answer)."""
        if self._pid is not None:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
            os.close(self._read_fd)
            self._pid = None


def _child(write_fd, fn, args):
    """The child's whole life: call, answer, leave without the parent's exit handlers."""
    code = 0
    try:
        try:
            answer = "value", fn(*args)
        except Exception as error:
            answer = "error", _portable(error)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:
            data = pickle.dumps(("error", _portable(error)))
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _portable(error):
    """``error`` as (class, args, attributes, the child's traceback) when those pickle, else a
    `RuntimeError` carrying the traceback."""
    text = "".join(traceback.format_exception(error))
    parts = (type(error), error.args, dict(vars(error)), text)
    try:
        pickle.dumps(parts)
        return parts
    except Exception:
        return RuntimeError, (f"in the forked call: {text}",), {}, text


def _rebuilt(parts):
    """The child's exception as an instance of its class (built without calling ``__init__``,
    whose arguments need not be ``args``), with the child's traceback as a note."""
    cls, args, attributes, text = parts
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(attributes)
    error.add_note(f"in the forked call:\n{text}")
    return error


def forked_map(fn, items, in_child=None) -> list:
    """``[fn(x) for x in items]`` with every item but the last in a forked child of its own and
    the last in the caller, all at once (`ForkedCall`; inline where `forking` is false).
    ``in_child()`` runs first in each child (to silence what must not be heard twice). The first
    item, in order, whose call raised has its exception raised here; the calls after it are
    cancelled."""
    items = list(items)
    if not items:
        return []
    if in_child is not None and forking():
        def call(x):
            in_child()
            return fn(x)
    else:
        call = fn
    calls = [ForkedCall(call, x) for x in items[:-1]]
    try:
        last = ("value", fn(items[-1]))
    except Exception as error:
        last = ("raise", error)
    values = []
    try:
        for c in calls:
            values.append(c.result())
    finally:
        for c in calls:
            c.cancel()
    if last[0] == "raise":
        raise last[1]
    return values + [last[1]]
