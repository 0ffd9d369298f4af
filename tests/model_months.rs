//! Policy within the year and overrides from a year on.
//!
//! - A change dated month `m` covers months m..=12 of its year: the year's lever value is the
//!   month-weighted mean, month 1 is the whole year, and a flow linear in a number lever moves
//!   by the months' share of a whole-year change. Properties over the bundled scenarios and
//!   every lever: month 1 equals an override from that January, bit for bit, and month 12 is
//!   (11 × old + new) / 12 of its year, moving the linear flow by a twelfth.
//! - An override from year Y (`--set LEVER=VALUE@Y`) leaves every year before Y bit for bit
//!   the scenario's own, in the central run and in the Monte Carlo bands, for the bundled
//!   scenarios (whose 2025 carries a drawn, month-dated change).

mod common;

use common::{lever_id, lever_value};

use chipcast::model::levers::{LEVER_COUNT, LeverId};
use chipcast::model::metrics::MetricId;
use chipcast::model::montecarlo::simulate;
use chipcast::model::path::{central_path, sample_path};
use chipcast::model::project::project;
use chipcast::model::scenario::{Dist, Overrides, PolicyChange, Scenario};
use proptest::prelude::*;
use rand_pcg::Pcg64;

const BUNDLED: [&str; 6] = [
    "baseline",
    "hardline",
    "leaky",
    "self_reliance",
    "thaw",
    "whiplash",
];

fn with_change(month: u8, id: LeverId, value: Dist) -> Scenario {
    let mut s = Scenario::defaults("months");
    s.schedule.push(PolicyChange {
        year: 2026,
        month,
        label: "change".into(),
        set: vec![(id, value)],
    });
    s
}

/// In a file, `month: 1` and no month load to the same scenario and the same paths.
#[test]
fn month_one_in_a_file_is_no_month() {
    let text = |month: &str| {
        format!(
            "Scenario(name: \"m\", extends: \"bundled:baseline\", schedule: [\
             (year: 2027, {month} label: \"x\", set: (revenue_share: Uniform(low: 0.1, high: 0.3), \
             import_block: false))])"
        )
    };
    let a = chipcast::scenario::load_text("a.ron", &text(""), None).unwrap();
    let b = chipcast::scenario::load_text("b.ron", &text("month: 1,"), None).unwrap();
    let o = Overrides::default();
    assert_eq!(central_path(&a, &o), central_path(&b, &o));
    for seed in 0..10 {
        assert_eq!(
            sample_path(&a, &o, &mut Pcg64::new(seed, 2)),
            sample_path(&b, &o, &mut Pcg64::new(seed, 2))
        );
    }
    // A later month makes 2027 a blend of the two settings.
    let c = chipcast::scenario::load_text("c.ron", &text("month: 7,"), None).unwrap();
    let (pa, pc) = (central_path(&a, &o), central_path(&c, &o));
    let yi = (2027 - a.first_year) as usize;
    let before = pa.get(LeverId::ImportBlock, yi - 1);
    assert_eq!(before, 1.0, "the baseline's customs block");
    assert_eq!(pc.get(LeverId::ImportBlock, yi), 0.5);
    assert_eq!(pc.get(LeverId::ImportBlock, yi + 1), 0.0);
}

#[test]
fn month_one_is_the_whole_year() {
    let o = Overrides::default();
    for id in [
        LeverId::RevenueShare,
        LeverId::ImportBlock,
        LeverId::ChipExports,
    ] {
        let v = Dist::Fixed(if id == LeverId::RevenueShare {
            0.3
        } else {
            1.0
        });
        let mut whole = with_change(1, id, v);
        assert_eq!(
            central_path(&whole, &o),
            central_path(&with_change(1, id, v), &o)
        );
        // The same as a file without months: the month-1 path holds the value exactly.
        whole.schedule[0].month = 1;
        let p = central_path(&whole, &o);
        assert_eq!(p.get(id, 2).to_bits(), v.central().to_bits());
    }
    // Sampled too: a drawn value from month 1 is the value drawn, every row.
    let d = Dist::Uniform {
        low: 0.1,
        high: 0.4,
    };
    let s = with_change(1, LeverId::RevenueShare, d);
    for seed in 0..20 {
        let p = sample_path(&s, &o, &mut Pcg64::new(seed, 1));
        let v = p.get(LeverId::RevenueShare, 2);
        assert!((0.1..=0.4).contains(&v));
        for yi in 3..p.years() {
            assert_eq!(p.get(LeverId::RevenueShare, yi).to_bits(), v.to_bits());
        }
    }
}

