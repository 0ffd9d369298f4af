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

/// Levers that by design act in only one of the scenarios: (lever key, why). Keep it short.
const EXEMPT: &[(&str, &str)] = &[];

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
#[ignore = "enabled when the supply-side model lands (issue 10)"]
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
