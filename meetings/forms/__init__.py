"""Forms of the meetings app, one module per job (as the views)."""
