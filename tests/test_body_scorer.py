"""The body model's two tree walks (the C extension ``_trees``, numpy) reach the same
leaves, so the scores are bit-identical and the walk in use never changes a record."""

from __future__ import annotations

import gzip
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import SCRAPINGHUB
from newsdesk.extract.html._features import featurize_page
from newsdesk.extract.html._hints import declared_body, normalise
from newsdesk.extract.html._model import Trees, load_model, scorer
from newsdesk.extract.html._scan import scan_page
from newsdesk.extract.html._segment import segment
from newsdesk.settings import Settings


def _has_c_compiler() -> bool:
    """The compiler Python was built with, and Python's headers, are both here."""
    cc = shlex.split(sysconfig.get_config_var("CC") or "")
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return bool(cc) and shutil.which(cc[0]) is not None and headers.exists()


try:
    from newsdesk.extract import _trees
except ImportError:
    _trees = None
needs_c = pytest.mark.skipif(_trees is None, reason="the C walk is not built")


def test_the_c_walk_is_built_where_a_compiler_exists() -> None:
    """A broken build only warns at install time: this is where it shows."""
    if not _has_c_compiler():
        pytest.skip("no C compiler: newsdesk runs on the numpy walk")
    assert importlib.util.find_spec("newsdesk.extract._trees") is not None, (
        "newsdesk.extract._trees is not built: run `make install` and read its warning"
    )
    assert _trees is not None


def _c_leaves(trees: Trees, rows: np.ndarray) -> np.ndarray:
    assert _trees is not None
    out = np.full((len(rows), len(trees.roots)), np.nan)
    args = (trees.roots, trees.feature, trees.split, trees.children, trees.value)
    _trees.leaf_values(rows, *args, max(trees.depth, 1), out)
    return out


def _numpy_leaves(trees: Trees, rows: np.ndarray) -> np.ndarray:
    return trees._numpy_leaf_values(np.ascontiguousarray(rows, dtype=np.float64))


def _page_rows(path: Path) -> np.ndarray:
    tree = LexborHTMLParser(gzip.decompress(path.read_bytes()))
    nodes = scan_page(tree)
    candidates = segment(tree, hidden=nodes.hidden)
    return featurize_page(candidates, None, normalise(declared_body(tree, nodes.declared))).features


@needs_c
def test_c_and_numpy_reach_the_same_leaves_on_real_pages(shared: object) -> None:
    trees = load_model().trees
    for path in sorted((SCRAPINGHUB / "html").glob("*.html.gz"))[::9]:  # 21 pages
        rows = _page_rows(path)
        assert rows.dtype == np.float32  # as ``predict`` hands them to the C walk
        c, numpy = _c_leaves(trees, rows), _numpy_leaves(trees, rows)
        assert c.tobytes() == numpy.tobytes(), path.name
        assert c.sum(axis=1).tobytes() == numpy.sum(axis=1).tobytes(), path.name


@needs_c
@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 17, 61])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_c_and_numpy_agree_on_ties_nan_and_short_tails(n: int, dtype: type) -> None:
    trees = load_model().trees
    rng = np.random.default_rng(n)
    width = int(trees.feature.max()) + 1
    rows = rng.normal(size=(n, width)) * 50
    # Values exactly at a split (go left on <=) and NaN (never <=: goes right).
    picks = rng.integers(0, len(trees.feature), size=(n, width))
    at_split = rng.random((n, width)) < 0.5
    rows[at_split] = trees.split[picks[at_split]]
    rows[rng.random((n, width)) < 0.05] = np.nan
    rows = rows.astype(dtype)  # float32: ties move with rounding, for both walks alike
    assert _c_leaves(trees, rows).tobytes() == _numpy_leaves(trees, rows).tobytes()


def _tiny(**changes: object) -> dict[str, np.ndarray]:
    """A one-split tree: column 1 <= 0.5 gives 2.0, else -1.0."""
    arrays = {
        "roots": np.array([0]),
        "feature": np.array([1, 0, 0]),
        "split": np.array([0.5, 0.0, 0.0]),
        "children": np.array([2, 1, 1, 1, 2, 2]),
        "value": np.array([0.0, 2.0, -1.0]),
    }
    return {**arrays, **changes}  # type: ignore[dict-item]


def _run(arrays: dict[str, np.ndarray], rows: np.ndarray, out: np.ndarray | None = None) -> None:
    assert _trees is not None
    order = ("roots", "feature", "split", "children", "value")
    out = np.empty((len(rows), len(arrays["roots"]))) if out is None else out
    _trees.leaf_values(rows, *(arrays[k] for k in order), 1, out)


