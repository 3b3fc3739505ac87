"""A small per-process memo of launch flights part-flown: the flight's state at a checkpoint (the
parking-orbit insertion, the relight, the separation) under a digest of every input the flight
up to it reads, so that a flight which differs only after the checkpoint (a differential
corrector's column in the coast or the injection's energy) resumes there instead of flying the
ascent again, and a flight flown before (the corrector's solution, flown once more) is not flown.

A resumed flight is bit for bit the fresh one: the checkpoint holds a deep copy of the whole
flying state (every attribute of the flyer but its inputs, the guidance's and the integrator's
scratch included) and each resumption starts from a fresh deep copy of that, so that nothing
later mutates the memo. The digest (SHA-256) covers every array's dtype, shape and bytes, every
float's bits and every field's name; the memo keeps the ``MEMO_SIZE`` most recently used
checkpoints of each kind (a Monte Carlo campaign's samples, all different, do not grow it),
under a lock (flights on several threads).
"""
import copy
import dataclasses
import hashlib
import threading
from collections import OrderedDict

import numpy as np

MEMO_SIZE = 4
"""Checkpoints kept of each kind: a corrector's iteration needs up to three (at the relight: its
base point's, the column's that changed the ascent and the one's that changed the coast)."""
CHECKPOINTS = {
    "parking": ("coast_s", "step_coast_s", "injection_target", "injection_lead_rad", "separation_delay_s"),
    "relight": ("injection_target", "injection_lead_rad", "separation_delay_s"),
    "separation": (),
}
"""The checkpoints (the parking-orbit insertion, the relight, the spacecraft's separation) and the
ascent plan's fields the flight reads only after each."""
FLIGHT_SCRATCH = ("msis_io", "msis_count")
"""The flight arrays' scratch (written before each read), not inputs."""

LARGE_BYTES = 1 << 16
"""Arrays of 8-byte items of at least this size have their digest remembered (`_large_digest`)."""
LARGE_KEPT = 16
"""Large arrays' digests remembered (the flight arrays of one lift-off have five)."""

_memos: dict = {}
_large: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _large_digest(a) -> bytes:
    """SHA-256 of a large C-contiguous array of 8-byte items, remembered per array object with a
    private copy of the bytes hashed (the array held, so that its id is not reused): hashed again
    when its bytes differ from the copy (compared bit for bit, several times faster than hashing;
    the space-weather tables of the flight arrays, 2.4 MB, are read every flight)."""
    with _lock:
        entry = _large.get(id(a))
    if entry is not None and entry[0] is a and np.array_equal(a.view(np.uint64), entry[1].view(np.uint64)):
        return entry[2]
    kept = a.copy()
    value = hashlib.sha256(kept.data).digest()
    with _lock:
        _large[id(a)] = (a, kept, value)
        _large.move_to_end(id(a))
        while len(_large) > LARGE_KEPT:
            _large.popitem(last=False)
    return value


def _feed(h, value):
    """Feed ``value`` into the hash ``h`` with its type, so that different structures of equal
    bytes differ."""
    if isinstance(value, np.ndarray):
        h.update(f"array {value.dtype.str} {value.shape};".encode())
        large = value.nbytes >= LARGE_BYTES and value.dtype.itemsize == 8 and value.flags.c_contiguous
        h.update(_large_digest(value) if large else np.ascontiguousarray(value).data)
    elif isinstance(value, (bool, int, float, np.floating, np.integer)) and not isinstance(value, np.bool_):
        h.update(f"{type(value).__name__} ".encode() + np.asarray(value).tobytes() + b";")
    elif value is None or isinstance(value, (str, np.bool_)):
        h.update(f"{type(value).__name__} {value!r};".encode())
    elif isinstance(value, bytes):
        h.update(f"bytes {len(value)};".encode() + value)
    elif dataclasses.is_dataclass(value):
        _feed(h, {f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    elif hasattr(value, "_fields"):
        _feed(h, dict(zip(value._fields, value)))
    elif isinstance(value, dict):
        h.update(f"dict {len(value)}(".encode())
        for name, item in value.items():
            h.update(f"{name!r}=".encode())
            _feed(h, item)
        h.update(b")")
    elif isinstance(value, (tuple, list)):
        h.update(f"{type(value).__name__} {len(value)}(".encode())
        for item in value:
            _feed(h, item)
        h.update(b")")
    else:
        raise TypeError(f"no digest for a {type(value).__name__}")


def digest(*inputs) -> bytes:
    """SHA-256 of ``inputs`` (arrays, numbers, strings, bytes, None, dataclasses, named tuples,
    dicts, tuples and lists of those, nested)."""
    h = hashlib.sha256()
    _feed(h, inputs)
    return h.digest()


def checkpoint_keys(fa, grav, vehicle, plan, y0, to_parking, tunings) -> tuple:
    """Digests of every input of a launch flight (:func:`farside.gnc.launch_ascent.fly`) to each of
    the `CHECKPOINTS`, in order: the flight arrays but their scratch, the predictor's gravity, the
    vehicle, the plan's fields but those read only after the checkpoint, the start state, the
    flight's ``tunings`` and ``to_parking``."""
    arrays = {name: value for name, value in fa._asdict().items() if name not in FLIGHT_SCRATCH}
    common = digest(arrays, grav, vehicle, y0, tunings, to_parking)
    plan_fields = [f.name for f in dataclasses.fields(plan)]
    return tuple(digest(common, {name: getattr(plan, name) for name in plan_fields if name not in after})
                 for after in CHECKPOINTS.values())


def _memo(kind) -> OrderedDict:
    return _memos.setdefault(kind, OrderedDict())


def keep(kind, key, flyer, shared):
    """Keep a deep copy of ``flyer``'s state (every attribute but those named in ``shared``, its
    inputs) as the ``kind`` checkpoint of ``key``; the history (``flyer.out.history``) only up
    to the rows used, ``flyer.n``."""
    state = {name: value for name, value in vars(flyer).items() if name not in shared}
    history = flyer.out.history
    state["out"] = dataclasses.replace(flyer.out, history=history[:flyer.n])
    entry = (type(flyer), history.shape, history.dtype, copy.deepcopy(state))
    with _lock:
        memo = _memo(kind)
        memo[key] = entry
        memo.move_to_end(key)
        while len(memo) > MEMO_SIZE:
            memo.popitem(last=False)


def resume(kind, key, **shared):
    """A new flyer in the state of the ``kind`` checkpoint of ``key`` (a deep copy of it) with the
    inputs ``shared``; None when there is none."""
    with _lock:
        memo = _memo(kind)
        if key not in memo:
            return None
        memo.move_to_end(key)
        cls, shape, dtype, kept = memo[key]
    state = copy.deepcopy(kept)
    history = np.zeros(shape, dtype=dtype)
    history[:state["out"].history.shape[0]] = state["out"].history
    state["out"] = dataclasses.replace(state["out"], history=history)
    flyer = cls.__new__(cls)
    vars(flyer).update(state, **shared)
    return flyer


def resume_latest(kinds, keys, **shared):
    """(flyer, 1 + its index) resumed from the last of the checkpoints ``kinds`` of ``keys`` kept
    (see `resume`), or (None, 0)."""
    for i in range(len(kinds) - 1, -1, -1):
        flyer = resume(kinds[i], keys[i], **shared)
        if flyer is not None:
            return flyer, i + 1
    return None, 0


def clear():
    """Forget every checkpoint (and every remembered digest)."""
    with _lock:
        _memos.clear()
        _large.clear()


def size(kind) -> int:
    """Checkpoints of ``kind`` kept."""
    with _lock:
        return len(_memo(kind))
