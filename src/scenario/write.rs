//! Writing lever values back as scenario text, so templates and saved scenarios read the same
//! way authors write them by hand (`partial`, `0.25`, `Triangular(low: ..., mode: ..., high: ...)`).
//! Writing the files is `output::files`'s job.

use crate::model::levers::{Kind, Lever, format_number};
use crate::model::scenario::{Dist, DistSpelling, Overrides, Scenario, Volatility};

/// A lever value as RON text that the loader reads back to the same value.
pub fn value_text(lever: &Lever, dist: Dist) -> String {
    match lever.kind {
        Kind::Bool | Kind::Choice(_) => lever.format_value(dist.central()),
        Kind::Number { .. } => dist.text(&DistSpelling::RON, number),
    }
}

/// A lever's path in a scenario as one line of text: its first-year value, then each dated
/// change of it, `2024: false; from Apr 2025: true` (the month only when a change names one,
/// spelt as everywhere else: `PolicyChange::when`).
pub fn history_text(lever: &Lever, s: &Scenario) -> String {
    let mut out = format!(
        "{}: {}",
        s.first_year,
        value_text(lever, s.levers[lever.id as usize])
    );
    for change in &s.schedule {
        for (id, dist) in &change.set {
            if *id != lever.id {
                continue;
            }
            out.push_str(&format!(
                "; from {}: {}",
                change.when(),
                value_text(lever, *dist)
            ));
        }
    }
    out
}

/// A `volatility` block as RON text that the loader reads back to the same odds, every field
/// written (the regime fields too, so a reader sees the defaults a file would get).
pub fn volatility_text(v: &Volatility) -> String {
    format!(
        "(us_policy_switch: {}, china_acceptance_flip: {}, us_policy_revert: {}, \
         china_acceptance_revert: {}, china_counter: {})",
        number(v.us_policy_switch),
        number(v.china_acceptance_flip),
        number(v.us_policy_revert),
        number(v.china_acceptance_revert),
        number(v.china_counter)
    )
}

/// A scenario file that `extends` the parent at `extends` (a path relative to the new file,
/// or `bundled:NAME`) and sets exactly the overridden levers, so that loading it gives the
/// parent with the overrides applied: a lever set in `levers` replaces the parent's value and
/// its dated changes, just as an override does. An override from a year becomes a dated
/// change in that year (which the caller keeps within the parent's horizon).
pub fn child_text(name: &str, description: &str, extends: &str, overrides: &Overrides) -> String {
    let mut s = String::new();
    s.push_str("// Written by chipcast from the explorer: the parent scenario with these levers changed.\n");
    s.push_str("Scenario(\n    version: 1,\n");
    s.push_str(&format!("    name: {},\n", quote(name)));
    s.push_str(&format!("    description: {},\n", quote(description)));
    s.push_str(&format!("    extends: {},\n", quote(extends)));
    s.push_str("    levers: (\n");
    let mut set: Vec<_> = overrides.iter().filter(|o| o.from.is_none()).collect();
    set.sort_by_key(|o| o.lever);
    for o in set {
        let lever = o.lever.lever();
        let unit = if lever.unit.is_empty() {
            String::new()
        } else {
            format!("  // {}", lever.unit)
        };
        s.push_str(&format!(
            "        {}: {},{unit}\n",
            lever.key,
            value_text(lever, o.value)
        ));
    }
    // An override from a year is a dated change of this file: it replaces the parent's
    // changes of that lever from its year on, and earlier years keep the parent's path.
    let mut dated: Vec<_> = overrides
        .iter()
        .filter_map(|o| Some((o.from?, o)))
        .collect();
    dated.sort_by_key(|(year, o)| (*year, o.lever));
    if !dated.is_empty() {
        s.push_str("    ),\n    schedule: [\n");
        for (year, o) in dated {
            s.push_str(&format!(
                "        (year: {year}, label: {}, set: ({}: {})),\n",
                quote("set in the explorer"),
                o.lever.key(),
                value_text(o.lever.lever(), o.value)
            ));
        }
        s.push_str("    ],\n)\n");
        return s;
    }
    s.push_str("    ),\n)\n");
    s
}

/// A RON string literal: quotes and backslashes escaped, control characters written as
/// `\u{..}` escapes (the loader then refuses them, as it should for any text with them).
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number that reads back exactly: the shortest text that round-trips through `f64`.
fn number(v: f64) -> String {
    let short = format_number(v);
    if short.parse::<f64>() == Ok(v) {
        short
    } else {
        format!("{v:?}")
    }
}

