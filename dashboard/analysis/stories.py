"""Stories: articles grouped by the event they report, so claims and omissions are compared
within one story instead of across a whole corpus.

An article belongs with another when both were published within ``window_days`` of each other
and their headline and opening words are similar (TF-IDF cosine). Four choices keep this right
and fast on large corpora:

* **Date blocks, never all pairs.** Dated articles are binned into days; an article is compared
  only with articles of its own and the next bin (bins are ``window_days + 1`` wide, so every pair
  at most ``window_days`` apart is compared exactly once). A corpus of a year is a few hundred
  small sparse products, not one n × n matrix; the cost grows with n times the articles per
  window. Undated articles cannot be ruled out by date, so they are compared with every article
  (in row chunks, so memory stays bounded): an undated corpus is one window.
* **Average linkage, not connected components.** Linking every similar pair chains unrelated
  events through one broad article (a round-up, a live blog) into a giant component. Here two
  groups merge only when the *mean* similarity over all their article pairs reaches the
  threshold, and pairs further apart than the window count as 0: a long-running topic does not
  become one story, and a story needs most of its articles to agree, not one bridge. It runs
  as rounds of sparse-matrix steps (reciprocal nearest neighbours), not a Python loop per pair.
* **Other outlets are the evidence.** Two articles of one outlet share house text and style,
  so their similarity counts as 0 by default (``same_outlet``): a story is an event that
  *different* outlets' reports agree on; an outlet's follow-up joins through those reports.
* **The opening weighs most.** News puts the event in the headline and the first paragraphs
  (the inverted pyramid); later paragraphs drift into background that neighbouring stories share.
  The headline and the first ``lede_words`` words are counted twice, the body is read up to
  ``body_words`` words, which also bounds the work per article.

Everything is computed in a canonical order (date, id), so the grouping does not depend on the
order of the input rows. No Streamlit here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from dashboard.analysis.house_style import HONORIFICS, REPORTING_VERBS
from dashboard.analysis.terms import TOKEN
from dashboard.analysis.timeline import publication_dates
from dashboard.stopwords import stop_words

WINDOW_DAYS = 3  # reports of one event appear within days of each other (BASIL: 69 of 70 within 2 days)
THRESHOLD = 0.12  # mean cosine of two groups' article pairs to merge them: the middle of the range where both
# evaluation sets score >= 0.9 pairwise precision and recall (benchmarks/eval_stories.py prints the sweep)
SAME_OUTLET = 0.0  # weight of a same-outlet pair's similarity: none (see ``stories``)
LEDE_WORDS = 60  # the opening paragraph or two, counted twice
BODY_WORDS = 300  # the rest of the body is background that nearby stories share; it also bounds the cost
FLOOR = 0.5  # pairs below FLOOR * threshold are treated as 0 in the means (not stored): keeps the graph sparse
MAX_NEIGHBOURS = 200  # pairs kept per article and block: a bound on memory, far above a story's size ...
WEAK_NEIGHBOURS = 50  # ... of which below the threshold (they only refine means inside a story): in a corpus of
# one beat nearly every pair in a window clears the floor, and these would be most of the graph
CELLS = 4_000_000  # cells per sparse product chunk: bounds memory when a block is large (an undated corpus)
LABEL_TERMS = 3

TABLE_COLUMNS = ["story", "label", "headline", "representative", "first", "last", "outlets", "outlet_list", "articles"]


@dataclass(frozen=True)
class Stories:
    """Each article's story and one row per story.

    ``story`` is aligned with the input ``articles`` (same index). ``table`` has one row per story:
    ``story`` (id), ``label`` (its most shared distinctive terms), ``headline`` and
    ``representative`` (the headline and id of the article closest to the story's centroid),
    ``first`` / ``last`` (ISO dates, missing when undated), ``outlets`` (count), ``outlet_list``
    (sorted names) and ``articles`` (count); biggest stories (by outlets, then articles) first.
    """

    story: pd.Series
    table: pd.DataFrame
    outlets: tuple[str, ...]  # every outlet of the corpus, first-seen order

    def missing_outlets(self, *, min_share: float = 0.5) -> pd.DataFrame:
        """See :func:`missing_outlets`."""
        return missing_outlets(self, min_share=min_share)


def story_id(first_article_id: str) -> str:
    """A story's id from its earliest article's id: stable when unrelated articles are added or
    removed (a rank would renumber every story), and safe in a URL whatever the article ids are."""
    return "s" + hashlib.sha1(str(first_article_id).encode()).hexdigest()[:10]


def _vectors(headlines: Sequence[str], texts: Sequence[str], lede_words: int,
             body_words: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """L2-normalised TF-IDF rows (sublinear tf, English stop words, scikit-learn's tokens and
    smoothed idf) of each headline and opening, and the term names.

    Words of the headline and the first ``lede_words`` words count twice. Terms in a single
    article are left out: they cannot link two articles and only lower every cosine by a length
    that says nothing about the event. Counting is done per chunk with ``pd.factorize`` instead
    of a per-token Python loop (``TfidfVectorizer`` spends most of its time there), so only one
    chunk's token strings are alive at a time."""
    from sklearn.feature_extraction.text import TfidfTransformer  # here: importing this module stays cheap

    stop, index = stop_words(), {}
    rows, cols, weights = [], [], []
    n = len(texts)
    for start in range(0, n, 4096):
        found = []
        for k in range(start, min(start + 4096, n)):
            words = (texts[k] or "").split(maxsplit=body_words)[:body_words]
            found.append(TOKEN.findall(f"{headlines[k]} {' '.join(words[:lede_words])}".lower()))
            found.append(TOKEN.findall(" ".join(words[lede_words:]).lower()))
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        codes, uniques = pd.factorize(pd.Series([t for part in found for t in part], dtype=object))
        ids = np.array([-1 if u in stop else index.setdefault(u, len(index)) for u in uniques], dtype=np.int64)[codes]
        part_of = np.repeat(np.arange(len(found)), lengths)
        kept = ids >= 0
        rows.append(start + part_of[kept] // 2)  # two parts per article: opening (weight 2), rest (1)
        cols.append(ids[kept])
        weights.append(np.where(part_of[kept] % 2, 1.0, 2.0).astype(np.float32))
    counts = sparse.csr_matrix((np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
                               shape=(n, len(index)), dtype=np.float32)
    counts.sum_duplicates()
    shared = np.flatnonzero(np.bincount(counts.indices, minlength=len(index)) >= 2)
    if not len(shared):  # no word is shared by two articles: nothing links
        return sparse.csr_matrix((n, 0), dtype=np.float32), np.array([], dtype=object)
    counts = counts[:, shared]
    x = TfidfTransformer(sublinear_tf=True).fit_transform(counts).astype(np.float32).tocsr()
    return x, np.array(list(index), dtype=object)[shared]


def _top_pairs(sims, rows: np.ndarray, cols: np.ndarray, floor: float, threshold: float,
               keep) -> tuple[np.ndarray, ...]:
    """The (row, col, similarity) pairs of one block product at or above ``floor`` that ``keep``
    accepts: per row at most ``MAX_NEIGHBOURS``, of which at most ``WEAK_NEIGHBOURS`` below
    ``threshold`` (the most similar first)."""
    sims = sims.tocoo()
    high = sims.data >= floor
    r, c, s = sims.row[high], sims.col[high], sims.data[high]
    accepted = keep(rows[r], cols[c])
    r, c, s = r[accepted], c[accepted], s[accepted]
    if len(r) and np.bincount(r).max() > WEAK_NEIGHBOURS:
        order = np.lexsort((c, -s, r))
        r, c, s = r[order], c[order], s[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r)
        strong = np.bincount(r, weights=s >= threshold, minlength=len(rows)).astype(np.int64)[r]
        top = (rank < MAX_NEIGHBOURS) & ((s >= threshold) | (rank - strong < WEAK_NEIGHBOURS))
        r, c, s = r[top], c[top], s[top]
    return rows[r], cols[c], s


def _pairs(x: sparse.csr_matrix, days: np.ndarray, window_days: int, threshold: float,
           outlet: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Every pair (i < j) at most ``window_days`` apart, or with an undated side, whose cosine is
    at least ``FLOOR * threshold``: each date bin against itself and the next bin, never all pairs.

    Rows must be in date order with the undated last (the canonical order). With ``outlet``
    (codes), pairs of one outlet are left out before the per-article caps apply."""
    n = x.shape[0]
    found: list[tuple[np.ndarray, ...]] = []
    dated = ~np.isnan(days)

    def search(rows: np.ndarray, cols: np.ndarray, keep) -> None:
        if not len(rows) or not len(cols):
            return
        target = x[cols].T.tocsc()
        step = max(1, CELLS // len(cols))  # a product of at most CELLS cells at a time
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            found.append(_top_pairs(x[part] @ target, part, cols, FLOOR * threshold, threshold, keep))

    def other(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return outlet[i] != outlet[j] if outlet is not None else True

    def near(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return (i < j) & (np.abs(days[i] - days[j]) <= window_days) & other(i, j)

    def undated_first(i: np.ndarray, j: np.ndarray) -> np.ndarray:  # an undated row meets every dated article once
        return (dated[j] | (i < j)) & other(i, j)

    index = np.flatnonzero(dated)  # already in date order
    bins = np.floor(days[index] / (window_days + 1)).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, bins[1:] != bins[:-1]]) if len(index) else np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(index)]
    for k, (a, b) in enumerate(zip(starts, ends)):
        c = ends[k + 1] if k + 1 < len(starts) and bins[starts[k + 1]] == bins[a] + 1 else b
        search(index[a:b], index[a:c], near)
    search(np.flatnonzero(~dated), np.arange(n), undated_first)
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    i, j, s = (np.concatenate(parts) for parts in zip(*found))
    return np.minimum(i, j), np.maximum(i, j), s


def _average_linkage(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float) -> np.ndarray:
    """Each article's group (the position of one of its articles) after average-linkage merging.

    Groups merge while the mean similarity of their article pairs (pairs not in the graph count
    as 0) is at least ``threshold``, the most similar first. Average linkage is *reducible*: a
    merged group is never more similar to a third group than the better of its two parts was.
    Two consequences make this fast and exact without a sequential loop:

    * every pair of groups that are each other's most similar can merge in the same round (the
      reciprocal-nearest-neighbour algorithm gives the same result as merging one pair at a time);
    * a group with no neighbour at the threshold never gets one, so it is final and leaves the
      similarity matrix; after the first rounds only a few growing stories remain in it.

    Each round is a few sparse operations over the remaining groups (ties go to the lower
    position, so the result is deterministic given the canonical order)."""
    parent = np.arange(n)
    ids = np.arange(n)  # the article position naming each remaining group
    size = np.ones(n)
    sums = sparse.csr_matrix((np.r_[s, s].astype(np.float64), (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    sums.sum_duplicates()  # group × group: summed similarity of their article pairs
    while sums.nnz:
        coo = sums.tocoo()
        mean = coo.data / (size[coo.row] * size[coo.col])
        near = mean >= threshold
        if not near.any():
            break
        close = sparse.csr_matrix((mean[near], (coo.row[near], coo.col[near])), shape=sums.shape)
        close.sort_indices()
        rows = np.flatnonzero(np.diff(close.indptr))
        top = np.maximum.reduceat(close.data, close.indptr[rows])
        is_top = close.data == np.repeat(top, np.diff(close.indptr)[rows])
        row_of = np.repeat(np.arange(close.shape[0]), np.diff(close.indptr))
        first = np.flatnonzero(is_top)
        first = first[np.r_[True, row_of[first][1:] != row_of[first][:-1]]]  # the lowest column among ties
        best = np.full(close.shape[0], -1)
        best[row_of[first]] = close.indices[first]
        pairs = rows[(best[best[rows]] == rows) & (rows < best[rows])]  # each other's most similar
        target = np.arange(close.shape[0])
        target[best[pairs]] = pairs
        parent[ids[best[pairs]]] = ids[pairs]
        live = rows  # groups with no neighbour at the threshold are final: they leave
        kept, compact = np.unique(target[live], return_inverse=True)
        member = sparse.csr_matrix((np.ones(len(live)), (np.arange(len(live)), compact)), shape=(len(live), len(kept)))
        sums = (member.T @ sums[live][:, live] @ member).tocsr()
        sums.setdiag(0)
        sums.eliminate_zeros()
        size = member.T @ size[live]
        ids = ids[kept]
    root = parent
    while True:  # pointer jumping until every article points at its group's root
        up = root[root]
        if np.array_equal(up, root):
            return root
        root = up


def _labels(x: sparse.csr_matrix, terms: np.ndarray, members: sparse.csr_matrix, sizes: np.ndarray) -> list[str]:
    """Each group's most shared distinctive terms: the highest summed TF-IDF among terms that at
    least two of its articles use (any term for a single article), reporting verbs and honorifics
    ("said", "mr") left out: every story has them."""
    present = x.copy()
    present.data[:] = 1
    weight, count = (members @ x).tocsr(), (members @ present).tocsr()
    for m in (weight, count):  # one sparsity pattern: sorted, their data arrays line up
        m.sort_indices()
    names = terms.astype(str)
    label_word = ~np.isin(names, list(REPORTING_VERBS | HONORIFICS))
    labels = []
    for g in range(members.shape[0]):
        lo, hi = weight.indptr[g], weight.indptr[g + 1]
        shared = (count.data[lo:hi] >= min(2, sizes[g])) & label_word[weight.indices[lo:hi]]
        cols, w = weight.indices[lo:hi][shared], weight.data[lo:hi][shared]
        top = cols[np.lexsort((cols, -w))[:LABEL_TERMS]]  # ties: vocabulary order, itself fixed by the canonical order
        labels.append(", ".join(names[top]))
    return labels


def _fallback_label(headline: str, text: str) -> str:
    """Words of the headline (or opening) when the story shares no term with any other article."""
    stop = stop_words()
    words = [w for w in TOKEN.findall(f"{headline} {text[:500]}".lower()) if w not in stop]
    return ", ".join(list(dict.fromkeys(words))[:LABEL_TERMS]) or "(no text)"


def _days(articles: pd.DataFrame) -> np.ndarray:
    """Days since 1970 of each publication date (NaN when missing or unreadable)."""
    dates = publication_dates(articles.assign(published=articles["published"].fillna("").astype(str)))
    if not pd.api.types.is_datetime64_any_dtype(dates):  # mixed time zones: compare them in UTC
        dates = pd.to_datetime(articles["published"], errors="coerce", format="mixed", utc=True)
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_convert(None)
    return (dates.dt.normalize() - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float, na_value=np.nan)


def stories(articles: pd.DataFrame, texts: Sequence[str], *, window_days: int = WINDOW_DAYS,
            threshold: float = THRESHOLD, same_outlet: float = SAME_OUTLET, lede_words: int = LEDE_WORDS,
            body_words: int = BODY_WORDS) -> Stories:
    """Group ``articles`` (columns id, outlet, headline, published) into stories.

    ``texts`` are the cleaned article texts, in the same order. Two groups merge when the mean
    TF-IDF cosine of their article pairs is at least ``threshold``, counting pairs published more
    than ``window_days`` apart as 0 (undated articles match any date).

    ``same_outlet`` weighs the similarity of two articles of one outlet. By default it is 0: such
    a pair is no evidence of one event, because an outlet's articles share house text the
    cleaner misses (a menu dump on every page of one outlet in the evaluation pages), recurring
    columns and style; and an outlet rarely reports one event twice in a few days, so two of its
    articles are more likely two events. An outlet's follow-up still joins a story through its
    similarity to the *other* outlets' reports (the zero only dilutes the mean a little in a
    widely covered story), but two articles of one outlet that nobody else reported stay two
    stories. 1 counts them like any other pair.

    An article no other resembles is a story of its own.
    """
    if len(texts) != len(articles):
        raise ValueError(f"{len(texts)} texts for {len(articles)} articles")
    n = len(articles)
    outlets = tuple(dict.fromkeys(articles["outlet"].astype(str)))
    if not n:
        return Stories(pd.Series([], index=articles.index, name="story", dtype=object),
                       pd.DataFrame(columns=TABLE_COLUMNS), outlets)
    ids = articles["id"].astype(str).to_numpy()
    outlet = articles["outlet"].astype(str).to_numpy()
    headline = articles["headline"].fillna("").astype(str).to_numpy()
    days = _days(articles)
    text = np.array([t or "" for t in texts], dtype=object)
    order = np.lexsort((text, headline, outlet, ids, np.nan_to_num(days, nan=np.inf)))  # canonical: date, id; undated last
    ids, outlet, headline, days, text = ids[order], outlet[order], headline[order], days[order], text[order]

    x, terms = _vectors(headline, text, lede_words, body_words)
    i, j, s = _pairs(x, days, window_days, threshold, None if same_outlet else pd.factorize(outlet)[0])
    s = np.where(outlet[i] == outlet[j], s * same_outlet, s)
    root = _average_linkage(n, i, j, s, threshold)

    _, group = np.unique(root, return_inverse=True)  # groups numbered by their root's (canonical) position
    members = sparse.csr_matrix((np.ones(n, dtype=np.float32), (group, np.arange(n))), shape=(group.max() + 1, n))
    sizes = np.bincount(group)
    labels = _labels(x, terms, members, sizes)
    centroid = (members @ x).tocsr()
    closeness = np.asarray(x.multiply(centroid[group]).sum(axis=1)).ravel() if x.shape[1] else np.zeros(n)
    by_rank = np.lexsort((np.arange(n), -closeness, headline == "", group))  # with a headline, nearest the centroid
    rep = by_rank[np.r_[True, group[by_rank][1:] != group[by_rank][:-1]]]  # one per group, in group order
    first_pos = np.full(len(sizes), n)
    np.minimum.at(first_pos, group, np.arange(n))  # the earliest article (canonical order: date, id)
    frame = pd.DataFrame({"group": group, "day": days, "outlet": outlet})
    day = frame.groupby("group")["day"].agg(["min", "max"])
    outlet_lists = frame[["group", "outlet"]].drop_duplicates().sort_values(["group", "outlet"]).groupby("group")["outlet"].agg(list)
    iso = lambda d: pd.Series(pd.to_datetime(d.to_numpy(), unit="D")).dt.strftime("%Y-%m-%d").to_numpy()  # noqa: E731
    names = np.array([story_id(ids[p]) for p in first_pos], dtype=object)
    table = pd.DataFrame({
        "story": names,
        "label": [label or _fallback_label(headline[p], text[p]) for label, p in zip(labels, rep)],
        "headline": [headline[p] or " ".join(text[p].split()[:12]) for p in rep],
        "representative": ids[rep],
        "first": iso(day["min"]),
        "last": iso(day["max"]),
        "outlets": outlet_lists.map(len).to_numpy(),
        "outlet_list": outlet_lists.to_list(),
        "articles": sizes,
    })
    table = table.sort_values(["outlets", "articles", "first", "story"], ascending=[False, False, True, True],
                              na_position="last").reset_index(drop=True)
    assigned = np.empty(n, dtype=object)
    assigned[order] = names[group]
    return Stories(pd.Series(assigned, index=articles.index, name="story"), table, outlets)


def missing_outlets(result: Stories, *, min_share: float = 0.5) -> pd.DataFrame:
    """Which outlets did not report a story that most others reported: one row (story, label,
    outlet) per absent outlet, for stories covered by at least two outlets and at least
    ``min_share`` of all the corpus's outlets. An omission means something only where the
    story was widely covered; a story one outlet broke is not another's omission."""
    need = max(2, int(np.ceil(min_share * len(result.outlets))))
    wide = result.table[result.table["outlets"] >= need]
    rows = [(row.story, row.label, o) for row in wide.itertuples() for o in result.outlets if o not in row.outlet_list]
    return pd.DataFrame(rows, columns=["story", "label", "outlet"])
