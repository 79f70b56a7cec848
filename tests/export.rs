//! `spiral export` and `spiral prep`, run as a person or a script would:
//! golden files of each format, the identifying-details check, and files
//! that are never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR");
    cmd
}

const IDS: [&str; 3] = [
    "20261102-090000-aaaa",
    "20261110-140000-bbbb",
    "20261118-100000-cccc",
];

/// A data folder with three entries of three worksheets, every kind of
/// answer among them, a map with a return, and a supervisor's comments.
fn with_entries() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let entries = dir.path().join("entries");
    fs::create_dir_all(&entries).unwrap();
    for id in IDS {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/export")
            .join(format!("{id}.json"));
        fs::copy(from, entries.join(format!("{id}.json"))).unwrap();
    }
    dir
}

fn entry_bytes(data: &Path) -> Vec<Vec<u8>> {
    IDS.iter()
        .map(|id| fs::read(data.join("entries").join(format!("{id}.json"))).unwrap())
        .collect()
}

/// The parts of an export that change with the clock and the build.
fn steady(text: &str) -> String {
    let exported = regex::Regex::new(r"exported \d+ \w+ \d{4} \d\d:\d\d").unwrap();
    let at = regex::Regex::new(r#""exported_at": "[^"]+""#).unwrap();
    let version = regex::Regex::new(r#""app_version": "[^"]+""#).unwrap();
    let text = exported.replace_all(text, "exported [when]");
    let text = at.replace_all(&text, r#""exported_at": "[when]""#);
    version
        .replace_all(&text, r#""app_version": "[version]""#)
        .into_owned()
}

fn export_to_screen(data: &Path, args: &[&str]) -> String {
    let out = spiral(data)
        .arg("export")
        .args(args)
        .args(["--out", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn markdown_export_golden() {
    let dir = with_entries();
    let md = export_to_screen(dir.path(), &["--all", "--format", "md"]);
    assert!(md.starts_with("# Reflective notes, not a case record\n"));
    insta::assert_snapshot!("export_markdown", steady(&md));
}

#[test]
fn json_bundle_golden_reads_back() {
    let dir = with_entries();
    let json = export_to_screen(dir.path(), &["--all", "--format", "json"]);
    let bundle = spiral::export::bundle::parse(&json, "bundle.json").expect("reads back");
    assert_eq!(bundle.entries.len(), 3);
    assert_eq!(bundle.heading, "Reflective notes, not a case record");
    let ids: Vec<&str> = bundle.worksheets.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "building-impactful-partnerships",
            "working-agreement",
            "relationship-based-practice"
        ]
    );
    assert!(
        bundle.entries.iter().all(|e| e.position.is_none()),
        "where the cursor was stays private"
    );
    // The golden holds the entries and the header, not the worksheets' text.
    let mut value: serde_json::Value = serde_json::from_str(&steady(&json)).unwrap();
    value["worksheet_definitions"] = serde_json::json!("[the worksheets, whole]");
    insta::assert_snapshot!(
        "export_bundle",
        serde_json::to_string_pretty(&value).unwrap()
    );
}

#[test]
fn html_export_is_one_page_headed_as_reflective_notes() {
    let dir = with_entries();
    let html = export_to_screen(dir.path(), &["--all", "--format", "html"]);
    assert!(html.contains("Reflective notes, not a case record"));
    assert!(!html.contains("<script>alert"), "user text is escaped");
}

#[test]
fn entries_are_chosen_by_id_prefix_or_filters() {
    let dir = with_entries();
    let md = export_to_screen(dir.path(), &["20261110"]);
    assert!(md.contains("Family R"));
    assert!(!md.contains("Family T"));
    assert!(md.contains("1 entry"));
    let md = export_to_screen(dir.path(), &["--tag", "sleep"]);
    assert!(md.contains("Family T") && !md.contains("Family R"));
    let md = export_to_screen(
        dir.path(),
        &["--since", "2026-11-13", "--until", "2026-11-19"],
    );
    assert!(md.contains("Family Q") && !md.contains("Family T"));
    assert!(md.contains("13 Nov 2026 to 19 Nov 2026"), "the range given");
    spiral(dir.path())
        .arg("export")
        .assert()
        .failure()
        .stderr(predicate::str::contains("say which entries to export"));
    spiral(dir.path())
        .args(["export", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entry with id \"nope\""));
}

/// Gives Family R's first answer a phone number and a name from the
/// never-export list.
fn with_identifiers() -> tempfile::TempDir {
    let dir = with_entries();
    let path = dir.path().join("entries").join(format!("{}.json", IDS[1]));
    let mut entry: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    entry["answers"]["agreement/why-involved"] =
        "Kayla's school rang from 0412 345 678 about attendance.".into();
    fs::write(&path, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    fs::write(
        dir.path().join("settings.toml"),
        "never_export = [\"Kayla\"]\ndisplay_name = \"Sam\"\n",
    )
    .unwrap();
    dir
}

fn with_settings(dir: &Path) -> Command {
    let mut cmd = spiral(dir);
    cmd.env("SPIRAL_CONFIG", dir.join("settings.toml"));
    cmd
}

#[test]
fn identifying_details_stop_the_export_and_are_shown_in_context() {
    let dir = with_identifiers();
    let out = dir.path().join("out.md");
    with_settings(dir.path())
        .args(["export", "--all", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing was written: 2 possible identifying details"))
        .stderr(predicate::str::contains(
            "Family R (20261110-140000-bbbb) · 1. The working agreement › What the agreement says › Why we are involved",
        ))
        .stderr(predicate::str::contains("a name on your never-export list: \"Kayla\""))
        .stderr(predicate::str::contains("a phone number: \"0412 345 678\""))
        .stderr(predicate::str::contains("Kayla's school rang from 0412 345 678 about"));
    assert!(
        !out.exists(),
        "nothing is written until the hits are decided"
    );
}

#[test]
fn placeholders_go_into_the_export_and_never_into_the_entries() {
    let dir = with_identifiers();
    let before = entry_bytes(dir.path());
    let out = dir.path().join("out.md");
    with_settings(dir.path())
        .args(["export", "--all", "--placeholders", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2 possible identifying details were replaced",
        ))
        .stderr(predicate::str::contains(format!(
            "Exported 3 entries to {}",
            out.display()
        )));
    let md = fs::read_to_string(&out).unwrap();
    assert!(md.contains("\\[name\\]'s school rang from \\[phone\\] about attendance."));
    assert!(!md.contains("Kayla") && !md.contains("0412"));
    assert!(
        md.contains("Sam · 2 Nov 2026 to 20 Nov 2026 · 3 entries"),
        "{md}"
    );
    assert_eq!(entry_bytes(dir.path()), before, "the entries are untouched");
}

#[test]
fn a_reason_lets_details_through_and_is_written_into_the_export() {
    let dir = with_identifiers();
    let out = dir.path().join("out.json");
    with_settings(dir.path())
        .args([
            "export",
            IDS[1],
            "--format",
            "json",
            "--allow-identifiers",
            "Shared with the child protection conference, by agreement",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let bundle = spiral::export::bundle::read(&out).unwrap();
    let left = bundle.check.left_in.expect("the reason is kept");
    assert_eq!(left.count, 2);
    assert_eq!(
        left.reason,
        "Shared with the child protection conference, by agreement"
    );
    assert!(bundle.entries[0].answers["agreement/why-involved"].contains("0412 345 678"));
    // A blank reason is no reason.
    with_settings(dir.path())
        .args(["export", IDS[1], "--allow-identifiers", "  ", "--out", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("give a reason"));
}

#[test]
fn an_export_never_overwrites_a_file_unless_told() {
    let dir = with_entries();
    let out = dir.path().join("mine.md");
    fs::write(&out, "my own notes").unwrap();
    spiral(dir.path())
        .args(["export", "--all", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "my own notes");
    spiral(dir.path())
        .args(["export", "--all", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Reflective notes")
    );
}

#[test]
fn without_out_each_export_gets_a_new_file_here() {
    let dir = with_entries();
    let here = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        spiral(dir.path())
            .current_dir(here.path())
            .args(["export", "--all", "--format", "html"])
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "Exported 3 entries to reflections-",
            ));
    }
    let mut names: Vec<PathBuf> = fs::read_dir(here.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.extension().unwrap() == "html"));
}

#[test]
fn prep_gathers_what_changed_since_the_last_supervision() {
    let dir = with_entries();
    // Family T was discussed on 15 Nov; Family Q changed after that.
    let path = dir.path().join("entries").join(format!("{}.json", IDS[0]));
    let mut entry: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    entry["discussed"] = "2026-11-15".into();
    entry["updated"] = "2026-11-14T10:00:00+11:00".into();
    fs::write(&path, serde_json::to_string_pretty(&entry).unwrap()).unwrap();

    let out = spiral(dir.path())
        .args([
            "prep",
            "--want",
            "Time to think about Family Q's plan",
            "--stuck",
            "How to raise the school's worry",
            "--out",
            "-",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("# Reflective notes, not a case record: supervision prep"));
    assert!(md.contains("## What I want from this session\n\nTime to think about Family Q's plan"));
    assert!(md.contains("## Where I am stuck\n\nHow to raise the school's worry"));
    assert!(md.contains("## Follow-ups from last time\n\n*(not answered yet)*"));
    assert!(md.contains("since the last supervision, on 15 Nov 2026"));
    assert!(md.contains("Family Q"), "changed after the supervision");
    assert!(!md.contains("Family T"), "not changed since");
    // The answers are kept for next time.
    let kept = spiral::export::prep::load(dir.path()).unwrap();
    assert_eq!(kept.answers[0], "Time to think about Family Q's plan");
    // A bundle is not a prep note.
    spiral(dir.path())
        .args(["prep", "--format", "json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--format md or html"));
}

#[cfg(unix)]
#[test]
fn an_export_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_entries();
    let out = dir.path().join("out.html");
    spiral(dir.path())
        .args(["export", "--all", "--format", "html", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[test]
fn feedback_for_an_entry_a_newer_spiral_wrote_is_named_and_the_rest_imported() {
    let dir = with_entries();
    let newer = dir.path().join("entries").join(format!("{}.json", IDS[1]));
    let mut entry: serde_json::Value = serde_json::from_slice(&fs::read(&newer).unwrap()).unwrap();
    entry["version"] = 99.into();
    fs::write(&newer, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    let before = fs::read(&newer).unwrap();
    let comment = |id: &str| serde_json::json!({"id": id, "text": "Well noticed.", "written": "2026-11-26T10:00:00+11:00"});
    let fb = serde_json::json!({
        "format": "spiral-feedback", "version": 1,
        "bundle": {"exported_at": "2026-11-25T10:00:00+11:00"},
        "updated": "2026-11-26T10:00:00+11:00",
        "entries": [
            {"entry_id": IDS[1], "family_label": "Family R", "worksheet": "working-agreement", "comments": [comment("n1")]},
            {"entry_id": IDS[2], "family_label": "Family Q", "worksheet": "relationship-based-practice", "comments": [comment("q1")]}
        ]
    });
    let file = dir.path().join("f.feedback.json");
    fs::write(&file, fb.to_string()).unwrap();
    spiral(dir.path())
        .arg("import-feedback")
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("Added 1 comment to 1 entry."))
        .stdout(predicate::str::contains(
            "Not imported: 1 comment for Family R (20261110-140000-bbbb), which a newer spiral wrote",
        ))
        .stderr(predicate::str::contains("the rest was imported"));
    assert_eq!(
        fs::read(&newer).unwrap(),
        before,
        "the newer entry is untouched"
    );
    let q =
        fs::read_to_string(dir.path().join("entries").join(format!("{}.json", IDS[2]))).unwrap();
    assert!(q.contains("\"q1\""));
}
