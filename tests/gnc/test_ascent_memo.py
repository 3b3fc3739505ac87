"""The launch's checkpoints: a flight resumed at the parking-orbit insertion, at the relight or at
the separation is bit for bit the flight flown from the pad (the reference: the same flight with
``reuse=False``), an input the ascent reads misses the memo, the plan's fields left out of a key
are not read before its checkpoint, the checkpoints are copies and the memo stays bounded."""
import copy
import dataclasses

import numpy as np
import pytest

from farside.dynamics.launch_vehicle import LaunchVehicle, Stage
from farside.gnc import ascent_memo, launch_ascent, launch_targets
from tests.gnc.test_launch_ascent import CD, MACH, TLI, setup, vehicle

TUNINGS = (1, 2.0)


@pytest.fixture(autouse=True)
def empty_memo():
    ascent_memo.clear()
    yield
    ascent_memo.clear()


def assert_same_bits(a, b):
    """Every field of two flights equal bit for bit (arrays: dtype, shape and bytes; the rest by
    ``repr``, exact for floats and numpy scalars and telling -0.0 from 0.0)."""
    for f in dataclasses.fields(launch_ascent.AscentFlight):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert (x.dtype, x.shape, x.tobytes()) == (y.dtype, y.shape, y.tobytes()), f.name
        else:
            assert repr(x) == repr(y), f.name


def fly(s, plan=None, v=None, **options):
    return launch_ascent.fly(s.fa, s.grav, v or vehicle(), plan or s.plan, s.y0, **options)


KINDS = tuple(ascent_memo.CHECKPOINTS)


@pytest.mark.parametrize("change, resumed_at", [
    (lambda s: {}, "separation"),
    (lambda s: {"coast_s": s.plan.coast_s + 0.05}, "parking"),
    (lambda s: {"injection_target": launch_targets.orbit_target(s.gm_m3_s2, TLI[0] + 1e3, *TLI[1:], s.plane)},
     "relight"),
    (lambda s: {"injection_lead_rad": np.radians(10.0)}, "relight"),
], ids=["same", "coast", "energy", "lead"])
def test_a_resumed_flight_is_the_fresh_flight_bit_for_bit(change, resumed_at):
    s = setup()
    base = fly(s)
    kept = [ascent_memo.size(kind) for kind in KINDS]
    change = change(s)
    plan = dataclasses.replace(s.plan, **change)
    resumed = fly(s, plan)
    # a checkpoint kept for each leg flown after the one resumed from, none before
    after = KINDS.index(resumed_at) + 1
    assert [ascent_memo.size(kind) for kind in KINDS] == [n + (i >= after) for i, n in enumerate(kept)]
    assert_same_bits(resumed, fly(s, plan, reuse=False))
    if change:
        assert resumed.history[:resumed.n_rows].tobytes() != base.history[:base.n_rows].tobytes()


@pytest.mark.parametrize("name", ["azimuth_rad", "kick_rad"])
def test_changing_an_ascent_input_misses_the_memo(name):
    s = setup()
    base = fly(s)
    plan = dataclasses.replace(s.plan, **{name: getattr(s.plan, name) + 1e-5})
    flown = fly(s, plan)
    assert [ascent_memo.size(kind) for kind in KINDS] == [2, 2, 2]
    assert_same_bits(flown, fly(s, plan, reuse=False))
    n = base.breaks[1]         # the gravity turn's start: the pitch-over differs
    assert flown.history[n].tobytes() != base.history[n].tobytes()


def test_the_vehicle_and_the_start_state_miss_the_memo():
    s = setup()
    fly(s, to_parking=True)
    v = vehicle()
    heavier = LaunchVehicle(v.boosters, v.core, v.upper, v.fairing_kg, v.payload_kg + 1.0, MACH, CD, 54.9, 21.2)
    flown = fly(s, v=heavier, to_parking=True)
    assert ascent_memo.size("parking") == 2
    assert_same_bits(flown, fly(s, v=heavier, to_parking=True, reuse=False))
    y0 = s.y0.copy()
    y0[6] += 1.0
    launch_ascent.fly(s.fa, s.grav, vehicle(), s.plan, y0, to_parking=True)
    assert ascent_memo.size("parking") == 3


