//! The run CSV, one writer for `chipcast run --format csv` and the explorer's `e` export:
//! `metric,unit,year,p10,p50,p90`, one row per metric and year, the unit from the metric
//! table; a number that is not finite is an empty field.

use crate::model::metrics::MetricId;
use crate::model::montecarlo::Projection;

use super::format::{csv_field, csv_number};

/// The header line of the run CSV.
pub const HEADER: &str = "metric,unit,year,p10,p50,p90";

/// Tidy CSV of `metrics` in a projection, header first.
pub fn projection(p: &Projection, metrics: &[MetricId]) -> String {
    let mut out = format!("{HEADER}\n");
    for &id in metrics {
        let band = p.band(id);
        let unit = csv_field(id.metric().unit);
        for (i, y) in p.years().enumerate() {
            let at = |v: &[f64]| csv_number(v.get(i).copied().unwrap_or(f64::NAN));
            out.push_str(&format!(
                "{},{unit},{y},{},{},{}\n",
                csv_field(id.key()),
                at(&band.p10),
                at(&band.p50),
                at(&band.p90)
            ));
        }
    }
    out
}
