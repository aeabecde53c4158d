"""Entity recognition, each component alone on inline sentences (as spaCy tests its pipes).

The cases pin down the span conventions of docs/ANNOTATION.md and the behaviours the rules
promise: prefixes kept in LOC spans, generic bodies not output, people after role chains,
ethnic groups after cues and in lists, attributes and ids.
"""

from __future__ import annotations

import pytest

from baodantoc.extract.api import process


def ents(text: str) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in process(text).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role chain through a body, then the person; the body keeps its scope
        ("Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường làm việc với Ủy ban Dân tộc.",
         [("ORG", "UBND tỉnh Lào Cai"), ("PER", "Trịnh Xuân Trường"), ("ORG", "Ủy ban Dân tộc")]),
        ("Bí thư Huyện ủy, Chủ tịch HĐND huyện, Trưởng ban Chỉ đạo Lò Văn Pheng phát biểu.",
         [("PER", "Lò Văn Pheng")]),
        # prefixes join the LOC span; descriptive words do not
        ("Đồng bào Bru - Vân Kiều ở xã Hướng Phùng, huyện Hướng Hóa, tỉnh Quảng Trị.",
         [("ETH", "Bru - Vân Kiều"), ("LOC", "xã Hướng Phùng"), ("LOC", "huyện Hướng Hóa"),
          ("LOC", "tỉnh Quảng Trị")]),
        ("Tại huyện vùng cao Mèo Vạc, thôn 7 có nhiều hộ nghèo.", [("LOC", "Mèo Vạc"), ("LOC", "thôn 7")]),
        # a list after a prefixed place continues it
        ("Các xã Tả Ngài Chồ, Pha Long và Tung Chung Phố đều có người Mông.",
         [("LOC", "xã Tả Ngài Chồ"), ("LOC", "Pha Long"), ("LOC", "Tung Chung Phố"), ("ETH", "Mông")]),
        # generic bodies (kind, no place, no proper name) are not entities
        ("UBND tỉnh đã chỉ đạo Ban Dân tộc tỉnh và các sở, ban, ngành.", []),
        # named bodies: a proper name, a scope, a known national body
        ("Hợp tác xã Nông nghiệp Tân Tiến bán chè cho Công ty Viettel.",
         [("ORG", "Hợp tác xã Nông nghiệp Tân Tiến"), ("ORG", "Công ty Viettel")]),
        ("Ông A làm việc ở Bộ Lao động, Thương binh và Xã hội.",
         [("PER", "A"), ("ORG", "Bộ Lao động, Thương binh và Xã hội")]),
        # honorifics stay out of the PER span; a village prefix inside "già làng" is no place
        ("Già làng A Blong và chị H'Hen Niê, người Ê Đê, dự lễ.",
         [("PER", "A Blong"), ("PER", "H'Hen Niê"), ("ETH", "Ê Đê")]),
        # ambiguous group names count in a list of groups
        ("Dân tộc Thái 1.204 người; Mường 352 người; Lào 23 người; Hoa 9 người; Kinh 71 người.",
         [("ETH", "Thái"), ("ETH", "Mường"), ("ETH", "Lào"), ("ETH", "Hoa"), ("ETH", "Kinh")]),
        # a capitalized common word after an honorific is no name
        ("Thưa các đồng chí Lãnh đạo, thưa bà con.", []),
        # "X của Y" is two bodies
        ("Hội đồng Dân tộc của Quốc hội họp.", [("ORG", "Hội đồng Dân tộc"), ("ORG", "Quốc hội")]),
        # a known body at the very end of a sentence (regression: looking past the end raised)
        ("Đại biểu phát biểu tại Quốc hội", [("ORG", "Quốc hội")]),
        # a known body goes on with its branch and place
        ("Vốn của Ngân hàng Chính sách xã hội chi nhánh tỉnh Gia Lai tăng.",
         [("ORG", "Ngân hàng Chính sách xã hội chi nhánh tỉnh Gia Lai")]),
        # a comma inside a kind name; a village name ending in its number
        ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai về thôn Long Láy 1, xã Y Tý.",
         [("ORG", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai"), ("LOC", "thôn Long Láy 1"), ("LOC", "xã Y Tý")]),
        # an unambiguous ethnic group after a word for people is the group
        ("Ngày khai giảng của học trò La Hủ.", [("ETH", "La Hủ")]),
    ],
)
def test_spans_and_types(text: str, expected: list[tuple[str, str]]) -> None:
    assert ents(text) == expected


