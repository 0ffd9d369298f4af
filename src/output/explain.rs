//! Explain a number as text, for `chipcast explain` and the explorer's `x` overlay: the factor
//! chain as rows (operator, name, value, unit), factor values in their unit's format, and the
//! waterfall's sentence. The model (`model::explain`) computes; this only formats.

use crate::model::explain::{Explanation, Factor, Waterfall};
use crate::model::metrics::Scale;

use super::format::{compact, metric_delta, metric_value, percent, significant};

/// One row of a factor chain as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainRow {
    /// How deep in the chain: 0 for the chain itself, 1 for a factor's parts, ...
    pub depth: usize,
    /// The operator (`×`, `÷`, `+`, `−`, `min`, `max`, `=`; empty for the first factor).
    pub op: &'static str,
    /// The factor's name.
    pub name: String,
    /// Its value, formatted for its unit.
    pub value: String,
    /// Its unit.
    pub unit: &'static str,
}

/// A factor's value as text: fractions as percentages, large numbers with k / M / bn, the
/// rest to four significant digits.
pub fn factor_value(value: f64, unit: &str) -> String {
    if unit == "fraction" {
        return percent(value);
    }
    let abs = value.abs();
    if abs >= 1e4 {
        compact(value)
    } else if abs != 0.0 && abs < 1e-3 {
        format!("{value:.3e}")
    } else {
        significant(value, 4)
    }
}

fn push_rows(factors: &[Factor], depth: usize, out: &mut Vec<ChainRow>) {
    for f in factors {
        out.push(ChainRow {
            depth,
            op: f.op.symbol(),
            name: f.name.clone(),
            value: factor_value(f.value, f.unit),
            unit: f.unit,
        });
        push_rows(&f.parts, depth + 1, out);
    }
}

/// The chain as rows, each factor followed by its parts (one level deeper), then the result
/// (`=`, the metric's label and value).
pub fn chain_rows(e: &Explanation) -> Vec<ChainRow> {
    let mut out = Vec::new();
    push_rows(&e.factors, 0, &mut out);
    let m = e.metric.metric();
    out.push(ChainRow {
        depth: 0,
        op: "=",
        name: m.label.to_string(),
        value: metric_value(m, e.value),
        unit: if m.scale == Scale::Share {
            "fraction"
        } else {
            m.unit
        },
    });
    out
}

/// The waterfall's parts as (lever id, signed change in the metric's format), then the sum.
pub fn waterfall_rows(e: &Explanation, w: &Waterfall) -> Vec<(String, String)> {
    let m = e.metric.metric();
    let mut rows: Vec<(String, String)> = w
        .parts
        .iter()
        .map(|(id, part)| (id.key().to_string(), metric_delta(m, *part)))
        .collect();
    rows.push(("sum of parts".into(), metric_delta(m, w.total())));
    rows
}
