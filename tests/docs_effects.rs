//! docs/model.md holds the output of `chipcast levers --effects --format markdown` between
//! `<!-- effects:begin -->` and `<!-- effects:end -->`, so the documented effects are the
//! model's. To regenerate the block after a model change:
//! `CHIPCAST_BLESS=1 cargo test --test docs_effects`, then review the diff.

mod common;

#[test]
fn model_md_holds_the_effects_table() {
    let table = common::ok(&["levers", "--effects", "--format", "markdown"]);
    common::check_generated("docs/model.md", Some("effects"), &table, "docs_effects");
}