#[test]
fn a_december_change_is_a_twelfth_of_its_year() {
    let o = Overrides::default();
    let old = Scenario::defaults("x").levers[LeverId::RevenueShare as usize].central();
    let new = 0.3;
    let s = with_change(12, LeverId::RevenueShare, Dist::Fixed(new));
    let p = central_path(&s, &o);
    let want = (11.0 * old + new) / 12.0;
    assert!((p.get(LeverId::RevenueShare, 2) - want).abs() < 1e-15);
    assert_eq!(p.get(LeverId::RevenueShare, 1), old);
    assert_eq!(p.get(LeverId::RevenueShare, 3), new);
    // A bool switched on from October reads a quarter in its year, then 1.
    let mut s = with_change(10, LeverId::ImportBlock, Dist::Fixed(1.0));
    s.levers[LeverId::ImportBlock as usize] = Dist::Fixed(0.0);
    let p = central_path(&s, &o);
    assert_eq!(p.get(LeverId::ImportBlock, 2), 0.25);
    assert_eq!(p.get(LeverId::ImportBlock, 3), 1.0);
    // Two changes in one year: Jan-Mar old, Apr-Aug 0.2, Sep-Dec 0.4.
    let mut s = with_change(4, LeverId::RevenueShare, Dist::Fixed(0.2));
    s.schedule.push(PolicyChange {
        year: 2026,
        month: 9,
        label: "again".into(),
        set: vec![(LeverId::RevenueShare, Dist::Fixed(0.4))],
    });
    let p = central_path(&s, &o);
    let want = (3.0 * old + 5.0 * 0.2 + 4.0 * 0.4) / 12.0;
    assert!((p.get(LeverId::RevenueShare, 2) - want).abs() < 1e-15);
    assert_eq!(p.get(LeverId::RevenueShare, 3), 0.4);
}

