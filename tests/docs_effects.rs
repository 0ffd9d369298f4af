//! docs/model.md holds the output of `chipcast levers --effects --format markdown` between
//! `<!-- effects:begin -->` and `<!-- effects:end -->`, so the documented effects are the
//! model's. To regenerate the block after a model change:
//! `CHIPCAST_BLESS=1 cargo test --test docs_effects`, then review the diff.

mod common;

use std::path::Path;

const BEGIN: &str = "<!-- effects:begin -->";
const END: &str = "<!-- effects:end -->";

#[test]
fn model_md_holds_the_effects_table() {
    let table = common::ok(&["levers", "--effects", "--format", "markdown"]);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/model.md needs the markers {BEGIN} and {END} around the effects table");
    };
    assert!(b < e, "{BEGIN} must come before {END}");
    let inner = &text[b + BEGIN.len()..e];
    let want = format!("\n{table}");
    if std::env::var_os("CHIPCAST_BLESS").is_some_and(|v| v == "1") {
        let new = format!("{}{BEGIN}{want}{}", &text[..b], &text[e..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert!(
        inner == want,
        "docs/model.md's effects table is out of date; regenerate it with\n  \
         CHIPCAST_BLESS=1 cargo test --test docs_effects"
    );
}
