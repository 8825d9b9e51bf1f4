"""The confidence calibration map."""

from __future__ import annotations

from workbench.align.calibration import EMBEDDED, LEXICAL, Calibration


def test_identity_map_leaves_posteriors_alone() -> None:
    identity = Calibration(0.0, 1.0, 0.0, 0.0)
    assert abs(identity(0.8, 1, 1) - 0.8) < 1e-9


def test_fitted_maps_keep_the_order_of_posteriors() -> None:
    for cal in (LEXICAL, EMBEDDED):
        values = [cal(p / 100, 1, 1) for p in range(0, 101, 5)]
        assert values == sorted(values)
        assert all(0.0 < v < 1.0 for v in values)


def test_a_lone_sentence_is_trusted_less_than_a_pair_at_the_same_posterior() -> None:
    assert LEXICAL(0.99, 1, 0) < LEXICAL(0.99, 1, 1)
