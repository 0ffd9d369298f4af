//! Number and text formatting shared by the headless commands: thousands separators, compact
//! k / M / bn suffixes, percentages, dollars, metric values by their `Scale`, lever values and
//! distributions, and plain-text table layout.
//!
//! Invariant: nothing here prints `NaN` or `inf` — a value that is not finite is shown as
//! [`MISSING`] in text, an empty field in CSV and `null` in JSON.

use crate::model::levers::{Kind, Lever, format_number};
use crate::model::metrics::{Metric, Scale};
use crate::model::scenario::Dist;

/// What a table shows for a value that is not finite.
pub const MISSING: &str = "n/a";

/// `1234567.8` with `decimals = 0` → `1,234,568`; `-0.04` with `decimals = 1` → `0.0`.
pub fn thousands(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3 + 2);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(f);
    }
    // A value that rounds to zero prints without a minus sign.
    let is_zero = grouped.chars().all(|c| matches!(c, '0' | '.' | ','));
    if value < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A short form for tight spaces: `950`, `12.3k`, `4.5M`, `1.2bn`.
pub fn compact(value: f64) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (value / 1e9, "bn")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let digits = if suffix.is_empty() && abs >= 10.0 || scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 || suffix.is_empty() && abs >= 1.0 {
        1
    } else if suffix.is_empty() {
        2
    } else {
        1
    };
    let text = format!("{:.*}", digits, scaled);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    let text = if text == "-0" { "0".to_string() } else { text };
    format!("{text}{suffix}")
}

/// A fraction as a percentage with one decimal: `0.4231` → `42.3%`.
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return MISSING.into();
    }
    format!("{}%", thousands(fraction * 100.0, 1))
}

/// A signed percentage change with one decimal: `+12.5%`, `-3.0%`; `n/a` when undefined.
pub fn signed_percent(pct: Option<f64>) -> String {
    match pct {
        Some(p) if p.is_finite() => with_sign(p, &thousands(p, 1)) + "%",
        _ => MISSING.into(),
    }
}

/// A relative change (a fraction) as a signed percentage with one decimal, `minus` as its
/// minus sign: `0.123` → `+12.3%`, `-0.04` → `−4.0%` (with `'−'`); `0` when it rounds to
/// less than 0.05%; `n/a` when not finite.
pub fn change_percent(fraction: f64, minus: char) -> String {
    if !fraction.is_finite() {
        return MISSING.into();
    }
    let pct = fraction * 100.0;
    if pct.abs() < 0.05 {
        return "0".into();
    }
    let sign = if pct < 0.0 { minus } else { '+' };
    format!("{sign}{}%", thousands(pct.abs(), 1))
}

/// Billions of dollars with one decimal: `12.34` → `$12.3bn`.
pub fn usd_bn(value: f64) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    let text = thousands(value, 1);
    match text.strip_prefix('-') {
        Some(rest) => format!("-${rest}bn"),
        None => format!("${text}bn"),
    }
}

/// A metric's value as a table shows it: counts with thousands separators, shares as
/// percentages, ratios with two decimals (one above 100), dollars in billions.
pub fn metric_value(metric: &Metric, value: f64) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    match metric.scale {
        Scale::Count => thousands(
            value,
            if value.abs() < 10.0 && value.fract() != 0.0 {
                2
            } else {
                0
            },
        ),
        Scale::Share => percent(value),
        Scale::Ratio => format!(
            "{}x",
            thousands(value, if value.abs() < 100.0 { 2 } else { 1 })
        ),
        Scale::UsdBn => usd_bn(value),
    }
}

/// A difference of a metric's values (B − A), signed, in the metric's own format; shares as
/// percentage points.
pub fn metric_delta(metric: &Metric, delta: f64) -> String {
    if !delta.is_finite() {
        return MISSING.into();
    }
    let text = match metric.scale {
        Scale::Share => format!("{} pp", thousands(delta * 100.0, 1)),
        _ => metric_value(metric, delta),
    };
    with_sign(delta, &text)
}

