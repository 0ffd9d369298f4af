//! The bibliography: every source the project's numbers rest on, each under a short stable key
//! that levers, parameters, scenario files, tests and docs cite as `[key]`.
//!
//! This table is the one source of truth; `docs/sources.md` is rendered from it by [`markdown`]
//! (a test keeps the two equal). Keys are lower snake case, `publisher_topic_yyyy`, and never
//! change once cited. Derived values cite [`DERIVED`] and state their arithmetic where used.
//!
//! Conventions: `publisher` is the original outlet or author; `via` names the syndication,
//! mirror or summary actually read when that differs. A title in square brackets is a
//! description, because the page's own title was not recorded; other titles are as recorded
//! or read from the page's address, and `…` marks one recorded only in part. `date` is the
//! publication date as precisely as known (`2025-09-08`, `2025-09`, `2025`); for policy pages
//! whose date was not recorded it is the date of the measure they report. `note` is `unconfirmed` or `contested`
//! where the claim the project takes from the page is flagged so, and empty otherwise.

use std::fmt::Write as _;

/// The key of the project's own arithmetic or judgement.
pub const DERIVED: &str = "chipcast_derived";

/// One source: a page (or document) and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Citation {
    /// Short stable citation key, lower snake case: `publisher_topic_yyyy`.
    pub key: &'static str,
    /// What the source is mainly about; groups the bibliography.
    pub topic: Topic,
    /// The publisher or author, e.g. "SemiAnalysis" or "Gregory C. Allen, CSIS".
    pub publisher: &'static str,
    /// The page's title, or a `[description]` where the title was not recorded.
    pub title: &'static str,
    /// "2025-09-08", "2025-09" or "2025".
    pub date: &'static str,
    /// The address of the page actually read.
    pub url: &'static str,
    /// "" or the syndication, mirror or summary actually read.
    pub via: &'static str,
    /// "unconfirmed", "contested" or "".
    pub note: &'static str,
}

/// The bibliography's sections, in the order `docs/sources.md` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// The seed article and the sources it names, cited through it.
    Seed,
    /// Export controls, rules and China's responses, by date.
    Policy,
    /// Fab capacity, accelerator output and yields.
    Capacity,
    /// Die sizes, advanced packaging and the TSMC die bank.
    Dies,
    /// High-bandwidth memory: production, imports and stockpiles.
    Hbm,
    /// Accelerator performance and aggregate compute.
    Performance,
    /// Smuggling and diversion of US accelerators.
    Smuggling,
    /// State investment and the Chinese accelerator vendors.
    Investment,
    /// US vendors' sales to China.
    Vendors,
    /// Chip roadmaps and launch dates.
    Roadmap,
    /// The project's own arithmetic and judgement (`chipcast_derived`).
    Derived,
}

impl Topic {
    /// Every topic, in the order the bibliography lists its sections.
    pub const ALL: [Topic; 11] = [
        Topic::Seed,
        Topic::Policy,
        Topic::Capacity,
        Topic::Dies,
        Topic::Hbm,
        Topic::Performance,
        Topic::Smuggling,
        Topic::Investment,
        Topic::Vendors,
        Topic::Roadmap,
        Topic::Derived,
    ];

    /// The section heading.
    pub fn title(self) -> &'static str {
        match self {
            Topic::Seed => "The seed article and the sources it names (cited through it)",
            Topic::Policy => "Policy: controls, rules and responses, by date",
            Topic::Capacity => "Capacity, output and yields",
            Topic::Dies => "Dies, packaging and the die bank",
            Topic::Hbm => "HBM",
            Topic::Performance => "Performance and aggregate compute",
            Topic::Smuggling => "Smuggling and diversion",
            Topic::Investment => "Investment and Chinese vendors",
            Topic::Vendors => "US vendor sales",
            Topic::Roadmap => "Chip roadmaps",
            Topic::Derived => "The project's own work",
        }
    }
}

impl Citation {
    /// One line: `Publisher, "Title", date, address`, then where it was read and its flag.
    /// A bracketed description stands without quotes.
    pub fn citation(&self) -> String {
        let mut s = String::from(self.publisher);
        if self.title.starts_with('[') {
            let _ = write!(s, ", {}", self.title);
        } else {
            let _ = write!(s, ", \"{}\"", self.title);
        }
        let _ = write!(s, ", {}, {}", self.date, self.url);
        if !self.via.is_empty() {
            let _ = write!(s, " (via {})", self.via);
        }
        if !self.note.is_empty() {
            let _ = write!(s, " [{}]", self.note);
        }
        s
    }
}

/// The source with this key.
pub fn find(key: &str) -> Option<&'static Citation> {
    SOURCES.iter().find(|s| s.key == key)
}

/// Whether `key` has the shape of a citation key: lower-case ASCII letters, digits and single
/// underscores, starting with a letter or digit and ending with a digit or letter.
pub fn is_key_shaped(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !key.starts_with('_')
        && !key.ends_with('_')
        && !key.contains("__")
}

/// `docs/sources.md`: the whole table, grouped by topic, in table order within a topic.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("# Sources\n\n");
    out.push_str(
        "Every figure in chipcast rests on one of the sources below, cited by its key in square\n\
         brackets, e.g. `[semianalysis_ascend_ramp_2025]`: in the lever table, the model's\n\
         parameters, scenario files, tests and these docs. Values the project worked out itself\n\
         cite `[chipcast_derived]` and state their arithmetic or judgement where they are used.\n\n\
         This file is generated. The one source of truth is the table `SOURCES` in\n\
         `src/model/sources.rs`; edit it there, then run\n\
         `CHIPCAST_BLESS=1 cargo test --test sources_doc` to rewrite this file (the test fails\n\
         while the two differ).\n\n\
         Many pages are syndications or mirrors of the original outlet: **publisher** names the\n\
         original, **via** the page actually read. A title in square brackets is a description,\n\
         because the page's own title was not recorded. **Note** flags a claim that only one weak\n\
         page supports (unconfirmed) or that another source disputes (contested).\n",
    );
    for topic in Topic::ALL {
        let _ = write!(out, "\n## {}\n", topic.title());
        for s in SOURCES.iter().filter(|s| s.topic == topic) {
            let _ = write!(out, "\n- `{}`\n", s.key);
            let _ = writeln!(out, "  - publisher: {}", s.publisher);
            let _ = writeln!(out, "  - title: {}", s.title);
            let _ = writeln!(out, "  - date: {}", s.date);
            let _ = writeln!(out, "  - address: `{}`", s.url);
            if !s.via.is_empty() {
                let _ = writeln!(out, "  - via: {}", s.via);
            }
            if !s.note.is_empty() {
                let _ = writeln!(out, "  - note: **{}**", s.note);
            }
        }
    }
    out
}

