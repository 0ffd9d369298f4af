//! The one table of levers: every assumption a scenario can set, with its kind, unit, range,
//! default, explorer step, meaning and source.
//!
//! The validator, `chipcast levers`, the explorer's lever panel and `docs/` all read this table;
//! nothing restates it by hand. Values travel through the model as `f64`: a bool is 0 or 1, a
//! choice is the index of its option, a number is itself.
//!
//! Invariant: `LEVERS[id as usize].id == id` for every `LeverId` (pinned by a test).
//! Defaults are the policy in force in early 2026 and the central values of the sources each
//! lever cites (keys of `model::sources`), so a scenario that sets nothing describes "today,
//! held".

/// Who pulls the lever.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// US and allied export controls.
    Controls,
    /// China's responses.
    Response,
    /// Market and technology assumptions.
    World,
}

impl Group {
    /// Every group, in the order tables and the explorer list them.
    pub const ALL: [Group; 3] = [Group::Controls, Group::Response, Group::World];

    /// The group's lowercase name as tables print it: `controls`, `response` or `world`.
    pub fn name(self) -> &'static str {
        match self {
            Group::Controls => "controls",
            Group::Response => "response",
            Group::World => "world",
        }
    }
}

/// What values a lever takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// On or off; the value is 0 (false) or 1 (true).
    Bool,
    /// One of named options; the value is the option's index.
    Choice(&'static [&'static str]),
    /// A number in `[min, max]`, stepped by `step` in the explorer.
    Number {
        /// The smallest value a scenario may set, in the lever's unit.
        min: f64,
        /// The largest value a scenario may set, in the lever's unit.
        max: f64,
        /// How far one explorer keypress moves the value (values snap to `min + k × step`).
        step: f64,
    },
}

impl Kind {
    /// The inclusive range of the lever's encoded value.
    pub fn range(self) -> (f64, f64) {
        match self {
            Kind::Bool => (0.0, 1.0),
            Kind::Choice(options) => (0.0, (options.len() - 1) as f64),
            Kind::Number { min, max, .. } => (min, max),
        }
    }

    /// The kind in a word, for tables and messages: `bool`, `choice` or `number`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bool => "bool",
            Kind::Choice(_) => "choice",
            Kind::Number { .. } => "number",
        }
    }
}

/// Which way a lever moves China's side of the ledger (domestic output, domestic compute, China's
/// compute stock) as it goes from the low end of its range to the high end, or where it acts
/// instead. The compute gap moves the other way. `chipcast levers --effects` measures it and a
/// test holds every lever with a direction to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Raises China's supply or compute.
    Raises,
    /// Lowers China's supply or compute (raises the gap).
    Lowers,
    /// Acts elsewhere by design; the text says where (trade, revenue, the Monte Carlo).
    Elsewhere(&'static str),
}

impl Direction {
    /// The direction in a word, for tables: `raises`, `lowers` or `elsewhere`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Raises => "raises",
            Direction::Lowers => "lowers",
            Direction::Elsewhere(_) => "elsewhere",
        }
    }

    /// The direction as a user reads it ("raises ...", "lowers ...", "acts elsewhere: ...").
    pub fn describe(self) -> String {
        match self {
            Direction::Raises => "raises China's supply or compute".into(),
            Direction::Lowers => "lowers China's supply or compute".into(),
            Direction::Elsewhere(why) => format!("acts elsewhere: {why}"),
        }
    }
}

/// One row of the lever table.
#[derive(Clone, Copy, Debug)]
pub struct Lever {
    /// The lever's row id; equals its index in [`LEVERS`].
    pub id: LeverId,
    /// The lever's stable snake_case name, as scenario files and `--set` write it
    /// (e.g. `chip_exports`).
    pub key: &'static str,
    /// Who pulls the lever: allied controls, China's response, or the world.
    pub group: Group,
    /// What values the lever takes, and for numbers its range and explorer step.
    pub kind: Kind,
    /// The unit of a number (e.g. `wpm`, `units/yr`, `$bn/yr`, `fraction`, `H100e`); empty for
    /// bools and choices.
    pub unit: &'static str,
    /// The encoded value a scenario that does not set the lever gets: the policy in force in
    /// early 2026 or the sources' central value (bool 0/1, choice index, or the number).
    pub default: f64,
    /// What the lever means and what it acts on, in a line for tables and the explorer.
    pub meaning: &'static str,
    /// What the lever's range and default rest on, in a line.
    pub source: &'static str,
    /// Keys of `model::sources` the lever rests on (`chipcast_derived` for our own
    /// arithmetic or judgement).
    pub cites: &'static [&'static str],
    /// What moving the lever from low to high does to China's supply and compute.
    pub direction: Direction,
}

