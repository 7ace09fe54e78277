"""Corporations and their facilities."""

from __future__ import annotations

from corporations.models import Corporation, Facility

from .inserts import insert
from .words import FACILITY_PATTERNS, GIVEN, STEMS, SUFFIXES, SURNAMES, TOWNS


class RegisterRows:
    """Corporations and their facilities.

    A part of Generator: self.rng, self.areas … and self._timed come from it.
    """

    def _corporations(self, count: int) -> list[Corporation]:
        rng = self.rng
        rows = []
        for _index in range(count):
            self.serial += 1
            n = self.serial
            stem, stem_kana = STEMS[n % len(STEMS)]
            suffix, suffix_kana = SUFFIXES[(n // len(STEMS)) % len(SUFFIXES)]
            town, postal = TOWNS[n % len(TOWNS)]
            rows.append(Corporation(
                # 生成 (generated) marks the rows as this module's; the number keeps names unique.
                name=f"生成{stem}{suffix}{n:05d}", name_kana=f"セイセイ{stem_kana}{suffix_kana}{n:05d}",
                kind=rng.choice(Corporation.Kind.values), home_area=self.areas[n % len(self.areas)],
                postal_code=postal, address=f"東京都練馬区{town}{rng.randint(1, 6)}-{rng.randint(1, 30)}",
                phone=f"03-{rng.randint(3900, 3999)}-{rng.randint(1000, 9999)}", email=f"gen{n}@example.jp",
                representative=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                is_active=rng.random() > 0.03,
            ))
        created = self._timed("corporations", lambda: insert(Corporation, rows))
        return created

    def _facilities(self, corporations: list[Corporation], count: int) -> dict[int, list[Facility]]:
        rng = self.rng
        rows = []
        if corporations and count:
            per = [count // len(corporations)] * len(corporations)
            for index in rng.sample(range(len(corporations)), count % len(corporations)):
                per[index] += 1
            # By position, not pk: PostgreSQL's sequences go on after --reset, and the same seed
            # must give the same rows.
            for position, (corporation, how_many) in enumerate(zip(corporations, per, strict=True)):
                stem = corporation.name.removeprefix("生成")[:4]
                for number in range(how_many):
                    pattern, pattern_kana = FACILITY_PATTERNS[(position + number) % len(FACILITY_PATTERNS)]
                    town, postal = TOWNS[(position + number) % len(TOWNS)]
                    rows.append(Facility(
                        corporation=corporation, name=pattern.format(f"{stem}{number + 1}"),
                        name_kana=pattern_kana.format(f"セイセイ{number + 1}"),
                        service_type=self.types[(position + number) % len(self.types)],
                        area=corporation.home_area if number == 0 else rng.choice(self.areas),
                        postal_code=postal, address=f"東京都練馬区{town}{rng.randint(1, 6)}-{rng.randint(1, 30)}",
                        capacity=rng.choice([None, 20, 30, 50, 80]),
                    ))
        created = self._timed("facilities", lambda: insert(Facility, rows))
        by_corporation: dict[int, list[Facility]] = {}
        for facility in created:
            by_corporation.setdefault(facility.corporation_id, []).append(facility)
        return by_corporation

