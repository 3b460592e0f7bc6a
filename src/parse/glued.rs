//! Glued cells: crawls that drop every separator between table cells leave
//! digit runs such as `801000081` for a row of seven cells (80|1|0|0|0|0|81).
//! A run is split in every way into non-negative integers without leading
//! zeros (spaces inside a run are hard boundaries); the readings that satisfy
//! the table's own sums are kept, row by row and then jointly over the columns
//! of table 3. Exactly one reading: it is taken and marked as recovered.
//! Several: the values stay unknown and the readings are listed. None: the row
//! is malformed and the closest readings are shown. A report whose published
//! sums are wrong keeps its numbers: the joint step picks the reading that
//! satisfies the most constraints, and only when that reading is unique.

/// One token of a run: a digit string that may hold several cells, or a
/// token that is exactly one cell (a decimal, a number with a unit).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    /// Byte offset of the token in the normalised text.
    pub start: usize,
    /// The token is one cell (not to be split).
    pub single: bool,
}

/// One way to read a run: per cell, its value (`None` for a single non-count
/// token) and its byte range in the normalised text.
pub type Reading = Vec<(Option<i64>, usize, usize)>;

/// The sums a row must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// Table 2: none.
    Free,
    /// Table 3: the last cell is the sum of the others.
    RowTotal,
    /// Table 4: three groups of five, each group's fifth cell the sum of its first four.
    ReviewGroups,
}

impl Constraint {
    /// How many of the row's sums hold, and how many there are.
    pub(crate) fn score(self, r: &[Option<i64>]) -> (usize, usize) {
        let sum_ok = |cells: &[Option<i64>]| -> Option<bool> {
            let (last, parts) = cells.split_last()?;
            let mut s = 0i64;
            for p in parts {
                s = s.checked_add((*p)?)?;
            }
            Some(Some(s) == *last)
        };
        match self {
            Constraint::Free => (0, 0),
            Constraint::RowTotal => (usize::from(sum_ok(r) == Some(true)), 1),
            Constraint::ReviewGroups => (r.chunks(5).filter(|g| g.len() == 5 && sum_ok(g) == Some(true)).count(), 3),
        }
    }
}

/// The closest readings of a row that adds up in no way, kept to be shown.
const MAX_CLOSEST: usize = 64;
/// Longest cell in digits: no count in a report reaches ten digits.
const MAX_CELL_DIGITS: usize = 9;
/// Longest run accepted at all.
pub(crate) const MAX_RUN_DIGITS: usize = 160;
/// Work bound for one enumeration (steps of the search).
const MAX_STEPS: usize = 400_000;
/// Work bound for the search of the closest readings of a run that does not
/// add up: a long such run has too many to be of use anyway.
const MAX_STEPS_CLOSEST: usize = 40_000;

/// The readings of a run of pieces as `k` cells.
#[derive(Debug, Clone, Default)]
pub struct Readings {
    /// Readings that satisfy every sum of the constraint.
    pub consistent: Vec<Reading>,
    /// When none does: the readings that satisfy the most sums (the closest).
    pub closest: Vec<Reading>,
    /// How many sums the closest readings satisfy.
    pub closest_score: usize,
    /// Whether any reading exists at all (enough digits for `k` cells).
    pub any: bool,
    /// The search stopped at its work bound.
    pub truncated: bool,
}

struct Search<'a> {
    pieces: &'a [Piece],
    /// Prune totals to the sum of their parts (first pass); off when looking
    /// for the closest readings of an inconsistent run.
    forced_ok: bool,
    k: usize,
    constraint: Constraint,
    steps: usize,
    truncated: bool,
    best_score: usize,
    out: Readings,
}

