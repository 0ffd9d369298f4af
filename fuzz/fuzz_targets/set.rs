//! Fuzz target: `--set` arguments (one per input line) through the override parser, then, when
//! they parse, applied to a bundled scenario and projected (the central run and a few Monte
//! Carlo samples). Nothing may panic or hang, whatever the lever, value or `@YEAR`.
//!
//! Run: `cargo +nightly fuzz run set fuzz/corpus/set-work fuzz/corpus/set -- -max_len=65536
//! -timeout=1` from the repository root (see docs/reliability.md).
#![no_main]

use chipcast::model::montecarlo::simulate;
use chipcast::scenario::{self, parse_overrides};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the scenario, so every bundled one is reached.
    let names = scenario::bundled::NAMES;
    let pick = data.first().map_or(0, |b| *b as usize % names.len());
    let args: Vec<String> = text.lines().skip(1).take(64).map(str::to_string).collect();
    match parse_overrides(&args) {
        Ok(overrides) => {
            let base = scenario::bundled(names[pick]).expect("bundled scenarios load");
            let p = simulate(&base, &overrides, 4, 1);
            assert!(p.years > 0);
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                let _ = d.render(false);
                let _ = d.one_line();
            }
        }
    }
});
