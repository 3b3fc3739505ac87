"""CSV tables: a header row and data rows, written atomically (UTF-8, the csv module's dialect)."""
import csv
import io

from farside.io.atomic import atomic_write

LINE_END = "\r\n"
"""The csv module's default line terminator (its ``excel`` dialect)."""


def write_csv(path, header, rows):
    """Write ``header`` and ``rows`` (iterables of cells, formatted by the caller) to ``path``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(path, lambda h: h.write(buffer.getvalue()), binary=False)


def cell(text: str) -> str:
    """``text`` as the csv module writes it in a row of several cells (quoted where it must be)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([text, ""])
    return buffer.getvalue()[:-len("," + LINE_END)]


BLOCK_ROWS = 512
"""Rows formatted by one call in :func:`formatted_rows`."""


def formatted_rows(row: str, columns) -> list:
    """``row % values`` for the values of each row of ``columns`` (lists of one length, one per
    ``%`` field of ``row``), as lines for :func:`write_csv_lines`: blocks of up to ``BLOCK_ROWS``
    rows joined by ``LINE_END``, each block one formatting call (the characters of one call per row)."""
    n, k = (len(columns[0]), len(columns)) if columns else (0, 0)
    flat: list = [None] * (n * k)
    for j, column in enumerate(columns):
        flat[j::k] = column
    block = LINE_END.join([row] * BLOCK_ROWS)
    return [(block if i + BLOCK_ROWS <= n else LINE_END.join([row] * (n - i))) % tuple(flat[i * k:(i + BLOCK_ROWS) * k])
            for i in range(0, n, BLOCK_ROWS)]



def write_csv_lines(path, header, lines):
    """Write ``header`` and data ``lines``, each a row (or rows joined by ``LINE_END``) already
    joined with commas from cells as :func:`cell` gives them (numbers need no quoting): the bytes
    :func:`write_csv` writes for the same cells, without a csv-module call per row."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header)
    if lines:
        buffer.write(LINE_END.join(lines))
        buffer.write(LINE_END)
    atomic_write(path, lambda h: h.write(buffer.getvalue()), binary=False)
