import html

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.concurrency import VersionedFormMixin
from core.forms import WarekiDateField
from core.ids import IdsMultipleChoiceField, parse_id
from core.widgets import SearchSelect, SearchSelectMultiple
from corporations.models import Area, Corporation, Facility

from .models import NetworkPattern, Project, ProjectReview, TargetGroup, Theme, sanitize_description


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    """What the owner's editor may change. The owner comes in through the constructor;
    ownership and the publication state are never fields, so posting them changes nothing."""

    class Meta:
        model = Project
        fields = [
            "title", "summary", "description", "pattern", "kind", "status", "areas", "themes",
            "target_groups", "partners", "facilities", "period_start", "period_end", "frequency",
            "public_contact", "ripple_score", "feasibility_score",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "areas": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "facilities": forms.CheckboxSelectMultiple,
            # A search box and the chosen partners only, not a list of the whole register.
            "partners": SearchSelectMultiple(search_url=reverse_lazy("corporations:search")),
            "pattern": forms.RadioSelect,
        }
        field_classes = {
            **{name: IdsMultipleChoiceField for name in ("areas", "themes", "target_groups", "partners", "facilities")},
            # Dates typed as clerks do: R9.5.20, 令和9年5月20日, 2027-05-20 (core.forms).
            "period_start": WarekiDateField, "period_end": WarekiDateField,
        }

    def __init__(self, *args, owner: Corporation | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        if self.instance.pk:
            # The description is stored sanitised ("&" as "&amp;"): the edit box shows it as
            # typed, and an unchanged description posted again is not counted as a change.
            self.initial["description"] = html.unescape(self.instance.description)
        self.fields["pattern"].queryset = NetworkPattern.objects.order_by("number")
        self.fields["pattern"].empty_label = None
        # Retired areas, themes and target groups, and partners that have left the network,
        # stay offered on projects that already carry them (saving does not drop them).
        self.fields["areas"].queryset = self._active_or_chosen(Area)
        self.fields["themes"].queryset = self._active_or_chosen(Theme)
        self.fields["target_groups"].queryset = self._active_or_chosen(TargetGroup)
        partners = self._active_or_chosen(Corporation, "joint_projects").order_by("name_kana", "name")
        if owner is not None:
            partners = partners.exclude(pk=owner.pk)
        self.fields["partners"].queryset = partners
        self.fields["partners"].help_text = _(
            "一緒に取り組む法人（複数選べます）。共同実施法人のメンバーもこの事業を閲覧できます。"
        )
        self.fields["facilities"].queryset = self._facility_choices()
        self.fields["facilities"].help_text = _(
            "実施法人と共同実施法人の施設から選びます。新しく選んだ法人の施設は、一度保存すると選べるようになります。"
        )
        self.helper = _helper(_("保存する"))

    def _active_or_chosen(self, model, related="projects"):
        if self.instance.pk:
            return model.objects.filter(Q(is_active=True) | Q(**{related: self.instance.pk})).distinct()
        return model.objects.filter(is_active=True)

    def _partner_ids(self) -> list[int]:
        if self.is_bound:
            name = self.add_prefix("partners")
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name, [])
            return [pk for pk in map(parse_id, values) if pk is not None]
        if self.instance.pk:
            return list(self.instance.partners.values_list("pk", flat=True))
        return []

    def _owner_id(self):
        return self.owner.pk if self.owner is not None else None

    def _facility_choices(self):
        corporations = [*self._partner_ids()]
        if self._owner_id():
            corporations.append(self._owner_id())
        return (
            Facility.objects.filter(corporation_id__in=corporations)
            .select_related("corporation")
            .order_by("corporation__name_kana", "name_kana")
        )

    def clean_description(self):
        return sanitize_description(self.cleaned_data.get("description", ""))

    def clean(self):
        # The period's order is the model's rule (Project.clean), checked when the form validates.
        cleaned = super().clean()
        allowed = {c.pk for c in cleaned.get("partners") or []} | {self._owner_id()}
        strays = [f.name for f in cleaned.get("facilities") or [] if f.corporation_id not in allowed]
        if strays:
            self.add_error(
                "facilities", _("実施法人か共同実施法人の施設だけを選べます: %(names)s") % {"names": "、".join(strays)}
            )
        return cleaned


class StaffProjectForm(ProjectForm):
    """Staff also give their own scores; on a new project they choose the owner."""

    owner_choice = forms.ModelChoiceField(
        label=_("実施法人"), queryset=Corporation.objects.filter(is_active=True).order_by("name_kana", "name"),
        widget=SearchSelect(search_url=reverse_lazy("corporations:search")),
    )

    class Meta(ProjectForm.Meta):
        fields = ProjectForm.Meta.fields + ["staff_ripple_score", "staff_feasibility_score"]

    def __init__(self, *args, owner: Corporation | None, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        if owner is not None:
            del self.fields["owner_choice"]
        else:
            self.order_fields(["owner_choice"])
            self.fields["partners"].queryset = Corporation.objects.filter(is_active=True).order_by("name_kana", "name")

    def _owner_id(self):
        if self.owner is not None:
            return self.owner.pk
        value = self.data.get(self.add_prefix("owner_choice")) if self.is_bound else None
        return parse_id(value)

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner_choice")
        if owner is not None and owner in (cleaned.get("partners") or []):
            self.add_error("partners", _("実施法人は共同実施法人に含められません。"))
        return cleaned


class PhotoForm(forms.Form):
    """A JPEG, PNG or WebP photo: the extension and the file's first bytes must agree; what is
    stored is a copy made from the pixels alone (core.uploads.reencode_image)."""

    MAX_BYTES = 5 * 1024 * 1024
    KINDS = [uploads.JPEG_IMAGE, uploads.PNG_IMAGE, uploads.WEBP_IMAGE]

    image = forms.FileField(
        label=_("写真（JPEG・PNG・WebP、5MBまで）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}),
    )
    caption = forms.CharField(
        label=_("説明（代替テキスト）"), max_length=200,
        help_text=_("写真の内容を短く書いてください。画面の読み上げで使われます。顔の写る方の同意を得てください。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_type = None
        self.helper = _helper(_("写真を追加する"))

    def clean_image(self):
        uploaded = self.cleaned_data["image"]
        self.content_type = uploads.check_upload(
            uploaded, self.KINDS, max_bytes=self.MAX_BYTES,
            too_big=_("ファイルが大きすぎます（5MBまで）。"),
            wrong_kind=_("JPEG・PNG・WebP の画像ファイルを選んでください。"),
            mismatch=_("JPEG・PNG・WebP の画像ファイルを選んでください。"),
        )
        # Photos are shown to the public: stored re-encoded, without the GPS position and the
        # author a camera writes into the file.
        return uploads.reencode_image(uploaded, self.content_type)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ProjectReview
        fields = ["reviewed_on", "stage", "outcomes", "issues", "next_step", "next_review_on"]
        field_classes = {"reviewed_on": WarekiDateField, "next_review_on": WarekiDateField}
        widgets = {
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "issues": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("reviewed_on", timezone.localdate())
        # The order of the two dates is the model's rule (ProjectReview.clean).
        self.helper = _helper(_("振り返りを記録する"))


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("差し戻しの理由（法人の編集者にメールで届きます）"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("差し戻す"))
