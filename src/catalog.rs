//! What Home needs to know about every entry, without reading every entry.
//!
//! Each entry file stays the only source of truth. The summary index
//! (`<data dir>/index.bin`) is derived from them: a summary per entry, with
//! the size and modification time of the file it was made from. At start the
//! workbook shows Home from the index at once, then checks every file's size
//! and time in the background and reads again any file that differs, is new
//! or has gone. An index that is missing, damaged, from another version or
//! made with other worksheets is ignored and rebuilt from the files. Answers
//! are never written to the index.

use std::collections::{HashMap, hash_map::DefaultHasher};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

use crate::model::entry::{ENTRY_VERSION, Entry, EntryStatus, Progress, WorksheetRef};
use crate::model::worksheet::{Item, Worksheet};
use crate::store::{Damaged, parse_entry_for_reading};

/// Binary (postcard), not JSON: ten thousand summaries read in a few
/// milliseconds. Nobody edits it; deleting it is always safe.
pub const INDEX_FILE: &str = "index.bin";
pub const INDEX_FORMAT: &str = "spiral-index";
/// Bumped whenever the index's shape changes; another version is rebuilt.
/// 2: each entry keeps how many supervisor's comments it has.
pub const INDEX_VERSION: u32 = 2;

/// A file's size and modification time (nanoseconds since 1970): when either
/// differs from what the index says, the file is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub len: u64,
    pub modified_ns: i128,
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> Option<FileStamp> {
        let modified = meta.modified().ok()?;
        let modified_ns = match modified.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        Some(FileStamp {
            len: meta.len(),
            modified_ns,
        })
    }
}

/// What Home, the filters and `spiral list` show of one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub worksheet: WorksheetRef,
    pub family_label: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// The version of the file; above [`ENTRY_VERSION`] it is read-only here.
    pub version: u32,
    /// `None` when this spiral does not have the entry's worksheet.
    pub progress: Option<Progress>,
    pub tags: Vec<String>,
    pub completed: Option<DateTime<FixedOffset>>,
    pub discussed: Option<NaiveDate>,
    /// How many comments a supervisor has left on it (imported feedback).
    pub comments: usize,
    /// The file this summary was made from, when known. `None` (the entry
    /// was saved by this copy) makes the next start read the file again.
    pub stamp: Option<FileStamp>,
}

impl Summary {
    pub fn of(entry: &Entry, worksheets: &[Worksheet], stamp: Option<FileStamp>) -> Summary {
        Summary {
            id: entry.id.clone(),
            worksheet: entry.worksheet.clone(),
            family_label: entry.family_label.clone(),
            created: entry.created,
            updated: entry.updated,
            version: entry.version,
            progress: worksheets
                .iter()
                .find(|w| w.id == entry.worksheet.id)
                .map(|w| entry.progress(w)),
            tags: entry.tags.clone(),
            completed: entry.completed,
            discussed: entry.discussed,
            comments: entry.feedback.len(),
            stamp,
        }
    }

    pub fn status(&self) -> EntryStatus {
        EntryStatus::of(self.completed.is_some(), self.discussed.is_some())
    }

    pub fn is_from_newer_spiral(&self) -> bool {
        self.version > ENTRY_VERSION
    }

    /// Whether two summaries show the same thing (the file stamps aside).
    pub fn shows_same(&self, other: &Summary) -> bool {
        let Summary {
            id,
            worksheet,
            family_label,
            created,
            updated,
            version,
            progress,
            tags,
            completed,
            discussed,
            comments,
            stamp: _,
        } = self;
        *id == other.id
            && *worksheet == other.worksheet
            && *family_label == other.family_label
            && *created == other.created
            && *updated == other.updated
            && *version == other.version
            && *progress == other.progress
            && *tags == other.tags
            && *completed == other.completed
            && *discussed == other.discussed
            && *comments == other.comments
    }
}