impl Search<'_> {
    fn remaining_digits(&self, piece: usize, pos: usize) -> (usize, usize) {
        // (digits left, pieces left including the current one)
        let mut digits = 0;
        let mut pieces = 0;
        for (i, p) in self.pieces.iter().enumerate().skip(piece) {
            let len = if p.single { 1 } else { p.text.len() };
            let used = if i == piece { pos } else { 0 };
            if len > used {
                digits += len - used;
                pieces += 1;
            }
        }
        (digits, pieces)
    }

    /// A complete reading: kept with the consistent ones, or, while there
    /// are none, with the closest (those where the most sums hold).
    fn complete(&mut self, cells: &Reading) {
        self.out.any = true;
        let values: Vec<Option<i64>> = cells.iter().map(|c| c.0).collect();
        let (ok, of) = self.constraint.score(&values);
        if ok == of {
            self.out.consistent.push(cells.clone());
        } else if self.out.consistent.is_empty() {
            if ok > self.best_score || self.out.closest.is_empty() {
                self.best_score = ok;
                self.out.closest.clear();
            }
            if ok == self.best_score && self.out.closest.len() < MAX_CLOSEST {
                self.out.closest.push(cells.clone());
            }
        }
    }

    fn run(&mut self, piece: usize, pos: usize, cells: &mut Reading) {
        self.steps += 1;
        if self.steps > if self.forced_ok { MAX_STEPS } else { MAX_STEPS_CLOSEST } {
            self.truncated = true;
            return;
        }
        if piece == self.pieces.len() {
            if cells.len() == self.k {
                self.complete(cells);
            }
            return;
        }
        let left = self.k - cells.len();
        let (digits, pieces_left) = self.remaining_digits(piece, pos);
        if left < pieces_left || left > digits || digits > left * MAX_CELL_DIGITS {
            return;
        }
        let p = &self.pieces[piece];
        if p.single {
            let value = p.text.parse::<i64>().ok();
            cells.push((value, p.start, p.start + p.text.len()));
            self.run(piece + 1, 0, cells);
            cells.pop();
            return;
        }
        let bytes = p.text.as_bytes();
        let max_len = (bytes.len() - pos).min(MAX_CELL_DIGITS);
        // A total cell is forced by its parts: only the digits of their sum
        // can stand there (keeps long runs linear instead of combinatorial).
        // Only while no consistent reading has been ruled out: the closest
        // readings of an inconsistent row still need every split.
        let forced = match self.constraint {
            Constraint::RowTotal if cells.len() + 1 == self.k => sum_of(cells),
            Constraint::ReviewGroups if cells.len() % 5 == 4 => sum_of(&cells[cells.len() - 4..]),
            _ => None,
        }
        .filter(|_| self.forced_ok);
        let (digits_left, _) = self.remaining_digits(piece, pos);
        let parts_sum: i64 = cells.iter().filter_map(|c| c.0).fold(0i64, i64::saturating_add);
        for len in 1..=max_len {
            if forced.as_ref().is_some_and(|f| len != f.len() || &p.text[pos..pos + len] != f) {
                continue;
            }
            // A part of a row is never longer than the row's total, and the
            // parts never add up past what the total's digits can hold.
            if self.forced_ok && self.constraint == Constraint::RowTotal && cells.len() + 1 < self.k {
                let parts_after = self.k - 1 - (cells.len() + 1);
                let total_max = (digits_left - len).saturating_sub(parts_after);
                if len > total_max {
                    break;
                }
                let value: i64 = p.text[pos..pos + len].parse().unwrap_or(i64::MAX);
                if total_max < 18 && parts_sum.saturating_add(value) >= 10i64.pow(total_max as u32) {
                    break;
                }
            }
            if len > 1 && bytes[pos] == b'0' {
                break;
            }
            let value: i64 = p.text[pos..pos + len].parse().unwrap_or(i64::MAX);
            cells.push((Some(value), p.start + pos, p.start + pos + len));
            if pos + len == bytes.len() {
                self.run(piece + 1, 0, cells);
            } else {
                self.run(piece, pos + len, cells);
            }
            cells.pop();
        }
    }
}

