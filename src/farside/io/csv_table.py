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


def write_csv_lines(path, header, lines):
    """Write ``header`` and data ``lines``, each a row already joined with commas from cells as
    :func:`cell` gives them (numbers need no quoting): the bytes :func:`write_csv` writes for the
    same cells, without a csv-module call per row."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header)
    if lines:
        buffer.write(LINE_END.join(lines))
        buffer.write(LINE_END)
    atomic_write(path, lambda h: h.write(buffer.getvalue()), binary=False)
