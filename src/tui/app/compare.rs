//! The compare view's state (`c`): one row per scenario the explorer has open, one column per
//! headline metric, for the selected year. Each row's Monte Carlo (the explorer's samples and
//! seed, the headline metrics, as `chipcast compare` computes it) runs on the compare worker
//! and is cached by scenario, overrides, samples and seed, so reopening is instant; the
//! explorer's lever changes apply to the open scenario's row only. `App::matrix` assembles
//! what the view draws from the cache and computes nothing.

use std::sync::Arc;

use crate::model::metrics::HEADLINE;
use crate::model::montecarlo::Projection;
use crate::scenario::Origin;
use crate::tui::compare::{self, CompareDone, CompareJob, RowKey};

use super::{App, Entry, Mode, Status};

/// Projections kept for reopening; the oldest go first.
const CACHE_ROWS: usize = 64;

/// Where the compare view is: the selected row and the first KPI column shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparing {
    /// The selected row, as an index into `Data::entries` (always a scenario that loaded).
    pub selected: usize,
    /// The first headline metric shown when not all fit (←/→ scroll).
    pub column: usize,
}

/// The compare view's computed rows and what is still awaited.
#[derive(Clone, Debug, Default)]
pub struct CompareCache {
    /// Finished rows, oldest first.
    pub rows: Vec<(RowKey, Arc<Projection>)>,
    /// The generation of the request awaited, and its rows.
    pub waiting: Option<(u64, Vec<RowKey>)>,
}

impl CompareCache {
    /// The cached projection of a row, if computed.
    pub fn get(&self, key: &RowKey) -> Option<&Arc<Projection>> {
        self.rows
            .iter()
            .find(|(k, _)| k.same_as(key))
            .map(|(_, p)| p)
    }
}

/// One row of the matrix as the view draws it.
#[derive(Clone, Debug)]
pub struct MatrixRow<'a> {
    /// Index in `Data::entries`.
    pub entry: usize,
    /// The scenario's short name (up to its first `:`), sanitized.
    pub name: String,
    /// Whether this is the scenario open in the explorer.
    pub open: bool,
    /// How many levers the explorer changed on this row (only the open row has any).
    pub changes: usize,
    /// Its bands, once computed.
    pub projection: Option<&'a Projection>,
}

/// What the compare view draws: the rows in the picker's order and which is the reference.
#[derive(Clone, Debug)]
pub struct Matrix<'a> {
    /// One row per scenario that loaded.
    pub rows: Vec<MatrixRow<'a>>,
    /// Index in `rows` of the reference: the scenario named `baseline`, else the first.
    pub reference: usize,
    /// Files with problems, left out of the matrix.
    pub left_out: usize,
}

impl Matrix<'_> {
    /// p10, p50 and p90 of a metric in a year for a row; `None` while computing or outside
    /// the row's horizon.
    pub fn cell(
        &self,
        row: usize,
        metric: crate::model::metrics::MetricId,
        year: i32,
    ) -> Option<[f64; 3]> {
        self.rows.get(row)?.projection?.percentiles_in(metric, year)
    }
}

/// Whether an entry is the baseline scenario (`bundled:baseline.ron` or a `baseline.ron`).
fn is_baseline(e: &Entry) -> bool {
    match e {
        Entry::Ready { origin, .. } => match origin {
            Origin::Bundled(name) => *name == "baseline",
            Origin::Disk(p) => p.file_stem().is_some_and(|s| s == "baseline"),
        },
        Entry::Broken { .. } => false,
    }
}

