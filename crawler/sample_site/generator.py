"""Synthetic articles for scale runs: N articles in the content format, deterministic per seed.

Text is assembled from Vietnamese templates and word lists (content/generator_words.json) so the
crawler and the extractor meet realistic material at volume: officials with roles, ethnic-minority
names, agencies, places under the names of their era (districts and the 63 provinces before
2025-07-01; communes and the 34 provinces after), ethnic groups and numbers written the Vietnamese
way ("1.761 hộ", "51,4%", "3,5 tỷ đồng"). People are invented; places are real.
"""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from .content import CHANNEL_START, Article, sort_newest_first
from .markup import ascii_fold, image_for

WORDS_FILE = Path(__file__).parent / "content" / "generator_words.json"
#: Publication dates are drawn uniformly from this range (+07:00).
FIRST_DATE = datetime.fromisoformat("2019-01-01T06:00:00+07:00")
LAST_DATE = datetime.fromisoformat("2025-12-20T22:00:00+07:00")
#: Share of the VietNamNet channel's articles that are also cross-posted on vietnamnet.vn.
CROSSPOST_SHARE = 0.2
_SECTIONS = ("thoi-su", "chinh-sach", "chinh-sach/giam-ngheo", "chinh-sach/nguoi-co-uy-tin", "kinh-te",
             "xa-hoi", "van-hoa", "giao-duc", "y-te", "phap-luat", "quoc-phong-an-ninh",
             "khoa-hoc-cong-nghe", "mtqg")
_SLOT_RE = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return json.loads(WORDS_FILE.read_text(encoding="utf-8"))


