"""The ledger (台账): record categories, records, Excel import and export."""
