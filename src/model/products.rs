//! The supply side's data: China's AI-accelerator vendors and their products, each with its
//! logic route, dies, memory, performance and price, and the rule that splits a vendor's
//! inputs among the products it has in production in a year.
//!
//! Products are data, read by the projection (`project.rs`), `chipcast run`'s product table
//! and docs/model.md; nothing restates a row in a match arm. Every row cites keys of
//! `model::sources`.
//!
//! Invariants (pinned by tests below):
//! - `PRODUCTS[i].id as usize == i` and `VENDORS[v].id as usize == v`;
//! - a vendor's products appear in launch order, and a later product never needs fewer HBM
//!   stacks per package than an earlier one of the same vendor (so drawing HBM earlier never
//!   makes fewer units than drawing it later, which the cumulative-output properties use);
//! - vendors' shares of the pooled inputs add up to 1.

use super::lanes::Num;

table_ids!(
    Vendor,
    VENDOR_COUNT,
    "VENDORS",
    Huawei,
    Cambricon,
    Kunlunxin,
    THead,
    Hygon,
    MooreThreads,
    MetaXBiren,
);

/// One row of the vendor table.
#[derive(Clone, Copy, Debug)]
pub struct VendorRow {
    /// The vendor's row id; equals its index in [`VENDORS`].
    pub id: Vendor,
    /// The vendor's stable snake_case id in metric ids and tables (e.g. `huawei`).
    pub key: &'static str,
    /// The vendor's display name, with its product line (e.g. "Huawei (HiSilicon Ascend)").
    pub name: &'static str,
    /// The vendor's share of China's advanced AI wafers (SMIC N+2/N+3 and Huawei-linked
    /// fabs), of the domestic, grey-market and imported HBM flow, and of advanced packaging.
    pub share: f64,
    /// Whether the vendor's current metric is reported on its own (`huawei`, `cambricon`) or
    /// inside `domestic_accelerators.other`.
    pub metric_group: VendorGroup,
    /// Keys of `model::sources` the row rests on (`chipcast_derived` for our own judgement).
    pub sources: &'static [&'static str],
    /// What the share rests on, in a line, with `[derived]`/`[unconfirmed]` marking how firm
    /// it is.
    pub note: &'static str,
}

/// The vendor groups `domestic_accelerators.*` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VendorGroup {
    /// Huawei alone, reported as `domestic_accelerators.huawei`.
    Huawei,
    /// Cambricon alone, reported as `domestic_accelerators.cambricon`.
    Cambricon,
    /// Every other vendor, summed into `domestic_accelerators.other`.
    Other,
}

/// The vendor table. Order follows [`Vendor`].
pub static VENDORS: [VendorRow; VENDOR_COUNT] = [
    VendorRow {
        id: Vendor::Huawei,
        key: "huawei",
        name: "Huawei (HiSilicon Ascend)",
        share: 0.75,
        metric_group: VendorGroup::Huawei,
        sources: &["ft_ascend_output_2025", "phemex_smic_priority_2025"],
        note: "Huawei makes >75% of China's AI chips (FT); Beijing reportedly ordered SMIC to prioritise Huawei [unconfirmed]",
    },
    VendorRow {
        id: Vendor::Cambricon,
        key: "cambricon",
        name: "Cambricon (Siyuan)",
        share: 0.08,
        metric_group: VendorGroup::Cambricon,
        sources: &["stockanalysis_cambricon_2025", "chipcast_derived"],
        note: "2024 revenue RMB 1.17bn, the largest of the non-Huawei vendors; share [derived] from revenue",
    },
    VendorRow {
        id: Vendor::Kunlunxin,
        key: "kunlunxin",
        name: "Baidu Kunlunxin",
        share: 0.05,
        metric_group: VendorGroup::Other,
        sources: &["reportify_kunlunxin_revenue_2025", "chipcast_derived"],
        note: "revenue projections RMB 3.5-6.5bn [unconfirmed]; share [derived]",
    },
    VendorRow {
        id: Vendor::THead,
        key: "thead",
        name: "Alibaba T-Head (Zhenwu)",
        share: 0.05,
        metric_group: VendorGroup::Other,
        sources: &["rcr_unicom_qinghai_2025", "chipcast_derived"],
        note: "~16,600 T-Head chips in one China Unicom site (72% of 23,000); share [derived]",
    },
    VendorRow {
        id: Vendor::Hygon,
        key: "hygon",
        name: "Hygon (DCU)",
        share: 0.03,
        metric_group: VendorGroup::Other,
        sources: &["chipcast_derived"],
        note: "no volume or revenue figures found; share [derived judgement]",
    },
    VendorRow {
        id: Vendor::MooreThreads,
        key: "moore_threads",
        name: "Moore Threads",
        share: 0.02,
        metric_group: VendorGroup::Other,
        sources: &["wsj_ai_chip_ipos_2025", "chipcast_derived"],
        note: "2024 revenue RMB 439m; share [derived] from revenue",
    },
    VendorRow {
        id: Vendor::MetaXBiren,
        key: "metax_biren",
        name: "MetaX and Biren",
        share: 0.02,
        metric_group: VendorGroup::Other,
        sources: &["wsj_ai_chip_ipos_2025", "chipcast_derived"],
        note: "MetaX 2024 revenue RMB 743m, Biren H1 2025 RMB 59m; share [derived] from revenue",
    },
];

