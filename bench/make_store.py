"""Write a realistic synthetic store: N articles with sentences, mentions, entities and facts.

    python bench/make_store.py --articles 100000 --out /tmp/bdt100k.sqlite

Why: the outputs (export, search, Datasette, notebooks) must be built and measured before the
crawler and the extractor produce real data, and at a scale (100,000 articles) the sample site
does not reach. Everything goes through the project's own schema and ``upsert_article``, so the
store is shaped exactly like a real one: Vietnamese titles and sentences, officials with roles,
agencies scoped to provinces, places from province to commune under their pre-2025 names (and
the post-2025 provinces for articles dated from July 2025), ethnic groups, numbers written the
Vietnamese way, dates over 2019-2025 in +07:00, several sections. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synthetic_text, when run as a script

import synthetic_text as st

from baodantoc.extract.gazetteer import AdminUnit, load_gazetteer
from baodantoc.records import Article
from baodantoc.store import connect, to_json, upsert_article
from baodantoc.store.folding import fold_name

VN = timezone(timedelta(hours=7))
REORGANIZED = datetime(2025, 7, 1, tzinfo=VN)
START, END = datetime(2019, 1, 1, tzinfo=VN), datetime(2025, 12, 31, 23, 0, tzinfo=VN)
BATCH = 500


def slug(text: str) -> str:
    return fold_name(text).replace(" ", "-")


@dataclass
class Entity:
    entity_id: str
    type: str
    name: str
    attributes: dict
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    articles: int = 0


def _lower_generic(name: str) -> str:
    """ "Huyện Mù Cang Chải" → "huyện Mù Cang Chải" (how running text writes a unit)."""
    for generic in ("Thành phố", "Thị xã", "Thị trấn", "Huyện", "Quận", "Tỉnh", "Xã", "Phường"):
        if name.startswith(generic + " "):
            return generic.lower() + name[len(generic):]
    return name


def _named(unit: AdminUnit) -> str:
    """ "Xã Y Tý", "Huyện Bát Xát", "Tỉnh Lào Cai": the unit as official lists write it."""
    kind = "thành phố" if unit.kind == "thành phố thuộc tỉnh" else unit.kind
    return f"{kind[:1].upper()}{kind[1:]} {unit.name}"


class World:
    """Places, people and agencies the articles talk about, and the corpus-wide entities."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.entities: dict[str, Entity] = {}
        # the places come from the extractor's gazetteer (both eras, with the 2025 mergers)
        gaz = load_gazetteer()
        units = gaz.units_by_code
        self.old_provinces: dict[str, list[dict]] = defaultdict(list)
        self.new_provinces: dict[str, list[dict]] = defaultdict(list)
        for unit in units.values():
            if unit.era != "old" or unit.level != "commune" or not unit.successors:
                continue
            district, successor = units.get(unit.parent_code), units.get(unit.successors[0])
            old_prov, new_prov = units.get(unit.province_code), successor and units.get(successor.province_code)
            if district is None or successor is None or old_prov is None or new_prov is None:
                continue
            rec = {"old_ward": _named(unit), "old_district": _named(district), "new_ward": _named(successor),
                   "old_short": old_prov.name, "new_short": new_prov.name,
                   "old_generic": _lower_generic(_named(old_prov)), "new_generic": _lower_generic(_named(new_prov))}
            self.old_provinces[old_prov.code].append(rec)
            self.new_provinces[new_prov.code].append(rec)
        self.codes = {u.name: u.gso_code for u in units.values() if u.level == "province"}
        self.old_keys = sorted(self.old_provinces)
        self.new_keys = sorted(self.new_provinces)
        self.people: dict[str, list[tuple[str, str]]] = {}

    def entity(self, type_: str, name: str, key: str, attributes: dict) -> Entity:
        eid = f"{type_}:{key}"
        ent = self.entities.get(eid)
        if ent is None:
            ent = self.entities[eid] = Entity(eid, type_, name, attributes)
        return ent

    def province(self, generic: str, short: str, new_short: str) -> Entity:
        return self.entity("LOC", generic, slug(short), {
            "level": "province", "province": short, "province_2025": new_short, "code": self.codes.get(short)})

    def person_name(self) -> str:
        r = self.rng
        style = r.random()
        if style < 0.5:
            return f"{r.choice(st.KINH_FAMILY)} {r.choice(st.KINH_MIDDLE)} {r.choice(st.KINH_GIVEN)}"
        if style < 0.85:
            return f"{r.choice(st.MONG_FAMILY)} {r.choice(st.MONG_MIDDLE)} {r.choice(st.MONG_GIVEN)}"
        return f"{r.choice(('Y', 'H'))} {r.choice(st.EDE_GIVEN)} {r.choice(st.EDE_FAMILY)}"

    def person(self, province: str) -> tuple[str, str]:
        pool = self.people.setdefault(province, [(self.person_name(), self.rng.choice(st.ROLES)) for _ in range(12)])
        if self.rng.random() < 0.03:
            return "Hầu A Lềnh", "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc"
        return self.rng.choice(pool)

    def scene(self, when: datetime) -> tuple[dict[str, str], dict[str, Entity]]:
        """Slot values and their entities for one article: where, who, which agency and group."""
        r = self.rng
        if when < REORGANIZED:
            rec = r.choice(self.old_provinces[r.choice(self.old_keys)])
            prov_generic, short = rec["old_generic"], rec["old_short"]
            prov = self.province(prov_generic, short, rec["new_short"])
            district = self.entity("LOC", _lower_generic(rec["old_district"]),
                                   f"{slug(short)}:{slug(rec['old_district'])}",
                                   {"level": "district", "province": short, "province_2025": rec["new_short"]})
            commune_name = rec["old_ward"]
        else:
            rec = r.choice(self.new_provinces[r.choice(self.new_keys)])
            prov_generic, short = rec["new_generic"], rec["new_short"]
            prov = self.province(prov_generic, short, short)
            district = prov  # districts were abolished in 2025: text names the province instead
            commune_name = rec["new_ward"]
        commune = self.entity("LOC", _lower_generic(commune_name), f"{slug(short)}:{slug(commune_name)}",
                              {"level": "commune", "province": rec["old_short"], "province_2025": rec["new_short"]})
        person_name, role = self.person(short)
        person = self.entity("PER", person_name, slug(person_name), {"role": role})
        if r.random() < 0.3:
            org_name, abbr = r.choice(st.NATIONAL_ORGS)
            org = self.entity("ORG", org_name, slug(org_name), {"expanded": org_name, "abbreviation": abbr})
        else:
            pattern, expanded = r.choice(st.PROVINCE_ORGS)
            org_name = pattern.format(p=prov_generic)
            org = self.entity("ORG", org_name, slug(org_name), {
                "expanded": expanded.format(p=prov_generic) if expanded else org_name, "place": prov.entity_id})
        eth_name = r.choice(st.ETHNIC_GROUPS)
        eth = self.entity("ETH", eth_name, slug(eth_name), {})
        values = {"province": prov.name, "province_short": short, "district": district.name, "commune": commune.name,
                  "person": person.name, "role": role, "org": org.name, "eth": eth.name,
                  "year": str(when.year - r.choice((0, 0, 1)))}
        ents = {"province": prov, "province_short": prov, "district": district, "commune": commune, "person": person, "org": org, "eth": eth}
        return values, ents


