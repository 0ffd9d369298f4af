//! docs/model.md cites sources only as bibliography keys in square brackets: every bracketed
//! list of key-shaped words that looks like a citation (a key has an underscore, e.g.
//! `[semianalysis_ascend_ramp_2025, chipcast_derived]`) names entries of
//! `src/model/sources.rs`, and no bracket mixes a key with prose. Index brackets such as
//! `DUV_BUILD[partial]` (right after a name) are not citations.

use std::path::Path;

use chipcast::model::sources::{find, is_key_shaped};

/// The bracketed groups of `text` that are not indices: `(line number, inside)`.
fn brackets(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        let mut offset = 0;
        while let Some(open) = rest.find('[') {
            let before = line[..offset + open].chars().last();
            let after = &rest[open + 1..];
            let Some(close) = after.find(']') else { break };
            let index = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            if !index {
                out.push((n + 1, after[..close].to_string()));
            }
            offset += open + 1 + close + 1;
            rest = &after[close + 1..];
        }
    }
    out
}

#[test]
fn model_md_cites_only_bibliography_keys() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/model.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut bad = Vec::new();
    let mut cited = 0;
    for (line, inside) in brackets(&text) {
        let parts: Vec<&str> = inside.split(',').map(str::trim).collect();
        if parts.iter().all(|p| is_key_shaped(p)) && parts.iter().any(|p| p.contains('_')) {
            for p in parts {
                cited += 1;
                if find(p).is_none() {
                    bad.push(format!(
                        "line {line}: [{inside}] names `{p}`, not in the bibliography"
                    ));
                }
            }
        } else {
            let words = inside.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            if let Some(w) = words
                .into_iter()
                .find(|w| w.contains('_') && find(w).is_some())
            {
                bad.push(format!(
                    "line {line}: [{inside}] mixes the key `{w}` with prose; cite it as [{w}]"
                ));
            }
        }
    }
    assert!(cited > 50, "docs/model.md cites only {cited} keys");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn index_brackets_are_not_citations() {
    let b = brackets("`DUV_BUILD[partial]` and [a_b, c_d] then x[0] [derived]");
    let inside: Vec<&str> = b.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(inside, ["a_b, c_d", "derived"]);
}
