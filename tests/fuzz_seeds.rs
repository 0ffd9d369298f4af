//! The fuzz targets' seed corpora replayed on the stable toolchain, in every `cargo test`: the
//! `load` seeds through the loader and its diagnostics, the `set` seeds through `--set`
//! parsing and a projection. The fuzz runs themselves need nightly (docs/reliability.md); this
//! keeps their starting points from breaking in between.

use chipcast::model::montecarlo::simulate;
use chipcast::scenario::{self, parse_overrides};

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("fuzz/corpus/{target}");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    assert!(out.len() >= 5, "{dir} holds only {} seeds", out.len());
    out
}

#[test]
fn load_seeds_load_or_explain_themselves() {
    let mut valid = 0;
    for (name, bytes) in seeds("load") {
        let Ok(source) = chipcast::diag::read::decode_utf8(&name, bytes) else {
            continue;
        };
        match scenario::load_text("seed.ron", &source.text, None) {
            Ok(_) => valid += 1,
            Err(diags) => {
                assert!(!diags.is_empty(), "{name}");
                for d in diags {
                    assert!(!d.render(false).is_empty(), "{name}");
                }
            }
        }
    }
    assert!(valid >= 1, "no seed is a valid scenario");
}

#[test]
fn set_seeds_parse_and_project_or_explain_themselves() {
    let names = scenario::bundled::NAMES;
    let mut parsed = 0;
    for (name, bytes) in seeds("set") {
        let text = String::from_utf8(bytes.clone()).unwrap();
        let pick = bytes.first().map_or(0, |b| *b as usize % names.len());
        let args: Vec<String> = text.lines().skip(1).map(str::to_string).collect();
        match parse_overrides(&args) {
            Ok(o) => {
                let s = scenario::bundled(names[pick]).unwrap();
                assert!(simulate(&s, &o, 4, 1).years > 0, "{name}");
                parsed += 1;
            }
            Err(diags) => assert!(diags.iter().all(|d| !d.one_line().is_empty()), "{name}"),
        }
    }
    assert!(parsed >= 4, "only {parsed} seeds parse");
}
