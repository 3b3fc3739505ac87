import numpy as np
import pytest

from farside.io.csv_table import BLOCK_ROWS, formatted_rows, write_csv, write_csv_lines


@pytest.mark.parametrize("n", [0, 1, BLOCK_ROWS, BLOCK_ROWS + 1, 3 * BLOCK_ROWS - 1])
def test_rows_formatted_in_blocks_are_the_bytes_of_the_csv_module(tmp_path, n):
    """Rows formatted a block at a time give the file the csv module writes from the same cells,
    one row at a time, on either side of a block's end."""
    rng = np.random.default_rng(n)
    stamps = [f"2024-06-01T22:{i % 60:02d}:00.000" for i in range(n)]
    values = (rng.normal(size=(n, 3)) * 1e6).T.tolist()
    write_csv_lines(tmp_path / "blocks.csv", ["utc", "center", "x", "y", "z"],
                    formatted_rows("%s,moon,%.6f,%.6f,%.6f", [stamps, *values]))
    write_csv(tmp_path / "rows.csv", ["utc", "center", "x", "y", "z"],
              [[s, "moon", *(f"{v:.6f}" for v in row)] for s, *row in zip(stamps, *values)])
    assert (tmp_path / "blocks.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
