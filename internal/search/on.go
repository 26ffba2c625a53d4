//go:build !gongkai_nosearch

package search

// Off is set in a binary built with the tag gongkai_nosearch, which
// writes no index: the yardstick scripts/bench-search.sh measures the
// index's cost against, from the same checkout. The tests that read an
// index skip then.
const Off = false
