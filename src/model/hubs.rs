//! The transit-hub table: the routes diverted accelerators take into China, each with its own
//! enforcement lever, its share of the flow when every route is equally policed, and the
//! metric that reports its flow. Hubs are data: a new route is one row here, one lever and one
//! metric.

use super::levers::LeverId;
use super::metrics::MetricId;

/// One transit route.
#[derive(Clone, Copy, Debug)]
pub struct Hub {
    /// The hub's row id; equals its index in [`HUBS`].
    pub id: HubId,
    /// The country or route as tables print it (e.g. "Malaysia").
    pub name: &'static str,
    /// The hub's own enforcement lever (0 none, 1 full).
    pub lever: LeverId,
    /// The metric that reports the hub's diverted flow.
    pub metric: MetricId,
    /// The route's share of diverted flow when every route is equally policed.
    pub base_share: f64,
    /// Why the share is what it is.
    pub note: &'static str,
    /// Keys of `model::sources`.
    pub cites: &'static [&'static str],
}

table_ids!(HubId, HUB_COUNT, "HUBS", Malaysia, Singapore, India, Other);

/// The hub table. Order follows [`HubId`]; base shares add up to 1.
pub static HUBS: [Hub; HUB_COUNT] = [
    Hub {
        id: HubId::Malaysia,
        name: "Malaysia",
        lever: LeverId::HubMalaysia,
        metric: MetricId::HubMalaysia,
        base_share: 0.35,
        note: "the main Southeast Asian data-centre hub; Singapore's fraud case declared servers for Malaysia [derived]",
        cites: &[
            "econotimes_singapore_fraud_2025",
            "dnh_malaysia_stp_2025",
            "chipcast_derived",
        ],
    },
    Hub {
        id: HubId::Singapore,
        name: "Singapore",
        lever: LeverId::HubSingapore,
        metric: MetricId::HubSingapore,
        base_share: 0.30,
        note: "~18% of Nvidia revenue by billing but <2% by shipments [derived share]",
        cites: &["cryptopolitan_singapore_bail_2025", "chipcast_derived"],
    },
    Hub {
        id: HubId::India,
        name: "India",
        lever: LeverId::HubIndia,
        metric: MetricId::HubIndia,
        base_share: 0.10,
        note: "Tier 2 under the rescinded Diffusion Rule; no trans-shipment cases found [derived share]",
        cites: &["et_india_diffusion_2025", "chipcast_derived"],
    },
    Hub {
        id: HubId::Other,
        name: "other routes",
        lever: LeverId::HubOther,
        metric: MetricId::HubOther,
        base_share: 0.25,
        note: "the FT's routes via Thailand and Europe [derived share]",
        cites: &["ft_smuggling_2025", "chipcast_derived"],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_id_order_and_shares_add_up() {
        for (i, h) in HUBS.iter().enumerate() {
            assert_eq!(h.id as usize, i);
            assert!(h.base_share > 0.0);
            for key in h.cites {
                assert!(super::super::sources::find(key).is_some(), "{key}");
            }
        }
        let total: f64 = HUBS.iter().map(|h| h.base_share).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
}
