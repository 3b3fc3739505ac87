"""CSV tables: a header row and data rows, written atomically (UTF-8, the csv module's dialect)."""
import csv
import io

from farside.io.atomic import atomic_write


def write_csv(path, header, rows):
    """Write ``header`` and ``rows`` (iterables of cells, formatted by the caller) to ``path``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(path, lambda h: h.write(buffer.getvalue()), binary=False)