/// A `story: [...]` block (with its trailing comma) for `steps`, as a file writes it: each
/// step's caption, panel, year, the levers it sets and the year they apply from.
pub fn story_text(steps: &[crate::scenario::story::Slide]) -> String {
    let mut s = String::from("    story: [\n");
    for st in steps {
        s.push_str(&format!(
            "        (caption: {}, panel: {}",
            quote(&st.caption),
            st.panel.name()
        ));
        if let Some(y) = st.year {
            s.push_str(&format!(", year: {y}"));
        }
        if !st.set.is_empty() {
            let set: Vec<String> = st
                .set
                .iter()
                .map(|(id, d)| format!("{}: {}", id.key(), value_text(id.lever(), *d)))
                .collect();
            s.push_str(&format!(", set: ({})", set.join(", ")));
        }
        if let Some(f) = st.from {
            s.push_str(&format!(", from: {f}"));
        }
        s.push_str("),\n");
    }
    s.push_str("    ],\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceText;
    use crate::model::levers::LEVERS;
    use crate::ron_tree;
    use crate::scenario::value::lever_value;

    #[test]
    fn a_child_scenario_loads_as_the_parent_with_the_overrides() {
        use crate::model::levers::LeverId;
        let parent = crate::scenario::bundled("baseline").unwrap();
        let mut o = Overrides::default();
        o.set(LeverId::HubEnforcement, Dist::Fixed(0.7));
        o.set(LeverId::DuvControls, Dist::Fixed(2.0));
        o.set(
            LeverId::DemandGrowth,
            Dist::Triangular {
                low: 0.1,
                mode: 0.2,
                high: 0.3,
            },
        );
        let text = child_text(
            "Mine \"quoted\" \\ ok",
            "Two\nlines",
            "bundled:baseline",
            &o,
        );
        let child = crate::scenario::load_text("mine.ron", &text, None)
            .unwrap_or_else(|d| panic!("{}\n{text}", d[0].render(false)));
        assert_eq!(child.name, "Mine \"quoted\" \\ ok");
        for id in LeverId::ALL {
            let expected = o.get(*id).unwrap_or(parent.levers[*id as usize]);
            assert_eq!(child.levers[*id as usize], expected, "{}", id.key());
        }
        // The parent's dated changes of an overridden lever are gone; the others stay.
        assert!(
            child
                .schedule
                .iter()
                .all(|c| c.set.iter().all(|(l, _)| o.get(*l).is_none()))
        );
        assert!(
            child
                .schedule
                .iter()
                .any(|c| c.set.iter().any(|(l, _)| *l == LeverId::ImportBlock))
        );
    }

    /// An override from a year is written as a dated change: the child's path is the parent's
    /// with the override.
    #[test]
    fn an_override_from_a_year_round_trips_as_a_dated_change() {
        use crate::model::levers::LeverId;
        use crate::model::path::central_path;
        let parent = crate::scenario::bundled("baseline").unwrap();
        let mut o = Overrides::default();
        o.set(LeverId::HubEnforcement, Dist::Fixed(0.7));
        o.set_from(LeverId::ImportBlock, Dist::Fixed(0.0), 2027);
        o.set_from(LeverId::StateInvestment, Dist::Fixed(40.0), 2029);
        let text = child_text("from", "dated", "bundled:baseline", &o);
        let child = crate::scenario::load_text("from.ron", &text, None)
            .unwrap_or_else(|d| panic!("{}\n{text}", d[0].render(false)));
        assert_eq!(
            central_path(&child, &Overrides::default()),
            central_path(&parent, &o),
            "{text}"
        );
    }

    #[test]
    fn every_kind_of_value_round_trips() {
        let cases = [
            Dist::Fixed(0.1 + 0.2),
            Dist::Uniform {
                low: 0.1,
                high: 0.3,
            },
            Dist::Triangular {
                low: 0.0,
                mode: 1.0 / 3.0,
                high: 0.5,
            },
            Dist::Normal {
                mean: 0.2,
                sd: 0.05,
            },
        ];
        for lever in &LEVERS {
            let values: Vec<Dist> = match lever.kind {
                Kind::Number { min, max, .. } if min <= 0.0 && max >= 0.5 => cases.to_vec(),
                Kind::Number { min, .. } => vec![Dist::Fixed(min)],
                _ => vec![Dist::Fixed(lever.kind.range().1)],
            };
            for d in values {
                let text = value_text(lever, d);
                let source = SourceText::new("t", text.clone());
                let tree = ron_tree::parse(&text).unwrap();
                let mut diags = Vec::new();
                let back = lever_value(&source, lever, &tree, lever.key, &mut diags);
                assert_eq!(back, Some(d), "{} wrote {text}", lever.key);
            }
        }
    }

    #[test]
    fn volatility_round_trips() {
        let odds = [
            Volatility::DEFAULT,
            crate::scenario::bundled("whiplash").unwrap().volatility,
            Volatility {
                us_policy_switch: 0.1 + 0.2,
                china_acceptance_flip: 1.0 / 3.0,
                us_policy_revert: 0.0,
                china_acceptance_revert: 1.0,
                china_counter: 0.75,
            },
        ];
        for v in odds {
            let text = format!("Scenario(name: \"v\", volatility: {})", volatility_text(&v));
            let back = crate::scenario::load_text("v.ron", &text, None)
                .unwrap_or_else(|d| panic!("{}\n{text}", d[0].render(false)));
            assert_eq!(back.volatility, v, "{text}");
        }
    }
}
