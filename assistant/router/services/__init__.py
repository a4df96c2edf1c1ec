"""Services the built-in skills share: the clock, SQLite stores, the scheduler, catalogues and knowledge."""