/// Where a product's logic dies are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// SMIC N+2 (7nm-class, DUV multipatterning) or an equivalent domestic line.
    N2,
    /// SMIC N+3 (5nm-class without EUV): denser, with its own yield curve.
    N3,
}

/// One row of the product table.
#[derive(Clone, Copy, Debug)]
pub struct Product {
    /// The product's row id; equals its index in [`PRODUCTS`].
    pub id: ProductId,
    /// The product's stable snake_case id in tables and docs (e.g. `ascend_910b`).
    pub key: &'static str,
    /// The product's display name (e.g. "Ascend 910B").
    pub name: &'static str,
    /// Who makes it; the product draws on that vendor's share of the pooled inputs.
    pub vendor: Vendor,
    /// Launch year and month (volume shipments start). Products launched after 2025 are on
    /// the roadmap and move with `roadmap_delay_years`.
    pub launch: (i32, u32),
    /// The domestic node its new dies are made on.
    pub node: Node,
    /// Whether it packages TSMC-made dies from the die bank (used before new dies).
    pub bank: bool,
    /// Whether its dies can be made at foreign foundries through proxies while
    /// `foundry_screening` is off.
    pub proxy: bool,
    /// Logic dies per package.
    pub dies: f64,
    /// HBM stacks per package; 0 for parts with non-HBM memory (GDDR/LPDDR), which the
    /// model does not ration.
    pub hbm_stacks: f64,
    /// Memory as stated ("128 GB HBM2E").
    pub memory: &'static str,
    /// Dense throughput relative to an H100 at the same precision (BF16 for BF16 parts; FP8
    /// figures are halved to their BF16 equivalent).
    pub h100e: f64,
    /// Performance as stated ("780 TF BF16").
    pub performance: &'static str,
    /// Whether the part runs FP8 natively (it gains from `fp8_standard`).
    pub fp8: bool,
    /// Price per package, US dollars.
    pub price_usd: f64,
    /// Keys of `model::sources` the row rests on (`chipcast_derived` for our own judgement).
    pub sources: &'static [&'static str],
    /// Die size, node, output and price notes in a line, with `[derived]`/`[unconfirmed]`
    /// marking how firm each figure is.
    pub note: &'static str,
}

table_ids!(
    ProductId,
    PRODUCT_COUNT,
    "PRODUCTS",
    Ascend910B,
    Ascend910C,
    Ascend950PR,
    Ascend950DT,
    Ascend960,
    Ascend970,
    Siyuan590,
    Siyuan690,
    KunlunP800,
    KunlunM100,
    Zhenwu810E,
    HygonDcu,
    MttS4000,
    MetaXC500,
);

impl ProductId {
    /// The product's row in [`PRODUCTS`].
    pub fn product(self) -> &'static Product {
        &PRODUCTS[self as usize]
    }

    /// Looks a product up by its key (e.g. `ascend_910c`); `None` if no row has it.
    pub fn from_key(key: &str) -> Option<ProductId> {
        PRODUCTS.iter().find(|p| p.key == key).map(|p| p.id)
    }
}

/// H100 dense BF16 throughput, TFLOPS: the yardstick of `h100e` (H100 SXM data sheet; 1,979
/// TF FP8 dense is twice it).
pub const H100_BF16_TF: f64 = 989.0;

