package report

// PackedSize is how many bytes Shed packed the report's rows in.
func PackedSize(r *Report) int { return len(r.rows) }

// PackedBlocksSize is how many bytes ShedBlocks packed the report's
// blocks in.
func PackedBlocksSize(r *Report) int { return len(r.blocks) }
