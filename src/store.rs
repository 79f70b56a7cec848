//! Where entries live: one JSON file each in `<data dir>/entries/`.
//!
//! Writes are atomic (temporary file in the same folder, fsync, rename), so
//! a file is always either as it was or as it is now. A file that cannot be
//! read is reported and never written to.
//!
//! A file is only written over when it is still the one this store read or
//! wrote last (the same size, time and identity, else the same bytes). One
//! changed behind its back (an editor, a sync tool, another copy of spiral)
//! is kept whole as a conflict copy in `conflicts/`, never written over; a
//! file from a newer spiral is never even moved: the new text goes beside it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::catalog::FileStamp;
use crate::model::entry::{ENTRY_FORMAT, ENTRY_VERSION, Entry};

/// An entry file that could not be read, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    pub path: PathBuf,
    pub error: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub damaged: Vec<Damaged>,
}

/// Held while this copy of spiral may write to the data folder: a second
/// copy cannot take it, and opens read-only instead. The OS lets go of it
/// when the process ends, however it ends. While it is held, the store that
/// took it checks before every save that `.lock` is still the file locked
/// (deleting it, or the whole folder, would let a second copy in).
#[derive(Debug)]
pub struct FolderLock {
    slot: Arc<Mutex<Held>>,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let mut held = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        *held = Held::default();
    }
}

/// The lock this store holds, if any.
#[derive(Debug, Default)]
struct Held {
    file: Option<fs::File>,
    /// The lock file was deleted and another copy took a new one: nothing
    /// more is written through this store.
    lost: bool,
}

#[derive(Debug)]
pub enum LockState {
    Acquired(FolderLock),
    /// Another process holds the lock.
    HeldElsewhere,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot lock the data folder ({}): {source}", path.display())]
    Lock { path: PathBuf, source: io::Error },
    #[error("cannot create the data folder {}: {source}", path.display())]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot read the data folder {}: {source}", path.display())]
    ReadDir { path: PathBuf, source: io::Error },
    #[error("cannot save {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot move {} to {}: {source}", from.display(), to.display())]
    Move {
        from: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
    #[error("cannot delete {}: {source}", path.display())]
    Delete { path: PathBuf, source: io::Error },
    #[error("cannot save entry {id:?}: {reason}")]
    Refused { id: String, reason: String },
    /// The data folder's lock file was deleted while this copy held it,
    /// and another copy of spiral took the folder meanwhile.
    #[error("the data folder's lock ({}) was deleted while spiral had it, and another copy of spiral now has the folder", path.display())]
    LockLost { path: PathBuf },
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Written to the entry's file.
    Written,
    /// The file had been changed by something else since it was read: that
    /// version was moved, whole, to `other`, and this one written in its place.
    OtherKept { other: PathBuf },
    /// The file had been replaced by one from a newer spiral, which is never
    /// written over: this version was written to `mine` instead.
    WrittenBeside { mine: PathBuf },
}

/// A file as it was when read or written: enough to tell whether anything
/// has changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    stamp: FileStamp,
    /// The file's identity (device and inode): a file put in its place
    /// (as editors and sync tools save) has another.
    identity: (u64, u64),
    /// The bytes' hash, for a file whose stamp changed but not its bytes.
    hash: u64,
}

impl Seen {
    fn of(meta: &fs::Metadata, bytes: &[u8]) -> Option<Seen> {
        Some(Seen {
            stamp: FileStamp::of(meta)?,
            identity: identity(meta),
            hash: hash(bytes),
        })
    }

    /// Whether `meta` is of the same file, unchanged (the bytes aside).
    fn same_file(&self, meta: &fs::Metadata) -> bool {
        FileStamp::of(meta) == Some(self.stamp) && identity(meta) == self.identity
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// What the store knows of one entry's file.
#[derive(Debug, Default, Clone)]
struct Known {
    /// The file as this store last read or wrote it.
    seen: Option<Seen>,
    /// A file from a newer spiral put in its place (as it was then), and
    /// where this store's version is being written instead.
    beside: Option<(Seen, PathBuf)>,
}

/// Why one entry could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadFailure {
    /// Its file is gone (deleted or moved behind the app's back).
    Missing,
    Damaged(Damaged),
}

/// The storage the app needs. The JSON folder is the real one; tests use a
/// double that fails on demand.
pub trait EntryStore {
    fn load_all(&self) -> Result<Loaded, StoreError>;
    /// Reads one entry.
    fn load(&self, id: &str) -> Result<Entry, LoadFailure>;
    /// Reads many entries, each result in the place of its id.
    fn load_many(&self, ids: &[String]) -> Vec<Result<Entry, LoadFailure>> {
        ids.iter().map(|id| self.load(id)).collect()
    }
    /// Writes the summary index (derived data: see [`crate::catalog`]).
    fn write_index(&self, catalog: &crate::catalog::Catalog, fingerprint: u64) -> io::Result<()>;
    /// Writes an entry, never over a file changed since it was read
    /// (see [`Saved`] for where each version went then).
    fn save(&self, entry: &Entry) -> Result<Saved, StoreError>;
    /// Entries in the trash: deleted, and still restorable.
    fn load_trash(&self) -> Result<Loaded, StoreError>;
    /// Moves an entry's file to the trash.
    fn trash(&self, id: &str) -> Result<(), StoreError>;
    /// Moves an entry's file back from the trash.
    fn restore(&self, id: &str) -> Result<(), StoreError>;
    /// Deletes every entry in the trash for good; returns how many.
    fn empty_trash(&self) -> Result<usize, StoreError>;
    /// Whether this copy may still write: checked before saving anything
    /// that is not an entry (the prep answers). Entries are checked by `save`.
    fn check_lock(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Entries as JSON files in a folder.
#[derive(Debug, Clone)]
pub struct JsonDirStore {
    root: PathBuf,
    /// Each entry's file as this store (and its clones) read or wrote it.
    known: Arc<Mutex<HashMap<String, Known>>>,
    /// The folder's lock, while this store holds it (see [`FolderLock`]).
    held: Arc<Mutex<Held>>,
}

impl JsonDirStore {
    /// Uses `root` as the data folder, creating it (private to this user) if needed.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let store = JsonDirStore::at(root);
        create_private_dir(&store.root)?;
        create_private_dir(&store.entries_dir())?;
        Ok(store)
    }

    /// Uses `root` without creating anything: for read-only commands.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        JsonDirStore {
            root: root.into(),
            known: Arc::default(),
            held: Arc::default(),
        }
    }

