"""Outlet groups: which outlets a comparison pools together ("US outlets", "non-US outlets").

A grouping is a small YAML file per corpus, ``groups: {group name: [outlet, ...]}``, kept next to
the database (``<db folder>/groups/<corpus>.yaml``) so it is data the analyst can read and edit;
a folder corpus may carry its own ``groups.yaml`` (the seeds ship a factual one: where each
outlet is based). Outlets left out of every group are left out of group comparisons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from dashboard.lexicons import LexiconError
from dashboard.store import ROOT, db_path, readonly_mode

GROUPS_FILE = "groups.yaml"
SEED_GROUPS = ROOT / "seeds" / GROUPS_FILE


def parse_groups(text: str) -> dict[str, str]:
    """Outlet -> group from a groups file's text; an outlet in two groups is an error."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise LexiconError(f"groups file is not valid YAML: {exc}") from exc
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise LexiconError("groups file: expected a top-level 'groups:' mapping of group name to a list of outlets")
    out: dict[str, str] = {}
    for group, outlets in groups.items():
        if not isinstance(outlets, list):
            raise LexiconError(f"groups file: group '{group}' needs a list of outlets")
        for outlet in map(str, outlets):
            if outlet in out and out[outlet] != str(group):
                raise LexiconError(f"groups file: outlet '{outlet}' is in both '{out[outlet]}' and '{group}'")
            out[outlet] = str(group)
    return out


def dump_groups(mapping: dict[str, str]) -> str:
    groups: dict[str, list[str]] = {}
    for outlet, group in mapping.items():
        if group:
            groups.setdefault(group, []).append(outlet)
    return yaml.safe_dump({"groups": groups}, sort_keys=False, allow_unicode=True)


def groups_path(corpus: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", corpus).strip("-")[:80] or "corpus"
    return db_path().parent / "groups" / f"{slug}.yaml"


def load_groups(corpus: str, *, seed: bool = False) -> dict[str, str]:
    """A stored corpus's grouping: its own file, else (for the seed corpus) the seeds' one, else none."""
    path = groups_path(corpus)
    if path.is_file():
        return parse_groups(path.read_text(encoding="utf-8"))
    return parse_groups(SEED_GROUPS.read_text(encoding="utf-8")) if seed else {}


def source_groups(source: str | Path) -> dict[str, str]:
    """The ``groups.yaml`` next to a folder source (or a file source), if there is one."""
    path = Path(source)
    path = (path if path.is_dir() else path.parent) / GROUPS_FILE
    return parse_groups(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save_groups(corpus: str, mapping: dict[str, str]) -> Path:
    """Write a corpus's grouping (refused in read-only mode)."""
    if readonly_mode():
        raise LexiconError("read-only dashboard: groups cannot be saved")
    path = groups_path(corpus)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(dump_groups(mapping), encoding="utf-8")
    tmp.replace(path)
    return path


def check_groups(pairs: Iterable[tuple[str, str]], outlets: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Outlet -> group from edited (outlet, group) rows, and what is wrong with them.

    Names are trimmed; a row with no group keeps its outlet out of group comparisons. Wrong: a
    group with no outlet, an outlet in two groups, a group named like an outlet (a link could not
    tell them apart) or with "|" in its name (the link's separator)."""
    names = set(outlets)
    mapping: dict[str, str] = {}
    problems: list[str] = []
    for outlet, group in pairs:
        outlet, group = str(outlet or "").strip(), str(group or "").strip()
        if not group:
            continue
        if not outlet:
            problems.append(f"group '{group}' is on a row with no outlet: fill in the outlet or clear the group")
        elif outlet in mapping and mapping[outlet] != group:
            problems.append(f"outlet '{outlet}' is in two groups, '{mapping[outlet]}' and '{group}': keep one")
        else:
            mapping[outlet] = group
    for group in dict.fromkeys(mapping.values()):
        if "|" in group:
            problems.append(f"group '{group}': a group name cannot contain '|'")
        if group in names:
            problems.append(f"group '{group}' has the name of an outlet: rename the group (links could not tell them apart)")
    return mapping, problems


def add_groups(corpus: str, mapping: dict[str, str], *, seed: bool = False) -> Path:
    """Save ``mapping`` (say, an import's ``group`` column) over the corpus's grouping: the outlets it
    names move to their new group, the others keep theirs."""
    return save_groups(corpus, {**load_groups(corpus, seed=seed), **mapping})


def report_groups(path: str | None, source: str, corpus: str | None, store=None) -> dict[str, str]:
    """The grouping the CLI report uses: ``--groups FILE``, else the stored corpus's, else the source's."""
    if path:
        return parse_groups(Path(path).read_text(encoding="utf-8"))
    if corpus:
        return load_groups(corpus, seed=any(c.seed and c.name == corpus for c in store.corpora()))
    return source_groups(source)
