"""When two spellings name one corporation: the key for "likely the same name" on screen.

The import matches rows by core.normalize.name_key (NFKC and one space) and lists looser
matches (core.normalize.loose_key) for the clerk to confirm. The create and edit forms ask
the same question of one typed name, a little more loosely still: the legal form written
in front or behind in its usual variants (社会福祉法人, (社会福祉法人), 社福, (福), (社福)) is no part of
the name. '社会福祉法人　ｱｵﾊﾞ会', '（福）あおば会' and '社会福祉法人 アオバ・会' share one key.
"""

import re

from core.normalize import loose_key

# After loose_key: NFKC turns （福） into (福); spaces and middle dots are gone.
_LEGAL_FORM = r"(?:\(社会福祉法人\)|社会福祉法人|\(社福\)|\(福\)|社福)"
_AROUND = re.compile(rf"^{_LEGAL_FORM}|{_LEGAL_FORM}$")


def corporation_name_key(name: str) -> str:
    key = loose_key(name)
    stripped = _AROUND.sub("", key)
    return _AROUND.sub("", stripped) or key  # a name that is only the legal form stays itself


def similar_corporation_names(name: str, *, exclude_pk=None) -> list[str]:
    """Registered names with the same key, in one query over the names (a form's save, not a page)."""
    from .models import Corporation

    key = corporation_name_key(name)
    others = Corporation.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return [other for other in others.order_by("name_kana").values_list("name", flat=True)
            if corporation_name_key(other) == key]