/// All readings of `pieces` as `k` cells under `constraint`.
pub fn readings(pieces: &[Piece], k: usize, constraint: Constraint) -> Readings {
    let digits: usize = pieces.iter().map(|p| p.text.len()).sum();
    if digits > MAX_RUN_DIGITS || k == 0 {
        return Readings { truncated: true, ..Readings::default() };
    }
    let mut s = Search {
        pieces,
        forced_ok: true,
        k,
        constraint,
        steps: 0,
        truncated: false,
        best_score: 0,
        out: Readings::default(),
    };
    let mut cells = Vec::with_capacity(k);
    s.run(0, 0, &mut cells);
    if s.out.consistent.is_empty() && constraint != Constraint::Free {
        // No reading adds up: try every split for the closest ones.
        s.forced_ok = false;
        s.steps = 0;
        s.out = Readings::default();
        s.best_score = 0;
        s.run(0, 0, &mut cells);
    }
    if !s.out.consistent.is_empty() {
        s.out.closest.clear();
    }
    s.out.truncated = s.truncated;
    s.out.closest_score = s.best_score;
    s.out
}

impl Readings {
    /// Merges the readings of another variant of the same run.
    pub fn merge(&mut self, other: Readings) {
        self.any |= other.any;
        self.truncated |= other.truncated;
        self.consistent.extend(other.consistent);
        if !self.consistent.is_empty() {
            self.closest.clear();
            return;
        }
        if other.closest_score > self.closest_score || self.closest.is_empty() {
            self.closest_score = other.closest_score;
            self.closest = other.closest;
        } else if other.closest_score == self.closest_score {
            self.closest.extend(other.closest);
        }
    }

    /// The candidates to choose from, and whether they satisfy the row's sums.
    pub(crate) fn candidates(&self) -> (&[Reading], bool) {
        if self.consistent.is_empty() { (&self.closest, false) } else { (&self.consistent, true) }
    }
}

/// A row of table 3 for the joint solve: its values where they are known, or
/// the readings to choose from.
#[derive(Debug, Clone)]
pub enum Slot {
    Known(Vec<Option<i64>>),
    Choice(Vec<Reading>),
}

/// The outcome of the joint solve for one row with a choice.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// One reading satisfies the most column sums.
    Unique(usize),
    /// These readings tie.
    Tied(Vec<usize>),
    /// Too many combinations to try.
    TooMany,
}

/// The column sums of table 3, as indices into `slots`: `leaves` add up to
/// `total`; `new + carried == total + forward`.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub leaves: Vec<usize>,
    pub total: Option<usize>,
    pub new: Option<usize>,
    pub carried: Option<usize>,
    pub forward: Option<usize>,
}

const MAX_COMBINATIONS: usize = 50_000;

