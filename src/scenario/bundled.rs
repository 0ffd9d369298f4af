//! The scenarios shipped inside the binary (the files in `scenarios/`, embedded at build time),
//! so `chipcast` with no arguments has something to open on any machine.

/// Names of the bundled scenarios, baseline first.
pub const NAMES: &[&str] = &[
    "baseline",
    "hardline",
    "thaw",
    "self_reliance",
    "leaky",
    "whiplash",
];

const FILES: &[(&str, &str)] = &[
    ("baseline", include_str!("../../scenarios/baseline.ron")),
    ("hardline", include_str!("../../scenarios/hardline.ron")),
    ("thaw", include_str!("../../scenarios/thaw.ron")),
    (
        "self_reliance",
        include_str!("../../scenarios/self_reliance.ron"),
    ),
    ("leaky", include_str!("../../scenarios/leaky.ron")),
    ("whiplash", include_str!("../../scenarios/whiplash.ron")),
];

/// The text of a bundled scenario.
pub fn text(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The static name of a bundled scenario, if there is one by that name.
pub fn lookup(name: &str) -> Option<&'static str> {
    NAMES.iter().find(|n| **n == name).copied()
}