/// Everything written to the index file. The first three fields are read
/// first: an index of another format, version or set of worksheets is
/// rebuilt without reading further.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexFile {
    pub format: String,
    pub version: u32,
    /// Progress depends on the worksheets; an index made with others is rebuilt.
    pub worksheets: u64,
    /// Worksheet ids and revisions, each stored once; entries point into it.
    pub sheets: Vec<(String, u32)>,
    pub entries: Vec<IndexedEntry>,
    pub damaged: Vec<IndexedDamage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndexHeader {
    format: String,
    version: u32,
    worksheets: u64,
}

/// One summary as stored: whole-second times as numbers, the worksheet as a
/// place in [`IndexFile::sheets`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedEntry {
    pub id: String,
    pub sheet: u32,
    pub label: String,
    /// Unix seconds and the UTC offset in seconds.
    pub created: (i64, i32),
    pub updated: (i64, i32),
    pub v: u32,
    /// Answered and total; absent when the worksheet is unknown.
    pub progress: Option<(u32, u32)>,
    pub tags: Vec<String>,
    pub completed: Option<(i64, i32)>,
    /// Days since 1 January of year 1.
    pub discussed: Option<i32>,
    /// The supervisor's comments on it (since index version 2).
    pub comments: u32,
    pub stamp: Option<FileStamp>,
}

/// A file that could not be read, with the stamp it had then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedDamage {
    pub file: String,
    pub error: String,
    pub stamp: FileStamp,
}

fn to_pair(t: &DateTime<FixedOffset>) -> (i64, i32) {
    (t.timestamp(), t.offset().local_minus_utc())
}

fn from_pair((secs, offset): (i64, i32)) -> Option<DateTime<FixedOffset>> {
    FixedOffset::east_opt(offset)?
        .timestamp_opt(secs, 0)
        .single()
}

impl IndexedEntry {
    fn of(s: &Summary, sheet: u32) -> IndexedEntry {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        IndexedEntry {
            id: s.id.clone(),
            sheet,
            label: s.family_label.clone(),
            created: to_pair(&s.created),
            updated: to_pair(&s.updated),
            v: s.version,
            progress: s.progress.map(|p| (small(p.answered), small(p.total))),
            tags: s.tags.clone(),
            completed: s.completed.as_ref().map(to_pair),
            discussed: s.discussed.map(|d| d.num_days_from_ce()),
            comments: small(s.comments),
            stamp: s.stamp,
        }
    }

    fn summary(self, sheets: &[(String, u32)]) -> Option<Summary> {
        let (id, revision) = sheets.get(self.sheet as usize)?;
        Some(Summary {
            created: from_pair(self.created)?,
            updated: from_pair(self.updated)?,
            id: self.id,
            worksheet: WorksheetRef {
                id: id.clone(),
                revision: *revision,
            },
            family_label: self.label,
            version: self.v,
            progress: self.progress.map(|(answered, total)| Progress {
                answered: answered as usize,
                total: total as usize,
            }),
            tags: self.tags,
            completed: match self.completed {
                Some(pair) => Some(from_pair(pair)?),
                None => None,
            },
            discussed: match self.discussed {
                Some(days) => Some(NaiveDate::from_num_days_from_ce_opt(days)?),
                None => None,
            },
            comments: self.comments as usize,
            stamp: self.stamp,
        })
    }
}

/// A fingerprint of everything progress depends on: each worksheet's id,
/// revision and the answers it asks for.
pub fn worksheets_fingerprint(worksheets: &[Worksheet]) -> u64 {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for ws in worksheets {
        ws.id.hash(&mut h);
        ws.revision.hash(&mut h);
        for section in &ws.sections {
            section.id.hash(&mut h);
            format!("{:?}", section.only_if).hash(&mut h);
            for item in &section.items {
                match item {
                    Item::Prompt(p) => ("prompt", &p.id).hash(&mut h),
                    Item::Map(m) => ("map", &m.id).hash(&mut h),
                    Item::Choose(c) => {
                        ("choose", &c.id, c.count).hash(&mut h);
                        for p in &c.prompts {
                            p.id.hash(&mut h);
                        }
                    }
                    // Tables, checklists, scales, dates, yes/no: their answer keys.
                    other => {
                        other.kind().hash(&mut h);
                        for key in other.answer_keys() {
                            key.key.hash(&mut h);
                        }
                    }
                }
            }
        }
    }
    h.finish()
}

