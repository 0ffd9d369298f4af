//! THE acceptance test of the lever table's directions: in the bundled baseline and hardline,
//! every lever documented to raise or lower China's supply or compute (`Direction::Raises`,
//! `Direction::Lowers`) moves domestic output, domestic compute or China's compute stock that
//! way by at least 2% (or the compute gap the other way) in 2028 or 2030, moved from the low
//! end of its range to the high end from 2026 on (`model::effects`). Levers that act elsewhere
//! (`Direction::Elsewhere`) are exempt and listed with their reason.

use chipcast::model::effects::{
    EffectRow, FROM_YEAR, METRIC_KEYS, YEARS, effects, moves_as_documented,
};
use chipcast::model::levers::{Direction, LEVERS};

/// The scenarios every documented direction must hold in.
const SCENARIOS: [&str; 2] = ["baseline", "hardline"];

/// The smallest move that counts, as a fraction.
const THRESHOLD: f64 = 0.02;

/// Supply-side levers that do not move 2028 or 2030 by 2% in both scenarios, each with why.
/// Each reason is a claim the tests below check, so an entry cannot outlive its reason.
const EXEMPT: &[(&str, &str)] = &[
    (
        "die_bank_dies",
        "packaged in 2025-26, where packaging and HBM bind, not dies: the bank changes which \
         dies Huawei packages (banked against newly made, the BIS against SemiAnalysis split, \
         checked), not how many units",
    ),
    (
        "yield_2024",
        "the 2024 anchor: it moves output before 2028 (checked); by 2028 learning has reached \
         the ceiling in the baseline and HBM binds the lines that yield could help",
    ),
    (
        "packaging_2024_units",
        "the 2024 anchor: more packaging early raises 2024-26 output (checked) and draws the \
         HBM stockpile sooner, moving output out of 2027-28; summed output never falls \
         (tests/model_supply.rs)",
    ),
    (
        "foundry_screening",
        "it acts on dies, and in 2028 and 2030 HBM (or buyers) binds every line that could \
         use proxy-made dies (checked): closing the foundry route matters only once domestic \
         HBM outgrows dies",
    ),
];

/// Exempt levers whose effect comes before 2028: they move domestic output by 2% or more in
/// their documented direction in some year 2024-2027, in both scenarios.
const ACTS_EARLY: &[&str] = &["yield_2024", "packaging_2024_units"];

/// A lever's rows as a small table, for failure messages.
fn describe(scenario: &str, row: &EffectRow) -> String {
    let lever = row.lever();
    let mut s = format!(
        "  {scenario}: {} {} -> {} {}, {}\n",
        lever.key,
        lever.format_value(row.low_value),
        lever.format_value(row.high_value),
        if row.whole_horizon {
            "over the whole horizon".to_string()
        } else {
            format!("from {}", row.from_year)
        },
        lever.direction.describe()
    );
    for (yi, y) in row.years.iter().enumerate() {
        for (k, key) in METRIC_KEYS.iter().enumerate() {
            s.push_str(&format!(
                "    {y} {key:<26} low {:>14.4} high {:>14.4} change {:>+9.2}%\n",
                row.low[yi][k],
                row.high[yi][k],
                row.changes[yi][k] * 100.0
            ));
        }
    }
    s
}

#[test]
fn every_lever_moves_china_the_way_its_direction_says() {
    let tables: Vec<(&str, Vec<EffectRow>)> = SCENARIOS
        .iter()
        .map(|&name| {
            let s = chipcast::scenario::bundled(name).expect("bundled scenario");
            (name, effects(&s, FROM_YEAR, &YEARS))
        })
        .collect();
    let mut failures = Vec::new();
    for (i, lever) in LEVERS.iter().enumerate() {
        if let Direction::Elsewhere(why) = lever.direction {
            println!("exempt: {} acts elsewhere: {why}", lever.key);
            continue;
        }
        if let Some((_, why)) = EXEMPT.iter().find(|(k, _)| *k == lever.key) {
            println!("exempt: {}: {why}", lever.key);
            continue;
        }
        let failing: Vec<&str> = tables
            .iter()
            .filter(|(_, rows)| !moves_as_documented(&rows[i], THRESHOLD))
            .map(|(name, _)| *name)
            .collect();
        if !failing.is_empty() {
            let mut msg = format!(
                "{} does not move as documented in {}:\n",
                lever.key,
                failing.join(" and ")
            );
            for (name, rows) in &tables {
                msg.push_str(&describe(name, &rows[i]));
            }
            failures.push(msg);
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} lever(s) do not move as documented (threshold {}%)",
        failures.len(),
        THRESHOLD * 100.0
    );
}