impl App {
    /// The cache key of each row, in the picker's order: the explorer's edits on the open
    /// scenario only.
    fn compare_keys(&self) -> Vec<RowKey> {
        let s = self.data.settings;
        self.data
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let open = i == self.data.current;
                let scenario = if open {
                    self.scenario().clone()
                } else {
                    e.scenario()?.clone()
                };
                Some(RowKey {
                    entry: i,
                    scenario,
                    overrides: if open {
                        self.data.overrides.clone()
                    } else {
                        Default::default()
                    },
                    samples: s.samples,
                    seed: s.seed,
                })
            })
            .collect()
    }

    /// Opens the compare view on the open scenario's row.
    pub(crate) fn open_compare(&mut self) {
        self.ui.mode = Mode::Compare(Comparing {
            selected: self.data.current,
            column: 0,
        });
        self.refresh_compare();
    }

    /// Asks for the rows not yet computed while the compare view is open (on the spot when
    /// inline). A request already awaited for the same rows is not repeated.
    pub(super) fn refresh_compare(&mut self) {
        if !matches!(self.ui.mode, Mode::Compare(_)) {
            return;
        }
        let missing: Vec<RowKey> = self
            .compare_keys()
            .into_iter()
            .filter(|k| self.data.compare.get(k).is_none())
            .collect();
        if missing.is_empty() {
            self.data.compare.waiting = None;
            return;
        }
        if let Some((_, waiting)) = &self.data.compare.waiting
            && missing.iter().all(|k| waiting.iter().any(|w| w.same_as(k)))
        {
            return;
        }
        let generation = self.generation();
        if self.data.settings.inline {
            self.data.compare.waiting = Some((generation, missing.clone()));
            for key in &missing {
                let done = compare::compute(generation, key);
                self.receive_compare(done);
            }
        } else {
            self.data.compare.waiting = Some((generation, missing.clone()));
            self.data.compare_outbox = Some(CompareJob {
                generation,
                rows: missing,
            });
        }
    }

    /// Takes a finished row of the awaited request; anything else is stale and dropped.
    pub(super) fn receive_compare(&mut self, done: CompareDone) {
        let cache = &mut self.data.compare;
        let Some((generation, waiting)) = &mut cache.waiting else {
            return;
        };
        if *generation != done.generation {
            return;
        }
        waiting.retain(|k| !k.same_as(&done.key));
        if waiting.is_empty() {
            cache.waiting = None;
        }
        if cache.get(&done.key).is_none() {
            if cache.rows.len() >= CACHE_ROWS {
                cache.rows.remove(0);
            }
            cache.rows.push((done.key, done.projection));
        }
    }

    /// Moves the compare view's selection by `d` rows (scenarios that loaded only).
    pub(super) fn compare_move(&mut self, d: i32) {
        let rows: Vec<usize> = self.compare_keys().iter().map(|k| k.entry).collect();
        if let Mode::Compare(c) = &mut self.ui.mode {
            let i = rows.iter().position(|e| *e == c.selected).unwrap_or(0) as i64;
            let last = rows.len().saturating_sub(1) as i64;
            if let Some(e) = rows.get((i + i64::from(d)).clamp(0, last) as usize) {
                c.selected = *e;
            }
        }
    }

    /// Scrolls the compare view's KPI columns by `d`, as far as the last column coming into view.
    pub(super) fn compare_column(&mut self, d: i32) {
        let shown = crate::tui::view::compare::columns_shown(self.ui.size.0);
        let last = HEADLINE.len().saturating_sub(shown) as i64;
        if let Mode::Compare(c) = &mut self.ui.mode {
            c.column = (c.column as i64 + i64::from(d)).clamp(0, last) as usize;
        }
    }

    /// Enter in the compare view: opens the selected scenario as the picker does (asking once
    /// before lever changes are dropped); on the open scenario's row, back to the explorer.
    pub(super) fn compare_open(&mut self) {
        let Mode::Compare(c) = self.ui.mode else {
            return;
        };
        if c.selected == self.data.current {
            self.ui.mode = Mode::Explore;
            self.say(Status::info("this scenario is already open"));
            return;
        }
        self.open_asking(c.selected);
    }

    /// The compare view's rows, from the cache (read only: nothing is computed here).
    pub fn matrix(&self) -> Matrix<'_> {
        let keys = self.compare_keys();
        let rows: Vec<MatrixRow> = keys
            .iter()
            .map(|k| MatrixRow {
                entry: k.entry,
                name: crate::output::format::short_name(&k.scenario.name),
                open: k.entry == self.data.current,
                changes: k.overrides.len(),
                projection: self.data.compare.get(k).map(|p| p.as_ref()),
            })
            .collect();
        let reference = rows
            .iter()
            .position(|r| is_baseline(&self.data.entries[r.entry]))
            .unwrap_or(0);
        let left_out = self
            .data
            .entries
            .iter()
            .filter(|e| e.scenario().is_none())
            .count();
        Matrix {
            rows,
            reference,
            left_out,
        }
    }

    /// Whether the compare view still waits for rows.
    pub fn compare_pending(&self) -> bool {
        self.data.compare.waiting.is_some()
    }

    /// The compare request waiting for its thread, if any.
    pub fn take_compare_job(&mut self) -> Option<CompareJob> {
        self.data.compare_outbox.take()
    }
}
