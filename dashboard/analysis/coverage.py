"""What each outlet carried and left out: shared passages, claims, similarity, prominence.

* Shared passages: sentences two or more outlets share word for word or nearly (wire copy,
  pooled quotes), by rapidfuzz ratio on normalised text.
* Claims: near-equivalent sentences across outlets, grouped by average-linkage clustering of
  sentence TF-IDF vectors (stop words kept: "not on the table" is the claim). A claim most
  outlets carried is an omission for the outlets that did not.
* Similarity: cosine of the outlets' TF-IDF vectors, ordered so similar outlets sit together.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

SHARED_RATIO = 85
SHARED_MIN_WORDS = 6
CLAIM_DISTANCE = 0.65
MAX_CLAIM_SENTENCES = 6000  # average linkage is quadratic; beyond this, cluster the ledes only


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    return [np.flatnonzero(labels == k) for k in np.unique(labels)]


def union_find(n: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    """Connected-component label of each of ``n`` items linked by ``pairs``."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    return np.array([root(i) for i in range(n)])


def shared_passages(sentences: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Groups of near-identical sentences across outlets, and a mask of the sentences in them."""
    norm = [normalise(t) for t in sentences["text"]]
    candidates = np.flatnonzero([len(n.split()) >= SHARED_MIN_WORDS for n in norm])
    outlets = sentences["outlet"].to_numpy()
    mask = np.zeros(len(sentences), dtype=bool)
    if len(candidates) < 2:
        return pd.DataFrame(columns=["passage", "outlets", "text", "rows"]), mask
    scores = cdist([norm[i] for i in candidates], [norm[i] for i in candidates], scorer=fuzz.ratio,
                   score_cutoff=SHARED_RATIO, workers=-1)
    pairs = [(candidates[a], candidates[b]) for a, b in zip(*np.nonzero(scores))
             if a < b and outlets[candidates[a]] != outlets[candidates[b]]]
    labels = union_find(len(sentences), pairs)
    rows = []
    for members in _groups(labels[candidates]):
        members = candidates[members]
        if len(members) < 2:
            continue
        mask[members] = True
        rows.append((sorted(set(outlets[members]), key=list(dict.fromkeys(outlets)).index),
                     sentences["text"].iloc[members[0]], sentences.index[members].tolist()))
    frame = pd.DataFrame(rows, columns=["outlets", "text", "rows"])
    frame.insert(0, "passage", range(len(frame)))
    return frame, mask


def claims(sentences: pd.DataFrame, outlets: list[str]) -> tuple[pd.DataFrame, pd.Series]:
    """Claims (clusters of near-equivalent sentences) with who carried them and who omitted them.

    Returns the claim table and, per sentence row, its claim id.
    """
    pool = sentences if len(sentences) <= MAX_CLAIM_SENTENCES else sentences[sentences["paragraph"] < 2]
    if len(pool) < 2:
        labels = np.zeros(len(pool), dtype=int)
        similarity = np.ones((len(pool), len(pool)))
    else:
        vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(pool["text"])
        similarity = cosine_similarity(vectors)
        distance = np.clip(1 - similarity, 0, None)
        np.fill_diagonal(distance, 0)
        labels = fcluster(linkage(squareform(distance, checks=False), "average"), CLAIM_DISTANCE, "distance")
    majority = len(outlets) // 2 + 1
    rows, claim_of = [], pd.Series(-1, index=sentences.index, name="claim")
    groups = sorted(_groups(labels), key=lambda g: (-pool["outlet"].iloc[g].nunique(), g[0]))
    for claim_id, members in enumerate(groups):
        carried = [o for o in outlets if o in set(pool["outlet"].iloc[members])]
        medoid = members[np.argmax(similarity[np.ix_(members, members)].sum(axis=1))]
        omitted = [o for o in outlets if o not in carried] if len(carried) >= majority else []
        rows.append((claim_id, pool["text"].iloc[medoid], carried, omitted, len(members)))
        claim_of.loc[pool.index[members]] = claim_id
    table = pd.DataFrame(rows, columns=["claim", "text", "outlets", "omitted_by", "sentences"])
    return table, claim_of


def outlet_similarity(tfidf, outlets: list[str]) -> pd.DataFrame:
    """Outlet × outlet cosine similarity of TF-IDF vectors, rows/columns in clustered order."""
    sim = cosine_similarity(tfidf) if tfidf.shape[1] else np.zeros((len(outlets), len(outlets)))
    order = list(range(len(outlets)))
    if len(outlets) > 2:
        distance = np.clip(1 - sim, 0, None)
        np.fill_diagonal(distance, 0)
        order = list(leaves_list(linkage(squareform(distance, checks=False), "average")))
    names = [outlets[i] for i in order]
    return pd.DataFrame(sim[np.ix_(order, order)], index=names, columns=names)


def prominence(analysis) -> pd.DataFrame:
    """Per outlet × topic/actor: in the headline, hits in the lede (first two paragraphs), in the body."""
    m = analysis.matches.assign(where=np.where(analysis.matches["paragraph"] < 2, "lede", "body"))
    counts = m.pivot_table(index=["outlet", "kind", "key"], columns="where", values="start", aggfunc="size", fill_value=0)
    counts = counts.reindex(columns=["lede", "body"], fill_value=0).reset_index()
    heads = pd.concat([
        analysis.topics.rename(columns={"topic": "key"}).assign(kind="topic"),
        analysis.actors.rename(columns={"actor": "key"}).assign(kind="actor"),
    ])[["outlet", "kind", "key", "label", "in_headline"]]
    out = heads.merge(counts, on=["outlet", "kind", "key"], how="left").fillna({"lede": 0, "body": 0})
    out[["lede", "body"]] = out[["lede", "body"]].astype(int)
    out = out[out["in_headline"] | (out["lede"] + out["body"] > 0)].rename(columns={"in_headline": "headline"})
    return out.sort_values(["outlet", "headline", "lede", "body"], ascending=[True, False, False, False], ignore_index=True)