/// Home's view of the data folder: a summary per readable entry, and the
/// files that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub summaries: Vec<Summary>,
    pub damaged: Vec<Damaged>,
}

impl Catalog {
    /// In a stable order (by id), so two catalogs of the same folder compare equal.
    pub fn sorted(mut self) -> Catalog {
        self.summaries.sort_by(|a, b| a.id.cmp(&b.id));
        self.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        self
    }

    pub fn to_index(&self, entries_dir: &Path, fingerprint: u64) -> IndexFile {
        let mut sheets: Vec<(String, u32)> = Vec::new();
        let mut entries = Vec::with_capacity(self.summaries.len());
        for s in &self.summaries {
            let key = (s.worksheet.id.clone(), s.worksheet.revision);
            let sheet = match sheets.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    sheets.push(key);
                    sheets.len() - 1
                }
            };
            entries.push(IndexedEntry::of(s, sheet as u32));
        }
        IndexFile {
            format: INDEX_FORMAT.into(),
            version: INDEX_VERSION,
            worksheets: fingerprint,
            sheets,
            entries,
            damaged: self
                .damaged
                .iter()
                .filter_map(|d| {
                    let stamp = FileStamp::of(&fs::metadata(&d.path).ok()?)?;
                    let file = d.path.strip_prefix(entries_dir).ok()?;
                    Some(IndexedDamage {
                        file: file.to_string_lossy().into_owned(),
                        // Trimmed again here, the gate: no file's text in the index.
                        error: crate::store::trim_error(&d.error),
                        stamp,
                    })
                })
                .collect(),
        }
    }
}

/// Why an index was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexProblem {
    Missing,
    Damaged(String),
    /// Another index version, or made with other worksheets.
    Outdated,
}

/// Reads the index, if there is a usable one.
pub fn read_index(path: &Path, fingerprint: u64) -> Result<IndexFile, IndexProblem> {
    let bytes = match crate::files::read_file(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(IndexProblem::Missing),
        Err(e) => return Err(IndexProblem::Damaged(e.to_string())),
    };
    let damaged = |e: postcard::Error| IndexProblem::Damaged(e.to_string());
    let (header, _) = postcard::take_from_bytes::<IndexHeader>(&bytes).map_err(damaged)?;
    if header.format != INDEX_FORMAT {
        return Err(IndexProblem::Damaged("not a spiral index".into()));
    }
    if header.version != INDEX_VERSION || header.worksheets != fingerprint {
        return Err(IndexProblem::Outdated);
    }
    let (index, rest) = postcard::take_from_bytes::<IndexFile>(&bytes).map_err(damaged)?;
    if !rest.is_empty() {
        return Err(IndexProblem::Damaged("unexpected bytes at its end".into()));
    }
    Ok(index)
}

/// The index file's bytes.
pub fn encode_index(index: &IndexFile) -> io::Result<Vec<u8>> {
    postcard::to_stdvec(index).map_err(io::Error::other)
}

/// The catalog as the index last saw it, not yet checked against the files.
pub fn from_index(index: IndexFile, entries_dir: &Path) -> Option<Catalog> {
    let mut summaries = Vec::with_capacity(index.entries.len());
    for e in index.entries {
        // A time or worksheet that does not convert means a damaged index: rebuild.
        summaries.push(e.summary(&index.sheets)?);
    }
    let damaged = index
        .damaged
        .into_iter()
        .map(|d| Damaged {
            path: entries_dir.join(d.file),
            error: d.error,
        })
        .collect();
    Some(Catalog { summaries, damaged })
}

