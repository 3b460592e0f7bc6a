//! The official structure of the report: headings, tables, rows, columns and
//! their labels, as data (国办公开办函〔2021〕30号 and the 2019 trial format).
//!
//! This is the only place where the official Chinese labels are written. The
//! parser finds rows by their `key` (a distinctive part of the label, matched
//! with spaces ignored), the model names values by the `id`s below (the stable
//! ids of `model.md`), and the rules compare what the report wrote with `label`.

/// Which edition of the format a report (or a table) follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Format {
    /// 国办公开办函〔2021〕30号, reports for 2021 onward.
    #[serde(rename = "2021")]
    F2021,
    /// The 2019 trial format, 国办公开办函〔2019〕60号.
    #[serde(rename = "2019")]
    F2019,
    /// The structure of the 2008 条例 (reports up to 2018).
    #[serde(rename = "pre-2019")]
    Pre2019,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2021 => "2021",
            Format::F2019 => "2019",
            Format::Pre2019 => "pre-2019",
        }
    }
}

/// One of the six standard sections.
#[derive(Debug)]
pub struct SectionDef {
    pub number: u8,
    /// The standard heading, exactly as in the format.
    pub heading: &'static str,
    /// Words of which one must appear near the start of a heading's text for
    /// it to be taken as this section (normalised: ASCII punctuation).
    pub keys: &'static [&'static str],
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef { number: 1, heading: "一、总体情况", keys: &["总体情况", "概述", "总体概况"] },
    SectionDef { number: 2, heading: "二、主动公开政府信息情况", keys: &["主动公开"] },
    SectionDef {
        number: 3,
        heading: "三、收到和处理政府信息公开申请情况",
        keys: &["收到和处理", "依申请公开", "公开申请情况", "公开申请办理情况"],
    },
    SectionDef {
        number: 4, heading: "四、政府信息公开行政复议、行政诉讼情况", keys: &["行政复议", "行政诉讼"]
    },
    SectionDef {
        number: 5,
        heading: "五、存在的主要问题及改进情况",
        keys: &["主要问题", "存在问题", "改进情况", "改进措施"],
    },
    SectionDef {
        number: 6, heading: "六、其他需要报告的事项", keys: &["其他需要报告", "其他事项", "其他需报告"]
    },
];

/// The kind of number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A non-negative integer count (件, decisions, cases).
    Count,
    /// An amount in 万元, may be fractional.
    TenThousandYuan,
    /// A signed change (`+12`, `-18`), 2019 format only.
    Signed,
    /// An amount written with its own unit (2019 采购总金额).
    Amount,
}

#[derive(Debug)]
pub struct ColumnDef {
    /// Stable id; empty for a row with a single value (`licensing`).
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
}

/// A row that carries values.
#[derive(Debug)]
pub struct RowDef {
    /// Stable id (`denied.state_secret`).
    pub id: &'static str,
    /// The official label of the row itself (the leaf label for nested rows).
    pub label: &'static str,
    /// The distinctive part of the label the parser looks for.
    pub key: &'static str,
    /// The label of the group the row belongs to (`（三）不予公开`), if any.
    pub group: Option<&'static str>,
    /// The block header of table 2 (`第二十条第（一）项`), if any.
    pub block: Option<&'static str>,
    pub columns: &'static [ColumnDef],
    /// Formats in which this row exists.
    pub formats: &'static [Format],
}

impl RowDef {
    /// The number of values the row holds.
    pub fn width(&self) -> usize {
        self.columns.len()
    }
}

/// A statistical table.
#[derive(Debug)]
pub struct TableDef {
    /// `active`, `active_2019`, `requests`, `review`.
    pub id: &'static str,
    pub title: &'static str,
    /// The section the table belongs to.
    pub section: u8,
    pub rows: &'static [RowDef],
    /// Labels of the header and of the groups: not rows, but known text.
    pub header_labels: &'static [&'static str],
}

const BOTH: &[Format] = &[Format::F2021, Format::F2019];
const ONLY_2021: &[Format] = &[Format::F2021];
const ONLY_2019: &[Format] = &[Format::F2019];

macro_rules! col {
    ($id:expr, $label:expr) => {
        ColumnDef { id: $id, label: $label, unit: Unit::Count }
    };
    ($id:expr, $label:expr, $unit:expr) => {
        ColumnDef { id: $id, label: $label, unit: $unit }
    };
}

// ---------------------------------------------------------------- table 2