def make_article(world: World, index: int, used_ids: set[str]) -> dict:
    """One article record plus its sentence, mention and fact rows (offsets into ``text``)."""
    r = world.rng
    when = START + timedelta(seconds=r.randrange(int((END - START).total_seconds())))
    when = when.replace(second=0)
    article_id = str(int(when.timestamp() * 1000) - r.randrange(3_600_000, 259_200_000))
    while article_id in used_ids:
        article_id = str(int(article_id) + 1)
    used_ids.add(article_id)
    values, ents = world.scene(when)
    section, section_name = r.choice(st.SECTIONS)
    parts = [st.render(r.choice(st.TITLES), values), None, None]
    parts[0].text = parts[0].text[0].upper() + parts[0].text[1:]  # "Huyện ..." at a title's start
    parts[1] = st.render(r.choice(st.SAPOS), values, len(parts[0].text) + 2)
    offset = len(parts[0].text) + 2 + len(parts[1].text) + 2
    body_sentences: list[tuple[int, object, dict]] = []
    templates = r.sample(st.FACT_SENTENCES, r.randint(2, 4)) + r.sample(st.PLAIN_SENTENCES, r.randint(2, 4))
    r.shuffle(templates)
    paragraphs: list[list] = []
    for i, template in enumerate(templates):
        nums = st.numbers(r)
        filled = dict(values, **{k: v[0] for k, v in nums.items()})
        if i % 3 == 0 and paragraphs:
            offset += 2  # "\n\n" between paragraphs
        elif paragraphs:
            offset += 1  # " " between sentences of a paragraph
        rendered = st.render(template, filled, offset)
        body_sentences.append((offset, rendered, nums))
        offset += len(rendered.text)
        if i % 3 == 0:
            paragraphs.append([])
        paragraphs[-1].append(rendered)
    body = "\n\n".join(" ".join(s.text for s in para) for para in paragraphs)
    text = f"{parts[0].text}\n\n{parts[1].text}\n\n{body}"
    sentences, mentions, facts = [], [], []
    heads = [(0, parts[0], {}), (len(parts[0].text) + 2, parts[1], {})]
    for si, (start, rendered, nums) in enumerate([*heads, *body_sentences]):
        assert text[start:start + len(rendered.text)] == rendered.text
        sentences.append((si, start, start + len(rendered.text), rendered.text))
        for slot, s, e in rendered.entities:
            ent = ents[slot]
            assert text[s:e].lower() in (ent.name.lower(), values[slot].lower()), (text[s:e], ent.name)
            mentions.append((slot, ent, s, e, si))
        for slot, s, e in rendered.numbers:
            surface, value, unit, kind, subject = nums[slot]
            assert text[s:e] == surface
            facts.append((si, surface, s, e, value, unit, kind, subject, rendered.text))
    url = f"https://baodantoc.vn/{slug(parts[0].text)[:80]}-{article_id}.htm"
    record = {
        "article_id": article_id, "url": url, "canonical_url": url, "host": "baodantoc.vn",
        "section": section, "section_path": [section_name], "title": parts[0].text,
        "sapo": parts[1].text, "author": [world.person_name()] if r.random() < 0.8 else [],
        "source": None, "published_at": when.isoformat(), "modified_at": None,
        "tags": [ents["eth"].name, ents["province"].name.split(" ", 1)[-1]], "body": body, "text": text,
        "images": [{"src": f"https://images.baodantoc.vn/uploads/{when.year}/{article_id}.jpg",
                    "caption": f"Đồng bào {values['eth']} ở {values['commune']}"}],
        "related_urls": [], "alternate_urls": [], "fetched_at": (when + timedelta(days=1)).isoformat(),
        "http_status": 200, "extraction": {"title": "selector", "published_at": "selector"},
        "layout": "synthetic",
    }
    return {"record": record, "sentences": sentences, "mentions": mentions, "facts": facts,
            "place": ents["province"].entity_id, "province": ents["province"], "year": str(when.year)}


