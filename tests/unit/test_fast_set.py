"""The one-pass reading of a set (`records._fast_set`) takes only what the field-by-field
reading takes, and gives the same record; anything else is left to the slow path, which names
the field."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from glute_tui.core import records
from glute_tui.core.records import RecordError, SetRecord

ODD = st.one_of(st.none(), st.booleans(), st.integers(-5, 200_000), st.floats(allow_nan=True),
                st.sampled_from([0, -1, 1, 100_000, 100_001, 86_400, 86_400.5, -0.0, 0.0, float("inf")]),
                st.text(max_size=5), st.sampled_from(["", "squat", "left", "none", "easy", "app", "é", "\ud800"]),
                st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1))
FIELDS = ["exercise", "side", "set", "target_reps", "reps", "hold_s", "load", "seconds", "skipped",
          "effort", "counted_by", "too_fast"]
GOOD = {"exercise": "squat", "side": "left", "set": 1, "target_reps": 12, "reps": 10, "hold_s": None,
        "load": "kg:4", "seconds": 31.5, "skipped": False, "effort": "right", "counted_by": "app",
        "too_fast": False}


def slow(data: dict, version: int) -> SetRecord | None:
    saved = records._fast_set
    records._fast_set = lambda data, version: None
    try:
        return SetRecord.from_dict(data, version=version)
    except RecordError:
        return None
    finally:
        records._fast_set = saved


def same(a: SetRecord, b: SetRecord) -> bool:
    return all(x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))
               for x, y in zip(a.to_dict().values(), b.to_dict().values()))


@settings(max_examples=600, deadline=None)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), ODD, max_size=4),
       dropped=st.sets(st.sampled_from(FIELDS), max_size=2), version=st.sampled_from([1, 2, 3]))
def test_the_one_pass_reading_agrees_with_the_field_by_field_one(changes, dropped, version):
    data = {k: v for k, v in {**GOOD, **changes}.items() if k not in dropped}
    fast = records._fast_set(data, version)
    expected = slow(data, version)
    if fast is not None:
        assert expected is not None and same(fast, expected)


def test_a_plain_set_takes_the_one_pass_reading():
    assert records._fast_set(dict(GOOD), 3) == slow(dict(GOOD), 3)


EDGES = [None, True, False, 0, -1, 1, 12, 100_000, 100_001, 86_400, 86_400.5, -0.0, 0.5, float("nan"),
         float("inf"), "", "squat", "kg:4", "left", "right", "none", "alternate", "easy", "failed", "app",
         "person", "é", "\ud800", [], {}, [1], {"a": 1}]


def test_each_field_at_each_edge_value_agrees_with_the_field_by_field_reading():
    checked = 0
    for field in FIELDS:
        for value in [*EDGES, "missing"]:
            data = dict(GOOD)
            if value == "missing":
                del data[field]
            else:
                data[field] = value
            for version in (1, 3):
                fast = records._fast_set(data, version)
                if fast is not None:
                    expected = slow(data, version)
                    assert expected is not None and same(fast, expected), (field, value, version)
                    checked += 1
    assert checked > 50  # the plain cases did take the one-pass reading


def test_a_set_writes_every_field_in_the_order_of_its_class():
    """`to_dict` is written out by hand (asdict deep-copied every value): a field added to the
    class and not to it, or written out of order, changes what a history or export holds."""
    from dataclasses import asdict

    record = SetRecord.from_dict(dict(GOOD))
    assert list(record.to_dict().items()) == list(asdict(record).items())
    assert list(record.to_dict()) == FIELDS