/// Every `*.json` entry file in `dir` with its stamp, in name order.
pub fn list_files(dir: &Path) -> io::Result<Vec<(PathBuf, Option<FileStamp>)>> {
    let mut files = Vec::new();
    each_file(dir, |path, stamp| files.push((path, stamp)))?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Reads one entry file: the entry, or why it cannot be read. The file's
/// name must match the id inside it.
pub fn read_entry_file(path: &Path) -> Result<Entry, String> {
    // Trimmed once here, for the screen, `list`, `doctor` and the index alike.
    read_entry(path).map_err(|e| crate::store::trim_error(&e))
}

fn read_entry(path: &Path) -> Result<Entry, String> {
    let bytes = crate::files::read_file(path).map_err(|e| format!("cannot be read: {e}"))?;
    entry_from_bytes(path, bytes)
}

/// [`read_entry_file`] for bytes already read from `path`.
pub fn entry_file_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Entry, String> {
    entry_from_bytes(path, bytes).map_err(|e| crate::store::trim_error(&e))
}

fn entry_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Entry, String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let entry = parse_entry_for_reading(&text)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() == Some(entry.id.as_str()) && !crate::store::is_safe_id(&entry.id) {
        // Listed, it could never be opened or saved (ids are file names):
        // named here instead of vanishing from Home when chosen.
        return Err(UNUSABLE_ID.into());
    }
    if stem.as_deref() == Some(entry.id.as_str()) {
        Ok(entry)
    } else {
        Err(id_mismatch(path, &entry.id))
    }
}

/// Why an entry whose id (and file name) holds a space, a dot or other
/// letters than a to z is not read, and what to do.
pub const UNUSABLE_ID: &str = "its id (and file name) may hold only the letters a to z, digits, '-' and '_', \
so spiral cannot open or save it: give the file and the id inside it a name of only those \
(a name no other file has)";

/// Why a file whose id differs from its name is not read, and what to do.
/// The advice never leads to loss: renaming is suggested only when no file
/// has that name (renaming over one would replace another entry).
fn id_mismatch(path: &Path, id: &str) -> String {
    if !crate::store::is_safe_id(id) {
        return "its id does not match its file name, and that id cannot be a file name: \
give it the id the file name has"
            .into();
    }
    let target = path.with_file_name(format!("{id}.json"));
    if target.exists() {
        format!(
            "its id {id} does not match its file name, and {id}.json is another file with that id: \
keep both by giving this one the id its file name has (spiral changes neither file)"
        )
    } else {
        format!("its id {id} does not match its file name; rename the file to {id}.json")
    }
}

/// What checking the files against a catalog found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// New summaries for entries that are new or whose file changed.
    pub changed: Vec<Summary>,
    /// Ids whose file is gone (or no longer readable).
    pub removed: Vec<String>,
    /// Every file that cannot be read now (the whole list, not a change).
    pub damaged: Vec<Damaged>,
    /// Whether anything differs from the catalog that was checked.
    pub any: bool,
}

/// What a check needs to know of a catalog: each entry's file stamp, and
/// the files known to be damaged. Small enough to hand to another thread.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    pub stamps: HashMap<String, Option<FileStamp>>,
    pub damaged: HashMap<PathBuf, String>,
}

impl Catalog {
    pub fn known(&self) -> Known {
        known(&self.summaries, &self.damaged)
    }
}

pub fn known<'a>(summaries: impl IntoIterator<Item = &'a Summary>, damaged: &[Damaged]) -> Known {
    Known {
        stamps: summaries
            .into_iter()
            .map(|s| (s.id.clone(), s.stamp))
            .collect(),
        damaged: damaged
            .iter()
            .map(|d| (d.path.clone(), d.error.clone()))
            .collect(),
    }
}

/// Calls `each` with every `*.json` entry file in `dir` and its stamp, in
/// no particular order, without holding the whole list (a decade of entries
/// is ten thousand paths).
pub fn each_file(dir: &Path, mut each: impl FnMut(PathBuf, Option<FileStamp>)) -> io::Result<()> {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in read.filter_map(Result::ok) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".json") && !name.starts_with('.') {
            let stamp = e.metadata().ok().and_then(|m| FileStamp::of(&m));
            each(e.path(), stamp);
        }
    }
    Ok(())
}

