//! The bibliography stays in one place: `docs/sources.md` is exactly what
//! `chipcast::model::sources::markdown()` renders from the table in `src/model/sources.rs`.
//!
//! After editing the table, run `CHIPCAST_BLESS=1 cargo test --test sources_doc` to rewrite the
//! file, then review the diff.

use std::path::Path;

#[test]
fn docs_sources_md_is_rendered_from_the_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sources.md");
    let want = chipcast::model::sources::markdown();
    if std::env::var_os("CHIPCAST_BLESS").is_some() {
        std::fs::write(&path, &want).expect("write docs/sources.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/sources.md differs from the table in src/model/sources.rs; regenerate it with \
         `CHIPCAST_BLESS=1 cargo test --test sources_doc` and review the diff"
    );
}