pub const BLOCK_1: &str = "第二十条第（一）项";
pub const BLOCK_5: &str = "第二十条第（五）项";
pub const BLOCK_6: &str = "第二十条第（六）项";
pub const BLOCK_8: &str = "第二十条第（八）项";
pub const BLOCK_9: &str = "第二十条第（九）项";
pub const CONTENT_HEADER: &str = "信息内容";

const ACTIVE_DOCS: &[ColumnDef] =
    &[col!("issued", "本年制发件数"), col!("repealed", "本年废止件数"), col!("in_force", "现行有效件数")];
const ACTIVE_DECISIONS: &[ColumnDef] = &[col!("", "本年处理决定数量")];
const ACTIVE_FEES: &[ColumnDef] = &[col!("", "本年收费金额（单位：万元）", Unit::TenThousandYuan)];

macro_rules! row {
    ($id:expr, $label:expr, $key:expr, $group:expr, $block:expr, $cols:expr, $formats:expr) => {
        RowDef { id: $id, label: $label, key: $key, group: $group, block: $block, columns: $cols, formats: $formats }
    };
}

pub static ACTIVE: TableDef = TableDef {
    id: "active",
    title: "主动公开政府信息情况",
    section: 2,
    rows: &[
        row!("regulations", "规章", "规章", None, Some(BLOCK_1), ACTIVE_DOCS, ONLY_2021),
        row!("normative_documents", "行政规范性文件", "规范性文件", None, Some(BLOCK_1), ACTIVE_DOCS, ONLY_2021),
        row!("licensing", "行政许可", "行政许可", None, Some(BLOCK_5), ACTIVE_DECISIONS, ONLY_2021),
        row!("punishment", "行政处罚", "行政处罚", None, Some(BLOCK_6), ACTIVE_DECISIONS, ONLY_2021),
        row!("coercion", "行政强制", "行政强制", None, Some(BLOCK_6), ACTIVE_DECISIONS, ONLY_2021),
        row!("fees", "行政事业性收费", "行政事业性收费", None, Some(BLOCK_8), ACTIVE_FEES, ONLY_2021),
    ],
    header_labels: &[BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8, CONTENT_HEADER],
};

const A19_DOCS: &[ColumnDef] = &[
    col!("newly_made", "本年新制作数量"),
    col!("newly_published", "本年新公开数量"),
    col!("total_published", "对外公开总数量"),
];
const A19_ITEMS: &[ColumnDef] = &[
    col!("previous_items", "上一年项目数量"),
    col!("change", "本年增/减", Unit::Signed),
    col!("decisions", "处理决定数量"),
];
const A19_FEES: &[ColumnDef] = &[col!("previous_items", "上一年项目数量"), col!("change", "本年增/减", Unit::Signed)];
const A19_PROCUREMENT: &[ColumnDef] = &[col!("items", "采购项目数量"), col!("amount", "采购总金额", Unit::Amount)];

pub static ACTIVE_2019: TableDef = TableDef {
    id: "active_2019",
    title: "主动公开政府信息情况",
    section: 2,
    rows: &[
        row!("regulations", "规章", "规章", None, Some(BLOCK_1), A19_DOCS, ONLY_2019),
        row!("normative_documents", "规范性文件", "规范性文件", None, Some(BLOCK_1), A19_DOCS, ONLY_2019),
        row!("licensing", "行政许可", "行政许可", None, Some(BLOCK_5), A19_ITEMS, ONLY_2019),
        row!("other_services", "其他对外管理服务事项", "其他对外管理服务", None, Some(BLOCK_5), A19_ITEMS, ONLY_2019),
        row!("punishment", "行政处罚", "行政处罚", None, Some(BLOCK_6), A19_ITEMS, ONLY_2019),
        row!("coercion", "行政强制", "行政强制", None, Some(BLOCK_6), A19_ITEMS, ONLY_2019),
        row!("fees", "行政事业性收费", "行政事业性收费", None, Some(BLOCK_8), A19_FEES, ONLY_2019),
        row!("procurement", "政府集中采购", "政府集中采购", None, Some(BLOCK_9), A19_PROCUREMENT, ONLY_2019),
    ],
    header_labels: &[BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8, BLOCK_9, CONTENT_HEADER],
};

/// Labels that only the 2019 table 2 has (W304's tell-tales).
pub const TELLTALES_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
];

/// Labels of the structure of the 2008 条例 (W305's tell-tales).
pub const TELLTALES_PRE_2019: &[&str] = &[
    "依申请公开政府信息情况",
    "政府信息公开的收费及减免情况",
    "收费及减免",
    "咨询处理情况",
    "受理依申请公开信息总数",
    "同意公开答复数",
    "否决公开答复总数",
    "主动公开信息数",
    "政府信息公开情况统计表",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
];