def vn_int(n: int) -> str:
    """1761 -> "1.761" (dot for thousands, as Vietnamese text writes it)."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float) -> str:
    """51.4 -> "51,4" (comma for decimals); whole numbers without a decimal part."""
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _person_name(rng: random.Random, group: str) -> str:
    names = _words()["ethnic_names"].get(group) or _words()["kinh_names"]
    if "pattern" in names:
        return rng.choice(names["pattern"]).format(f=rng.choice(names.get("family", [""])),
                                                   g=rng.choice(names["given"])).strip()
    return f"{rng.choice(names['family'])} {rng.choice(names['middle'])} {rng.choice(names['given'])}"


def _honorific(name: str) -> str:
    return "bà" if " Thị " in f" {name} " or name.startswith(("H'", "Ka ")) else "ông"


class _Slots:
    """The fillers of one article: one province/district/commune and era-appropriate names."""

    def __init__(self, rng: random.Random, published: datetime, border: bool = False) -> None:
        words = _words()
        self.rng, self.new_era = rng, published >= CHANNEL_START
        provinces = [p for p in words["provinces"] if p["border"] or not border]
        prov = rng.choice(provinces)
        self.has_border = bool(prov["border"])
        district, communes = rng.choice(prov["districts"])
        self.values: dict[str, str] = {
            "tinh": prov["new"] if self.new_era else prov["old"], "huyen": district, "xa": rng.choice(communes),
            "village": rng.choice(prov["villages"]), "dantoc": rng.choice(prov["groups"]),
            "border": prov["border"] or "", "year": str(published.year - (published.month < 4)),
            "day": str(published.day), "month": str(published.month),
            "provinces": "34" if self.new_era else "63",
        }
        v = self.values
        v["Tinh"] = v["tinh"]
        v["Huyen"] = v["xa"] if self.new_era else v["huyen"]
        v["Xa"] = f"xã {v['xa']}"
        v["place"] = (f"xã {v['xa']}, tỉnh {v['tinh']}" if self.new_era
                      else rng.choice([f"xã {v['xa']}, huyện {v['huyen']}", f"huyện {v['huyen']}"]))
        era = "new" if self.new_era else "old"
        self.roles, self.orgs = words["roles"][era], words["orgs"][era]
        v["local"] = _person_name(rng, v["dantoc"])

    def fill(self, template: str) -> str:
        rng, v = self.rng, self.values
        words = _words()
        dynamic = {
            "person": lambda: self._person(),
            "person_short": lambda: self._person(short=True),
            "org": lambda: rng.choice(self.orgs).format(**v),
            "n_ho": lambda: vn_int(rng.randint(120, 4800)),
            "n_small": lambda: str(rng.randint(5, 60)), "n_tiny": lambda: str(rng.randint(3, 9)),
            "pct": lambda: vn_dec(rng.uniform(3, 60)), "pct2": lambda: vn_dec(rng.uniform(90, 99.8)),
            "pct3": lambda: vn_dec(rng.uniform(5, 30)), "pct_target": lambda: str(rng.randint(3, 8)),
            "money": lambda: vn_dec(rng.uniform(1.2, 95)), "million": lambda: vn_int(rng.randint(50, 900)),
            "ha": lambda: vn_dec(rng.uniform(1.5, 12)), "km": lambda: str(rng.randint(5, 25)),
            "income": lambda: str(rng.randint(18, 45)), "rank": lambda: str(rng.randint(1, int(v["provinces"]))),
            "target_year": lambda: str(min(2030, int(v["year"]) + rng.randint(2, 5))),
            "crop": lambda: rng.choice(words["crops"]), "craft": lambda: rng.choice(words["crafts"]),
            "festival": lambda: rng.choice(words["festivals"]),
            "coop": lambda: f"Nông nghiệp {v['xa']}",
        }

        def one(match: re.Match[str]) -> str:
            key = match.group(1)
            return dynamic[key]() if key in dynamic else v[key]

        text = _SLOT_RE.sub(one, template)
        return text[:1].upper() + text[1:]

    def _person(self, short: bool = False) -> str:
        name = _person_name(self.rng, self.rng.choice([self.values["dantoc"], "Kinh"]))
        hon = _honorific(name)
        if short:
            return f"{hon} {name}"
        return self.rng.choice(self.roles).format(hon=hon, name=name, **self.values)


def _byline(rng: random.Random) -> str:
    authors = _words()["authors"]
    a, b = rng.sample(authors, 2)
    roll = rng.random()
    for limit, byline in ((0.68, a), (0.83, f"{a} - {b}"), (0.88, f"{a} và {b}"), (0.91, f"{a}, {b}"),
                          (0.95, f"{a} (T/h)"), (0.99, rng.choice(_words()["sources"]))):
        if roll < limit:
            return byline
    return ""


def _slug(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in ascii_fold(title)).split()
    return "-".join(words[:14])


def _blocks(rng: random.Random, slots: _Slots, article_id: str, published: datetime, layout: str) -> list[dict]:
    words = _words()
    pool = [t for t in words["paragraphs"] if slots.has_border or "{border}" not in t]
    rng.shuffle(pool)
    count = rng.randint(5, 8)
    paragraphs, spare = pool[:count], pool[count:]
    blocks: list[dict] = [{"type": "p", "text": slots.fill(t)} for t in paragraphs]
    figures = {"photo": 5, "emagazine": 3}.get(layout, 1)
    for i in range(figures):
        caption = slots.fill(rng.choice(words["captions"])) if rng.random() > 0.05 else ""
        src = image_for(article_id, published, f"anh-{i + 1}")
        blocks.insert(min(len(blocks), 1 + i * 2), {"type": "figure", "src": src, "caption": caption})
    if layout == "emagazine" or rng.random() < 0.4:
        headings = rng.sample(words["headings"], 3 if layout == "emagazine" else 1)
        for n, heading in enumerate(headings):
            blocks.insert(min(len(blocks), 3 + n * 3), {"type": "h", "text": heading})
    if rng.random() < 0.3:
        blocks.insert(len(blocks) - 1, {"type": "quote", "text": rng.choice(words["quotes"])})
    if rng.random() < 0.1:
        blocks.append({"type": "qa", "q": "Những khó khăn lớn nhất hiện nay là gì?",
                       "a": slots.fill(spare[0] if spare else paragraphs[0])})
    return blocks


def generate_articles(n: int, seed: int = 0, taken_ids: set[str] | None = None,
                      taken_crossposts: set[str] | None = None) -> list[Article]:
    """``n`` synthetic articles (newest first), the same for the same ``seed``.

    ``taken_ids`` and ``taken_crossposts`` are article ids and vietnamnet.vn cross-post ids already
    in use (the hand-written articles); generated ids avoid both.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    taken = set(taken_ids or ())
    words = _words()
    span = int((LAST_DATE - FIRST_DATE).total_seconds() // 60)
    articles: list[Article] = []
    by_section: dict[str, list[str]] = {}
    crosspost_ids = set(taken_crossposts or ())
    next_crosspost = 2_200_000
    for _ in range(n):
        published = FIRST_DATE + timedelta(minutes=rng.randrange(span))
        published = published.replace(hour=rng.randint(6, 22))
        draft = published - timedelta(minutes=rng.randint(120, 4 * 24 * 60), milliseconds=rng.randint(0, 59_999))
        article_id = int(draft.timestamp() * 1000)
        while str(article_id) in taken:
            article_id -= 1
        taken.add(str(article_id))
        section = rng.choice(_SECTIONS)
        host = ("chuongtrinhmtqg.baodantoc.vn" if section == "mtqg"
                else "dantocphattrien.vietnamnet.vn" if published >= CHANNEL_START else "baodantoc.vn")
        layout = rng.choices(("standard", "photo", "video", "emagazine"), (94, 3, 2, 1))[0]
        slots = _Slots(rng, published, border=section == "quoc-phong-an-ninh")
        title = slots.fill(rng.choice(words["titles"][section]))
        byline = _byline(rng)
        article: Article = {
            "id": str(article_id), "slug": _slug(title), "host": host, "section": section, "layout": layout,
            "title": title, "sapo": slots.fill(rng.choice(words["sapos"])), "byline": byline,
            "published": published.isoformat(), "modified": None,
            "blocks": _blocks(rng, slots, str(article_id), published, layout),
            "tags": [slots.values["tinh"], rng.choice(words["tags"])],
            "related": rng.sample(by_section.get(section, []), min(3, len(by_section.get(section, [])))),
            "quirks": [] if byline else ["no_author"],
        }
        if host == "dantocphattrien.vietnamnet.vn" and rng.random() < CROSSPOST_SHARE:
            while str(next_crosspost) in crosspost_ids:
                next_crosspost += 1
            crosspost_ids.add(str(next_crosspost))
            article["crosspost"] = {"host": "vietnamnet.vn", "id": str(next_crosspost), "slug": article["slug"]}
        by_section.setdefault(section, []).append(article["id"])
        articles.append(article)
    return sort_newest_first(articles)
