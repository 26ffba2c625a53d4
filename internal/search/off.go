//go:build gongkai_nosearch

package search

// off: see on.go.
const off = true

// Off: see on.go.
const Off = off
