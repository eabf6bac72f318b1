"""The learned block classifier: boosted trees stored as JSON, run with numpy.

``models/body_trees.json`` is written by ``training/train_body.py``. All trees are packed
into flat node arrays (global node ids); a leaf points to itself on both sides, so every
tree can be walked a fixed number of steps for all blocks at once, with no Python loop
over blocks or trees. Score = sigmoid(baseline + sum of the reached leaves' values).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from newsdesk.errors import ConfigError
from newsdesk.extract.body_features import FEATURE_NAMES

MODEL_FILE = "body_trees.json"


@dataclass(frozen=True, slots=True)
class Trees:
    """A boosted tree ensemble packed into flat node arrays."""

    roots: np.ndarray  # node id of each tree's root
    feature: np.ndarray  # per node: feature column tested (0 for leaves)
    split: np.ndarray  # per node: go left when value <= split
    children: np.ndarray  # per node n: right child at 2n, left child at 2n + 1
    value: np.ndarray  # per node: leaf value (0 for inner nodes)
    baseline: float
    depth: int  # deepest tree's depth: steps needed to reach every leaf

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row."""
        n, width = features.shape
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        flat = np.ascontiguousarray(features, dtype=np.float64).ravel()
        row_start = (np.arange(n, dtype=np.intp) * width)[:, None]
        nodes = np.broadcast_to(self.roots[None, :], (n, len(self.roots)))  # (blocks, trees)
        for _ in range(self.depth):
            go_left = flat.take(row_start + self.feature.take(nodes)) <= self.split.take(nodes)
            nodes = self.children.take(2 * nodes + go_left)
        raw = self.baseline + self.value.take(nodes).sum(axis=1)
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
