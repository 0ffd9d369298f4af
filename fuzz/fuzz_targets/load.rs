//! Fuzz target: any bytes through the scenario loader (UTF-8 check, parse, resolve, render the
//! diagnostics) must never panic or hang. Run with `cargo +nightly fuzz run load` from the
//! repository root (see docs/scenario-format.md); not run in CI.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = chipcast::diag::read::decode_utf8("fuzz.ron", data.to_vec()) {
        if let Err(diags) = chipcast::scenario::load_text("fuzz.ron", &source.text, None) {
            for d in diags {
                let _ = d.render(false);
            }
        }
    }
});
