//! Policy regimes with memory, end to end: the `volatility` block's new fields load, default
//! and diagnose like the old ones, and on the bundled baseline the share of samples whose
//! customs block departs from the dated path in 2032 is what the two-state chain predicts.

use chipcast::model::levers::LeverId;
use chipcast::model::montecarlo::sample_rng;
use chipcast::model::path::{FIRST_VOLATILE_YEAR, central_path, sample_path};
use chipcast::model::scenario::{Overrides, Scenario, Volatility};
use chipcast::scenario::{bundled, load_text};

/// The share of `n` samples (the Monte Carlo's generators at the CLI's default seed) whose
/// `import_block` in `year` differs from the dated path.
fn departed_share(s: &Scenario, year: i32, n: usize) -> f64 {
    let o = Overrides::default();
    let dated = central_path(s, &o);
    let yi = (year - s.first_year) as usize;
    let departed = (0..n)
        .filter(|&i| {
            let p = sample_path(
                s,
                &o,
                &mut sample_rng(chipcast::model::montecarlo::DEFAULT_SEED, i),
            );
            p.get(LeverId::ImportBlock, yi) != dated.get(LeverId::ImportBlock, yi)
        })
        .count();
    departed as f64 / n as f64
}

/// The two-state chain after `steps` years from the dated path: `π (1 − (1 − p − q)^steps)`,
/// `π = p / (p + q)`, `q = r + (1 − r) p`.
fn chain_share(p: f64, r: f64, steps: i32) -> f64 {
    let q = r + (1.0 - r) * p;
    p / (p + q) * (1.0 - (1.0 - p - q).powi(steps))
}

fn tolerance(p: f64, n: usize) -> f64 {
    4.0 * (p * (1.0 - p) / n as f64).sqrt()
}

#[test]
fn baseline_blocks_depart_as_the_chain_predicts() {
    let n = 1000;
    let baseline = bundled("baseline").unwrap();
    let v = baseline.volatility;
    let steps = 2032 - FIRST_VOLATILE_YEAR + 1;
    // The baseline holds policy_volatility at 1, so the flip odds are the file's.
    assert_eq!(
        central_path(&baseline, &Overrides::default()).get(LeverId::PolicyVolatility, 8),
        1.0
    );

    // Without counter-moves only China's own chain moves the block.
    let mut s = baseline.clone();
    s.volatility.china_counter = 0.0;
    let want = chain_share(v.china_acceptance_flip, v.china_acceptance_revert, steps);
    let got = departed_share(&s, 2032, n);
    assert!(
        (got - want).abs() < tolerance(want, n),
        "{got} against {want}"
    );

    // Without memory: the old 46%.
    s.volatility.china_acceptance_revert = 0.0;
    let old = chain_share(v.china_acceptance_flip, 0.0, steps);
    assert!((old - 0.459).abs() < 0.001);
    let got_old = departed_share(&s, 2032, n);
    assert!(
        (got_old - old).abs() < tolerance(old, n),
        "{got_old} against {old}"
    );

    // As bundled, counter-moves put the block back after US easings: fewer still.
    let bundled_share = departed_share(&baseline, 2032, n);
    assert!(bundled_share < got, "{bundled_share} against {got}");
    assert!(bundled_share < old - 0.15, "{bundled_share} against {old}");
}

const HEAD: &str = "Scenario(name: \"t\", ";

#[test]
fn a_file_without_the_regime_fields_gets_the_documented_defaults() {
    let s = load_text(
        "t.ron",
        &format!("{HEAD}volatility: (us_policy_switch: 0.2, china_acceptance_flip: 0.1))"),
        None,
    )
    .unwrap();
    assert_eq!(
        s.volatility,
        Volatility {
            us_policy_switch: 0.2,
            china_acceptance_flip: 0.1,
            us_policy_revert: 0.3,
            china_acceptance_revert: 0.3,
            china_counter: 0.75,
        }
    );
    assert_eq!(Volatility::default(), Volatility::DEFAULT);
    // A child sets one field and keeps the parent's others.
    let s = load_text(
        "t.ron",
        &format!("{HEAD}extends: \"bundled:whiplash\", volatility: (china_counter: 0.5))"),
        None,
    )
    .unwrap();
    let parent = bundled("whiplash").unwrap().volatility;
    assert_eq!(
        s.volatility,
        Volatility {
            china_counter: 0.5,
            ..parent
        }
    );
}

#[test]
fn regime_fields_are_diagnosed_like_the_others() {
    let text = format!(
        "{HEAD}volatility: (us_policy_revert: 1.5, china_acceptance_revert: -0.1, \
         china_counter: 2.0, china_revert: 0.1))"
    );
    let diags = load_text("t.ron", &text, None).unwrap_err();
    let found = |field: &str, code: &str| {
        diags
            .iter()
            .find(|d| d.field == field && d.code == code)
            .unwrap_or_else(|| panic!("no {code} at {field}: {diags:?}"))
    };
    assert_eq!(
        found("volatility.us_policy_revert", "out-of-range").message,
        "1.5 is not a yearly probability"
    );
    found("volatility.china_acceptance_revert", "out-of-range");
    assert_eq!(
        found("volatility.china_counter", "out-of-range").message,
        "2 is not a probability per US easing"
    );
    let unknown = found("volatility.china_revert", "unknown-field");
    assert!(
        unknown
            .expected
            .as_deref()
            .is_some_and(|e| e.contains("china_counter")),
        "{unknown:?}"
    );
    assert_eq!(
        unknown.hint.as_deref(),
        Some("did you mean `china_counter`?")
    );
}
