//! Opening a file for import safely: only regular files, never more than the size cap, and the
//! first bytes looked at before the rest is read (a binary file is refused after 8 KiB).
//!
//! The size cap is [`MAX_FILE_BYTES`] (200 MB).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::decode;
use crate::IngestError;

/// The largest file an import reads: 200 MB (about two million rows of a CRM export).
pub const MAX_FILE_BYTES: u64 = 200_000_000;

/// How many bytes are looked at before the whole file is read.
const SNIFF_BYTES: usize = 8192;

/// What a path names when it is not a regular file, in words; `None` for a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a plain file")
}

/// The file's name as messages give it: the last path component.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads a file for import: refuses what is not a regular file (before opening it: opening a FIFO
/// waits for a writer forever), what is over [`MAX_FILE_BYTES`], and what its first bytes show to
/// be binary, then reads the rest.
pub(crate) fn read_checked(path: &Path) -> Result<Vec<u8>, IngestError> {
    let io = |source| IngestError::Io { file: path.display().to_string(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(what) = not_regular(&meta) {
        return Err(IngestError::NotAFile { file: path.display().to_string(), what });
    }
    let name = display_name(path);
    check_size(&name, meta.len())?;
    let file = File::open(path).map_err(io)?;
    // The path may have been swapped between the two looks; ask the open handle again.
    let meta = file.metadata().map_err(io)?;
    if let Some(what) = not_regular(&meta) {
        return Err(IngestError::NotAFile { file: path.display().to_string(), what });
    }
    check_size(&name, meta.len())?;
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(SNIFF_BYTES.min(meta.len() as usize + 1));
    (&mut reader).take(SNIFF_BYTES as u64).read_to_end(&mut bytes).map_err(io)?;
    decode::sniff_head(&name, &bytes)?;
    bytes.reserve(meta.len() as usize);
    reader.read_to_end(&mut bytes).map_err(io)?;
    // A file that grew while it was read.
    check_size(&name, bytes.len() as u64)?;
    Ok(bytes)
}

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub(crate) fn check_size(file: &str, len: u64) -> Result<(), IngestError> {
    if len <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(IngestError::TooLarge {
        file: file.to_owned(),
        detail: format!("{} MB, more than the {} MB an import reads", len / 1_000_000, MAX_FILE_BYTES / 1_000_000),
        limit: MAX_FILE_BYTES,
    })
}
