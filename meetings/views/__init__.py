"""Views of the meetings app, one module per job: meetings, invitations, attendance, reports."""