impl Lever {
    /// The lever's value as a user reads it ("true", "partial", "0.25").
    pub fn format_value(&self, value: f64) -> String {
        match self.kind {
            Kind::Bool => (value >= 0.5).to_string(),
            Kind::Choice(options) => {
                options[(value.round() as usize).min(options.len() - 1)].into()
            }
            Kind::Number { .. } => format_number(value),
        }
    }

    /// Whether a value lies within the lever's range (and, for bools and choices, is whole).
    pub fn accepts(&self, value: f64) -> bool {
        let (lo, hi) = self.kind.range();
        value.is_finite()
            && value >= lo
            && value <= hi
            && (matches!(self.kind, Kind::Number { .. }) || value.fract() == 0.0)
    }

    /// The value one explorer step up (`dir > 0`) or down, clamped to the range; bools and
    /// choices cycle.
    pub fn step(&self, value: f64, dir: i32) -> f64 {
        match self.kind {
            Kind::Bool => 1.0 - value.round().clamp(0.0, 1.0),
            Kind::Choice(options) => {
                let n = options.len() as i64;
                ((value.round() as i64 + dir.signum() as i64).rem_euclid(n)) as f64
            }
            Kind::Number { min, max, step } => {
                // Snap to the step grid so repeated steps never accumulate rounding drift.
                let k = ((value - min) / step).round() + f64::from(dir.signum());
                tidy((min + k * step).clamp(min, max))
            }
        }
    }
}

/// `value` rounded to 12 significant digits: arithmetic on a step grid (0.1 + 0.05 is
/// 0.15000000000000002) lands back on the decimal a person typed, so a saved file reads
/// `0.15`, while no value a lever can hold loses anything that matters.
pub fn tidy(value: f64) -> f64 {
    if !value.is_finite() || value == 0.0 {
        return value;
    }
    format!("{value:.11e}").parse().unwrap_or(value)
}

/// A number printed without needless digits: 0.25, 35000, 1.5e6 stays 1500000.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let s = format!("{value:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

table_ids!(
    LeverId,
    LEVER_COUNT,
    "LEVERS",
    EuvAccess,
    DuvControls,
    ServicingBan,
    ChipExports,
    RevenueShare,
    HbmControls,
    ModelWeightControls,
    FoundryScreening,
    HubEnforcement,
    ChipLocationVerification,
    StateInvestment,
    YieldLearning,
    DomesticMandate,
    ImportBlock,
    Fp8Standard,
    SoftwareEfficiency,
    HbmDomesticGrowth,
    DemandGrowth,
    UsComputeGrowth,
    PolicyVolatility,
    Capacity2024,
    AiWaferShare,
    Yield2024,
    YieldCeiling,
    DieBank,
    HbmStockpile,
    PackagingLoss,
    ImportDemand2024,
    Smuggling2024,
    HubEnforcementEffect,
    PackagingCapacity2024,
    PackagingGrowth,
    HuaweiHbm,
    GreyHbm,
    RoadmapDelay,
    HubMalaysia,
    HubSingapore,
    HubIndia,
    HubOther,
    Market2024,
    LicensedCap,
    PriceDecline,
    DomesticPriceFactor,
    H100eFactor,
    HuaweiShare,
    ChinaStock2024,
    UsStock2024,
    Offshore2024,
);

impl LeverId {
    /// The lever's row in the table.
    pub fn lever(self) -> &'static Lever {
        &LEVERS[self as usize]
    }

    /// The lever's key as files and the command line write it (e.g. `chip_exports`).
    pub fn key(self) -> &'static str {
        self.lever().key
    }

    /// Looks a lever up by its id as written in files and on the command line.
    pub fn from_key(key: &str) -> Option<LeverId> {
        LEVERS.iter().find(|l| l.key == key).map(|l| l.id)
    }
}

/// Options of `duv_controls`.
pub const DUV_OPTIONS: &[&str] = &["none", "partial", "full"];
/// Options of `chip_exports`.
pub const EXPORT_OPTIONS: &[&str] = &["banned", "downgraded", "licensed"];

const fn number(min: f64, max: f64, step: f64) -> Kind {
    Kind::Number { min, max, step }
}

