//! Explain a number: the chain of factors behind one metric in one year of a central run (with
//! the binding input per product and each input's slack), and the waterfall that splits a
//! difference between two lever paths among the levers that differ (Shapley values).
//!
//! Pure: the chains are read off a run of the same path and the lever values, following the
//! equations of docs/model.md ("Explaining a number"); the waterfall runs the model on
//! mixtures of the two paths. Randomness (only past [`EXACT_MAX`] changed levers) comes from
//! the seed given.

use super::hubs::HUBS;
use super::lanes::Num;
use super::levers::{LEVER_COUNT, LeverId};
use super::metrics::MetricId;
use super::path::LeverPath;
use super::products::{self, PRODUCTS, ProductId, VENDORS, VendorGroup};
use super::project::params::*;
use super::project::{Constraint, INPUT_COUNT, Run, ScarceInput, project, project_into};

/// How a factor combines with what the factors before it give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// The first factor: the chain starts from its value.
    Start,
    /// Multiplied in.
    Times,
    /// Divided into (a division by 0 gives 0, as the model's ratios do).
    Over,
    /// Added.
    Plus,
    /// Subtracted.
    Minus,
    /// The smaller of the two.
    Min,
    /// The larger of the two (a floor).
    Max,
}

impl Op {
    /// The operator as printed before the factor ("" for the start).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Start => "",
            Op::Times => "×",
            Op::Over => "÷",
            Op::Plus => "+",
            Op::Minus => "−",
            Op::Min => "min",
            Op::Max => "max",
        }
    }

    /// `acc` combined with `x`.
    pub fn apply(self, acc: f64, x: f64) -> f64 {
        match self {
            Op::Start => x,
            Op::Times => acc * x,
            Op::Over => {
                if x == 0.0 {
                    0.0
                } else {
                    acc / x
                }
            }
            Op::Plus => acc + x,
            Op::Minus => acc - x,
            Op::Min => acc.min(x),
            Op::Max => acc.max(x),
        }
    }
}

/// One named factor of a chain, with its value and unit; `parts` (when not empty) is the
/// chain that gives its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    /// What it is, with the lever's id where it is a lever ("AI wafer share (ai_wafer_share)").
    pub name: String,
    /// Its value in the year, in `unit`.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// How it combines with the factors before it.
    pub op: Op,
    /// The chain that gives `value`, when it is worth showing.
    pub parts: Vec<Factor>,
}

impl Factor {
    fn new(op: Op, name: impl Into<String>, value: f64, unit: &'static str) -> Factor {
        Factor {
            name: name.into(),
            value,
            unit,
            op,
            parts: Vec::new(),
        }
    }

    fn with(mut self, parts: Vec<Factor>) -> Factor {
        self.parts = parts;
        self
    }
}

/// What a chain of factors gives, applied left to right.
pub fn combine(factors: &[Factor]) -> f64 {
    factors.iter().fold(0.0, |acc, f| f.op.apply(acc, f.value))
}

/// One product in production: its units and the input that binds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProductLine {
    /// The product.
    pub product: ProductId,
    /// Units made in the year (units/yr).
    pub units: f64,
    /// The input that binds its output.
    pub binding: Constraint,
}

/// One metric in one year of a central run, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The metric explained.
    pub metric: MetricId,
    /// The year.
    pub year: i32,
    /// Its central value in the year.
    pub value: f64,
    /// The factors whose combination (left to right) is `value`; empty for a metric without a
    /// chain (a state carried between years, see `note`).
    pub factors: Vec<Factor>,
    /// What the chain is, or why there is none, in a sentence.
    pub note: &'static str,
    /// Every product in production in the year, with its binding input.
    pub products: Vec<ProductLine>,
    /// Each scarce input's slack, the share left unused, indexed by `ScarceInput as usize`.
    pub slack: [f64; INPUT_COUNT],
    /// The constraint that binds the most domestic units.
    pub binding: Constraint,
}

impl Explanation {
    /// Each scarce input with its slack.
    pub fn slacks(&self) -> impl Iterator<Item = (ScarceInput, f64)> + '_ {
        ScarceInput::ALL
            .iter()
            .map(|&i| (i, self.slack[i as usize]))
    }
}

/// The path with rows for every year from 2024 (or its first year, if earlier) to its last:
/// years before the first take the first year's values, which is what the model does on its
/// own, so every year of the path projects exactly as before and the year before any year
/// after 2024 is in the run.
fn from_anchor(path: &LeverPath) -> LeverPath {
    let first = path.first_year.min(ANCHOR_YEAR);
    let mut values = vec![path.values[0]; (path.first_year - first) as usize];
    values.extend_from_slice(&path.values);
    LeverPath {
        first_year: first,
        values,
    }
}

/// What the chains read: a run from the anchor year on and its lever rows.
struct Ctx {
    path: LeverPath,
    run: Run,
    year: i32,
}

