"""Frame dimensions: each outlet's share of sentences that cue each generic frame.

The frames are the 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), with cue
terms written from its definitions (``dashboard/lexicons/frames.yaml``). A sentence cues a frame
when it holds one of the frame's terms, matched as topic terms are; this is a lexicon count, not
a trained frame classifier, so it shows where outlets' vocabulary leans, and every share links to
its sentences. Shares carry Wilson 95% intervals, as topic shares do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from dashboard.analysis.distinct import distinct
from dashboard.analysis.evidence import COLUMNS
from dashboard.analysis.stats import wilson_interval
from dashboard.lexicons import LEXICON_DIR, Lexicon, LexiconError, Topic
from dashboard.scanner import Scanner

FRAMES_FILE = LEXICON_DIR / "frames.yaml"
FRAME_COLUMNS = ["outlet", "frame", "label", "cue_sentences", "sentences", "share", "share_low", "share_high", "cues"]
_BATCH = 20_000  # sentences scanned as one text: one regex pass per batch, not per sentence
_SEP = "\x00"  # between sentences: no term's pattern crosses it (not a word character, not whitespace)


@dataclass(frozen=True)
class Frame:
    id: str
    label: str
    definition: str
    terms: tuple[str, ...]
    residual: bool = False  # the codebook's "other": sentences cueing no other frame


def parse_frames(text: str) -> tuple[Frame, ...]:
    """Frames from the text of a frames file (a top-level ``frames:`` list)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"frames file is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list):
        raise LexiconError("frames.yaml: expected a top-level 'frames:' list")
    frames = []
    for n, e in enumerate(data["frames"], start=1):
        if not isinstance(e, dict) or not e.get("id"):
            raise LexiconError(f"frames.yaml: entry {n} needs an id")
        frames.append(Frame(str(e["id"]), str(e.get("label") or e["id"]), str(e.get("definition") or ""),
                            tuple(str(t) for t in e.get("terms") or []), bool(e.get("residual"))))
    return tuple(frames)


def default_frames(path: Path = FRAMES_FILE) -> tuple[Frame, ...]:
    """The shipped frames (``dashboard/lexicons/frames.yaml``)."""
    return parse_frames(path.read_text(encoding="utf-8"))


