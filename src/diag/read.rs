//! Reading a user's file: refused before reading when it is not a regular file (a folder, a
//! FIFO, a device, a socket) or over a size cap, and read at most one byte past the cap (the
//! cap counts bytes read, so a file that grew, or reports size 0 like a device, cannot be read
//! without bound); then checked to be UTF-8 text, the first bad byte located. On Linux the file
//! is opened with `O_NONBLOCK` and its type checked again on the open handle, so a file swapped
//! for a FIFO between the check and the open cannot block. Scenario files, themes and the
//! explorer's hot reload all read through here; each words its own messages.

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
    /// It is not a regular file: what it is (`a FIFO (named pipe)`, `a device`, `a socket`).
    NotAFile(&'static str),
    /// It holds more bytes than the cap: its size when known (`None` when reading went past
    /// the cap, as on a device or a file that grew).
    TooLarge(Option<u64>),
}

/// What a file that is not a regular file is, for messages: `None` for a regular file.
fn special_kind(file_type: std::fs::FileType) -> Option<ReadError> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(ReadError::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some(ReadError::NotAFile("a FIFO (named pipe)"));
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some(ReadError::NotAFile("a device"));
        }
        if file_type.is_socket() {
            return Some(ReadError::NotAFile("a socket"));
        }
    }
    Some(ReadError::NotAFile("not a regular file"))
}

/// Opens a file for reading without blocking (a FIFO with no writer would block a plain open).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The bytes of the regular file at `path`, at most `max` of them.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a FIFO can block (where `O_NONBLOCK` is not used).
    let meta = std::fs::metadata(path).map_err(ReadError::Open)?;
    if let Some(e) = special_kind(meta.file_type()) {
        return Err(e);
    }
    let file = open_nonblocking(path).map_err(ReadError::Open)?;
    // Look again at what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(ReadError::Read)?;
    if let Some(e) = special_kind(meta.file_type()) {
        return Err(e);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Read)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

/// A size for messages: `1 MiB`, `64 KiB`, `1.5 MiB`, `900 bytes`.
pub fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let unit = |n: u64, per: u64, name: &str| {
        if n.is_multiple_of(per) {
            format!("{} {name}", n / per)
        } else {
            format!("{:.1} {name}", n as f64 / per as f64)
        }
    };
    match bytes {
        b if b >= MIB => unit(b, MIB, "MiB"),
        b if b >= KIB => unit(b, KIB, "KiB"),
        b => format!("{b} bytes"),
    }
}

/// The size part of a too-large message: `the file is 1.5 MiB (1572864 bytes)`, or `the file
/// holds more than 1 MiB` when reading stopped at the cap.
pub fn too_large_text(len: Option<u64>, max: u64) -> String {
    match len {
        Some(len) => format!("the file is {} ({len} bytes)", size_text(len)),
        None => format!("the file holds more than {}", size_text(max)),
    }
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
