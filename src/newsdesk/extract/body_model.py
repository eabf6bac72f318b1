"""The learned block classifier: boosted trees stored as JSON, run with numpy.

``models/body_trees.json`` is written by ``training/train_body.py``. All trees are packed
into flat node arrays (global node ids); a leaf points to itself on both sides, so every
tree can be walked a fixed number of steps for all blocks at once, with no Python loop
over blocks or trees. Score = sigmoid(baseline + sum of the reached leaves' values).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from newsdesk.errors import ConfigError
from newsdesk.extract.body_features import FEATURE_NAMES

MODEL_FILE = "body_trees.json"


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

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row."""
        n, width = features.shape
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if self._columns > width:
            raise ConfigError("body model: a tree tests a feature column the rows do not have")
        rows = np.ascontiguousarray(features, dtype=np.float64)
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
        raw = self.baseline + self._state_value.take(states, mode="wrap").sum(axis=1)
        return 1.0 / (1.0 + np.exp(-np.clip(raw, -30.0, 30.0)))

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

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Probability that each block is main text."""
        return self.trees.predict(features)

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