/// Prefixes `+` to a positive value's text (negative text already carries its `-`).
fn with_sign(value: f64, text: &str) -> String {
    if value > 0.0 && !text.starts_with('-') && text.chars().any(|c| c.is_ascii_digit() && c != '0')
    {
        format!("+{text}")
    } else {
        text.to_string()
    }
}

/// `(b − a) / |a|` as a percentage; `None` when `a` is zero or either value is not finite.
pub fn pct_change(a: f64, b: f64) -> Option<f64> {
    if !a.is_finite() || !b.is_finite() || a == 0.0 {
        return None;
    }
    let p = (b - a) / a.abs() * 100.0;
    p.is_finite().then_some(p)
}

/// A metric's unit for headings (`units/yr`), or its scale's reading where the unit says
/// little (`%` for fractions).
pub fn metric_unit(metric: &Metric) -> &'static str {
    match metric.scale {
        Scale::Share => "%",
        _ => metric.unit,
    }
}

/// A lever's value as a user reads it, numbers to three significant digits and large ones
/// compact: `true`, `licensed`, `0.25`, `0.387`, `2.5M`.
pub fn lever_value(lever: &Lever, value: f64) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    match lever.kind {
        Kind::Number { .. } if value.abs() >= 10_000.0 => compact(value),
        Kind::Number { .. } => significant(value, 3),
        _ => lever.format_value(value),
    }
}

/// A number to `digits` significant digits, without trailing zeros: `0.38694` → `0.387`.
pub fn significant(value: f64, digits: i32) -> String {
    if !value.is_finite() {
        return MISSING.into();
    }
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).max(0) as usize;
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" { "0".into() } else { text }
}

/// A lever's distribution as a user reads it: `0.25`, `Uniform(2M..2.9M)`,
/// `Triangular(7.5, mode 10, 15)`, `Normal(mean 0.3, sd 0.05)`.
pub fn dist(lever: &Lever, d: Dist) -> String {
    let v = |x: f64| lever_value(lever, x);
    match d {
        Dist::Fixed(x) => v(x),
        Dist::Uniform { low, high } => format!("Uniform({}..{})", v(low), v(high)),
        Dist::Triangular { low, mode, high } => {
            format!("Triangular({}, mode {}, {})", v(low), v(mode), v(high))
        }
        Dist::Normal { mean, sd } => format!("Normal(mean {}, sd {})", v(mean), v(sd)),
    }
}

/// A distribution in a canonical, exact text form (for hashing): `Fixed(0.25)`, ...
pub fn dist_canonical(d: Dist) -> String {
    match d {
        Dist::Fixed(x) => format!("Fixed({x:?})"),
        Dist::Uniform { low, high } => format!("Uniform({low:?},{high:?})"),
        Dist::Triangular { low, mode, high } => format!("Triangular({low:?},{mode:?},{high:?})"),
        Dist::Normal { mean, sd } => format!("Normal({mean:?},{sd:?})"),
    }
}

/// A number for CSV: the shortest text that reads back exactly, or an empty field when not
/// finite.
pub fn csv_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        String::new()
    }
}

