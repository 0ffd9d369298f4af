//! Helpers shared by the command-line tests: run the real binary without colour, require
//! success and finite numbers, read JSON.

#![allow(
    dead_code,
    reason = "each test crate uses a different subset of the helpers"
)]

use std::process::Output;

use serde_json::Value;

pub fn chipcast(args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("chipcast")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

pub fn ok(args: &[&str]) -> String {
    let o = chipcast(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let bad = out
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| matches!(*w, "NaN" | "inf"));
    assert!(bad.is_none(), "{args:?} printed a non-number:\n{out}");
    out
}

/// The keys of a pretty-printed JSON object, in the order written.
pub fn top_level_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once("\":").map(|(k, _)| k))
        .collect()
}

pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap()
}