/// The lever table. Order follows [`LeverId`].
pub static LEVERS: [Lever; LEVER_COUNT] = [
    // ---- US and allied export controls -------------------------------------------------
    Lever {
        id: LeverId::EuvAccess,
        key: "euv_access",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 0.0,
        meaning: "China may buy and run ASML EUV scanners: faster build-out, higher yield ceiling, no 5nm-class penalty",
        source: "No EUV to China since 2020; EUV lifts logic and DRAM build-out, yield ceilings, and removes N+3's penalty [derived effects]",
        cites: &[
            "reuters_ascend_ramp_2024",
            "ft_smic_5nm_cost_2024",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::DuvControls,
        key: "duv_controls",
        group: Group::Controls,
        kind: Kind::Choice(DUV_OPTIONS),
        unit: "",
        default: 1.0,
        meaning: "DUV immersion tools restricted: none; partial = ASML's most advanced DUV (2024); full = all immersion DUV plus the Dec 2024 tool list",
        source: "ASML's most advanced DUV restricted in 2024; the Dec 2024 package added 24 tool types; effects on build-out, ceilings and N+3 [derived]",
        cites: &[
            "reuters_ascend_ramp_2024",
            "thompson_hine_hbm_rule_2024",
            "euno_smic_tools_2026",
            "chipcast_derived",
        ],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::ServicingBan,
        key: "servicing_ban",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 0.0,
        meaning: "Allied vendors may not service tools already installed in China: logic and DRAM capacity erode, build-out slows, yields drift down instead of learning",
        source: "No sourced effect; SMIC's co-CEO on tools that cannot form lines; erosion and yield drift are judgement [derived]",
        cites: &["euno_smic_tools_2026", "chipcast_derived"],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::ChipExports,
        key: "chip_exports",
        group: Group::Controls,
        kind: Kind::Choice(EXPORT_OPTIONS),
        unit: "",
        default: 2.0,
        meaning: "US accelerators China may buy: banned = none; downgraded = China-specific parts (H20 class); licensed = H200 class under licence",
        source: "H20 licence rule Apr 2025; H20 resumes Jul/Aug 2025; H200 approved Dec 2025",
        cites: &[
            "tomshardware_h20_writeoff_2025",
            "monexa_revenue_share_2025",
            "asianfin_h200_2025",
        ],
        direction: Direction::Elsewhere(
            "trade: sets which US accelerators are licensed; domestic output moves only where demand binds",
        ),
    },
    Lever {
        id: LeverId::RevenueShare,
        key: "revenue_share",
        group: Group::Controls,
        kind: number(0.0, 0.5, 0.05),
        unit: "fraction",
        default: 0.25,
        meaning: "Share of licensed China sales paid to the US government",
        source: "15% on H20/MI308 (Aug 2025); 25% on H200 (Dec 2025)",
        cites: &["monexa_revenue_share_2025", "asianfin_h200_2025"],
        direction: Direction::Elsewhere(
            "revenue: splits licensed sales between US vendors and the US government",
        ),
    },
    Lever {
        id: LeverId::HbmControls,
        key: "hbm_controls",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 1.0,
        meaning: "HBM under ECCN 3A090.c: no HBM imports (grey channels only), domestic HBM build-out slowed by the tool list",
        source: "HBM under ECCN 3A090.c from the Dec 2024 package, which also listed HBM-making tools",
        cites: &["bis_hbm_rule_2024", "thompson_hine_hbm_rule_2024"],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::ModelWeightControls,
        key: "model_weight_controls",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 0.0,
        meaning: "Controls on frontier model weights: slows China's relative software-efficiency gains (effective compute)",
        source: "AI Diffusion Rule (Jan 2025) controlled weights; rescinded May 2025; halving software gains is judgement [derived]",
        cites: &[
            "ussc_diffusion_rule_2025",
            "steptoe_diffusion_rescission_2025",
            "chipcast_derived",
        ],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::FoundryScreening,
        key: "foundry_screening",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 1.0,
        meaning: "Foreign foundries refuse proxy orders for Chinese AI dies: no proxy-made dies for the lines that could use them",
        source: "TSMC halted Sophgo after its die turned up in a 910B (Oct 2024); proxy capacity from the 2.9M-die bank [derived]",
        cites: &[
            "reuters_tsmc_sophgo_2024",
            "semianalysis_ascend_ramp_2025",
            "chipcast_derived",
        ],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::HubEnforcement,
        key: "hub_enforcement",
        group: Group::Controls,
        kind: number(0.0, 1.0, 0.1),
        unit: "index 0-1",
        default: 0.5,
        meaning: "US enforcement against diversion across the transit hubs (end-use checks, prosecutions, know-your-customer): with each hub's own regime it squeezes smuggled chips, grey-market HBM and offshore rental; 0 none, 1 full",
        source: "Malaysia's permit (Jul 2025); Singapore's $390M fraud case (2025); the index is ours [derived]",
        cites: &[
            "dnh_malaysia_stp_2025",
            "econotimes_singapore_fraud_2025",
            "chipcast_derived",
        ],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::ChipLocationVerification,
        key: "chip_location_verification",
        group: Group::Controls,
        kind: Kind::Bool,
        unit: "",
        default: 0.0,
        meaning: "Exported accelerators must prove their location: diversion falls further",
        source: "Indian operators' worries about chip tracking; the 30% cut is judgement [derived]",
        cites: &["et_india_diffusion_2025", "chipcast_derived"],
        direction: Direction::Lowers,
    },
    // ---- China's responses -------------------------------------------------------------
    Lever {
        id: LeverId::StateInvestment,
        key: "state_investment_usd_bn",
        group: Group::Response,
        kind: number(0.0, 60.0, 2.5),
        unit: "$bn/yr",
        default: 15.0,
        meaning: "State money for advanced logic each year: builds 7nm-class capacity",
        source: "Big Fund III $47.5B (2024); ~$30B to Huawei; SMIC capex $7.3-8.1B/yr; the yearly rate is ours [derived]",
        cites: &[
            "trendforce_big_fund_iii_2024",
            "sia_huawei_fabs_2024",
            "cdb_smic_results_2026",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::YieldLearning,
        key: "yield_learning",
        group: Group::Response,
        kind: number(0.0, 30.0, 1.0),
        unit: "pp/yr",
        default: 10.0,
        meaning: "Yield gain on large AI dies each year on N+2 (N+3 follows, closing its gap), in percentage points, up to the tool ceiling",
        source: "910C yield 20% to ~40% in about a year; range 5-20 pp/yr [derived]",
        cites: &[
            "ft_yield_910c_2025",
            "reuters_ascend_ramp_2024",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::DomesticMandate,
        key: "domestic_mandate",
        group: Group::Response,
        kind: number(0.0, 1.0, 0.05),
        unit: "fraction",
        default: 0.3,
        meaning: "Share of China's buyers barred from licensed US accelerators (state-funded data centres, stop-orders to large firms)",
        source: "CAC told firms to stop ordering H20 (Sep 2025); domestic-only state data centres (Nov 2025); the share is ours [derived]",
        cites: &[
            "36kr_ue8m0_2025",
            "reuters_domestic_chips_dc_2025",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "trade: bars that share of buyers from licensed imports, moving imports, revenue and diversion; domestic supply already sells first",
        ),
    },
    Lever {
        id: LeverId::ImportBlock,
        key: "import_block",
        group: Group::Response,
        kind: Kind::Bool,
        unit: "",
        default: 1.0,
        meaning: "China refuses licensed US accelerators at customs",
        source: "Customs: H200 \"not permitted\" (Jan 2026)",
        cites: &["technewsday_h200_customs_2026"],
        direction: Direction::Elsewhere(
            "trade: China refuses licensed imports; domestic output moves only where demand binds",
        ),
    },
    Lever {
        id: LeverId::Fp8Standard,
        key: "fp8_standard",
        group: Group::Response,
        kind: Kind::Bool,
        unit: "",
        default: 1.0,
        meaning: "A shared FP8 format (UE8M0) that domestic models use: FP8-capable domestic parts (950 series, 960, 970, Siyuan 690, Kunlun M100) run work in FP8 as US parts already do (effective compute)",
        source: "DeepSeek V3.1's UE8M0 FP8 for next-generation domestic chips (Aug 2025); the 1.5x effective gain, given to US parts too, is judgement [derived]",
        cites: &[
            "36kr_ue8m0_2025",
            "ft_triple_output_2025",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::SoftwareEfficiency,
        key: "software_efficiency",
        group: Group::Response,
        kind: number(0.0, 0.3, 0.01),
        unit: "fraction/yr",
        default: 0.05,
        meaning: "China's yearly gain in useful work per FLOP from software, relative to US labs (counted in effective compute, not in hardware H100e)",
        source: "No sourced rate; DeepSeek-V3's 2.788M H800-hours as a reference point [derived]",
        cites: &["deepseek_v3_report_2024", "chipcast_derived"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::HbmDomesticGrowth,
        key: "hbm_domestic_growth",
        group: Group::Response,
        kind: number(0.0, 1.5, 0.05),
        unit: "fraction/yr",
        default: 0.5,
        meaning: "Yearly growth of domestic HBM wafer starts (CXMT from 8,500 wpm in 2025, XMC from 2026), before tool controls",
        source: "CXMT ~2M stacks in 2025 (4M a high case for 2026); XMC's 3,000 wpm plant; growth rate is ours [derived]",
        cites: &[
            "ko_hbm_brake_2025",
            "semianalysis_ascend_ramp_2025",
            "altusintel_xmc_hbm_2024",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    // ---- market and technology assumptions ---------------------------------------------
    Lever {
        id: LeverId::DemandGrowth,
        key: "demand_growth",
        group: Group::World,
        kind: number(0.0, 1.0, 0.05),
        unit: "fraction/yr",
        default: 0.35,
        meaning: "Yearly growth of China's demand for AI compute",
        source: "IDC: accelerated servers $22.1B in 2024 to >$100B by 2029, ~35%/yr [derived]",
        cites: &["idc_china_ai_servers_2025", "chipcast_derived"],
        direction: Direction::Elsewhere(
            "trade: grows the market; domestic supply sells first, so it moves imports and diversion, and domestic output only where buyers bind",
        ),
    },
    Lever {
        id: LeverId::UsComputeGrowth,
        key: "us_compute_growth",
        group: Group::World,
        kind: number(0.0, 1.5, 0.05),
        unit: "fraction/yr",
        default: 0.5,
        meaning: "Yearly growth of the US installed AI compute stock",
        source: "Epoch: installed NVIDIA compute grew ~2.3x a year since 2019 (the high end); slowing is judgement [derived]",
        cites: &[
            "epoch_compute_ownership_2026",
            "epoch_nvidia_stock_2025",
            "chipcast_derived",
        ],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::PolicyVolatility,
        key: "policy_volatility",
        group: Group::World,
        kind: number(0.0, 3.0, 0.25),
        unit: "x",
        default: 1.0,
        meaning: "Scales the scenario's yearly odds of US policy switches and China acceptance flips; 0 = the dated path only",
        source: "US policy swung both ways in 2025; the seed calls it 'conditional easing' and investor volatility",
        cites: &[
            "ainvest_seed_2025",
            "asianfin_h200_2025",
            "technewsday_h200_customs_2026",
        ],
        direction: Direction::Elsewhere("the Monte Carlo only: scales the odds of policy switches"),
    },
    Lever {
        id: LeverId::Capacity2024,
        key: "capacity_2024_wpm",
        group: Group::World,
        kind: number(5_000.0, 60_000.0, 2_500.0),
        unit: "wpm",
        default: 20_000.0,
        meaning: "China's 7nm-class-and-below capacity at end-2024, wafer starts per month",
        source: "End-2025 20-50k wpm (Nikkei <20k, SemiAnalysis 45-50k) less 2025 additions [derived]",
        cites: &[
            "nikkei_leading_edge_2026",
            "semianalysis_ascend_ramp_2025",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::AiWaferShare,
        key: "ai_wafer_share",
        group: Group::World,
        kind: number(0.05, 0.6, 0.05),
        unit: "fraction",
        default: 0.2,
        meaning: "Share of advanced-node wafers that make AI accelerator dies",
        source: "Morgan Stanley: ~7,000 AI wpm of ~35k (2025); 18k by 2027",
        cites: &["morgan_stanley_smic_ai_wafers_2025"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::Yield2024,
        key: "yield_2024",
        group: Group::World,
        kind: number(0.05, 0.8, 0.05),
        unit: "fraction",
        default: 0.25,
        meaning: "Usable yield of large AI dies in 2024",
        source: "Reuters: 910C ~20%, 910B ~50% (2024-11); FT ~40% (2025-02); the year average is ours [derived]",
        cites: &[
            "reuters_ascend_ramp_2024",
            "ft_yield_910c_2025",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::YieldCeiling,
        key: "yield_ceiling",
        group: Group::World,
        kind: number(0.3, 0.8, 0.05),
        unit: "fraction",
        default: 0.6,
        meaning: "Yield ceiling on large dies with DUV multipatterning (EUV access lifts it)",
        source: "FT: target 60%; >70% needed for viability",
        cites: &["ft_yield_910c_2025", "reuters_ascend_ramp_2024"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::DieBank,
        key: "die_bank_dies",
        group: Group::World,
        kind: number(0.0, 4_000_000.0, 100_000.0),
        unit: "dies",
        default: 2_900_000.0,
        meaning: "TSMC-made Ascend dies banked through proxies before October 2024; packaged as 910Cs from 2025, before new dies",
        source: "SemiAnalysis >2.9M; CSIS >2M TSMC-made dies",
        cites: &["semianalysis_ascend_ramp_2025", "csis_allen_deepseek_2025"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::HbmStockpile,
        key: "hbm_stockpile_stacks",
        group: Group::World,
        kind: number(0.0, 20_000_000.0, 500_000.0),
        unit: "stacks",
        default: 13_000_000.0,
        meaning: "HBM stacks stockpiled before the December 2024 controls (Huawei's), drawn as packaging and demand allow",
        source: "SemiAnalysis ~13M stacks; 7M shipped in December 2024 alone",
        cites: &[
            "semianalysis_ascend_ramp_2025",
            "reuters_samsung_hbm_stockpile_2024",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::PackagingLoss,
        key: "packaging_loss",
        group: Group::World,
        kind: number(0.0, 0.5, 0.05),
        unit: "fraction",
        default: 0.25,
        meaning: "Share of good dies (and their HBM) lost in advanced packaging",
        source: "CSIS ~25%; range 10-30% [derived]",
        cites: &["csis_allen_deepseek_2025", "chipcast_derived"],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::ImportDemand2024,
        key: "imports_2024_units",
        group: Group::World,
        kind: number(0.0, 2_000_000.0, 50_000.0),
        unit: "units",
        default: 1_150_000.0,
        meaning: "H20-class (downgraded) US accelerators vendors ship China a year while such parts are licensed; 2024's volume",
        source: "Bloomberg ~1M H20 in 2024 (range 0.9-1.2M), plus other licensed parts [derived]",
        cites: &["bloomberg_h20_volumes_2025", "chipcast_derived"],
        direction: Direction::Elsewhere("trade: caps H20-class licensed imports and their revenue"),
    },
    Lever {
        id: LeverId::Smuggling2024,
        key: "smuggled_2024_units",
        group: Group::World,
        kind: number(0.0, 400_000.0, 10_000.0),
        unit: "units",
        default: 140_000.0,
        meaning: "Restricted accelerators smuggled into China in 2024",
        source: "CNAS median ~140k (10k to several hundred thousand)",
        cites: &["cnas_smuggling_2025"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::HubEnforcementEffect,
        key: "hub_enforcement_effect",
        group: Group::World,
        kind: number(0.0, 0.9, 0.05),
        unit: "fraction",
        default: 0.3,
        meaning: "Cut in diverted flow at full hub enforcement",
        source: "No source quantifies it; 30%, range 0-60% [derived judgement]",
        cites: &["chipcast_derived"],
        direction: Direction::Lowers,
    },
    Lever {
        id: LeverId::PackagingCapacity2024,
        key: "packaging_2024_units",
        group: Group::World,
        kind: number(100_000.0, 1_500_000.0, 50_000.0),
        unit: "units/yr",
        default: 350_000.0,
        meaning: "China's advanced-packaging capacity for AI accelerators in 2024 (CoWoS-class, all vendors), packages a year",
        source: "No sourced figure: Huawei's ~200k Ascend of 2024 at a ~75% share; ByteDance got <30k of >100k ordered [derived]",
        cites: &[
            "ft_ascend_output_2025",
            "reuters_bytedance_orders_2024",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::PackagingGrowth,
        key: "packaging_growth",
        group: Group::Response,
        kind: number(0.0, 2.0, 0.05),
        unit: "fraction/yr",
        default: 0.8,
        meaning: "Yearly growth of advanced-packaging capacity from 2025",
        source: "No packaging figure; the high end is the aim to triple AI-chip output in 2026 [derived judgement]",
        cites: &["ft_triple_output_2025", "chipcast_derived"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::HuaweiHbm,
        key: "huawei_hbm_wpm",
        group: Group::Response,
        kind: number(0.0, 20_000.0, 1_000.0),
        unit: "wpm",
        default: 0.0,
        meaning: "Wafer starts per month of Huawei's in-house HBM (HiBL/HiZQ) from 2026, at full ramp; used by Huawei only",
        source: "HiBL 1.0 and HiZQ 2.0 on the roadmap, volumes unknown; high case at CXMT's 2025 scale [derived]",
        cites: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::GreyHbm,
        key: "grey_hbm_stacks",
        group: Group::World,
        kind: number(0.0, 5_000_000.0, 250_000.0),
        unit: "stacks/yr",
        default: 1_000_000.0,
        meaning: "HBM reaching China through grey channels each year while HBM controls hold, at 2024 hub enforcement; enforcement squeezes it",
        source: "No sourced figure; judgement beside the 11.4M stacks Samsung shipped to China around 2024 [derived]",
        cites: &["semianalysis_ascend_ramp_2025", "chipcast_derived"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::RoadmapDelay,
        key: "roadmap_delay_years",
        group: Group::World,
        kind: number(0.0, 3.0, 0.25),
        unit: "years",
        default: 0.0,
        meaning: "Delay of every product launch dated 2026 or later (Ascend 950/960/970, Siyuan 690, Kunlun M100) against its announced date",
        source: "Huawei's yearly cadence (950 2026, 960 2027, 970 2028); 0 takes the announcement at its word [derived]",
        cites: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        direction: Direction::Lowers,
    },
    // ---- transit hubs: each hub's own regime (see `model::hubs`) --------------------------
    Lever {
        id: LeverId::HubMalaysia,
        key: "hub_malaysia",
        group: Group::Controls,
        kind: number(0.0, 1.0, 0.1),
        unit: "index 0-1",
        default: 0.5,
        meaning: "Malaysia's own enforcement on US-origin AI chips (export, trans-shipment and transit permits); 0 none, 1 full",
        source: "Strategic Trade Permit for US-origin AI chips from 14 Jul 2025; the index is ours [derived]",
        cites: &[
            "dnh_malaysia_stp_2025",
            "thesun_malaysia_stp_2025",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "routes: moves diverted chips off the Malaysia route and squeezes the flow a little",
        ),
    },
    Lever {
        id: LeverId::HubSingapore,
        key: "hub_singapore",
        group: Group::Controls,
        kind: number(0.0, 1.0, 0.1),
        unit: "index 0-1",
        default: 0.35,
        meaning: "Singapore's own enforcement against server fraud and false end-user declarations; 0 none, 1 full",
        source: "$390M server-fraud prosecutions from early 2025; the index is ours [derived]",
        cites: &[
            "econotimes_singapore_fraud_2025",
            "cryptopolitan_singapore_bail_2025",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "routes: moves diverted chips off the Singapore route and squeezes the flow a little",
        ),
    },
    Lever {
        id: LeverId::HubIndia,
        key: "hub_india",
        group: Group::Controls,
        kind: number(0.0, 1.0, 0.1),
        unit: "index 0-1",
        default: 0.0,
        meaning: "India's own enforcement on trans-shipment of US AI chips; 0 none, 1 full",
        source: "Tier 2 under the rescinded Diffusion Rule; no Indian trans-shipment regime found, so 0",
        cites: &["et_india_diffusion_2025", "ussc_diffusion_rule_2025"],
        direction: Direction::Elsewhere(
            "routes: moves diverted chips off the India route and squeezes the flow a little",
        ),
    },
    Lever {
        id: LeverId::HubOther,
        key: "hub_other",
        group: Group::Controls,
        kind: number(0.0, 1.0, 0.1),
        unit: "index 0-1",
        default: 0.0,
        meaning: "Enforcement on the other routes (Thailand, Europe and the rest); 0 none, 1 full",
        source: "The FT found routes via Thailand and Europe; no regime there, so 0 [derived]",
        cites: &["ft_smuggling_2025", "chipcast_derived"],
        direction: Direction::Elsewhere(
            "routes: moves diverted chips off the other routes and squeezes the flow a little",
        ),
    },
    // ---- trade in dollars ------------------------------------------------------------------
    Lever {
        id: LeverId::Market2024,
        key: "market_2024_usd_bn",
        group: Group::World,
        kind: number(5.0, 60.0, 0.5),
        unit: "$bn",
        default: 25.0,
        meaning: "China's spending on AI accelerators in 2024, the market that domestic, licensed and diverted supply share; grows at demand_growth",
        source: "2024's flows add up to ~$25B: ~1M H20 for $12-15B, domestic ~$4.6B at table prices, ~140k smuggled at ~$37.5k; IDC's $22.1B accelerated-server market is the same order [derived]",
        cites: &[
            "idc_china_ai_servers_2025",
            "bloomberg_h20_volumes_2025",
            "cnas_smuggling_2025",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "trade: the market that licensed imports and diversion fill; domestic supply sells first",
        ),
    },
    Lever {
        id: LeverId::LicensedCap,
        key: "h200_cap_units",
        group: Group::Controls,
        kind: number(0.0, 3_000_000.0, 100_000.0),
        unit: "units/yr",
        default: 1_000_000.0,
        meaning: "H200-class accelerators the US licenses for China a year while chip_exports is licensed",
        source: "Jan 2026 conditions: PRC shipments <=50% of US shipments of the product; Nvidia expected >1M H200 orders [derived]",
        cites: &[
            "aai_h200_conditions_2026",
            "technewsday_h200_customs_2026",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "trade: caps licensed H200-class imports and US vendors' China revenue",
        ),
    },
    Lever {
        id: LeverId::PriceDecline,
        key: "price_decline",
        group: Group::World,
        kind: number(0.0, 0.4, 0.01),
        unit: "fraction/yr",
        default: 0.15,
        meaning: "Yearly fall in a US part's price from its launch year, as newer generations ship (licensed and smuggled parts)",
        source: "No sourced rate; H20 $12-15k in 2024 against B200-class $45-60k by 2025 [derived judgement]",
        cites: &[
            "bloomberg_h20_volumes_2025",
            "ft_smuggling_2025",
            "chipcast_derived",
        ],
        direction: Direction::Elsewhere(
            "revenue: prices of licensed and smuggled parts; more units for the same dollars",
        ),
    },
    Lever {
        id: LeverId::DomesticPriceFactor,
        key: "domestic_price_factor",
        group: Group::World,
        kind: number(0.5, 1.5, 0.05),
        unit: "x",
        default: 1.0,
        meaning: "Domestic accelerator prices relative to the product table's",
        source: "Product prices are estimates; Unicom Qinghai paid ~$17k a chip for 23,000 chips [derived]",
        cites: &["rcr_unicom_qinghai_2025", "chipcast_derived"],
        direction: Direction::Elsewhere(
            "trade: domestic sales in dollars, and so the room left for imports",
        ),
    },
    Lever {
        id: LeverId::H100eFactor,
        key: "h100e_factor",
        group: Group::World,
        kind: number(0.5, 1.5, 0.05),
        unit: "x",
        default: 1.0,
        meaning: "Delivered compute of domestic parts relative to their stated dense BF16 throughput",
        source: "910C ~60% of an H100 in DeepSeek's inference tests against 79% by stated BF16 [derived]",
        cites: &["exame_910c_h100_2025", "chipcast_derived"],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::HuaweiShare,
        key: "huawei_wafer_share",
        group: Group::World,
        kind: number(0.5, 0.9, 0.05),
        unit: "fraction",
        default: 0.75,
        meaning: "Huawei's share of China's advanced AI wafers and packaging; the other vendors share the rest in their table proportions",
        source: "Huawei makes >75% of China's AI chips (FT, 2024); Beijing told SMIC to prioritise Huawei [unconfirmed]",
        cites: &["ft_ascend_output_2025", "phemex_smic_priority_2025"],
        direction: Direction::Elsewhere(
            "vendor split: moves wafers and packaging between Huawei and the other vendors",
        ),
    },
    // ---- installed compute ------------------------------------------------------------------
    Lever {
        id: LeverId::ChinaStock2024,
        key: "china_stock_2024_h100e",
        group: Group::World,
        kind: number(100_000.0, 2_000_000.0, 50_000.0),
        unit: "H100e",
        default: 350_000.0,
        meaning: "China's installed AI compute at the start of 2024, H100-equivalents (dense BF16)",
        source: "2022-23 China data-centre sales (about half of ~$10B/yr China revenue) at ~0.65 H100e per $18k, less depreciation; Epoch: Chinese firms own just over 5% [derived]",
        cites: &[
            "reportify_nvidia_china_share_2025",
            "epoch_compute_ownership_2026",
            "chipcast_derived",
        ],
        direction: Direction::Raises,
    },
    Lever {
        id: LeverId::UsStock2024,
        key: "us_stock_2024_h100e",
        group: Group::World,
        kind: number(500_000.0, 8_000_000.0, 100_000.0),
        unit: "H100e",
        default: 2_400_000.0,
        meaning: "US-owned installed AI compute at the end of 2024, H100-equivalents (dense BF16)",
        source: "Epoch: ~4M H100e of NVIDIA compute installed in early 2025; US hyperscalers own >60% of AI compute",
        cites: &["epoch_nvidia_stock_2025", "epoch_compute_ownership_2026"],
        direction: Direction::Elsewhere("compute gap: the US side of the ratio"),
    },
    Lever {
        id: LeverId::Offshore2024,
        key: "offshore_2024_h100e",
        group: Group::World,
        kind: number(0.0, 200_000.0, 2_000.0),
        unit: "H100e/yr",
        default: 18_000.0,
        meaning: "Compute Chinese firms newly rented in data centres abroad (Malaysia and other hubs) in 2024",
        source: "CNAS 2023: cloud and remote-access pathway, median 18,000 chip-equivalents a year (95% CI 1,600-200,000)",
        cites: &["cnas_smuggling_2023"],
        direction: Direction::Elsewhere(
            "offshore compute: its own flow, beside the compute installed in China",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_ids() {
        for (i, lever) in LEVERS.iter().enumerate() {
            assert_eq!(lever.id as usize, i, "{} is out of order", lever.key);
        }
    }

    #[test]
    fn keys_are_unique_and_defaults_in_range() {
        for lever in &LEVERS {
            assert_eq!(LeverId::from_key(lever.key), Some(lever.id));
            assert!(
                lever.accepts(lever.default),
                "{} default out of range",
                lever.key
            );
            assert!(!lever.meaning.is_empty() && !lever.source.is_empty());
            assert!(!lever.cites.is_empty(), "{} cites nothing", lever.key);
            for key in lever.cites {
                assert!(
                    super::super::sources::find(key).is_some(),
                    "{} cites unknown source {key}",
                    lever.key
                );
            }
        }
    }

    #[test]
    fn stepping_stays_in_range_and_cycles() {
        let share = LeverId::RevenueShare.lever();
        assert_eq!(share.step(0.5, 1), 0.5);
        assert_eq!(share.step(0.0, -1), 0.0);
        assert!((share.step(0.15, 1) - 0.2).abs() < 1e-12);
        let duv = LeverId::DuvControls.lever();
        assert_eq!(duv.step(2.0, 1), 0.0);
        assert_eq!(duv.step(0.0, -1), 2.0);
        assert_eq!(LeverId::EuvAccess.lever().step(0.0, 1), 1.0);
    }
}