    pub fn lock_path(&self) -> PathBuf {
        self.root.join(".lock")
    }

    /// Before a write, while this store holds the folder's lock: checks
    /// that `.lock` on disk is still the file it locked, and if it is gone
    /// or another file, takes the lock again. When another copy has taken
    /// it meanwhile, this store writes nothing more.
    fn lock_still_held(&self) -> Result<(), StoreError> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let path = self.lock_path();
        if held.lost {
            return Err(StoreError::LockLost { path });
        }
        let Some(file) = &held.file else {
            return Ok(());
        };
        let same = match (fs::symlink_metadata(&path), file.metadata()) {
            (Ok(on_disk), Ok(mine)) => on_disk.is_file() && identity(&on_disk) == identity(&mine),
            _ => false,
        };
        if same {
            return Ok(());
        }
        match self.take_lock() {
            Ok(Some(file)) => {
                held.file = Some(file);
                Ok(())
            }
            Ok(None) | Err(_) => {
                held.lost = true;
                Err(StoreError::LockLost { path })
            }
        }
    }

    /// Opens (or makes) `.lock` and locks it: `None` when another process
    /// has it. Checked afterwards to be still the file at `.lock`, so a
    /// lock file deleted meanwhile is not taken for one.
    fn take_lock(&self) -> Result<Option<fs::File>, StoreError> {
        let path = self.lock_path();
        let err = |source| StoreError::Lock {
            path: path.clone(),
            source,
        };
        for _ in 0..8 {
            let mut options = fs::OpenOptions::new();
            options.create(true).truncate(false).write(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options.open(&path).map_err(err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Ok(None),
                Err(fs::TryLockError::Error(e)) => return Err(err(e)),
            }
            let mine = file.metadata().map_err(err)?;
            if fs::symlink_metadata(&path).is_ok_and(|m| identity(&m) == identity(&mine)) {
                return Ok(Some(file));
            }
        }
        Err(err(io::Error::other(
            "the lock file keeps being deleted as it is taken",
        )))
    }

    /// Where copies kept in a conflict go: a version changed behind this
    /// store's back, or its own beside a file from a newer spiral.
    pub fn conflicts_dir(&self) -> PathBuf {
        self.root.join("conflicts")
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<String, Known>> {
        // A panic elsewhere while holding it leaves the map whole.
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads an entry's file, remembering it as read.
    fn read_seen(&self, id: &str, path: &Path) -> Result<Entry, String> {
        let (entry, seen) = read_seen(path);
        self.remember(id, seen);
        entry
    }

    fn remember(&self, id: &str, seen: Option<Seen>) {
        let mut known = self.known();
        let k = known.entry(id.to_string()).or_default();
        k.seen = seen;
        k.beside = None;
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn entries_dir(&self) -> PathBuf {
        self.root.join("entries")
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    pub fn backups_dir(&self) -> PathBuf {
        self.root.join("backups")
    }

    /// Keeps a copy of a file written by an older spiral before it is first
    /// rewritten in the new version: `backups/<id>.v<old>.json`, made once.
    fn back_up(&self, path: &Path, id: &str, old: u32) -> Result<(), StoreError> {
        let dir = self.backups_dir();
        let backup = dir.join(format!("{id}.v{old}.json"));
        if backup.exists() || !path.exists() {
            return Ok(());
        }
        create_private_dir(&dir)?;
        let bytes = fs::read(path).map_err(|source| StoreError::Write {
            path: backup.clone(),
            source,
        })?;
        write_atomically(&dir, &backup, &bytes).map_err(|source| StoreError::Write {
            path: backup,
            source,
        })
    }

    /// Takes the data folder's lock, unless another copy of spiral has it.
    /// While the lock is held, every save through this store (and its
    /// clones) checks it first.
    pub fn lock(&self) -> Result<LockState, StoreError> {
        match self.take_lock()? {
            Some(file) => {
                let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
                *held = Held {
                    file: Some(file),
                    lost: false,
                };
                Ok(LockState::Acquired(FolderLock {
                    slot: Arc::clone(&self.held),
                }))
            }
            None => Ok(LockState::HeldElsewhere),
        }
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.entries_dir().join(format!("{id}.json"))
    }
}

/// Reads one entry file's text, checking it is an entry this build understands.
/// An entry from a newer spiral is refused; see [`parse_entry_for_reading`].
pub fn parse_entry(text: &str) -> Result<Entry, String> {
    let entry = parse_entry_for_reading(text)?;
    if entry.is_from_newer_spiral() {
        return Err(format!(
            "written by a newer spiral (entry version {}; this one reads up to {ENTRY_VERSION}): update spiral to change it",
            entry.version
        ));
    }
    Ok(entry)
}

/// Like [`parse_entry`], but an entry from a newer spiral is read as far as
/// this build understands it, to be shown read-only: it is never written back.
pub fn parse_entry_for_reading(text: &str) -> Result<Entry, String> {
    // A byte-order mark (Windows Notepad writes one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The usual case, a good entry, in one pass; anything else goes the
    // slower way below, which says exactly what is wrong.
    if let Ok(mut entry) = serde_json::from_str::<Entry>(text)
        && entry.format == ENTRY_FORMAT
    {
        if entry.version < ENTRY_VERSION {
            entry.migrated_from = Some(entry.version);
            entry.version = ENTRY_VERSION;
        }
        return Ok(entry);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not valid JSON (line {}, column {}): {}",
            e.line(),
            e.column(),
            trim_error(&e.to_string())
        )
    })?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(ENTRY_FORMAT) {
        return Err(format!(
            "not a spiral entry (its \"format\" should be {ENTRY_FORMAT:?})"
        ));
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or("it has no \"version\" number")?;
    let mut entry: Entry = serde_json::from_value(value).map_err(|_| {
        let e = shape_error(text);
        if version > u64::from(ENTRY_VERSION) {
            format!(
                "written by a newer spiral (entry version {version}) in a shape this one cannot read ({e}): update spiral to open it"
            )
        } else {
            format!("not the shape of an entry: {e}")
        }
    })?;
    if entry.version < ENTRY_VERSION {
        // Version 1 differs from 2 only by fields that default to empty.
        entry.migrated_from = Some(entry.version);
        entry.version = ENTRY_VERSION;
    }
    Ok(entry)
}

impl EntryStore for JsonDirStore {
    fn load_all(&self) -> Result<Loaded, StoreError> {
        let dir = self.entries_dir();
        let files = crate::catalog::list_files(&dir)
            .map_err(|source| StoreError::ReadDir { path: dir, source })?;
        let paths: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
        let mut loaded = Loaded::default();
        for (path, (read, seen)) in paths.iter().zip(read_seen_files(&paths)) {
            match read {
                Ok(entry) => {
                    self.remember(&entry.id, seen);
                    loaded.entries.push(entry);
                }
                Err(error) => loaded.damaged.push(Damaged {
                    path: path.clone(),
                    error,
                }),
            }
        }
        Ok(loaded)
    }

    fn load(&self, id: &str) -> Result<Entry, LoadFailure> {
        let path = self.path_of(id);
        if !is_safe_id(id) || !path.exists() {
            return Err(LoadFailure::Missing);
        }
        self.read_seen(id, &path)
            .map_err(|error| LoadFailure::Damaged(Damaged { path, error }))
    }

    /// On every core: exporting reads thousands of entries at once.
    fn load_many(&self, ids: &[String]) -> Vec<Result<Entry, LoadFailure>> {
        let paths: Vec<PathBuf> = ids.iter().map(|id| self.path_of(id)).collect();
        let read = read_seen_files(&paths);
        ids.iter()
            .zip(paths)
            .zip(read)
            .map(|((id, path), (read, seen))| {
                if !is_safe_id(id) || !path.exists() {
                    return Err(LoadFailure::Missing);
                }
                if read.is_ok() {
                    self.remember(id, seen);
                }
                read.map_err(|error| LoadFailure::Damaged(Damaged { path, error }))
            })
            .collect()
    }

    fn write_index(&self, catalog: &crate::catalog::Catalog, fingerprint: u64) -> io::Result<()> {
        let index = catalog.to_index(&self.entries_dir(), fingerprint);
        crate::catalog::write_index(&self.root, &index)
    }

    fn load_trash(&self) -> Result<Loaded, StoreError> {
        load_dir(self.trash_dir())
    }

    fn check_lock(&self) -> Result<(), StoreError> {
        create_private_dir(&self.root)?;
        self.lock_still_held()
    }

    fn trash(&self, id: &str) -> Result<(), StoreError> {
        self.lock_still_held()?;
        move_entry(id, &self.entries_dir(), &self.trash_dir())?;
        self.known().remove(id);
        Ok(())
    }

    fn restore(&self, id: &str) -> Result<(), StoreError> {
        self.lock_still_held()?;
        move_entry(id, &self.trash_dir(), &self.entries_dir())
    }

    fn empty_trash(&self) -> Result<usize, StoreError> {
        self.lock_still_held()?;
        let dir = self.trash_dir();
        let read = match fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(source) => return Err(StoreError::ReadDir { path: dir, source }),
        };
        let mut count = 0;
        for path in read.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|x| x == "json") {
                fs::remove_file(&path).map_err(|source| StoreError::Delete { path, source })?;
                count += 1;
            }
        }
        Ok(count)
    }

    fn save(&self, entry: &Entry) -> Result<Saved, StoreError> {
        if entry.is_from_newer_spiral() {
            // Writing it would drop whatever the newer version added.
            return Err(StoreError::Refused {
                id: entry.id.clone(),
                reason: "it was written by a newer spiral; update spiral to change it".into(),
            });
        }
        if !is_safe_id(&entry.id) {
            return Err(StoreError::Refused {
                id: entry.id.clone(),
                reason: "the id may hold only letters, digits, '-' and '_'".into(),
            });
        }
        let dir = self.entries_dir();
        create_private_dir(&self.root)?;
        create_private_dir(&dir)?;
        self.lock_still_held()?;
        let path = self.path_of(&entry.id);
        let json = serde_json::to_vec_pretty(entry).map_err(|e| StoreError::Write {
            path: path.clone(),
            source: io::Error::other(e),
        })?;
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Write { path, source }
        };
        // A file that appears between looking and writing is looked at again.
        for _ in 0..8 {
            let known = self.known().get(&entry.id).cloned().unwrap_or_default();
            let meta = match fs::symlink_metadata(&path) {
                Ok(meta) => Some(meta),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(source) => return Err(StoreError::Write { path, source }),
            };
            let Some(meta) = meta else {
                // New, or deleted behind the store's back: this copy is whole.
                match write_file(&dir, &path, &json, false) {
                    Ok(seen) => {
                        self.remember(&entry.id, Some(seen));
                        return Ok(Saved::Written);
                    }
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(source) => return Err(StoreError::Write { path, source }),
                }
            };
            let unchanged = match known.seen {
                Some(seen) if seen.same_file(&meta) => true,
                // The stamp differs: the bytes may not (a sync tool's copy).
                Some(seen) => crate::files::read_file(&path).is_ok_and(|b| hash(&b) == seen.hash),
                // Never read here: whatever it holds is not this store's to replace.
                None => false,
            };
            if unchanged {
                if let Some(old) = entry.migrated_from {
                    self.back_up(&path, &entry.id, old)?;
                }
                let seen = write_file(&dir, &path, &json, true).map_err(write_err(&path))?;
                self.remember(&entry.id, Some(seen));
                return Ok(Saved::Written);
            }
            // Changed behind the store's back: never written over.
            let (bytes, now_meta) =
                crate::files::read_file_with_meta(&path).map_err(write_err(&path))?;
            let now = Seen::of(&now_meta, &bytes);
            if is_newer_file(&bytes) {
                let mine = match known.beside {
                    Some((was, mine)) if Some(was) == now => mine,
                    _ => self.conflict_path(&entry.id, "mine")?,
                };
                let folder = self.conflicts_dir();
                write_file(&folder, &mine, &json, true).map_err(write_err(&mine))?;
                let mut all = self.known();
                let k = all.entry(entry.id.clone()).or_default();
                k.beside = now.map(|now| (now, mine.clone()));
                return Ok(Saved::WrittenBeside { mine });
            }
            let other = self.conflict_path(&entry.id, "other")?;
            // Moved, not copied: the other version stays byte for byte.
            fs::rename(&path, &other).map_err(|source| StoreError::Move {
                from: path.clone(),
                to: other.clone(),
                source,
            })?;
            match write_file(&dir, &path, &json, false) {
                Ok(seen) => {
                    self.remember(&entry.id, Some(seen));
                    return Ok(Saved::OtherKept { other });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(StoreError::Write { path, source }),
            }
        }
        Err(StoreError::Refused {
            id: entry.id.clone(),
            reason: format!("{} keeps being changed by another program", path.display()),
        })
    }
}