/// A number for JSON: `null` when not finite (JSON has no NaN).
pub fn json_number(value: f64) -> serde_json::Value {
    serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// A series of numbers for JSON, `null` where not finite.
pub fn json_series(values: &[f64]) -> serde_json::Value {
    serde_json::Value::Array(values.iter().map(|v| json_number(*v)).collect())
}

/// A lever's plain number for display without suffixes (used where exactness matters).
pub fn plain(value: f64) -> String {
    if value.is_finite() {
        format_number(value)
    } else {
        MISSING.into()
    }
}

/// Column alignment in [`table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Lays rows out as columns separated by two spaces, each as wide as its widest cell (counted
/// in characters), every line indented by `indent` spaces; trailing spaces are trimmed.
pub fn table(rows: &[Vec<String>], align: &[Align], indent: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = " ".repeat(indent);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i].saturating_sub(cell.chars().count());
            match align.get(i).copied().unwrap_or(Align::Left) {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::metrics::MetricId;

    #[test]
    fn change_percent_signs_and_rounds_to_zero() {
        assert_eq!(change_percent(0.123, '−'), "+12.3%");
        assert_eq!(change_percent(-0.04, '−'), "−4.0%");
        assert_eq!(change_percent(-0.04, '-'), "-4.0%");
        assert_eq!(change_percent(0.0004, '−'), "0");
        assert_eq!(change_percent(-0.0004, '−'), "0");
        assert_eq!(change_percent(12.5, '−'), "+1,250.0%");
        assert_eq!(change_percent(f64::NAN, '−'), MISSING);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0.0, 0), "0");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(1000.0, 0), "1,000");
        assert_eq!(thousands(1_234_567.8, 0), "1,234,568");
        assert_eq!(thousands(-1_234_567.0, 0), "-1,234,567");
        assert_eq!(thousands(12_345.678, 1), "12,345.7");
        assert_eq!(thousands(-0.04, 1), "0.0");
        assert_eq!(thousands(f64::NAN, 0), MISSING);
        assert_eq!(thousands(f64::INFINITY, 0), MISSING);
    }

    #[test]
    fn compact_uses_suffixes() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(12_345.0), "12.3k");
        assert_eq!(compact(2_000_000.0), "2M");
        assert_eq!(compact(2_460_000.0), "2.5M");
        assert_eq!(compact(123_456_789.0), "123M");
        assert_eq!(compact(1_200_000_000.0), "1.2bn");
        assert_eq!(compact(0.25), "0.25");
        assert_eq!(compact(-4_500.0), "-4.5k");
        assert_eq!(compact(f64::NAN), MISSING);
    }

    #[test]
    fn metric_values_follow_their_scale() {
        let count = MetricId::Domestic.metric();
        let share = MetricId::SelfReliance.metric();
        let ratio = MetricId::ComputeGap.metric();
        let usd = MetricId::UsVendorRevenue.metric();
        assert_eq!(metric_value(count, 805_123.4), "805,123");
        assert_eq!(metric_value(share, 0.4231), "42.3%");
        assert_eq!(metric_value(ratio, 3.456), "3.46x");
        assert_eq!(metric_value(usd, 12.34), "$12.3bn");
        assert_eq!(metric_value(usd, f64::NAN), MISSING);
        assert_eq!(metric_delta(count, 1500.0), "+1,500");
        assert_eq!(metric_delta(count, -1500.0), "-1,500");
        assert_eq!(metric_delta(share, 0.05), "+5.0 pp");
        assert_eq!(metric_delta(usd, -2.0), "-$2.0bn");
        assert_eq!(metric_delta(count, 0.0), "0");
    }

    #[test]
    fn significant_digits_trim_zeros() {
        assert_eq!(significant(0.38694, 3), "0.387");
        assert_eq!(significant(0.15, 3), "0.15");
        assert_eq!(significant(60.0, 3), "60");
        assert_eq!(significant(1234.6, 3), "1235");
        assert_eq!(significant(-0.0001, 3), "-0.0001");
        assert_eq!(significant(0.0, 3), "0");
    }

    #[test]
    fn percentages_are_signed_and_never_nan() {
        assert_eq!(pct_change(100.0, 125.0), Some(25.0));
        assert_eq!(pct_change(-100.0, -50.0), Some(50.0));
        assert_eq!(pct_change(0.0, 5.0), None);
        assert_eq!(pct_change(f64::NAN, 5.0), None);
        assert_eq!(signed_percent(Some(25.0)), "+25.0%");
        assert_eq!(signed_percent(Some(-3.04)), "-3.0%");
        assert_eq!(signed_percent(None), MISSING);
    }

    #[test]
    fn non_finite_numbers_become_empty_or_null() {
        assert_eq!(csv_number(f64::NAN), "");
        assert_eq!(csv_number(0.1), "0.1");
        assert_eq!(json_number(f64::INFINITY), serde_json::Value::Null);
    }

    #[test]
    fn tables_align_columns() {
        let rows = vec![
            vec!["year".to_string(), "value".to_string()],
            vec!["2024".to_string(), "1,000".to_string()],
        ];
        assert_eq!(
            table(&rows, &[Align::Left, Align::Right], 2),
            "  year  value\n  2024  1,000\n"
        );
    }
}
