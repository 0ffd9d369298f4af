//! The bibliography stays in one place: `docs/sources.md` is exactly what
//! `chipcast::model::sources::markdown()` renders from the table in `src/model/sources.rs`.
//!
//! After editing the table, run `CHIPCAST_BLESS=1 cargo test --test sources_doc` to rewrite the
//! file, then review the diff.

mod common;

#[test]
fn docs_sources_md_is_rendered_from_the_table() {
    common::check_generated(
        "docs/sources.md",
        None,
        &chipcast::model::sources::markdown(),
        "sources_doc",
    );
}