/// The exemption list names only levers in the table, each with a direction to exempt.
#[test]
fn exemptions_name_levers_with_a_direction() {
    for (key, why) in EXEMPT {
        let lever = LEVERS.iter().find(|l| l.key == *key);
        assert!(lever.is_some(), "EXEMPT names {key}, which is not a lever");
        assert!(
            !matches!(lever.unwrap().direction, Direction::Elsewhere(_)),
            "{key} already acts elsewhere"
        );
        assert!(!why.is_empty());
    }
}

/// The levers exempt for acting early do act early.
#[test]
fn early_acting_levers_move_output_before_2028() {
    let years = [2024, 2025, 2026, 2027];
    for name in SCENARIOS {
        let s = chipcast::scenario::bundled(name).expect("bundled scenario");
        let rows = effects(&s, FROM_YEAR, &years);
        for key in ACTS_EARLY {
            assert!(EXEMPT.iter().any(|(k, _)| k == key), "{key} is not exempt");
            let row = rows.iter().find(|r| r.lever().key == *key).unwrap();
            let sign = match row.lever().direction {
                Direction::Raises => 1.0,
                Direction::Lowers => -1.0,
                Direction::Elsewhere(_) => unreachable!(),
            };
            let moved = row.changes.iter().any(|c| sign * c[0] >= THRESHOLD);
            assert!(
                moved,
                "{name}: {key} moves no year 2024-27\n{}",
                describe(name, row)
            );
        }
    }
}

/// The claim behind `foundry_screening`'s exemption: in 2028 and 2030 every line that could
/// use proxy-made dies is bound by HBM or by buyers, so more dies change nothing.
#[test]
fn hbm_binds_every_proxy_capable_line_in_2028_and_2030() {
    use chipcast::model::path::central_path;
    use chipcast::model::products::PRODUCTS;
    use chipcast::model::project::{Constraint, project};
    for name in SCENARIOS {
        let s = chipcast::scenario::bundled(name).expect("bundled scenario");
        let run = project(&central_path(&s, &Default::default()));
        for year in YEARS {
            for p in PRODUCTS.iter().filter(|p| p.proxy) {
                let yi = (year - run.first_year) as usize;
                if run.product_series(p.id)[yi] < 1.0 {
                    continue;
                }
                let b = run.product_binding(p.id, year);
                assert!(
                    matches!(b, Some(Constraint::Hbm | Constraint::Demand)),
                    "{name} {year}: {} is bound by {b:?}",
                    p.key
                );
            }
        }
    }
}

/// Hardline's controls bite: its domestic output falls below the baseline's by 2028 (and stays
/// below).
#[test]
fn hardline_output_falls_below_the_baseline_by_2028() {
    use chipcast::model::metrics::MetricId;
    use chipcast::model::path::central_path;
    use chipcast::model::project::project;
    let run = |name: &str| {
        let s = chipcast::scenario::bundled(name).expect("bundled scenario");
        project(&central_path(&s, &Default::default()))
    };
    let (base, hard) = (run("baseline"), run("hardline"));
    for year in 2028..=2032 {
        let (b, h) = (
            base.get(MetricId::Domestic, year).unwrap(),
            hard.get(MetricId::Domestic, year).unwrap(),
        );
        assert!(
            h < b * 0.98,
            "{year}: hardline {h:.0} against baseline {b:.0}"
        );
    }
}

/// The claim behind `die_bank_dies`'s exemption: the bank displaces newly made dies. With no
/// bank, Huawei's 2025 output from new SMIC dies is higher, and its total output is not lower
/// by more than the threshold.
#[test]
fn the_die_bank_displaces_new_dies_in_2025() {
    use chipcast::model::levers::LeverId;
    use chipcast::model::metrics::MetricId;
    use chipcast::model::path::central_path;
    use chipcast::model::project::project;
    use chipcast::model::scenario::{Dist, Overrides};
    for name in SCENARIOS {
        let s = chipcast::scenario::bundled(name).expect("bundled scenario");
        let mut none = Overrides::default();
        none.set(LeverId::DieBank, Dist::Fixed(0.0));
        let with = project(&central_path(&s, &Overrides::default()));
        let without = project(&central_path(&s, &none));
        let get = |r: &chipcast::model::project::Run, m| r.get(m, 2025).unwrap();
        assert!(
            get(&without, MetricId::HuaweiNewDies) > get(&with, MetricId::HuaweiNewDies) * 1.02,
            "{name}: the bank does not displace new dies"
        );
        assert!(
            get(&without, MetricId::DomesticHuawei)
                >= get(&with, MetricId::DomesticHuawei) * (1.0 - THRESHOLD),
            "{name}: without the bank Huawei makes much less, so dies bind"
        );
    }
}
