"""The learned block classifier: boosted trees stored as JSON, run in C or with numpy.

``models/body_trees.json`` is written by ``training/train_body.py``. All trees are packed
into flat node arrays (global node ids); a leaf points to itself on both sides, so every
tree can be walked a fixed number of steps with no test for leaves. Score =
sigmoid(baseline + sum of the reached leaves' values).

Two walks reach the same leaves: the C extension ``newsdesk.extract._trees`` (built by
``make install`` when a C compiler is present; about four times as fast) and a numpy walk of
all blocks at once. Either way numpy sums the leaf values, so both give bit-identical
scores. ``scorer`` says which one is used; ``Settings.pure_python`` (the environment's
``NEWSDESK_PURE_PYTHON=1``) forces numpy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from newsdesk.errors import ConfigError
from newsdesk.extract.html._features import FEATURE_NAMES

MODEL_FILE = "body_trees.json"


LeafValues = Callable[..., None]  # the C walk's ``leaf_values`` (see _trees.pyi)


def _built_c_walk() -> LeafValues | None:
    """The C walk's ``leaf_values``, or ``None`` when newsdesk was installed without a C
    compiler (then the numpy walk scores)."""
    try:
        from newsdesk.extract import _trees
    except ImportError:
        return None
    return _trees.leaf_values


_C_WALK = _built_c_walk()


def scorer(pure_python: bool = False) -> str:
    """The walk that scores blocks: "c", or "numpy" (forced by ``pure_python``, as
    ``Settings.pure_python`` asks, or the C walk not built)."""
    return "c" if _C_WALK is not None and not pure_python else "numpy"


_C_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))  # row types the C walk reads
_NODE_DTYPES = {
    "roots": np.intp, "feature": np.intp, "split": np.float64, "children": np.intp,
    "value": np.float64,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trees:
    """A boosted tree ensemble packed into flat node arrays.

    The walk keeps a *state* per block and tree, ``2 * node`` while at ``node``: every
    per-node array is also stored twice (at ``2n`` and ``2n + 1``), so a step is
    ``state = next_state[state + went_left]``, with no arithmetic on node ids."""

    roots: np.ndarray  # node id of each tree's root
    feature: np.ndarray  # per node: feature column tested (0 for leaves)
    split: np.ndarray  # per node: go left when value <= split
    children: np.ndarray  # per node n: right child at 2n, left child at 2n + 1
    value: np.ndarray  # per node: leaf value (0 for inner nodes)
    baseline: float
    depth: int  # deepest tree's depth: steps needed to reach every leaf
    _state_feature: np.ndarray = field(init=False, repr=False)
    _state_split: np.ndarray = field(init=False, repr=False)
    _state_value: np.ndarray = field(init=False, repr=False)
    _next_state: np.ndarray = field(init=False, repr=False)  # per 2n + went_left: 2 * child
    _columns: int = field(init=False, repr=False)  # feature columns the trees need

    def __post_init__(self) -> None:
        for name, dtype in _NODE_DTYPES.items():
            # Own read-only copies in the types the C walk takes: it reads them without
            # the GIL, so no other thread may change them meanwhile.
            array = np.array(getattr(self, name), dtype=dtype, order="C")
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        if len(self.children) != 2 * len(self.feature) or not (
            (self.children >= 0).all()
            and (self.children < len(self.feature)).all()
            and (self.feature >= 0).all()
            and ((self.roots >= 0) & (self.roots < len(self.feature))).all()
        ):
            raise ConfigError("body model: a tree node points outside the node table")
        for name, per_node in (
            ("_state_feature", self.feature),
            ("_state_split", self.split),
            ("_state_value", self.value),
        ):
            object.__setattr__(self, name, np.repeat(per_node, 2))
        object.__setattr__(self, "_next_state", 2 * self.children)
        object.__setattr__(self, "_columns", int(self.feature.max(initial=-1)) + 1)

    def predict(self, features: np.ndarray, pure_python: bool = False) -> np.ndarray:
        """Probability of the positive class for each row (``pure_python``: numpy walk)."""
        n, width = features.shape
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if self._columns > width:
            raise ConfigError("body model: a tree tests a feature column the rows do not have")
        walk = None if pure_python else _C_WALK
        if walk is not None:
            leaves = np.empty((n, len(self.roots)), dtype=np.float64)
            # float32 rows as they are: a float32 widened to compare with a float64 split
            # is exact, as converting the rows first would be.
            if features.dtype not in _C_DTYPES or not features.flags.c_contiguous:
                features = np.ascontiguousarray(features, dtype=np.float64)
            walk(
                features, self.roots, self.feature, self.split, self.children, self.value,
                max(self.depth, 1), leaves,
            )  # fmt: skip
        else:
            leaves = self._numpy_leaf_values(np.ascontiguousarray(features, dtype=np.float64))
        raw = self.baseline + leaves.sum(axis=1)
        probability: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(raw, -30.0, 30.0)))
        return probability

    def _numpy_leaf_values(self, rows: np.ndarray) -> np.ndarray:
        """The numpy walk: the value of the leaf each row reaches in each tree, all rows and
        trees at once (``rows``: float64, C order, every column the trees test)."""
        n, width = rows.shape
        flat = rows.ravel()
        row_start = (np.arange(n, dtype=np.intp) * width)[:, None]
        # Indices are in range (checked above), so "wrap" only skips numpy's bounds checks.
        feature, split, step = self._state_feature, self._state_split, self._next_state
        # The first step tests one column per tree, the same for every block.
        roots = 2 * self.roots
        went_left = rows[:, feature[roots]] <= split[roots]
        states = np.where(went_left, step[roots + 1], step[roots])
        for _ in range(self.depth - 1):
            values = flat.take(row_start + feature.take(states, mode="wrap"), mode="wrap")
            states = step.take(states + (values <= split.take(states, mode="wrap")), mode="wrap")
        leaves: np.ndarray = self._state_value.take(states, mode="wrap")
        return leaves

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trees:
        nodes = data["nodes"]
        return cls(
            roots=np.asarray(data["roots"], dtype=np.intp),
            feature=np.asarray(nodes["feature"], dtype=np.intp),
            split=np.asarray(nodes["split"], dtype=np.float64),
            children=np.stack([nodes["right"], nodes["left"]], axis=1).astype(np.intp).ravel(),
            value=np.asarray(nodes["value"], dtype=np.float64),
            baseline=float(data["baseline"]),
            depth=int(data["depth"]),
        )


@dataclass(frozen=True, slots=True)
class BlockModel:
    trees: Trees
    threshold: float  # keep a block of the main region when its probability is at least this
    region_threshold: float  # the main region is found with this cut

    def predict(self, features: np.ndarray, pure_python: bool = False) -> np.ndarray:
        """Probability that each block is main text (``pure_python``: numpy walk)."""
        return self.trees.predict(features, pure_python)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = MODEL_FILE) -> BlockModel:
        if list(data.get("features", [])) != list(FEATURE_NAMES):
            raise ConfigError(
                f"{source}: its features do not match newsdesk's body features "
                "(retrain with training/train_body.py)"
            )
        return cls(
            trees=Trees.from_dict(data),
            threshold=float(data["threshold"]),
            region_threshold=float(data["region_threshold"]),
        )


@cache
def load_model() -> BlockModel:
    """The bundled model (read once per process; it is immutable)."""
    path = resources.files("newsdesk.extract") / "models" / MODEL_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"{MODEL_FILE}: cannot read the bundled body model ({exc}); "
            "reinstall newsdesk or run training/train_body.py"
        ) from exc
    return BlockModel.from_dict(data)