impl JsonDirStore {
    /// A new name in `conflicts/` for a copy of entry `id`:
    /// `<id>.<whose>-<date>-<time>.json` (`-2`… if that is taken).
    fn conflict_path(&self, id: &str, whose: &str) -> Result<PathBuf, StoreError> {
        let dir = self.conflicts_dir();
        create_private_dir(&dir)?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let first = dir.join(format!("{id}.{whose}-{stamp}.json"));
        Ok((1..)
            .map(|n| match n {
                1 => first.clone(),
                n => dir.join(format!("{id}.{whose}-{stamp}-{n}.json")),
            })
            .find(|p| !p.exists())
            .unwrap_or(first))
    }
}

/// Whether these bytes are an entry written by a newer spiral.
fn is_newer_file(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64))
        .is_some_and(|v| v > u64::from(ENTRY_VERSION))
}

/// Writes an entry file atomically (see [`write_atomically`]), over an
/// existing one only when `replace`, and returns the file as written.
fn write_file(dir: &Path, path: &Path, bytes: &[u8], replace: bool) -> io::Result<Seen> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".saving-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // A rename keeps the file's identity and time: this is the file as written.
    let meta = tmp.as_file().metadata()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    Seen::of(&meta, bytes).ok_or_else(|| io::Error::other("the system gives no file times"))
}