@pytest.mark.parametrize("joiner", [", ", "; "])
def test_ambiguous_group_names_in_a_list_announced_by_dan_toc(joiner: str) -> None:
    """Regression (issue 11): a list of groups after "dân tộc ...:" whose names are all also
    places or given names read "Lào" as a place and missed "Thái" and "Hoa"."""
    items = joiner.join(["Thái 1.204 người", "Lào 23 người", "Hoa 9 người"])
    assert ents(f"Xã có 4 dân tộc cùng sinh sống: {items} và Kinh 71 người.") == [
        ("ETH", "Thái"), ("ETH", "Lào"), ("ETH", "Hoa"), ("ETH", "Kinh")]


def test_old_tone_placement_and_nfd_find_the_same_entities() -> None:
    import unicodedata

    modern = ents("Ông Hoàng Văn Hòa về xã Hòa Bình.")
    old = ents("Ông Hoàng Văn Hoà về xã Hoà Bình.")
    nfd = ents(unicodedata.normalize("NFD", "Ông Hoàng Văn Hòa về xã Hòa Bình."))
    assert [t for t, _ in modern] == [t for t, _ in old] == [t for t, _ in nfd] == ["PER", "LOC"]


def test_person_attributes_keep_the_role() -> None:
    (org, per) = process("Giám đốc Sở Y tế tỉnh Gia Lai Nguyễn Văn An cho biết.").mentions
    assert per.text == "Nguyễn Văn An" and per.attributes["role"].startswith("Giám đốc")
    assert org.attributes["place"] == "Gia Lai"


def test_place_attributes_resolve_level_province_and_2025_province() -> None:
    doc = process("Xã Mường Hum, huyện Bát Xát, tỉnh Lào Cai.", {"published_at": "2022-05-01T08:00:00+07:00"})
    by_text = {m.text: m.attributes for m in doc.mentions}
    assert by_text["tỉnh Lào Cai"]["level"] == "province"
    assert by_text["huyện Bát Xát"]["level"] == "district"
    assert by_text["huyện Bát Xát"]["province"] == "Lào Cai"
    assert by_text["Xã Mường Hum"]["province_2025"] == "Lào Cai"
    doc = process("Tỉnh Yên Bái có nhiều rừng quế.", {"published_at": "2022-05-01T08:00:00+07:00"})
    (yen_bai,) = doc.mentions
    assert yen_bai.attributes["province_2025"] == "Lào Cai"  # merged into Lào Cai in 2025


def test_short_forms_link_to_the_full_name_and_ids_ignore_spelling() -> None:
    doc = process("Ông Nguyễn Hồng Hưng cho biết... Ông Hưng nói thêm. UBND tỉnh Lào Cai và Ủy ban nhân dân tỉnh Lào Cai.")
    ids = {m.text: m.entity_id for m in doc.mentions}
    assert ids["Hưng"] == ids["Nguyễn Hồng Hưng"] == "per:nguyen-hong-hung"
    assert ids["UBND tỉnh Lào Cai"] == ids["Ủy ban nhân dân tỉnh Lào Cai"]
    uy = process("Ủy ban Dân tộc").mentions[0].entity_id
    old = process("Uỷ ban Dân tộc").mentions[0].entity_id
    assert uy == old


def test_a_name_seen_with_its_cue_is_found_again_bare() -> None:
    doc = process("Xã Tà Xùa có 842 hộ.\nTà Xùa đang vào mùa săn mây.")
    assert [(m.type, m.text) for m in doc.mentions] == [("LOC", "Xã Tà Xùa"), ("LOC", "Tà Xùa")]


