"""Ids for drafted targets: words from a glossary of Chinese terms, made unique."""

from __future__ import annotations

# Chinese terms → id words, longest match first. Ids are proposals: the reviewer may rename them.
GLOSSARY: dict[str, str] = {
    "学前教育": "preschool",
    "义务教育": "compulsory",
    "高中阶段教育": "upper_secondary",
    "高中阶段": "upper_secondary",
    "人力资源开发": "human_resources",
    "人力资源": "human_resources",
    "中等职业教育": "vocational",
    "职业教育": "vocational",
    "高等教育": "higher",
    "继续教育": "continuing",
    "特殊教育": "special",
    "学生规模": "students",
    "中小学": "school",
    "普及水平": "access",
    "办学规模": "scale",
    "质量与保障": "quality",
    "办学条件与质量": "schools",
    "办学条件": "conditions",
    "教育质量": "quality",
    "教师队伍": "teachers",
    "教育投入": "funding",
    "经费保障": "funding",
    "在园幼儿": "children",
    "幼儿园": "kindergartens",
    "幼儿": "children",
    "在校学生": "students",
    "在校生": "students",
    "学生": "students",
    "毛入园率": "gross_enrolment_rate",
    "毛入学率": "gross_enrolment_rate",
    "入学率": "enrolment_rate",
    "普惠率": "inclusive_rate",
    "覆盖率": "coverage",
    "巩固率": "retention_rate",
    "辍学率": "dropout_rate",
    "持证率": "certified_rate",
    "就业率": "employment_rate",
    "合格率": "pass_rate",
    "达标率": "standard_rate",
    "公办园": "public",
    "普惠性": "inclusive",
    "占比": "share",
    "比例": "share",
    "比重": "share",
    "普通小学": "primary",
    "小学": "primary",
    "普通初中": "junior",
    "初中": "junior",
    "普通高中": "general_high",
    "高中": "high_school",
    "中职": "vocational",
    "平均受教育年限": "schooling_years",
    "受教育年限": "schooling_years",
    "平均班额": "class_size",
    "大班额": "large_classes",
    "班额": "class_size",
    "劳动年龄人口": "working_age",
    "专任教师": "teachers",
    "骨干教师": "backbone_teachers",
    "学科带头人": "subject_leaders",
    "名班主任": "head_teachers",
    "名校长": "principals",
    "名师": "master_teachers",
    "教师": "teachers",
    "校长": "principals",
    "学校": "schools",
    "校园": "campuses",
    "工作室": "studios",
    "基地": "bases",
    "课程": "courses",
    "精品课": "quality_lessons",
    "课例": "lessons",
    "案例": "cases",
    "团队": "teams",
    "品牌": "brands",
    "项目": "projects",
    "课题": "topics",
    "成果": "achievements",
    "平台": "platform",
    "党组织": "party_orgs",
    "思政": "ideology",
    "思想政治": "ideology",
    "德育": "moral",
    "艺术团": "art_troupes",
    "艺术": "arts",
    "音乐": "music",
    "体育": "sports",
    "社团": "societies",
    "俱乐部": "clubs",
    "家长学校": "parent_schools",
    "家庭教育": "family_education",
    "智慧校园": "smart_campus",
    "资源": "resources",
    "评价": "evaluation",
    "学位": "places",
    "新建": "new",
    "改扩建": "enlarged",
    "经费": "funding",
    "支出": "spending",
    "工资": "pay",
    "社会保障": "social_insurance",
    "家访": "home_visits",
    "论坛": "forum",
    "会议": "meetings",
    "考核": "assessment",
    "展示活动": "showcase",
    "学时": "hours",
    "特长": "skills",
    "技能": "skills",
    "资助": "aid",
    "培训": "training",
    "示范": "model",
    "特色": "featured",
    "实验室": "labs",
    "院校": "institutes",
    "专业": "majors",
    "活动中心": "activity_centre",
    "教室": "classrooms",
}
_GLOSSARY_KEYS = sorted(GLOSSARY, key=len, reverse=True)


def slug(text: str, fallback: str, words: int = 3, drop: str = "") -> str:
    """An id word from Chinese by the glossary: "在园幼儿普惠率" → children_inclusive_rate; else `fallback`.

    `drop` leaves out a word the id already has (its category: compulsory.retention_rate, not
    compulsory.compulsory_retention_rate)."""
    found: list[str] = []
    i = 0
    while i < len(text):
        key = next((k for k in _GLOSSARY_KEYS if text.startswith(k, i)), None)
        if key:
            if GLOSSARY[key] not in found:
                found.append(GLOSSARY[key])
            i += len(key)
        else:
            i += 1
    found = [w for w in found if w != drop] or found
    return "_".join(found[:words]) or fallback


class Ids:
    """Hands out unique ids (a second `schools` becomes `schools_2`)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate = f"{wanted}_{n}"
            n += 1
        self.used.add(candidate)
        return candidate
