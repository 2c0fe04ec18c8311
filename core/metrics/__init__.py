"""Where numbers are computed: metric definitions over ledger records, per committee and period."""
