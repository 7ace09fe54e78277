"""Rows the benchmarks bulk-insert (through the services, 100× a ward would take minutes)."""

BATCH = 2000


def link(relation, rows, targets) -> None:
    """Bulk-inserts the many-to-many links of `rows` through `relation` (Need.areas, Project.themes …):
    the i-th row is linked to each of targets(i)."""
    through = relation.through
    source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{source: row, target: linked}) for i, row in enumerate(rows) for linked in targets(i)],
        batch_size=BATCH,
    )