/// The labels of the pre-2019 indicator table (统计表), not of its prose.
pub const INDICATORS_PRE_2019: &[&str] =
    &["受理依申请公开信息总数", "同意公开答复数", "否决公开答复总数", "主动公开信息数", "政府信息公开情况统计表"];

// ---------------------------------------------------------------- table 3

pub const REQUEST_COLUMNS: &[ColumnDef] = &[
    col!("natural_person", "自然人"),
    col!("commercial", "商业企业"),
    col!("research", "科研机构"),
    col!("social_org", "社会公益组织"),
    col!("legal_service", "法律服务机构"),
    col!("other_org", "其他"),
    col!("total", "总计"),
];

pub const REQUESTS_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const REQUESTS_RESULTS: &str = "三、本年度办理结果";
pub const GROUP_DENIED: &str = "（三）不予公开";
pub const GROUP_UNABLE: &str = "（四）无法提供";
pub const GROUP_NOT_PROCESSED: &str = "（五）不予处理";
pub const GROUP_OTHER: &str = "（六）其他处理";

macro_rules! req {
    ($id:expr, $label:expr, $key:expr) => {
        row!($id, $label, $key, None, None, REQUEST_COLUMNS, BOTH)
    };
    ($id:expr, $label:expr, $key:expr, $group:expr) => {
        row!($id, $label, $key, Some($group), None, REQUEST_COLUMNS, BOTH)
    };
    ($id:expr, $label:expr, $key:expr, $group:expr, $formats:expr) => {
        row!($id, $label, $key, Some($group), None, REQUEST_COLUMNS, $formats)
    };
}