def _flown_to(s, plan, kind):
    fl = launch_ascent.Flyer(s.fa, s.grav, vehicle(), plan, s.y0)
    for name, leg in launch_ascent.LEGS[:KINDS.index(kind) + 1]:
        leg(fl)
    return fl.out


def test_the_plan_s_fields_left_out_of_a_key_are_not_read_before_its_checkpoint():
    s = setup()
    other = {"coast_s": 2000.0, "injection_target": s.plan.injection_target * 1.5, "injection_lead_rad": 0.2,
             "separation_delay_s": 10.0, "step_coast_s": 1.0}
    assert set(other) == set(ascent_memo.CHECKPOINTS["parking"])
    for kind in ("parking", "relight"):
        base = _flown_to(s, s.plan, kind)
        for name in ascent_memo.CHECKPOINTS[kind]:
            assert_same_bits(_flown_to(s, dataclasses.replace(s.plan, **{name: other[name]}), kind), base)


def _nudged(value):
    if isinstance(value, np.ndarray):
        out = value.copy()
        out.flat[out.size // 2] += 1 if out.dtype.kind in "iu" else max(abs(out.flat[out.size // 2]), 1.0) * 1e-15
        return out
    if isinstance(value, Stage):
        return dataclasses.replace(value, dry_kg=np.nextafter(value.dry_kg, np.inf))
    return 0.1 if value is None else np.nextafter(float(value), np.inf)


def test_every_input_but_the_scratch_and_the_later_fields_is_in_the_keys():
    s = setup()
    v = vehicle()
    keys = ascent_memo.checkpoint_keys(s.fa, s.grav, v, s.plan, s.y0, False, TUNINGS)
    variants = [(s.fa._replace(**{name: _nudged(value)}), s.grav, v, s.y0) for name, value in
                s.fa._asdict().items() if name not in ascent_memo.FLIGHT_SCRATCH]
    variants += [(s.fa, _nudged(s.grav), v, s.y0), (s.fa, s.grav, v, _nudged(s.y0))]
    variants += [(s.fa, s.grav, dataclasses.replace(v, **{f.name: _nudged(getattr(v, f.name))}), s.y0)
                 for f in dataclasses.fields(v)]
    changed = [ascent_memo.checkpoint_keys(fa, grav, vehicle_, s.plan, y0, False, TUNINGS)
               for fa, grav, vehicle_, y0 in variants]
    changed += [ascent_memo.checkpoint_keys(s.fa, s.grav, v, s.plan, s.y0, True, TUNINGS),
                ascent_memo.checkpoint_keys(s.fa, s.grav, v, s.plan, s.y0, False, (1, 2.5))]
    for i in range(len(keys)):
        assert len({k[i] for k in changed} | {keys[i]}) == len(changed) + 1
    for i, after in enumerate(ascent_memo.CHECKPOINTS.values()):
        for f in dataclasses.fields(s.plan):
            plan = dataclasses.replace(s.plan, **{f.name: _nudged(getattr(s.plan, f.name))})
            key = ascent_memo.checkpoint_keys(s.fa, s.grav, v, plan, s.y0, False, TUNINGS)[i]
            assert (key == keys[i]) == (f.name in after), (i, f.name)
    scratch = s.fa._replace(msis_io=s.fa.msis_io + 1.0, msis_count=s.fa.msis_count + 1)
    assert ascent_memo.checkpoint_keys(scratch, s.grav, v, s.plan, s.y0, False, TUNINGS) == keys


def test_a_large_array_written_in_place_changes_its_digest():
    """The digests of large arrays are remembered per array: one written in place is hashed
    again (its bytes compared with the copy hashed), and back to its bytes gives the first
    digest; the flight arrays' space-weather tables are such arrays."""
    s = setup()
    table = s.fa.sw_f107
    assert table.nbytes >= ascent_memo.LARGE_BYTES
    first = ascent_memo.digest(table)
    assert ascent_memo.digest(table) == first
    keys = ascent_memo.checkpoint_keys(s.fa, s.grav, vehicle(), s.plan, s.y0, False, TUNINGS)
    saved = table[100]
    try:
        table[100] = -0.0 if saved == 0.0 else np.nextafter(saved, np.inf)
        assert ascent_memo.digest(table) != first
        assert ascent_memo.checkpoint_keys(s.fa, s.grav, vehicle(), s.plan, s.y0, False, TUNINGS)[0] != keys[0]
    finally:
        table[100] = saved
    assert ascent_memo.digest(table) == first
    assert ascent_memo.digest(table.copy()) == first


def test_the_digest_tells_types_shapes_and_signed_zeros_apart():
    large = ascent_memo.LARGE_BYTES // 8
    values = [np.zeros(4), np.zeros((2, 2)), np.zeros(4, dtype=np.float32), np.zeros(8, dtype=np.int32), 0.0, -0.0,
              0, False, None, "0", b"\0" * 8, (0.0,), [0.0], {"a": 0.0}, {"b": 0.0}, {0: 0.0}, {"0": 0.0},
              np.zeros(large), -np.zeros(large), np.zeros(large, dtype=np.int64), np.zeros((2, large // 2))]
    assert len({ascent_memo.digest(value) for value in values}) == len(values)


def test_a_checkpoint_is_a_copy_and_each_resumption_a_copy_of_it():
    s = setup()
    fl = launch_ascent.Flyer(s.fa, s.grav, vehicle(), s.plan, s.y0)
    launch_ascent.ascend(fl)
    reference = copy.deepcopy(fl.out)
    ascent_memo.keep("parking", b"k", fl, launch_ascent.FLYER_INPUTS)
    fl.y[:] = 0.0
    fl.out.history[:] = 1.0
    fl.out.events.append(("later", 0.0, ""))
    first = ascent_memo.resume("parking", b"k", fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan)
    first.ws[2][:] = np.nan
    first.out.history[0] = np.nan
    first.burned[0] = -1.0
    second = ascent_memo.resume("parking", b"k", fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan)
    assert_same_bits(second.out, reference)
    assert second.fa is s.fa and second.plan is s.plan
    assert not np.isnan(second.ws[2]).any() and second.burned[0] >= 0.0 and second.y[6] > 0.0


def test_the_memo_keeps_the_most_recently_used_checkpoints_only():
    s = setup()
    fl = launch_ascent.Flyer(s.fa, s.grav, vehicle(), s.plan, s.y0)
    for i in range(ascent_memo.MEMO_SIZE):
        ascent_memo.keep("parking", i, fl, launch_ascent.FLYER_INPUTS)
    assert ascent_memo.resume("parking", 0, fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan) is not None
    for i in range(ascent_memo.MEMO_SIZE, 3 * ascent_memo.MEMO_SIZE):
        ascent_memo.keep("parking", i, fl, launch_ascent.FLYER_INPUTS)
        assert ascent_memo.size("parking") <= ascent_memo.MEMO_SIZE
    kept = [i for i in range(3 * ascent_memo.MEMO_SIZE)
            if ascent_memo.resume("parking", i, fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan) is not None]
    assert kept == list(range(2 * ascent_memo.MEMO_SIZE, 3 * ascent_memo.MEMO_SIZE))
    ascent_memo.clear()
    for i in range(ascent_memo.MEMO_SIZE + 1):
        ascent_memo.keep("parking", i, fl, launch_ascent.FLYER_INPUTS)
        if i == ascent_memo.MEMO_SIZE - 1:
            ascent_memo.resume("parking", 0, fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan)
    assert ascent_memo.resume("parking", 0, fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan) is not None
    assert ascent_memo.resume("parking", 1, fa=s.fa, grav=s.grav, vehicle=fl.vehicle, plan=s.plan) is None
