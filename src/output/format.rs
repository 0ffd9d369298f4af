//! Number and text formatting, the one place numbers become text for every front end: for
//! tables (headless commands) thousands separators, compact k / M / bn suffixes, percentages,
//! dollars, metric values by their `Scale`, lever values and distributions, CSV and JSON
//! numbers, and plain-text table layout; for screens (the explorer) short values, deltas
//! against a comparison, "nice" axis maxima and text cut to a width; for chart files, axis
//! ticks. Pure functions of their arguments.
//!
//! Invariant: nothing here prints `NaN` or `inf` — a value that is not finite is shown as
//! [`MISSING`] in tables (`–` on screens), an empty field in CSV and `null` in JSON.

use crate::model::levers::{Kind, Lever, format_number};
use crate::model::metrics::{Metric, Scale};
use crate::model::scenario::{Dist, DistSpelling};

pub use crate::diag::width::{end as text_end, pad, pad_left, shorten_path, width};

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
    let (scaled, suffix) = suffixed(value);
    let digits = if suffix.is_empty() && abs >= 10.0 || scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 || suffix.is_empty() && abs >= 1.0 {
        1
    } else if suffix.is_empty() {
        2
    } else {
        1
    };
    let text = trim_zeros(format!("{:.*}", digits, scaled));
    let text = if text == "-0" { "0".to_string() } else { text };
    format!("{text}{suffix}")
}

/// `value` scaled to its k / M / bn suffix: `(12.3, "k")` for 12,345.
fn suffixed(value: f64) -> (f64, &'static str) {
    let abs = value.abs();
    if abs >= 1e9 {
        (value / 1e9, "bn")
    } else if abs >= 1e6 {
        (value / 1e6, "M")
    } else if abs >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    }
}

/// A decimal number's text without trailing zeros (nor a trailing point): `2.50` → `2.5`.
fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
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
    let text = trim_zeros(format!("{value:.decimals$}"));
    if text == "-0" { "0".into() } else { text }
}

/// A lever's distribution as a table shows it: `0.25`, `Uniform(2M..2.9M)`,
/// `Triangular(7.5, mode 10, 15)`, `Normal(mean 0.3, sd 0.05)`.
pub fn dist(lever: &Lever, d: Dist) -> String {
    d.text(&DistSpelling::TABLE, |x| lever_value(lever, x))
}

/// A distribution in a canonical, exact text form (for hashing): `Fixed(0.25)`, ...
pub fn dist_canonical(d: Dist) -> String {
    d.text(&DistSpelling::CANONICAL, |x| format!("{x:?}"))
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

/// A CSV field, quoted when it needs it.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
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
    /// Text starts at the column's left edge (names, labels).
    Left,
    /// Text ends at the column's right edge, so digits line up (numbers).
    Right,
}

/// Lays rows out as columns separated by two spaces, each as wide as its widest cell (counted
/// in terminal columns: a CJK character takes two, a combining mark none), every line indented by `indent` spaces; trailing spaces are trimmed.
pub fn table(rows: &[Vec<String>], align: &[Align], indent: usize) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = " ".repeat(indent);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i].saturating_sub(width(cell));
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

/// For screens: a count with a k / M / bn suffix and about three significant digits.
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let (x, suffix) = suffixed(v);
    let digits = if x.abs() >= 100.0 || (suffix.is_empty() && a >= 10.0) {
        0
    } else if x.abs() >= 10.0 || suffix.is_empty() && a >= 1.0 {
        1
    } else {
        2
    };
    format!("{}{suffix}", trim_zeros(format!("{x:.digits$}")))
}