/// A flow linear in a number lever: the US government's revenue share (revenue × share)
/// moves by the months' share of the whole-year change when nothing else moves.
#[test]
fn a_linear_flow_moves_by_the_months_in_force() {
    let o = Overrides::default();
    let mut base = Scenario::defaults("x");
    // Licensed sales that China buys, so there is revenue to share.
    base.levers[LeverId::ChipExports as usize] = Dist::Fixed(2.0);
    base.levers[LeverId::ImportBlock as usize] = Dist::Fixed(0.0);
    base.levers[LeverId::RevenueShare as usize] = Dist::Fixed(0.1);
    let share = |month: Option<u8>| {
        let mut s = base.clone();
        if let Some(m) = month {
            s.schedule.push(PolicyChange {
                year: 2026,
                month: m,
                label: "share".into(),
                set: vec![(LeverId::RevenueShare, Dist::Fixed(0.4))],
            });
        }
        let r = project(&central_path(&s, &o));
        r.series(MetricId::UsRevenueShare)[2]
    };
    let (none, whole, dec) = (share(None), share(Some(1)), share(Some(12)));
    assert!(whole > none, "{whole} > {none}");
    let full = whole - none;
    let twelfth = dec - none;
    assert!(
        (twelfth - full / 12.0).abs() <= 1e-9 * full.abs().max(1.0),
        "December moves {twelfth}, a twelfth of {full} is {}",
        full / 12.0
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// `LEVER=VALUE@YEAR` on a bundled scenario: every year before YEAR is bit for bit the
    /// scenario's own, in the central run and in the Monte Carlo bands.
    #[test]
    fn an_override_from_a_year_keeps_history(
        which in 0..BUNDLED.len(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        dy in 1..=8_i32,
        seed in any::<u64>(),
    ) {
        let s = chipcast::scenario::bundled(BUNDLED[which]).unwrap();
        let year = (s.first_year + dy).min(s.last_year);
        let plain = Overrides::default();
        let mut from = Overrides::default();
        from.set_from(id, Dist::Fixed(lever_value(id, u)), year);

        let (ca, cb) = (project(&central_path(&s, &plain)), project(&central_path(&s, &from)));
        let (ma, mb) = (simulate(&s, &plain, 200, seed), simulate(&s, &from, 200, seed));
        for (yi, y) in s.years().enumerate().take_while(|&(_, y)| y < year) {
            for &m in MetricId::ALL {
                prop_assert_eq!(ca.series(m)[yi].to_bits(), cb.series(m)[yi].to_bits(),
                    "central {} in {} with {}@{}", m.key(), y, id.key(), year);
                let (a, b) = (ma.band(m), mb.band(m));
                for (x, z) in [(&a.p10, &b.p10), (&a.p50, &b.p50), (&a.p90, &b.p90)] {
                    prop_assert_eq!(x[yi].to_bits(), z[yi].to_bits(),
                        "band of {} in {} with {}@{}", m.key(), y, id.key(), year);
                }
            }
        }
    }

    /// The same with a drawn override value, on sampled lever paths: the draws of the years
    /// before the start (values and policy switches) do not move.
    #[test]
    fn a_drawn_override_from_a_year_keeps_the_sampled_history(
        which in 0..BUNDLED.len(),
        id in lever_id(),
        dy in 1..=8_i32,
        seed in any::<u64>(),
    ) {
        let s = chipcast::scenario::bundled(BUNDLED[which]).unwrap();
        let year = (s.first_year + dy).min(s.last_year);
        let (lo, hi) = id.lever().kind.range();
        let mut from = Overrides::default();
        from.set_from(id, Dist::Uniform { low: lo, high: hi }, year);
        let a = sample_path(&s, &Overrides::default(), &mut Pcg64::new(u128::from(seed), 5));
        let b = sample_path(&s, &from, &mut Pcg64::new(u128::from(seed), 5));
        for yi in 0..(year - s.first_year) as usize {
            for l in 0..LEVER_COUNT {
                prop_assert_eq!(a.values[yi][l].to_bits(), b.values[yi][l].to_bits(),
                    "lever {} in row {} with {}@{}", l, yi, id.key(), year);
            }
        }
    }
}

/// `s` with `id`'s dated changes from `year` on removed and, if `month` is given, a change of
/// `id` to `value` from that month of `year`, placed after every entry dated at or before it
/// (so the schedule stays in (year, month) order and the new entry wins within its month).
fn dated(s: &Scenario, id: LeverId, value: f64, year: i32, month: Option<u8>) -> Scenario {
    let mut s = s.clone();
    for c in &mut s.schedule {
        if c.year >= year {
            c.set.retain(|(l, _)| *l != id);
        }
    }
    s.schedule.retain(|c| !c.set.is_empty());
    if let Some(month) = month {
        let at = s
            .schedule
            .iter()
            .position(|c| (c.year, c.month) > (year, month))
            .unwrap_or(s.schedule.len());
        s.schedule.insert(
            at,
            PolicyChange {
                year,
                month,
                label: "property".into(),
                set: vec![(id, Dist::Fixed(value))],
            },
        );
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A change dated month 1 is a change from the start of its year: on any bundled scenario,
    /// for any lever and value, a month-1 schedule entry gives bit for bit the lever path and
    /// the projection that an override from that year gives (the override's own path, which
    /// starts in January and knows nothing of months).
    #[test]
    fn month_one_is_the_start_of_its_year(
        which in 0..BUNDLED.len(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        dy in 1..=8_i32,
    ) {
        let base = chipcast::scenario::bundled(BUNDLED[which]).unwrap();
        let year = (base.first_year + dy).min(base.last_year);
        let v = lever_value(id, u);
        let scheduled = dated(&base, id, v, year, Some(1));
        let plain = dated(&base, id, v, year, None);
        let mut from = Overrides::default();
        from.set_from(id, Dist::Fixed(v), year);
        let (a, b) = (
            central_path(&scheduled, &Overrides::default()),
            central_path(&plain, &from),
        );
        prop_assert_eq!(&a, &b, "{}={} from January {}", id.key(), v, year);
        let (pa, pb) = (project(&a), project(&b));
        for &m in MetricId::ALL {
            for (x, y) in pa.series(m).iter().zip(pb.series(m)) {
                prop_assert_eq!(x.to_bits(), y.to_bits(), "{} with {}", m.key(), id.key());
            }
        }
    }

    /// A change dated month 12 is a twelfth of its year: the lever's value in that year is
    /// `(11 × old + new) / 12` for any lever (a bool or choice is weighted the same way), the
    /// years before are untouched and the years after take the new value. A flow linear in the
    /// lever (the US government's revenue share) moves by a twelfth of what a change from
    /// January moves it.
    #[test]
    fn month_twelve_is_a_twelfth_of_its_year(
        which in 0..BUNDLED.len(),
        id in lever_id(),
        u in 0.0..=1.0_f64,
        share in 0.0..=0.5_f64,
        dy in 1..=8_i32,
    ) {
        let base = chipcast::scenario::bundled(BUNDLED[which]).unwrap();
        let year = (base.first_year + dy).min(base.last_year);
        let yi = (year - base.first_year) as usize;
        let v = lever_value(id, u);
        let o = Overrides::default();
        let none = central_path(&dated(&base, id, v, year, None), &o);
        let whole = central_path(&dated(&base, id, v, year, Some(1)), &o);
        let december = central_path(&dated(&base, id, v, year, Some(12)), &o);
        let (old, new) = (none.get(id, yi), whole.get(id, yi));
        let want = (11.0 * old + new) / 12.0;
        let got = december.get(id, yi);
        prop_assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{} in {}: {} against (11 × {} + {}) / 12", id.key(), year, got, old, new);
        for r in 0..none.years() {
            if r < yi {
                prop_assert_eq!(december.get(id, r).to_bits(), none.get(id, r).to_bits());
            } else if r > yi {
                prop_assert_eq!(december.get(id, r).to_bits(), whole.get(id, r).to_bits());
            }
        }

        // The linear flow: licensed sales do not depend on the share, so the government's take
        // is revenue × the year's mean share.
        let id = LeverId::RevenueShare;
        let flow = |month: Option<u8>| {
            let run = project(&central_path(&dated(&base, id, share, year, month), &o));
            run.series(MetricId::UsRevenueShare)[yi]
        };
        let (none, whole, december) = (flow(None), flow(Some(1)), flow(Some(12)));
        let full = whole - none;
        prop_assert!(((december - none) - full / 12.0).abs() <= 1e-9 * none.abs().max(whole.abs()).max(1.0),
            "December moves {} where a twelfth of {} is {}", december - none, full, full / 12.0);
    }
}