/// The product table. Order follows [`ProductId`]; a vendor's rows are in launch order.
pub static PRODUCTS: [Product; PRODUCT_COUNT] = [
    Product {
        id: ProductId::Ascend910B,
        key: "ascend_910b",
        name: "Ascend 910B",
        vendor: Vendor::Huawei,
        launch: (2023, 6),
        node: Node::N2,
        bank: false,
        proxy: true,
        dies: 1.0,
        hbm_stacks: 4.0,
        memory: "64 GB HBM2E",
        h100e: 320.0 / H100_BF16_TF,
        performance: "280-400 TF FP16 (320 central)",
        fp8: false,
        price_usd: 15_000.0,
        sources: &[
            "hardwareluxx_910b_die_2024",
            "ft_ascend_output_2025",
            "chipcast_derived",
        ],
        note: "665.6 mm² die on SMIC N+2; ~200k made in 2024 (FT); 4 stacks from 64 GB; price [derived judgement]",
    },
    Product {
        id: ProductId::Ascend910C,
        key: "ascend_910c",
        name: "Ascend 910C",
        vendor: Vendor::Huawei,
        launch: (2025, 2),
        node: Node::N2,
        bank: true,
        proxy: true,
        dies: 2.0,
        hbm_stacks: 8.0,
        memory: "128 GB HBM2E",
        h100e: 780.0 / H100_BF16_TF,
        performance: "780 TF BF16 (SemiAnalysis; 752 MarketGuide)",
        fp8: false,
        price_usd: 28_000.0,
        sources: &[
            "huawei_connect_roadmap_2025",
            "csis_allen_deepseek_2025",
            "techinsights_910c_teardown_2025",
            "semianalysis_cloudmatrix_2025",
            "chipcast_derived",
        ],
        note: "two 910B-class dies; teardowns found TSMC dies, so it packages the die bank; also carries the 910D name (seed article) until the 950 [unconfirmed naming]; price [derived judgement]",
    },
    Product {
        id: ProductId::Ascend950PR,
        key: "ascend_950pr",
        name: "Ascend 950PR",
        vendor: Vendor::Huawei,
        launch: (2026, 2),
        node: Node::N3,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 8.0,
        memory: "128 GB HiBL 1.0",
        h100e: 500.0 / H100_BF16_TF,
        performance: "1 PF FP8, 2 PF FP4",
        fp8: true,
        price_usd: 25_000.0,
        sources: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        note: "Q1 2026; one die and 8 stacks of 16 GB [derived]; price [derived judgement]",
    },
    Product {
        id: ProductId::Ascend950DT,
        key: "ascend_950dt",
        name: "Ascend 950DT",
        vendor: Vendor::Huawei,
        launch: (2026, 11),
        node: Node::N3,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 8.0,
        memory: "144 GB HiZQ 2.0",
        h100e: 500.0 / H100_BF16_TF,
        performance: "same 950 die: 1 PF FP8",
        fp8: true,
        price_usd: 30_000.0,
        sources: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        note: "Q4 2026; 8 stacks of 18 GB [derived]; price [derived judgement]",
    },
    Product {
        id: ProductId::Ascend960,
        key: "ascend_960",
        name: "Ascend 960",
        vendor: Vendor::Huawei,
        launch: (2027, 11),
        node: Node::N3,
        bank: false,
        proxy: false,
        dies: 2.0,
        hbm_stacks: 12.0,
        memory: "288 GB HiZQ 2.0",
        h100e: 1000.0 / H100_BF16_TF,
        performance: "2 PF FP8, 4 PF FP4",
        fp8: true,
        price_usd: 45_000.0,
        sources: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        note: "Q4 2027; twice the 950's compute from two dies, 12 stacks of 24 GB [derived]; price [derived judgement]",
    },
    Product {
        id: ProductId::Ascend970,
        key: "ascend_970",
        name: "Ascend 970",
        vendor: Vendor::Huawei,
        launch: (2028, 11),
        node: Node::N3,
        bank: false,
        proxy: false,
        dies: 4.0,
        hbm_stacks: 16.0,
        memory: "more than the 960",
        h100e: 2000.0 / H100_BF16_TF,
        performance: "roughly double the 960",
        fp8: true,
        price_usd: 80_000.0,
        sources: &["huawei_connect_roadmap_2025", "chipcast_derived"],
        note: "Q4 2028; with no node beyond N+3 in sight, double the 960 takes twice the silicon: 4 dies, 16 stacks [derived]; price [derived judgement]",
    },
    Product {
        id: ProductId::Siyuan590,
        key: "siyuan_590",
        name: "Cambricon Siyuan 590",
        vendor: Vendor::Cambricon,
        launch: (2023, 6),
        node: Node::N2,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 4.0,
        memory: "HBM2E, 4 stacks [derived]",
        h100e: 0.8 * 312.0 / H100_BF16_TF,
        performance: "~80% of an A100 (312 TF BF16) in training [company claim]",
        fp8: false,
        price_usd: 12_000.0,
        sources: &[
            "reportify_cambricon_590_2025",
            "bloomberg_cambricon_yield_2025",
            "chipcast_derived",
        ],
        note: "SMIC N+2 at ~20% yield (Bloomberg); price [derived judgement]",
    },
    Product {
        id: ProductId::Siyuan690,
        key: "siyuan_690",
        name: "Cambricon Siyuan 690",
        vendor: Vendor::Cambricon,
        launch: (2026, 6),
        node: Node::N2,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 6.0,
        memory: "HBM, 6 stacks [derived]",
        h100e: 0.5,
        performance: "FP8 support (FT); twice the 590 [derived]",
        fp8: true,
        price_usd: 20_000.0,
        sources: &["ft_triple_output_2025", "chipcast_derived"],
        note: "launch mid-2026 [derived]; performance and price [derived judgement]",
    },
    Product {
        id: ProductId::KunlunP800,
        key: "kunlun_p800",
        name: "Kunlunxin P800",
        vendor: Vendor::Kunlunxin,
        launch: (2024, 3),
        node: Node::N2,
        bank: false,
        proxy: true,
        dies: 1.0,
        hbm_stacks: 4.0,
        memory: "HBM, 4 stacks [derived]",
        h100e: 0.35,
        performance: "no sourced figure [derived: between the 910B and the 910C]",
        fp8: false,
        price_usd: 14_000.0,
        sources: &["techstrong_kunlun_cluster_2025", "chipcast_derived"],
        note: "30,000-chip P800 cluster (2025-04); made at foreign foundries through proxies before screening [derived]",
    },
    Product {
        id: ProductId::KunlunM100,
        key: "kunlun_m100",
        name: "Kunlunxin M100",
        vendor: Vendor::Kunlunxin,
        launch: (2026, 2),
        node: Node::N2,
        bank: false,
        proxy: true,
        dies: 1.0,
        hbm_stacks: 6.0,
        memory: "HBM, 6 stacks [derived]",
        h100e: 0.5,
        performance: "no sourced figure [derived]",
        fp8: true,
        price_usd: 20_000.0,
        sources: &["reportify_kunlunxin_roadmap_2025", "chipcast_derived"],
        note: "early 2026 (M300 early 2027 not modelled separately)",
    },
    Product {
        id: ProductId::Zhenwu810E,
        key: "zhenwu_810e",
        name: "Alibaba T-Head Zhenwu 810E",
        vendor: Vendor::THead,
        launch: (2024, 6),
        node: Node::N2,
        bank: false,
        proxy: true,
        dies: 1.0,
        hbm_stacks: 6.0,
        memory: "96 GB HBM2E, 700 GB/s",
        h100e: 148.0 / H100_BF16_TF,
        performance: "claimed H20-class (148 TF BF16)",
        fp8: false,
        price_usd: 10_000.0,
        sources: &[
            "lavx_zhenwu_810e_2026",
            "rcr_unicom_qinghai_2025",
            "chipcast_derived",
        ],
        note: "unveiled Jan 2026 but ~16,600 deployed by Sept 2025 (China Unicom Qinghai), so in volume from mid-2024 [derived]; 6 stacks of 16 GB [derived]",
    },
    Product {
        id: ProductId::HygonDcu,
        key: "hygon_dcu",
        name: "Hygon DCU",
        vendor: Vendor::Hygon,
        launch: (2023, 6),
        node: Node::N2,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 4.0,
        memory: "HBM2, 4 stacks [derived]",
        h100e: 0.2,
        performance: "no sourced figure [derived judgement]",
        fp8: false,
        price_usd: 8_000.0,
        sources: &["chipcast_derived"],
        note: "no volume, revenue or specification found",
    },
    Product {
        id: ProductId::MttS4000,
        key: "mtt_s4000",
        name: "Moore Threads MTT S4000",
        vendor: Vendor::MooreThreads,
        launch: (2023, 12),
        node: Node::N2,
        bank: false,
        proxy: false,
        dies: 1.0,
        hbm_stacks: 0.0,
        memory: "48 GB GDDR6 (not HBM)",
        h100e: 0.1,
        performance: "no sourced figure [derived judgement]",
        fp8: false,
        price_usd: 6_000.0,
        sources: &["wsj_ai_chip_ipos_2025", "chipcast_derived"],
        note: "an inference part on GDDR, so HBM controls do not reach it; on the Entity List since 2023",
    },
    Product {
        id: ProductId::MetaXC500,
        key: "metax_c500",
        name: "MetaX C500 / Biren BR100",
        vendor: Vendor::MetaXBiren,
        launch: (2024, 1),
        node: Node::N2,
        bank: false,
        proxy: true,
        dies: 1.0,
        hbm_stacks: 4.0,
        memory: "64 GB HBM2E [derived]",
        h100e: 0.25,
        performance: "no sourced figure [derived judgement]",
        fp8: false,
        price_usd: 10_000.0,
        sources: &["wsj_ai_chip_ipos_2025", "chipcast_derived"],
        note: "Biren on the Entity List since 2023; both were TSMC customers before screening [derived]",
    },
];

