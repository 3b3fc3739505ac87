"""Copy the type-2 Chebyshev segments of a NAIF DAF file (SPK or binary PCK) into arrays.

The file is read once with jplephem's DAF reader; the records are copied out into the packed
layout of :mod:`farside.core.chebyshev`, so that numba kernels evaluate them with no Python call.
"""
from dataclasses import dataclass

import numpy as np
from jplephem.daf import DAF

SPK_TYPE_CHEBYSHEV_POSITION = 2
PCK_TYPE_CHEBYSHEV_ANGLES = 2


@dataclass(frozen=True)
class SegmentTable:
    """Packed segments of one file.

    ``keys[link] = (from, to)``: (centre, target) NAIF ids for SPK, (base frame id, body frame
    class id) for PCK. ``links[link] = (first segment, count)``; ``seg_f``, ``seg_i``, ``coef``
    as in :mod:`farside.core.chebyshev`.
    """
    keys: list
    links: np.ndarray
    seg_f: np.ndarray
    seg_i: np.ndarray
    coef: np.ndarray
    source: str

    def link(self, key) -> int:
        return self.keys.index(key)

    def span_s(self, link: int):
        """(start, end) TDB seconds past J2000 covered by a link."""
        first, count = self.links[link]
        return float(self.seg_f[first, 2]), float(self.seg_f[first + count - 1, 3])


def read_type2_segments(path, kind: str) -> SegmentTable:
    """Read every type-2 segment of an SPK (``kind='spk'``) or binary PCK (``kind='pck'``)."""
    with open(path, "rb") as handle:
        daf = DAF(handle)
        found = []
        for _name, values in daf.summaries():
            if kind == "spk":
                start, end, target, center, _frame, data_type, start_i, end_i = values
                key = (int(center), int(target))
            else:
                start, end, body, frame, data_type, start_i, end_i = values
                key = (int(frame), int(body))
            if int(data_type) != 2:
                raise ValueError(f"{path}: segment {key} has data type {int(data_type)}; "
                                 "farside reads type 2 (Chebyshev) only")
            init, intlen, rsize, n = daf.read_array(int(end_i) - 3, int(end_i))
            records = np.array(daf.map_array(int(start_i), int(end_i) - 4), dtype=np.float64)
            found.append((key, float(start), float(end), float(init), float(intlen), int(rsize),
                          int(n), records))
    found.sort(key=lambda item: (item[0], item[1]))
    keys, links, seg_f, seg_i, chunks = [], [], [], [], []
    offset = 0
    for key, start, end, init, intlen, rsize, n, records in found:
        if not keys or keys[-1] != key:
            keys.append(key)
            links.append([len(seg_f), 0])
        links[-1][1] += 1
        seg_f.append((init, intlen, start, end))
        seg_i.append((offset, rsize, n, (rsize - 2) // 3))
        chunks.append(records)
        offset += records.size
    return SegmentTable(keys=keys, links=np.array(links, dtype=np.int64),
                        seg_f=np.array(seg_f, dtype=np.float64), seg_i=np.array(seg_i, dtype=np.int64),
                        coef=np.concatenate(chunks), source=str(path))
