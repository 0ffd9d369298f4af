//! Reading a scenario file's text: where it comes from (a path or a bundled name), refused
//! over 1 MiB or when not UTF-8 (through `diag::read`), with the scenario's own messages.

use std::path::PathBuf;

use crate::diag::read::{ReadError, decode_utf8, read_capped, size_text, too_large_text};
use crate::diag::{Diagnostic, SourceText};

use super::bundled;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where a scenario file comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk, at this path as the user gave it.
    Disk(PathBuf),
    /// A scenario compiled into the binary, by its name (`baseline`, without `.ron`).
    Bundled(&'static str),
}

impl Origin {
    /// How the origin is named in messages.
    pub fn display(&self) -> String {
        match self {
            Origin::Disk(p) => p.display().to_string(),
            Origin::Bundled(name) => format!("bundled:{name}.ron"),
        }
    }
}

/// Reads a file's text: refuses files over 1 MiB before reading and text that is not UTF-8.
pub fn read_source(origin: &Origin) -> Result<SourceText, Diagnostic> {
    let name = origin.display();
    match origin {
        Origin::Bundled(n) => bundled::text(n)
            .map(|t| SourceText::new(name.clone(), t))
            .ok_or_else(|| {
                Diagnostic::file(
                    &name,
                    "missing-file",
                    format!("there is no bundled scenario `{n}`"),
                )
                .hint(bundled_hint())
            }),
        Origin::Disk(path) => match read_capped(path, MAX_FILE_BYTES) {
            Ok(bytes) => decode_utf8(&name, bytes),
            Err(ReadError::Open(e)) => {
                let hint = if e.kind() == std::io::ErrorKind::NotFound {
                    "check the path; bundled scenarios are named without a path (chipcast check lists them)"
                } else {
                    "check the file's permissions"
                };
                Err(
                    Diagnostic::file(&name, "missing-file", format!("cannot read the file: {e}"))
                        .hint(hint),
                )
            }
            Err(ReadError::Read(e)) => Err(Diagnostic::file(
                &name,
                "unreadable",
                format!("cannot read the file: {e}"),
            )),
            Err(ReadError::Folder) => {
                Err(
                    Diagnostic::file(&name, "unreadable", "this is a folder, not a scenario file")
                        .hint("`chipcast check FOLDER` checks every .ron file below a folder"),
                )
            }
            Err(ReadError::NotAFile(kind)) => Err(Diagnostic::file(
                &name,
                "unreadable",
                format!("this is {kind}, not a scenario file"),
            )
            .hint("a scenario is a regular .ron file")),
            Err(ReadError::TooLarge(len)) => Err(too_large(&name, len)),
        },
    }
}

fn too_large(name: &str, len: Option<u64>) -> Diagnostic {
    Diagnostic::file(
        name,
        "too-large",
        format!(
            "too large: {}; scenario files may be at most {}",
            too_large_text(len, MAX_FILE_BYTES),
            size_text(MAX_FILE_BYTES)
        ),
    )
    .hint("a scenario is a few kilobytes: is this the right file?")
}

fn bundled_hint() -> String {
    format!("bundled scenarios: {}", bundled::NAMES.join(", "))
}