/// Reads an entry file, and what it was as read.
fn read_seen(path: &Path) -> (Result<Entry, String>, Option<Seen>) {
    match crate::files::read_file_with_meta(path) {
        Ok((bytes, meta)) => {
            let seen = Seen::of(&meta, &bytes);
            (crate::catalog::entry_file_from_bytes(path, bytes), seen)
        }
        Err(e) => (
            Err(crate::store::trim_error(&format!("cannot be read: {e}"))),
            None,
        ),
    }
}

/// [`read_seen`] on every core, each result in the place of its path.
fn read_seen_files(paths: &[PathBuf]) -> Vec<(Result<Entry, String>, Option<Seen>)> {
    crate::parallel::map_runs(paths, 128, |_, run| {
        run.iter().map(|p| read_seen(p)).collect()
    })
}

/// Reads every entry file in one folder; unreadable ones are reported, never skipped.
fn load_dir(dir: PathBuf) -> Result<Loaded, StoreError> {
    let mut loaded = Loaded::default();
    let files = crate::catalog::list_files(&dir)
        .map_err(|source| StoreError::ReadDir { path: dir, source })?;
    let paths: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
    for (path, read) in paths.iter().zip(read_entry_files(&paths)) {
        match read {
            Ok(entry) => loaded.entries.push(entry),
            Err(error) => loaded.damaged.push(Damaged {
                path: path.clone(),
                error,
            }),
        }
    }
    Ok(loaded)
}

/// Reads entry files on every core, each result in the place of its path.
/// Reading thousands of entries (starting without an index, exporting
/// everything) is mostly parsing JSON, which splits cleanly.
pub fn read_entry_files(paths: &[PathBuf]) -> Vec<Result<Entry, String>> {
    crate::parallel::map_runs(paths, 128, |_, run| {
        run.iter()
            .map(|p| crate::catalog::read_entry_file(p))
            .collect()
    })
}

/// Moves `<from>/<id>.json` to `<to>/<id>.json`, never over an existing file.
fn move_entry(id: &str, from: &Path, to: &Path) -> Result<(), StoreError> {
    if !is_safe_id(id) {
        return Err(StoreError::Refused {
            id: id.into(),
            reason: "the id may hold only letters, digits, '-' and '_'".into(),
        });
    }
    create_private_dir(to)?;
    let src = from.join(format!("{id}.json"));
    let dst = to.join(format!("{id}.json"));
    if dst.exists() {
        return Err(StoreError::Refused {
            id: id.into(),
            reason: format!(
                "{} already exists; move one of them aside first",
                dst.display()
            ),
        });
    }
    let err = |source| StoreError::Move {
        from: src.clone(),
        to: dst.clone(),
        source,
    };
    fs::rename(&src, &dst).map_err(err)?;
    #[cfg(unix)]
    for dir in [from, to] {
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(err)?;
    }
    Ok(())
}