/// Every source, grouped by topic. Append new entries; never rename a key once cited.
pub static SOURCES: &[Citation] = &[
    Citation {
        key: "ainvest_seed_2025",
        topic: Topic::Seed,
        publisher: "AInvest Newsletter (AI-written)",
        title: "[The project's seed article: China's AI-chip divergence under US export controls, for investors]",
        date: "2025-12-11",
        url: "https://www.ainvest.com",
        via: "stored copy of the newsletter text; no article address was recorded",
        note: "",
    },
    Citation {
        key: "crs_export_controls_r48642_2025",
        topic: Topic::Seed,
        publisher: "Congressional Research Service",
        title: "U.S. Export Controls and China: Advanced Semiconductors (R48642)",
        date: "2025",
        url: "https://www.congress.gov/crs-product/R48642",
        via: "",
        note: "",
    },
    Citation {
        key: "ai_frontiers_export_controls_2025",
        topic: Topic::Seed,
        publisher: "AI Frontiers",
        title: "How US Export Controls Have (and Haven't) Curbed …",
        date: "2025",
        url: "https://ai-frontiers.org/articles/us-chip-export_controls-china-ai",
        via: "",
        note: "",
    },
    Citation {
        key: "wef_china_ai_2025",
        topic: Topic::Seed,
        publisher: "World Economic Forum",
        title: "Why China's AI Breakthroughs Should Come as No Surprise",
        date: "2025-06",
        url: "https://www.weforum.org/stories/2025/06/china-ai-breakthroughs-no-surprise/",
        via: "",
        note: "",
    },
    Citation {
        key: "mbn_triple_output_2025",
        topic: Topic::Seed,
        publisher: "Mexico Business News",
        title: "China to Triple AI Chip Output by 2025 Amid US Export Curbs",
        date: "2025-08",
        url: "https://mexicobusiness.news/cloudanddata/news/china-triple-ai-chip-output-2025-amid-us-export-curbs",
        via: "",
        note: "",
    },
    Citation {
        key: "gtsl_loopholes_2022",
        topic: Topic::Policy,
        publisher: "Global Trade & Sanctions Law",
        title: "Loopholes in Export Controls…",
        date: "2022",
        url: "https://www.globaltradeandsanctionslaw.com/loopholes-export-controls-advanced-computing-semiconductor-manufacturing/",
        via: "",
        note: "",
    },
    Citation {
        key: "cset_bis_update_2023",
        topic: Topic::Policy,
        publisher: "CSET, Georgetown University",
        title: "BIS 2023 Update Explainer",
        date: "2023-10",
        url: "https://cset.georgetown.edu/article/bis-2023-update-explainer",
        via: "",
        note: "",
    },
    Citation {
        key: "akin_gump_ac_sme_2023",
        topic: Topic::Policy,
        publisher: "Akin Gump",
        title: "Commerce Imposes Significant New Controls on Advanced Semiconductors",
        date: "2023-10",
        url: "https://akingump.com/en/insights/alerts/commerce-imposes-significant-new-controls-on-advanced-semiconductors",
        via: "",
        note: "",
    },
    Citation {
        key: "reuters_ascend_ramp_2024",
        topic: Topic::Policy,
        publisher: "Reuters",
        title: "SMIC and Huawei of China Will Ramp Up Production of the Newest AI Chip",
        date: "2024-11-21",
        url: "https://financialpost.us/2024/11/21/smic-and-huawei-of-china-will-ramp-up-production-of-the-newest-ai-chip-2",
        via: "Financial Post mirror of Reuters",
        note: "",
    },
    Citation {
        key: "trendforce_big_fund_iii_2024",
        topic: Topic::Policy,
        publisher: "TrendForce",
        title: "China's Big Fund Phase Three Commences, Injecting 344 Billion RMB into Semiconductor Industry Growth",
        date: "2024-05-27",
        url: "https://trendforce.com/news/2024/05/27/news-chinas-big-fund-phase-three-commences-injecting-344-billion-rmb-into-semiconductor-industry-growth",
        via: "",
        note: "",
    },
    Citation {
        key: "reuters_tsmc_sophgo_2024",
        topic: Topic::Policy,
        publisher: "Reuters",
        title: "TSMC Halts Shipments to Sophgo After Chip Found in Huawei Product",
        date: "2024-10-23",
        url: "https://www.nasdaq.com/articles/tsmc-halts-shipments-sophgo-after-chip-found-huawei-product-reuters-says",
        via: "Nasdaq syndication of Reuters",
        note: "",
    },
    Citation {
        key: "thompson_hine_hbm_rule_2024",
        topic: Topic::Policy,
        publisher: "Thompson Hine",
        title: "BIS Seeks to Further Strengthen Export Controls Targeting China's Advanced Semiconductor Industry",
        date: "2024-12",
        url: "https://www.thompsonhinesmartrade.com/2024/12/bis-seeks-to-further-strengthen-export-controls-targeting-chinas-advanced-semiconductor-industry/",
        via: "",
        note: "",
    },
    Citation {
        key: "bis_hbm_rule_2024",
        topic: Topic::Policy,
        publisher: "US Bureau of Industry and Security",
        title: "Foreign-Produced Direct Product Rule Additions, and Refinements to Controls for Advanced Computing and Semiconductor Manufacturing Items (89 FR 96790)",
        date: "2024-12-05",
        url: "https://regulations.justia.com/regulations/fedreg/2024/12/05/2024-28270.html",
        via: "Justia copy of the Federal Register",
        note: "",
    },
    Citation {
        key: "ussc_diffusion_rule_2025",
        topic: Topic::Policy,
        publisher: "United States Studies Centre",
        title: "The US AI Diffusion Rule",
        date: "2025-01",
        url: "https://www.ussc.edu.au/the-us-ai-diffusion-rule",
        via: "",
        note: "",
    },
    Citation {
        key: "econotimes_singapore_fraud_2025",
        topic: Topic::Policy,
        publisher: "EconoTimes",
        title: "Singapore Fraud Case Tied to Nvidia AI Chip Shipments to China",
        date: "2025-03",
        url: "https://www.econotimes.com/Singapore-Fraud-Case-Tied-to-Nvidia-AI-Chip-Shipments-to-China-1703328",
        via: "",
        note: "",
    },
    Citation {
        key: "tomshardware_h20_writeoff_2025",
        topic: Topic::Policy,
        publisher: "Tom's Hardware",
        title: "Nvidia Writes Off $5.5 Billion in GPUs as US Govt Chokes Off Supply of H20s to China",
        date: "2025-04-15",
        url: "https://www.tomshardware.com/tech-industry/artificial-intelligence/nvidia-writes-off-usd5-5-billion-in-gpus-as-us-govt-chokes-off-supply-of-h20s-to-china",
        via: "",
        note: "",
    },
    Citation {
        key: "steptoe_diffusion_rescission_2025",
        topic: Topic::Policy,
        publisher: "Steptoe",
        title: "Trump Administration Charts New Path on AI Export Controls With Significant New Guidance and Rescission of Diffusion Rule",
        date: "2025-05-13",
        url: "https://www.steptoe.com/en/news-publications/international-compliance-blog/trump-administration-charts-new-path-on-ai-export-controls-with-significant-new-guidance-and-rescission-of-diffusion-rule.html",
        via: "",
        note: "",
    },
    Citation {
        key: "dnh_malaysia_stp_2025",
        topic: Topic::Policy,
        publisher: "DNH (Donovan & Ho)",
        title: "MITI Directive on Export, Transshipment and Transit of Advanced Artificial Intelligence Chips",
        date: "2025-07-14",
        url: "https://dnh.com.my/miti-directive-on-export-transshipment-and-transit-of-advanced-artificial-intelligence-chips",
        via: "",
        note: "",
    },
    Citation {
        key: "thesun_malaysia_stp_2025",
        topic: Topic::Policy,
        publisher: "The Sun (Malaysia)",
        title: "Malaysia Requires Permits for US-Origin AI Chip Exports to Tighten Regulations",
        date: "2025-07-14",
        url: "https://thesun.my/malaysia-news/malaysia-requires-permits-for-us-origin-ai-chip-exports-to-tighten-regulations-MH14468253",
        via: "",
        note: "",
    },
    Citation {
        key: "monexa_revenue_share_2025",
        topic: Topic::Policy,
        publisher: "Monexa",
        title: "[Nvidia (NVDA): the 15% China revenue share and FY25 financials]",
        date: "2025-08-12",
        url: "https://www.monexa.ai/blog/nvidia-nvda-15-china-revenue-share-and-fy25-financ-NVDA-2025-08-12",
        via: "",
        note: "",
    },
    Citation {
        key: "36kr_ue8m0_2025",
        topic: Topic::Policy,
        publisher: "36Kr",
        title: "[DeepSeek V3.1 ships UE8M0 FP8 for next-generation domestic chips; CAC summons Nvidia over the H20]",
        date: "2025-08",
        url: "https://eu.36kr.com/en/p/3433365413318016",
        via: "",
        note: "",
    },
    Citation {
        key: "ft_triple_output_2025",
        topic: Topic::Policy,
        publisher: "Financial Times",
        title: "China Plans to Triple AI Chip Production to Cut Reliance on Nvidia",
        date: "2025-08-27",
        url: "https://www.business-standard.com/amp/world-news/china-plans-to-triple-ai-chip-production-to-cut-reliance-on-nvidia-report-125082700683_1.html",
        via: "Business Standard report of the FT",
        note: "",
    },
    Citation {
        key: "ft_triple_output_ht_2025",
        topic: Topic::Policy,
        publisher: "Financial Times",
        title: "China Aims to Triple AI Chip Production in 2026 to Cut Nvidia Dependency",
        date: "2025-08-27",
        url: "https://www.hindustantimes.com/business/china-aims-to-triple-ai-chip-production-in-2026-to-cut-nvidia-dependency-101756293702930.html",
        via: "Hindustan Times report of the FT",
        note: "",
    },
    Citation {
        key: "rtp_huawei_chip_2025",
        topic: Topic::Policy,
        publisher: "RTP",
        title: "Huawei anuncia que lançará em 2026 novo chip de inteligência artificial",
        date: "2025-09-18",
        url: "https://www.rtp.pt/noticias/economia/huawei-anuncia-que-lancara-em-2026-novo-chip-de-inteligencia-artificial_n1684438",
        via: "",
        note: "",
    },
    Citation {
        key: "reuters_domestic_chips_dc_2025",
        topic: Topic::Policy,
        publisher: "Reuters",
        title: "China Bans, Restricts Nvidia, Foreign AI Chips in Data Centres",
        date: "2025-11-05",
        url: "https://www.business-standard.com/amp/world-news/china-bans-restricts-nvidia-foreign-ai-chips-data-centres-125110501115_1.html",
        via: "Business Standard syndication of Reuters",
        note: "",
    },
    Citation {
        key: "asianfin_h200_2025",
        topic: Topic::Policy,
        publisher: "AsianFin",
        title: "[US approves H200 sales to approved customers in China for a 25% revenue share]",
        date: "2025-12-08",
        url: "https://www.asianfin.com/articles/229738",
        via: "",
        note: "",
    },
    Citation {
        key: "aai_h200_conditions_2026",
        topic: Topic::Policy,
        publisher: "All About Industries",
        title: "H200 in China: Clarifications, Blockades, an Unclear Crowd Situation",
        date: "2026-01",
        url: "https://www.all-about-industries.com/h200-in-china-clarifications-blockades-an-unclear-crowd-situation-a-61914a60521a31ab748d1ffef448bc6a",
        via: "",
        note: "",
    },
    Citation {
        key: "technewsday_h200_customs_2026",
        topic: Topic::Policy,
        publisher: "TechNewsDay",
        title: "Chinese Customs Blocks Nvidia's H200 Imports, Sources Say",
        date: "2026-01",
        url: "https://technewsday.com/chinese-customs-blocks-nvidias-h200-imports-sources-say",
        via: "",
        note: "",
    },
    Citation {
        key: "prismedia_h200_customs_2026",
        topic: Topic::Policy,
        publisher: "Prismedia",
        title: "China Bars Nvidia H200 Chips at Customs After US Export Shift",
        date: "2026-01",
        url: "https://www.prismedia.ai/news/china-bars-nvidia-h200-chips-at-customs-after-us-export-shift",
        via: "",
        note: "",
    },
    Citation {
        key: "english_chronicle_h200_2026",
        topic: Topic::Policy,
        publisher: "The English Chronicle",
        title: "[Nvidia expected more than 1M H200 orders from China before the customs block]",
        date: "2026-01",
        url: "https://theenglishchronicle.com/News/10578",
        via: "",
        note: "",
    },
    Citation {
        key: "semianalysis_ascend_ramp_2025",
        topic: Topic::Capacity,
        publisher: "SemiAnalysis",
        title: "Huawei Ascend Production Ramp: Die Banks, TSMC Continued Production, HBM is The Bottleneck",
        date: "2025-09-08",
        url: "https://podcast-pipeline.pages.dev/digests/2025-09-08_semi-analysis_huawei-ascend-production-ramp-die-banks-tsmc-continued-production-hbm-is-the-bottlenec",
        via: "podcast-pipeline digest",
        note: "",
    },
    Citation {
        key: "nikkei_leading_edge_2026",
        topic: Topic::Capacity,
        publisher: "Nikkei",
        title: "China to Increase Leading-Edge Chip Output by 5x in Two Years",
        date: "2026-02-25",
        url: "https://www.tomshardware.com/tech-industry/semiconductors/china-to-increase-leading-edge-chip-output-by-5x-in-two-years-report-claims-aims-to-lift-7nm-and-5nm-production-to-100-000-wafers-per-month-targeting-half-a-million-monthly-by-2030",
        via: "Tom's Hardware report of Nikkei",
        note: "",
    },
    Citation {
        key: "euno_smic_tools_2026",
        topic: Topic::Capacity,
        publisher: "euno.news",
        title: "China to Increase Leading-Edge Chip Output by 5x",
        date: "2026-02",
        url: "https://euno.news/posts/en/china-to-increase-leading-edge-chip-output-by-5x-fd00a6",
        via: "",
        note: "",
    },
    Citation {
        key: "morgan_stanley_smic_ai_wafers_2025",
        topic: Topic::Capacity,
        publisher: "Morgan Stanley",
        title: "[SMIC AI-chip wafers (~7,000 wpm, ~18,000 by 2027) and usable Ascend 910 yield]",
        date: "2025-09",
        url: "https://igobyte.com/?p=23248",
        via: "igobyte summary",
        note: "",
    },
    Citation {
        key: "newsbytes_huali_7nm_2026",
        topic: Topic::Capacity,
        publisher: "NewsBytes",
        title: "China Aims to Produce 5nm Chips in Massive Quantities",
        date: "2026",
        url: "https://www.newsbytesapp.com/news/business/china-aims-to-produce-5nm-chips-in-massive-quantities/tldr",
        via: "",
        note: "",
    },
    Citation {
        key: "phemex_smic_priority_2025",
        topic: Topic::Capacity,
        publisher: "Phemex",
        title: "Beijing Orders SMIC to Prioritize Huawei Amid US Export Controls",
        date: "2025",
        url: "https://phemex.com/pt/news/article/beijing-orders-smic-to-prioritize-huawei-amid-us-export-controls-35062",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "cdb_smic_results_2026",
        topic: Topic::Capacity,
        publisher: "China Daily Brief",
        title: "[SMIC 2025 results: revenue, capex, capacity, utilisation]",
        date: "2026-02",
        url: "https://chinadailybrief.com/article/698be15c71ff715b7d1a551e",
        via: "",
        note: "",
    },
    Citation {
        key: "evertiq_smic_capacity_2024",
        topic: Topic::Capacity,
        publisher: "Evertiq",
        title: "[SMIC capacity and revenue by region]",
        date: "2024-03",
        url: "https://evertiq.com/design/55327",
        via: "",
        note: "",
    },
    Citation {
        key: "reportify_smic_capacity_2025",
        topic: Topic::Capacity,
        publisher: "Reportify",
        title: "[SMIC capacity added in H1 2025]",
        date: "2025",
        url: "https://reportify.ai/news/1158508407431499776",
        via: "",
        note: "",
    },
    Citation {
        key: "gmt8_smic_capacity_2026",
        topic: Topic::Capacity,
        publisher: "GMT8",
        title: "[SMIC capacity added in Q4 2025]",
        date: "2026",
        url: "https://gmt8press.com/flash/detail/1204009",
        via: "",
        note: "",
    },
    Citation {
        key: "sia_huawei_fabs_2024",
        topic: Topic::Capacity,
        publisher: "Semiconductor Industry Association (reported by Bloomberg)",
        title: "Washington May Sanction Huawei Ring",
        date: "2024-03-20",
        url: "https://www.theregister.com/2024/03/20/washington_may_sanction_huawei_ring/",
        via: "The Register report of Bloomberg",
        note: "unconfirmed",
    },
    Citation {
        key: "trendforce_huawei_fabs_2024",
        topic: Topic::Capacity,
        publisher: "TrendForce",
        title: "US Considers Sanctioning Huawei-Linked Chinese Chip Network; Huawei-Related Enterprises Blacklisted",
        date: "2024-03-21",
        url: "https://www.trendforce.com/news/2024/03/21/news-us-considers-sanctioning-huawei-linked-chinese-chip-network-huawei-related-enterprises-blacklisted/",
        via: "",
        note: "",
    },
    Citation {
        key: "ft_yield_910c_2025",
        topic: Topic::Capacity,
        publisher: "Financial Times",
        title: "Huawei Doubles Production of AI Chips: a Key Step in the Fight for China's Technological Independence",
        date: "2025-02-25",
        url: "https://unn.ua/en/news/huawei-doubles-production-of-ai-chips-a-key-step-in-the-fight-for-chinas-technological-independence",
        via: "UNN report of the FT",
        note: "",
    },
    Citation {
        key: "ft_smic_5nm_cost_2024",
        topic: Topic::Capacity,
        publisher: "Financial Times",
        title: "SMIC to Sell Huawei Costly, Inefficient 5nm Chips",
        date: "2024-02",
        url: "https://asiatimes.com/2024/02/smic-to-sell-huawei-costly-inefficient-5nm-chips",
        via: "Asia Times report of the FT",
        note: "",
    },
    Citation {
        key: "bloomberg_cambricon_yield_2025",
        topic: Topic::Capacity,
        publisher: "Bloomberg",
        title: "This Chinese Chip Giant Is Boosting Production to Try and Take On Nvidia, but How Will Huawei Feel",
        date: "2025-12",
        url: "https://www.techradar.com/pro/this-chinese-chip-giant-is-boosting-production-to-try-and-take-on-nvidia-but-how-will-huawei-feel",
        via: "TechRadar report of Bloomberg",
        note: "",
    },
    Citation {
        key: "rbtfl_smic_yield_2026",
        topic: Topic::Capacity,
        publisher: "rbtfl.xyz (aggregator)",
        title: "[SMIC to double 7nm; Ascend 2026; SMIC yield 30-40% vs TSMC 80%+]",
        date: "2026",
        url: "https://rbtfl.xyz/es/n/smic-7nm-double-ascend-2026.md",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "ft_ascend_output_2025",
        topic: Topic::Capacity,
        publisher: "Financial Times",
        title: "Huawei Ascend 910C Reportedly Hits 40% Yield, Turns Profitable, Aims for 60% Industry Standard",
        date: "2025-02-25",
        url: "https://laotiantimes.com/2025/02/26/digitimes-asia-huawei-ascend-910c-reportedly-hits-40-yield-turns-profitable-aims-for-60-industry-standard/",
        via: "DIGITIMES Asia report of the FT, reprinted by Laotian Times",
        note: "",
    },
    Citation {
        key: "reuters_bytedance_orders_2024",
        topic: Topic::Capacity,
        publisher: "Reuters",
        title: "[Huawei aims to mass-produce its newest AI chip in early 2025; ByteDance's 910B orders]",
        date: "2024-11",
        url: "https://vietnam.vn/en/huawei-dat-muc-tieu-san-xuat-chip-ai-toi-tan-vao-dau-nam-2025",
        via: "Vietnam.vn report of Reuters",
        note: "",
    },
    Citation {
        key: "bis_kessler_testimony_2025",
        topic: Topic::Capacity,
        publisher: "Jeffrey Kessler, US Under Secretary of Commerce for Industry and Security",
        title: "Huawei to Produce No More Than 200,000 Advanced AI Chips in 2025",
        date: "2025-06-12",
        url: "https://ng.investing.com/news/stock-market-news/huawei-to-produce-no-more-than-200000-advanced-ai-chips-in-2025-93CH-1965251",
        via: "Investing.com report of House testimony",
        note: "",
    },
    Citation {
        key: "bloomberg_ascend_dies_2025",
        topic: Topic::Capacity,
        publisher: "Bloomberg",
        title: "[Huawei to make about 1M Ascend dies in 2025, including dies from inventory]",
        date: "2025-09-30",
        url: "https://www.japantimes.co.jp/business/2025/09/30/tech/huawei-ai-chip-nvidia-china",
        via: "Japan Times syndication of Bloomberg",
        note: "",
    },
    Citation {
        key: "thenews_ascend_dies_2025",
        topic: Topic::Capacity,
        publisher: "The News (Pakistan)",
        title: "[Bloomberg-based report on Huawei's Ascend output]",
        date: "2025-10",
        url: "https://www.thenews.com.pk",
        via: "report of Bloomberg; no article address was recorded, only the site",
        note: "",
    },
    Citation {
        key: "exportsemi_domestic_shipments_2025",
        topic: Topic::Capacity,
        publisher: "ExportSemi",
        title: "Domestic Chips Break into China Server Ecosystem with 820,000 Shipments",
        date: "2025",
        url: "https://exportsemi.com/company-post/domestic-chips-break-into-china-server-ecosystem-with-820000-shipments",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "idc_china_ai_servers_2025",
        topic: Topic::Capacity,
        publisher: "IDC",
        title: "[China accelerated-server market: $22.1B in 2024 (+134%), over $100B by 2029]",
        date: "2025",
        url: "https://exportsemi.com/company-post/domestic-chips-break-into-china-server-ecosystem-with-820000-shipments",
        via: "ExportSemi report of IDC",
        note: "",
    },
    Citation {
        key: "hardwareluxx_910b_die_2024",
        topic: Topic::Dies,
        publisher: "Hardwareluxx",
        title: "Huawei HiSilicon Ascend 910B: Wechsel auf chinesische Fertigung zeigt deutliche Unterschiede",
        date: "2024-12",
        url: "https://www.hardwareluxx.de/index.php/news/hardware/prozessoren/65016-huawei-hisilicon-ascend-910-b-wechsel-auf-chinesische-fertigung-zeigt-deutliche-unterschiede.html",
        via: "",
        note: "",
    },
    Citation {
        key: "csis_allen_deepseek_2025",
        topic: Topic::Dies,
        publisher: "Gregory C. Allen, CSIS",
        title: "DeepSeek, Huawei, Export Controls, and the Future of the U.S.-China AI Race",
        date: "2025-03",
        url: "https://milthink.com/detail/73056",
        via: "milthink.com full-text mirror",
        note: "",
    },
    Citation {
        key: "csis_allen_summary_2025",
        topic: Topic::Dies,
        publisher: "4nownews (summary of Gregory C. Allen, CSIS)",
        title: "Huawei Can Produce Millions of AI Chips a Year Despite Sanctions, US Experts Find",
        date: "2025-03",
        url: "https://4nownews.com/technology-and-it-market-news/huawei-can-produce-millions-of-ai-chips-a-year-despite-sanctions-us-experts-find/amp",
        via: "truncated excerpt",
        note: "unconfirmed",
    },
    Citation {
        key: "wm_ascend_die_origin_2025",
        topic: Topic::Dies,
        publisher: "wm.org.tr",
        title: "[The 910B/910C compute die is SMIC-made; the TSMC part is the original Ascend 910 die]",
        date: "2025-03",
        url: "https://wm.org.tr/?p=131768",
        via: "",
        note: "contested",
    },
    Citation {
        key: "techinsights_kirin_9030_2025",
        topic: Topic::Dies,
        publisher: "TechInsights",
        title: "Huawei Kirin 9030 Chip Relies on SMIC",
        date: "2025-12",
        url: "https://www.technetbooks.com/2025/12/huawei-kirin-9030-chip-relies-on-smic.html",
        via: "TechNetBooks report of TechInsights",
        note: "",
    },
    Citation {
        key: "phonearena_kirin_9030_2025",
        topic: Topic::Dies,
        publisher: "PhoneArena",
        title: "Kirin 9030 Pro Built Using Multi-Patterning",
        date: "2025-11",
        url: "https://www.phonearena.com/news/kirin-9030-pro-built-using-multi-patterning_id176123",
        via: "",
        note: "",
    },
    Citation {
        key: "techinsights_910c_teardown_2025",
        topic: Topic::Dies,
        publisher: "TechInsights (reported by SCMP)",
        title: "[910C teardown: TSMC dies and Samsung/SK Hynix HBM2E]",
        date: "2025",
        url: "https://semiwiki.com/forum/posts/93056",
        via: "SemiWiki forum post quoting SCMP",
        note: "",
    },
    Citation {
        key: "reuters_samsung_hbm_stockpile_2024",
        topic: Topic::Hbm,
        publisher: "Reuters",
        title: "Chinese Firms Stockpile High-End Samsung Chips as They Await New US Curbs",
        date: "2024-08",
        url: "https://virginradiodubai.com/trending/business-news/chinese-firms-stockpile-high-end-samsung-chips-as-they-await-new-us-curbs",
        via: "Virgin Radio Dubai syndication of Reuters",
        note: "",
    },
    Citation {
        key: "ko_hbm_brake_2025",
        topic: Topic::Hbm,
        publisher: "Komp'yuterne Obozrenie (ko.com.ua)",
        title: "[HBM memory holds back China's AI ambitions (on SemiAnalysis)]",
        date: "2025-09",
        url: "https://ko.com.ua/hbm-pam_yat_galmuye_ai-ambiciyi_kitayu_151283",
        via: "",
        note: "",
    },
    Citation {
        key: "digitimes_cxmt_hbm2_2024",
        topic: Topic::Hbm,
        publisher: "DigiTimes",
        title: "China's CXMT Begins Mass-Producing HBM2 Memory Well Ahead of Schedule",
        date: "2024",
        url: "https://www.kernel-sesias.net/chinas-cxmt-begins-mass-producing-hbm2-memory-well-ahead-of-schedule-2026-was-the-previously-telegraphed-target/",
        via: "mirror of Tom's Hardware's report of DigiTimes",
        note: "",
    },
    Citation {
        key: "ibytenews_cxmt_hbm3_2025",
        topic: Topic::Hbm,
        publisher: "iByteNews",
        title: "[CXMT ships HBM3 samples to Huawei]",
        date: "2025",
        url: "https://ibytenews.com/?p=7583",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "partofstyle_cxmt_hbm3_2026",
        topic: Topic::Hbm,
        publisher: "PartOfStyle",
        title: "China's Top Memory Giant Stalls at the HBM3 Hurdle as Homegrown DRAM Rivals Race into HBM Production",
        date: "2026-04",
        url: "https://partofstyle.com/chinas-top-memory-giant-stalls-at-the-hbm3-hurdle-as-homegrown-dram-rivals-race-into-hbm-production/",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "manifold_cxmt_hbm3_2026",
        topic: Topic::Hbm,
        publisher: "Manifold Markets",
        title: "[Will CXMT reach mass production of HBM3?]",
        date: "2026",
        url: "https://manifold.markets/LucasKlein/will-cxmt-reach-mass-production-of",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "altusintel_xmc_hbm_2024",
        topic: Topic::Hbm,
        publisher: "AltusIntel",
        title: "[XMC (Wuhan Xinxin) builds an HBM plant of 3,000 12-inch wpm]",
        date: "2024",
        url: "https://altusintel.com/public-yyc5hm",
        via: "",
        note: "",
    },
    Citation {
        key: "exame_910c_h100_2025",
        topic: Topic::Performance,
        publisher: "Exame",
        title: "DeepSeek diz que chip de IA da Huawei atinge 60% da performance de um H100 da Nvidia",
        date: "2025-02",
        url: "https://exame.com/inteligencia-artificial/deepseek-diz-que-chip-de-ia-da-huawei-atinge-60-da-performance-de-um-h100-da-nvidia/",
        via: "",
        note: "",
    },
    Citation {
        key: "semianalysis_cloudmatrix_2025",
        topic: Topic::Performance,
        publisher: "SemiAnalysis",
        title: "[Huawei CloudMatrix 384 vs Nvidia GB200 NVL72]",
        date: "2025-04",
        url: "https://www.techpowerup.com/forums/posts/5498099",
        via: "TechPowerUp forum post quoting SemiAnalysis",
        note: "",
    },
    Citation {
        key: "epium_cloudmatrix_2025",
        topic: Topic::Performance,
        publisher: "Epium",
        title: "Huawei CloudMatrix 384 Outperforms Nvidia GB200 NVL72",
        date: "2025-04",
        url: "https://epium.com/news/huawei-cloudmatrix-384-outperforms-nvidia-gb200-nvl72/",
        via: "",
        note: "",
    },
    Citation {
        key: "marketguide_910c_2025",
        topic: Topic::Performance,
        publisher: "MarketGuide",
        title: "Comparing Huawei's Rack-Scale Specter to Nvidia's Top-Tier Performance",
        date: "2025-07",
        url: "https://marketguide.top/en/comparing-huaweis-rack-scale-specter-to-nvidias-top-tier-performance",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "bernstein_ascend_950_2025",
        topic: Topic::Performance,
        publisher: "Bernstein",
        title: "[Ascend 950 at ~6% of Nvidia's VR200 superchip]",
        date: "2025-10",
        url: "https://www.thenews.com.pk",
        via: "Bloomberg-based report in The News (Pakistan); no article address was recorded, only the site",
        note: "",
    },
    Citation {
        key: "reportify_cambricon_590_2025",
        topic: Topic::Performance,
        publisher: "Reportify",
        title: "[Cambricon Siyuan 590 at ~80% of A100 efficiency in large-model training]",
        date: "2025-08",
        url: "https://reportify.ai/news/1158059365681467392",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "lavx_zhenwu_810e_2026",
        topic: Topic::Performance,
        publisher: "LAVX News",
        title: "Alibaba's T-Head Unveils Zhenwu AI Chip, Challenging Nvidia's H20 in China's High-Performance Computing Race",
        date: "2026-01-29",
        url: "https://news.lavx.hu/article/alibaba-s-t-head-unveils-zhenwu-ai-chip-challenging-nvidia-s-h20-in-china-s-high-performance-computing-race",
        via: "",
        note: "",
    },
    Citation {
        key: "epoch_compute_ownership_2026",
        topic: Topic::Performance,
        publisher: "Epoch AI",
        title: "[Who owns the world's AI compute: US hyperscalers over 60%, Chinese companies just over 5%]",
        date: "2026",
        url: "https://threadreaderapp.com/thread/2041241187252945071.html",
        via: "Thread Reader copy of the thread",
        note: "",
    },
    Citation {
        key: "epoch_gpu_clusters_2025",
        topic: Topic::Performance,
        publisher: "Epoch AI",
        title: "[Share of global GPU-cluster performance: US ~75%, China ~15%]",
        date: "2025",
        url: "https://sinodefenceforum.com/t/artificial-intelligence-thread.9058/post-1240765",
        via: "Sino Defence Forum quote (secondary)",
        note: "",
    },
    Citation {
        key: "epoch_nvidia_stock_2025",
        topic: Topic::Performance,
        publisher: "Epoch AI",
        title: "The Stock of Computing Power from NVIDIA Chips Is Doubling Every 10 Months",
        date: "2025-02-13",
        url: "https://epoch.ai/data-insights/nvidia-chip-production",
        via: "",
        note: "",
    },
    Citation {
        key: "bernstein_dc_power_2025",
        topic: Topic::Performance,
        publisher: "Bernstein",
        title: "[Data-centre power added in 2024: China 3.9 GW, US 5.3 GW]",
        date: "2025-11",
        url: "https://www.binance.bh/en/square/post/33050052152258",
        via: "Binance Square post",
        note: "",
    },
    Citation {
        key: "deepseek_v3_report_2024",
        topic: Topic::Performance,
        publisher: "DeepSeek-AI",
        title: "DeepSeek-V3 Technical Report",
        date: "2024-12-27",
        url: "https://arxiv.org/abs/2412.19437",
        via: "",
        note: "",
    },
    Citation {
        key: "tweaktown_r1_ascend_2025",
        topic: Topic::Performance,
        publisher: "TweakTown",
        title: "DeepSeek R1 Was Trained on Nvidia H800 AI GPUs, Inferencing Is Done on Huawei 910C Chips",
        date: "2025-01-28",
        url: "https://www.tweaktown.com/news/102848/deepseek-r1-was-trained-on-nvidia-h800-ai-gpus-inferencing-is-done-huawei-910c-chips/index.html",
        via: "",
        note: "",
    },
    Citation {
        key: "cnas_smuggling_2025",
        topic: Topic::Smuggling,
        publisher: "CNAS",
        title: "Countering AI Chip Smuggling Has Become a National Security Priority",
        date: "2025-06-11",
        url: "https://www.cnas.org/publications/reports/countering-ai-chip-smuggling-has-become-a-national-security-priority",
        via: "",
        note: "",
    },
    Citation {
        key: "cnas_smuggling_2023",
        topic: Topic::Smuggling,
        publisher: "CNAS",
        title: "Preventing AI Chip Smuggling to China",
        date: "2023-10-24",
        url: "https://cnas.org/publications/reports/preventing-ai-chip-smuggling-to-china",
        via: "",
        note: "",
    },
    Citation {
        key: "ft_smuggling_2025",
        topic: Topic::Smuggling,
        publisher: "Financial Times",
        title: "Over $1B in Banned Nvidia Chips Flow into China",
        date: "2025-07-24",
        url: "https://www.newsbytesapp.com/news/science/over-1b-in-banned-nvidia-chips-flow-into-china/story",
        via: "NewsBytes report of the FT",
        note: "",
    },
    Citation {
        key: "cryptopolitan_singapore_bail_2025",
        topic: Topic::Smuggling,
        publisher: "Cryptopolitan",
        title: "Nvidia Chip Smugglers Get Bail in $390M Fraud",
        date: "2025-03",
        url: "https://www.cryptopolitan.com/nvidia-chip-smugglers-get-bail-390m-fraud/",
        via: "",
        note: "",
    },
    Citation {
        key: "semiwiki_evading_controls_2023",
        topic: Topic::Smuggling,
        publisher: "SemiWiki forum",
        title: "Chinese Firms Are Evading Chip Controls",
        date: "2023",
        url: "https://semiwiki.com/forum/threads/chinese-firms-are-evading-chip-controls.18616",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "et_india_diffusion_2025",
        topic: Topic::Smuggling,
        publisher: "The Economic Times",
        title: "Big Breather for Indian Cloud, Data Companies as US Scraps Biden-Era AI Chip Curbs",
        date: "2025-05",
        url: "https://8169.read.newszop.com/english-news/publisher-et/tech/big-breather-for-indian-cloud,-data-companies-as-us-scraps-biden-era-ai-chip-curbs/articleshow/14504820c53b347f824dddb3d0f57e1fa8ca0317",
        via: "Newszop syndication of the Economic Times",
        note: "unconfirmed",
    },
    Citation {
        key: "xinhua_alibaba_capex_2025",
        topic: Topic::Investment,
        publisher: "Xinhua",
        title: "[Alibaba to invest at least RMB 380bn in cloud and AI hardware over three years]",
        date: "2025-02-24",
        url: "https://english.jschina.com.cn/M/China/202502/t20250224_8459658.shtml",
        via: "JSChina syndication of Xinhua",
        note: "",
    },
    Citation {
        key: "wsj_ai_chip_ipos_2025",
        topic: Topic::Investment,
        publisher: "The Wall Street Journal",
        title: "China's AI Chip Push Accelerates with $16.6 Billion in Planned IPOs",
        date: "2025",
        url: "https://ng.investing.com/news/stock-market-news/chinas-ai-chip-push-accelerates-with-166-billion-in-planned-ipos-1990478",
        via: "Investing.com report of the WSJ",
        note: "",
    },
    Citation {
        key: "asiaict_gpu_ipos_2025",
        topic: Topic::Investment,
        publisher: "AsiaICT",
        title: "[Chinese GPU makers' IPOs and revenue]",
        date: "2025",
        url: "http://asiaict.com/ai/13050.html",
        via: "",
        note: "",
    },
    Citation {
        key: "36kr_biren_ipo_2026",
        topic: Topic::Investment,
        publisher: "36Kr",
        title: "[Biren's Hong Kong IPO]",
        date: "2026-01",
        url: "https://eu.36kr.com/en/p/3650412256731265",
        via: "",
        note: "",
    },
    Citation {
        key: "stockanalysis_cambricon_2025",
        topic: Topic::Investment,
        publisher: "StockAnalysis",
        title: "Cambricon Technologies (688256) Financials",
        date: "2025",
        url: "https://stockanalysis.com/quote/sha/688256/financials",
        via: "",
        note: "",
    },
    Citation {
        key: "reportify_gpu_revenue_2025",
        topic: Topic::Investment,
        publisher: "Reportify",
        title: "[Chinese GPU makers' revenue and losses]",
        date: "2025",
        url: "https://reportify.ai/news/1195318500013510656",
        via: "",
        note: "",
    },
    Citation {
        key: "reportify_kunlunxin_revenue_2025",
        topic: Topic::Investment,
        publisher: "Reportify",
        title: "[Kunlunxin revenue projections for 2025 and 2026]",
        date: "2025",
        url: "https://reportify.ai/news/1208002445549113344",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "rcr_unicom_qinghai_2025",
        topic: Topic::Investment,
        publisher: "RCR Wireless News",
        title: "[Alibaba AI chip: China Unicom Qinghai deploys ~23,000 domestic chips]",
        date: "2025-09-18",
        url: "https://www.rcrwireless.com/20250918/ai-infrastructure/alibaba-ai-chip-2",
        via: "",
        note: "",
    },
    Citation {
        key: "straitstimes_ai_chip_customer_2025",
        topic: Topic::Investment,
        publisher: "The Straits Times",
        title: "Alibaba Lands Major Chinese Customer for Its AI Chip",
        date: "2025-08",
        url: "https://www.straitstimes.com/business/companies-markets/alibaba-lands-major-chinese-customer-for-its-ai-chip",
        via: "",
        note: "",
    },
    Citation {
        key: "nvidia_fy2025_call_2025",
        topic: Topic::Vendors,
        publisher: "Nvidia",
        title: "[Q4 FY2025 earnings call transcript]",
        date: "2025-02-26",
        url: "https://reportify.ai/transcripts/1125322309922590720",
        via: "Reportify transcript",
        note: "",
    },
    Citation {
        key: "reportify_nvidia_china_share_2025",
        topic: Topic::Vendors,
        publisher: "Reportify",
        title: "[China's 13% share of Nvidia's FY2025 revenue]",
        date: "2025-11",
        url: "https://reportify.ai/news/1189007320919838720",
        via: "",
        note: "",
    },
    Citation {
        key: "bloomberg_h20_volumes_2025",
        topic: Topic::Vendors,
        publisher: "Bloomberg",
        title: "[About 1M H20s sold in China in 2024]",
        date: "2025",
        url: "https://www.japantimes.co.jp/business/2025/09/30/tech/huawei-ai-chip-nvidia-china",
        via: "Japan Times syndication of Bloomberg (the article of bloomberg_ascend_dies_2025)",
        note: "",
    },
    Citation {
        key: "baystreet_h20_value_2025",
        topic: Topic::Vendors,
        publisher: "Baystreet",
        title: "[H20 sales to China worth about $15B]",
        date: "2025",
        url: "https://ir.baystreet.ca/amp/articles/techinsider.aspx?articleid=110733",
        via: "",
        note: "",
    },
    Citation {
        key: "moneymorning_h20_orders_2025",
        topic: Topic::Vendors,
        publisher: "Money Morning",
        title: "Watch Out Below: Nvidia to Take $5.5 Billion Tariff Writedown",
        date: "2025-04-16",
        url: "https://moneymorning.com/2025/04/16/watch-out-below-nvidia-to-take-5-5-billion-tariff-writedown/",
        via: "",
        note: "",
    },
    Citation {
        key: "ai360_nvidia_q1_fy26_2025",
        topic: Topic::Vendors,
        publisher: "AI-360",
        title: "Nvidia Reports $44.1B Q1 Revenue Despite $4.5B China Export Impact",
        date: "2025-05-28",
        url: "https://www.ai-360.online/nvidia-reports-44-1b-q1-revenue-despite-4-5b-china-export-impact",
        via: "",
        note: "",
    },
    Citation {
        key: "fintool_nvidia_q1_fy26_2025",
        topic: Topic::Vendors,
        publisher: "Fintool",
        title: "[NVDA Q1 FY2026 earnings]",
        date: "2025-05-28",
        url: "https://fintool.com/app/research/companies/NVDA/earnings/Q1%202026",
        via: "",
        note: "",
    },
    Citation {
        key: "huawei_connect_roadmap_2025",
        topic: Topic::Roadmap,
        publisher: "Huawei (Eric Xu, Huawei Connect 2025)",
        title: "[Ascend roadmap: 950PR, 950DT, 960, 970 and Atlas SuperPoDs]",
        date: "2025-09-18",
        url: "https://www.rtp.pt/noticias/economia/huawei-anuncia-que-lancara-em-2026-novo-chip-de-inteligencia-artificial_n1684438",
        via: "RTP report (rtp_huawei_chip_2025); also Business24 (business24_huawei_roadmap_2025)",
        note: "",
    },
    Citation {
        key: "business24_huawei_roadmap_2025",
        topic: Topic::Roadmap,
        publisher: "Business24",
        title: "[China bars Nvidia; Huawei's Ascend roadmap]",
        date: "2025-09",
        url: "https://business24.ro/tehnologie/china-interzicere-nvidia-huawei-1637136",
        via: "",
        note: "",
    },
    Citation {
        key: "notebookcheck_ascend_920_2025",
        topic: Topic::Roadmap,
        publisher: "Notebookcheck",
        title: "Huawei Ascend 920: Nvidia H20 Replacement Rumoured to Launch Later This Year",
        date: "2025",
        url: "https://www.notebookcheck.net/Huawei-Ascend-920-Nvidia-H20-replacement-rumoured-to-launch-later-this-year.1001475.0.html",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "dailyscout_deepseek_v4_2026",
        topic: Topic::Roadmap,
        publisher: "The Daily Scout",
        title: "[DeepSeek V4 adapted to Ascend; a rush of 950PR orders]",
        date: "2026",
        url: "https://thedailyscout.com/s/PwqtqGgLniY",
        via: "",
        note: "unconfirmed",
    },
    Citation {
        key: "techstrong_kunlun_cluster_2025",
        topic: Topic::Roadmap,
        publisher: "Techstrong",
        title: "Baidu Launches Kunlun Cluster to Train AI Models",
        date: "2025-04",
        url: "https://techstrong.it/semiconductors/baidu-launches-kunlun-cluster-to-train-ai-models",
        via: "",
        note: "",
    },
    Citation {
        key: "reportify_kunlunxin_roadmap_2025",
        topic: Topic::Roadmap,
        publisher: "Reportify",
        title: "[Kunlunxin roadmap: M100, M300, Tianchi supernodes]",
        date: "2025-11",
        url: "https://reportify.ai/news/1186334856787922944",
        via: "",
        note: "",
    },
    Citation {
        key: "lds_zhenwu_deployment_2026",
        topic: Topic::Roadmap,
        publisher: "Let's Data Science",
        title: "Alibaba Deploys 10,000 Zhenwu Chips in Data Center",
        date: "2026-04",
        url: "https://letsdatascience.com/news/alibaba-deploys-10000-zhenwu-chips-in-data-center-83fd2249",
        via: "",
        note: "",
    },
    Citation {
        key: "chipcast_derived",
        topic: Topic::Derived,
        publisher: "chipcast",
        title: "Derived: the project's own arithmetic or judgement, stated where it is used",
        date: "n.d.",
        url: "(this repository: the citing text states the arithmetic or judgement)",
        via: "",
        note: "",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique() {
        let mut seen = HashSet::new();
        for s in SOURCES {
            assert!(seen.insert(s.key), "duplicate key {}", s.key);
        }
    }

    #[test]
    fn keys_are_lower_snake_case() {
        for s in SOURCES {
            assert!(is_key_shaped(s.key), "{} is not lower snake case", s.key);
        }
    }

    #[test]
    fn fields_are_filled_and_addresses_are_web_addresses() {
        for s in SOURCES {
            for (name, v) in [
                ("publisher", s.publisher),
                ("title", s.title),
                ("date", s.date),
                ("url", s.url),
            ] {
                assert!(!v.trim().is_empty(), "{}: empty {name}", s.key);
            }
            if s.key != DERIVED {
                assert!(s.url.starts_with("http"), "{}: url {}", s.key, s.url);
            }
            assert!(
                ["", "unconfirmed", "contested"].contains(&s.note),
                "{}: note {:?}",
                s.key,
                s.note
            );
        }
    }

    #[test]
    fn dates_are_iso_shaped() {
        for s in SOURCES.iter().filter(|s| s.key != DERIVED) {
            let parts: Vec<&str> = s.date.split('-').collect();
            let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert!(
                matches!(widths.as_slice(), [4] | [4, 2] | [4, 2, 2])
                    && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())),
                "{}: date {}",
                s.key,
                s.date
            );
        }
    }

    #[test]
    fn find_and_citation() {
        let s = find("semianalysis_ascend_ramp_2025").unwrap();
        assert!(s.citation().starts_with(
            "SemiAnalysis, \"Huawei Ascend Production Ramp: Die Banks, TSMC Continued Production, HBM is The Bottleneck\", 2025-09-08, https://"
        ));
        assert!(find(DERIVED).is_some());
        assert!(find("no_such_key").is_none());
        assert!(
            find("wm_ascend_die_origin_2025")
                .unwrap()
                .citation()
                .ends_with("[contested]")
        );
    }

    #[test]
    fn every_topic_has_sources_and_the_markdown_lists_every_key() {
        let md = markdown();
        for t in Topic::ALL {
            assert!(SOURCES.iter().any(|s| s.topic == t), "{t:?} is empty");
        }
        for s in SOURCES {
            assert!(md.contains(&format!("- `{}`\n", s.key)), "{}", s.key);
        }
    }
}
