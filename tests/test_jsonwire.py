"""fieldkit.jsonwire: orjson's speed with the standard library's reach."""

from __future__ import annotations

import json

import pytest

from fieldkit import jsonwire


def test_sorted_text_holds_the_same_values_as_the_standard_library():
    value = {"b": [1, 2.5, None, True], "a": "é\n\u2028", "c": {"z": 1, "y": 1e16}}
    text = jsonwire.dumps(value, sort_keys=True)
    assert json.loads(text) == value
    assert list(json.loads(text)) == ["a", "b", "c"]
    assert jsonwire.loads(jsonwire.dumps_bytes(value)) == value


def test_what_orjson_cannot_encode_goes_through_the_standard_library():
    huge = {"n": 10**30}
    assert json.loads(jsonwire.dumps(huge)) == huge
    assert json.loads(jsonwire.dumps_bytes(huge)) == huge
    lone = {"t": "a\ud800b"}  # a lone surrogate: escaped, the peer decides
    assert jsonwire.dumps_bytes(lone) == b'{"t": "a\\ud800b"}'


def test_raw_json_is_spliced_in_as_is():
    stored = '{"notes": "déjà", "tags": ["a"]}'
    out = jsonwire.dumps_bytes({"record": {"id": "x", "fields": jsonwire.Raw(stored)}})
    assert out == ('{"record":{"id":"x","fields":' + stored + "}}").encode()
    # Also when the rest needs the standard library.
    out = jsonwire.dumps_bytes({"n": 10**30, "fields": jsonwire.Raw(stored)})
    assert json.loads(out) == {"n": 10**30, "fields": json.loads(stored)}


def test_loads_takes_what_the_standard_library_takes_and_refuses_the_rest():
    assert jsonwire.loads("NaN") != jsonwire.loads("NaN")  # json's extension, kept
    assert jsonwire.loads(b'{"a": 1}') == {"a": 1}
    with pytest.raises(ValueError):
        jsonwire.loads("{not json")
