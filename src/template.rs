//! The official structure of the report: headings, tables, rows, columns and
//! their labels, as data (国办公开办函〔2021〕30号 and the 2019 trial format).
//!
//! This is the only place where the official Chinese labels are written. The
//! parser finds rows by their `key` (a distinctive part of the label, matched
//! with spaces ignored), the model names values by the `id`s below (the stable
//! ids of `model.md`), and the rules compare what the report wrote with `label`.

use std::fmt;

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

/// A table's stable id, the first part of every value id (`requests`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableId {
    Active,
    Active2019,
    Requests,
    Review,
}

impl TableId {
    pub const fn as_str(self) -> &'static str {
        match self {
            TableId::Active => "active",
            TableId::Active2019 => "active_2019",
            TableId::Requests => "requests",
            TableId::Review => "review",
        }
    }
}

/// A row's stable id (`denied.state_secret`). Only this module makes one (the
/// constants of [`row`]), so the parser and the rules cannot name a row the
/// template does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowId(&'static str);

/// A column's stable id (`natural_person`); [`col::SINGLE`] for the one value
/// of a row that has a single column (`active.licensing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColId(&'static str);

impl RowId {
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl ColId {
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The column of a row with a single value, which has no name of its own.
    pub const fn is_single(self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for RowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for ColId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The value id of `model.md`: `table.row.column`, or `table.row` for a row
/// with a single value.
pub fn value_id(table: TableId, row: RowId, col: ColId) -> String {
    if col.is_single() {
        format!("{}.{}", table.as_str(), row.0)
    } else {
        format!("{}.{}.{}", table.as_str(), row.0, col.0)
    }
}

/// The rows of every table, by id.
pub mod row {
    use super::RowId;
    pub const REGULATIONS: RowId = RowId("regulations");
    pub const NORMATIVE_DOCUMENTS: RowId = RowId("normative_documents");
    pub const LICENSING: RowId = RowId("licensing");
    pub const PUNISHMENT: RowId = RowId("punishment");
    pub(crate) const COERCION: RowId = RowId("coercion");
    pub const FEES: RowId = RowId("fees");
    pub const OTHER_SERVICES: RowId = RowId("other_services");
    pub const PROCUREMENT: RowId = RowId("procurement");
    pub const NEW_RECEIVED: RowId = RowId("new_received");
    pub(crate) const CARRIED_OVER: RowId = RowId("carried_over");
    pub const GRANTED: RowId = RowId("granted");
    pub(crate) const PARTIALLY_GRANTED: RowId = RowId("partially_granted");
    pub(crate) const DENIED_STATE_SECRET: RowId = RowId("denied.state_secret");
    pub(crate) const DENIED_PROHIBITED_BY_LAW: RowId = RowId("denied.prohibited_by_law");
    pub(crate) const DENIED_SECURITY_STABILITY: RowId = RowId("denied.security_stability");
    pub(crate) const DENIED_THIRD_PARTY_RIGHTS: RowId = RowId("denied.third_party_rights");
    pub(crate) const DENIED_INTERNAL_AFFAIRS: RowId = RowId("denied.internal_affairs");
    pub const DENIED_PROCESS_INFORMATION: RowId = RowId("denied.process_information");
    pub const DENIED_ENFORCEMENT_FILES: RowId = RowId("denied.enforcement_files");
    pub(crate) const DENIED_ADMINISTRATIVE_QUERY: RowId = RowId("denied.administrative_query");
    pub const UNABLE_NOT_HELD: RowId = RowId("unable.not_held");
    pub const UNABLE_NEEDS_CREATION: RowId = RowId("unable.needs_creation");
    pub(crate) const UNABLE_STILL_UNCLEAR: RowId = RowId("unable.still_unclear");
    pub(crate) const NOT_PROCESSED_PETITION: RowId = RowId("not_processed.petition");
    pub(crate) const NOT_PROCESSED_REPEATED: RowId = RowId("not_processed.repeated");
    pub(crate) const NOT_PROCESSED_PUBLICATION: RowId = RowId("not_processed.publication");
    pub(crate) const NOT_PROCESSED_EXCESSIVE: RowId = RowId("not_processed.excessive");
    pub(crate) const NOT_PROCESSED_CONFIRMATION: RowId = RowId("not_processed.confirmation");
    pub(crate) const OTHER_UNDIVIDED: RowId = RowId("other.undivided");
    pub(crate) const OTHER_NO_CORRECTION: RowId = RowId("other.no_correction");
    pub(crate) const OTHER_UNPAID_FEE: RowId = RowId("other.unpaid_fee");
    pub(crate) const OTHER_OTHER: RowId = RowId("other.other");
    pub const OUTCOME_TOTAL: RowId = RowId("outcome_total");
    pub const CARRIED_FORWARD: RowId = RowId("carried_forward");
    pub const RECONSIDERATION: RowId = RowId("reconsideration");
    pub const LITIGATION_DIRECT: RowId = RowId("litigation_direct");
    pub const LITIGATION_AFTER_RECONSIDERATION: RowId = RowId("litigation_after_reconsideration");
}

/// The columns of every table, by id.
pub mod col {
    use super::ColId;
    pub(crate) const ISSUED: ColId = ColId("issued");
    pub(crate) const REPEALED: ColId = ColId("repealed");
    pub(crate) const IN_FORCE: ColId = ColId("in_force");
    pub const SINGLE: ColId = ColId("");
    pub(crate) const NEWLY_MADE: ColId = ColId("newly_made");
    pub(crate) const NEWLY_PUBLISHED: ColId = ColId("newly_published");
    pub(crate) const TOTAL_PUBLISHED: ColId = ColId("total_published");
    pub const PREVIOUS_ITEMS: ColId = ColId("previous_items");
    pub const CHANGE: ColId = ColId("change");
    pub(crate) const DECISIONS: ColId = ColId("decisions");
    pub const ITEMS: ColId = ColId("items");
    pub(crate) const AMOUNT: ColId = ColId("amount");
    pub const NATURAL_PERSON: ColId = ColId("natural_person");
    pub(crate) const COMMERCIAL: ColId = ColId("commercial");
    pub(crate) const RESEARCH: ColId = ColId("research");
    pub(crate) const SOCIAL_ORG: ColId = ColId("social_org");
    pub(crate) const LEGAL_SERVICE: ColId = ColId("legal_service");
    pub(crate) const OTHER_ORG: ColId = ColId("other_org");
    pub const TOTAL: ColId = ColId("total");
    pub(crate) const UPHELD: ColId = ColId("upheld");
    pub(crate) const CORRECTED: ColId = ColId("corrected");
    pub(crate) const OTHER: ColId = ColId("other");
    pub const PENDING: ColId = ColId("pending");
}

#[derive(Debug)]
pub struct ColumnDef {
    /// Stable id; [`col::SINGLE`] for a row with a single value (`licensing`).
    pub id: ColId,
    pub label: &'static str,
    pub unit: Unit,
}

/// A row that carries values.
#[derive(Debug)]
pub struct RowDef {
    /// Stable id (`denied.state_secret`).
    pub id: RowId,
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
    pub id: TableId,
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

pub(crate) const BLOCK_1: &str = "第二十条第（一）项";
pub(crate) const BLOCK_5: &str = "第二十条第（五）项";
pub(crate) const BLOCK_6: &str = "第二十条第（六）项";
pub(crate) const BLOCK_8: &str = "第二十条第（八）项";
pub(crate) const BLOCK_9: &str = "第二十条第（九）项";
pub const CONTENT_HEADER: &str = "信息内容";

const ACTIVE_DOCS: &[ColumnDef] =
    &[col!(col::ISSUED, "本年制发件数"), col!(col::REPEALED, "本年废止件数"), col!(col::IN_FORCE, "现行有效件数")];
const ACTIVE_DECISIONS: &[ColumnDef] = &[col!(col::SINGLE, "本年处理决定数量")];
const ACTIVE_FEES: &[ColumnDef] = &[col!(col::SINGLE, "本年收费金额（单位：万元）", Unit::TenThousandYuan)];

macro_rules! row {
    ($id:expr, $label:expr, $key:expr, $group:expr, $block:expr, $cols:expr, $formats:expr) => {
        RowDef { id: $id, label: $label, key: $key, group: $group, block: $block, columns: $cols, formats: $formats }
    };
}

pub static ACTIVE: TableDef = TableDef {
    id: TableId::Active,
    title: "主动公开政府信息情况",
    section: 2,
    rows: &[
        row!(row::REGULATIONS, "规章", "规章", None, Some(BLOCK_1), ACTIVE_DOCS, ONLY_2021),
        row!(row::NORMATIVE_DOCUMENTS, "行政规范性文件", "规范性文件", None, Some(BLOCK_1), ACTIVE_DOCS, ONLY_2021),
        row!(row::LICENSING, "行政许可", "行政许可", None, Some(BLOCK_5), ACTIVE_DECISIONS, ONLY_2021),
        row!(row::PUNISHMENT, "行政处罚", "行政处罚", None, Some(BLOCK_6), ACTIVE_DECISIONS, ONLY_2021),
        row!(row::COERCION, "行政强制", "行政强制", None, Some(BLOCK_6), ACTIVE_DECISIONS, ONLY_2021),
        row!(row::FEES, "行政事业性收费", "行政事业性收费", None, Some(BLOCK_8), ACTIVE_FEES, ONLY_2021),
    ],
    header_labels: &[BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8, CONTENT_HEADER],
};

const A19_DOCS: &[ColumnDef] = &[
    col!(col::NEWLY_MADE, "本年新制作数量"),
    col!(col::NEWLY_PUBLISHED, "本年新公开数量"),
    col!(col::TOTAL_PUBLISHED, "对外公开总数量"),
];
const A19_ITEMS: &[ColumnDef] = &[
    col!(col::PREVIOUS_ITEMS, "上一年项目数量"),
    col!(col::CHANGE, "本年增/减", Unit::Signed),
    col!(col::DECISIONS, "处理决定数量"),
];
const A19_FEES: &[ColumnDef] =
    &[col!(col::PREVIOUS_ITEMS, "上一年项目数量"), col!(col::CHANGE, "本年增/减", Unit::Signed)];
const A19_PROCUREMENT: &[ColumnDef] =
    &[col!(col::ITEMS, "采购项目数量"), col!(col::AMOUNT, "采购总金额", Unit::Amount)];

pub(crate) static ACTIVE_2019: TableDef = TableDef {
    id: TableId::Active2019,
    title: "主动公开政府信息情况",
    section: 2,
    rows: &[
        row!(row::REGULATIONS, "规章", "规章", None, Some(BLOCK_1), A19_DOCS, ONLY_2019),
        row!(row::NORMATIVE_DOCUMENTS, "规范性文件", "规范性文件", None, Some(BLOCK_1), A19_DOCS, ONLY_2019),
        row!(row::LICENSING, "行政许可", "行政许可", None, Some(BLOCK_5), A19_ITEMS, ONLY_2019),
        row!(
            row::OTHER_SERVICES,
            "其他对外管理服务事项",
            "其他对外管理服务",
            None,
            Some(BLOCK_5),
            A19_ITEMS,
            ONLY_2019
        ),
        row!(row::PUNISHMENT, "行政处罚", "行政处罚", None, Some(BLOCK_6), A19_ITEMS, ONLY_2019),
        row!(row::COERCION, "行政强制", "行政强制", None, Some(BLOCK_6), A19_ITEMS, ONLY_2019),
        row!(row::FEES, "行政事业性收费", "行政事业性收费", None, Some(BLOCK_8), A19_FEES, ONLY_2019),
        row!(row::PROCUREMENT, "政府集中采购", "政府集中采购", None, Some(BLOCK_9), A19_PROCUREMENT, ONLY_2019),
    ],
    header_labels: &[BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8, BLOCK_9, CONTENT_HEADER],
};

/// Labels that only the 2019 table 2 has (W304's tell-tales).
pub(crate) const TELLTALES_2019: &[&str] = &[
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

/// The column headers of the 2019 trial format's table 2: a table that has
/// them is of that format, whatever the prose around it says.
pub(crate) const HEADERS_2019: &[&str] =
    &["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量"];

/// Column headers that only the 2021 table 2 has.
pub(crate) const HEADERS_2021: &[&str] =
    &["本年处理决定数量", "本年收费金额", "本年制发件数", "本年废止件数", "现行有效件数"];
/// The 2021 table 2's one-column headers as reports also word them
/// (`处理决定数量`, `本年度收费金额`): a fee amount is no column of the 2019
/// form, and there 处理决定数量 comes after 上一年项目数量, never right after
/// 信息内容 ([`CONTENT_HEADER`]).
pub(crate) const DECISIONS_HEADER: &str = "处理决定数量";
pub(crate) const FEE_AMOUNT_HEADER: &str = "收费金额";

/// Labels of the structure of the 2008 条例 (W305's tell-tales).
pub(crate) const TELLTALES_PRE_2019: &[&str] = &[
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
pub(crate) const INDICATORS_PRE_2019: &[&str] =
    &["受理依申请公开信息总数", "同意公开答复数", "否决公开答复总数", "主动公开信息数", "政府信息公开情况统计表"];

// ---------------------------------------------------------------- table 3

pub const REQUEST_COLUMNS: &[ColumnDef] = &[
    col!(col::NATURAL_PERSON, "自然人"),
    col!(col::COMMERCIAL, "商业企业"),
    col!(col::RESEARCH, "科研机构"),
    col!(col::SOCIAL_ORG, "社会公益组织"),
    col!(col::LEGAL_SERVICE, "法律服务机构"),
    col!(col::OTHER_ORG, "其他"),
    col!(col::TOTAL, "总计"),
];

pub const REQUESTS_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const REQUESTS_RESULTS: &str = "三、本年度办理结果";
pub(crate) const GROUP_DENIED: &str = "（三）不予公开";
pub(crate) const GROUP_UNABLE: &str = "（四）无法提供";
pub(crate) const GROUP_NOT_PROCESSED: &str = "（五）不予处理";
pub(crate) const GROUP_OTHER: &str = "（六）其他处理";

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
    id: TableId::Requests,
    title: "收到和处理政府信息公开申请情况",
    section: 3,
    rows: &[
        req!(row::NEW_RECEIVED, "一、本年新收政府信息公开申请数量", "本年新收"),
        req!(row::CARRIED_OVER, "二、上年结转政府信息公开申请数量", "上年结转"),
        req!(row::GRANTED, "（一）予以公开", "予以公开", REQUESTS_RESULTS),
        req!(
            row::PARTIALLY_GRANTED,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "部分公开",
            REQUESTS_RESULTS
        ),
        req!(row::DENIED_STATE_SECRET, "1.属于国家秘密", "国家秘密", GROUP_DENIED),
        req!(row::DENIED_PROHIBITED_BY_LAW, "2.其他法律行政法规禁止公开", "禁止公开", GROUP_DENIED),
        req!(row::DENIED_SECURITY_STABILITY, "3.危及“三安全一稳定”", "三安全一稳定", GROUP_DENIED),
        req!(row::DENIED_THIRD_PARTY_RIGHTS, "4.保护第三方合法权益", "第三方合法权益", GROUP_DENIED),
        req!(row::DENIED_INTERNAL_AFFAIRS, "5.属于三类内部事务信息", "内部事务", GROUP_DENIED),
        req!(row::DENIED_PROCESS_INFORMATION, "6.属于四类过程性信息", "过程性信息", GROUP_DENIED),
        req!(row::DENIED_ENFORCEMENT_FILES, "7.属于行政执法案卷", "执法案卷", GROUP_DENIED),
        req!(row::DENIED_ADMINISTRATIVE_QUERY, "8.属于行政查询事项", "行政查询", GROUP_DENIED),
        req!(row::UNABLE_NOT_HELD, "1.本机关不掌握相关政府信息", "不掌握", GROUP_UNABLE),
        req!(row::UNABLE_NEEDS_CREATION, "2.没有现成信息需要另行制作", "另行制作", GROUP_UNABLE),
        req!(row::UNABLE_STILL_UNCLEAR, "3.补正后申请内容仍不明确", "仍不明确", GROUP_UNABLE),
        req!(row::NOT_PROCESSED_PETITION, "1.信访举报投诉类申请", "信访举报投诉", GROUP_NOT_PROCESSED),
        req!(row::NOT_PROCESSED_REPEATED, "2.重复申请", "重复申请", GROUP_NOT_PROCESSED),
        req!(row::NOT_PROCESSED_PUBLICATION, "3.要求提供公开出版物", "公开出版物", GROUP_NOT_PROCESSED),
        req!(row::NOT_PROCESSED_EXCESSIVE, "4.无正当理由大量反复申请", "大量反复", GROUP_NOT_PROCESSED),
        req!(
            row::NOT_PROCESSED_CONFIRMATION,
            "5.要求行政机关确认或重新出具已获取信息",
            "重新出具",
            GROUP_NOT_PROCESSED
        ),
        req!(row::OTHER_UNDIVIDED, "（六）其他处理", "其他处理", REQUESTS_RESULTS, ONLY_2019),
        req!(
            row::OTHER_NO_CORRECTION,
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "逾期不补正",
            GROUP_OTHER,
            ONLY_2021
        ),
        req!(
            row::OTHER_UNPAID_FEE,
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "缴纳费用",
            GROUP_OTHER,
            ONLY_2021
        ),
        req!(row::OTHER_OTHER, "3.其他", "3.其他", GROUP_OTHER, ONLY_2021),
        req!(row::OUTCOME_TOTAL, "（七）总计", "(七)总计", REQUESTS_RESULTS),
        req!(row::CARRIED_FORWARD, "四、结转下年度继续办理", "结转下年度"),
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
    let first = rows.iter().position(|r| r.id == row::GRANTED).unwrap_or(0);
    let last = rows.iter().position(|r| r.id == row::OUTCOME_TOTAL).unwrap_or(rows.len());
    rows[first..last].iter().filter(move |r| r.formats.contains(&format))
}

// ---------------------------------------------------------------- table 4

pub const REVIEW_COLUMNS: &[ColumnDef] = &[
    col!(col::UPHELD, "结果维持"),
    col!(col::CORRECTED, "结果纠正"),
    col!(col::OTHER, "其他结果"),
    col!(col::PENDING, "尚未审结"),
    col!(col::TOTAL, "总计"),
];

/// Words of a page whose report is an attached file (`附件：…年度报告.pdf`,
/// `点击下载`).
pub(crate) const ATTACHMENT_WORDS: &[&str] = &["附件", "下载", ".pdf", ".doc", ".wps"];

/// Table 4 named as one row of fifteen cells, in messages about its run.
pub(crate) const REVIEW_ROW_LABEL: &str = "行政复议、行政诉讼";

pub static REVIEW: TableDef = TableDef {
    id: TableId::Review,
    title: "政府信息公开行政复议、行政诉讼情况",
    section: 4,
    rows: &[
        row!(row::RECONSIDERATION, "行政复议", "行政复议", None, None, REVIEW_COLUMNS, BOTH),
        row!(
            row::LITIGATION_DIRECT,
            "未经复议直接起诉",
            "未经复议直接起诉",
            Some("行政诉讼"),
            None,
            REVIEW_COLUMNS,
            BOTH
        ),
        row!(
            row::LITIGATION_AFTER_RECONSIDERATION,
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

/// Words that start table 3's header: where table 3 begins when its section
/// heading is missing (and where the table before it ends).
pub(crate) const REQUESTS_ANCHORS: &[&str] = &["勾稽关系", "申请人情况"];

/// Labels of table 4's header, two of which find the table without its
/// section heading (and end the table before it).
pub(crate) const REVIEW_ANCHORS: &[&str] = &["未经复议直接起诉", "复议后起诉", "尚未审结", "结果维持", "结果纠正"];

/// Words of the table-4 header, also as they appear when a header cell is
/// split in two (`结果 / 维持`), after which the 15 values follow.
pub(crate) const REVIEW_HEADER_WORDS: &[&str] =
    &["未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼", "总计", "审结", "维持", "纠正", "结果", "其他", "尚未"];

/// The first year whose reports use the 2021 format (国办公开办函〔2021〕30号);
/// earlier ones use the 2019 trial format.
pub(crate) const FIRST_2021_FORMAT_YEAR: i32 = 2021;

// ------------------------------------------------------------ the agency's level

/// How the names of township governments end (乡、镇、街道).
pub(crate) const TOWNSHIP_SUFFIXES: &[&str] = &["乡人民政府", "镇人民政府", "街道办事处", "乡政府", "镇政府"];
/// The units of county level (县, 市辖区, 旗, and zones such as 开发区):
/// neither they nor their departments can make 规章, which only the State
/// Council's departments and provincial and 设区的市 governments make
/// (立法法 第九十一条、第九十三条).
pub(crate) const COUNTY_LEVEL_UNITS: &[char] = &['县', '区', '旗'];
/// Names ending in a unit's character that are of provincial level.
pub(crate) const ABOVE_COUNTY_UNITS: &[&str] = &["自治区", "特别行政区"];
/// Characters after which `区` is part of a word, not a unit (`区域`, `区划`).
pub(crate) const UNIT_WORD_TAILS: &[char] = &['域', '划', '块', '间', '位', '别'];
/// Characters before which `区` is part of a word, not a unit (`社区`,
/// `景区`, `小区`: a city's 城乡社区发展治理委员会 is a city's body).
pub(crate) const UNIT_WORD_HEADS: &[char] = &['社', '景', '小'];

/// Whether an agency is of county level or below (a county or district
/// government, one of their departments, a township), by its name
/// (`于洪区教育局`, `宁强县民政局`, `汉台区徐望镇人民政府`); a city's or a
/// province's body is not (`淮安市人民政府`, `广西壮族自治区民政厅`).
pub(crate) fn below_city_level(agency: &str) -> bool {
    if TOWNSHIP_SUFFIXES.iter().any(|s| agency.ends_with(s)) {
        return true;
    }
    let chars: Vec<(usize, char)> = agency.char_indices().collect();
    chars.iter().enumerate().skip(1).any(|(i, &(at, c))| {
        let end = at + c.len_utf8();
        COUNTY_LEVEL_UNITS.contains(&c)
            && !ABOVE_COUNTY_UNITS.iter().any(|u| agency[..end].ends_with(u))
            && !chars.get(i + 1).is_some_and(|&(_, next)| UNIT_WORD_TAILS.contains(&next))
            && !chars.get(i - 1).is_some_and(|&(_, prev)| UNIT_WORD_HEADS.contains(&prev))
    })
}

// ---------------------------------------------------------------- the document

/// Words a preamble counts the report's parts with (`…等六个部分`,
/// `共6个部分`, `六项内容`).
pub(crate) const PREAMBLE_PART_WORDS: &[&str] = &["部分", "项内容"];

/// The document's name, as 条例 第四十九条、第五十条 and the format write it.
pub(crate) const TITLE_STANDARD_NAME: &str = "政府信息公开工作年度报告";
/// The words every title of an annual report contains.
pub(crate) const TITLE_SUBJECT: &str = "政府信息公开";
/// A people's government (`XX镇人民政府`), and its last word, which the
/// report's name also starts with.
pub(crate) const AGENCY_GOVERNMENT: &str = "人民政府";
pub(crate) const GOVERNMENT: &str = "政府";
/// The subject as short titles write it (`新抚区发改局2020年信息公开年度报告`),
/// then only with a word of an annual report after it.
pub(crate) const TITLE_SHORT_SUBJECT: &str = "信息公开";
pub(crate) const TITLE_ANNUAL: &[&str] = &["年度报告", "年报"];
/// What a title calls the document: one of these follows the subject
/// (`…工作年度报告`, or the short `…公开年报`).
pub(crate) const TITLE_KINDS: &[&str] = &["报告", "年报"];
/// Words that stand before or after the agency in a title and are no part of
/// it (`宁强县民政局关于2023年…`).
pub(crate) const TITLE_AGENCY_LINKS: &[&str] = &["关于"];
/// Characters that separate the parts of a navigation line (breadcrumb:
/// `首页 > 政务公开 > 年报 > …`), which is never the title.
pub(crate) const BREADCRUMB_MARKS: &[char] = &['>', '»', '›', '＞', '/', '／'];
/// How a site's navigation line begins (`您当前的位置: 首页 > …`).
pub(crate) const BREADCRUMB_PREFIXES: &[&str] =
    &["当前位置", "您当前的位置", "您现在的位置", "您的位置", "所在位置", "现在位置"];

/// Whether a line is a site's navigation (breadcrumb), never a title: two of
/// its marks, a mark before the words, or a location word first.
pub(crate) fn is_breadcrumb(line: &str) -> bool {
    let t = line.trim();
    t.matches(BREADCRUMB_MARKS).count() >= 2
        || t.starts_with(['>', '»', '›', '＞'])
        || BREADCRUMB_PREFIXES.iter().any(|p| t.starts_with(p))
}

/// Whether a line has the words of a title.
pub(crate) fn has_title_words(s: &str) -> bool {
    let kind = TITLE_KINDS.iter().any(|k| s.contains(k));
    kind && (s.contains(TITLE_SUBJECT)
        || s.find(TITLE_SHORT_SUBJECT).is_some_and(|at| TITLE_ANNUAL.iter().any(|w| s[at..].contains(w))))
}
/// The standard end of a title, removed to find the agency.
pub(crate) const TITLE_SUFFIXES: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政府信息公开工作报告",
    "政务公开工作年度报告",
    "政府信息公开工作年报",
    "政府信息公开年报",
    "信息公开工作年度报告",
    "信息公开年度报告",
    "信息公开年报",
];

/// Where the first standard end of a title (a [`TITLE_SUFFIXES`] word) in
/// `s` ends.
pub(crate) fn title_end(s: &str) -> Option<usize> {
    TITLE_SUFFIXES.iter().filter_map(|t| s.find(t).map(|at| at + t.len())).min()
}
/// Field labels a page's metadata puts before the title line (`标题:`,
/// `名 称:` with its characters spaced apart): the title follows the colon.
pub(crate) const TITLE_FIELD_LABELS: &[&str] = &["标题", "名称"];
/// The running head of a page of a flipbook or a printed document
/// (`Page 8 - XX局2022年政府信息公开工作年度报告`): the title follows the number.
pub(crate) const PAGE_HEAD: &str = "Page ";

/// Words that introduce the statistical period in the text.
pub(crate) const PERIOD_WORDS: &[&str] =
    &["统计期限", "统计时限", "统计时间", "统计周期", "统计数据时限", "统计截止", "数据统计"];

/// Normalises a template label the way the input text is normalised, so both
/// can be compared (full-width ASCII forms to ASCII).
pub(crate) fn normalized(label: &str) -> String {
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
                ids.push(value_id(t.id, r.id, c.id));
            }
        }
    }
    ids
}

/// The words of a page number (`第 3 页`, `共 8 页`).
const PAGE_WORDS: [&str; 3] = ["第", "页", "共"];

/// Whether a line of a printed page is its page number alone: `— 3 —`,
/// `- 12 -`, `3`, `3/8`, `第3页`, `第 3 页 共 8 页`.
pub(crate) fn is_page_number(line: &str) -> bool {
    let mut s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    s = s.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·')).to_string();
    for w in PAGE_WORDS {
        s = s.replace(w, " ");
    }
    let parts: Vec<&str> = s.split([' ', '/']).filter(|p| !p.is_empty()).collect();
    !parts.is_empty() && parts.len() <= 2 && parts.iter().all(|p| p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_level_agencies_by_their_names() {
        for below in [
            "于洪区教育局",
            "宁强县民政局",
            "沭阳县人民政府",
            "汉台区徐望镇人民政府",
            "正阳街道办事处",
            "苏州工业园区管理委员会",
        ] {
            assert!(below_city_level(below), "{below}");
        }
        for above in ["淮安市人民政府", "黑河市气象局", "广西壮族自治区民政厅", "上海市科委", "市区划地名办公室", "区"]
        {
            assert!(!below_city_level(above), "{above}");
        }
    }

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
                assert!(label.contains(row.key), "{}: key {} not in {}", row.id.as_str(), row.key, label);
            }
        }
    }
}
