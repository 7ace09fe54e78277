"""core_generation: one row whose value every committed write to the portal's data moves on
(core/generation.py installs the triggers after each migrate). Not a model: `flush` leaves it
alone, and nothing but the triggers writes it."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_outgoing_mail_in_the_admin"),
    ]

    operations = [
        migrations.RunSQL(
            [
                "CREATE TABLE core_generation (id integer PRIMARY KEY, value bigint NOT NULL)",
                "INSERT INTO core_generation (id, value) VALUES (1, 0)",
            ],
            "DROP TABLE core_generation",
        ),
    ]
