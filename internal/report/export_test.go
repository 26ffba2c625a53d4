package report

// PackedSize is how many bytes Shed packed the report's rows in.
func PackedSize(r *Report) int { return len(r.rows) }
