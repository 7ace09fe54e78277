"""Bulk inserts in batches of BATCH rows."""

BATCH = 5000


def batched(rows, size=BATCH):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert(model, rows) -> list:
    """bulk_create in batches; returns the created objects (with their keys)."""
    created = []
    for batch in batched(rows):
        created += model.objects.bulk_create(batch, batch_size=BATCH)
    return created


def insert_quiet(model, rows) -> int:
    """bulk_create in batches, keeping nothing in memory; returns the count."""
    count = 0
    for batch in batched(rows):
        model.objects.bulk_create(batch, batch_size=BATCH)
        count += len(batch)
    return count