@needs_c
def test_the_c_walk_walks_a_hand_made_tree() -> None:
    out = np.empty((3, 1))
    _run(_tiny(), np.array([[9.0, 0.5], [9.0, 0.6], [9.0, np.nan]], dtype=np.float32), out)
    assert out.ravel().tolist() == [2.0, -1.0, -1.0]


@needs_c
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"roots": np.array([3])}, "root 3 is outside"),
        ({"roots": np.array([-1])}, "root -1 is outside"),
        ({"children": np.array([2, 1, 1, 1, 2, 7])}, "child 7 is outside"),
        ({"children": np.array([2, 1, 1, 1, -2, 2])}, "child -2 is outside"),
        ({"feature": np.array([2, 0, 0])}, "feature column 2"),
        ({"feature": np.array([0, -1, 0])}, "feature column -1"),
        ({"split": np.array([0.5, 0.0])}, "node arrays disagree"),
        ({"children": np.array([2, 1, 1, 1])}, "node arrays disagree"),
        ({"value": np.array([0.0, 2.0, -1.0, 4.0])}, "node arrays disagree"),
        ({"roots": np.array([0], dtype=np.int32)}, "expected intp"),
        ({"split": np.array([0.5, 0.0, 0.0], dtype=np.float32)}, "expected float64"),
        ({"children": np.array([[2, 1, 1], [1, 2, 2]])}, "expected 1 dimension"),
        ({"feature": np.array([1, 0, 0, 0])[::2][:3]}, "C-contiguous"),
    ],
)
def test_a_corrupt_node_table_raises_value_error(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _run(_tiny(**changes), np.zeros((9, 2), dtype=np.float32))


@needs_c
def test_bad_rows_and_out_raise_value_error() -> None:
    rows = np.zeros((4, 2), dtype=np.float32)
    with pytest.raises(ValueError, match=r"out: expected shape \(4, 1\)"):
        _run(_tiny(), rows, np.empty((3, 1)))
    with pytest.raises(ValueError, match="writable"):
        _run(_tiny(), rows, _readonly((4, 1)))
    with pytest.raises(ValueError, match="float32 or float64"):
        _run(_tiny(), rows.astype(np.int32))
    with pytest.raises(ValueError, match="C-contiguous"):
        _run(_tiny(), np.zeros((2, 4), dtype=np.float32).T)
    with pytest.raises(ValueError, match="rows: expected 2 dimension"):
        _run(_tiny(), np.zeros(8, dtype=np.float32))


def _readonly(shape: tuple[int, int]) -> np.ndarray:
    out = np.empty(shape)
    out.setflags(write=False)
    return out


def test_forced_numpy_scores_are_bit_identical(shared: object) -> None:
    model = load_model()
    rows = _page_rows(sorted((SCRAPINGHUB / "html").glob("*.html.gz"))[3])
    default = model.predict(rows)
    numpy = model.predict(rows, pure_python=True)
    assert default.tobytes() == numpy.tobytes()
    assert model.predict(rows[:0], pure_python=True).shape == (0,)
    assert model.predict(rows[:1]).tobytes() == numpy[:1].tobytes()
    assert model.predict(rows[:1], pure_python=True).tobytes() == numpy[:1].tobytes()


@pytest.mark.parametrize(("value", "forced"), [("1", "numpy"), ("0", None), ("", None)])
def test_newsdesk_pure_python_forces_the_numpy_walk(value: str, forced: str | None) -> None:
    """The environment variable reaches the walk through ``Settings.from_env``."""
    env = {**os.environ, "NEWSDESK_PURE_PYTHON": value}
    code = (
        "from newsdesk.extract.html._model import scorer; from newsdesk.settings import Settings;"
        " print(scorer(Settings.from_env().pure_python))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    expected = forced or ("c" if _trees is not None else "numpy")
    assert done.stdout.strip() == expected


def test_settings_pure_python_picks_the_numpy_walk() -> None:
    assert scorer(Settings(pure_python=True).pure_python) == "numpy"
    assert scorer(Settings().pure_python) == ("c" if _trees is not None else "numpy")


def test_trees_keep_read_only_node_arrays_in_the_c_walks_types() -> None:
    """Any integer/float arrays make a model the C walk can read, and nothing can change
    them while it reads them without the GIL."""
    small = {
        k: v.astype(np.int32 if v.dtype.kind == "i" else np.float32) for k, v in _tiny().items()
    }
    trees = Trees(**small, baseline=0.0, depth=1)
    for name in ("roots", "feature", "split", "children", "value"):
        array = getattr(trees, name)
        assert array.dtype in (np.intp, np.float64) and not array.flags.writeable, name
    with pytest.raises(ValueError, match="read-only"):
        trees.children[0] = 99
    scores = trees.predict(np.array([[9.0, 0.5], [9.0, 0.6]], dtype=np.float32))
    assert scores.tolist() == pytest.approx([1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(1.0))])