/// Writes entries that could not be saved into `<base>/<stamp>/<id>.json` in
/// the first of `bases` that works, and returns that folder. Each file is a
/// whole entry that can be moved back into an entries folder as it is.
pub fn write_recovery(
    bases: &[PathBuf],
    entries: &[Entry],
    prep_json: Option<&str>,
    stamp: &str,
) -> Result<PathBuf, String> {
    write_recovery_files(bases, &recovery_files(entries, prep_json)?, stamp)
}

/// The files a recovery folder holds for these unsaved entries and prep
/// answers: `<id>.json` each, and `prep.json`.
pub fn recovery_files(
    entries: &[Entry],
    prep_json: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::with_capacity(entries.len() + 1);
    for entry in entries {
        if !is_safe_id(&entry.id) {
            return Err(format!("unsafe id {:?}", entry.id));
        }
        let json = serde_json::to_vec_pretty(entry).map_err(|e| e.to_string())?;
        files.push((format!("{}.json", entry.id), json));
    }
    // Unsaved supervision prep answers, as the data folder keeps them.
    if let Some(text) = prep_json {
        files.push(("prep.json".to_string(), text.as_bytes().to_vec()));
    }
    Ok(files)
}

/// Writes `files` (name, bytes) into `<base>/<stamp>/` in the first of
/// `bases` where every one of them can be written, and returns that folder.
/// Used for anything unsaved when spiral must stop: entries, prep answers,
/// a supervisor's feedback.
pub fn write_recovery_files(
    bases: &[PathBuf],
    files: &[(String, Vec<u8>)],
    stamp: &str,
) -> Result<PathBuf, String> {
    let mut errors = Vec::new();
    for base in bases {
        let folder = base.join(stamp);
        let attempt = create_private_dir(base)
            .and_then(|()| create_private_dir(&folder))
            .map_err(|e| e.to_string())
            .and_then(|()| {
                for (name, bytes) in files {
                    write_atomically(&folder, &folder.join(name), bytes)
                        .map_err(|e| format!("{}: {e}", folder.display()))?;
                }
                Ok(())
            });
        match attempt {
            Ok(()) => return Ok(folder),
            Err(e) => errors.push(e),
        }
    }
    Err(errors.join("; "))
}

/// What is wrong with the shape of an entry, naming the field (`created:
/// premature end of input at line 4 column 20`): read again from the text,
/// for the field and the line and column.
fn shape_error(text: &str) -> String {
    let mut reader = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Entry>(&mut reader) {
        Ok(_) => "a value that does not fit".into(),
        Err(e) => {
            let field = e.path().to_string();
            let inner = trim_error(&e.into_inner().to_string());
            if field.is_empty() || field == "." {
                inner
            } else {
                format!("the field {field}: {inner}")
            }
        }
    }
}

/// An error about a file, trimmed to what is wrong and where: never a
/// word of what the file holds. The JSON reader quotes the text it stops
/// at (`invalid type: string "what she said"`), and a damaged file's error
/// is kept in the index and shown on screen, so every quoted part goes,
/// except a field's name (`missing field `id``), which says what to fix.
pub fn trim_error(error: &str) -> String {
    static QUOTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#""(?:[^"\\]|\\.)*"?|(field )?`[^`]*`?"#).expect("a valid pattern")
    });
    QUOTED
        .replace_all(error, |c: &regex::Captures| match c.get(1) {
            // A field's name is the schema's word, unless it is long or odd.
            Some(_) if is_field_name(&c[0]["field ".len()..]) => c[0].to_string(),
            Some(_) => "field …".to_string(),
            None => "…".to_string(),
        })
        .into_owned()
}

fn is_field_name(quoted: &str) -> bool {
    let name = quoted.trim_matches('`');
    quoted.len() == name.len() + 2
        && !name.is_empty()
        && name.len() <= 40
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

pub(crate) fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the
/// new one: a private temporary file in the same folder, flushed to disk,
/// then renamed over the old one, then the folder flushed.
pub fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_named(dir, path, bytes, ".saving-")
}

/// [`write_atomically`], with the temporary file's name starting `prefix`.
pub fn write_atomically_named(
    dir: &Path,
    path: &Path,
    bytes: &[u8],
    prefix: &str,
) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    make_private_dir(path).map_err(|source| StoreError::CreateDir {
        path: path.to_path_buf(),
        source,
    })
}

