import re
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from contributions.models import NetworkPattern, TargetGroup, Theme
from core.forms import WarekiDateField
from core.ids import IdsMultipleChoiceField
from corporations.models import Area, Corporation, Facility, ServiceType

from .models import (
    CLOSED_STATUSES,
    Need,
    NeedKind,
    NeedStatus,
    OfferStatus,
    Resource,
    ResourceKind,
    Visibility,
)
from .services import NeedDetails, ResourceDetails

# What looks like a phone number or a postal code in a case's text (after NFKC, so that
# full-width digits count too): the portal keeps none. \u30fc is the long-vowel dash people
# type for a hyphen, \u3012 the postal mark.
PERSONAL_NUMBER = re.compile(r"(0\d{1,4}[-\u30fc( ]?\d{1,4}[-\u30fc) ]?\d{3,4})|(\d{3}[-\u30fc]\d{4})|(\u3012)")


def looks_personal(text: str) -> bool:
    return bool(PERSONAL_NUMBER.search(unicodedata.normalize("NFKC", text or "")))


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


def _active_or_chosen(model, instance, related):
    if instance is not None and instance.pk:
        return model.objects.filter(Q(is_active=True) | Q(**{related: instance.pk})).distinct()
    return model.objects.filter(is_active=True)


class NeedForm(forms.ModelForm):
    """Staff record a need. A case (個別課題) holds no name, address or phone: only an age
    band, an area and a short description."""

    class Meta:
        model = Need
        fields = [
            "kind", "title", "age_band", "description", "areas", "themes", "target_groups", "resource_kinds",
            "source", "source_note", "received_on", "urgency", "in_charge",
        ]
        # Odd ids (², a huge number) are refused with the field's message, not a 500.
        field_classes = {
            **{name: IdsMultipleChoiceField for name in ("areas", "themes", "target_groups", "resource_kinds")},
            "received_on": WarekiDateField,  # R9.5.20, 令和9年5月20日, 2027-05-20 (core.forms)
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "areas": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "resource_kinds": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "kind": _("個別課題（パターン①）は、氏名・住所・電話番号など個人が特定できることを記録しません。"
                      "年代・地域・短い説明だけを書きます。事務局と打診した法人だけが読め、閲覧は記録されます。"),
            "description": _("個別課題では、個人が特定できることを書かないでください。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["areas"].queryset = _active_or_chosen(Area, instance, "needs")
        self.fields["themes"].queryset = _active_or_chosen(Theme, instance, "needs")
        self.fields["target_groups"].queryset = _active_or_chosen(TargetGroup, instance, "needs")
        self.fields["resource_kinds"].queryset = _active_or_chosen(ResourceKind, instance, "needs")
        self.fields["in_charge"].queryset = User.objects.filter(
            Q(is_staff=True, is_active=True) | Q(pk=instance.in_charge_id or 0)
        ).order_by("username")
        self.fields["kind"].choices = NeedKind.choices
        if not instance.pk:
            self.initial.setdefault("received_on", timezone.localdate())
        self.helper = _helper(_("保存する"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == NeedKind.CASE:
            if not cleaned.get("age_band"):
                self.add_error("age_band", _("個別課題では年代を選んでください。"))
            for name in ("title", "description", "source_note"):
                if looks_personal(cleaned.get(name)):
                    self.add_error(
                        name, _("電話番号や郵便番号のような数字は書けません。個人が特定できることは記録しません。"),
                    )
        else:
            cleaned["age_band"] = ""
        return cleaned

    def details(self) -> NeedDetails:
        data = self.cleaned_data
        return NeedDetails(
            kind=data["kind"], title=data["title"], description=data["description"], source=data["source"],
            received_on=data["received_on"], in_charge=data["in_charge"], urgency=data["urgency"],
            source_note=data["source_note"], age_band=data.get("age_band") or "", areas=list(data["areas"]),
            themes=list(data["themes"]), target_groups=list(data["target_groups"]),
            resource_kinds=list(data["resource_kinds"]),
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新しい状況"), widget=forms.RadioSelect)
    outcome = forms.CharField(
        label=_("結果"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("解決・終了・見送りにするときは必ず書きます。"),
    )
    note = forms.CharField(label=_("メモ"), required=False, max_length=500)

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, NeedStatus(s).label) for s in need.next_statuses]
        self.helper = _helper(_("状況を変える"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in CLOSED_STATUSES and not (cleaned.get("outcome") or "").strip():
            self.add_error("outcome", _("結果を書いてください。"))
        return cleaned


class CandidateFilterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("地域"), queryset=Area.objects.filter(is_active=True), required=False,
                                  empty_label=_("すべて"))
    resource_kind = forms.ModelChoiceField(label=_("資源の種類"), queryset=ResourceKind.objects.filter(is_active=True),
                                           required=False, empty_label=_("すべて"))
    service_type = forms.ModelChoiceField(label=_("種別"), queryset=ServiceType.objects.filter(is_active=True),
                                          required=False, empty_label=_("すべて"))


class OfferSendForm(forms.Form):
    """The corporations ticked on the candidates page (any active corporation may be posted)."""

    corporations = IdsMultipleChoiceField(
        label=_("打診する法人"), queryset=Corporation.objects.filter(is_active=True),
        error_messages={"required": _("打診する法人を選んでください。")},
    )
    message = forms.CharField(label=_("法人へのメッセージ"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("回答"), widget=forms.RadioSelect,
        choices=[(OfferStatus.ACCEPTED, _("応諾（協力できます）")), (OfferStatus.DECLINED, _("辞退（今回は難しい）"))],
    )
    message = forms.CharField(label=_("事務局へのメッセージ"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("辞退のときは理由を一言お書きください。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("回答する"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == OfferStatus.DECLINED and not (cleaned.get("message") or "").strip():
            self.add_error("message", _("辞退の理由を一言書いてください。"))
        return cleaned


class TakeOnForm(forms.Form):
    corporations = IdsMultipleChoiceField(
        label=_("対応する法人"), queryset=Corporation.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("打診に応諾した法人から選びます。"),
    )
    note = forms.CharField(label=_("メモ"), required=False, max_length=500)

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        accepted = Corporation.objects.filter(offer_requests__need=need, offer_requests__status=OfferStatus.ACCEPTED)
        self.fields["corporations"].queryset = accepted.order_by("name_kana")
        self.initial.setdefault("corporations", list(
            accepted.filter(offer_requests__is_engaged=True).values_list("pk", flat=True)
        ))
        self.helper = _helper(_("対応中にする"))


class ProjectStartForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("実施法人"), queryset=Corporation.objects.none(), empty_label=None,
                                   help_text=_("打診に応諾した法人から選びます。"))
    pattern = forms.ModelChoiceField(label=_("ネットワークのパターン"),
                                     queryset=NetworkPattern.objects.order_by("number"),
                                     widget=forms.RadioSelect, empty_label=None)
    title = forms.CharField(label=_("事業名"), max_length=200)
    summary = forms.CharField(label=_("概要"), max_length=300, help_text=_("一覧に表示される一文です。"))

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Corporation.objects.filter(
            offer_requests__need=need, offer_requests__status=OfferStatus.ACCEPTED
        ).order_by("-offer_requests__is_engaged", "name_kana")
        pattern = NetworkPattern.objects.filter(number=need.default_pattern_number).first()
        if pattern is not None:
            self.initial.setdefault("pattern", pattern.pk)
        if need.kind == NeedKind.ISSUE:
            self.initial.setdefault("title", need.public_title or need.title)
        else:
            self.fields["title"].help_text = _(
                "事業は公開されることがあります。個別課題の内容を事業名に書かないでください。"
            )
        self.helper = _helper(_("下書きの事業をつくる"))


class LinkForm(forms.Form):
    project = forms.IntegerField(label=_("事業の番号"), min_value=1,
                                 help_text=_("事業のページのアドレスにある番号（/projects/12/ なら 12）。"))


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("公開範囲"), widget=forms.RadioSelect,
        choices=[
            (Visibility.MEMBERS, Visibility.MEMBERS.label),
            (Visibility.PUBLIC, _("一般に公開（この地域で求められていること）")),
        ],
    )
    public_title = forms.CharField(label=_("公開用の件名"), max_length=200)
    public_description = forms.CharField(
        label=_("公開用の内容"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
    )
    confirm = forms.BooleanField(label=_("この文章を確認し、このまま公開することを承認します。"))

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        if need.visibility == Visibility.STAFF:
            self.initial.update({"visibility": Visibility.MEMBERS, "public_title": need.title,
                                 "public_description": need.description})
        else:
            self.initial.update({"visibility": need.visibility, "public_title": need.public_title,
                                 "public_description": need.public_description})
        self.helper = _helper(_("承認して公開する"))


class ResourceForm(forms.ModelForm):
    """A corporation's resource. The corporation comes in through the constructor and
    limits the facilities offered."""

    class Meta:
        model = Resource
        fields = [
            "kind", "title", "facility", "description", "days", "hours", "fee", "fee_note", "capacity",
            "is_available", "is_public", "contact_name", "contact_phone", "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, corporation: Corporation, **kwargs):
        super().__init__(*args, **kwargs)
        self.corporation = corporation
        self.fields["facility"].queryset = Facility.objects.filter(corporation=corporation).order_by("name_kana")
        self.fields["facility"].empty_label = _("法人全体")
        self.fields["kind"].queryset = _active_or_chosen(ResourceKind, self.instance, "resources")
        self.helper = _helper(_("保存する"))

    def details(self) -> ResourceDetails:
        data = self.cleaned_data
        return ResourceDetails(**{name: data[name] for name in self.Meta.fields})