/// Chooses, for each slot with a choice, the reading that makes the most
/// column sums of table 3 hold. A slot whose choice is forced by the others
/// is unique even when the table as a whole is inconsistent.
pub(crate) fn solve_columns(slots: &[Slot], cols: &Columns, width: usize) -> Vec<Option<Choice>> {
    let choice_idx: Vec<usize> =
        slots.iter().enumerate().filter(|(_, s)| matches!(s, Slot::Choice(_))).map(|(i, _)| i).collect();
    let mut out: Vec<Option<Choice>> = vec![None; slots.len()];
    let sizes: Vec<usize> = choice_idx
        .iter()
        .map(|&i| match &slots[i] {
            Slot::Choice(r) => r.len(),
            Slot::Known(_) => 1,
        })
        .collect();
    let product = sizes.iter().try_fold(1usize, |acc, s| acc.checked_mul((*s).max(1)));
    if product.is_none_or(|p| p > MAX_COMBINATIONS) || sizes.contains(&0) {
        for &i in &choice_idx {
            out[i] = Some(Choice::TooMany);
        }
        return out;
    }
    let score = |assign: &[usize]| sums_that_hold(slots, &choice_idx, cols, width, assign);
    let mut assign = vec![0usize; choice_idx.len()];
    let mut best = 0usize;
    let mut best_sets: Vec<Vec<usize>> = vec![Vec::new(); choice_idx.len()];
    loop {
        let s = score(&assign);
        if s > best || best_sets.first().is_some_and(Vec::is_empty) {
            best = s;
            for (set, a) in best_sets.iter_mut().zip(&assign) {
                set.clear();
                set.push(*a);
            }
        } else if s == best {
            for (set, a) in best_sets.iter_mut().zip(&assign) {
                if !set.contains(a) {
                    set.push(*a);
                }
            }
        }
        // Next combination (odometer).
        let mut i = 0;
        loop {
            if i == assign.len() {
                for (pos, &slot) in choice_idx.iter().enumerate() {
                    let set = &best_sets[pos];
                    out[slot] = Some(if set.len() == 1 { Choice::Unique(set[0]) } else { Choice::Tied(set.clone()) });
                }
                return out;
            }
            assign[i] += 1;
            if assign[i] < sizes[i] {
                break;
            }
            assign[i] = 0;
            i += 1;
        }
    }
}

/// A cell's value under an assignment of readings to the rows in choice.
fn value_of(slots: &[Slot], choice_idx: &[usize], assign: &[usize], slot: usize, col: usize) -> Option<i64> {
    match &slots[slot] {
        Slot::Known(v) => v.get(col).copied().flatten(),
        Slot::Choice(r) => {
            let pos = choice_idx.iter().position(|&i| i == slot)?;
            r.get(assign[pos])?.get(col)?.0
        }
    }
}

/// How many of table 3's column sums hold under an assignment: per column,
/// the outcome leaves against （七）总计, and 新收 + 上年结转 against
/// 总计 + 结转下年度.
fn sums_that_hold(slots: &[Slot], choice_idx: &[usize], cols: &Columns, width: usize, assign: &[usize]) -> usize {
    let value = |slot: usize, col: usize| value_of(slots, choice_idx, assign, slot, col);
    let mut ok = 0;
    for c in 0..width {
        if let Some(t) = cols.total {
            let sum: Option<i64> = cols.leaves.iter().try_fold(0i64, |acc, &l| acc.checked_add(value(l, c)?));
            if sum.is_some() && sum == value(t, c) {
                ok += 1;
            }
        }
        if let (Some(n), Some(k), Some(t), Some(f)) = (cols.new, cols.carried, cols.total, cols.forward) {
            let lhs = value(n, c).zip(value(k, c)).and_then(|(a, b)| a.checked_add(b));
            let rhs = value(t, c).zip(value(f, c)).and_then(|(a, b)| a.checked_add(b));
            if lhs.is_some() && lhs == rhs {
                ok += 1;
            }
        }
    }
    ok
}

/// The decimal digits of the sum of some cells, when all are known.
fn sum_of(cells: &[(Option<i64>, usize, usize)]) -> Option<String> {
    let mut total = 0i64;
    for c in cells {
        total = total.checked_add(c.0?)?;
    }
    Some(total.to_string())
}

