"""Load Nerima's FY2015 network as demo data: `manage.py load_demo [--if-empty]`.

Each app contributes a `demo.load(acting_user=…)`; this command only runs them in order.
"""

import importlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership, User
from corporations.models import Corporation

DEMO_APPS = ["corporations", "meetings", "contributions", "needs"]
DEMO_PASSWORD = "nerima-demo-2015"
# (username, display name, staff?, corporation name, role)
DEMO_ACCOUNTS = [
    ("staff", "練馬 太郎（事務局）", True, None, None),
    ("member", "豊玉 花子（つくりっこの家）", False, "社会福祉法人つくりっこの家", Membership.Role.EDITOR),
    ("viewer", "桜台 次郎（つくりっこの家）", False, "社会福祉法人つくりっこの家", Membership.Role.VIEWER),
    ("member2", "石神井 光（慈愛会）", False, "社会福祉法人慈愛会", Membership.Role.EDITOR),
]


class Command(BaseCommand):
    help = "Load the demo: Nerima's 63 corporations, demo accounts, meetings and projects."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the register already has corporations."
        )

    def handle(self, *args, **options):
        if Corporation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already has data; the demo was not loaded.")
                return
            raise CommandError("The register is not empty; the demo loads into an empty database only.")
        with transaction.atomic():
            staff = self._accounts_before_register()
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError:
                    continue
                module.load(acting_user=staff)
                if app == "corporations":
                    self._memberships()
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded: {Corporation.objects.count()} corporations. "
            f"Log in as staff / member / viewer / member2 with the password {DEMO_PASSWORD}."
        ))

    def _accounts_before_register(self) -> User:
        staff = None
        for username, display_name, is_staff, _corporation, _role in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username, defaults={"display_name": display_name})
            user.email = f"{username}@example.jp"
            user.is_staff = is_staff
            user.is_superuser = is_staff  # the demo secretariat also works in the admin
            user.set_password(DEMO_PASSWORD)
            user.save()
            if is_staff:
                staff = user
        return staff

    def _memberships(self):
        for username, _name, _staff, corporation_name, role in DEMO_ACCOUNTS:
            if corporation_name:
                Membership.objects.update_or_create(
                    user=User.objects.get(username=username),
                    defaults={"corporation": Corporation.objects.get(name=corporation_name), "role": role},
                )
