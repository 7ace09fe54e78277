"""PostgreSQL: the planner counts each meeting's invitations and attendees, not the average.

With the default statistics target (100) PostgreSQL keeps the frequencies of the 100 most
common meetings of a table; any other meeting is estimated at the average, which a register
with hundreds of meetings of very different sizes (a liaison meeting of the 63 corporations,
area meetings of 15, a generated year of 1,300) gets wrong by 25×. The attendance of one
meeting read with its corporations was then planned as a hash of the whole register (a scan
of its 21,000 corporations, 19 ms) instead of 52 lookups by key (0.2 ms): the minutes, the
meeting report and the groups' pages (benchmarks/scale.md, 28 November 2026). A target of
1,000 keeps the frequency of every meeting up to 1,000 of them; ANALYZE reads them now.
"""

from django.db import migrations

TARGET = 1000
TABLES = ("attendee", "invitation")


def _set(target):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite plans without per-value frequencies
        quote = schema_editor.quote_name
        for model_name in TABLES:
            table = quote(apps.get_model("meetings", model_name)._meta.db_table)
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {quote('meeting_id')} SET STATISTICS {target}")
            schema_editor.execute(f"ANALYZE {table}")

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0008_indexes_for_participation_and_outreach"),
    ]

    operations = [
        migrations.RunPython(_set(TARGET), _set(-1), elidable=False),
    ]
