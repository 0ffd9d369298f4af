//! Reading a user's file: refused before reading when it is a folder or over a size cap (and
//! read at most one byte past the cap, in case it grew), then checked to be UTF-8 text, the
//! first bad byte located. Scenario files and themes both read through here; each words its
//! own messages for the ways reading can fail.

use std::io::Read as _;
use std::path::Path;

use super::{Diagnostic, SourceText};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// It could not be opened.
    Open(std::io::Error),
    /// Opened, but reading it failed.
    Read(std::io::Error),
    /// It is a folder.
    Folder,
    /// It holds this many bytes, more than the cap.
    TooLarge(u64),
}

/// The bytes of the file at `path`, at most `max` of them.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Open)?;
    let meta = file.metadata().map_err(ReadError::Read)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Read)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Checks that bytes are UTF-8, pointing at the first bad byte.
pub fn decode_utf8(name: &str, bytes: Vec<u8>) -> Result<SourceText, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let (line, column) = SourceText::new(name, good).line_col(at);
            let mut d = Diagnostic::file(
                name,
                "not-utf8",
                format!(
                    "the file is not UTF-8 text (bad byte 0x{:02X} at byte {at})",
                    bytes[at]
                ),
            )
            .hint("save the file as UTF-8");
            d.line = line;
            d.column = column;
            Err(d)
        }
    }
}