/// Compares the files in `entries_dir` with what is known of them by size
/// and time, and reads again only the files that differ.
pub fn check(known: &Known, entries_dir: &Path, worksheets: &[Worksheet]) -> io::Result<Changes> {
    let mut changes = Changes::default();
    let mut seen: std::collections::HashSet<&str> =
        std::collections::HashSet::with_capacity(known.stamps.len());
    each_file(entries_dir, |path, stamp| {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = known.stamps.get_key_value(&id);
        if let Some((key, was)) = key
            && stamp.is_some()
            && *was == stamp
        {
            seen.insert(key.as_str());
            return;
        }
        match read_entry_file(&path) {
            Ok(entry) => {
                // Known or new, it is there (a file now damaged is not).
                if let Some((key, _)) = key {
                    seen.insert(key.as_str());
                }
                changes.any = true;
                changes.changed.push(Summary::of(&entry, worksheets, stamp));
            }
            Err(error) => {
                if known.damaged.get(&path) != Some(&error) {
                    changes.any = true;
                }
                changes.damaged.push(Damaged { path, error });
            }
        }
    })?;
    for (id, _) in known.stamps.iter() {
        if !seen.contains(id.as_str()) {
            changes.removed.push(id.clone());
            changes.any = true;
        }
    }
    if changes.damaged.len() != known.damaged.len() {
        changes.any = true;
    }
    // A stable order, for the list of damaged files on Home.
    changes.damaged.sort_by(|a, b| a.path.cmp(&b.path));
    changes.changed.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(changes)
}

impl Catalog {
    /// Applies what [`check`] found.
    pub fn apply(&mut self, changes: Changes) {
        let removed: std::collections::HashSet<String> = changes.removed.into_iter().collect();
        self.summaries.retain(|s| !removed.contains(&s.id));
        let mut by_id: HashMap<String, usize> = self
            .summaries
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for s in changes.changed {
            match by_id.get(&s.id) {
                Some(&i) => self.summaries[i] = s,
                None => {
                    by_id.insert(s.id.clone(), self.summaries.len());
                    self.summaries.push(s);
                }
            }
        }
        self.damaged = changes.damaged;
    }
}

/// Reads every entry file: what Home would show with no index at all.
pub fn scan(entries_dir: &Path, worksheets: &[Worksheet]) -> io::Result<Catalog> {
    let mut catalog = Catalog::default();
    let changes = check(&Known::default(), entries_dir, worksheets)?;
    catalog.apply(changes);
    Ok(catalog)
}

/// How the catalog was found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// From the index: shown at once, to be checked against the files.
    Index,
    /// Read from every file, because the index could not be used.
    Files(IndexProblem),
}

/// The catalog at start: from the index when it can be used (fast, checked
/// afterwards with [`check`]), otherwise from every file.
pub fn open(root: &Path, worksheets: &[Worksheet]) -> io::Result<(Catalog, Source)> {
    let entries_dir = root.join("entries");
    let fingerprint = worksheets_fingerprint(worksheets);
    let problem = match read_index(&root.join(INDEX_FILE), fingerprint) {
        Ok(index) => match from_index(index, &entries_dir) {
            Some(catalog) => return Ok((catalog, Source::Index)),
            None => IndexProblem::Damaged("a time in it cannot be read".into()),
        },
        Err(problem) => problem,
    };
    Ok((scan(&entries_dir, worksheets)?, Source::Files(problem)))
}

/// The catalog checked against every file, as `spiral list` needs it: the
/// index saves reading unchanged files.
pub fn open_checked(root: &Path, worksheets: &[Worksheet]) -> io::Result<Catalog> {
    let (mut catalog, source) = open(root, worksheets)?;
    if source == Source::Index {
        let changes = check(&catalog.known(), &root.join("entries"), worksheets)?;
        catalog.apply(changes);
    }
    Ok(catalog)
}

/// Writes the index atomically. It is derived data: failing to write it
/// loses nothing, and the next start reads the files instead.
pub fn write_index(root: &Path, index: &IndexFile) -> io::Result<()> {
    crate::store::write_atomically(root, &root.join(INDEX_FILE), &encode_index(index)?)
}

/// The text searched for an entry: its label and every answer and mapped
/// issue, lower-cased, one per line.
pub fn search_text(entry: &Entry) -> String {
    let mut text = String::with_capacity(
        entry.family_label.len() + entry.answers.values().map(|a| a.len() + 1).sum::<usize>(),
    );
    push_search_text(&mut text, entry);
    text
}

