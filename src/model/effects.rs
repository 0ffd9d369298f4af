//! Lever effects: each lever moved from the low end of its range to the high end, and how much
//! that moves China's domestic output, domestic compute, compute stock and the compute gap.
//!
//! For a scenario, every lever is set to the low end of its range (bools false, choices the
//! first option, numbers the minimum) and then to the high end (true, the last option, the
//! maximum) from a start year on ([`Overrides::set_from`]), other levers as the scenario has
//! them, and the two deterministic central runs are compared in a few years. Anchor levers,
//! whose value the model reads only in an early year, would change nothing from a later start,
//! so they are moved over the whole horizon instead ([`whole_horizon`]) and rows say so.
//!
//! `chipcast levers --effects` prints the table; `tests/model_effects.rs` holds every lever
//! with a documented [`Direction`] to it ([`moves_as_documented`]). Levers and metrics are
//! read only through their tables, so the table follows levers as they are added or removed.

use super::levers::{Direction, LEVERS, Lever, LeverId};
use super::metrics::MetricId;
use super::path::central_path;
use super::project::project;
use super::scenario::{Dist, Overrides, Scenario};

/// The default start year: the first year after policy known through January 2026.
pub const FROM_YEAR: i32 = 2026;

/// The years the table reports by default.
pub const YEARS: [i32; 2] = [2028, 2030];

/// How many metrics a row reports.
pub const EFFECT_METRICS: usize = 5;

/// The metrics a row reports, by key (looked up in the metric table by [`metrics`], which
/// fails loudly if one is renamed): domestic accelerators, domestic compute, China's compute
/// stock, the compute gap (hardware) and the effective compute gap (FP8 use and China's relative
/// software gains counted). The first three are China's side of the ledger; the gaps move the
/// other way.
pub const METRIC_KEYS: [&str; EFFECT_METRICS] = [
    "domestic_accelerators",
    "domestic_compute_h100e",
    "china_compute_stock_h100e",
    "compute_gap_ratio",
    "effective_compute_gap_ratio",
];

/// Index of the compute gap in a row's changes.
pub const GAP: usize = 3;
/// Index of the effective compute gap in a row's changes.
pub const EFFECTIVE_GAP: usize = 4;

/// Levers the model reads only in an early year although their key names no year
/// (`project.rs` reads them through `anchor.v(...)` in 2024). Levers whose key names a year
/// (`capacity_2024_wpm`, `packaging_2024_units`) are found by [`whole_horizon`] without a list.
/// A key here that is no longer in the lever table is simply never matched.
pub const ANCHOR_KEYS: &[&str] = &["die_bank_dies", "hbm_stockpile_stacks"];

/// The metrics of [`METRIC_KEYS`] in the metric table.
///
/// Panics, naming the key, if the metric table no longer has one of them.
pub fn metrics() -> [MetricId; EFFECT_METRICS] {
    METRIC_KEYS.map(|key| {
        MetricId::from_key(key).unwrap_or_else(|| {
            panic!("effects: the metric table has no `{key}`; update model::effects::METRIC_KEYS")
        })
    })
}

/// The year a lever's key names (`capacity_2024_wpm` → 2024), if any.
pub fn named_year(key: &str) -> Option<i32> {
    key.split('_')
        .filter(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|part| part.parse::<i32>().ok())
        .filter(|y| (2000..2100).contains(y))
}

/// Whether a lever is moved over the whole horizon rather than from `from` on: an anchor
/// lever, read only in a year before `from` (its key names that year, or it is listed in
/// [`ANCHOR_KEYS`]).
pub fn whole_horizon(lever: &Lever, from: i32) -> bool {
    ANCHOR_KEYS.contains(&lever.key) || named_year(lever.key).is_some_and(|y| y < from)
}

/// The relative change from `low` to `high`, as a fraction: `(high − low) / |low|`. When
/// `low` is 0 the change is measured against `|high|` instead (so it is +1 or −1, "all of
/// it"), and it is 0 when both are equal. Not finite inputs give NaN.
pub fn relative_change(low: f64, high: f64) -> f64 {
    if !low.is_finite() || !high.is_finite() {
        return f64::NAN;
    }
    if high == low {
        return 0.0;
    }
    let base = if low != 0.0 { low.abs() } else { high.abs() };
    (high - low) / base
}

/// One lever's effect in one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectRow {
    /// The lever moved from the low end of its range to the high end.
    pub lever: LeverId,
    /// The start year asked for (the lever is moved from it on unless `whole_horizon`).
    pub from_year: i32,
    /// Whether the lever was moved over the whole horizon (an anchor lever).
    pub whole_horizon: bool,
    /// The lever values compared: the low and the high end of its range.
    pub low_value: f64,
    /// The high end of the lever's range, in its encoding (true = 1, the last choice's index,
    /// or the number's maximum in its unit).
    pub high_value: f64,
    /// The years reported, and per year the metrics of [`METRIC_KEYS`]: with the lever low,
    /// with it high, and the relative change ([`relative_change`]). NaN for a year outside the
    /// scenario's horizon.
    pub years: Vec<i32>,
    /// Per reported year, the [`METRIC_KEYS`] metrics with the lever low, each in its own
    /// unit (units/yr, H100e/yr, H100e, and the gaps as US ÷ China ratios).
    pub low: Vec<[f64; EFFECT_METRICS]>,
    /// Per reported year, the [`METRIC_KEYS`] metrics with the lever high, in the same units
    /// as `low`.
    pub high: Vec<[f64; EFFECT_METRICS]>,
    /// Per reported year, each metric's relative change from low to high, a fraction
    /// (`0.25` = +25%; see [`relative_change`]).
    pub changes: Vec<[f64; EFFECT_METRICS]>,
}

