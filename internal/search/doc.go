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
//	search/k/N.js        gongkaiSearch.keys(N, {key: postings, ...}): for
//	                     each key whose hash falls in shard N, the reports
//	                     holding it and how (see postings.go)
//	search/t/ID.js       gongkaiSearch.text(ID, "base64"): report ID's title,
//	                     unit, address and the text of each section, as
//	                     JSON in UTF-16, gzipped
//
// A key is one or two adjacent indexable characters (letters or digits of
// any script, Han included) after folding full-width ASCII and Latin
// capitals (see Fold), or three of which one is an ASCII letter or digit:
// two Han characters are specific enough, two digits are not. A query of
// one key (two characters, or three with an ASCII one) has postings that
// give its hits' exact count and rank each report's best hit, before any
// text is read; a longer one is looked up by up to six of its keys, whose
// postings give candidates and bounds. The browser reads
// the texts of the candidates in the order of their bounds, only until the
// page's twenty hits are certain, and finds the folded query in each, so
// that a result is always an exact match, whatever the query's length,
// punctuation and mix of scripts.
//
// Reports are numbered newest year first, then by source folder, which an
// edit of a report never changes; the same site gives the same bytes.
package search
