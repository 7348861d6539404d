import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_QUERY_LENGTH, parseDateRange, parseQuery } from "../src/search/query.ts";
import { queryWordTerms, wordTerm } from "../src/search/search-terms.ts";
import { makeSnippet } from "../src/search/snippet.ts";
import { QueryError } from "../src/store/types.ts";

test("query words analyze like the pipeline: clitics, hamza, diacritics, spelling variants, ه for ة", () => {
  assert.equal(wordTerm("والعراق"), wordTerm("العراق"));
  assert.equal(wordTerm("العِرَاقِ"), wordTerm("العراق"));
  assert.equal(wordTerm("مسئول"), wordTerm("مسؤول"));
  assert.equal(wordTerm("الأميركيين"), wordTerm("أمريكي"));
  assert.ok(queryWordTerms("السعوديه").includes(wordTerm("السعودية")));
  assert.equal(wordTerm("Reuters"), "reuters");
});

test("the parser builds groups, phrases, exclusions and filters", () => {
  const q = parseQuery(
    'إيران OR العراق "مجلس الأمن" -داعش site:aawsat date:2015-07 unit:جندي value>1000 -has:quote speaker:"حيدر العبادي"',
  );
  assert.equal(q.must.length, 2);
  assert.equal(q.must[0]!.any.length, 2);
  assert.equal(q.must[1]!.any[0]!.kind, "phrase");
  assert.equal(q.must[1]!.any[0]!.terms.length, 2);
  assert.deepEqual(
    q.not.map((a) => a.text),
    ["داعش"],
  );
  const fields = q.filters.map((f) => f.field);
  assert.deepEqual(fields, ["site", "date", "unit", "value", "has", "speaker"]);
  assert.deepEqual(q.filters[1], { field: "date", from: "2015-07-01", to: "2015-07-31", negate: false });
  assert.deepEqual(q.filters[3], {
    field: "value",
    min: 1000,
    max: null,
    minOpen: true,
    maxOpen: false,
    negate: false,
  });
  assert.equal(q.filters[4]!.negate, true);
  assert.equal(q.filters[5]!.field === "speaker" && q.filters[5]!.terms.length, 2);
});

test("date ranges: years, months, open ends, leap years", () => {
  assert.deepEqual(parseDateRange("2016-02"), ["2016-02-01", "2016-02-29"]);
  assert.deepEqual(parseDateRange("2015"), ["2015-01-01", "2015-12-31"]);
  assert.deepEqual(parseDateRange("..2015-03-31"), [null, "2015-03-31"]);
  assert.deepEqual(parseDateRange("2015-01-01.."), ["2015-01-01", null]);
});

test("malformed queries: codes and offsets", () => {
  const fails = (q: string, code: string, at?: number) => {
    try {
      parseQuery(q);
    } catch (e) {
      assert.ok(e instanceof QueryError);
      assert.equal(e.code, code, q);
      if (at !== undefined) assert.equal(e.at, at, q);
      return;
    }
    assert.fail(`no error for ${q}`);
  };
  fails('العراق "مجلس', "unclosed_quote", 7);
  fails("العراق foo:bar", "unknown_field", 7);
  fails("date:2015-02-30", "bad_date", 0);
  fails("value:9..1", "bad_range");
  fails("OR العراق", "dangling_or", 0);
  fails("العراق OR -سوريا", "dangling_or", 7);
  fails("lang:arabic", "bad_lang");
  fails("site>3", "bad_operator");
  fails("x".repeat(MAX_QUERY_LENGTH + 1), "query_too_long");
});

test("snippets center on the matches and highlight whole words as written", () => {
  const text = "قال المسؤول إن القوات العراقية دخلت المدينة. وأضاف أن والعراق يحتاج إلى دعم.";
  const words = [...text.matchAll(/[\u0600-\u06ff]+/g)];
  const terms = words.map((m) => wordTerm(m[0]));
  const offsets = words.flatMap((m) => [m.index!, m.index! + m[0].length]);
  const s = makeSnippet(text, terms, offsets, new Set([wordTerm("العراق")]));
  assert.ok(s.highlights.length >= 1);
  for (const [a, b] of s.highlights) assert.equal(wordTerm(s.snippet.slice(a, b)), wordTerm("العراق"));
});
