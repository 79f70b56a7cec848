//! `spiral doctor`: checks the data folder and says what is wrong and how to
//! fix it. It only reads; it never changes a file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::worksheet::Worksheet;
use crate::store::{EntryStore, JsonDirStore, LockState};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// Something is wrong and needs the person.
    Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub path: PathBuf,
    pub what: String,
    pub fix: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub entries_ok: usize,
    pub in_trash: usize,
}

impl Report {
    pub fn has_problems(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Problem)
    }
}

pub fn check(root: &Path, worksheets: &[Worksheet]) -> Report {
    let mut report = Report::default();
    let mut add = |severity, path: &Path, what: String, fix: &str| {
        report.findings.push(Finding {
            severity,
            path: path.to_path_buf(),
            what,
            fix: fix.to_string(),
        })
    };
    if !root.exists() {
        add(
            Severity::Note,
            root,
            "there is no data folder yet".into(),
            "nothing to check: spiral makes it when you start your first entry",
        );
        return report;
    }
    if !root.is_dir() {
        add(
            Severity::Problem,
            root,
            "this is a file, not a folder".into(),
            "move the file aside, or point spiral at another folder with --data-dir",
        );
        return report;
    }
    let store = JsonDirStore::at(root);
    for dir in [root.to_path_buf(), store.entries_dir(), store.trash_dir()] {
        check_private(&dir, 0o700, &mut add);
    }
    // What would keep the workbook from writing (it opens read-only then).
    for dir in [root.to_path_buf(), store.entries_dir()] {
        if dir.is_dir() && !crate::cli::writable(&dir) {
            add(
                Severity::Problem,
                &dir,
                "you cannot write to this folder, so spiral opens read-only".into(),
                &format!(
                    "run: chmod 700 '{}' (or, on a read-only disk, copy the data folder somewhere you can write)",
                    dir.display()
                ),
            );
        }
    }
    for (path, what) in [
        (store.trash_dir(), "the trash"),
        (store.entries_dir(), "the entries"),
        (store.conflicts_dir(), "conflict copies"),
    ] {
        if let Ok(meta) = fs::symlink_metadata(&path)
            && !meta.is_dir()
        {
            add(
                Severity::Problem,
                &path,
                format!(
                    "this should be the folder for {what}, but it is {}",
                    if meta.is_file() {
                        "a file"
                    } else {
                        crate::files::kind_of(&meta.file_type())
                    }
                ),
                "look at what it holds, then move it out of the data folder: spiral makes the folder again when it needs it",
            );
        }
    }
    let lock_path = store.lock_path();
    if let Ok(meta) = fs::symlink_metadata(&lock_path)
        && !meta.is_file()
    {
        add(
            Severity::Problem,
            &lock_path,
            format!(
                "spiral's lock should be a file, but this is {}, so spiral opens read-only",
                crate::files::kind_of(&meta.file_type())
            ),
            "move it out of the data folder (delete it if it is empty): spiral makes the lock file again",
        );
    }
    // Every file read, with a progress bar on a terminal for a big folder.
    let loaded = crate::catalog::list_files(&store.entries_dir()).map(|files| {
        let bar = crate::cli::progress(files.len(), "checking");
        let mut loaded = crate::store::Loaded::default();
        for (path, _) in files {
            bar.inc(1);
            match crate::catalog::read_entry_file(&path) {
                Ok(entry) => loaded.entries.push(entry),
                Err(error) => loaded.damaged.push(crate::store::Damaged { path, error }),
            }
        }
        bar.finish_and_clear();
        loaded
    });
    match loaded {
        Err(e) => add(
            Severity::Problem,
            &store.entries_dir(),
            format!("cannot read the folder: {e}"),
            "check the folder's permissions (it should be yours, mode 700)",
        ),
        Ok(loaded) => {
            for d in &loaded.damaged {
                add(
                    Severity::Problem,
                    &d.path,
                    d.error.clone(),
                    "spiral never changes this file: repair it in a text editor, or move it out of the entries folder",
                );
            }
            for e in &loaded.entries {
                check_private(&store.path_of(&e.id), 0o600, &mut add);
                if !worksheets.iter().any(|w| w.id == e.worksheet.id) {
                    add(
                        Severity::Problem,
                        &store.path_of(&e.id),
                        format!(
                            "uses the worksheet {:?}, which this spiral does not have",
                            e.worksheet.id
                        ),
                        "update spiral; the entry is kept as it is meanwhile",
                    );
                }
            }
            report.entries_ok = loaded.entries.len();
        }
    }
    if let Ok(trash) = store.load_trash() {
        report.in_trash = trash.entries.len();
        for d in &trash.damaged {
            add(
                Severity::Problem,
                &d.path,
                format!("in the trash, and {}", d.error),
                "it cannot be restored by spiral: repair it or delete it",
            );
        }
    }
    // Versions kept when a file changed behind spiral's back: both are
    // whole, and only the person can say which to keep.
    let mut conflicts: Vec<PathBuf> = fs::read_dir(store.conflicts_dir())
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    conflicts.sort();
    for path in conflicts {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.split('.').next().unwrap_or_default();
        let entry = store.path_of(id);
        let (what, fix) = if name.contains(".mine-") {
            (
                format!("what you wrote in entry {id} after a newer spiral replaced its file"),
                format!(
                    "open it and {} in the newer spiral and keep what you need in one, then delete this copy",
                    entry.display()
                ),
            )
        } else {
            (
                format!(
                    "another version of entry {id}, changed outside spiral while spiral had it open"
                ),
                format!(
                    "compare it with {} (spiral show {id}); to keep this one instead, close spiral and move it over that file; otherwise delete it",
                    entry.display()
                ),
            )
        };
        add(Severity::Problem, &path, what, &fix);
    }
    for dir in [root.to_path_buf(), store.entries_dir()] {
        for path in leftovers(&dir) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with(".editing-") {
                add(
                    Severity::Problem,
                    &path,
                    "text handed to your editor by a spiral that did not finish".into(),
                    "it may hold words you wrote in your editor: open it and copy what you need, then delete it",
                );
            } else {
                add(
                    Severity::Note,
                    &path,
                    "a temporary file left by an interrupted save".into(),
                    "your entries are whole without it: delete it when spiral is closed",
                );
            }
        }
    }
    // Interrupted exports in the usual folder (the next export there
    // deletes them; --out folders are swept the same way when used again).
    if let Some(exports) = crate::export::default_folder() {
        for path in crate::export::leftovers(&exports) {
            add(
                Severity::Note,
                &path,
                "a temporary copy left by an interrupted export".into(),
                "it is only part of an export: delete it, or the next export there will",
            );
        }
    }
    if let Ok(LockState::HeldElsewhere) = store.lock() {
        add(
            Severity::Note,
            root,
            "a copy of spiral has this folder open now".into(),
            "results may change while it runs",
        );
    }
    report
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.retain(|p| {
        p.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n.starts_with(".saving-") || n.starts_with(".editing-")
        })
    });
    found.sort();
    found
}