impl Ctx {
    fn m(&self, metric: MetricId, year: i32) -> f64 {
        self.run.get(metric, year).unwrap_or(0.0)
    }
    fn now(&self, metric: MetricId) -> f64 {
        self.m(metric, self.year)
    }
    /// A lever's value in a year, read as the model reads it (clamped to the path).
    fn lever_in(&self, id: LeverId, year: i32) -> f64 {
        let last = self.path.values.len() as i32 - 1;
        let yi = (year - self.path.first_year).clamp(0, last) as usize;
        self.path.values[yi][id as usize]
    }
    fn lever(&self, id: LeverId) -> f64 {
        self.lever_in(id, self.year)
    }
    fn anchor(&self, id: LeverId) -> f64 {
        self.lever_in(id, ANCHOR_YEAR)
    }
    fn since(&self) -> i32 {
        self.year - ANCHOR_YEAR
    }
}

fn lever_factor(op: Op, label: &str, id: LeverId, value: f64, unit: &'static str) -> Factor {
    Factor::new(op, format!("{label} ({})", id.key()), value, unit)
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

/// Explains `metric` in `year` of the central run of `path`: the factor chain, each product's
/// binding input and each input's slack. `None` when `year` is outside the path.
pub fn explain(path: &LeverPath, metric: MetricId, year: i32) -> Option<Explanation> {
    if path.values.is_empty() || year < path.first_year || year > path.last_year() {
        return None;
    }
    let path = from_anchor(path);
    let run = project(&path);
    let ctx = Ctx { path, run, year };
    let value = ctx.now(metric);
    let (factors, note) = chain(&ctx, metric);
    let products = PRODUCTS
        .iter()
        .filter_map(|p| {
            let binding = ctx.run.product_binding(p.id, year)?;
            let yi = (year - ctx.run.first_year) as usize;
            Some(ProductLine {
                product: p.id,
                units: ctx.run.product_series(p.id)[yi],
                binding,
            })
        })
        .collect();
    let slack = ScarceInput::ALL.map(|i| ctx.run.slack_in(i, year).unwrap_or(0.0));
    Some(Explanation {
        metric,
        year,
        value,
        factors,
        note,
        products,
        slack,
        binding: ctx.run.binding_in(year).unwrap_or(Constraint::Demand),
    })
}

/// Whether `metric` has a factor chain (the others are states carried between years).
pub fn has_chain(metric: MetricId) -> bool {
    !NO_CHAIN.contains(&metric)
}

const NO_CHAIN: &[MetricId] = &[
    MetricId::DieYield,
    MetricId::DieYieldN3,
    MetricId::DieBankRemaining,
    MetricId::HbmStockRemaining,
    MetricId::HbmSupply,
    MetricId::HbmDomestic,
    MetricId::HuaweiNewDies,
    MetricId::DivertedSpending,
    MetricId::EffectiveComputeGap,
    MetricId::OffshoreCompute,
];

fn chain(ctx: &Ctx, metric: MetricId) -> (Vec<Factor>, &'static str) {
    use MetricId as M;
    let u = metric.metric().unit;
    let since = ctx.since();
    match metric {
        M::AdvancedCapacity => (capacity(ctx), "end-of-year capacity (section 3.1)"),
        M::AiWafers => (
            vec![
                Factor::new(
                    Op::Start,
                    "capacity, year average",
                    0.5 * (capacity_before(ctx) + ctx.now(M::AdvancedCapacity)),
                    "wpm",
                )
                .with(vec![
                    Factor::new(
                        Op::Start,
                        "capacity at the end of last year",
                        capacity_before(ctx),
                        "wpm",
                    ),
                    Factor::new(
                        Op::Plus,
                        "capacity at the end of the year",
                        ctx.now(M::AdvancedCapacity),
                        "wpm",
                    ),
                    Factor::new(Op::Times, "half", 0.5, "x"),
                ]),
                lever_factor(
                    Op::Times,
                    "AI wafer share",
                    LeverId::AiWaferShare,
                    ctx.lever(LeverId::AiWaferShare),
                    "fraction",
                ),
            ],
            "average capacity times the share of it making AI dies (section 3.1)",
        ),
        M::Domestic => (domestic(ctx, metric, None), DOMESTIC_NOTE),
        M::DomesticHuawei => (
            domestic(ctx, metric, Some(VendorGroup::Huawei)),
            DOMESTIC_NOTE,
        ),
        M::DomesticCambricon => (
            domestic(ctx, metric, Some(VendorGroup::Cambricon)),
            DOMESTIC_NOTE,
        ),
        M::DomesticOther => (
            domestic(ctx, metric, Some(VendorGroup::Other)),
            DOMESTIC_NOTE,
        ),
        M::DomesticCompute => {
            let units = ctx.now(M::Domestic);
            let hw = units_weighted(ctx, |p| p.h100e);
            (
                vec![
                    Factor::new(Op::Start, "domestic accelerators", units, "units/yr"),
                    Factor::new(
                        Op::Times,
                        "H100e per unit (mean over products, by units)",
                        ratio(hw, units),
                        "H100e/unit",
                    ),
                    lever_factor(
                        Op::Times,
                        "H100e factor",
                        LeverId::H100eFactor,
                        ctx.lever(LeverId::H100eFactor),
                        "x",
                    ),
                ],
                "units times their compute (sections 3.9, 3.13)",
            )
        }
        M::DomesticSales => {
            let units = ctx.now(M::Domestic);
            let usd = units_weighted(ctx, |p| p.price_usd);
            (
                vec![
                    Factor::new(Op::Start, "domestic accelerators", units, "units/yr"),
                    Factor::new(
                        Op::Times,
                        "price per unit (mean over products, by units)",
                        ratio(usd, units),
                        "$/unit",
                    ),
                    lever_factor(
                        Op::Times,
                        "domestic price factor",
                        LeverId::DomesticPriceFactor,
                        ctx.lever(LeverId::DomesticPriceFactor),
                        "x",
                    ),
                    Factor::new(Op::Times, "$ to $bn", 1e-9, "$bn/$"),
                ],
                "units after buyers times their price (section 3.7)",
            )
        }
        M::HuaweiDiesUsed => {
            let units = ctx.now(M::DomesticHuawei);
            let dies = units_weighted_in(ctx, Some(VendorGroup::Huawei), |p| p.dies);
            (
                vec![
                    Factor::new(Op::Start, "Huawei accelerators", units, "units/yr"),
                    Factor::new(
                        Op::Times,
                        "logic dies per unit (mean, by units)",
                        ratio(dies, units),
                        "dies/unit",
                    ),
                    lever_factor(
                        Op::Over,
                        "packages surviving packaging, 1 − loss",
                        LeverId::PackagingLoss,
                        1.0 - ctx.lever(LeverId::PackagingLoss),
                        "fraction",
                    ),
                ],
                "dies consumed, packaging losses included (section 3.9)",
            )
        }
        M::ChinaSpending => (
            grown(
                ctx,
                metric,
                ("market in 2024", LeverId::Market2024),
                LeverId::DemandGrowth,
                Backcast::Divide(1.0 + DEMAND_BACKCAST_GROWTH),
            ),
            "the market grows by demand_growth a year (section 3.7)",
        ),
        M::PackagingCapacity => (
            grown(
                ctx,
                metric,
                ("packaging capacity in 2024", LeverId::PackagingCapacity2024),
                LeverId::PackagingGrowth,
                Backcast::Times(PACKAGING_BACKCAST),
            ),
            "packaging grows by packaging_growth a year (section 3.6)",
        ),
        M::UsComputeStock => (
            grown(
                ctx,
                metric,
                ("US installed compute in 2024", LeverId::UsStock2024),
                LeverId::UsComputeGrowth,
                Backcast::Divide(1.0 + US_BACKCAST_GROWTH),
            ),
            "US installed compute grows by us_compute_growth a year (section 3.13)",
        ),
        M::ChinaComputeStock => (
            china_stock(ctx),
            "the stock depreciates and adds the year's compute (section 3.13)",
        ),
        M::UsVendorRevenue => (
            revenue(ctx),
            "the licensed cap's value, or what Beijing takes of the room domestic supply leaves, whichever is less (section 3.12)",
        ),
        M::Imported | M::ImportedCompute => {
            let l = licence(ctx);
            let taken = ratio(ctx.now(M::UsVendorRevenue), l.usd);
            let mut f = vec![
                Factor::new(Op::Start, "licensed cap", l.units, "units/yr"),
                Factor::new(
                    Op::Times,
                    "share of the cap's value taken (revenue ÷ cap value)",
                    taken,
                    "fraction",
                ),
            ];
            if metric == M::ImportedCompute {
                f.push(Factor::new(
                    Op::Times,
                    "H100e per licensed unit",
                    ratio(l.h100e, l.units),
                    "H100e/unit",
                ));
            }
            (
                f,
                "the licensed cap times the share of it Beijing takes (section 3.12)",
            )
        }
        M::UsRevenueShare => (
            vec![
                Factor::new(
                    Op::Start,
                    "US vendors' revenue",
                    ctx.now(M::UsVendorRevenue),
                    "$bn/yr",
                ),
                lever_factor(
                    Op::Times,
                    "revenue share",
                    LeverId::RevenueShare,
                    ctx.lever(LeverId::RevenueShare),
                    "fraction",
                ),
            ],
            "the government's share of the licensed revenue (section 3.7)",
        ),
        M::Diverted | M::DivertedCompute => {
            let generation = (1.0 + DIVERTED_PERF_GROWTH).powi(since);
            let decline = 1.0 - ctx.lever(LeverId::PriceDecline);
            let price = DIVERTED_PRICE_2024 * generation * decline.pow_int(since.max(0));
            let mut f = vec![
                Factor::new(
                    Op::Start,
                    "diverted spending",
                    ctx.now(M::DivertedSpending),
                    "$bn/yr",
                ),
                Factor::new(Op::Times, "$bn to $", 1e9, "$/$bn"),
                Factor::new(Op::Over, "price of a smuggled unit", price, "$/unit").with(vec![
                    Factor::new(
                        Op::Start,
                        "price in 2024 (with the smuggling premium)",
                        DIVERTED_PRICE_2024,
                        "$/unit",
                    ),
                    Factor::new(
                        Op::Times,
                        "newer generation, 1.3 a year from 2024",
                        generation,
                        "x",
                    ),
                    Factor::new(
                        Op::Times,
                        "price decline from 2024 (price_decline)",
                        decline.pow_int(since.max(0)),
                        "x",
                    ),
                ]),
            ];
            if metric == M::DivertedCompute {
                f.push(Factor::new(
                    Op::Times,
                    "H100e per smuggled unit",
                    DIVERTED_PERF_2024 * generation,
                    "H100e/unit",
                ));
            }
            (
                f,
                "the dollars smuggled divided by a smuggled unit's price (section 3.12)",
            )
        }
        M::HubMalaysia | M::HubSingapore | M::HubIndia | M::HubOther => {
            let us = ctx.lever(LeverId::HubEnforcement);
            let weights: Vec<f64> = HUBS
                .iter()
                .map(|h| {
                    let e = 1.0 - (1.0 - us) * (1.0 - ctx.lever(h.lever));
                    h.base_share * (1.0 - ROUTE_SHIFT * e)
                })
                .collect();
            let total: f64 = weights.iter().sum();
            let w = HUBS
                .iter()
                .zip(&weights)
                .find(|(h, _)| h.metric == metric)
                .map_or(0.0, |(_, &w)| w);
            (
                vec![
                    Factor::new(
                        Op::Start,
                        "diverted accelerators",
                        ctx.now(M::Diverted),
                        "units/yr",
                    ),
                    Factor::new(
                        Op::Times,
                        "the route's share (its weight ÷ all weights)",
                        ratio(w, total.max(1e-12)),
                        "fraction",
                    ),
                ],
                "diverted units split by route weights, lower where enforcement is stricter (section 3.12)",
            )
        }
        M::TotalAccelerators => (
            vec![
                Factor::new(Op::Start, "domestic", ctx.now(M::Domestic), u),
                Factor::new(Op::Plus, "licensed imports", ctx.now(M::Imported), u),
                Factor::new(Op::Plus, "diverted", ctx.now(M::Diverted), u),
            ],
            "the three sources of accelerators",
        ),
        M::TotalCompute => (
            vec![
                Factor::new(
                    Op::Start,
                    "domestic compute",
                    ctx.now(M::DomesticCompute),
                    u,
                ),
                Factor::new(Op::Plus, "imported compute", ctx.now(M::ImportedCompute), u),
                Factor::new(Op::Plus, "diverted compute", ctx.now(M::DivertedCompute), u),
            ],
            "the three sources of compute (section 3.13)",
        ),
        M::SelfReliance => share(ctx, M::DomesticCompute, M::TotalCompute, "H100e/yr"),
        M::DomesticShareUnits => share(ctx, M::Domestic, M::TotalAccelerators, "units/yr"),
        M::DivertedComputeShare => share(ctx, M::DivertedCompute, M::TotalCompute, "H100e/yr"),
        M::ComputeGap => share(ctx, M::UsComputeStock, M::ChinaComputeStock, "H100e"),
        M::ChinaComputeFlops | M::UsComputeFlops => {
            let stock = if metric == M::ChinaComputeFlops {
                M::ChinaComputeStock
            } else {
                M::UsComputeStock
            };
            (
                vec![
                    Factor::new(Op::Start, stock.metric().label, ctx.now(stock), "H100e"),
                    Factor::new(
                        Op::Times,
                        "FLOP/s per H100e (dense BF16)",
                        H100_FLOPS,
                        "FLOP/s",
                    ),
                    Factor::new(Op::Times, "FLOP/s to EFLOP/s", 1e-18, "x"),
                ],
                "installed compute in H100 equivalents times an H100's throughput",
            )
        }
        M::UnservedSpending => (
            vec![
                Factor::new(Op::Start, "the market", ctx.now(M::ChinaSpending), "$bn/yr"),
                Factor::new(
                    Op::Minus,
                    "domestic sales",
                    ctx.now(M::DomesticSales),
                    "$bn/yr",
                ),
                Factor::new(
                    Op::Minus,
                    "licensed imports",
                    ctx.now(M::UsVendorRevenue),
                    "$bn/yr",
                ),
                Factor::new(Op::Max, "floor", 0.0, "$bn/yr"),
                Factor::new(
                    Op::Minus,
                    "diverted spending",
                    ctx.now(M::DivertedSpending),
                    "$bn/yr",
                ),
                Factor::new(Op::Max, "floor", 0.0, "$bn/yr"),
            ],
            "what no supply serves (section 3.12)",
        ),
        _ => (
            Vec::new(),
            "no factor chain: a state carried from year to year or a bounded curve; docs/model.md gives its equation",
        ),
    }
}

const DOMESTIC_NOTE: &str = "new dies from AI wafers, plus proxy and banked dies, give the units dies allow; the last factor is the share of that made, set by the binding input of each product below (section 3.9)";

/// A fraction `a ÷ b` of two metrics.
fn share(ctx: &Ctx, a: MetricId, b: MetricId, unit: &'static str) -> (Vec<Factor>, &'static str) {
    (
        vec![
            Factor::new(Op::Start, a.metric().label, ctx.now(a), unit),
            Factor::new(Op::Over, b.metric().label, ctx.now(b), unit),
        ],
        "a ratio of two metrics (0 when the second is 0)",
    )
}

/// Σ units × `per` over the products of `group` (every product for `None`).
fn units_weighted_in(
    ctx: &Ctx,
    group: Option<VendorGroup>,
    per: impl Fn(&products::Product) -> f64,
) -> f64 {
    let yi = (ctx.year - ctx.run.first_year) as usize;
    PRODUCTS
        .iter()
        .filter(|p| group.is_none_or(|g| VENDORS[p.vendor as usize].metric_group == g))
        .map(|p| ctx.run.product_series(p.id)[yi] * per(p))
        .sum()
}

fn units_weighted(ctx: &Ctx, per: impl Fn(&products::Product) -> f64) -> f64 {
    units_weighted_in(ctx, None, per)
}

/// End-of-year capacity in the year before `ctx.year`.
fn capacity_before(ctx: &Ctx) -> f64 {
    let prev = ctx.year - 1;
    if prev >= ctx.run.first_year {
        ctx.m(MetricId::AdvancedCapacity, prev)
    } else {
        ctx.anchor(LeverId::Capacity2024) * CAPACITY_BACKCAST.powi(ANCHOR_YEAR - prev)
    }
}

fn capacity(ctx: &Ctx) -> Vec<Factor> {
    let since = ctx.since();
    let cap_2024 = lever_factor(
        Op::Start,
        "capacity at the end of 2024",
        LeverId::Capacity2024,
        ctx.anchor(LeverId::Capacity2024),
        "wpm",
    );
    if since < 0 {
        return vec![
            cap_2024,
            Factor::new(
                Op::Times,
                "backcast, 0.6 a year before 2024",
                CAPACITY_BACKCAST.powi(-since),
                "x",
            ),
        ];
    }
    if since == 0 {
        return vec![cap_2024];
    }
    let duv = ctx.lever(LeverId::DuvControls);
    let euv = ctx.lever(LeverId::EuvAccess);
    let ban = ctx.lever(LeverId::ServicingBan);
    let invest = ctx.lever(LeverId::StateInvestment);
    let parts = vec![
        lever_factor(
            Op::Start,
            "state investment",
            LeverId::StateInvestment,
            invest,
            "$bn/yr",
        ),
        Factor::new(Op::Times, "wpm a $bn buys", WPM_PER_BN, "wpm/$bn"),
        lever_factor(
            Op::Times,
            "build-out under DUV controls",
            LeverId::DuvControls,
            duv.pick3(DUV_BUILD),
            "x",
        ),
        lever_factor(
            Op::Times,
            "build-out with EUV",
            LeverId::EuvAccess,
            euv.blend(EUV_BUILD, 1.0),
            "x",
        ),
        lever_factor(
            Op::Times,
            "build-out under a servicing ban",
            LeverId::ServicingBan,
            ban.blend(BAN_BUILD, 1.0),
            "x",
        ),
    ];
    let added = combine(&parts);
    vec![
        Factor::new(
            Op::Start,
            "capacity at the end of last year",
            capacity_before(ctx),
            "wpm",
        ),
        lever_factor(
            Op::Times,
            "share kept (a servicing ban erodes it)",
            LeverId::ServicingBan,
            ban.blend(1.0 - BAN_EROSION, 1.0),
            "fraction",
        ),
        Factor::new(Op::Plus, "capacity added", added, "wpm").with(parts),
    ]
}

/// How a stock that grows from 2024 is backcast before it.
enum Backcast {
    /// Each earlier year is the next divided by this.
    Divide(f64),
    /// Each earlier year is the next times this.
    Times(f64),
}

/// A series that starts at an anchor lever in 2024 and grows by a lever's rate after.
fn grown(
    ctx: &Ctx,
    metric: MetricId,
    anchor: (&str, LeverId),
    growth: LeverId,
    back: Backcast,
) -> Vec<Factor> {
    let unit = metric.metric().unit;
    let since = ctx.since();
    let start = lever_factor(Op::Start, anchor.0, anchor.1, ctx.anchor(anchor.1), unit);
    match since.cmp(&0) {
        std::cmp::Ordering::Less => vec![
            start,
            match back {
                Backcast::Divide(k) => Factor::new(
                    Op::Over,
                    format!("backcast, ÷ {k} a year before 2024"),
                    k.powi(-since),
                    "x",
                ),
                Backcast::Times(k) => Factor::new(
                    Op::Times,
                    format!("backcast, × {k} a year before 2024"),
                    k.powi(-since),
                    "x",
                ),
            },
        ],
        std::cmp::Ordering::Equal => vec![start],
        std::cmp::Ordering::Greater => vec![
            Factor::new(
                Op::Start,
                "last year's value",
                ctx.m(metric, ctx.year - 1),
                unit,
            ),
            lever_factor(
                Op::Times,
                "1 + growth",
                growth,
                1.0 + ctx.lever(growth),
                "x",
            ),
        ],
    }
}

fn china_stock(ctx: &Ctx) -> Vec<Factor> {
    let since = ctx.since();
    let anchor = ctx.anchor(LeverId::ChinaStock2024);
    if since < 0 {
        return vec![
            lever_factor(
                Op::Start,
                "China's installed compute in 2024",
                LeverId::ChinaStock2024,
                anchor,
                "H100e",
            ),
            Factor::new(
                Op::Over,
                "backcast, ÷ 1.5 a year before 2024",
                (1.0 + STOCK_BACKCAST_GROWTH).powi(-since - 1),
                "x",
            ),
        ];
    }
    let (prev, name) = if since == 0 {
        (
            anchor,
            format!(
                "installed compute before 2024 ({})",
                LeverId::ChinaStock2024.key()
            ),
        )
    } else {
        (
            ctx.m(MetricId::ChinaComputeStock, ctx.year - 1),
            "installed compute at the end of last year".to_string(),
        )
    };
    vec![
        Factor::new(Op::Start, name, prev, "H100e"),
        Factor::new(
            Op::Times,
            "share left after depreciation",
            1.0 - DEPRECIATION,
            "fraction",
        ),
        Factor::new(
            Op::Plus,
            "compute added in the year",
            ctx.now(MetricId::TotalCompute),
            "H100e",
        ),
    ]
}

/// The licensed cap in a year: its units, value and compute, and the factors of its value.
struct Licence {
    units: f64,
    usd: f64,
    h100e: f64,
    parts: Vec<Factor>,
}

fn licence(ctx: &Ctx) -> Licence {
    let tier = ctx.lever(LeverId::ChipExports);
    let decline = 1.0 - ctx.lever(LeverId::PriceDecline);
    let weights = [
        (1.0 - tier).clamp(0.0, 1.0),
        tier.clamp(0.0, 1.0),
        (tier - 1.0).clamp(0.0, 1.0),
    ];
    let caps = [
        0.0,
        ctx.lever(LeverId::ImportDemand2024),
        ctx.lever(LeverId::LicensedCap),
    ];
    let names = [
        "",
        "H20-class (downgraded) value",
        "H200-class (licensed) value",
    ];
    let (mut units, mut usd, mut h100e) = (0.0, 0.0, 0.0);
    let mut parts = Vec::new();
    for k in 1..3 {
        let age = (ctx.year - LICENSED_LAUNCH[k]).max(0);
        let price = LICENSED_PRICE[k] * 1e-9 * decline.pow_int(age);
        let units_k = weights[k] * caps[k];
        units += units_k;
        usd += units_k * price;
        h100e += units_k * LICENSED_H100E[k];
        let lever = if k == 1 {
            LeverId::ImportDemand2024
        } else {
            LeverId::LicensedCap
        };
        parts.push(
            Factor::new(
                if k == 1 { Op::Start } else { Op::Plus },
                names[k],
                units_k * price,
                "$bn/yr",
            )
            .with(vec![
                lever_factor(Op::Start, "cap", lever, caps[k], "units/yr"),
                lever_factor(
                    Op::Times,
                    "share of the year licensed",
                    LeverId::ChipExports,
                    weights[k],
                    "fraction",
                ),
                Factor::new(Op::Times, "price after price_decline", price, "$bn/unit"),
            ]),
        );
    }
    Licence {
        units,
        usd,
        h100e,
        parts,
    }
}

fn revenue(ctx: &Ctx) -> Vec<Factor> {
    let l = licence(ctx);
    let market = ctx.now(MetricId::ChinaSpending);
    let sales = ctx.now(MetricId::DomesticSales);
    let room_parts = vec![
        Factor::new(Op::Start, "the market", market, "$bn/yr"),
        Factor::new(Op::Minus, "domestic sales", sales, "$bn/yr"),
        Factor::new(Op::Max, "floor", 0.0, "$bn/yr"),
    ];
    let room = combine(&room_parts);
    let accept_parts = vec![
        Factor::new(Op::Start, "room domestic supply leaves", room, "$bn/yr").with(room_parts),
        lever_factor(
            Op::Times,
            "1 − import block",
            LeverId::ImportBlock,
            1.0 - ctx.lever(LeverId::ImportBlock),
            "fraction",
        ),
        lever_factor(
            Op::Times,
            "1 − domestic mandate",
            LeverId::DomesticMandate,
            1.0 - ctx.lever(LeverId::DomesticMandate),
            "fraction",
        ),
    ];
    vec![
        Factor::new(Op::Start, "value of the licensed cap", l.usd, "$bn/yr").with(l.parts),
        Factor::new(
            Op::Min,
            "what Beijing lets buyers take",
            combine(&accept_parts),
            "$bn/yr",
        )
        .with(accept_parts),
    ]
}

/// Domestic units of a vendor group (all for `None`): dies from AI wafers, proxies and the
/// bank give the units dies allow; the share made is what the binding inputs leave.
fn domestic(ctx: &Ctx, metric: MetricId, group: Option<VendorGroup>) -> Vec<Factor> {
    let year = ctx.year;
    let lv = |id| ctx.lever(id);
    let g = 1.0 - lv(LeverId::PackagingLoss);
    let mix = products::mix(year, lv(LeverId::RoadmapDelay));
    let (shares, _) = products::vendor_shares(lv(LeverId::HuaweiShare));
    let w = ctx.now(MetricId::AiWafers);
    let y = [
        ctx.now(MetricId::DieYield),
        N3_DENSITY * ctx.now(MetricId::DieYieldN3),
    ];
    let proxy_per_wpm = lv(LeverId::FoundryScreening)
        .blend(0.0, PROXY_WPM * 12.0 * GROSS_DIES_PER_WAFER * PROXY_YIELD);
    let bank = if year >= BANK_OPEN_YEAR {
        ctx.m(MetricId::DieBankRemaining, year - 1)
    } else {
        0.0
    };
    let (mut sigma, mut dies, mut units_new, mut proxy, mut banked) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for p in PRODUCTS
        .iter()
        .filter(|p| group.is_none_or(|g| VENDORS[p.vendor as usize].metric_group == g))
    {
        let share = shares[p.vendor as usize] * mix[p.id as usize];
        let new = w * share * 12.0 * GROSS_DIES_PER_WAFER * y[p.node as usize];
        sigma += share;
        dies += new;
        units_new += new * g / p.dies;
        if p.proxy {
            proxy += proxy_per_wpm * share * g / p.dies;
        }
        if p.bank {
            banked += bank * g / p.dies;
        }
    }
    let per_wafer = 12.0 * GROSS_DIES_PER_WAFER;
    let die_units = units_new + proxy + banked;
    let value = ctx.now(metric);
    vec![
        Factor::new(Op::Start, "AI wafers", w, "wpm"),
        Factor::new(
            Op::Times,
            "share to these lines (vendor share × product mix)",
            sigma,
            "fraction",
        ),
        Factor::new(
            Op::Times,
            "gross dies a wpm makes in a year (12 × 80)",
            per_wafer,
            "dies/wpm",
        ),
        Factor::new(
            Op::Times,
            "yield, by wafers (N+3 dies count 1.25)",
            ratio(dies, w * sigma * per_wafer),
            "fraction",
        ),
        Factor::new(
            Op::Times,
            "good units per die (1 − packaging_loss) ÷ dies a unit",
            ratio(units_new, dies),
            "units/die",
        ),
        Factor::new(
            Op::Plus,
            "units from proxy-made dies (foundry_screening off)",
            proxy,
            "units/yr",
        ),
        Factor::new(
            Op::Plus,
            "units the die bank allows (die_bank_dies)",
            banked,
            "units/yr",
        ),
        Factor::new(
            Op::Times,
            "share made (HBM, packaging or buyers bind; see products)",
            ratio(value, die_units),
            "fraction",
        ),
    ]
}

// ---- the waterfall --------------------------------------------------------------------------

/// Up to this many changed levers the Shapley values are exact (2^n central runs); beyond,
/// they are averaged over [`PERMUTATIONS`] seeded random orders.
pub const EXACT_MAX: usize = 12;

/// The number of random orders averaged past [`EXACT_MAX`] changed levers.
pub const PERMUTATIONS: usize = 256;

/// How a waterfall's parts were computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Exact Shapley values: every subset of the changed levers was run.
    Exact,
    /// Shapley values averaged over this many random orders from this seed; each order
    /// telescopes from the reference to the current value, so the parts still sum to the
    /// difference.
    Permutations {
        /// How many orders were averaged.
        count: usize,
        /// The seed the orders were drawn from.
        seed: u64,
    },
}

