//! Nothing in the project points at files outside the repository: no file under `src/`,
//! `docs/`, `scenarios/` or `tests/`, nor `README.md` or `ARCHITECTURE.md`, mentions the old
//! outside brief or its folder. Sources are cited by the keys of `src/model/sources.rs`.

use std::path::{Path, PathBuf};

/// Files (or folders, ending in `/`) still being converted to source keys. Each is a
/// temporary exemption: empty this list as they are converted, and never add to it.
const PENDING: &[&str] = &[];

/// Spelled in pieces so this file does not match itself.
fn forbidden() -> [String; 2] {
    [format!("{}.md", "domain"), format!("..{}shared", '/')]
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn nothing_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "docs", "scenarios", "tests"] {
        walk(&root.join(dir), &mut files);
    }
    files.push(root.join("README.md"));
    files.push(root.join("ARCHITECTURE.md"));
    let this = root.join(file!());
    let mut bad = Vec::new();
    for path in &files {
        if *path == this {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if PENDING
            .iter()
            .any(|p| rel == *p || (p.ends_with('/') && rel.starts_with(p)))
        {
            continue;
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for needle in forbidden() {
            for (n, line) in text.lines().enumerate() {
                if line.contains(&needle) {
                    bad.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "these lines point at files outside the repository; cite a key of \
         src/model/sources.rs instead (docs/sources.md lists them):\n{}",
        bad.join("\n")
    );
}

#[test]
fn pending_exemptions_still_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for p in PENDING {
        assert!(root.join(p).exists(), "PENDING names {p}, which is gone");
    }
}
