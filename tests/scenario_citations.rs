//! Every citation in the bundled scenarios resolves: a `[key, key]` in a comment or in a
//! `sources` citation names an entry of the bibliography (`src/model/sources.rs`), a
//! `source: "key"` names the file's own `sources` map or the bibliography, and every citation
//! in a `sources` map ends with the bibliography key it stands for.

use std::collections::BTreeSet;
use std::path::Path;

use chipcast::model::sources::{find, is_key_shaped};

/// Where a line's comment starts, skipping `//` inside strings.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The bracketed key lists in `text`: `[a, b]` whose parts are all key-shaped.
fn bracket_keys(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        let parts: Vec<String> = after[..close]
            .split(',')
            .map(|p| p.trim().to_string())
            .collect();
        if parts.iter().all(|p| is_key_shaped(p)) {
            out.push(parts);
        }
        rest = &after[close + 1..];
    }
    out
}

/// The file's `sources` map: (key, citation) pairs, read line by line.
fn sources_map(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("sources:") && t.contains('{') {
            inside = true;
            if let (Some(a), Some(b)) = (t.find('{'), t.rfind('}')) {
                // One-line map.
                for pair in t[a + 1..b].split("\",") {
                    push_pair(pair, &mut out);
                }
                inside = false;
            }
            continue;
        }
        if inside {
            if t.starts_with('}') {
                inside = false;
            } else {
                push_pair(t, &mut out);
            }
        }
    }
    out
}

fn push_pair(pair: &str, out: &mut Vec<(String, String)>) {
    let pair = pair.trim().trim_end_matches(',');
    if let Some((k, v)) = pair.split_once("\":") {
        let k = k.trim().trim_matches('"').to_string();
        let v = v.trim().trim_matches('"').to_string();
        out.push((k, v));
    }
}

#[test]
fn every_citation_in_the_bundled_scenarios_resolves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut problems = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let map = sources_map(&text);
        let local: BTreeSet<&str> = map.iter().map(|(k, _)| k.as_str()).collect();
        for (k, citation) in &map {
            let keys = bracket_keys(citation);
            match keys.last() {
                Some(last) if citation.trim_end().ends_with(']') => {
                    for key in last {
                        if find(key).is_none() {
                            problems.push(format!(
                                "{name}: sources[{k}] cites [{key}], not in the bibliography"
                            ));
                        }
                    }
                }
                _ => problems.push(format!(
                    "{name}: sources[{k}] should end with its bibliography key, e.g. \
                     \"… [semianalysis_ascend_ramp_2025]\""
                )),
            }
        }
        for (n, line) in text.lines().enumerate() {
            if let Some(c) = comment_start(line) {
                for keys in bracket_keys(&line[c..]) {
                    for key in keys {
                        if find(&key).is_none() && !local.contains(key.as_str()) {
                            problems.push(format!(
                                "{name}:{}: [{key}] is not a key of the bibliography",
                                n + 1
                            ));
                        }
                    }
                }
            }
            let code = comment_start(line).map_or(line, |c| &line[..c]);
            let mut rest = code;
            while let Some(i) = rest.find("source: \"") {
                let after = &rest[i + "source: \"".len()..];
                let Some(end) = after.find('"') else { break };
                let key = &after[..end];
                if !local.contains(key) && find(key).is_none() {
                    problems.push(format!(
                        "{name}:{}: source: \"{key}\" is neither in the file's `sources` nor in \
                         the bibliography",
                        n + 1
                    ));
                }
                rest = &after[end..];
            }
        }
    }
    assert!(
        problems.is_empty(),
        "unresolved citations (keys: docs/sources.md):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_reader_finds_citations() {
    assert_eq!(
        bracket_keys("x [a_1, b] y [not a key] [c]"),
        vec![
            vec!["a_1".to_string(), "b".to_string()],
            vec!["c".to_string()]
        ]
    );
    assert_eq!(comment_start(r#"a: "http://x", // c"#), Some(15));
    let map = sources_map("    sources: { \"ms\": \"Morgan Stanley, 2025 [m]\" },\n");
    assert_eq!(map, vec![("ms".into(), "Morgan Stanley, 2025 [m]".into())]);
}
