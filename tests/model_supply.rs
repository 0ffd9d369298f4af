//! The supply side's properties over random scenarios (docs/model.md, "Supply-side
//! invariants"): more capacity, yield, memory or packaging never lowers output; yield never
//! falls without a servicing ban; output never dips from one year to the next while every
//! input grows and the product mix holds still.
//!
//! Levers are held constant over time here: a dated change in, say, the packaging loss changes
//! how many units a stock makes, so drawing it earlier could be worth less.

mod common;

use common::lever_value;

use chipcast::model::levers::{LEVER_COUNT, LeverId};
use chipcast::model::metrics::MetricId;
use chipcast::model::path::LeverPath;
use chipcast::model::products::{PRODUCT_COUNT, VENDOR_COUNT, mix};
use chipcast::model::project::{Constraint, Run, project};
use proptest::prelude::*;

/// A path from 2024 (the model's anchor) to `last`, every lever constant at a random value.
fn constant_path() -> impl Strategy<Value = LeverPath> {
    (
        2024..=2040_i32,
        prop::collection::vec(0.0..=1.0_f64, LEVER_COUNT),
    )
        .prop_map(|(last, us)| {
            let row: [f64; LEVER_COUNT] =
                std::array::from_fn(|i| lever_value(LeverId::ALL[i], us[i]));
            LeverPath {
                first_year: 2024,
                values: vec![row; (last - 2024 + 1) as usize],
            }
        })
}

fn with(path: &LeverPath, id: LeverId, v: f64) -> LeverPath {
    let mut p = path.clone();
    for row in &mut p.values {
        row[id as usize] = v;
    }
    p
}

fn cumulative(run: &Run) -> Vec<f64> {
    run.series(MetricId::Domestic)
        .iter()
        .scan(0.0, |acc, &v| {
            *acc += v;
            Some(*acc)
        })
        .collect()
}

/// The inputs the supply side turns into units: capacity, yield, memory and packaging.
const SUPPLY_INPUTS: &[LeverId] = &[
    LeverId::Capacity2024,
    LeverId::StateInvestment,
    LeverId::AiWaferShare,
    LeverId::Yield2024,
    LeverId::YieldLearning,
    LeverId::YieldCeiling,
    LeverId::HbmStockpile,
    LeverId::HbmDomesticGrowth,
    LeverId::HuaweiHbm,
    LeverId::GreyHbm,
    LeverId::PackagingCapacity2024,
    LeverId::PackagingGrowth,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// More of any input never lowers output, counted from 2024 (stocks drawn earlier are
    /// not drawn later), wherever buyers take what is made: a demand cut moves which
    /// vendor's inventory is drawn and is a property of demand, not supply.
    #[test]
    fn more_capacity_yield_memory_or_packaging_never_lowers_output(
        path in constant_path(),
        which in 0..SUPPLY_INPUTS.len(),
        a in 0.0..=1.0_f64,
        b in 0.0..=1.0_f64,
    ) {
        let id = SUPPLY_INPUTS[which];
        let (x, y) = (lever_value(id, a), lever_value(id, b));
        let (lo, hi) = (x.min(y), x.max(y));
        let low = project(&with(&path, id, lo));
        let high = project(&with(&path, id, hi));
        let buyers = |r: &Run| r.binding.contains(&Constraint::Demand);
        prop_assume!(!buyers(&low) && !buyers(&high));
        for (yi, (l, h)) in cumulative(&low).iter().zip(cumulative(&high)).enumerate() {
            prop_assert!(
                h >= l - 1e-9 * l.abs() - 1e-6,
                "{} {} -> {} lowered output to {} in {}: {} -> {}",
                id.key(), lo, hi, MetricId::Domestic.key(), 2024 + yi as i32, l, h
            );
        }
    }

    /// Yield on either node never falls while installed tools are serviced and the tool
    /// levers hold.
    #[test]
    fn yield_never_falls_without_a_servicing_ban(path in constant_path()) {
        let run = project(&with(&path, LeverId::ServicingBan, 0.0));
        for m in [MetricId::DieYield, MetricId::DieYieldN3] {
            for pair in run.series(m).windows(2) {
                prop_assert!(pair[1] >= pair[0] - 1e-12, "{} fell: {:?}", m.key(), pair);
            }
        }
    }

    /// While every input grows (capacity, both yields, HBM on hand, packaging, demand left
    /// for domestic chips) and no product is ramping (the mix of every vendor's lines holds),
    /// output never dips. Output can fall across a product transition: a line that needs more
    /// stacks or dies a unit makes fewer units from the same inputs, though more compute.
    #[test]
    fn output_never_dips_while_every_input_grows(path in constant_path()) {
        // No die bank: a bank that runs out is an input that falls.
        let path = with(&with(&path, LeverId::ServicingBan, 0.0), LeverId::DieBank, 0.0);
        let run = project(&path);
        let delay = path.values[0][LeverId::RoadmapDelay as usize];
        let grows = |m: MetricId, yi: usize| run.series(m)[yi + 1] >= run.series(m)[yi];
        for yi in 0..run.years.saturating_sub(1) {
            let year = run.first_year + yi as i32;
            let (m0, m1): ([f64; PRODUCT_COUNT], [f64; PRODUCT_COUNT]) =
                (mix(year, delay), mix(year + 1, delay));
            let mix_holds = m0.iter().zip(&m1).all(|(a, b)| (a - b).abs() < 1e-12);
            let inputs_grow = [
                MetricId::AiWafers,
                MetricId::DieYield,
                MetricId::DieYieldN3,
                MetricId::HbmSupply,
                MetricId::PackagingCapacity,
            ]
            .iter()
            .all(|&m| grows(m, yi))
                && (0..VENDOR_COUNT)
                    .all(|v| run.hbm_available[yi + 1][v] >= run.hbm_available[yi][v]);
            // HBM is checked per vendor, since a vendor's stacks serve only its own lines.
            // Buyers are counted in dollars: where the market binds, units follow the market
            // divided by the average price of what is made, which moves as vendors' HBM moves,
            // so those years are a property of demand, not supply, and are left out.
            let buyers_bind = [yi, yi + 1].iter().any(|&y| run.binding[y] == Constraint::Demand);
            if mix_holds && inputs_grow && !buyers_bind {
                let s = run.series(MetricId::Domestic);
                prop_assert!(
                    s[yi + 1] >= s[yi] * (1.0 - 1e-9) - 1e-6,
                    "output dipped from {} to {} between {} and {}",
                    s[yi], s[yi + 1], year, year + 1
                );
            }
        }
    }
}

/// The no-dip property is not vacuous: on the bundled baseline held at its 2032 levers, the
/// mix holds from 2030 and every input grows, so those years are checked.
#[test]
fn the_no_dip_property_reaches_real_years() {
    let s = chipcast::scenario::bundled("baseline").unwrap();
    let path = chipcast::model::path::central_path(&s, &Default::default());
    let last = *path.values.last().unwrap();
    let held = LeverPath {
        first_year: 2024,
        values: vec![last; 2040 - 2024 + 1],
    };
    let run = project(&held);
    let (a, b): ([f64; PRODUCT_COUNT], [f64; PRODUCT_COUNT]) = (mix(2031, 0.0), mix(2032, 0.0));
    assert_eq!(a, b, "the mix should hold after the 970 ramps");
    let s = run.series(MetricId::Domestic);
    for yi in (2031 - 2024)..s.len() - 1 {
        assert!(
            s[yi + 1] >= s[yi],
            "{} -> {} in {}",
            s[yi],
            s[yi + 1],
            2024 + yi
        );
    }
}
