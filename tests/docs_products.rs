//! docs/model.md holds the vendor and product tables exactly as
//! `chipcast::model::products::markdown()` renders them from `src/model/products.rs`, between
//! `<!-- products:begin -->` and `<!-- products:end -->`, so the documented rows are the
//! model's. After editing a row, run `CHIPCAST_BLESS=1 cargo test --test docs_products` to
//! rewrite the block, then review the diff.

use std::path::Path;

const BEGIN: &str = "<!-- products:begin -->";
const END: &str = "<!-- products:end -->";

#[test]
fn model_md_holds_the_product_tables() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/model.md needs the markers {BEGIN} and {END} around the product tables");
    };
    assert!(b < e, "{BEGIN} must come before {END}");
    let inner = &text[b + BEGIN.len()..e];
    let want = format!("\n{}", chipcast::model::products::markdown());
    if std::env::var_os("CHIPCAST_BLESS").is_some_and(|v| v == "1") {
        let new = format!("{}{BEGIN}{want}{}", &text[..b], &text[e..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert!(
        inner == want,
        "docs/model.md's product tables differ from src/model/products.rs; regenerate them \
         with\n  CHIPCAST_BLESS=1 cargo test --test docs_products\nand review the diff"
    );
}

/// The rendering covers every row and cites every row's sources as `[key]`.
#[test]
fn the_tables_name_every_vendor_and_product_with_its_sources() {
    use chipcast::model::products::{PRODUCTS, VENDORS, markdown};
    let md = markdown();
    for v in &VENDORS {
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", v.key)))
            .unwrap_or_else(|| panic!("no row for vendor {}", v.key));
        for s in v.sources {
            assert!(line.contains(&format!("[{s}]")), "{} lacks [{s}]", v.key);
        }
    }
    for p in &PRODUCTS {
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", p.key)))
            .unwrap_or_else(|| panic!("no row for product {}", p.key));
        for s in p.sources {
            assert!(line.contains(&format!("[{s}]")), "{} lacks [{s}]", p.key);
        }
        // Every row has the header's number of cells.
        assert_eq!(line.matches(" | ").count(), 14, "{}: {line}", p.key);
    }
}