/// How long a new product takes to replace its predecessor, in years [derived: Huawei's yearly
/// cadence leaves each generation about a year; a ramp of nine months puts a Q1 launch a bit
/// past half its vendor's volume in its first year].
pub const RAMP_YEARS: f64 = 0.75;

/// The first launch year that counts as roadmap (moved by `roadmap_delay_years`); earlier
/// products have shipped.
pub const ROADMAP_FROM: i32 = 2026;

/// A product's launch as a fractional year (2026-02 is 2026.083).
pub fn launch_time(p: &Product) -> f64 {
    f64::from(p.launch.0) + f64::from(p.launch.1 - 1) / 12.0
}

/// How far a product has ramped at mid-year `year`, before later products take over:
/// `clamp((year + 0.5 − launch − delay) / RAMP_YEARS, 0, 1)`, where `delay` applies to roadmap
/// products only.
#[inline(always)]
pub fn ramp<T: Num>(p: &Product, year: i32, delay: T) -> T {
    let since = T::splat(f64::from(year) + 0.5 - launch_time(p));
    let since = if p.launch.0 >= ROADMAP_FROM {
        since - delay
    } else {
        since
    };
    (since * T::splat(1.0 / RAMP_YEARS)).clamp(0.0, 1.0)
}

/// The share of its vendor's wafers, HBM and packaging that each product gets in `year`: each
/// product's ramp times what its vendor's later products leave, `share_p = ramp_p × Π (1 −
/// ramp_q)` over the vendor's products `q` launched after `p`. The newest product takes over
/// as it ramps; the shares of one vendor add up to at most 1 (to 1 once its first product has
/// ramped).
#[inline(always)]
pub fn mix<T: Num>(year: i32, delay: T) -> [T; PRODUCT_COUNT] {
    let one = T::splat(1.0);
    let mut shares = [T::splat(0.0); PRODUCT_COUNT];
    // Walk each vendor's products newest first, carrying what later products leave.
    let mut left = [one; VENDOR_COUNT];
    for p in PRODUCTS.iter().rev() {
        // Not launched by mid-year even without delay: its ramp is 0 in every lane, so its
        // share is 0 and it leaves its vendor's remainder as it is.
        if f64::from(year) + 0.5 <= launch_time(p) {
            continue;
        }
        let v = p.vendor as usize;
        let r = ramp(p, year, delay);
        shares[p.id as usize] = r * left[v];
        left[v] = left[v] * (one - r);
    }
    shares
}

