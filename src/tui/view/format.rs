//! Number formatting for screens: k / M / bn suffixes, percentages, ratios, dollars; deltas
//! against a comparison; "nice" axis maxima. Pure functions of their arguments.

use crate::model::levers::{Kind, Lever, format_number};
use crate::model::metrics::Scale;
use crate::model::scenario::Dist;

/// A count with a k / M / bn suffix and about three significant digits.
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let (x, suffix) = if a >= 1e9 {
        (v / 1e9, "bn")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let digits = if x.abs() >= 100.0 || (suffix.is_empty() && a >= 10.0) {
        0
    } else if x.abs() >= 10.0 || suffix.is_empty() && a >= 1.0 {
        1
    } else {
        2
    };
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{suffix}")
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
                format!("${}bn", trim(format!("{v:.2}")))
            } else {
                format!("${v:.0}bn")
            }
        }
    }
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The sign of a change: rise, fall or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Up,
    Down,
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
pub fn lever_value(lever: &Lever, d: Dist) -> String {
    let v = d.central();
    let body = match lever.kind {
        Kind::Number { .. } if v.abs() >= 10_000.0 => count(v),
        _ => lever.format_value(v),
    };
    let unit = match lever.kind {
        Kind::Number { .. } if !lever.unit.is_empty() => format!(" {}", short_unit(lever.unit)),
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
            let s = trim(s);
            if s.len() > 5 { format!("{v:.2}") } else { s }
        }
        _ => lever.format_value(v),
    }
}

/// A distribution written out in full, for the lever's info line.
pub fn dist(lever: &Lever, d: Dist) -> String {
    let f = |v: f64| match lever.kind {
        Kind::Number { .. } => format_number(v),
        _ => lever.format_value(v),
    };
    match d {
        Dist::Fixed(v) => f(v),
        Dist::Uniform { low, high } => format!("uniform {}–{}", f(low), f(high)),
        Dist::Triangular { low, mode, high } => {
            format!("triangular {}–{}–{}", f(low), f(mode), f(high))
        }
        Dist::Normal { mean, sd } => format!("normal {} ± {}", f(mean), format_number(sd)),
    }
}

/// Text cut to `width` characters, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut s: String = text.chars().take(width - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
