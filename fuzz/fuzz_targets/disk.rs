//! Fuzz target: a whole scenario set written to a temporary folder — several files, `extends`
//! between them and out of the folder, symbolic links — loaded from disk the way `check` and
//! the explorer load it. It must never panic or hang, and never show a word of a file outside
//! the folder (a secret planted beside it).
//!
//! Input format (so that seeds are readable scenario files): sections separated by lines
//! `=== NAME`, each written to the file NAME inside the set's folder (NAME is reduced to
//! `[A-Za-z0-9_.-/]` with no `..`, so nothing is written outside); a line
//! `=== link NAME -> TARGET` makes NAME a symbolic link to TARGET (anywhere: links are only read
//! through). Text before the first marker goes to `main.ron`. Every `.ron` file is then loaded.
//!
//! Run: `cargo +nightly fuzz run disk fuzz/corpus/disk-work fuzz/corpus/disk -- -max_len=65536
//! -timeout=1` from the repository root (see docs/reliability.md).
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chipcast::scenario::{self, Roots};
use libfuzzer_sys::fuzz_target;

/// Planted outside the set's folder; no diagnostic may quote it.
const SECRET: &str = "SECRET-TOKEN-7f3a";

/// One folder per fuzzing process: `outside/` holds the secret, `set/` is rewritten each run.
fn base() -> &'static Path {
    static BASE: OnceLock<tempfile::TempDir> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        let secret = format!("Scenario(name: \"{SECRET}\", levers: (nope: \"{SECRET}\"))\n");
        std::fs::write(outside.join("secret.ron"), &secret).unwrap();
        std::fs::write(outside.join("secret.txt"), &secret).unwrap();
        dir
    })
    .path()
}

/// A section name made safe to write under the set's folder, or `None`.
fn safe_name(raw: &str) -> Option<PathBuf> {
    let clean: String = raw
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/'))
        .take(64)
        .collect();
    let path = PathBuf::from(clean.trim_start_matches('/'));
    let ok = !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    ok.then_some(path)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let set = base().join("set");
    let _ = std::fs::remove_dir_all(&set);
    std::fs::create_dir(&set).unwrap();

    let mut name = PathBuf::from("main.ron");
    let mut body = String::new();
    let mut sections: Vec<(PathBuf, String)> = Vec::new();
    let mut links: Vec<(PathBuf, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let Some(marker) = line.strip_prefix("=== ") else {
            body.push_str(line);
            continue;
        };
        sections.push((std::mem::take(&mut name), std::mem::take(&mut body)));
        let marker = marker.trim_end();
        if let Some(link) = marker.strip_prefix("link ")
            && let Some((from, to)) = link.split_once(" -> ")
            && let Some(from) = safe_name(from)
        {
            links.push((from, to.to_string()));
            name = PathBuf::from("main.ron");
        } else {
            name = safe_name(marker).unwrap_or_else(|| PathBuf::from("main.ron"));
        }
    }
    sections.push((name, body));
    for (name, body) in sections.iter().take(16) {
        let path = set.join(name);
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(&path, body);
    }
    #[cfg(unix)]
    for (from, to) in links.iter().take(8) {
        let path = set.join(from);
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::os::unix::fs::symlink(to, &path);
    }

    // Load every scenario file the folder holds, as `chipcast check set/` does.
    let gathered = scenario::gather(std::slice::from_ref(&set));
    let roots = Roots::new([&set]);
    let quoted_by_input = text.contains(SECRET);
    for origin in gathered.origins.iter().take(24) {
        let shown = match scenario::load_within(origin, &roots) {
            Ok(_) => continue,
            Err(diags) => diags
                .iter()
                .map(|d| format!("{}\n{}", d.render(false), d.one_line()))
                .collect::<String>(),
        };
        assert!(
            quoted_by_input || !shown.contains(SECRET),
            "a file outside the folder was quoted ({origin:?}):\n{shown}"
        );
    }
});