impl EffectRow {
    /// The lever's row in the lever table.
    pub fn lever(&self) -> &'static Lever {
        self.lever.lever()
    }
}

/// Every lever's effect in scenario `s`, moved from `from` on, in the lever table's order.
pub fn effects(s: &Scenario, from: i32, years: &[i32]) -> Vec<EffectRow> {
    let metrics = metrics();
    let at = |o: &Overrides| -> Vec<[f64; EFFECT_METRICS]> {
        let run = project(&central_path(s, o));
        years
            .iter()
            .map(|&y| metrics.map(|m| run.get(m, y).unwrap_or(f64::NAN)))
            .collect()
    };
    LEVERS
        .iter()
        .map(|lever| {
            let whole = whole_horizon(lever, from);
            let (lo, hi) = lever.kind.range();
            let set = |v: f64| {
                let mut o = Overrides::default();
                if whole {
                    o.set(lever.id, Dist::Fixed(v));
                } else {
                    o.set_from(lever.id, Dist::Fixed(v), from);
                }
                o
            };
            let low = at(&set(lo));
            let high = at(&set(hi));
            let changes = low
                .iter()
                .zip(&high)
                .map(|(l, h)| std::array::from_fn(|k| relative_change(l[k], h[k])))
                .collect();
            EffectRow {
                lever: lever.id,
                from_year: from,
                whole_horizon: whole,
                low_value: lo,
                high_value: hi,
                years: years.to_vec(),
                low,
                high,
                changes,
            }
        })
        .collect()
}

/// Whether a row moves the way its lever's [`Direction`] says, by at least `threshold` (a
/// fraction): in at least one reported year, domestic output, domestic compute or China's
/// compute stock moves that way (up for `Raises`, down for `Lowers`), or the compute gap moves
/// the other way. Always false for `Elsewhere`.
pub fn moves_as_documented(row: &EffectRow, threshold: f64) -> bool {
    let sign = match row.lever().direction {
        Direction::Raises => 1.0,
        Direction::Lowers => -1.0,
        Direction::Elsewhere(_) => return false,
    };
    row.changes.iter().any(|c| {
        c.iter().enumerate().any(|(k, &x)| {
            let want = if k == GAP || k == EFFECTIVE_GAP {
                -sign
            } else {
                sign
            };
            x * want >= threshold
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_change_has_a_rule_for_zero() {
        assert_eq!(relative_change(2.0, 3.0), 0.5);
        assert_eq!(relative_change(-2.0, -3.0), -0.5);
        assert_eq!(relative_change(0.0, 0.0), 0.0);
        assert_eq!(relative_change(0.0, 5.0), 1.0);
        assert_eq!(relative_change(0.0, -5.0), -1.0);
        assert!(relative_change(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn years_in_keys_are_found() {
        assert_eq!(named_year("capacity_2024_wpm"), Some(2024));
        assert_eq!(named_year("packaging_2024_units"), Some(2024));
        assert_eq!(named_year("yield_2024"), Some(2024));
        assert_eq!(named_year("euv_access"), None);
        assert_eq!(named_year("h100_12345"), None);
    }

    #[test]
    fn every_metric_key_is_in_the_table() {
        let m = metrics();
        assert_eq!(m.len(), EFFECT_METRICS);
    }

    #[test]
    fn every_lever_gets_a_row_with_finite_changes() {
        let s = Scenario::defaults("t");
        let rows = effects(&s, FROM_YEAR, &YEARS);
        assert_eq!(rows.len(), LEVERS.len());
        for (row, lever) in rows.iter().zip(&LEVERS) {
            assert_eq!(row.lever, lever.id);
            assert_eq!(row.changes.len(), YEARS.len());
            assert!(row.changes.iter().flatten().all(|x| x.is_finite()));
            assert_eq!(row.whole_horizon, whole_horizon(lever, FROM_YEAR));
        }
        // A year outside the horizon gives NaN, not a panic.
        let rows = effects(&s, FROM_YEAR, &[2040]);
        assert!(rows[0].changes[0].iter().all(|x| x.is_nan()));
    }

    #[test]
    fn the_documented_direction_is_read_with_the_gap_reversed() {
        let s = Scenario::defaults("t");
        let mut row = effects(&s, FROM_YEAR, &YEARS).remove(0);
        let sign = match row.lever().direction {
            Direction::Raises => 1.0,
            Direction::Lowers => -1.0,
            Direction::Elsewhere(_) => return,
        };
        row.changes = vec![[0.0; EFFECT_METRICS]; 2];
        assert!(!moves_as_documented(&row, 0.02));
        row.changes[1][GAP] = -sign * 0.03;
        assert!(moves_as_documented(&row, 0.02));
        row.changes[1][GAP] = sign * 0.03;
        row.changes[0][1] = sign * 0.019;
        assert!(!moves_as_documented(&row, 0.02));
        row.changes[0][1] = sign * 0.02;
        assert!(moves_as_documented(&row, 0.02));
    }
}