def frame_cues(sentences: pd.DataFrame, frames: tuple[Frame, ...]) -> pd.DataFrame:
    """One row per cue term found: ``row`` (sentence row), ``frame``, ``start``/``end`` within the
    sentence and the ``text`` matched. Residual frames have no rows here."""
    lexicon = Lexicon((), tuple(Topic(f.id, f.label, f.terms) for f in frames if f.terms and not f.residual))
    if not lexicon.topics:
        return pd.DataFrame(columns=["row", "frame", "start", "end", "text"])
    scanner = Scanner(lexicon)
    parts = []
    index = sentences.index.to_numpy()
    for at in range(0, len(sentences), _BATCH):
        chunk = sentences["text"].iloc[at:at + _BATCH].astype(str).tolist()
        offsets = np.cumsum([0] + [len(t) + 1 for t in chunk])
        found = scanner.scan(_SEP.join(chunk))
        starts = np.fromiter((m[2] for m in found), dtype=np.int64, count=len(found))
        i = np.searchsorted(offsets, starts, side="right") - 1
        parts.append(pd.DataFrame({"row": index[at + i], "frame": [m[1] for m in found], "start": starts - offsets[i],
                                   "end": np.fromiter((m[3] for m in found), dtype=np.int64, count=len(found)) - offsets[i],
                                   "text": [m[4] for m in found]}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["row", "frame", "start", "end", "text"])


def frame_table(sentences: pd.DataFrame, cues: pd.DataFrame, frames: tuple[Frame, ...], *,
                groups: dict[str, str] | None = None) -> pd.DataFrame:
    """Outlet (or, with ``groups`` mapping outlet -> group, group) × frame: sentences cueing the frame,
    all sentences, their share with a Wilson 95% interval, and cue matches (zeros kept). Counted on
    integer codes (a 40,000-article corpus has 2M sentences and 1.2M cues)."""
    unit = sentences["outlet"]
    if groups is not None:
        unit = unit.map(groups)
    codes, order = pd.factorize(unit)  # units in order of first appearance; an unmapped outlet is -1
    order = list(order)
    ids, n_frames = [f.id for f in frames], len(frames)
    totals = np.bincount(codes[codes >= 0], minlength=len(order))
    at = _positions(sentences.index, cues["row"].to_numpy(np.int64))
    frame_at, names = pd.factorize(cues["frame"])
    frame_code = pd.Index(ids).get_indexer(names)[frame_at] if len(cues) else np.zeros(0, np.int64)
    cue_unit = codes[at]
    keep = (cue_unit >= 0) & (frame_code >= 0)
    key = cue_unit[keep].astype(np.int64) * n_frames + frame_code[keep]
    hits = np.bincount(key, minlength=len(order) * n_frames).reshape(len(order), n_frames)
    pairs = distinct(at[keep].astype(np.int64) * n_frames + frame_code[keep])  # a sentence cueing a frame twice counts once
    cued = np.bincount(codes[pairs // n_frames].astype(np.int64) * n_frames + pairs % n_frames,
                       minlength=len(order) * n_frames).reshape(len(order), n_frames)
    cueing = distinct(at[cue_unit >= 0])
    residual = totals - np.bincount(codes[cueing], minlength=len(order))
    for k, f in enumerate(frames):
        if f.residual:
            cued[:, k], hits[:, k] = residual, 0
    table = pd.DataFrame({"outlet": np.repeat(np.asarray(order, dtype=object), n_frames), "frame": np.tile(ids, len(order)),
                          "label": np.tile([f.label for f in frames], len(order)),
                          "cue_sentences": cued.ravel().astype(int),
                          "sentences": np.repeat(totals, n_frames).astype(int), "cues": hits.ravel().astype(int)})
    table["share"] = table["cue_sentences"] / table["sentences"].clip(lower=1)
    table["share_low"], table["share_high"] = wilson_interval(table["cue_sentences"], table["sentences"])
    return table[FRAME_COLUMNS]


def _positions(index: pd.Index, rows: np.ndarray) -> np.ndarray:
    """Positions of sentence rows (each one of ``index``'s) in ``index``: a sort search when the
    index is ordered, as a corpus's and a cut's are, not a hash table of millions of rows."""
    if index.is_monotonic_increasing:
        return np.searchsorted(index.to_numpy(), rows)
    return index.get_indexer(rows)


def frame_evidence(sentences: pd.DataFrame, articles: pd.DataFrame, cues: pd.DataFrame, frame: Frame,
                   outlets: list[str]) -> pd.DataFrame:
    """The sentences behind one frame share (the cue terms highlighted), as evidence rows; for the
    residual frame, the outlets' sentences that cue no frame."""
    mine = sentences[sentences["outlet"].isin(outlets)]
    if frame.residual:
        picked = mine[~mine.index.isin(set(cues["row"]))]
        spans = pd.Series([[] for _ in range(len(picked))], index=picked.index, dtype=object)
    else:
        c = cues[(cues["frame"] == frame.id) & cues["row"].isin(mine.index)]
        spans = c.groupby("row", sort=True).apply(lambda g: list(zip(g["start"], g["end"])), include_groups=False)
        picked = mine.loc[spans.index] if len(spans) else mine.iloc[:0]
    headlines = articles.set_index("id")["headline"].astype(str)
    out = pd.DataFrame({"outlet": picked["outlet"].astype(str).to_numpy(), "article": picked["article"].astype(str).to_numpy(),
                        "sentence": picked["sentence"].to_numpy(), "paragraph": picked["paragraph"].to_numpy(),
                        "text": picked["text"].astype(str).to_numpy(),
                        "spans": spans.reindex(picked.index).to_numpy() if len(picked) else []})
    out["headline"] = out["article"].map(headlines)
    out["matches"] = [max(len(s), 1) for s in out["spans"]]
    return out[COLUMNS]
