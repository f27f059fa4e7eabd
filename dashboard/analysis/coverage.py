"""What each outlet carried and left out: shared passages, claims, similarity, prominence.

* Shared passages: sentences two or more outlets share word for word or nearly (wire copy,
  pooled quotes), by rapidfuzz ratio on normalised text among the candidate pairs MinHash LSH
  finds (:mod:`dashboard.analysis.near_duplicates`).
* Claims: near-equivalent sentences across outlets, grouped by average-linkage clustering of
  sentence TF-IDF vectors (stop words kept: "not on the table" is the claim) and by the quotes
  they share. Each outlet carried, paraphrased or did not say each claim; a claim most outlets
  said is an omission only where nothing the outlet wrote comes close.
* Similarity: cosine of the outlets' TF-IDF vectors, ordered so similar outlets sit together.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from scipy import sparse

from dashboard.analysis.near_duplicates import near_duplicate_pairs

SHARED_RATIO = 85
SHARED_MIN_WORDS = 6
CLAIM_DISTANCE = 0.65
BLOCK_WORDS = 3  # each text joins the blocks of its three rarest words
BLOCK_MAX = 400  # texts sharing a rarest word; more is a stock phrase, compared no further
DENSE_CONTAINMENT = 2500  # sentences in a story up to which all containment shares are one dense matrix (50 MB)
MAX_CLAIM_SENTENCES = 6000  # average linkage is quadratic: ledes only beyond this, and no claims beyond that


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    """Positions of each label's members, labels in sorted order (one sort, not a scan per label)."""
    order = np.argsort(labels, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(labels[order])) + 1) if len(order) else []


def union_find(n: int, pairs) -> np.ndarray:
    """Connected-component label of each of ``n`` items linked by ``pairs`` ((i, j) pairs or an
    n × 2 array), numbered in the order of each component's first item."""
    from scipy.sparse.csgraph import connected_components

    if not len(pairs):
        return np.arange(n)
    i, j = np.asarray(pairs, dtype=np.int64).T
    graph = sparse.coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def similar_pairs(texts: list[str], scorer=fuzz.ratio, cutoff: float = SHARED_RATIO) -> list[tuple[int, int]]:
    """Pairs (i, j) of ``texts`` (normalised) that are the same or score at least ``cutoff``.

    Comparing every text with every other is quadratic (it ran out of memory at 10,000
    articles). Identical texts are grouped by hashing; the others are compared only within
    blocks of texts that share one of their rarest words (among words found in more than one
    text), which texts close enough to match almost always do. A block of more than
    ``BLOCK_MAX`` texts is a stock phrase, not a passage, and is skipped.
    """
    same: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        same.setdefault(text, []).append(i)
    pairs = [(members[0], other) for members in same.values() for other in members[1:]]
    distinct = list(same)
    frequency: dict[str, int] = {}
    for text in distinct:
        for word in set(text.split()):
            frequency[word] = frequency.get(word, 0) + 1
    blocks: dict[str, list[int]] = {}
    for k, text in enumerate(distinct):
        shared_words = [w for w in set(text.split()) if frequency[w] > 1]  # a word in no other text links nothing
        for word in sorted(shared_words, key=lambda w: (frequency[w], w))[:BLOCK_WORDS]:
            blocks.setdefault(word, []).append(k)
    for members in blocks.values():
        if 2 <= len(members) <= BLOCK_MAX:
            block = [distinct[k] for k in members]
            scores = cdist(block, block, scorer=scorer, score_cutoff=cutoff, workers=-1)
            pairs += [(same[block[a]][0], same[block[b]][0]) for a, b in zip(*np.nonzero(scores)) if a < b]
    return pairs


def unigram_columns(vocabulary: np.ndarray) -> np.ndarray:
    """Columns of the term matrix that are single words (n-grams are written with spaces)."""
    return np.flatnonzero(~pd.Series(vocabulary, dtype=object).str.contains(" ", regex=False).to_numpy())