/// Each vendor's products (indices into [`PRODUCTS`]), fewest HBM stacks a unit first, then
/// in table order. Worked out once; the projection asks for them on every call.
pub fn by_vendor_lightest_first() -> (
    [[usize; PRODUCT_COUNT]; VENDOR_COUNT],
    [usize; VENDOR_COUNT],
) {
    let mut lines = [[0; PRODUCT_COUNT]; VENDOR_COUNT];
    let mut count = [0; VENDOR_COUNT];
    for p in &PRODUCTS {
        let v = p.vendor as usize;
        lines[v][count[v]] = p.id as usize;
        count[v] += 1;
    }
    for v in 0..VENDOR_COUNT {
        lines[v][..count[v]].sort_by(|&a, &b| {
            PRODUCTS[a]
                .hbm_stacks
                .total_cmp(&PRODUCTS[b].hbm_stacks)
                .then(a.cmp(&b))
        });
    }
    (lines, count)
}

/// Whether each vendor makes a product that uses HBM (worked out once from the table).
fn makes_hbm() -> &'static [bool; VENDOR_COUNT] {
    static MAKES: std::sync::OnceLock<[bool; VENDOR_COUNT]> = std::sync::OnceLock::new();
    MAKES.get_or_init(|| {
        VENDORS.map(|v| {
            PRODUCTS
                .iter()
                .any(|p| p.vendor == v.id && p.hbm_stacks > 0.0)
        })
    })
}

