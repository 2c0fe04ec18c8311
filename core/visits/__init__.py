"""Exchange visits (交流考察): packets, agenda, contacts and the ledger record of each reception."""