def word_sets(counts: sparse.csr_matrix, vocabulary: np.ndarray) -> sparse.csr_matrix:
    """Each sentence's single words (the unigram columns of the sentence × term matrix, as ones),
    built from the matrix's index arrays without a copy of the matrix."""
    counts = sparse.csr_matrix(counts)
    is_word = np.zeros(counts.shape[1], dtype=bool)
    is_word[unigram_columns(vocabulary)] = True
    keep = is_word[counts.indices]
    kept = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
    indices = counts.indices[keep]
    return sparse.csr_matrix((np.ones(len(indices), dtype=np.uint8), indices, kept[counts.indptr]), shape=counts.shape)


def _word_counts(texts: pa.ChunkedArray | pa.Array, batch: int = 50_000) -> np.ndarray:
    """How many whitespace-separated words each text has (``len(text.split())``), a batch at a time."""
    return np.fromiter((len(t.split()) for at in range(0, len(texts), batch) for t in texts.slice(at, batch).to_pylist()),
                       dtype=np.int64, count=len(texts))


def shared_passages(sentences: pd.DataFrame, counts: sparse.csr_matrix,
                    vocabulary: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Groups of near-identical sentences across outlets, and a mask of the sentences in them.

    ``counts`` is the sentence × term matrix (rows in ``sentences`` order): each sentence's words
    are its unigram columns, and MinHash LSH (:mod:`dashboard.analysis.near_duplicates`) finds the
    pairs to compare, so the cost grows with the corpus, not its square.
    """
    outlets = sentences["outlet"].to_numpy()
    mask = np.zeros(len(sentences), dtype=bool)
    texts = pa.array(sentences["text"].array)  # read a few rows at a time: the whole column as str objects is 100s of MB
    candidates = np.flatnonzero(_word_counts(texts) >= SHARED_MIN_WORDS)
    if len(candidates) < 2:
        return pd.DataFrame(columns=["passage", "outlets", "text", "rows", "articles"]), mask

    def normalised(rows: np.ndarray) -> list[str]:
        return [normalise(t) for t in texts.take(pa.array(candidates[rows])).to_pylist()]

    pairs = near_duplicate_pairs(word_sets(counts, vocabulary)[candidates], normalised, cutoff=SHARED_RATIO)
    labels = union_find(len(sentences), candidates[pairs])
    linked = np.flatnonzero(np.bincount(labels, minlength=len(sentences))[labels] > 1)
    frame, grouped = passage_table(labels[linked], outlets[linked], sentences["article"].iloc[linked].to_numpy(),
                                   sentences.index.to_numpy()[linked],
                                   lambda at: texts.take(pa.array(linked[at], type=pa.int64())).to_pylist(),
                                   list(dict.fromkeys(outlets)))
    mask[linked[grouped]] = True
    return frame, mask


def passage_table(labels: np.ndarray, outlets: np.ndarray, articles: np.ndarray, rows: np.ndarray, texts,
                  order: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Shared passages from near-identical items' group ``labels``: a group whose items come from
    two or more outlets is a passage (one outlet repeating itself is not), with its outlets (in
    ``order``), its first item's text (``texts(positions)``), its sentence ``rows`` and articles;
    and a mask of the items in one. Both engines build their table here."""
    groups = []
    for members in _groups(labels):
        carried = set(outlets[members])
        if len(carried) >= 2:
            groups.append((sorted(carried, key=order.index), members))
    firsts = texts(np.array([members[0] for _, members in groups], dtype=np.int64))
    frame = pd.DataFrame([(carried, text, rows[members].tolist(), sorted(set(map(str, articles[members]))))
                          for (carried, members), text in zip(groups, firsts)], columns=["outlets", "text", "rows", "articles"])
    frame.insert(0, "passage", range(len(frame)))
    grouped = np.zeros(len(labels), dtype=bool)
    for _, members in groups:
        grouped[members] = True
    return frame, grouped


POOLS = ("every sentence", "the first two paragraphs", "each article's first sentence")


def claim_pool(sentences: pd.DataFrame) -> tuple[pd.DataFrame | None, str | None]:
    """The sentences claims are clustered from, and which of :data:`POOLS` they are: all of them,
    else the ledes (first two paragraphs), else each article's first sentence; (None, None) when
    even those are more than average linkage can hold (it needs a dense n × n matrix)."""
    pools = (sentences, sentences[sentences["paragraph"] < 2], sentences[sentences["sentence"] == 0])
    for pool, name in zip(pools, POOLS):
        if len(pool) <= MAX_CLAIM_SENTENCES:
            return pool, name
    return None, None


PARAPHRASE = 0.4  # share of a claim's IDF-weighted content words another outlet's sentence must hold
_STEM_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude stem, enough to meet "attack"/"attacked", "obligation"/"obligations", "receive"/"received"."""
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


_CONTENT_WORD = r"actor_\w+|[a-z][a-z'’]+"


def content_words(texts: pd.Series) -> sparse.csr_matrix:
    """Which content words each sentence holds (1/0): words stemmed, stop words and "said"/"says"
    out, ``actor_<id>`` tokens kept whole; columns in alphabetical order of the stems.

    Words are counted by scikit-learn and each distinct word is stemmed once, its column merged
    into its stem's, rather than every token of every sentence stemmed in Python."""
    from sklearn.feature_extraction.text import CountVectorizer

    from dashboard.stopwords import stop_words

    vectorizer = CountVectorizer(token_pattern=_CONTENT_WORD, binary=True)
    try:
        words = vectorizer.fit_transform(texts)
    except ValueError:  # not one word in any text
        return sparse.csr_matrix((len(texts), 0))
    stop = stop_words() | {"said", "says"}
    vocabulary = vectorizer.get_feature_names_out()
    keep = np.array([i for i, w in enumerate(vocabulary) if w not in stop], dtype=np.int64)
    stems, column = np.unique([w if w.startswith("actor_") else _stem(w) for w in vocabulary[keep]], return_inverse=True)
    merge = sparse.csr_matrix((np.ones(len(keep)), (keep, column.ravel())), shape=(len(vocabulary), len(stems)))
    held = (words @ merge).tocsr()
    held.data[:] = 1.0
    held.sort_indices()
    return held


class ClaimVectors:
    """The two sentence representations claims need, counted once for a whole corpus and weighted
    per story on demand.

    Fitting a vectorizer per story costs more than the story's clustering does at thousands of
    stories. Counting once and taking each story's IDF from its own rows gives exactly the
    per-story TF-IDF: a term no sentence of the story has is a zero column, which changes neither
    a dot product nor a norm, and columns keep their (alphabetical) order.

    * ``words``: 1–2-gram counts, stop words kept ("not on the table" is the claim), for the
      sublinear, L2-normalised TF-IDF that clusters sentences;
    * ``content``: which content words (:func:`content_words`) each sentence holds, for the
      IDF-weighted containment that tells a paraphrase from an omission.
    """

    def __init__(self, texts: pd.Series, content: pd.Series):
        from dashboard.analysis.terms import count_ngrams, tokenise

        self.position = pd.Series(np.arange(len(texts)), index=texts.index)
        counts, vocabulary = count_ngrams(tokenise(texts, stop=frozenset()), (1, 2))  # CountVectorizer(ngram_range=(1, 2))
        self.words = counts[:, np.argsort(vocabulary, kind="stable")].astype(np.float64).tocsr()  # its column order too
        self.words.sort_indices()
        self.content = content_words(content)

    def tfidf(self, index: pd.Index) -> sparse.csr_matrix:
        """Sublinear, L2-normalised TF-IDF of sentences ``index`` with the IDF of those sentences."""
        counts = self.words[self.position.loc[index].to_numpy()]
        counts.data = 1 + np.log(counts.data)
        weights = counts @ sparse.diags(_idf(counts))
        norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
        return sparse.diags(1 / np.where(norms > 0, norms, 1)) @ weights

    def containment(self, index: pd.Index):
        """``score(members, candidates)`` over sentences ``index``: for each candidate, the largest
        share of one member's IDF-weighted content words it holds (rare words count most; a long
        sentence that says the claim among other things still holds it). None when no sentence
        has a content word."""
        present = self.content[self.position.loc[index].to_numpy()]
        if not present.nnz:
            return None
        weights = (present @ sparse.diags(_idf(present))).tocsr()
        totals = np.maximum(np.asarray(weights.sum(axis=1)).ravel(), 1e-12)
        if present.shape[0] <= DENSE_CONTAINMENT:  # every pair at once: one product instead of one per claim and outlet
            shares = (weights @ present.T).toarray() / totals[:, None]
            return lambda members, candidates: shares[np.ix_(members, candidates)].max(axis=0)

        def score(members: np.ndarray, candidates: np.ndarray) -> np.ndarray:
            held = (weights[members] @ present[candidates].T).toarray() / totals[members, None]
            return held.max(axis=0)

        return score


def _idf(counts: sparse.csr_matrix) -> np.ndarray:
    """Smoothed IDF of each column over the rows of ``counts``, as TfidfVectorizer computes it."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1 + counts.shape[0]) / (1 + df)) + 1


def claims(sentences: pd.DataFrame, outlets: list[str], *, content: pd.Series | None = None,
           quote_group: pd.Series | None = None,
           vectors: ClaimVectors | None = None) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Claims (clusters of near-equivalent sentences) and, for every outlet, whether it carried each.

    * Sentences are clustered by average linkage of their TF-IDF vectors (stop words kept: "not on
      the table" is the claim). Sentences that carry quotes of one quote group (``quote_group``:
      sentence row -> group id) are one claim, however differently the rest is worded.
    * An outlet with a sentence in the claim **carried** it. Otherwise its closest sentence is found
      by the share of the claim's content words it holds (``content``: the sentence with actor
      mentions written as ``actor_<id>``, so "his Russian counterpart" meets "Putin"); at
      :data:`PARAPHRASE` or above it **paraphrased**
      the claim, below it the claim was **not found** there.
    * A claim carried or paraphrased by a majority is an omission for the outlets where it was not found.

    ``vectors``: counts made once for many calls (one per story); by default, of ``sentences``' own pool.

    Returns the claim table (claim, text, outlets, paraphrased_by, omitted_by, closest, sentences),
    each sentence row's claim id, and the cells (claim, outlet, state, row, score) behind the map.
    """
    from scipy.cluster.hierarchy import fcluster, linkage  # imported here: pages that read results never cluster
    from scipy.spatial.distance import squareform

    claim_of = pd.Series(-1, index=sentences.index, name="claim")
    pool, _ = claim_pool(sentences)
    if pool is None or pool.empty:  # too many to cluster: no claims rather than an out-of-memory crash
        return pd.DataFrame(columns=CLAIM_COLUMNS), claim_of, pd.DataFrame(columns=CELL_COLUMNS)
    if vectors is None:
        vectors = ClaimVectors(pool["text"], content_of(pool, content))
    if len(pool) < 2:
        labels = np.zeros(len(pool), dtype=int)
        similarity = np.ones((len(pool), len(pool)))
    else:
        tfidf = vectors.tfidf(pool.index)
        similarity = (tfidf @ tfidf.T).toarray()
        distance = np.clip(1 - similarity, 0, None)
        np.fill_diagonal(distance, 0)
        labels = fcluster(linkage(squareform(distance, checks=False), "average"), CLAIM_DISTANCE, "distance")
    if quote_group is not None:  # one quoted remark, one claim
        groups = quote_group.reindex(pool.index).to_numpy()
        first: dict = {}
        links = [(first.setdefault(g, i), i) for i, g in enumerate(groups) if pd.notna(g)]
        labels = union_find(len(pool), [(i, j) for i, j in links if i != j] +
                            [(i, j) for members in _groups(labels) for i, j in zip(members[:-1], members[1:])])
    holds = vectors.containment(pool.index)
    pool_outlets = pool["outlet"].astype(str).to_numpy()
    pool_texts, pool_rows = pool["text"].tolist(), pool.index.to_numpy()  # plain lists: read once per member below
    own_rows = {o: np.flatnonzero(pool_outlets == o) for o in outlets}
    majority = len(outlets) // 2 + 1
    rows, cells, claim_labels = [], [], np.empty(len(pool), dtype=np.int64)
    groups = sorted(_groups(labels), key=lambda g: (-len(set(pool_outlets[g])), g[0]))
    for claim_id, members in enumerate(groups):
        present = set(pool_outlets[members])
        carried = [o for o in outlets if o in present]
        centrality = similarity[np.ix_(members, members)].sum(axis=1).round(9)  # rounded: ties go to the first, whatever the float noise
        medoid = members[np.argmax(centrality)]
        claim_labels[members] = claim_id
        cells += [(claim_id, pool_outlets[i], "carried", pool_rows[i], 1.0) for i in members]
        paraphrased, closest = [], {}
        if len(carried) >= 2 and holds is not None:
            for outlet in outlets:
                if outlet in present or not (own := own_rows[outlet]).size:
                    continue
                scores = holds(members, own)
                best, score = own[np.argmax(scores)], round(float(scores.max()), 3)
                state = "paraphrased" if score >= PARAPHRASE else "not found"
                cells.append((claim_id, outlet, state, pool_rows[best], score))
                closest[outlet] = {"sentence": pool_texts[best], "score": score}
                if state == "paraphrased":
                    paraphrased.append(outlet)
        said = len(carried) + len(paraphrased)
        omitted = [o for o in outlets if o not in present and o not in paraphrased] if said >= majority else []
        rows.append((claim_id, pool_texts[medoid], carried, paraphrased, omitted, closest, len(members)))
    claim_of.loc[pool_rows] = claim_labels
    return (pd.DataFrame(rows, columns=CLAIM_COLUMNS), claim_of,
            pd.DataFrame(cells, columns=CELL_COLUMNS))


def content_of(sentences: pd.DataFrame, content: pd.Series | None) -> pd.Series:
    """Each sentence's text for the paraphrase test: its ``content`` form where it has one."""
    return content.reindex(sentences.index).fillna(sentences["text"]) if content is not None else sentences["text"]


CLAIM_COLUMNS = ["claim", "text", "outlets", "paraphrased_by", "omitted_by", "closest", "sentences"]
CELL_COLUMNS = ["claim", "outlet", "state", "row", "score"]


def outlet_similarity(tfidf, outlets: list[str]) -> pd.DataFrame:
    """Outlet × outlet cosine similarity of TF-IDF vectors, rows/columns in clustered order."""
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics.pairwise import cosine_similarity

    sim = cosine_similarity(tfidf) if tfidf.shape[1] else np.zeros((len(outlets), len(outlets)))
    order = list(range(len(outlets)))
    if len(outlets) > 2:
        distance = np.clip(1 - sim, 0, None)
        np.fill_diagonal(distance, 0)
        order = list(leaves_list(linkage(squareform(distance, checks=False), "average")))
    names = [outlets[i] for i in order]
    return pd.DataFrame(sim[np.ix_(order, order)], index=names, columns=names)


SIMILARITY_COLUMNS = ["story", "outlet", "position", "other", "similarity"]


def within_story_similarity(outlet_counts: sparse.spmatrix, outlets: list[str]) -> pd.DataFrame:
    """:func:`outlet_similarity` of one story's outlets (the rows of ``outlet_counts``), weighted
    within the story: the words all of its outlets used weigh little, whatever the rest of the corpus says."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return outlet_similarity(TfidfTransformer(sublinear_tf=True).fit_transform(outlet_counts), outlets)


def story_similarities(counts: sparse.csr_matrix, story: np.ndarray, outlet_codes: np.ndarray, outlets: list[str],
                       stories: set[str]) -> pd.DataFrame:
    """:func:`within_story_similarity` of each story in ``stories``, as rows to store (SIMILARITY_COLUMNS,
    ``position``: the outlet's place in the clustered order). ``counts``: sentence × term; ``story`` and
    ``outlet_codes``: each sentence's. One sparse product sums every (story, outlet) at once."""
    rows = np.flatnonzero(pd.Series(story).isin(stories).to_numpy())
    pair, pairs = pd.factorize(pd.MultiIndex.from_arrays([story[rows], outlet_codes[rows]]), sort=True)
    members = sparse.csr_matrix((np.ones(len(rows), np.int32), (pair, rows)), shape=(len(pairs), counts.shape[0]))
    summed = (members @ counts).tocsr()
    names, codes = pairs.get_level_values(0).to_numpy(), pairs.get_level_values(1).to_numpy()
    starts = np.flatnonzero(np.r_[True, names[1:] != names[:-1]]) if len(names) else np.zeros(0, int)
    frames = [similarity_rows(names[a], within_story_similarity(summed[a:b], [outlets[c] for c in codes[a:b]]))
              for a, b in zip(starts.tolist(), np.r_[starts[1:], len(names)].astype(int).tolist()) if b - a >= 2]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SIMILARITY_COLUMNS)


def similarity_rows(story: str, sim: pd.DataFrame) -> pd.DataFrame:
    """A story's outlet × outlet similarity as rows to store (the frame :func:`similarity_frame` rebuilds)."""
    n = len(sim)
    return pd.DataFrame({"story": story, "outlet": np.repeat(sim.index.to_numpy(dtype=object), n),
                         "position": np.repeat(np.arange(n), n), "other": np.tile(sim.columns.to_numpy(dtype=object), n),
                         "similarity": sim.to_numpy().ravel()})


def similarity_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The outlet × outlet frame of one story's stored rows, in its clustered order."""
    names = list(dict.fromkeys(rows.sort_values("position", kind="stable")["outlet"]))
    return rows.pivot(index="outlet", columns="other", values="similarity").reindex(index=names, columns=names)


def prominence(matches: pd.DataFrame, headlines: pd.DataFrame, lexicon) -> pd.DataFrame:
    """Per outlet × topic/actor of ``lexicon``: in the headline, hits in the lede (first two
    paragraphs), in the body. From the match rows alone, so a story's is counted over its rows
    without rebuilding its actor and topic tables."""
    order = [("topic", t.id, t.label) for t in lexicon.topics] + [("actor", a.id, a.label) for a in lexicon.actors]
    known = pd.DataFrame(order, columns=["kind", "key", "label"]).assign(rank=range(len(order)))
    m = matches.assign(where=np.where(matches["paragraph"] < 2, "lede", "body"))
    by = ["outlet", "kind", "key"]
    counts = m.pivot_table(index=by, columns="where", values="start", aggfunc="size", fill_value=0, observed=True)
    text = dict.fromkeys(by, str)  # categories, or floats when there are no rows: keys to merge on
    counts = counts.reindex(columns=["lede", "body"], fill_value=0).reset_index().astype(text)
    heads = headlines[by].astype(text).drop_duplicates().assign(headline=True)
    out = counts.merge(heads, on=by, how="outer").merge(known, on=["kind", "key"])
    out = out.fillna({"lede": 0, "body": 0, "headline": False}).astype({"lede": int, "body": int, "headline": bool})
    out = out.sort_values(["outlet", "headline", "lede", "body", "rank"], ascending=[True, False, False, False, True])
    return out[["outlet", "kind", "key", "label", "headline", "lede", "body"]].reset_index(drop=True)
