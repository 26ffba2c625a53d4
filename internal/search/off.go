//go:build gongkai_nosearch

package search

// Off: see on.go.
const Off = true
