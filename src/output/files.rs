//! Writing files, the one place for it: atomically (a temporary file beside the target, made
//! with `tempfile`, then a rename or a no-clobber link), so a reader never sees half a file;
//! `create_new` and `write_new` never replace an existing file. Also the path one file uses
//! to name another (`relative`, with `pathdiff`).

use std::io::{self, Write};
use std::path::{Component, Path};

use tempfile::NamedTempFile;

use crate::diag::{Diagnostic, io_reason};

/// A temporary file in `path`'s folder, named after it (hidden, ending in `suffix`), readable
/// as a file the user made would be once it takes `path`'s place.
fn temp_beside(path: &Path, suffix: &str) -> io::Result<NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(suffix);
    // tempfile makes owner-only files; a written file gets the usual mode (umask applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Whether a write may replace a file already at its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (the user asked, e.g. with `--force`, or the path is the program's own).
    Replace,
    /// Refuse: the write fails with "already exists", even for a file that appears while
    /// writing.
    Refuse,
}

/// Fills a temporary file beside `path` with `fill` (given the temporary file's path, which
/// ends in `suffix`: a writer that picks a format by extension needs it), then renames it to
/// `path` (over an existing file only with [`Existing::Replace`]). On any error the temporary
/// file is removed and `path` is untouched.
pub fn replace_with(
    path: &Path,
    suffix: &str,
    existing: Existing,
    fill: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    if existing == Existing::Refuse && path.exists() {
        return Err("the file already exists".to_string());
    }
    let tmp = temp_beside(path, suffix).map_err(|e| io_reason(&e))?;
    fill(tmp.path())?;
    tmp.as_file().sync_all().map_err(|e| io_reason(&e))?;
    let persisted = match existing {
        Existing::Replace => tmp.persist(path),
        Existing::Refuse => tmp.persist_noclobber(path),
    };
    persisted.map(drop).map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => "the file already exists".to_string(),
        _ => io_reason(&e.error),
    })
}

/// Writes `contents` to `path` atomically, replacing what is there.
pub fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut tmp = temp_beside(path, ".tmp")?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(drop).map_err(|e| e.error)
}

/// Writes `contents` to a new file at `path` atomically; fails with `AlreadyExists` rather
/// than replace a file, even one that appears while writing.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    let mut tmp = temp_beside(path, ".tmp")?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

const EXISTS: &str = "the file already exists; chipcast never overwrites";

/// [`create_new`] for a text file users asked for, with its diagnostics (a failure names its
/// reason first: [`Diagnostic::write_failed`]): never overwrites.
pub fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let name = path.display().to_string();
    if path.exists() {
        return Err(Diagnostic::file(&name, "exists", EXISTS)
            .hint("choose another name, or move the existing file away"));
    }
    create_new(path, text.as_bytes()).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            Diagnostic::file(&name, "exists", EXISTS)
        } else {
            Diagnostic::write_failed(&name, io_reason(&e))
        }
    })
}

/// [`replace`] for a text file (after the user said yes), with its diagnostics.
pub fn write_replace(path: &Path, text: &str) -> Result<(), Diagnostic> {
    replace(path, text.as_bytes())
        .map_err(|e| Diagnostic::write_failed(path.display().to_string(), io_reason(&e)))
}

/// `target` as a file in `dir` names it (`extends: "../baseline.ron"`): relative, with `..`
/// where needed and `/` between parts, when both lie under one root; otherwise absolute.
/// Symbolic links are resolved first, where the paths exist.
pub fn relative(target: &Path, dir: &Path) -> String {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, d) = (abs(target), abs(dir));
    fn root(p: &Path) -> Vec<Component<'_>> {
        p.components()
            .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
            .collect()
    }
    match pathdiff::diff_paths(&t, &d) {
        Some(rel) if root(&t) == root(&d) && !rel.as_os_str().is_empty() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        _ => t.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_with_dots() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("p.ron"), "").unwrap();
        assert_eq!(relative(&a.join("p.ron"), &b), "../a/p.ron");
        assert_eq!(relative(&a.join("p.ron"), &a), "p.ron");
    }

    #[test]
    fn create_new_never_replaces_and_replace_does() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.txt");
        create_new(&f, b"one").unwrap();
        let e = create_new(&f, b"two").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&f).unwrap(), b"one");
        replace(&f, b"three").unwrap();
        assert_eq!(std::fs::read(&f).unwrap(), b"three");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
