"""manage.py load_scale: the demo, then generated rows up to issue 13's shape (portal/scale/)."""

import io

import pytest
from django.core.management import CommandError, call_command

from contributions.models import Project, PublishedProject
from corporations.models import Area, Corporation, Facility
from meetings.models import (
    Attendee,
    Guest,
    Invitation,
    Meeting,
    MeetingMail,
    Minutes,
    MinutesDecision,
    MinutesFollowUp,
    RsvpPerson,
)
from needs.models import Need, NeedProject, NeedStatusChange, OfferRequest, Resource
from portal import scale


def _load(*args):
    out = io.StringIO()
    call_command("load_scale", *args, stdout=out)
    return out.getvalue()


def _snapshot():
    return (
        list(Corporation.objects.order_by("name").values_list("name", "name_kana", "kind", "home_area__name")),
        list(Facility.objects.order_by("corporation__name", "name")
             .values_list("corporation__name", "name", "area__name")),
        list(Meeting.objects.order_by("series__fiscal_year", "series__title", "number")
             .values_list("series__title", "number", "starts_at")),
        Attendee.objects.count(), Invitation.objects.count(), RsvpPerson.objects.count(), Project.objects.count(),
        list(Guest.objects.order_by("meeting__series__title", "meeting__number", "organisation")
             .values_list("organisation", "name", "answer", "present")),
        Minutes.objects.count(), MinutesFollowUp.objects.count(), MeetingMail.objects.count(),
        list(Need.objects.order_by("title").values_list("title", "kind", "status", "visibility")),
        OfferRequest.objects.count(), list(Resource.objects.order_by("title").values_list("title", "fee", "capacity")),
    )


def test_it_grows_from_the_demo_to_the_issues_shape_in_a_straight_line():
    demo = scale.DEMO_SHAPE
    assert scale.issue_shape(1, demo) == scale.Shape()
    assert scale.issue_shape(100, demo).plus(demo) == scale.ISSUE_100X
    at_10 = scale.issue_shape(10, demo).plus(demo)
    assert 1_900 < at_10.corporations < 2_100 and 80_000 < at_10.attendees < 100_000


@pytest.mark.django_db
def test_it_loads_the_demo_and_the_generated_rows_and_reports_timings():
    output = _load("--factor", "1.2")
    demo_and_more = scale.count_rows()
    assert Corporation.objects.filter(name="社会福祉法人つくりっこの家").exists()  # the demo is there
    assert demo_and_more.corporations > 63 + 30
    assert demo_and_more.facilities > demo_and_more.corporations
    assert demo_and_more.meetings > 4 and demo_and_more.attendees > 150 and demo_and_more.projects > 50
    assert "corporations:" in output and " s" in output and "factor 1.2" in output
    # Every generated row obeys the model's rules (the bulk insert skipped full_clean).
    for model in (Corporation, Facility, Meeting, Attendee, Invitation, RsvpPerson, Project, Guest, Minutes,
                  MinutesDecision, MinutesFollowUp, MeetingMail, Need, NeedStatusChange, OfferRequest, NeedProject,
                  Resource):
        for row in model.objects.order_by("-pk")[:20]:
            row.full_clean()
    assert PublishedProject.objects.filter(project__owner__name__startswith="生成").exists()
    # What follows the meetings grows with them; needs and resources beyond the demo's.
    generated = Meeting.objects.filter(series__title__contains="生成連絡会")
    assert Guest.objects.filter(meeting__in=generated).count() == 3 * generated.count()
    assert Minutes.objects.filter(meeting__in=generated).count() == generated.count()
    newest = max(generated.values_list("series__fiscal_year", flat=True))
    assert MeetingMail.objects.filter(meeting__series__fiscal_year=newest).count() == MeetingMail.objects.count() > 0
    assert demo_and_more.needs > 7 and demo_and_more.resources > 110
    assert OfferRequest.objects.filter(need__title__contains="（").exists()
    assert "needs" in output and "resources" in output


@pytest.mark.django_db
def test_it_refuses_a_database_with_a_register_and_starts_again_with_reset():
    _load("--factor", "1.1")
    first = _snapshot()
    with pytest.raises(CommandError, match="--reset"):
        _load("--factor", "1.1")
    assert _snapshot() == first
    output = _load("--factor", "1.1", "--reset")
    assert "emptied" in output
    # Deterministic: the same factor and seed give the same rows, and the vocabularies stay.
    assert _snapshot() == first
    assert Area.objects.filter(name="練馬").exists()


@pytest.mark.django_db
def test_a_second_generation_adds_rows_with_new_names(world):
    scale.Generator(seed=1).run(scale.Shape(corporations=5, facilities=10, meetings=2, attendees=10, projects=3))
    scale.Generator(seed=1).run(scale.Shape(corporations=5, facilities=10, meetings=2, attendees=10, projects=3))
    assert Corporation.objects.filter(name__startswith="生成").count() == 10
    assert Meeting.objects.count() == 4
