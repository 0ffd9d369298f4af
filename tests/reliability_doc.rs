//! docs/reliability.md names, for each promise, the test that holds it: every `file::test`
//! (or `file::module::test`) it names must exist under `tests/`, so a renamed or deleted test
//! cannot leave a promise that nothing holds.

#[test]
fn every_test_named_in_the_reliability_promises_exists() {
    let doc = std::fs::read_to_string("docs/reliability.md").unwrap();
    let mut named = 0;
    for cell in doc.split('`') {
        let parts: Vec<&str> = cell.split("::").collect();
        let word = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if parts.len() < 2 || parts.len() > 3 || !parts.iter().all(|p| word(p)) {
            continue;
        }
        let file = format!("tests/{}.rs", parts[0]);
        let Ok(text) = std::fs::read_to_string(&file) else {
            panic!("docs/reliability.md names `{cell}`, but there is no {file}");
        };
        let test = parts[parts.len() - 1];
        assert!(
            text.contains(&format!("fn {test}(")),
            "docs/reliability.md names `{cell}`, but {file} has no test `{test}`"
        );
        if parts.len() == 3 {
            assert!(
                text.contains(&format!("mod {} ", parts[1])),
                "docs/reliability.md names `{cell}`, but {file} has no module `{}`",
                parts[1]
            );
        }
        named += 1;
    }
    assert!(named >= 20, "only {named} tests named");
}