/// Makes a folder and any missing folders above it, each private to this
/// user (0700 on Unix). Every folder spiral makes is made here: the data
/// folder, exports and their `--out` folders, recovery folders.
pub fn make_private_dir(path: &Path) -> io::Result<()> {
    if !path.is_dir() {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn sample(id: &str) -> Entry {
        let now = DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap();
        let mut e = Entry {
            format: ENTRY_FORMAT.into(),
            version: ENTRY_VERSION,
            id: id.into(),
            worksheet: crate::model::entry::WorksheetRef {
                id: "building-impactful-partnerships".into(),
                revision: 1,
            },
            family_label: "Family J. 👪 李".into(),
            created: now,
            updated: now + chrono::Duration::minutes(5),
            answers: Default::default(),
            chosen: Default::default(),
            position: Some("kc-subtle-intervention".into()),
            maps: Default::default(),
            tags: vec!["housing".into(), "first visits".into()],
            completed: Some(now + chrono::Duration::days(3)),
            discussed: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            feedback: vec![crate::model::entry::Comment {
                id: "c1".into(),
                key: Some("kc-subtle-intervention".into()),
                text: "Say more <here> & \"there\".".into(),
                reviewer: Some("Supervisor A".into()),
                written: now,
            }],
            migrated_from: None,
        };
        e.maps.insert(
            "wd-map".into(),
            vec![crate::model::map::MapIssue {
                id: 1,
                text: "Wary of visits".into(),
                stage: "earning-acceptance".into(),
                when: "visit 1".into(),
                shifted: "tea".into(),
                return_of: None,
                feeds: vec!["help".into()],
            }],
        );
        e.answers.insert(
            "kc-earning-acceptance".into(),
            "Line one\nلكن مرحبا\n\u{65}\u{301}".into(),
        );
        e.chosen.insert(
            "reflective-choice".into(),
            vec!["reflective-3".into(), "reflective-1".into()],
        );
        e
    }

    #[test]
    fn every_field_survives_a_write_and_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("data")).unwrap();
        let entry = sample("20261124-093000-ab12");
        store.save(&entry).unwrap();
        let loaded = store.load_all().unwrap();
        assert!(loaded.damaged.is_empty(), "{:?}", loaded.damaged);
        assert_eq!(loaded.entries, vec![entry]);
    }

    #[test]
    fn saving_again_replaces_the_file_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let mut entry = sample("e1");
        store.save(&entry).unwrap();
        entry.answers.insert("x".into(), "second".into());
        store.save(&entry).unwrap();
        let names: Vec<_> = fs::read_dir(store.entries_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["e1.json"]);
        assert_eq!(store.load_all().unwrap().entries[0].answer("x"), "second");
    }

    #[test]
    fn a_broken_file_is_reported_and_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        store.save(&sample("good")).unwrap();
        let cases: [(&str, &[u8], &str); 5] = [
            ("empty", b"", "not valid JSON"),
            (
                "truncated",
                b"{\"format\": \"spiral-entry\",\n \"version\": 1,",
                "line 2",
            ),
            ("latin1", b"{\"x\": \"caf\xe9\"}", "not UTF-8"),
            (
                "wrongshape",
                b"{\"format\": \"spiral-entry\", \"version\": 1, \"id\": 5}",
                "shape",
            ),
            (
                "future",
                b"{\"format\": \"spiral-entry\", \"version\": 9}",
                "newer spiral",
            ),
        ];
        for (name, bytes, _) in &cases {
            fs::write(store.path_of(name), bytes).unwrap();
        }
        let loaded = store.load_all().unwrap();
        assert_eq!(loaded.entries.len(), 1);
        assert_eq!(loaded.damaged.len(), cases.len());
        for (name, bytes, expected) in &cases {
            let d = loaded
                .damaged
                .iter()
                .find(|d| d.path == store.path_of(name))
                .unwrap_or_else(|| panic!("{name} reported"));
            assert!(d.error.contains(expected), "{name}: {}", d.error);
            assert_eq!(
                &fs::read(store.path_of(name)).unwrap(),
                bytes,
                "{name} untouched"
            );
        }
    }

    #[test]
    fn a_file_whose_id_differs_from_its_name_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let json = serde_json::to_string(&sample("other")).unwrap();
        fs::write(store.path_of("copy"), json).unwrap();
        let loaded = store.load_all().unwrap();
        assert!(
            loaded.damaged[0].error.contains("rename"),
            "{:?}",
            loaded.damaged
        );
    }

    #[test]
    fn an_unsafe_id_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        assert!(store.save(&sample("../escape")).is_err());
        assert!(!dir.path().join("escape.json").exists());
    }

    #[test]
    fn trash_restore_and_empty_move_files_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        store.save(&sample("a")).unwrap();
        store.save(&sample("b")).unwrap();
        store.trash("a").unwrap();
        assert_eq!(store.load_all().unwrap().entries.len(), 1);
        assert_eq!(store.load_trash().unwrap().entries, vec![sample("a")]);
        // A restore never replaces an entry of the same id.
        store.save(&sample("a")).unwrap();
        assert!(
            store
                .restore("a")
                .unwrap_err()
                .to_string()
                .contains("already exists")
        );
        fs::remove_file(store.path_of("a")).unwrap();
        store.restore("a").unwrap();
        assert_eq!(store.load_all().unwrap().entries.len(), 2);
        store.trash("a").unwrap();
        store.trash("b").unwrap();
        assert_eq!(store.empty_trash().unwrap(), 2);
        assert!(store.load_trash().unwrap().entries.is_empty());
        assert!(store.trash("missing").is_err());
    }

    #[test]
    fn recovery_goes_to_the_first_place_that_works_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        fs::write(&blocked, "a file, not a folder").unwrap();
        let good = dir.path().join("home");
        let folder = write_recovery(
            &[blocked, good.clone()],
            &[sample("r1")],
            Some("{\"prep\": 1}"),
            "20261124-031900",
        )
        .unwrap();
        assert_eq!(folder, good.join("20261124-031900"));
        let text = fs::read_to_string(folder.join("r1.json")).unwrap();
        assert_eq!(parse_entry(&text).unwrap(), sample("r1"));
        let prep = fs::read_to_string(folder.join("prep.json")).unwrap();
        assert_eq!(prep, "{\"prep\": 1}", "unsaved prep answers are kept too");
        let all_blocked = write_recovery(&[dir.path().join("blocked")], &[sample("r1")], None, "x");
        assert!(all_blocked.unwrap_err().contains("blocked"));
    }

    #[test]
    fn an_entry_from_a_newer_spiral_is_read_but_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let mut value = serde_json::to_value(sample("n")).unwrap();
        value["version"] = (ENTRY_VERSION + 1).into();
        value["a_field_from_the_future"] = "kept".into();
        let text = serde_json::to_string_pretty(&value).unwrap();
        fs::write(store.path_of("n"), &text).unwrap();
        let loaded = store.load_all().unwrap();
        assert!(loaded.damaged.is_empty(), "{:?}", loaded.damaged);
        let entry = &loaded.entries[0];
        assert!(entry.is_from_newer_spiral());
        assert!(parse_entry(&text).unwrap_err().contains("newer spiral"));
        let err = store.save(entry).unwrap_err().to_string();
        assert!(err.contains("newer spiral"), "{err}");
        assert_eq!(
            fs::read_to_string(store.path_of("n")).unwrap(),
            text,
            "left as it was"
        );
    }

    #[test]
    fn an_older_file_is_migrated_in_memory_and_backed_up_before_its_first_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let v1 = include_str!("../tests/fixtures/entry-v1.json");
        let id = "20261101-100000-abcd";
        fs::write(store.path_of(id), v1).unwrap();
        let entry = store.load_all().unwrap().entries.remove(0);
        assert_eq!(
            (entry.version, entry.migrated_from),
            (ENTRY_VERSION, Some(1))
        );
        assert_eq!(
            fs::read_to_string(store.path_of(id)).unwrap(),
            v1,
            "reading changes nothing"
        );
        store.save(&entry).unwrap();
        let backup = store.backups_dir().join(format!("{id}.v1.json"));
        assert_eq!(
            fs::read_to_string(&backup).unwrap(),
            v1,
            "the old file is kept as it was"
        );
        let rewritten = store.load_all().unwrap().entries.remove(0);
        assert_eq!(
            (rewritten.version, rewritten.migrated_from),
            (ENTRY_VERSION, None)
        );
        // A second save keeps the first backup.
        store.save(&rewritten).unwrap();
        store.save(&entry).unwrap();
        assert_eq!(fs::read_to_string(&backup).unwrap(), v1);
    }

    #[test]
    fn every_released_entry_version_has_a_fixture_that_loads() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for version in 1..=ENTRY_VERSION {
            let path = fixtures.join(format!("entry-v{version}.json"));
            let text = fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "keep a fixture of version {version}: {}: {e}",
                    path.display()
                )
            });
            let entry = parse_entry(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(entry.version, ENTRY_VERSION, "read as the current version");
            let from = (version < ENTRY_VERSION).then_some(version);
            assert_eq!(entry.migrated_from, from);
            assert!(!entry.answers.is_empty(), "the fixture's answers survive");
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().file_name().into_string().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn a_file_changed_behind_the_stores_back_is_kept_whole_and_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let mut mine = sample("c1");
        assert_eq!(store.save(&mine).unwrap(), Saved::Written);
        let mine_read = store.load("c1").unwrap();
        assert_eq!(mine_read, mine);
        // An editor (or a sync tool) saves its own version, by replacing the file.
        let mut theirs = sample("c1");
        theirs
            .answers
            .insert("x".into(), "written in an editor".into());
        let their_text = serde_json::to_string_pretty(&theirs).unwrap();
        let elsewhere = dir.path().join("elsewhere.json");
        fs::write(&elsewhere, &their_text).unwrap();
        fs::rename(&elsewhere, store.path_of("c1")).unwrap();
        mine.answers.insert("x".into(), "typed in spiral".into());
        let Saved::OtherKept { other } = store.save(&mine).unwrap() else {
            panic!("the change was not noticed")
        };
        assert_eq!(other.parent(), Some(store.conflicts_dir().as_path()));
        assert_eq!(fs::read_to_string(&other).unwrap(), their_text, "whole");
        assert_eq!(store.load("c1").unwrap().answer("x"), "typed in spiral");
        // Saving again goes on as usual: the other version was kept once.
        assert_eq!(store.save(&mine).unwrap(), Saved::Written);
        assert_eq!(names_in(&store.conflicts_dir()).len(), 1);
        // A change in place, keeping the same length and inode, is noticed too.
        let text = fs::read_to_string(store.path_of("c1")).unwrap();
        let changed = text.replace("typed in spiral", "TYPED IN SPIRAL");
        let mut file = fs::OpenOptions::new()
            .write(true)
            .open(store.path_of("c1"))
            .unwrap();
        file.write_all(changed.as_bytes()).unwrap();
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
            .unwrap();
        drop(file);
        assert!(matches!(
            store.save(&mine).unwrap(),
            Saved::OtherKept { .. }
        ));
        assert_eq!(names_in(&store.conflicts_dir()).len(), 2);
        assert!(
            names_in(&store.entries_dir()) == ["c1.json"],
            "no leftovers"
        );
    }

    #[test]
    fn a_file_only_touched_or_never_read_here_is_handled_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let entry = sample("t1");
        store.save(&entry).unwrap();
        // Touched (a backup tool, `touch`): the same bytes, a new time.
        fs::File::options()
            .write(true)
            .open(store.path_of("t1"))
            .unwrap()
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(9))
            .unwrap();
        assert_eq!(store.save(&entry).unwrap(), Saved::Written);
        assert!(!store.conflicts_dir().exists());
        // Another store that never read the file never replaces it.
        let other = JsonDirStore::at(dir.path());
        let Saved::OtherKept { other: kept } = other.save(&sample("t1")).unwrap() else {
            panic!("written over a file it never read")
        };
        assert_eq!(
            parse_entry(&fs::read_to_string(kept).unwrap()).unwrap(),
            entry
        );
    }

    #[test]
    fn a_file_from_a_newer_spiral_put_in_place_is_never_rewritten_or_moved() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let mut mine = sample("n1");
        store.save(&mine).unwrap();
        let mut value = serde_json::to_value(sample("n1")).unwrap();
        value["version"] = (ENTRY_VERSION + 1).into();
        value["a_field_from_the_future"] = "kept".into();
        let newer = serde_json::to_string_pretty(&value).unwrap();
        let elsewhere = dir.path().join("newer.json");
        fs::write(&elsewhere, &newer).unwrap();
        fs::rename(&elsewhere, store.path_of("n1")).unwrap();
        mine.answers.insert("x".into(), "first words".into());
        let Saved::WrittenBeside { mine: beside } = store.save(&mine).unwrap() else {
            panic!("the newer file was not noticed")
        };
        mine.answers
            .insert("x".into(), "first words and more".into());
        let Saved::WrittenBeside { mine: again } = store.save(&mine).unwrap() else {
            panic!("the newer file was not noticed the second time")
        };
        assert_eq!(beside, again, "one copy, kept up to date");
        assert_eq!(fs::read_to_string(store.path_of("n1")).unwrap(), newer);
        let kept = parse_entry(&fs::read_to_string(&beside).unwrap()).unwrap();
        assert_eq!(kept.answer("x"), "first words and more");
        assert_eq!(names_in(&store.conflicts_dir()).len(), 1);
    }

    #[test]
    fn a_second_copy_cannot_take_the_folder_lock_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = JsonDirStore::open(dir.path()).unwrap();
        let second = JsonDirStore::open(dir.path()).unwrap();
        let held = first.lock().unwrap();
        assert!(matches!(held, LockState::Acquired(_)));
        assert!(matches!(second.lock().unwrap(), LockState::HeldElsewhere));
        drop(held);
        assert!(matches!(second.lock().unwrap(), LockState::Acquired(_)));
    }

    #[test]
    fn a_deleted_lock_file_is_noticed_before_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let first = JsonDirStore::open(dir.path()).unwrap();
        let held = first.lock().unwrap();
        assert!(matches!(held, LockState::Acquired(_)));
        first.save(&sample("a")).unwrap();
        let before = fs::read(first.path_of("a")).unwrap();
        // Deleted while held: a second copy can now take a new lock file.
        fs::remove_file(first.lock_path()).unwrap();
        let second = JsonDirStore::open(dir.path()).unwrap();
        let second_lock = second.lock().unwrap();
        assert!(matches!(second_lock, LockState::Acquired(_)));
        let mut changed = sample("a");
        changed
            .answers
            .insert("x".into(), "from the first copy".into());
        let err = first.save(&changed).unwrap_err();
        assert!(matches!(err, StoreError::LockLost { .. }), "{err}");
        assert!(first.check_lock().is_err(), "and nothing else either");
        assert!(first.trash("a").is_err());
        assert_eq!(fs::read(first.path_of("a")).unwrap(), before, "unchanged");
        // The copy that has the lock now writes as usual.
        second.save(&sample("b")).unwrap();
    }

    #[test]
    fn a_lock_file_deleted_with_nobody_else_waiting_is_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        let first = JsonDirStore::open(&root).unwrap();
        let _held = first.lock().unwrap();
        // The whole folder deleted while spiral runs.
        fs::remove_dir_all(&root).unwrap();
        first.save(&sample("a")).unwrap();
        let second = JsonDirStore::open(&root).unwrap();
        assert!(
            matches!(second.lock().unwrap(), LockState::HeldElsewhere),
            "the first copy holds the new lock file"
        );
    }

    #[test]
    fn a_save_into_a_deleted_folder_makes_it_again() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        let store = JsonDirStore::open(&root).unwrap();
        fs::remove_dir_all(&root).unwrap();
        store.save(&sample("back")).unwrap();
        assert_eq!(store.load_all().unwrap().entries.len(), 1);
    }

    #[test]
    fn a_save_that_cannot_be_written_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data folder should be: no write can succeed, even as root.
        let blocker = dir.path().join("data");
        fs::write(&blocker, "not a folder").unwrap();
        let store = JsonDirStore::at(&blocker);
        let err = store.save(&sample("x")).unwrap_err().to_string();
        assert!(err.contains(&blocker.display().to_string()), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("data");
        let store = JsonDirStore::open(&root).unwrap();
        store.save(&sample("p")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(&store.entries_dir()), 0o700);
        assert_eq!(mode(&store.path_of("p")), 0o600);
    }

    #[test]
    fn many_entries_are_read_in_order_each_with_what_went_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let ids: Vec<String> = (0..300).map(|n| format!("e{n}")).collect();
        for id in &ids {
            store.save(&sample(id)).unwrap();
        }
        fs::write(store.path_of("e7"), "{").unwrap();
        let mut asked = ids.clone();
        asked.push("not-there".into());
        asked.push("../escape".into());
        let read = store.load_many(&asked);
        assert_eq!(read.len(), 302);
        for (id, result) in asked.iter().zip(&read).take(300) {
            match result {
                Ok(e) => assert_eq!(&e.id, id),
                Err(LoadFailure::Damaged(d)) => assert_eq!(id, "e7", "{}", d.error),
                Err(LoadFailure::Missing) => panic!("{id} is there"),
            }
        }
        assert!(matches!(read[7], Err(LoadFailure::Damaged(_))));
        assert!(matches!(read[300], Err(LoadFailure::Missing)));
        assert!(matches!(read[301], Err(LoadFailure::Missing)));
    }
}