/// A metric value as a user reads it.
pub fn value(scale: Scale, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match scale {
        Scale::Count => count(v),
        Scale::Share => {
            let p = v * 100.0;
            if p.abs() < 10.0 && p.fract().abs() > 0.05 {
                format!("{p:.1}%")
            } else {
                format!("{p:.0}%")
            }
        }
        Scale::Ratio => {
            if v.abs() >= 100.0 {
                format!("{v:.0}x")
            } else if v.abs() >= 10.0 {
                format!("{v:.1}x")
            } else {
                format!("{v:.2}x")
            }
        }
        Scale::UsdBn => {
            if v.abs() < 1.0 && v != 0.0 {
                format!("${:.0}M", v * 1000.0)
            } else if v.abs() < 10.0 {
                format!("${}bn", trim_zeros(format!("{v:.2}")))
            } else {
                format!("${v:.0}bn")
            }
        }
    }
}

/// The sign of a change: rise, fall or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `now` is above the reference by more than rounding.
    Up,
    /// `now` is below the reference by more than rounding.
    Down,
    /// No change that shows at the precision printed, or one of the values is not finite.
    Same,
}

/// A change from `reference` to `now`: percentage points for shares, per cent otherwise
/// (absolute when the reference is zero).
pub fn delta(scale: Scale, now: f64, reference: f64) -> (String, Sign) {
    if !now.is_finite() || !reference.is_finite() {
        return ("–".into(), Sign::Same);
    }
    let d = now - reference;
    let tiny = 1e-9 * now.abs().max(reference.abs()).max(1e-12);
    if d.abs() <= tiny {
        return ("=".into(), Sign::Same);
    }
    let sign = if d > 0.0 { Sign::Up } else { Sign::Down };
    let plus = if d > 0.0 { "+" } else { "" };
    let text = match scale {
        Scale::Share => {
            let pp = d * 100.0;
            if pp.abs() < 0.05 {
                return ("=".into(), Sign::Same);
            }
            format!("{plus}{pp:.1}pp")
        }
        _ if reference.abs() < 1e-12 => format!("{plus}{}", value(scale, d)),
        _ => {
            let pct = d / reference.abs() * 100.0;
            if pct.abs() < 0.05 {
                return ("=".into(), Sign::Same);
            } else if pct.abs() >= 1000.0 {
                format!("{plus}{:.0}x", pct / 100.0)
            } else if pct.abs() >= 10.0 {
                format!("{plus}{pct:.0}%")
            } else {
                format!("{plus}{pct:.1}%")
            }
        }
    };
    (text, sign)
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `v` (1 for nothing positive).
pub fn nice_ceiling(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let exp = v.log10().floor();
    let base = 10f64.powf(exp);
    for m in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * base >= v * (1.0 - 1e-12) {
            return m * base;
        }
    }
    10.0 * base
}

/// A lever's value for the lever list: short numbers, unit, `~` for a distribution.
pub fn lever_cell(lever: &Lever, d: Dist) -> String {
    let v = d.central();
    let body = match lever.kind {
        Kind::Number { .. } if v.abs() >= 10_000.0 => count(v),
        _ => lever.format_value(v),
    };
    let unit = match lever.kind {
        Kind::Number { .. } if !short_unit(lever.unit).is_empty() => {
            format!(" {}", short_unit(lever.unit))
        }
        _ => String::new(),
    };
    let tilde = if d.is_uncertain() { "~" } else { "" };
    format!("{tilde}{body}{unit}")
}

fn short_unit(unit: &str) -> &str {
    match unit {
        "fraction" => "",
        "fraction/yr" => "/yr",
        "index 0-1" => "",
        other => other,
    }
}

/// A lever value in a few characters (numbers to about three significant digits).
pub fn lever_short(lever: &Lever, v: f64) -> String {
    match lever.kind {
        Kind::Number { .. } if v.abs() >= 1_000.0 => count(v),
        Kind::Number { .. } => {
            let s = format!("{v:.3}");
            let s = trim_zeros(s);
            if s.len() > 5 { format!("{v:.2}") } else { s }
        }
        _ => lever.format_value(v),
    }
}

