"""Vocabulary and sentence templates for the synthetic store (bench/make_store.py).

Invented text in the paper's register: officials with roles, agencies scoped to a province,
places from province to commune, ethnic groups, and numbers written the Vietnamese way ("1.761
hộ", "51,4%", "3,5 tỷ đồng"). Nothing here comes from the evaluation data.

A template is a string with ``{slot}`` markers. :func:`render` fills them and returns the text with
the span of every entity slot and every number slot, so mentions and facts carry true offsets.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

ETHNIC_GROUPS = (
    "Mông", "Dao", "Tày", "Thái", "Nùng", "Ê Đê", "Gia Rai", "Ba Na", "Xơ Đăng", "Khmer", "Chăm",
    "Mường", "Hà Nhì", "Lô Lô", "Giáy", "Cơ Tu", "Raglai", "Xtiêng", "Bru - Vân Kiều", "Sán Dìu",
)

KINH_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Đinh")
KINH_MIDDLE = ("Văn", "Thị", "Hồng", "Minh", "Đức", "Quang", "Thanh", "Ngọc", "Xuân", "Hữu")
KINH_GIVEN = ("Hưng", "Dũng", "Lan", "Hòa", "Thắng", "Tuấn", "Hà", "Phương", "Đạt", "Sơn", "Hải", "Bình")
MONG_FAMILY = ("Giàng", "Hầu", "Sùng", "Vàng", "Lý", "Thào", "Mùa", "Sình")
MONG_MIDDLE = ("A", "Seo", "Mí", "Chứ", "Thị")
MONG_GIVEN = ("Lềnh", "Phử", "Dình", "Pó", "Chư", "Sử", "Dế", "Mang")
EDE_GIVEN = ("Pốt", "Biêr", "Khoa", "Tlang", "Blô", "Đhi")
EDE_FAMILY = ("Niê", "Mlô", "Ayun", "Byă", "Êban", "Adrơng")

ROLES = (
    "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Trưởng ban Dân tộc tỉnh",
    "Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Chủ tịch UBND xã", "Trưởng thôn", "già làng",
    "Người có uy tín", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn",
)

NATIONAL_ORGS = (
    ("Ủy ban Dân tộc", "UBDT"), ("Ngân hàng Chính sách xã hội", "NHCSXH"),
    ("Bộ Lao động - Thương binh và Xã hội", None), ("Bộ Đội Biên phòng", "BĐBP"),
)
PROVINCE_ORGS = (
    ("UBND {p}", "Ủy ban nhân dân {p}"), ("Ban Dân tộc {p}", None), ("HĐND {p}", "Hội đồng nhân dân {p}"),
    ("Sở Nông nghiệp và Phát triển nông thôn {p}", None), ("Tỉnh đoàn {p}", None),
)

SECTIONS = (
    ("chinh-sach-dan-toc", "Chính sách dân tộc"), ("kinh-te", "Kinh tế"), ("xa-hoi", "Xã hội"),
    ("van-hoa", "Văn hóa"), ("giao-duc", "Giáo dục"), ("y-te", "Y tế"), ("bien-gioi", "Biên giới"),
    ("thoi-su", "Thời sự"), ("dan-toc-ton-giao", "Dân tộc - Tôn giáo"),
)

TITLES = (
    "{province_short}: Giảm nghèo bền vững ở vùng đồng bào {eth}",
    "{district} đầu tư hạ tầng cho vùng đồng bào dân tộc thiểu số",
    "Đồng bào {eth} ở {commune} thoát nghèo nhờ trồng rừng",
    "{org} triển khai Chương trình mục tiêu quốc gia năm {year}",
    "{person}: Người có uy tín nơi bản làng {commune}",
    "Nâng cao chất lượng giáo dục vùng đồng bào {eth} tại {province_short}",
)

SAPOS = (
    "(DT&PT) - Những năm qua, {org} đã triển khai nhiều chính sách hỗ trợ đồng bào {eth} phát triển "
    "kinh tế, giảm nghèo bền vững.",
    "(DT&PT) - Với sự quan tâm đầu tư của Đảng, Nhà nước, đời sống của đồng bào các dân tộc ở "
    "{district} ngày càng được nâng lên.",
)

# Sentences with numbers; each number slot is {kind_name} and yields one fact.
FACT_SENTENCES = (
    "Năm {year}, tỷ lệ hộ nghèo của {province} giảm còn {percent}, giảm {percent_small} so với năm trước.",
    "{org} đã phân bổ {money_ty} từ nguồn vốn Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
    "vùng đồng bào dân tộc thiểu số và miền núi.",
    "Theo {role} {person}, toàn {district} hiện có {count_ho} đồng bào {eth} sinh sống.",
    "Trong năm, {commune} đã trồng mới {measure_ha} rừng và làm {measure_km} đường giao thông nông thôn.",
    "{person}, {role}, cho biết địa phương đã hỗ trợ {count_nguoi} lao động có việc làm ổn định.",
    "Chỉ số cải cách hành chính của {province} xếp thứ {rank}, tăng nhiều bậc so với năm trước.",
    "Mỗi hộ được vay tối đa {money_trieu} để phát triển sản xuất, thời hạn {duration}.",
    "Đến nay, tỷ lệ trẻ em người {eth} đến trường ở {district} đạt {percent}.",
)

PLAIN_SENTENCES = (
    "Đồng bào {eth} ở {commune} luôn giữ gìn bản sắc văn hóa truyền thống.",
    "{org} thường xuyên phối hợp với các địa phương tổ chức nhiều hoạt động ý nghĩa.",
    "Theo {person}, đời sống của bà con đã có nhiều thay đổi tích cực.",
    "Nhiều tuyến đường bê tông đã về tận thôn, bản, giúp bà con đi lại thuận tiện hơn.",
    "Cấp ủy, chính quyền địa phương đặc biệt quan tâm đến công tác đào tạo nghề cho thanh niên.",
    "Các mô hình sinh kế được nhân rộng, góp phần nâng cao thu nhập cho người dân {district}.",
)

SLOT_RE = re.compile(r"\{(\w+)\}")

#: Slot name -> entity type, for slots that are entity mentions.
ENTITY_SLOTS = {"province_short": "LOC", "person": "PER", "org": "ORG", "province": "LOC", "district": "LOC", "commune": "LOC", "eth": "ETH"}


@dataclass
class Rendered:
    """A rendered template: text, entity spans (slot, start, end) and number spans."""

    text: str
    entities: list[tuple[str, int, int]] = field(default_factory=list)
    numbers: list[tuple[str, int, int]] = field(default_factory=list)


def render(template: str, values: dict[str, str], offset: int = 0) -> Rendered:
    """Fill ``template``; spans are shifted by ``offset`` (the template's place in the article)."""
    out: list[str] = []
    pos = 0
    length = offset
    result = Rendered("")
    for m in SLOT_RE.finditer(template):
        literal = template[pos:m.start()]
        out.append(literal)
        length += len(literal)
        slot = m.group(1)
        value = values[slot]
        if slot in ENTITY_SLOTS:
            result.entities.append((slot, length, length + len(value)))
        elif slot not in ("role", "year"):
            result.numbers.append((slot, length, length + len(value)))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    result.text = "".join(out)
    return result


def vn_int(n: int) -> str:
    """An integer with dot thousands separators ("1.761")."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float) -> str:
    """A decimal with a comma ("51,4"); integers without decimals."""
    return str(int(x)) if x == int(x) else f"{x:.1f}".replace(".", ",")


def numbers(rng: random.Random) -> dict[str, tuple[str, float, str | None, str, str]]:
    """Number slot -> (surface, value, unit, kind, subject) for one sentence's worth of numbers."""
    pct = round(rng.uniform(1, 95), 1)
    small = round(rng.uniform(0.5, 5), 1)
    ty = round(rng.uniform(0.5, 300), 1)
    trieu = rng.choice((50, 100, 150, 200, 300))
    ho = rng.randint(50, 25000)
    nguoi = rng.randint(20, 5000)
    ha = rng.randint(10, 5000)
    km = round(rng.uniform(1, 120), 1)
    rank = rng.randint(1, 63)
    years = rng.randint(2, 10)
    return {
        "percent": (f"{vn_dec(pct)}%", pct, "%", "percent", "tỷ lệ hộ nghèo"),
        "percent_small": (f"{vn_dec(small)}%", small, "%", "percent", "tỷ lệ hộ nghèo"),
        "money_ty": (f"{vn_dec(ty)} tỷ đồng", ty * 1e9, "đồng", "money", "vốn"),
        "money_trieu": (f"{trieu} triệu đồng", trieu * 1e6, "đồng", "money", "khoản vay"),
        "count_ho": (f"{vn_int(ho)} hộ", ho, "hộ", "count", "hộ đồng bào"),
        "count_nguoi": (f"{vn_int(nguoi)} người", nguoi, "người", "count", "người lao động"),
        "measure_ha": (f"{vn_int(ha)} ha", ha, "ha", "measure", "rừng"),
        "measure_km": (f"{vn_dec(km)} km", km, "km", "measure", "đường giao thông nông thôn"),
        "rank": (f"{rank}/63", rank, None, "rank", "chỉ số cải cách hành chính"),
        "duration": (f"{years} năm", years, "năm", "duration", "thời hạn vay"),
    }
