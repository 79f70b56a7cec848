//! `spiral import-feedback`, round trip: entries exported as a bundle, a
//! supervisor's feedback file written by hand about them, brought back.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    // Never the person's own settings: a file that is not there.
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR");
    cmd
}

const UNKNOWN: &str = "20990101-000000-zzzz";

struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    files: PathBuf,
    id: String,
    entry_file: PathBuf,
    /// The first prompt's id, which the supervisor comments on.
    first: String,
    bundle: Value,
}

/// One entry with one answer, exported with `--all` as a JSON bundle.
fn exported() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let files = dir.path().join("files");
    fs::create_dir_all(&files).unwrap();
    let out = spiral(&data)
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            "Family K",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let entry_file = data.join("entries").join(format!("{id}.json"));

    // An answer, as the workbook would have saved it.
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&entry_file).unwrap()).unwrap();
    let bundle_path = files.join("bundle.json");
    spiral(&data)
        .args([
            "export",
            "--format",
            "json",
            "--placeholders",
            "--all",
            "--out",
        ])
        .arg(&bundle_path)
        .assert()
        .success();
    let bundle: Value = serde_json::from_str(&fs::read_to_string(&bundle_path).unwrap()).unwrap();
    let first = bundle["worksheet_definitions"][0]["sections"][0]["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    entry["answers"][&first] = json!("Three visits before we sat down together.");
    fs::write(&entry_file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    assert_eq!(bundle["entries"][0]["id"], json!(id));
    Setup {
        _dir: dir,
        data,
        files,
        id,
        entry_file,
        first,
        bundle,
    }
}

/// What a supervisor's copy of spiral would write: a comment on the first
/// answer of the exported entry, and one on an entry this folder never had.
fn feedback_file(s: &Setup) -> PathBuf {
    let feedback = json!({
        "format": "spiral-feedback",
        "version": 1,
        "bundle": { "exported_at": s.bundle["exported_at"] },
        "reviewer": "Alex P",
        "updated": "2026-12-03T10:00:00+11:00",
        "entries": [
            {
                "entry_id": s.id,
                "family_label": "Family K",
                "worksheet": "building-impactful-partnerships",
                "discussed": "2026-12-03",
                "comments": [{
                    "id": "c-1",
                    "key": s.first,
                    "text": "What told you the third visit was the one?",
                    "written": "2026-12-03T10:00:00+11:00"
                }]
            },
            {
                "entry_id": UNKNOWN,
                "family_label": "Family Q",
                "worksheet": "building-impactful-partnerships",
                "comments": [{
                    "id": "c-2",
                    "text": "Not one of yours.",
                    "written": "2026-12-03T10:05:00+11:00"
                }]
            }
        ]
    });
    let path = s.files.join("bundle.feedback.json");
    fs::write(&path, serde_json::to_string_pretty(&feedback).unwrap()).unwrap();
    path
}

#[test]
fn feedback_comes_back_once_and_the_unknown_entry_is_named() {
    let s = exported();
    let file = feedback_file(&s);

    spiral(&s.data)
        .arg("import-feedback")
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("Added 1 comment to 1 entry."))
        .stdout(predicate::str::contains("Marked 1 entry discussed"))
        .stdout(predicate::str::contains(format!(
            "Not imported: 1 comment for entry {UNKNOWN} (Family Q"
        )))
        .stderr(predicate::str::contains("not in"));
    let entry: Value = serde_json::from_str(&fs::read_to_string(&s.entry_file).unwrap()).unwrap();
    let comments = entry["feedback"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{entry}");
    assert_eq!(comments[0]["id"], "c-1");
    assert_eq!(comments[0]["key"], json!(s.first));
    assert_eq!(
        comments[0]["reviewer"], "Alex P",
        "signed with the file's name"
    );
    assert_eq!(entry["discussed"], "2026-12-03");
    assert_eq!(
        entry["answers"][&s.first], "Three visits before we sat down together.",
        "the answer is untouched"
    );

    // Again: nothing is added, and the entry's file is not even rewritten.
    let before = fs::read(&s.entry_file).unwrap();
    spiral(&s.data)
        .arg("import-feedback")
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("Added 0 comments to 0 entries."))
        .stdout(predicate::str::contains(
            "1 comment had been imported before",
        ));
    assert_eq!(fs::read(&s.entry_file).unwrap(), before);

    // `spiral show` prints it under the answer.
    spiral(&s.data)
        .args(["show", &s.id])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Three visits before we sat down together.",
        ))
        .stdout(predicate::str::contains("Alex P"))
        .stdout(predicate::str::contains(
            "What told you the third visit was the one?",
        ));
}

#[test]
fn feedback_only_for_known_entries_succeeds() {
    let s = exported();
    let file = feedback_file(&s);
    let mut feedback: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    feedback["entries"].as_array_mut().unwrap().pop();
    fs::write(&file, feedback.to_string()).unwrap();
    spiral(&s.data)
        .arg("import-feedback")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Added 1 comment to 1 entry."))
        .stdout(predicate::str::contains("Not imported").not());
}

#[test]
fn a_bad_feedback_file_changes_no_entry() {
    let s = exported();
    let good = fs::read_to_string(feedback_file(&s)).unwrap();
    let before = fs::read(&s.entry_file).unwrap();
    let newer = good.replacen("\"version\": 1", "\"version\": 99", 1);
    assert_ne!(newer, good);
    let cases: [(&str, String, &str); 4] = [
        (
            "bundle.json",
            fs::read_to_string(s.files.join("bundle.json")).unwrap(),
            "not a spiral feedback file",
        ),
        ("newer.feedback.json", newer, "newer spiral"),
        (
            "cut.feedback.json",
            good[..good.len() / 2].to_string(),
            "cut short",
        ),
        (
            "words.feedback.json",
            "thanks, see you Tuesday".into(),
            "is not JSON",
        ),
    ];
    for (name, text, said) in cases {
        let path = s.files.join(name);
        fs::write(&path, text).unwrap();
        spiral(&s.data)
            .arg("import-feedback")
            .arg(&path)
            .assert()
            .failure()
            .stderr(predicate::str::contains(said))
            .stderr(predicate::str::contains(name));
        assert_eq!(
            fs::read(&s.entry_file).unwrap(),
            before,
            "{name} changed the entry"
        );
    }
    spiral(&s.data)
        .arg("import-feedback")
        .arg(s.files.join("not-there.feedback.json"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("not-there.feedback.json"));
    assert_eq!(fs::read(&s.entry_file).unwrap(), before);
}