/// A distribution written out in full, for the lever's info line: `uniform 2–3`.
pub fn dist_prose(lever: &Lever, d: Dist) -> String {
    d.text(&DistSpelling::PROSE, |v| match lever.kind {
        Kind::Number { .. } => format_number(v),
        _ => lever.format_value(v),
    })
}

/// A scenario's short name for a table row: its name up to the first `:` (`Baseline: the
/// path to 2026` → `Baseline`), sanitized.
pub fn short_name(name: &str) -> String {
    let name = crate::diag::sanitize(name).replace('\n', " ");
    name.split(':').next().unwrap_or(&name).trim().to_string()
}

/// Text cut to at most `columns` terminal columns, with an ellipsis when cut (see
/// [`crate::diag::width`]: wide characters count two columns, combining marks none, and a cut
/// keeps a base character with its marks).
pub fn fit(text: &str, columns: usize) -> String {
    crate::diag::width::fit(text, columns)
}

/// For chart files: an axis tick label in the metric's scale: 35k, 1.2M, $12.3bn, 45%.
pub fn tick(scale: Scale, v: f64) -> String {
    match scale {
        Scale::Share => format!("{:.0}%", v * 100.0),
        Scale::Ratio => format!("{v:.1}x"),
        Scale::UsdBn => format!("${v:.1}bn"),
        Scale::Count => {
            let (x, suffix) = suffixed(v);
            match suffix {
                "k" | "" => format!("{x:.0}{suffix}"),
                _ => format!("{x:.1}{suffix}"),
            }
        }
    }
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

    #[test]
    fn tables_align_by_terminal_columns() {
        let rows = vec![
            vec!["中文情景".to_string(), "1".to_string()],
            vec!["e\u{301}\u{301}x".to_string(), "22".to_string()],
            vec!["plain".to_string(), "333".to_string()],
        ];
        let text = table(&rows, &[Align::Left, Align::Right], 0);
        let widths: Vec<usize> = text.lines().map(width).collect();
        assert_eq!(widths, [13, 13, 13], "{text}");
        assert!(text.starts_with("中文情景    1\n"), "{text}");
    }

    #[test]
    fn counts_read_with_suffixes() {
        assert_eq!(count(0.0), "0");
        assert_eq!(count(950.0), "950");
        assert_eq!(count(1_250.0), "1.25k");
        assert_eq!(count(35_000.0), "35k");
        assert_eq!(count(805_000.0), "805k");
        assert_eq!(count(1_500_000.0), "1.5M");
        assert_eq!(count(2.0e9), "2bn");
        assert_eq!(value(Scale::Share, 0.425), "42%");
        assert_eq!(value(Scale::UsdBn, 0.45), "$450M");
        assert_eq!(value(Scale::UsdBn, 12.3), "$12bn");
        assert_eq!(value(Scale::Ratio, 3.456), "3.46x");
    }

    #[test]
    fn deltas_name_their_direction() {
        assert_eq!(delta(Scale::Count, 110.0, 100.0), ("+10%".into(), Sign::Up));
        assert_eq!(
            delta(Scale::Count, 95.0, 100.0),
            ("-5.0%".into(), Sign::Down)
        );
        assert_eq!(delta(Scale::Share, 0.5, 0.4), ("+10.0pp".into(), Sign::Up));
        assert_eq!(delta(Scale::Count, 7.0, 7.0), ("=".into(), Sign::Same));
        assert_eq!(delta(Scale::Count, 2000.0, 0.0), ("+2k".into(), Sign::Up));
    }

    #[test]
    fn axis_maxima_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(0.83), 1.0);
        assert_eq!(nice_ceiling(1.3e6), 1.5e6);
        assert_eq!(nice_ceiling(2.2e6), 2.5e6);
        assert_eq!(nice_ceiling(6.5e6), 8.0e6);
        assert_eq!(nice_ceiling(40.0), 40.0);
        assert_eq!(nice_ceiling(41.0), 50.0);
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("中文情景", 5), "中文…");
    }
}