/// Each vendor's share of China's advanced AI wafers and packaging, and of the pooled HBM flow,
/// in a year in which Huawei's share is `huawei` (the `huawei_wafer_share` lever): the other
/// vendors keep their table proportions of the rest; the HBM flow goes to vendors that make an
/// HBM product, in proportion to their shares. At the table's own Huawei share the wafer
/// shares are the table's.
#[inline(always)]
pub fn vendor_shares<T: Num>(huawei: T) -> ([T; VENDOR_COUNT], [T; VENDOR_COUNT]) {
    let uses = makes_hbm();
    let table_huawei = VENDORS[Vendor::Huawei as usize].share;
    let one = T::splat(1.0);
    let k = (one - huawei) * T::splat(1.0 / (1.0 - table_huawei));
    let mut wafers = [T::splat(0.0); VENDOR_COUNT];
    let mut users = T::splat(0.0);
    for (w, v) in wafers.iter_mut().zip(&VENDORS) {
        *w = if v.id == Vendor::Huawei {
            huawei
        } else {
            k * T::splat(v.share)
        };
        if uses[v.id as usize] {
            users = users + *w;
        }
    }
    let inv = one / users;
    let mut hbm = [T::splat(0.0); VENDOR_COUNT];
    for ((h, w), v) in hbm.iter_mut().zip(&wafers).zip(&VENDORS) {
        if uses[v.id as usize] {
            *h = *w * inv;
        }
    }
    (wafers, hbm)
}

