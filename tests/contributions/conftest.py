import pytest

from tests.contributions.factories import seeded_vocabularies


@pytest.fixture
def vocab(db):
    return seeded_vocabularies()


def form_data(vocab, **changes):
    data = {
        "title": "子ども食堂あおば",
        "summary": "毎月、施設の食堂で子ども食堂を開きます。",
        "description": "地域の子どもと高齢者が一緒に食べます。",
        "pattern": vocab["patterns"][3].pk,
        "kind": "place",
        "status": "active",
        "areas": [vocab["areas"]["練馬"].pk],
        "themes": [vocab["themes"]["食糧支援"].pk],
        "target_groups": [vocab["targets"]["子ども"].pk],
        "partners": [],
        "facilities": [],
        "period_start": "2015-10-01",
        "period_end": "",
        "frequency": "毎月第3土曜日",
        "public_contact": "あおばホーム 03-3993-9931",
        "ripple_score": "4",
        "feasibility_score": "3",
        "version": "1",  # the edit form's: a project as a factory makes it (a create form has none)
    }
    data.update(changes)
    return data