def test_generic_references_link_to_the_named_body_or_the_articles_province() -> None:
    from baodantoc.extract.api import annotate_text

    out = annotate_text("UBND tỉnh Lào Cai họp. Chủ tịch UBND tỉnh cho biết sẽ hỗ trợ thêm.")
    assert [e["text"] for e in out["entities"]] == ["UBND tỉnh Lào Cai"]  # a reference is no entity
    (ref,) = out["references"]
    assert ref["text"] == "UBND tỉnh" and ref["entity_id"] == out["entities"][0]["entity_id"]
    out = annotate_text("Tỉnh Sơn La có 12 huyện. Huyện Mộc Châu phát triển du lịch. Ban Dân tộc tỉnh đã họp.")
    (ref,) = out["references"]
    assert ref["attributes"]["canonical"] == "Ban Dân tộc tỉnh Sơn La"
    # nothing to resolve it by: dropped
    assert annotate_text("Ban Dân tộc tỉnh đã họp.")["references"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 11, the long tail. Roman numerals name no place: a category of commune, a session
        ("Tỉnh có 120 xã khu vực III; Đại hội lần thứ II diễn ra ở Kon Tum.", [("LOC", "Kon Tum")]),
        ("Xã thuộc khu vực I và thôn thuộc khu vực II.", []),
        ("Thôn 7 và Phường 3 đều có nhà văn hóa.", [("LOC", "Thôn 7"), ("LOC", "Phường 3")]),  # digits do
        # a party or mass unit of a named body is one organization
        ("Đảng bộ cơ quan Ủy ban Dân tộc tổ chức Đại hội.", [("ORG", "Đảng bộ cơ quan Ủy ban Dân tộc")]),
        ("Ban cán sự đảng Chính phủ và Đảng đoàn Quốc hội họp.",
         [("ORG", "Ban cán sự đảng Chính phủ"), ("ORG", "Đảng đoàn Quốc hội")]),
        ("Công đoàn Bộ Y tế trao quà.", [("ORG", "Công đoàn Bộ Y tế")]),
        ("Hội đồng Dân tộc của Quốc hội giám sát.", [("ORG", "Hội đồng Dân tộc"), ("ORG", "Quốc hội")]),
        # a committee's domain in lower case, paired verbs and a coded disease included
        ("Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Gia Lai họp.",
         [("ORG", "Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Gia Lai")]),
        ("Ban Phát thanh tiếng dân tộc của Đài Tiếng nói Việt Nam ra mắt.",
         [("ORG", "Ban Phát thanh tiếng dân tộc"), ("ORG", "Đài Tiếng nói Việt Nam")]),
        # a glued place word still opens the scope; a province that starts with a family name is no person
        ("Phó Giám đốc Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng phát biểu.",
         [("ORG", "Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng")]),
        # regions keep their word; spellings of a group
        ("Người xứ Nghệ và nông dân miền Tây.", [("LOC", "xứ Nghệ"), ("LOC", "miền Tây")]),
        ("Đồng bào Raglay và Ba Na.", [("ETH", "Raglay"), ("ETH", "Ba Na")]),
        # Hồ: a family name before a name, a lake with its lower-case word
        ("Anh Hồ Văn Lực thả cá trên hồ Thác Bà.", [("PER", "Hồ Văn Lực"), ("LOC", "hồ Thác Bà")]),
        # a role of a place in apposition names the place; before a name it names the person
        ("Ông Lò Văn Xiên, Trưởng bản Huổi Lếch, cho biết.", [("PER", "Lò Văn Xiên"), ("LOC", "bản Huổi Lếch")]),
        ("Trưởng bản Lò Văn Xiên cho biết.", [("PER", "Lò Văn Xiên")]),
        # a site word before a group is the group's ("chùa Khmer"), a credit label ends a name
        ("Các chùa Khmer ở miền Tây.", [("ETH", "Khmer"), ("LOC", "miền Tây")]),
        ("Cầu mới ở xã Ngọc Linh - Ảnh: VGP", [("LOC", "xã Ngọc Linh"), ("ORG", "VGP")]),
        # issue 11, round 3. A delegation is no body: its sender is the entity (place or body)
        ("Đoàn công tác tỉnh Sơn La đến thăm huyện Mường Nhé.",
         [("LOC", "tỉnh Sơn La"), ("LOC", "huyện Mường Nhé")]),
        ("Đoàn kiểm tra liên ngành của Bộ Y tế và Tổ công tác huyện Bảo Lạc làm việc.",
         [("ORG", "Bộ Y tế"), ("LOC", "huyện Bảo Lạc")]),
        ("Đoàn đại biểu Quốc hội tỉnh Cao Bằng tiếp xúc cử tri.", [("ORG", "Đoàn đại biểu Quốc hội tỉnh Cao Bằng")]),
        ("Đoàn Thanh niên xã Tân Sơn ra quân.", [("ORG", "Đoàn Thanh niên xã Tân Sơn")]),
        # a person's name after a body's place word, where the gazetteer knows no such place
        ("Phó Chủ tịch UBND tỉnh Vương Gia Bảo dự lễ.", [("PER", "Vương Gia Bảo")]),
        ("Hỏi Bí thư Chi bộ bản Giàng A Lử thì ai cũng biết.", [("PER", "Giàng A Lử")]),
        ("Chủ tịch UBND xã Hoàng Văn Thụ phát biểu.", [("ORG", "UBND xã Hoàng Văn Thụ")]),  # a known commune
        # a capitalized common word is no name after a site or region word; "miền núi" describes
        ("Thanh niên trên mọi miền Tổ quốc về các chùa Phật giáo ở miền núi Nghệ An.", [("LOC", "Nghệ An")]),
        ("Du khách lên núi Bà Đen và chùa Hương.", [("LOC", "núi Bà Đen"), ("LOC", "chùa Hương")]),
        # leftover image file names name nobody; two hyphenated parts are a name
        ("Ảnh: Nguyen-Van-Binh và Tran-Thi-Mai", []),
        ("Ông Kim Jong-un gặp HLV Park Hang-seo.", [("PER", "Kim Jong-un"), ("PER", "Park Hang-seo")]),
        # foreign names run through their particles
        ("Tổng thống Lula da Silva gặp bà Ursula von der Leyen.",
         [("PER", "Lula da Silva"), ("PER", "Ursula von der Leyen")]),
        ("Ông Charles de Gaulle đến Hà Nội.", [("PER", "Charles de Gaulle"), ("LOC", "Hà Nội")]),
        # a country word before one Vietnamese syllable starts the person's name, not the role's country
        ("Ca sĩ Mỹ Tâm hát cùng Tổng thống Mỹ Obama.", [("PER", "Mỹ Tâm"), ("LOC", "Mỹ"), ("PER", "Obama")]),
        # a kind name's common word is no place word ("Xã hội"): with no place it stays generic
        ("Cán bộ Phòng Lao động - Thương binh và Xã hội huyện đến nhà.", []),
        ("Phòng Lao động - Thương binh và Xã hội huyện Bảo Thắng họp.",
         [("ORG", "Phòng Lao động - Thương binh và Xã hội huyện Bảo Thắng")]),
        # a police unit's domain goes on through "tội phạm về ..."
        ("Cục Cảnh sát điều tra tội phạm về môi trường đã vào cuộc.",
         [("ORG", "Cục Cảnh sát điều tra tội phạm về môi trường")]),
        # a court's verb ends a body's lower-case domain
        ("Hội đồng xét xử tuyên phạt Siu Thị Hoa 3 năm tù.", [("PER", "Siu Thị Hoa")]),
        # a category of commune written as an abbreviation is no commune
        ("Đoàn đến 12 xã ĐBKK thuộc huyện Mường Lát.", [("LOC", "huyện Mường Lát")]),
        # a village word the segmenter glued to the word before still opens the village
        ("Ông là Người có uy tín thôn 5 xã Tân Lập.", [("LOC", "thôn 5"), ("LOC", "xã Tân Lập")]),
        # a role that opens a statistical span is no part of a body ("Trung ương Đảng" is generic)
        ("Nguyên Bí thư Trung ương Đảng, nguyên Trưởng Ban Tuyên giáo Trung ương Nguyễn Văn An dự lễ.",
         [("ORG", "Ban Tuyên giáo Trung ương"), ("PER", "Nguyễn Văn An")]),
        # ... but not a common word that starts with an event's word ("Lễ nghi")
        ("Đoàn làm việc với Bộ Lễ nghi và Tôn giáo Campuchia.", [("ORG", "Bộ Lễ nghi và Tôn giáo Campuchia")]),
        # a statistical name does not end in the middle of a common word; a known name may
        ("Hội nghị diễn ra tại Nhà văn hóa Lao động tỉnh.", []),
        ("Từ TP. Đông Hà ngược lên phía tây.", [("LOC", "TP. Đông Hà")]),
        # an event's organizing committee is named by its kind only
        ("Trưởng Ban Tổ chức Lễ Tôn vinh Nguyễn Văn Ba phát biểu.", [("PER", "Nguyễn Văn Ba")]),
        ("Ban Tổ chức Tỉnh ủy Sơn La họp.", [("ORG", "Ban Tổ chức Tỉnh ủy Sơn La")]),
        # political parties: every name after "Đảng" is the party's; "Đảng" alone and its units are not
        ("Đảng Dân chủ và Đảng Cộng hòa tranh cãi về Đảng Cộng sản Trung Quốc.",
         [("ORG", "Đảng Dân chủ"), ("ORG", "Đảng Cộng hòa"), ("ORG", "Đảng Cộng sản Trung Quốc")]),
        ("Đảng viên Nguyễn Văn Tư nói về chủ trương của Đảng và Nhà nước.", [("PER", "Nguyễn Văn Tư")]),
        ("Bí thư Trung ương Đảng Trần Văn Sáu dự họp.", [("PER", "Trần Văn Sáu")]),
        # seats of government named for the government
        ("Nhà Trắng và Điện Kremlin chưa bình luận.", [("ORG", "Nhà Trắng"), ("ORG", "Điện Kremlin")]),
        ("Ông tiếp khách tại Nhà Trắng.", [("LOC", "Nhà Trắng")]),  # the building, used as a place
        ("Nhóm IS nhận trách nhiệm.", [("ORG", "IS")]),
        # a kind name's Vietnamese first word runs on in lower case; a foreign one is the name
        ("Giám đốc Trung tâm Chống độc, ông Lê Văn Mười, cho biết.",
         [("ORG", "Trung tâm Chống độc"), ("PER", "Lê Văn Mười")]),
        ("Đại học Melbourne và RMIT hợp tác.", [("ORG", "Đại học Melbourne"), ("ORG", "RMIT")]),
        # the end of a common word ("trẻ em") is no honorific before a name
        ("Các cháu ở Làng trẻ em SOS Hải Phòng vui Tết.", []),
        # a known company's name that goes on capitalized is a longer name; a person after it is not
        ("Ngân hàng TMCP Sài Gòn Thương Tín (Sacombank) thay Chủ tịch.",
         [("ORG", "Ngân hàng TMCP Sài Gòn Thương Tín"), ("ORG", "Sacombank")]),
        ("Giám đốc Ngân hàng TMCP Sài Gòn Nguyễn Văn Tám cho biết.",
         [("ORG", "Ngân hàng TMCP Sài Gòn"), ("PER", "Nguyễn Văn Tám")]),
        # a site or descriptor word with no name after it is a common noun of the body's name
        ("Bộ Tư lệnh Cảnh sát biển đã cứu 20 ngư dân.", [("ORG", "Bộ Tư lệnh Cảnh sát biển")]),
        # a lower-case head inside a common word is none ("dự báo"), but "tờ báo" names a paper
        ("Viện VEPR dự báo GDP tăng; tờ báo Cà Mau đưa tin.", [("ORG", "Viện VEPR"), ("ORG", "báo Cà Mau")]),
        # the provinces of a region: the region is the place, a pair of regions two places
        ("Các tỉnh Bắc Trung Bộ và Duyên hải miền Trung có bão; các tỉnh Tây Nguyên cũng vậy.",
         [("LOC", "Bắc Trung Bộ"), ("LOC", "Duyên hải miền Trung"), ("LOC", "Tây Nguyên")]),
        ("Lũ quét tại khe Nậm Pàn làm sập cầu.", [("LOC", "khe Nậm Pàn")]),
        # a road named by its number; a distance after a road word is none
        ("Xe chạy trên Đường 9 rồi rẽ vào quốc lộ 14C; quãng đường 9 km còn xấu.",
         [("LOC", "Đường 9"), ("LOC", "quốc lộ 14C")]),
        # a body's board with the body is one organization; after a role the board is the title's
        ("Hội đồng quản trị Vietcombank họp; Chủ tịch HĐQT Sacombank phát biểu.",
         [("ORG", "Hội đồng quản trị Vietcombank"), ("ORG", "Sacombank")]),
        # a military unit named by its number alone; a foreign word after a river's name goes on
        ("Tân binh về Sư đoàn 312 huấn luyện.", [("ORG", "Sư đoàn 312")]),
        ("Quỹ đầu tư Mekong Capital rót vốn.", [("ORG", "Quỹ đầu tư Mekong Capital")]),
        # units and federations of mass organizations are heads of their own
        ("Chi hội Phụ nữ thôn Khe Ván và Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hà Giang ký kết.",
         [("ORG", "Chi hội Phụ nữ thôn Khe Ván"), ("ORG", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hà Giang")]),
        # a channel is no canal: "kênh" before a code
        ("Phim phát trên kênh HTV7, còn nước chảy qua kênh Nhiêu Lộc.", [("ORG", "HTV7"), ("LOC", "kênh Nhiêu Lộc")]),
        # round 4: a known body with its head word in lower case; not inside a common word
        ("Theo bộ Ngoại giao, nghị sĩ đảng Cộng hòa phản đối.",
         [("ORG", "bộ Ngoại giao"), ("ORG", "đảng Cộng hòa")]),
        ("Toàn bộ Công an xã có mặt; các cán bộ Công an huyện Mường Khương cũng vậy.",
         [("ORG", "Công an huyện Mường Khương")]),
        # a known brand that is also a person's name is the brand in a list of bodies, not elsewhere
        ("Trong khi đó, Vinasun và Mai Linh giảm giá cước.", [("ORG", "Vinasun"), ("ORG", "Mai Linh")]),
        ("Anh Nguyễn Văn Nam và Mai Linh đến dự.", [("PER", "Nguyễn Văn Nam"), ("PER", "Mai Linh")]),
        # a dot written inside a name ("Co.opmart", "B.Bình Dương") does not end it
        ("Saigon Co.op mở thêm 30 cửa hàng Co.opmart.", [("ORG", "Saigon Co.op"), ("ORG", "Co.opmart")]),
        # in a sports report, a sponsor's initial glued to a province names the club
        ("Ở vòng 5, S.Khánh Hòa thắng T.Quảng Ninh 2-1, HLV rất vui.",
         [("ORG", "S.Khánh Hòa"), ("ORG", "T.Quảng Ninh")]),
        # both sides of "giữa X và Y" in a sports report are clubs; a country with no team word stays a place
        ("HLV Park khiếu nại về trận đấu giữa Quảng Nam và Hải Phòng; tuyển Việt Nam thắng Malaysia 1-0.",
         [("PER", "Park"), ("ORG", "Quảng Nam"), ("ORG", "Hải Phòng"), ("ORG", "tuyển Việt Nam"), ("LOC", "Malaysia")]),
        # a kind name and its number name one body
        ("Giám đốc Bệnh viện Nhi đồng 1 cho biết.", [("ORG", "Bệnh viện Nhi đồng 1")]),
        # a police department by its code alone; a code inside a longer name stays in it
        ("Cục C50 phối hợp PC46 và Phòng PC45 Công an tỉnh Nghệ An điều tra; máy bay A350 hạ cánh.",
         [("ORG", "Cục C50"), ("ORG", "PC46"), ("ORG", "Phòng PC45 Công an tỉnh Nghệ An")]),
        # a news agency's head; a short form of a national body with its lower-case "tối cao"
        ("Hãng tin AP dẫn lời Viện KSND tối cao.", [("ORG", "Hãng tin AP"), ("ORG", "Viện KSND tối cao")]),
        # in a sports report a foreign word written alone is a player; known clubs and places are not
        ("Messi lập cú đúp giúp Barcelona thắng 4-2, hơn Ronaldo của Juventus năm bàn.",
         [("PER", "Messi"), ("ORG", "Barcelona"), ("PER", "Ronaldo"), ("ORG", "Juventus")]),
        ("Ở phút 80 trận đấu V.League, Griezmann ghi bàn giúp A.Madrid thắng 1-0.",
         [("PER", "Griezmann"), ("ORG", "A.Madrid")]),
        # an ocean listed next to a body stays a place
        ("Ở bên kia Đại Tây Dương, Hạ viện Mỹ bỏ phiếu.", [("LOC", "Đại Tây Dương"), ("ORG", "Hạ viện Mỹ")]),
        # a body's place written with its prefix glued by a dot ("TP.HCM") is the body's scope
        ("Sở GD&ĐT TP.HCM và Công an TP.HCM cho biết.", [("ORG", "Sở GD&ĐT TP.HCM"), ("ORG", "Công an TP.HCM")]),
        # a verb after a body's place is the sentence's, whatever word the dictionary glues ("nội công")
        ("ĐH Quốc gia Hà Nội công bố kết quả.", [("ORG", "ĐH Quốc gia Hà Nội")]),
        # the names listed after a plural person cue are people, a lake's word notwithstanding;
        # after a singular cue the list may mix kinds
        ("Các ca sĩ Mỹ Tâm, Đàm Vĩnh Hưng, Hồ Ngọc Hà biểu diễn.",
         [("PER", "Mỹ Tâm"), ("PER", "Đàm Vĩnh Hưng"), ("PER", "Hồ Ngọc Hà")]),
        ("Ca sĩ Mỹ Tâm, hồ Ba Bể và Hà Nội.", [("PER", "Mỹ Tâm"), ("LOC", "hồ Ba Bể"), ("LOC", "Hà Nội")]),
        # a well-known person of world news by surname alone; a longer run is some other name
        ("Ngoài ra còn có Obama, Merkel và Tập Cận Bình.",
         [("PER", "Obama"), ("PER", "Merkel"), ("PER", "Tập Cận Bình")]),
        # a capitalized run ending with a corporate word is a company
        ("Thanh tra tại Thuduc House; Taisho Pharmaceutical mua cổ phần.",
         [("ORG", "Thuduc House"), ("ORG", "Taisho Pharmaceutical")]),
        # religious bodies with their place; a verb of the press ends a magazine's name
        ("Giáo hội Phật giáo Việt Nam tỉnh Sóc Trăng và Giáo phận Kon Tum trao quà.",
         [("ORG", "Giáo hội Phật giáo Việt Nam tỉnh Sóc Trăng"), ("ORG", "Giáo phận Kon Tum")]),
        ("Tạp chí Dân tộc đăng bài về Sở Y tế tỉnh Gia Lai.", [("ORG", "Tạp chí Dân tộc"), ("ORG", "Sở Y tế tỉnh Gia Lai")]),
        # a head, a name in quotation marks and the body's place are one body; no person inside it
        ('Câu lạc bộ "Phụ nữ làm kinh tế giỏi" xã Tân Lập và Công ty TNHH "Hoa Sen Vàng" ký kết.',
         [("ORG", 'Câu lạc bộ "Phụ nữ làm kinh tế giỏi" xã Tân Lập'), ("ORG", 'Công ty TNHH "Hoa Sen Vàng"')]),
        # armed forces named with their country
        ("Hải quân Philippines và Cảnh sát biển Trung Quốc tuần tra.",
         [("ORG", "Hải quân Philippines"), ("ORG", "Cảnh sát biển Trung Quốc")]),
        # a verb of a contest ends a name read on in lower case; a given name that is also a verb does not
        ("Sinh viên ĐH Ngoại thương đoạt giải, anh Nguyễn Văn Thắng nói.",
         [("ORG", "ĐH Ngoại thương"), ("PER", "Nguyễn Văn Thắng")]),
        # a known company and its branch named after a district or commune; after a role the name may be a person
        ("Khách hàng Agribank Tây Hồ và Big C Thăng Long; Chủ tịch Vietcombank Nghiêm Xuân Thành.",
         [("ORG", "Agribank Tây Hồ"), ("ORG", "Big C Thăng Long"), ("ORG", "Vietcombank"), ("PER", "Nghiêm Xuân Thành")]),
        # an association named by its members and its country; without the country the words are the sentence's
        ("Hiệp hội các nhà bán lẻ Việt Nam và Hiệp hội Thép Việt Nam kiến nghị.",
         [("ORG", "Hiệp hội các nhà bán lẻ Việt Nam"), ("ORG", "Hiệp hội Thép Việt Nam")]),
        # a board after a role with no body after it is the title's, no entity
        ("Ông Nguyễn Đức Tài, Chủ tịch HĐQT, cho biết.", [("PER", "Nguyễn Đức Tài")]),
        # the national universities' short forms with their city
        ("ĐHQG Hà Nội và ĐHQG TP.HCM tuyển sinh.", [("ORG", "ĐHQG Hà Nội"), ("ORG", "ĐHQG TP.HCM")]),
        # where a body is, after "ở", is no part of its name
        ("Cháy lớn tại Công ty Rạng Đông ở quận Thanh Xuân.",
         [("ORG", "Công ty Rạng Đông"), ("LOC", "quận Thanh Xuân")]),
    ],
)
def test_issue_11_long_tail(text: str, expected: list[tuple[str, str]]) -> None:
    assert ents(text) == expected
