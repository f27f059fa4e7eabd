"""Stored tables: one Parquet file per table in a folder, written atomically, read without running code.

Storage knows nothing of the analysis. It writes named pandas tables, sparse matrices (as
``row, col, value`` tables) and a JSON manifest of plain values into a folder under a temporary
name, then renames the folder in one step: a folder that exists is complete. Reading uses
Parquet and JSON only (no pickle), so a stored file can be wrong but never run code; a missing,
corrupt or older-format folder reads as ``None`` and the caller recomputes.

Columns holding lists or dicts are stored as JSON text (Parquet's nested types would turn a
dict with varying keys into a struct with every key): they come back as the same lists and
dicts. Large tables can be read in part with a DuckDB filter (:meth:`Tables.query`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from scipy import sparse

MANIFEST = "manifest.json"
QUERIED_GROUP = 1 << 16  # rows per row group of a table read in part (``queried``): a filter skips the other groups
_JSON = "json_columns"


class StoredError(RuntimeError):
    """A stored table that cannot be read although its folder is complete (deleted or damaged since)."""


def _nested(column: pd.Series) -> bool:
    if column.dtype != object:
        return False
    first = next((v for v in column if v is not None and not (isinstance(v, float) and np.isnan(v))), None)
    return isinstance(first, dict | list | tuple)


def queried_table(table: pa.Table) -> pa.Table:
    """``table`` as a table read in part is stored: a dictionary column with more values than a row
    group has rows (the term table's vocabulary) as plain values, which Parquet dictionary-encodes per
    row group by itself; kept as a dictionary, every row group would repeat all of it (a 40,000-article
    term table: 2.3 GB against 150 MB, and a filtered read 5 times slower)."""
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type) and any(len(c.dictionary) > QUERIED_GROUP for c in table.column(i).chunks):
            table = table.set_column(i, pa.field(field.name, field.type.value_type), table.column(i).cast(field.type.value_type))
    return table


def _write_frame(path: Path, frame: pd.DataFrame, group: int | None = None) -> list[str]:
    nested = [c for c in frame.columns if _nested(frame[c])]
    if nested:
        frame = frame.assign(**{c: frame[c].map(lambda v: json.dumps(v, ensure_ascii=False, default=_plain))
                                for c in nested})
    # a RangeIndex is kept as metadata, any other index as a column; a category column's dictionary
    # is written whole (past the default page limit a dictionary is dropped and its order lost)
    table = pa.Table.from_pandas(frame)
    pq.write_table(queried_table(table) if group else table, path, dictionary_pagesize_limit=1 << 30, row_group_size=group)
    return nested


def _plain(value):
    """numpy scalars and arrays as JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store a {type(value).__name__} in a table")


def _write_matrix(path: Path, matrix: sparse.spmatrix) -> dict:
    coo = sparse.coo_matrix(matrix)
    table = pa.table({"row": coo.row.astype(np.int32), "col": coo.col.astype(np.int32), "value": coo.data})
    pq.write_table(table, path)
    return {"shape": list(coo.shape), "dtype": str(coo.dtype)}


def write(folder: Path, *, tables: Mapping[str, pd.DataFrame | pd.Series], matrices: Mapping[str, sparse.spmatrix] = {},
          meta: Mapping = {}, streamed: Mapping[str, Callable[[Path], dict]] = {}, queried: Collection[str] = ()) -> None:
    """Write ``tables``, ``matrices`` and ``meta`` (JSON values) as the folder ``folder``, atomically.

    ``queried`` tables are read in part by row number or another sorted column (:meth:`Tables.query`):
    they are written in row groups of ``QUERIED_GROUP`` rows so a filter reads only the groups it
    needs, and a category column with more categories than that as plain values
    (:func:`queried_table`). Not every table: a small dictionary is repeated in each row group too.

    ``streamed`` tables are too large to hold: each function writes its Parquet file to the path
    it is given (batch by batch) and returns its manifest entry (a matrix's has a ``shape``).

    Everything goes into a temporary sibling folder first, renamed to ``folder`` when complete,
    so a killed run leaves no half-written result (an older complete folder is replaced).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".partial-{folder.name}-"))
    try:
        manifest = {"meta": dict(meta), "tables": {}, "matrices": {}}
        for name, frame in tables.items():
            series = isinstance(frame, pd.Series)
            nested = _write_frame(tmp / f"{name}.parquet", frame.to_frame("value") if series else frame,
                                  QUERIED_GROUP if name in queried else None)
            manifest["tables"][name] = {"series": series, _JSON: nested}
        for name, matrix in matrices.items():
            manifest["matrices"][name] = _write_matrix(tmp / f"{name}.parquet", matrix)
        for name, write_file in streamed.items():
            entry = write_file(tmp / f"{name}.parquet")
            manifest["matrices" if "shape" in entry else "tables"][name] = entry
        manifest["sizes"] = {p.stem: p.stat().st_size for p in tmp.glob("*.parquet")}
        (tmp / MANIFEST).write_text(json.dumps(manifest, default=_plain))
        if folder.exists():  # a result recomputed after it was found unreadable
            shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class Tables:
    """A complete stored folder: its manifest now, each table read when first asked for.

    Opening checks each file's size against the manifest and reads its Parquet footer, so a
    truncated or overwritten file is caught before any page relies on it.
    """

    def __init__(self, folder: Path, manifest: dict):
        self.folder, self.meta = folder, manifest["meta"]
        self._tables, self._matrices = manifest["tables"], manifest["matrices"]
        self._lock = threading.Lock()

    @classmethod
    def open(cls, folder: Path, **expected) -> Tables | None:
        """The folder's tables, or None when it is missing, damaged, or its meta differs from
        ``expected`` (an older format: recomputed rather than trusted)."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
            meta = manifest["meta"]
            if any(meta.get(k) != v for k, v in expected.items()):
                return None
            for name, size in manifest["sizes"].items():  # a truncated or replaced file: recompute
                path = folder / f"{name}.parquet"
                if path.stat().st_size != size:
                    return None
                pq.read_metadata(path)
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
            return None
        return cls(folder, manifest)

    def __contains__(self, name: str) -> bool:
        return name in self._tables or name in self._matrices

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def _decode(self, name: str, frame: pd.DataFrame) -> pd.DataFrame | pd.Series:
        spec = self._tables[name]
        for column in spec[_JSON]:
            if column in frame:
                frame[column] = pd.Series([json.loads(v) for v in frame[column].tolist()], index=frame.index, dtype=object)
        return frame["value"] if spec["series"] else frame

    def _arrow(self, name: str, **read) -> pa.Table:
        try:
            return pq.read_table(self._path(name), **read)
        except (OSError, pa.ArrowException) as exc:
            raise StoredError(f"the stored table {self._path(name)} is unreadable ({exc}); "
                              "delete its folder to recompute") from exc

    def table(self, name: str, columns: list[str] | None = None, categories: tuple[str, ...] = ()) -> pd.DataFrame | pd.Series:
        """Table ``name`` whole (or only ``columns``); string ``categories`` columns come as categoricals
        straight from Parquet's dictionary pages (the tone table's outlet and actor of 1.3M rows at
        40,000 articles: read 3x faster and grouped 2.5x faster than strings)."""
        return self._decode(name, self._arrow(name, columns=columns, read_dictionary=list(categories)).to_pandas())

    def arrow(self, name: str) -> pa.Table:
        """Table ``name`` as Arrow, not a Python object made: for a caller that keeps it and takes rows from it."""
        return self._arrow(name)

    def query(self, name: str, where: str, params: list, columns: str = "*") -> pd.DataFrame:
        """Rows of table ``name`` matching the SQL ``where`` (with ``?`` ``params``), read by DuckDB
        from the Parquet file without loading the rest, indexed by their row number in the table
        (the position a table with a default index has)."""
        columns = columns if columns == "*" else f"{columns}, file_row_number"  # * includes it
        sql = f"SELECT {columns} FROM read_parquet(?, file_row_number = true) WHERE {where} ORDER BY file_row_number"
        with duckdb.connect() as con:
            frame = con.execute(sql, [str(self._path(name)), *params]).df()
        return self._decode(name, frame.set_index("file_row_number").rename_axis(None))

    def matrix(self, name: str) -> sparse.csr_matrix:
        """A stored matrix. Written row by row (:func:`write`), its rows are counted into the CSR row
        pointers directly; scipy's general conversion sorts every entry (a third of a second for
        the sentence × term counts of 10,000 articles)."""
        spec = self._matrices[name]
        table = self._arrow(name)
        return _csr(*(table.column(c).to_numpy() for c in ("row", "col", "value")), tuple(spec["shape"]), spec["dtype"])

    def matrix_rows(self, name: str, rows: list[int]) -> sparse.csr_matrix:
        """Distinct ``rows`` of a stored matrix, in that order, read alone: a row group holding none
        of them is skipped by its statistics (Compare reads two outlets' sums, not every outlet's)."""
        spec = self._matrices[name]
        shape = tuple(spec["shape"])
        table = self._arrow(name, filters=[("row", "in", [int(r) for r in rows])])
        position = np.full(shape[0], -1, dtype=np.int64)
        position[rows] = np.arange(len(rows))
        row, col, value = (table.column(c).to_numpy() for c in ("row", "col", "value"))
        order = np.argsort(position[row], kind="stable")  # each row's entries stay in their written order
        return _csr(position[row][order], col[order], value[order], (len(rows), shape[1]), spec["dtype"])


def _csr(row: np.ndarray, col: np.ndarray, value: np.ndarray, shape: tuple[int, int], dtype) -> sparse.csr_matrix:
    """CSR from entries grouped by row (as :func:`write` stores them), its row pointers counted; in any
    other order scipy's conversion sorts them."""
    dtype = np.dtype(dtype)
    if len(row) and ((row[1:] < row[:-1]).any() or row[-1] >= shape[0]):
        return sparse.csr_matrix((value, (row, col)), shape=shape, dtype=dtype)
    index = np.int32 if len(row) < 2**31 else np.int64
    indptr = np.zeros(shape[0] + 1, dtype=index)
    np.cumsum(np.bincount(row, minlength=shape[0]), out=indptr[1:])
    return sparse.csr_matrix((value.astype(dtype, copy=False), col.astype(index, copy=False), indptr), shape=shape)
