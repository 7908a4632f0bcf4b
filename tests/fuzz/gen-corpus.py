#!/usr/bin/env python3
"""Writes the seed corpus of the JSON fuzz target into tests/fuzz/corpus/json/.

Run from the top of the tree: python3 tests/fuzz/gen-corpus.py (the files are committed;
re-run it after editing the cases below). Two kinds of input, one JSON text per file:

- records derived from the project's own data/sample-feed.ndjson (fictional articles the
  project wrote), whole, re-escaped, cut short, joined;
- hand-written cases in the manner of JSONTestSuite (written here, not copied): the name
  says what the reader must do with them. y_: valid JSON (accepted; an object is a record),
  n_: invalid (rejected), i_: left to the implementation (documented in common/json.h).

tests/unit/test_fuzz_regress.c replays every file through the fuzz target's checks and
holds the reader to the y_/n_ verdicts.
"""
import json
import os
import sys

OUT = os.path.join("tests", "fuzz", "corpus", "json")
FEED = os.path.join("data", "sample-feed.ndjson")

cases = {}


def add(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert name not in cases, name
    cases[name] = data


# ---- valid ---------------------------------------------------------------------------------
add("y_empty_object", "{}")
add("y_literals", '{"t":true,"f":false,"n":null}')
add("y_nested", '{"a":{"b":{"c":[1,[2,[3,{}]],[]]}},"d":[{"e":""}]}')
add("y_numbers", '{"n":[0,-0,1,-1,0.5,-0.0e0,1e5,1E+5,1e-5,-1.5e-300,'
    '123456789012345678901234567890,2.2250738585072014e-308]}')
add("y_escapes", r'{"s":"\"\\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u20ac\ud83d\ude00\uFFFF"}')
add("y_utf8_raw", '{"s":"caf\u00e9 \u20ac5 \U0001F600 \u65e5\u672c \u0301 \u200d","k\u00e9y":1}')
add("y_utf8_edges", b'{"s":"\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"}')
add("y_arrays", r'{"a":["x", "y\u00e9" ,["z",[]],""],"b":[true,false,null,-1.5e3,{"k":[1]}],"c":[ ]}')
add("y_dup_keys", '{"body":"first","body":"second","id":1,"id":"2"}')
add("y_whitespace", ' \t\r\n{ \t"a" \n: \r1 ,\n"b":[ 1 , 2 ] } \n\t ')
add("y_empty_key_and_value", '{"":"","x":[],"y":{}}')
add("y_escaped_keys", r'{"b\u006fdy":"escaped key","\"q\"":1,"a\/b":2}')
add("y_long_string", '{"body":"' + "Shares rose 2.2% to $485. " * 400 + '"}')
add("y_many_members", "{" + ",".join('"k%d":%d' % (i, i) for i in range(600)) + "}")
add("y_deep_500", '{"a":' + "[" * 499 + "]" * 499 + "}")
add("y_array_top", "[1,2,3]")
add("y_string_top", '"just a string"')
add("y_number_top", "-12.5e3")
add("y_null_top", "null")
add("y_record_fields", '{"id":"x1","title":null,"body":42,"entities":[],"tickers":[{"symbol":"BABA"}]}')

# ---- invalid -------------------------------------------------------------------------------
add("n_empty", "")
add("n_only_space", " \n")
add("n_trailing_comma_object", '{"a":1,}')
add("n_trailing_comma_array", '{"a":[1,2,]}')
add("n_single_quotes", "{'a':'b'}")
add("n_unquoted_key", "{a:1}")
add("n_missing_colon", '{"a" 1}')
add("n_missing_value", '{"a":}')
add("n_missing_comma", '{"a":1 "b":2}')
add("n_leading_zero", '{"a":01}')
add("n_plus_sign", '{"a":+1}')
add("n_dot_first", '{"a":.5}')
add("n_dot_last", '{"a":1.}')
add("n_bare_exponent", '{"a":1e}')
add("n_hex_number", '{"a":0x10}')
add("n_nan", '{"a":NaN}')
add("n_infinity", '{"a":-Infinity}')
add("n_true_capital", '{"a":True}')
add("n_truncated_literal", '{"a":nul}')
add("n_raw_tab_in_string", '{"a":"x\ty"}')
add("n_raw_newline_in_string", '{"a":"x\ny"}')
add("n_raw_nul_in_string", b'{"a":"x\x00y"}')
add("n_bad_escape", r'{"a":"\x41"}')
add("n_short_unicode_escape", r'{"a":"\u12"}')
add("n_unicode_escape_non_hex", r'{"a":"\u12G4"}')
add("n_unterminated_string", '{"a":"abc')
add("n_unterminated_object", '{"a":1')
add("n_unterminated_array", '{"a":[1,2}')
add("n_close_mismatch", '{"a":[1}]')
add("n_extra_close", '{"a":1}}')
add("n_two_objects", '{"a":1}{"b":2}')
add("n_two_lines", '{"a":1}\n{"b":2}\n')
add("n_comment", '{/* note */"a":1}')
add("n_nul_after", b'{"a":1}\x00')
add("n_bom", b'\xef\xbb\xbf{"a":1}')
add("n_utf8_ff", b'{"a":"\xff"}')
add("n_utf8_continuation_alone", b'{"a":"\x80"}')
add("n_utf8_overlong_slash", b'{"a":"\xc0\xaf"}')
add("n_utf8_overlong_3", b'{"a":"\xe0\x80\xaf"}')
add("n_utf8_surrogate_encoded", b'{"a":"\xed\xa0\x80"}')
add("n_utf8_above_max", b'{"a":"\xf4\x90\x80\x80"}')
add("n_utf8_truncated", b'{"a":"\xe2\x82"}')
add("n_utf8_truncated_at_end", b'{"a":"x"}\xe2\x82')
add("n_utf8_in_key", b'{"\xfe":1}')
add("n_deep_600", "[" * 600 + "]" * 600)
add("n_deep_object_600", '{"a":' * 600 + "1" + "}" * 600)

# ---- left to the implementation ------------------------------------------------------------
add("i_lone_high_surrogate", r'{"a":"\ud800"}')
add("i_lone_low_surrogate", r'{"a":"x\udc00y"}')
add("i_reversed_surrogates", r'{"a":"\ude00\ud83d"}')
add("i_high_then_escape", r'{"a":"\ud83d\n"}')
add("i_huge_exponent", '{"a":1e999999999}')
add("i_tiny_exponent", '{"a":-1e-999999999}')
add("i_long_number", '{"a":' + "9" * 2000 + "}")
add("i_noncharacters", b'{"a":"\xef\xbf\xbe\xf0\x9f\xbf\xbf"}')

# ---- derived from data/sample-feed.ndjson --------------------------------------------------
with open(FEED, encoding="utf-8") as f:
    feed = [line.rstrip("\n") for line in f if line.strip()]
for i in (0, 7, 21):
    add("y_feed_%02d" % i, feed[i])
rec = json.loads(feed[3])
add("y_feed_ascii_escaped", json.dumps(rec, ensure_ascii=True))
add("y_feed_pretty", json.dumps(rec, ensure_ascii=False, indent=2))
add("y_feed_crlf", feed[5] + "\r\n")
add("n_feed_cut_mid_string", feed[9][: len(feed[9]) // 2])
add("n_feed_cut_mid_escape", json.dumps(rec, ensure_ascii=True).split("\\u", 1)[0] + "\\u00")
add("n_feed_two_records", feed[1] + feed[2])
cut = feed[10].encode("utf-8")
k = next(j for j in range(len(cut)) if cut[j] >= 0xC0)  # the first multi-byte character
add("n_feed_cut_mid_character", cut[: k + 1] + b'"}')

os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(os.path.join(OUT, old))
for name, data in sorted(cases.items()):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
print("%d files in %s" % (len(cases), OUT), file=sys.stderr)
