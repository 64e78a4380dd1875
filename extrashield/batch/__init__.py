"""Tables of cases on disk and the screening of them: formats in and out, record batches, workers."""