/// Shows a reading as `80|1|0|0|0|0|81`.
pub fn show(text: &str, r: &Reading) -> String {
    r.iter().map(|(_, s, e)| text.get(*s..*e).unwrap_or("?")).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in s.split(' ') {
            if !w.is_empty() {
                out.push(Piece { text: w.to_string(), start: at, single: false });
            }
            at += w.len() + 1;
        }
        out
    }

    fn values(r: &Reading) -> Vec<i64> {
        r.iter().map(|c| c.0.unwrap_or(-1)).collect()
    }

    #[test]
    fn unique_split_of_a_table3_row() {
        let r = readings(&pieces("801000081"), 7, Constraint::RowTotal);
        assert_eq!(r.consistent.len(), 1);
        assert_eq!(values(&r.consistent[0]), [80, 1, 0, 0, 0, 0, 81]);
    }

    #[test]
    fn spaces_are_hard_boundaries() {
        let r = readings(&pieces("230 000023"), 7, Constraint::RowTotal);
        assert_eq!(r.consistent.len(), 1);
        assert_eq!(values(&r.consistent[0]), [23, 0, 0, 0, 0, 0, 23]);
        let r = readings(&pieces("500000 5"), 7, Constraint::RowTotal);
        assert_eq!(values(&r.consistent[0]), [5, 0, 0, 0, 0, 0, 5]);
    }

    #[test]
    fn review_groups() {
        let r = readings(&pieces("25380363300630003"), 15, Constraint::ReviewGroups);
        assert_eq!(r.consistent.len(), 1);
        assert_eq!(values(&r.consistent[0]), [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]);
    }

    #[test]
    fn ambiguous_free_row_lists_readings() {
        let r = readings(&pieces("6233440"), 3, Constraint::Free);
        assert!(r.consistent.len() > 1);
        let text = "6233440";
        let shown: Vec<String> = r.consistent.iter().map(|x| show(text, x)).collect();
        assert!(shown.contains(&"62|33|440".to_string()));
        assert!(shown.contains(&"6|233|440".to_string()));
    }

    #[test]
    fn no_reading_when_digits_are_too_few() {
        let r = readings(&pieces("12"), 7, Constraint::RowTotal);
        assert!(!r.any && r.consistent.is_empty());
    }

    #[test]
    fn inconsistent_row_keeps_its_closest_readings() {
        // 5|0|0|0|0|0|6 is what was published (total wrong): no reading adds up.
        let r = readings(&pieces("5000006"), 7, Constraint::RowTotal);
        assert!(r.consistent.is_empty());
        assert_eq!(r.closest.len(), 1);
        assert_eq!(values(&r.closest[0]), [5, 0, 0, 0, 0, 0, 6]);
    }

    #[test]
    fn columns_choose_between_readings() {
        // Two leaves; the second is ambiguous (1|10 or 11|0); the total row says 1+11.
        let slots = vec![
            Slot::Known(vec![Some(2), Some(10)]),
            Slot::Choice(vec![vec![(Some(1), 0, 1), (Some(10), 1, 3)], vec![(Some(11), 0, 2), (Some(0), 2, 3)]]),
            Slot::Known(vec![Some(3), Some(20)]),
        ];
        let cols = Columns { leaves: vec![0, 1], total: Some(2), ..Columns::default() };
        let out = solve_columns(&slots, &cols, 2);
        assert_eq!(out[1], Some(Choice::Unique(0)));
    }

    #[test]
    fn a_published_error_survives_the_joint_solve() {
        // The total row is wrong in column 0 (published 4, leaves add to 3);
        // column 1 still decides the ambiguous row.
        let slots = vec![
            Slot::Known(vec![Some(2), Some(10)]),
            Slot::Choice(vec![vec![(Some(1), 0, 1), (Some(10), 1, 3)], vec![(Some(11), 0, 2), (Some(0), 2, 3)]]),
            Slot::Known(vec![Some(4), Some(20)]),
        ];
        let cols = Columns { leaves: vec![0, 1], total: Some(2), ..Columns::default() };
        assert_eq!(solve_columns(&slots, &cols, 2)[1], Some(Choice::Unique(0)));
    }

    #[test]
    fn long_runs_are_bounded() {
        let run = "1".repeat(30);
        let r = readings(&pieces(&run), 7, Constraint::RowTotal);
        assert!(r.consistent.len() + r.closest.len() < 100_000);
        let absurd = "7".repeat(5000);
        assert!(readings(&pieces(&absurd), 7, Constraint::RowTotal).truncated);
    }
}