def write_article(db, world: World, art: dict) -> None:
    aid = art["record"]["article_id"]
    upsert_article(db, Article.from_dict(art["record"]))
    db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", [(aid, *s) for s in art["sentences"]])
    seen: set[str] = set()
    rows = []
    for k, (_slot, ent, s, e, si) in enumerate(art["mentions"]):
        ent.mentions += 1
        ent.aliases.add(art["record"]["text"][s:e])
        if ent.entity_id not in seen:
            seen.add(ent.entity_id)
            ent.articles += 1
        rows.append((aid, f"m{k}", ent.type, art["record"]["text"][s:e], s, e, si, ent.entity_id,
                     "synthetic", 1.0, to_json(ent.attributes)))
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    where = art["province"].attributes
    db.executemany(
        "INSERT INTO facts (article_id, fact_id, sentence_index, text, start, end, value, value_max, unit, kind,"
        " approx, subject, place, province, province_2025, scope, period, period_source, sentence, attributes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'stated', ?, ?)",
        [(aid, f"f{k}", si, surface, s, e, value, unit, kind, int(world.rng.random() < 0.2), subject,
          art["place"], where.get("province"), where.get("province_2025"), art["year"], sentence, to_json({}))
         for k, (si, surface, s, e, value, unit, kind, subject, sentence) in enumerate(art["facts"])],
    )
    db.execute("INSERT INTO extraction_state VALUES (?, 'synthetic', ?, ?, NULL)",
               (aid, art["record"].get("content_hash"), art["record"]["fetched_at"]))


def make_store(out: Path | str, articles: int, seed: int = 7, progress: bool = False) -> Path:
    """Write a fresh store of ``articles`` synthetic articles to ``out`` (replaced if present)."""
    out = Path(out)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    world = World(random.Random(seed))
    db = connect(out)
    used: set[str] = set()
    started = time.perf_counter()
    for first in range(0, articles, BATCH):
        with db:
            for i in range(first, min(first + BATCH, articles)):
                write_article(db, world, make_article(world, i, used))
        if progress:
            done = min(first + BATCH, articles)
            print(f"\r{done:,}/{articles:,} articles, {time.perf_counter() - started:.0f} s", end="", file=sys.stderr)
    with db:
        db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(e.entity_id, e.type, e.name, to_json(sorted(e.aliases)), to_json(e.attributes), e.articles, e.mentions)
             for e in sorted(world.entities.values(), key=lambda e: e.entity_id) if e.mentions],
        )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    if progress:
        print(file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="store file to write (replaced)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make_store(args.out, args.articles, args.seed, progress=True)
    size = args.out.stat().st_size / 2**20
    print(f"wrote {args.articles:,} articles to {args.out} ({size:,.0f} MiB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