impl Method {
    /// The method in a sentence, for tables and screens.
    pub fn describe(self) -> String {
        match self {
            Method::Exact => "exact Shapley values over the changed levers".into(),
            Method::Permutations { count, seed } => {
                format!("Shapley values averaged over {count} random orders (seed {seed})")
            }
        }
    }
}

/// The difference of a metric in a year between two lever paths, split among the levers that
/// differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Waterfall {
    /// The metric in the reference path.
    pub reference: f64,
    /// The metric in the current path.
    pub current: f64,
    /// Each changed lever's part, largest in size first (ties in lever-table order); they sum
    /// to `current − reference`.
    pub parts: Vec<(LeverId, f64)>,
    /// How the parts were computed.
    pub method: Method,
}

impl Waterfall {
    /// `current − reference`.
    pub fn difference(&self) -> f64 {
        self.current - self.reference
    }

    /// The sum of the parts.
    pub fn total(&self) -> f64 {
        self.parts.iter().map(|p| p.1).sum()
    }
}

/// SplitMix64: the few lines of generator the permutations need.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Splits `metric` in `year` between `reference` and `current` among the levers whose values
/// differ in some year up to `year`, with Shapley values: each lever's part is its effect
/// averaged over the orders in which the levers can switch from the reference's values to the
/// current ones. Exact up to [`EXACT_MAX`] changed levers; beyond, averaged over
/// [`PERMUTATIONS`] orders drawn from `seed`.
///
/// Both paths are read over a common horizon from the earlier first year to `year` (a path's
/// levers before its first year are its first-year values, as the model reads them), so the
/// ends are the two paths' own values. `None` when `year` is outside either path.
pub fn waterfall(
    reference: &LeverPath,
    current: &LeverPath,
    metric: MetricId,
    year: i32,
    seed: u64,
) -> Option<Waterfall> {
    let inside =
        |p: &LeverPath| !p.values.is_empty() && year >= p.first_year && year <= p.last_year();
    if !inside(reference) || !inside(current) {
        return None;
    }
    let first = reference.first_year.min(current.first_year);
    let years = (year - first + 1) as usize;
    let row = |p: &LeverPath, y: i32| p.values[(y - p.first_year).max(0) as usize];
    let rows_a: Vec<_> = (0..years)
        .map(|i| row(reference, first + i as i32))
        .collect();
    let rows_b: Vec<_> = (0..years).map(|i| row(current, first + i as i32)).collect();
    let changed: Vec<usize> = (0..LEVER_COUNT)
        .filter(|&l| rows_a.iter().zip(&rows_b).any(|(a, b)| a[l] != b[l]))
        .collect();
    let n = changed.len();
    let mut path = LeverPath {
        first_year: first,
        values: rows_a.clone(),
    };
    let mut run = Run::empty();
    // The metric with the changed levers in `on` taken from the current path.
    let mut value_of = |on: &dyn Fn(usize) -> bool| -> f64 {
        for (yi, out) in path.values.iter_mut().enumerate() {
            *out = rows_a[yi];
            for (k, &l) in changed.iter().enumerate() {
                if on(k) {
                    out[l] = rows_b[yi][l];
                }
            }
        }
        project_into(&path, &mut run);
        run.series(metric)[years - 1]
    };
    let mut parts = vec![0.0_f64; n];
    let (reference_value, current_value, method);
    if n <= EXACT_MAX {
        let value: Vec<f64> = (0..1usize << n)
            .map(|mask| value_of(&|k| mask & (1 << k) != 0))
            .collect();
        // weight[s] = s! (n − s − 1)! / n!, the share of orders in which a lever comes
        // right after a given set of s others.
        let mut weight = vec![0.0_f64; n.max(1)];
        for (s, w) in weight.iter_mut().enumerate().take(n) {
            let mut x = 1.0 / n as f64;
            // 1 / (n · C(n − 1, s))
            for j in 0..s {
                x *= (j + 1) as f64 / (n - 1 - j) as f64;
            }
            *w = x;
        }
        for (k, part) in parts.iter_mut().enumerate() {
            let bit = 1usize << k;
            *part = (0..1usize << n)
                .filter(|mask| mask & bit == 0)
                .map(|mask| weight[mask.count_ones() as usize] * (value[mask | bit] - value[mask]))
                .sum();
        }
        reference_value = value[0];
        current_value = value[(1 << n) - 1];
        method = Method::Exact;
    } else {
        let mut state = seed;
        let mut order: Vec<usize> = (0..n).collect();
        reference_value = value_of(&|_| false);
        current_value = value_of(&|_| true);
        for _ in 0..PERMUTATIONS {
            for i in (1..n).rev() {
                let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let mut on = vec![false; n];
            let mut before = reference_value;
            for (step, &k) in order.iter().enumerate() {
                on[k] = true;
                let after = if step + 1 == n {
                    current_value
                } else {
                    value_of(&|i| on[i])
                };
                parts[k] += after - before;
                before = after;
            }
        }
        for p in &mut parts {
            *p /= PERMUTATIONS as f64;
        }
        method = Method::Permutations {
            count: PERMUTATIONS,
            seed,
        };
    }
    let mut parts: Vec<(LeverId, f64)> = changed
        .iter()
        .zip(parts)
        .map(|(&l, v)| (super::levers::LEVERS[l].id, v))
        .collect();
    parts.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    Some(Waterfall {
        reference: reference_value,
        current: current_value,
        parts,
        method,
    })
}
