"""arsip: a clean, deduplicated, searchable archive of regional news about BPJS Ketenagakerjaan."""