pub static REQUESTS: TableDef = TableDef {
    id: "requests",
    title: "收到和处理政府信息公开申请情况",
    section: 3,
    rows: &[
        req!("new_received", "一、本年新收政府信息公开申请数量", "本年新收"),
        req!("carried_over", "二、上年结转政府信息公开申请数量", "上年结转"),
        req!("granted", "（一）予以公开", "予以公开", REQUESTS_RESULTS),
        req!(
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "部分公开",
            REQUESTS_RESULTS
        ),
        req!("denied.state_secret", "1.属于国家秘密", "国家秘密", GROUP_DENIED),
        req!("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "禁止公开", GROUP_DENIED),
        req!("denied.security_stability", "3.危及“三安全一稳定”", "三安全一稳定", GROUP_DENIED),
        req!("denied.third_party_rights", "4.保护第三方合法权益", "第三方合法权益", GROUP_DENIED),
        req!("denied.internal_affairs", "5.属于三类内部事务信息", "内部事务", GROUP_DENIED),
        req!("denied.process_information", "6.属于四类过程性信息", "过程性信息", GROUP_DENIED),
        req!("denied.enforcement_files", "7.属于行政执法案卷", "执法案卷", GROUP_DENIED),
        req!("denied.administrative_query", "8.属于行政查询事项", "行政查询", GROUP_DENIED),
        req!("unable.not_held", "1.本机关不掌握相关政府信息", "不掌握", GROUP_UNABLE),
        req!("unable.needs_creation", "2.没有现成信息需要另行制作", "另行制作", GROUP_UNABLE),
        req!("unable.still_unclear", "3.补正后申请内容仍不明确", "仍不明确", GROUP_UNABLE),
        req!("not_processed.petition", "1.信访举报投诉类申请", "信访举报投诉", GROUP_NOT_PROCESSED),
        req!("not_processed.repeated", "2.重复申请", "重复申请", GROUP_NOT_PROCESSED),
        req!("not_processed.publication", "3.要求提供公开出版物", "公开出版物", GROUP_NOT_PROCESSED),
        req!("not_processed.excessive", "4.无正当理由大量反复申请", "大量反复", GROUP_NOT_PROCESSED),
        req!("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "重新出具", GROUP_NOT_PROCESSED),
        req!("other.undivided", "（六）其他处理", "其他处理", REQUESTS_RESULTS, ONLY_2019),
        req!(
            "other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "逾期不补正",
            GROUP_OTHER,
            ONLY_2021
        ),
        req!(
            "other.unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "缴纳费用",
            GROUP_OTHER,
            ONLY_2021
        ),
        req!("other.other", "3.其他", "3.其他", GROUP_OTHER, ONLY_2021),
        req!("outcome_total", "（七）总计", "(七)总计", REQUESTS_RESULTS),
        req!("carried_forward", "四、结转下年度继续办理", "结转下年度"),
    ],
    header_labels: &[
        REQUESTS_NOTE,
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
        REQUESTS_RESULTS,
        GROUP_DENIED,
        GROUP_UNABLE,
        GROUP_NOT_PROCESSED,
        GROUP_OTHER,
    ],
};

/// The rows whose sum is `outcome_total` (T3-b), for a format.
pub fn outcome_leaves(format: Format) -> impl Iterator<Item = &'static RowDef> {
    let rows = REQUESTS.rows;
    let first = rows.iter().position(|r| r.id == "granted").unwrap_or(0);
    let last = rows.iter().position(|r| r.id == "outcome_total").unwrap_or(rows.len());
    rows[first..last].iter().filter(move |r| r.formats.contains(&format))
}

// ---------------------------------------------------------------- table 4

pub const REVIEW_COLUMNS: &[ColumnDef] = &[
    col!("upheld", "结果维持"),
    col!("corrected", "结果纠正"),
    col!("other", "其他结果"),
    col!("pending", "尚未审结"),
    col!("total", "总计"),
];

pub static REVIEW: TableDef = TableDef {
    id: "review",
    title: "政府信息公开行政复议、行政诉讼情况",
    section: 4,
    rows: &[
        row!("reconsideration", "行政复议", "行政复议", None, None, REVIEW_COLUMNS, BOTH),
        row!("litigation_direct", "未经复议直接起诉", "未经复议直接起诉", Some("行政诉讼"), None, REVIEW_COLUMNS, BOTH),
        row!(
            "litigation_after_reconsideration",
            "复议后起诉",
            "复议后起诉",
            Some("行政诉讼"),
            None,
            REVIEW_COLUMNS,
            BOTH
        ),
    ],
    header_labels: &[
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ],
};

/// Words of the table-4 header, also as they appear when a header cell is
/// split in two (`结果 / 维持`), after which the 15 values follow.
pub const REVIEW_HEADER_WORDS: &[&str] =
    &["未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼", "总计", "审结", "维持", "纠正", "结果", "其他", "尚未"];

// ---------------------------------------------------------------- the document

/// The words every title of an annual report contains.
pub const TITLE_WORDS: &[&str] = &["政府信息公开", "报告"];
/// The standard end of a title, removed to find the agency.
pub const TITLE_SUFFIXES: &[&str] =
    &["政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告", "政务公开工作年度报告"];
/// Prefixes crawlers put before a title line.
pub const TITLE_PREFIXES: &[&str] = &["标题:", "标题："];

/// Words that introduce the statistical period in the text.
pub const PERIOD_WORDS: &[&str] =
    &["统计期限", "统计时限", "统计时间", "统计周期", "统计数据时限", "统计截止", "数据统计"];

/// Normalises a template label the way the input text is normalised, so both
/// can be compared (full-width ASCII forms to ASCII).
pub fn normalized(label: &str) -> String {
    crate::normalize::normalize(label).text
}

/// Every value id of the model (`requests.new_received.natural_person`,
/// `active.licensing`), in template order: the columns of `ogilint export`,
/// the same on every run.
pub fn value_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for t in [&ACTIVE, &ACTIVE_2019, &REQUESTS, &REVIEW] {
        for r in t.rows {
            for c in r.columns {
                ids.push(if c.id.is_empty() {
                    format!("{}.{}", t.id, r.id)
                } else {
                    format!("{}.{}.{}", t.id, r.id, c.id)
                });
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table3_has_the_rows_of_each_format() {
        let count = |f: Format| REQUESTS.rows.iter().filter(|r| r.formats.contains(&f)).count();
        assert_eq!(count(Format::F2021), 25);
        assert_eq!(count(Format::F2019), 23);
        assert_eq!(outcome_leaves(Format::F2021).count(), 21);
        assert_eq!(outcome_leaves(Format::F2019).count(), 19);
    }

    #[test]
    fn table2_has_ten_cells() {
        let cells: usize = ACTIVE.rows.iter().map(RowDef::width).sum();
        assert_eq!(cells, 10);
        let cells: usize = ACTIVE_2019.rows.iter().map(RowDef::width).sum();
        assert_eq!(cells, 22);
    }

    #[test]
    fn every_key_is_part_of_its_label() {
        for table in [&ACTIVE, &ACTIVE_2019, &REQUESTS, &REVIEW] {
            for row in table.rows {
                let label: String = normalized(row.label).chars().filter(|c| !c.is_whitespace()).collect();
                assert!(label.contains(row.key), "{}: key {} not in {}", row.id, row.key, label);
            }
        }
    }
}