#[cfg(unix)]
fn check_private(path: &Path, want: u32, add: &mut impl FnMut(Severity, &Path, String, &str)) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = fs::metadata(path) else {
        return;
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        add(
            Severity::Problem,
            path,
            format!("others can read it (mode {mode:o})"),
            &format!("run: chmod {want:o} '{}'", path.display()),
        );
    }
}

#[cfg(not(unix))]
fn check_private(_: &Path, _: u32, _: &mut impl FnMut(Severity, &Path, String, &str)) {}

/// The report as a person reads it.
pub fn render(report: &Report, root: &Path) -> String {
    let mut out = format!("Checked {}\n", root.display());
    out.push_str(&format!(
        "{} {} read well; {} in the trash.\n",
        report.entries_ok,
        if report.entries_ok == 1 {
            "entry"
        } else {
            "entries"
        },
        report.in_trash
    ));
    let mut findings = report.findings.clone();
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.path.cmp(&b.path)));
    for f in &findings {
        let tag = match f.severity {
            Severity::Problem => "problem",
            Severity::Note => "note",
        };
        out.push_str(&format!(
            "\n{tag}: {}\n  {}\n  fix: {}\n",
            f.path.display(),
            f.what,
            f.fix
        ));
    }
    if !report.has_problems() {
        out.push_str("\nNothing is wrong.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::Entry;

    fn worksheets() -> Vec<Worksheet> {
        crate::content::builtin().unwrap()
    }

    #[test]
    fn a_healthy_folder_has_no_problems() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("d")).unwrap();
        let ws = worksheets();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap();
        store
            .save(&Entry::new("e1".into(), &ws[0], "K".into(), now))
            .unwrap();
        let report = check(store.root(), &ws);
        assert!(!report.has_problems(), "{report:?}");
        assert_eq!(report.entries_ok, 1);
        assert!(render(&report, store.root()).contains("Nothing is wrong."));
    }

    #[test]
    fn damage_leftovers_and_loose_permissions_are_each_named_with_a_fix() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("d")).unwrap();
        let entries = store.entries_dir();
        fs::write(entries.join("bad.json"), "{").unwrap();
        fs::write(entries.join(".saving-abc.tmp"), "{").unwrap();
        fs::write(store.root().join(".editing-x.txt"), "words").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&entries, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let report = check(store.root(), &worksheets());
        assert!(report.has_problems());
        let text = render(&report, store.root());
        assert!(
            text.contains("bad.json") && text.contains("line 1"),
            "{text}"
        );
        assert!(text.contains(".saving-abc.tmp"), "{text}");
        assert!(
            text.contains(".editing-x.txt") && text.contains("may hold words"),
            "{text}"
        );
        #[cfg(unix)]
        assert!(text.contains("chmod 700"), "{text}");
        assert_eq!(
            fs::read_to_string(entries.join("bad.json")).unwrap(),
            "{",
            "never changed"
        );
    }

    #[test]
    fn a_version_kept_in_a_conflict_is_named_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("d")).unwrap();
        let ws = worksheets();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap();
        let entry = Entry::new("e1".into(), &ws[0], "K".into(), now);
        store.save(&entry).unwrap();
        // Changed behind the store's back, then saved from here.
        fs::write(store.path_of("e1"), serde_json::to_string(&entry).unwrap()).unwrap();
        let crate::store::Saved::OtherKept { other } = store.save(&entry).unwrap() else {
            panic!("not kept")
        };
        let report = check(store.root(), &ws);
        let text = render(&report, store.root());
        assert!(report.has_problems());
        assert!(text.contains(&other.display().to_string()), "{text}");
        assert!(text.contains("changed outside spiral"), "{text}");
        assert!(text.contains("spiral show e1"), "{text}");
    }

    #[test]
    fn a_trash_that_is_a_file_and_a_lock_that_is_a_folder_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("d")).unwrap();
        fs::write(store.trash_dir(), "not a folder").unwrap();
        fs::create_dir(store.lock_path()).unwrap();
        let report = check(store.root(), &worksheets());
        let text = render(&report, store.root());
        assert!(report.has_problems());
        assert!(
            text.contains(&store.trash_dir().display().to_string())
                && text.contains("folder for the trash, but it is a file"),
            "{text}"
        );
        assert!(
            text.contains(&store.lock_path().display().to_string())
                && text.contains("lock should be a file, but this is a folder"),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_is_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path().join("d")).unwrap();
        fs::set_permissions(store.root(), fs::Permissions::from_mode(0o500)).unwrap();
        let writable = crate::cli::writable(store.root());
        let report = check(store.root(), &worksheets());
        fs::set_permissions(store.root(), fs::Permissions::from_mode(0o700)).unwrap();
        if writable {
            // As root every folder can be written: nothing to name.
            eprintln!("SKIPPED: permissions do not hold back this user (root)");
            return;
        }
        let text = render(&report, store.root());
        assert!(text.contains("you cannot write to this folder"), "{text}");
    }

    #[test]
    fn a_missing_folder_is_a_note_not_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let report = check(&dir.path().join("none"), &worksheets());
        assert!(!report.has_problems());
        assert_eq!(report.findings.len(), 1);
    }
}
