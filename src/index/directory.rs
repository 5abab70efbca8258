//! The folder an index lives in, as tantivy sees it: tantivy's memory-mapped
//! directory, except that a reader that may not write there still reads.
//!
//! tantivy takes a lock file before it opens segment readers, so that a
//! concurrent merge does not delete files under it. In a folder the user
//! may only read (a shared archive, a read-only mount), creating that file
//! fails and every search with it. Here a reader that cannot create the
//! lock goes on without it: nobody can run a merge in such a folder through
//! this user's rights anyway. The writer's own lock is never waived.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    META_LOCK,
};

/// [`MmapDirectory`] whose readers' lock gives way in a folder they cannot write.
#[derive(Clone, Debug)]
pub struct IndexFolder(MmapDirectory);

impl IndexFolder {
    pub fn open(path: &Path) -> Result<IndexFolder, tantivy::directory::error::OpenDirectoryError> {
        MmapDirectory::open(path).map(IndexFolder)
    }
}

/// Whether an error says this user may not create files here.
fn is_not_writable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl Directory for IndexFolder {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<tantivy::directory::WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && is_not_writable(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