#[cfg(test)]
mod trim_tests {
    use super::trim_error;

    #[test]
    fn an_error_keeps_what_and_where_and_loses_every_quoted_word() {
        let cases = [
            (
                r#"invalid type: string "Mum said \"no\" twice", expected a sequence at line 3 column 40"#,
                "invalid type: string …, expected a sequence at line 3 column 40",
            ),
            (
                "unknown variant `her words`, expected `done` or `open` at line 1 column 9",
                "unknown variant …, expected … or … at line 1 column 9",
            ),
            (
                "missing field `worksheet` at line 9 column 1",
                "missing field `worksheet` at line 9 column 1",
            ),
            ("unknown field `A Long Story`", "unknown field …"),
            (
                r#"EOF while parsing a string "cut off"#,
                "EOF while parsing a string …",
            ),
        ];
        for (error, trimmed) in cases {
            assert_eq!(trim_error(error), trimmed);
        }
    }
}

#[cfg(test)]
mod reading_tests {
    use super::parse_entry;

    fn fixture() -> serde_json::Value {
        serde_json::from_str(include_str!("../tests/fixtures/entry-v1.json")).unwrap()
    }

    #[test]
    fn a_bad_time_names_its_field_and_where_it_is() {
        for field in ["created", "updated"] {
            let mut value = fixture();
            value[field] = "24 Nov, about nine".into();
            let text = serde_json::to_string_pretty(&value).unwrap();
            let error = parse_entry(&text).unwrap_err();
            assert!(error.contains(&format!("the field {field}")), "{error}");
            assert!(error.contains("line"), "{error}");
            assert!(!error.contains("about nine"), "{error}");
        }
    }

    #[test]
    fn a_byte_order_mark_before_the_json_is_read_past() {
        let text = format!(
            "\u{feff}{}",
            include_str!("../tests/fixtures/entry-v1.json")
        );
        let entry = parse_entry(&text).unwrap();
        assert!(!entry.answers.is_empty());
    }
}