/// Adds an entry's search text to the end of `text`.
pub fn push_search_text(text: &mut String, entry: &Entry) {
    text.push_str(&entry.family_label.to_lowercase());
    for answer in entry.answers.values() {
        text.push('\n');
        text.push_str(&answer.to_lowercase());
    }
    for tag in &entry.tags {
        text.push('\n');
        text.push_str(&tag.to_lowercase());
    }
    for issue in entry.maps.values().flatten() {
        for part in [&issue.text, &issue.when, &issue.shifted] {
            if !part.is_empty() {
                text.push('\n');
                text.push_str(&part.to_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_json(id: &str) -> String {
        let text = include_str!("../tests/fixtures/entry-v1.json");
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        value["id"] = id.into();
        serde_json::to_string_pretty(&value).unwrap()
    }

    #[test]
    fn no_answer_text_from_a_damaged_file_reaches_the_index_or_the_screen() {
        let dir = tempfile::tempdir().unwrap();
        let entries = dir.path().join("entries");
        fs::create_dir_all(&entries).unwrap();
        let secret = "she said he hit the boy";
        let mut value: serde_json::Value = serde_json::from_str(&entry_json("bad")).unwrap();
        // Text where a list belongs: the JSON reader's error quotes it.
        value["tags"] = secret.into();
        fs::write(entries.join("bad.json"), value.to_string()).unwrap();
        // And text cut off inside a string, and where a number belongs.
        let cut = format!("{{\"format\": \"spiral-entry\", \"version\": \"{secret}\"");
        fs::write(entries.join("cut.json"), cut).unwrap();
        value["tags"] = serde_json::json!([]);
        value["version"] = serde_json::json!(1);
        value["created"] = secret.into();
        fs::write(entries.join("when.json"), value.to_string()).unwrap();

        let worksheets = crate::content::builtin().unwrap();
        let catalog = scan(&entries, &worksheets).unwrap();
        assert_eq!(catalog.damaged.len(), 3, "{:?}", catalog.damaged);
        for d in &catalog.damaged {
            assert!(!d.error.contains("hit the boy"), "{}", d.error);
            assert!(d.error.contains("line"), "still says where: {}", d.error);
        }
        let index = catalog.to_index(&entries, 1);
        let bytes = encode_index(&index).unwrap();
        let as_text = String::from_utf8_lossy(&bytes);
        assert!(!as_text.contains("hit the boy"), "{as_text}");
    }

    #[test]
    fn the_advice_for_an_id_that_differs_from_its_name_never_replaces_another_entry() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("copy.json"), entry_json("good")).unwrap();
        let alone = read_entry_file(&dir.path().join("copy.json")).unwrap_err();
        assert!(alone.contains("rename the file to good.json"), "{alone}");
        // Now good.json is there: renaming onto it would replace it.
        fs::write(dir.path().join("good.json"), entry_json("good")).unwrap();
        let advice = read_entry_file(&dir.path().join("copy.json")).unwrap_err();
        assert!(!advice.contains("rename"), "{advice}");
        assert!(advice.contains("good.json is another file"), "{advice}");
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;
    use crate::store::{EntryStore, JsonDirStore, LoadFailure};

    #[test]
    fn an_entry_whose_id_cannot_be_opened_is_named_never_listed_then_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        let text = include_str!("../tests/fixtures/entry-v1.json");
        for id in ["with space", "with.dot", "café"] {
            let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
            value["id"] = id.into();
            let file = store.entries_dir().join(format!("{id}.json"));
            fs::write(&file, value.to_string()).unwrap();
        }
        let worksheets = crate::content::builtin().unwrap();
        let catalog = scan(&store.entries_dir(), &worksheets).unwrap();
        // Every summary Home lists can be opened.
        for s in &catalog.summaries {
            assert!(
                !matches!(store.load(&s.id), Err(LoadFailure::Missing)),
                "{} is listed but cannot be opened",
                s.id
            );
        }
        assert_eq!(
            catalog.damaged.len(),
            3,
            "each is named: {:?}",
            catalog.damaged
        );
        for d in &catalog.damaged {
            assert!(d.error.contains("may hold only"), "{}", d.error);
        }
    }
}
