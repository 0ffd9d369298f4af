//! Golden snapshot of the bundled baseline's deterministic central run: every metric in every
//! year (four significant digits) and the binding constraint. A change to the model or to
//! scenarios/baseline.ron that moves any figure shows up here for review.

use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::simulate;
use chipcast::model::scenario::Overrides;

/// A number to four significant digits, in plain notation.
fn sig4(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = 3 - v.abs().log10().floor() as i32;
    if digits <= 0 {
        let scale = 10f64.powi(-digits);
        format!("{:.0}", (v / scale).round() * scale)
    } else {
        format!("{:.*}", digits as usize, v)
    }
}

fn summary() -> String {
    let s = chipcast::scenario::bundled("baseline").expect("baseline is bundled");
    let p = simulate(&s, &Overrides::default(), 0, 0);
    let run = &p.central;
    let mut out = format!("{:<40}", "year");
    for y in run.year_range() {
        out += &format!("{y:>12}");
    }
    out.push('\n');
    for &m in MetricId::ALL {
        out += &format!("{:<40}", m.key());
        for &v in run.series(m) {
            out += &format!("{:>12}", sig4(v));
        }
        out.push('\n');
    }
    out += &format!("{:<40}", "binding_constraint");
    for b in &run.binding {
        out += &format!("{:>12}", b.name());
    }
    out.push('\n');
    out
}

#[test]
fn four_significant_digits() {
    assert_eq!(sig4(1234567.0), "1235000");
    assert_eq!(sig4(0.012345), "0.01235");
    assert_eq!(sig4(15.526), "15.53");
    assert_eq!(sig4(0.0), "0");
}

#[test]
fn baseline_central_run() {
    insta::assert_snapshot!(summary());
}
