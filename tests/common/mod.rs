//! Helpers shared by the command-line tests: run the real binary without colour, require
//! success and finite numbers, read JSON.

#![allow(
    dead_code,
    reason = "each test crate uses a different subset of the helpers"
)]

use std::process::Output;

use serde_json::Value;

pub fn chipcast(args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("chipcast")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn ok(args: &[&str]) -> String {
    let o = chipcast(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let bad = out
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| matches!(*w, "NaN" | "inf"));
    assert!(bad.is_none(), "{args:?} printed a non-number:\n{out}");
    out
}

/// The keys of a pretty-printed JSON object, in the order written.
pub fn top_level_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k))
        .collect()
}

pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap()
}

/// A value of a lever from a unit draw `u` in [0, 1]: a number anywhere in its range, a bool
/// or choice option with equal odds. Shared by the model's property tests.
pub fn lever_value(id: chipcast::model::levers::LeverId, u: f64) -> f64 {
    use chipcast::model::levers::Kind;
    let lever = id.lever();
    let (lo, hi) = lever.kind.range();
    match lever.kind {
        Kind::Bool | Kind::Choice(_) => (lo + (u * (hi - lo + 1.0)).floor()).min(hi),
        Kind::Number { .. } => lo + u * (hi - lo),
    }
}

/// Any lever, for property tests.
pub fn lever_id() -> impl proptest::strategy::Strategy<Value = chipcast::model::levers::LeverId> {
    use chipcast::model::levers::{LEVER_COUNT, LeverId};
    use proptest::strategy::Strategy;
    (0..LEVER_COUNT).prop_map(|i| LeverId::ALL[i])
}

/// Checks that a generated text stands in a docs file: the whole file (`block` None) or the
/// part between `<!-- BLOCK:begin -->` and `<!-- BLOCK:end -->`. With `CHIPCAST_BLESS=1` it
/// writes the text there instead, for review in the diff. `test` names the test to rerun.
pub fn check_generated(file: &str, block: Option<&str>, want: &str, test: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let bless = std::env::var_os("CHIPCAST_BLESS").is_some_and(|v| v == "1");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (have, blessed) = match block {
        None => (text.as_str(), want.to_string()),
        Some(name) => {
            let (begin, end) = (
                format!("<!-- {name}:begin -->"),
                format!("<!-- {name}:end -->"),
            );
            let (Some(b), Some(e)) = (text.find(&begin), text.find(&end)) else {
                panic!("{file} needs the markers {begin} and {end} around the generated text");
            };
            assert!(b < e, "{begin} must come before {end} in {file}");
            let want = format!("\n{want}");
            let blessed = format!("{}{begin}{want}{}", &text[..b], &text[e..]);
            (&text[b + begin.len()..e], blessed)
        }
    };
    if bless {
        std::fs::write(&path, blessed).unwrap();
        return;
    }
    let expected = if block.is_some() {
        format!("\n{want}")
    } else {
        want.to_string()
    };
    assert!(
        have == expected,
        "{file} is out of date with the code that generates it; regenerate it with\n  \
         CHIPCAST_BLESS=1 cargo test --test {test}\nand review the diff"
    );
}

/// A random scenario for property tests: a horizon starting in 2020–2030 and up to 14 years
/// long, every lever at a random value, up to `max_changes` dated changes of one lever each,
/// and up to three whole-horizon overrides.
pub fn random_scenario(
    max_changes: usize,
) -> impl proptest::strategy::Strategy<
    Value = (
        chipcast::model::scenario::Scenario,
        chipcast::model::scenario::Overrides,
    ),
> {
    use chipcast::model::levers::{LEVER_COUNT, LeverId};
    use chipcast::model::scenario::{Dist, Overrides, PolicyChange, Scenario};
    use proptest::prelude::*;
    (
        2020..=2030_i32,
        0..=14_i32,
        prop::collection::vec(0.0..=1.0_f64, LEVER_COUNT),
        prop::collection::vec((0..=14_i32, lever_id(), 0.0..=1.0_f64), 0..=max_changes),
        prop::collection::vec((lever_id(), 0.0..=1.0_f64), 0..=3),
    )
        .prop_map(|(first, len, us, changes, overrides)| {
            let mut s = Scenario::defaults("random");
            s.first_year = first;
            s.last_year = (first + len).min(2050);
            for (i, &u) in us.iter().enumerate() {
                s.levers[i] = Dist::Fixed(lever_value(LeverId::ALL[i], u));
            }
            let mut changes: Vec<_> = changes
                .into_iter()
                .map(|(dy, id, u)| PolicyChange {
                    year: (first + dy).min(s.last_year),
                    month: 1,
                    label: "random".into(),
                    set: vec![(id, Dist::Fixed(lever_value(id, u)))],
                })
                .collect();
            changes.sort_by_key(|c| c.year);
            s.schedule = changes;
            let mut o = Overrides::default();
            for (id, u) in overrides {
                o.set(id, Dist::Fixed(lever_value(id, u)));
            }
            (s, o)
        })
}
