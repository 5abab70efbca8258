//! A run that fills the disk: saying so in words, and taking back what it
//! wrote so that the disk is as it was and the next run can work.
//!
//! tantivy's writer threads report a failed write as "An index writer was
//! killed", with the cause lost; so besides the causes in the error, the
//! space left on the index's file system decides.

use std::collections::HashSet;
use std::path::Path;

use super::{segment_of, FILES_LIST_PREFIX};

/// Below this much free space, a failed write is taken for a full disk.
const NEARLY_FULL: u64 = 1 << 20;

/// Whether `error` (a failed run on the index in `dir`) comes from a disk
/// with no space left.
pub fn is_disk_full(error: &anyhow::Error, dir: &Path) -> bool {
    let said = error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::StorageFull)
            || cause.to_string().contains("No space left on device")
    });
    // Only a failed write is put down to the space left: a wrong corpus
    // path on a nearly full disk is still a wrong path.
    let a_write = error
        .chain()
        .any(|cause| cause.is::<std::io::Error>() || cause.is::<tantivy::TantivyError>());
    said || a_write && space_left(dir).is_some_and(|left| left < NEARLY_FULL)
}

/// Bytes free for an unprivileged writer on the file system of `dir`.
#[cfg(unix)]
pub fn space_left(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs fills the zeroed struct it is given; the path is a
    // valid NUL-terminated string that outlives the call.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
}

#[cfg(not(unix))]
pub fn space_left(_dir: &Path) -> Option<u64> {
    None
}

/// Deletes the index files in `dir` that its last commit does not use
/// (segments and lists of files a failed run wrote); gives the bytes
/// freed. The caller holds the writer's lock.
pub fn remove_uncommitted(dir: &Path) -> std::io::Result<u64> {
    let meta = std::fs::read(dir.join("meta.json"))?;
    let meta: serde_json::Value = serde_json::from_slice(&meta).map_err(std::io::Error::other)?;
    let segments: HashSet<String> = meta["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["segment_id"].as_str())
        .map(|id| id.replace('-', ""))
        .collect();
    let files_list = meta["payload"]
        .as_str()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|p| p["files_list"].as_str().map(str::to_string));
    let mut freed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let orphan = if name.starts_with(FILES_LIST_PREFIX) {
            files_list.as_deref() != Some(name.as_str())
        } else {
            segment_of(&name).is_some_and(|id| !segments.contains(id))
        };
        if orphan && entry.file_type()?.is_file() {
            freed += entry.metadata().map_or(0, |m| m.len());
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(freed)
}
