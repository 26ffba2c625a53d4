// Package search builds the full-text index of a site into static files,
// which static/assets/search.js reads in the browser: no server, no service,
// and nothing but script elements, so that search works over HTTP under any
// sub-path, from file:// and under the policy default-src 'self'.
//
// The index has three kinds of file under search/, each a script that
// calls one global registration function of search.js:
//
//	search/meta.js       gongkaiSearch.meta({...}): the number of key shards
//	                     and each report's year and unit
//	search/k/N.js        gongkaiSearch.keys(N, {key: postings, ...}): the
//	                     reports holding each key whose hash falls in shard N
//	search/t/ID.js       gongkaiSearch.text(ID, "base64 of gzip"): report ID's
//	                     title, unit, address and the text of each section
//
// A key is one indexable character (a letter or digit of any script, Han
// included) or two adjacent ones, after folding full-width ASCII and Latin
// capitals (see Fold). A query is looked up by the keys of its runs of
// indexable characters, which give the candidate reports; the browser then
// finds the folded query in each candidate's folded text, so that a result
// is always an exact match, whatever the query's length, punctuation and
// mix of scripts. The postings name reports, not sections: that keeps the
// index small, and the text a report's results need is loaded anyway for
// the snippets.
//
// Reports are numbered newest year first, then by source folder, which an
// edit of a report never changes; the same site gives the same bytes.
package search
