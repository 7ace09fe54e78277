"""Rows for scale: a register, meetings, projects, needs and resources many times the demo's,
written with bulk inserts.

Used by `manage.py load_scale` (the benchmarks) and by tests that must hold at ten times the
rows. What it writes is plausible but fictional, and deterministic: the same counts and seed
give the same rows. Bulk inserts skip the services on purpose (the services write one row and
one history record at a time: 21,000 corporations through them would take hours); the rows
obey every constraint all the same, and no history is written for them.

Two shapes:
- `DEMO_SHAPE`: the demo's own proportions (63 corporations …). Tests add `(factor - 1)`
  of it to the rows they have, so "10×" means ten times the register a test starts from.
- `ISSUE_100X`: what issue 13 measured as 100× (21,000 corporations, 100,000 facilities,
  750 meetings, 1,000,000 attendees, 5,000 projects; and 100 times the demo's needs and
  resources). `load_scale --factor F` grows from the demo (F = 1) to that (F = 100) in a
  straight line.

What follows the meetings grows with them: three guests and the minutes (two decisions, one
or two follow-ups) of each generated meeting, and the mails (with the mail queue's rows) of
the newest generated year's invitations and reminders. Each need has its status changes;
needs being asked or answered have offer requests to two corporations.
"""

from .generator import Generator
from .reset import KEPT, wipe
from .shape import DEMO_SHAPE, ISSUE_100X, Shape, count_rows, issue_shape

__all__ = ["DEMO_SHAPE", "ISSUE_100X", "KEPT", "Generator", "Shape", "count_rows", "issue_shape", "wipe"]
