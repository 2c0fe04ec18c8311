"""Where numbers are computed (engine, queries), rolled up over committees (rollup) and printed (formats)."""
