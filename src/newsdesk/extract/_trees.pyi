# Type stub of the C extension built from _trees.c (see its leaf_values docstring).
import numpy as np

def leaf_values(
    rows: np.ndarray,
    roots: np.ndarray,
    feature: np.ndarray,
    split: np.ndarray,
    children: np.ndarray,
    value: np.ndarray,
    steps: int,
    out: np.ndarray,
    /,
) -> None: ...
