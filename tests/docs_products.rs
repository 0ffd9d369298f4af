//! docs/model.md holds the vendor and product tables exactly as
//! `chipcast::model::products::markdown()` renders them from `src/model/products.rs`, between
//! `<!-- products:begin -->` and `<!-- products:end -->`, so the documented rows are the
//! model's. After editing a row, run `CHIPCAST_BLESS=1 cargo test --test docs_products` to
//! rewrite the block, then review the diff.

mod common;

#[test]
fn model_md_holds_the_product_tables() {
    common::check_generated(
        "docs/model.md",
        Some("products"),
        &chipcast::model::products::markdown(),
        "docs_products",
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