/// The vendor and product tables as Markdown, for docs/model.md (which holds this output between
/// `<!-- products:begin -->` and `<!-- products:end -->`; `tests/docs_products.rs` keeps the
/// two equal). Pure: reads only the tables above.
pub fn markdown() -> String {
    use std::fmt::Write as _;
    // Table cells: no line breaks, and a `|` would end the cell.
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let cites = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("[{k}]"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let thousands = |v: f64| {
        let digits = format!("{:.0}", v.round());
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let mut out = String::new();
    out.push_str(
        "Vendors: each vendor's share of China's advanced AI wafers, of the HBM flow (vendors \
         with no HBM product left out, the rest scaled to add to 1) and of advanced packaging.\n\n",
    );
    out.push_str("| key | vendor | share | reported in | sources | note |\n");
    out.push_str("|---|---|--:|---|---|---|\n");
    for v in &VENDORS {
        let group = match v.metric_group {
            VendorGroup::Huawei => "`domestic_accelerators.huawei`",
            VendorGroup::Cambricon => "`domestic_accelerators.cambricon`",
            VendorGroup::Other => "`domestic_accelerators.other`",
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {:.0}% | {} | {} | {} |",
            v.key,
            cell(v.name),
            v.share * 100.0,
            group,
            cites(v.sources),
            cell(v.note)
        );
    }
    let _ = write!(
        out,
        "\nProducts, in table order (a vendor's products in launch order). Launch is the month \
         volume shipments start; launches from {ROADMAP_FROM} on move with \
         `roadmap_delay_years`. Node: where new dies are made (N+2 7nm-class, N+3 5nm-class). \
         Bank: packages TSMC-made dies from the die bank first; proxy: its dies can be made at \
         foreign foundries while `foundry_screening` is off. Dies and HBM stacks are per \
         package (0 stacks: non-HBM memory, not rationed). H100e is dense throughput against an \
         H100's {H100_BF16_TF:.0} TF BF16; fp8 parts gain from `fp8_standard`. Price in US \
         dollars per package.\n\n"
    );
    out.push_str(
        "| key | product | vendor | launch | node | bank/proxy | dies | HBM stacks | memory \
         | performance as stated | H100e | fp8 | price | sources | note |\n",
    );
    out.push_str("|---|---|---|---|---|---|--:|--:|---|---|--:|---|--:|---|---|\n");
    for p in &PRODUCTS {
        let node = match p.node {
            Node::N2 => "N+2",
            Node::N3 => "N+3",
        };
        let route = match (p.bank, p.proxy) {
            (true, true) => "bank, proxy",
            (true, false) => "bank",
            (false, true) => "proxy",
            (false, false) => "-",
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {}-{:02} | {} | {} | {} | {} | {} | {} | {:.3} | {} | ${} | {} | {} |",
            p.key,
            cell(p.name),
            VENDORS[p.vendor as usize].key,
            p.launch.0,
            p.launch.1,
            node,
            route,
            p.dies,
            p.hbm_stacks,
            cell(p.memory),
            cell(p.performance),
            p.h100e,
            if p.fp8 { "yes" } else { "no" },
            thousands(p.price_usd),
            cites(p.sources),
            cell(p.note)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_in_id_order() {
        for (i, p) in PRODUCTS.iter().enumerate() {
            assert_eq!(p.id as usize, i, "{} out of order", p.key);
            assert_eq!(ProductId::from_key(p.key), Some(p.id));
        }
        for (i, v) in VENDORS.iter().enumerate() {
            assert_eq!(v.id as usize, i, "{} out of order", v.key);
        }
    }

    #[test]
    fn every_row_cites_known_sources() {
        let rows = PRODUCTS
            .iter()
            .map(|p| (p.key, p.sources))
            .chain(VENDORS.iter().map(|v| (v.key, v.sources)));
        for (key, sources) in rows {
            assert!(!sources.is_empty(), "{key} cites nothing");
            for s in sources {
                assert!(
                    super::super::sources::find(s).is_some(),
                    "{key} cites unknown {s}"
                );
            }
        }
    }

    #[test]
    fn vendor_shares_add_up_to_one() {
        let total: f64 = VENDORS.iter().map(|v| v.share).sum();
        assert!((total - 1.0).abs() < 1e-12, "shares add up to {total}");
    }

    #[test]
    fn a_vendors_products_are_in_launch_order_and_never_need_fewer_stacks() {
        for v in &VENDORS {
            let rows: Vec<&Product> = PRODUCTS.iter().filter(|p| p.vendor == v.id).collect();
            assert!(!rows.is_empty(), "{} has no product", v.key);
            for pair in rows.windows(2) {
                assert!(launch_time(pair[0]) <= launch_time(pair[1]));
                assert!(pair[0].hbm_stacks <= pair[1].hbm_stacks);
            }
        }
    }

    #[test]
    fn each_vendors_mix_adds_up_to_one_once_ramped() {
        for year in 2020..=2050 {
            for delay in [0.0, 1.0, 3.0] {
                let m: [f64; PRODUCT_COUNT] = mix(year, delay);
                for v in &VENDORS {
                    let total: f64 = PRODUCTS
                        .iter()
                        .filter(|p| p.vendor == v.id)
                        .map(|p| m[p.id as usize])
                        .sum();
                    assert!(total <= 1.0 + 1e-12);
                    if year >= 2025 {
                        assert!((total - 1.0).abs() < 1e-12, "{} {year}: {total}", v.key);
                    }
                }
            }
        }
    }

    #[test]
    fn the_newest_product_takes_over() {
        let m: [f64; PRODUCT_COUNT] = mix(2025, 0.0);
        let b = m[ProductId::Ascend910B as usize];
        let c = m[ProductId::Ascend910C as usize];
        assert!(c > 0.5 && c < 0.6 && (b + c - 1.0).abs() < 1e-12, "{b} {c}");
        let m: [f64; PRODUCT_COUNT] = mix(2030, 0.0);
        assert_eq!(m[ProductId::Ascend970 as usize], 1.0);
        // A delay holds the roadmap back.
        assert_eq!(mix::<f64>(2026, 1.0)[ProductId::Ascend950PR as usize], 0.0);
        let (_, h) = vendor_shares(VENDORS[Vendor::Huawei as usize].share);
        assert_eq!(h[Vendor::MooreThreads as usize], 0.0);
        assert!((h.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
