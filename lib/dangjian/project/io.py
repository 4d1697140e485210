"""Atomic output: every file the project writes goes through here.

A write goes to a temporary file in the destination folder and is renamed over the target
only once complete, so an interrupted run never leaves a half-written table or figure and
earlier outputs stay intact.

Names that come from the data (doc_ids, file names) are never paths: :func:`child_path` is the
file a name may be written to, inside its output folder, and :func:`check_output_outside` keeps
output folders out of the inputs. :func:`printable` and :func:`error_line` are what the commands
print about names and problems, with control characters escaped.

Example:
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_text_atomic(target, "党建")
    >>> target.read_text(encoding="utf-8")
    '党建'
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is written: reading a corpus does not need it
    import pandas as pd


def _umask() -> int:
    """The process's file-creation mask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Suffix of the temporary files :func:`atomic_path` writes (``.<target name>.<pid>-<random>.tmp``).
TEMPORARY_SUFFIX = ".tmp"
_TEMPORARY_OWNER = re.compile(r"\.(\d+)-[^.]*\.tmp$")


def is_temporary(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is named like a temporary file of :func:`atomic_path`.

    Example:
        >>> is_temporary("figures/.corpus_cleaning_steps.png.4242-k2x9_a1b.tmp"), is_temporary("figures/a.png")
        (True, False)
    """
    name = Path(path).name
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX) and name.count(".") >= 3


def temporary_owner(path: str | os.PathLike[str]) -> int | None:
    """The id of the process that writes (or wrote) a temporary file, from its name.

    Example:
        >>> temporary_owner(".table.csv.4242-k2x9_a1b.tmp"), temporary_owner(".table.csv.k2x9_a1b.tmp")
        (4242, None)
    """
    match = _TEMPORARY_OWNER.search(Path(path).name)
    return int(match.group(1)) if match else None


def remove_temporaries(folders: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Delete the temporary files that ended processes left under ``folders``; return them.

    A temporary file whose writer is still running (a notebook kernel, another command) is kept.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / ".table.csv.abc123.tmp").write_text("half")
        >>> _ = (folder / f".figure.png.{os.getpid()}-abc123.tmp").write_text("being written")
        >>> _ = (folder / "table.csv").write_text("whole")
        >>> [p.name for p in remove_temporaries([folder])], len(list(folder.iterdir()))
        (['.table.csv.abc123.tmp'], 2)
    """
    import psutil

    removed = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(f".*{TEMPORARY_SUFFIX}")):
            if not (path.is_file() and is_temporary(path)):
                continue
            owner = temporary_owner(path)
            if owner is not None and psutil.pid_exists(owner):
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Use it for writers that want a file name (``DataFrame.to_parquet``, ``fig.savefig``).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=TEMPORARY_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes owner-only files; outputs are shared
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` only if the block succeeds."""
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
        kwargs.setdefault("newline", "")
    with atomic_path(target) as tmp:
        with open(tmp, mode, **kwargs) as handle:
            yield handle


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_bytes(b"x")
        >>> file_digest(p)[:12]
        '2d711642b726'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    with atomic_open(target, "w") as handle:
        handle.write(text)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_open(target, "wb") as handle:
        handle.write(data)


def write_table(frame: pd.DataFrame, target: str | os.PathLike[str], *, sheet_rows: int | None = None) -> Path:
    """Write a table atomically; the format follows the suffix (.parquet, .csv, .xlsx).

    CSV is UTF-8 with a BOM-free header and ``\\n`` line ends, index dropped, so that the same
    table gives the same bytes on every platform. CSV is data and is written as it is: a value such
    as ``=HYPERLINK(...)`` stays that text. In .xlsx every text cell is a text cell, never a formula
    or an error value, whatever it starts with (``=``, ``+``, ``-``, ``@``, ``#N/A``): Excel shows
    it and does not evaluate it (see :func:`excel_cell_text`). A table longer than an Excel sheet
    holds (:data:`EXCEL_SHEET_ROWS` rows under the header, or ``sheet_rows``) continues on the next
    sheet (``Sheet1``, ``Sheet2`` …), each with the header: no row is lost.

    Example:
        >>> import tempfile, zipfile
        >>> import pandas as pd
        >>> target = Path(tempfile.mkdtemp()) / "t.xlsx"
        >>> _ = write_table(pd.DataFrame({"doc_id": ["=1+1"], "n": [2]}), target)
        >>> book = zipfile.ZipFile(target)
        >>> sheet, strings = (book.read(f"xl/{name}.xml").decode() for name in ("worksheets/sheet1", "sharedStrings"))
        >>> "<f>" in sheet, "<t>=1+1</t>" in strings, "<v>2</v>" in sheet
        (False, True, True)
        >>> _ = write_table(pd.DataFrame({"n": range(5)}), target, sheet_rows=2)
        >>> [len(sheet) for sheet in pd.read_excel(target, sheet_name=None).values()]
        [2, 2, 1]
    """
    target = Path(target)
    suffix = target.suffix.lower()
    with atomic_path(target) as tmp:
        if suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        elif suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
        elif suffix == ".xlsx":
            _write_excel(frame, tmp, EXCEL_SHEET_ROWS if sheet_rows is None else min(sheet_rows, EXCEL_SHEET_ROWS))
        else:
            raise ValueError(f"{target}: unsupported table format {suffix!r} (use .parquet, .csv or .xlsx)")
    return target


#: Fixed creation/modification time stamped into Excel files, so equal tables give equal bytes.
_EXCEL_TIMESTAMP = "2000-01-01T00:00:00"


#: Characters an .xlsx cannot hold (XML 1.0 forbids them), and the carriage return, which a cell
#: holds only escaped (``_x000D_``, which readers such as openpyxl give back as written).
_EXCEL_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0d\x0e-\x1f]")


#: Most characters an Excel cell holds; a longer text is cut, ending in … (Excel cannot show more).
EXCEL_CELL_CHARS = 32_767


def excel_cell_text(text: str) -> str:
    """``text`` as an .xlsx cell can hold it: a form feed or vertical tab (page breaks of text
    taken from a PDF) and a carriage return become a line break, another control character U+FFFD;
    a text over :data:`EXCEL_CELL_CHARS` characters is cut, ending in ``…`` (the CSV, Parquet and
    Stata files keep it whole).

    Example:
        >>> excel_cell_text("第一页\\x0c第二页\\x01\\r\\n第三页\\r")
        '第一页\\n第二页�\\n第三页\\n'
    """
    text = _EXCEL_ILLEGAL.sub(lambda found: "\n" if found.group() in "\x0b\x0c\r" else "\ufffd", text.replace("\r\n", "\n"))
    return text if len(text) <= EXCEL_CELL_CHARS else text[: EXCEL_CELL_CHARS - 1] + "…"


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`excel_cell_text` applied to its text values and column names, where needed."""
    import pandas as pd

    def illegal(value: object) -> bool:
        return isinstance(value, str) and (len(value) > EXCEL_CELL_CHARS or _EXCEL_ILLEGAL.search(value) is not None)

    def fix(value: object) -> object:
        return excel_cell_text(value) if illegal(value) else value

    needs = [
        column for column in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[column]) and frame[column].map(illegal).any()
    ]
    if not needs and not any(map(illegal, frame.columns)):
        return frame
    fixed = frame.copy()
    for column in needs:
        fixed[column] = fixed[column].map(fix)
    fixed.columns = [fix(column) for column in frame.columns]
    return fixed


def _write_excel(frame: pd.DataFrame, path: Path, sheet_rows: int) -> None:
    """Write an .xlsx whose bytes depend on the table only (a fixed creation time, XlsxWriter's
    fixed zip dates), every text value a text cell: no formula made of text starting with ``=``,
    no link, no number made of digits in text; ``sheet_rows`` rows a sheet at most
    (:func:`_sheet_parts`).

    The file is the one :meth:`pandas.DataFrame.to_excel` writes with XlsxWriter, byte for byte
    (``tests/test_io.py`` checks it), without pandas's cell-by-cell formatting and without holding
    every cell: :func:`_excel_sheet_cells` converts each distinct value of a column once and gives
    XlsxWriter each row as it writes it (the exports of a 100 MB corpus went from 366 to 147 s of
    CPU time, 1.9 to 1.2 GB at peak). A table the fast way does not cover (a column of dates, of
    mixed types, more columns than a sheet holds) is written by pandas (:func:`_write_excel_pandas`).
    """
    import xlsxwriter

    parts = _sheet_parts(frame, sheet_rows)
    if not (_excel_fast(frame) and _xlsxwriter_rows()):
        return _write_excel_pandas(_excel_safe(frame), path, parts)
    book = xlsxwriter.Workbook(str(path), _EXCEL_OPTIONS)
    book.set_properties({"created": _excel_created()})
    for number, (start, stop) in enumerate(parts, start=1):
        sheet = book.add_worksheet(f"Sheet{number}")
        cells = _excel_sheet_cells(frame.iloc[start:stop], sheet.str_table, sheet.xls_strmax)
        sheet.table = cells
        sheet.dim_rowmin, sheet.dim_rowmax, sheet.dim_colmin, sheet.dim_colmax = cells.dimensions()
        if not (sheet.row_info or sheet.comments or sheet.col_info) and sheet.default_row_height == sheet.original_row_height:
            sheet._write_rows = functools.partial(_write_sheet_rows, sheet, cells)  # a plain sheet: its rows as XlsxWriter writes them
    book.close()


#: Rows of a table an Excel sheet holds under its header row (1,048,576 rows in all).
EXCEL_SHEET_ROWS = 1_048_575


def _sheet_parts(frame: pd.DataFrame, sheet_rows: int) -> list[tuple[int, int]]:
    """The rows (start, stop) of ``frame`` on each sheet: ``sheet_rows`` at most, one sheet for an
    empty table.

    Example:
        >>> import pandas as pd
        >>> _sheet_parts(pd.DataFrame({"a": range(5)}), 2), _sheet_parts(pd.DataFrame({"a": []}), 2)
        ([(0, 2), (2, 4), (4, 5)], [(0, 0)])
    """
    if sheet_rows < 1:
        raise ValueError(f"sheet_rows must be at least 1, not {sheet_rows}")
    return [(start, min(start + sheet_rows, len(frame))) for start in range(0, max(len(frame), 1), sheet_rows)]


def _write_sheet_rows(sheet, cells: _ExcelCells) -> None:
    """Write the ``<row>`` elements of a plain sheet (no row or column formats, no comments, the
    default row height, cells without formats) into ``sheet``'s XML: the text XlsxWriter's own
    ``_write_rows`` writes, made from one piece of XML per distinct cell of each column instead of
    attribute lists built and escaped cell by cell (the exports of a 100 MB corpus, whose indicator
    sheet has 11.6 million cells, took 68.8 s that way and 38.5 s this way).

    Each row carries the ``spans`` of its block of 16 rows (the first and last column holding a cell,
    counted from 1); a cell is ``<c r="B7" t="s"><v>3</v></c>`` for a shared string,
    ``<c r="B7"><v>2.5</v></c>`` for a number (``%.16G``), ``<c r="B7" t="b"><v>1</v></c>`` for a
    boolean.
    """
    import numpy as np
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import CellBooleanTuple, CellNumberTuple, CellStringTuple

    def piece(cell) -> str:
        if cell.__class__ is CellStringTuple and cell.format is None:
            return f' t="s"><v>{cell.string}</v></c>'
        if cell.__class__ is CellNumberTuple and cell.format is None:
            return f"><v>{cell.number:.16G}</v></c>"
        if cell.__class__ is CellBooleanTuple and cell.format is None:
            return f' t="b"><v>{cell.boolean}</v></c>'
        raise TypeError(f"a sheet cell of another kind: {cell!r}")

    codes = cells._codes
    pieces = [[piece(cell) if cell is not None else "" for cell in column] for column in cells._distinct]
    names = [xl_col_to_name(column) for column in range(codes.shape[1])]
    present = codes >= 0
    blocks = -(-len(codes) // 16)
    padded = np.zeros((blocks * 16, codes.shape[1]), dtype=bool)
    padded[: len(codes)] = present
    used = padded.reshape(blocks, 16, codes.shape[1]).any(axis=1)
    spans = [f"{columns[0] + 1}:{columns[-1] + 1}" if len(columns) else None for columns in map(np.flatnonzero, used)]
    write = sheet.fh.write
    for row in np.flatnonzero(present.any(axis=1)).tolist():
        number = row + 1
        line = [f'<row r="{number}" spans="{spans[row // 16]}">']
        line += [f'<c r="{names[column]}{number}"{pieces[column][code]}'
                 for column, code in enumerate(codes[row].tolist()) if code >= 0]
        line.append("</row>")
        write("".join(line))


#: Options of the XlsxWriter workbook: text stays text.
_EXCEL_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def _excel_created():
    """The fixed creation time of an Excel file, as a datetime."""
    import datetime

    return datetime.datetime.fromisoformat(_EXCEL_TIMESTAMP)


def _write_excel_pandas(frame: pd.DataFrame, path: Path, parts: list[tuple[int, int]]) -> None:
    """Write ``frame`` (already :func:`_excel_safe`) with :meth:`pandas.DataFrame.to_excel` and
    XlsxWriter, a fixed creation time, the rows of ``parts`` on a sheet each: the reference
    :func:`_write_excel` gives the bytes of."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="xlsxwriter", engine_kwargs={"options": _EXCEL_OPTIONS}) as writer:
        writer.book.set_properties({"created": _excel_created()})
        for number, (start, stop) in enumerate(parts, start=1):
            frame.iloc[start:stop].to_excel(writer, index=False, sheet_name=f"Sheet{number}")


def _xlsxwriter_rows() -> bool:
    """Whether the installed XlsxWriter has the cell types :func:`_excel_sheet_cells` fills its
    worksheet table with and the UTF-16 cut it applies; without them pandas writes the file.

    Example:
        >>> _xlsxwriter_rows()
        True
    """
    try:
        from xlsxwriter.utility import _utf16_len, _utf16_truncate  # noqa: F401
        from xlsxwriter.worksheet import CellBooleanTuple, CellNumberTuple, CellStringTuple  # noqa: F401
    except ImportError:
        return False
    return True


#: Columns of an Excel sheet.
_EXCEL_COLUMNS = 16_384


def _excel_fast(frame: pd.DataFrame) -> bool:
    """Whether :func:`_excel_sheet_cells` covers ``frame``: plain column names (text or numbers),
    columns of numbers or booleans (NumPy types) or of text, missing values and no other type,
    and no more columns than a sheet holds (rows go on to the next sheet: :func:`_sheet_parts`).

    Example:
        >>> import pandas as pd
        >>> _excel_fast(pd.DataFrame({"a": ["x", None], "b": [1.5, float("nan")]}))
        True
        >>> _excel_fast(pd.DataFrame({"a": ["x", 1]})), _excel_fast(pd.DataFrame({"d": pd.to_datetime(["2024-01-01"])}))
        (False, False)
    """
    import numpy as np
    import pandas as pd

    if frame.shape[1] > _EXCEL_COLUMNS or isinstance(frame.columns, pd.MultiIndex):
        return False
    if pd.api.types.infer_dtype(frame.columns, skipna=False) not in ("string", "integer", "floating", "mixed-integer-float", "empty"):
        return False
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biuf":
            continue
        if column.dtype.kind not in "OU" and not isinstance(column.dtype, pd.StringDtype):
            return False
        if pd.api.types.infer_dtype(column, skipna=True) not in ("string", "empty"):
            return False
    return True


def _excel_token(value: object) -> object:
    """What pandas writes in the Excel cell of ``value``: ``""`` (no cell) for a missing value,
    ``inf``/``-inf`` as text, an int, float or bool as Python's, a text made :func:`excel_cell_text`.

    Example:
        >>> _excel_token(float("nan")), _excel_token(float("-inf")), _excel_token(2.0), _excel_token("a\\x01")
        ('', '-inf', 2.0, 'a�')
    """
    import math

    import numpy as np

    if value is None or (isinstance(value, (float, np.floating)) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return ("-inf" if value < 0 else "inf") if math.isinf(value) else float(value)
    text = str(value)
    return excel_cell_text(text) if len(text) > EXCEL_CELL_CHARS or _EXCEL_ILLEGAL.search(text) else text


class _ExcelCells(dict):
    """The cells of a sheet, row by row, as XlsxWriter's worksheet table (``row -> {column:
    cell}``) holds them; a row's cells are made when XlsxWriter asks for them, from one code per
    cell (the index of the cell in its column's distinct cells, -1 for none), and only the row
    being written is kept.

    Example:
        >>> import numpy as np
        >>> cells = _ExcelCells(np.array([[0, 0], [-1, 1]]), [["a"], ["b", "c"]])
        >>> cells[1], 1 in cells, 2 in cells, cells[2], cells.dimensions()
        ({1: 'c'}, True, False, {}, (0, 1, 0, 1))
    """

    def __init__(self, codes, distinct: list[list]):
        super().__init__()
        self._codes = codes
        self._distinct = distinct
        self._rows = (codes >= 0).any(axis=1)

    def __missing__(self, row: int) -> dict:
        self.clear()  # XlsxWriter asks for a row once per column, row after row
        if not 0 <= row < len(self._codes):
            return {}
        distinct = self._distinct
        cells = self[row] = {
            column: distinct[column][code] for column, code in enumerate(self._codes[row].tolist()) if code >= 0
        }
        return cells

    def get(self, row: int, default=None):
        return self[row] if row in self else default

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int) and 0 <= row < len(self._rows) and bool(self._rows[row])

    def __len__(self) -> int:
        return int(self._rows.sum())

    def dimensions(self) -> tuple:
        """First and last row, first and last column holding a cell (all ``None`` for none)."""
        import numpy as np

        rows = np.flatnonzero(self._rows)
        columns = np.flatnonzero((self._codes >= 0).any(axis=0))
        if not len(rows):
            return None, None, None, None
        return int(rows[0]), int(rows[-1]), int(columns[0]), int(columns[-1])


def _excel_sheet_cells(frame: pd.DataFrame, strings, longest: int) -> _ExcelCells:
    """The cells of the sheet pandas writes for ``frame`` (:func:`_excel_fast`): the header row,
    then one row per row of ``frame``, each text entered in ``strings`` (XlsxWriter's shared
    strings) in the order pandas enters them, header first, then column by column, and cut as
    XlsxWriter cuts a text over ``longest`` UTF-16 units.

    Each distinct value of a column is converted once (:func:`_excel_token`).
    """
    import numpy as np
    import pandas as pd
    from xlsxwriter.utility import _utf16_len, _utf16_truncate
    from xlsxwriter.worksheet import CellBooleanTuple, CellNumberTuple, CellStringTuple

    def cell(token):
        if token.__class__ is str:
            if token == "":
                return None
            if len(token) > longest // 2 and _utf16_len(token) > longest:
                token = _utf16_truncate(token, longest)
            return CellStringTuple(strings._get_shared_string_index(token), None)
        if token.__class__ is bool:
            return CellBooleanTuple(1 if token else 0, None)  # as XlsxWriter stores it
        return CellNumberTuple(token, None)

    def column_cells(keys, values) -> tuple:
        codes, uniques = pd.factorize(keys, use_na_sentinel=True)
        made = [cell(_excel_token(value)) for value in values(uniques)]
        strings_made = sum(1 for c in made if c is not None and c.__class__ is CellStringTuple)
        keep = np.array([c is not None for c in made] + [False], dtype=bool)
        texts = np.array([c is not None and c.__class__ is CellStringTuple for c in made] + [False], dtype=bool)
        strings.count += int(texts[codes].sum()) - strings_made  # one count per text cell, as XlsxWriter keeps it
        codes = np.where(keep[codes], codes, -1)
        return codes, made

    rows, width = len(frame), frame.shape[1]
    codes = np.empty((rows + 1, width), dtype=np.int32)
    distinct: list[list] = []
    for position, name in enumerate(frame.columns):
        header = cell(_excel_token(name))
        codes[0, position] = 0 if header is not None else -1
        distinct.append([header])
    for position in range(width):
        column = frame.iloc[:, position]
        if column.dtype.kind == "f":
            bits = column.to_numpy(dtype=np.float64).view(np.int64)  # -0.0 and 0.0 kept apart
            found, made = column_cells(bits, lambda uniques: np.asarray(uniques, dtype=np.int64).view(np.float64).tolist())
        elif column.dtype.kind in "biu":
            found, made = column_cells(column.to_numpy(), lambda uniques: np.asarray(uniques).tolist())
        else:
            found, made = column_cells(column.to_numpy(dtype=object), list)
        offset = len(distinct[position])
        codes[1:, position] = np.where(found >= 0, found + offset, -1)
        distinct[position] += made
    return _ExcelCells(codes, distinct)


# --------------------------------------------------------------------------- names from data

#: Longest name, in UTF-8 bytes, a name from the data may have: ``<name>.txt`` and the temporary
#: file :func:`atomic_path` writes beside it (``.<name>.txt.<pid>-<random>.tmp``) stay under the
#: 255-byte limit file systems put on a name.
MAX_NAME_BYTES = 200
#: Longest name in a path, in bytes of UTF-8 (what common file systems allow: a longer one
#: cannot name a file or folder).
MAX_FILE_PART_BYTES = 255
#: Device names Windows reserves whatever the suffix (``CON.txt`` is the console, not a file).
WINDOWS_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{stem}{n}" for stem in ("COM", "LPT") for n in range(1, 10)}
)
#: Characters Windows does not allow in a file name (``:`` would name an alternate data stream).
WINDOWS_FORBIDDEN_CHARACTERS = '<>:"|?*'
#: Unicode categories that are not visible text: controls, format characters (bidirectional
#: overrides, zero-width characters), surrogates (undecodable bytes of a file name), private use,
#: unassigned, and the line and paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def name_problem(name: str) -> str:
    """Why ``name`` (a doc_id, a file name from a table) cannot be one file name inside a folder;
    ``""`` when it can.

    A name is plain: no ``/`` or ``\\``, not starting with ``.`` (no ``..``, no hidden file), no
    control or other invisible character, at most :data:`MAX_NAME_BYTES` bytes in UTF-8, no
    character Windows forbids and not a Windows device name.

    Example:
        >>> name_problem("平凉 2024 综述"), name_problem("../../raw/town-speech")
        ('', "contains '/' (a path, not a name)")
        >>> name_problem("con"), name_problem("a\\x1b[31m")
        ("is a device name on Windows ('CON')", "contains the invisible character '\\\\x1b'")
    """
    if not name:
        return "is empty"
    for separator in ("/", "\\"):
        if separator in name:
            return f"contains {separator!r} (a path, not a name)"
    if name.startswith("."):
        return "starts with '.' (a hidden or parent-folder name)"
    invisible = first_invisible(name)
    if invisible is not None:
        return f"contains the invisible character '{_escape(invisible)}'"
    forbidden = next((ch for ch in name if ch in WINDOWS_FORBIDDEN_CHARACTERS), None)
    if forbidden is not None:
        return f"contains {forbidden!r}, which Windows does not allow in a file name"
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return f"is {size} bytes long in UTF-8; at most {MAX_NAME_BYTES} are allowed"
    device = name.split(".")[0].rstrip(" ").upper()
    if device in WINDOWS_RESERVED_NAMES:
        return f"is a device name on Windows ({device!r})"
    return ""


def first_invisible(text: str) -> str | None:
    """The first character of ``text`` that is not visible text (a control or format character,
    a surrogate, a private-use or unassigned code point, a line separator), or ``None``.

    Example:
        >>> first_invisible("报告\u202egpj.txt"), first_invisible("报告.txt")
        ('\u202e', None)
    """
    return next((ch for ch in text if unicodedata.category(ch) in _INVISIBLE_CATEGORIES), None)


class UnsafePathError(ValueError):
    """An output path that would leave its folder or land among the inputs; names the path."""

    def __init__(self, path: str | os.PathLike[str], problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # raised in a worker process, it reaches the caller whole
        return (type(self), (self.path, self.problem))


def child_path(folder: str | os.PathLike[str], name: str, suffix: str = "") -> Path:
    """``folder/<name><suffix>``, the file a name from the data is written to; raise
    :class:`UnsafePathError` unless ``name`` is a plain name (:func:`name_problem`) and the file
    lies directly in ``folder`` once both are resolved.

    Example:
        >>> child_path("out/clean", "town-speech", ".txt").as_posix()
        'out/clean/town-speech.txt'
        >>> child_path("out/clean", "../../../raw/town-speech", ".txt")
        Traceback (most recent call last):
        ...
        dangjian.project.io.UnsafePathError: out/clean: will not write '../../../raw/town-speech.txt': the name contains '/' (a path, not a name)
    """
    problem = name_problem(name) or name_problem(f"{name}{suffix}")
    if problem:
        raise UnsafePathError(folder, f"will not write {name + suffix!r}: the name {problem}")
    base = Path(folder).resolve()
    if Path(os.path.normpath(base / f"{name}{suffix}")).parent != base:
        raise UnsafePathError(folder, f"will not write {name + suffix!r}: it is not a file directly inside the folder")
    return Path(folder) / f"{name}{suffix}"


def check_output_outside(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]], what: str = "output folder") -> None:
    """Raise :class:`UnsafePathError` when ``output`` is an input folder or lies inside one (a
    corpus folder, whose ``metadata.csv`` may list files in subfolders), or is the folder of an
    input file (where the file's clean text, named like it, would replace it).

    Both sides are resolved (symbolic links followed, ``..`` removed) before they are compared;
    inputs that do not exist are left to the reader to report.

    Example:
        >>> import tempfile, pathlib
        >>> raw = pathlib.Path(tempfile.mkdtemp()) / "raw"
        >>> raw.mkdir()
        >>> check_output_outside(raw.parent / "clean", [raw])
        >>> check_output_outside(raw / ".." / "raw" / "clean", [raw])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.project.io.UnsafePathError: ...: the output folder is inside the input folder .../raw; write outputs outside the inputs (e.g. under data/processed/)
    """
    resolved = Path(output).resolve()
    for given in map(Path, inputs):
        if given.is_dir():
            folder = given.resolve()
            inside = resolved.is_relative_to(folder)
        elif given.exists():
            folder = given.resolve().parent
            inside = resolved == folder
        else:
            continue
        if inside:
            place = "is" if resolved == folder else "is inside"
            raise UnsafePathError(
                output, f"the {what} {place} the input folder {folder}; write outputs outside the inputs (e.g. under data/processed/)"
            )


def check_output_file(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`UnsafePathError` when an output file (a table) would lie inside an input
    corpus folder or replace an input file; beside input files given one by one it may lie.

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.txt").write_text("党建", encoding="utf-8")
        >>> check_output_file(folder / "table.csv", [folder / "a.txt"])
        >>> check_output_file(folder / "a.txt", [folder / "a.txt"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        dangjian.project.io.UnsafePathError: .../a.txt: is an input file; write the table elsewhere
    """
    given = [Path(path) for path in inputs]
    check_output_outside(output, [path for path in given if path.is_dir()], what="output table")
    resolved = Path(output).resolve()
    if any(path.is_file() and path.resolve() == resolved for path in given):
        raise UnsafePathError(output, "is an input file; write the table elsewhere")


# --------------------------------------------------------------------------- terminal output


def _escape(ch: str) -> str:
    return ch.encode("unicode_escape").decode("ascii")


def _escape_text(text: str) -> str:
    return "".join(_escape(ch) if unicodedata.category(ch) in _INVISIBLE_CATEGORIES else ch for ch in text)


def printable(text: object) -> str:
    """``text`` safe to print on a terminal: control characters (ANSI escape sequences, ``\\r``,
    line breaks), bidirectional overrides, zero-width characters and the undecodable bytes of a
    file name are shown as escapes (``\\x1b``, ``\\u202e``) instead of acting on the terminal.

    Example:
        >>> printable("evil\\x1b[31mRED\\rX.txt: 报告\\u202e")
        'evil\\\\x1b[31mRED\\\\rX.txt: 报告\\\\u202e'
    """
    return _escape_text(str(text))


def error_line(command: str, error: BaseException) -> str:
    """The one line a command prints for an expected error: ``dangjian <command>: <file>: <problem>``,
    printable (:func:`printable`).

    Example:
        >>> error_line("clean", PermissionError(13, "Permission denied", "out/a.txt"))
        'dangjian clean: out/a.txt: Permission denied'
    """
    if isinstance(error, OSError) and error.filename is not None:
        detail = f"{os.fsdecode(error.filename)}: {error.strerror or error}"
        if error.filename2 is not None:
            detail += f" ({os.fsdecode(error.filename2)})"
    else:
        detail = str(error) or type(error).__name__
    return printable(f"dangjian {command}: {detail}")
