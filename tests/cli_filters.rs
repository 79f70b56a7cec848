//! `spiral new` and `spiral list`'s filters, run as a script would.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR");
    cmd
}

const WS: &str = "building-impactful-partnerships";

/// Makes an entry with `spiral new` and returns its id.
fn new(data: &Path, family: &str, tags: &[&str]) -> String {
    let mut cmd = spiral(data);
    cmd.args(["new", "--worksheet", WS, "--family", family]);
    for t in tags {
        cmd.args(["--tag", t]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(data.join("entries").join(format!("{id}.json")).exists());
    id
}

/// Changes an entry's file as the workbook would have.
fn edit(data: &Path, id: &str, change: impl FnOnce(&mut serde_json::Value)) {
    let path = data.join("entries").join(format!("{id}.json"));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    change(&mut v);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn ids(data: &Path, args: &[&str]) -> Vec<String> {
    let out = spiral(data)
        .arg("list")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    rows.iter()
        .map(|r| r["family_label"].as_str().unwrap().to_string())
        .collect()
}

/// Four entries: K (sleep; complete), M (housing, sleep; about damp),
/// J (nothing; changed long ago) and K again (reviewed).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let k = new(d, "Family K", &["sleep"]);
    let m = new(d, "Family M", &["housing", "Sleep"]);
    let j = new(d, "Family J", &[]);
    let k2 = new(d, "family k", &[]);
    edit(d, &k, |v| {
        v["completed"] = "2026-11-20T10:00:00+11:00".into();
        v["updated"] = "2026-11-20T10:00:00+11:00".into();
    });
    edit(d, &m, |v| {
        v["answers"]["kc-earning-acceptance"] = "The flat is DAMP and cold.".into();
        v["updated"] = "2026-11-22T10:00:00+11:00".into();
    });
    edit(d, &j, |v| {
        v["updated"] = "2025-01-05T10:00:00+11:00".into();
    });
    edit(d, &k2, |v| {
        v["discussed"] = "2026-11-25".into();
        v["updated"] = "2026-11-25T10:00:00+11:00".into();
    });
    dir
}

#[test]
fn new_prints_an_id_and_the_entry_lists_with_its_tags() {
    let dir = tempfile::tempdir().unwrap();
    let id = new(dir.path(), "Family Q", &["first visits", "sleep", "Sleep"]);
    assert!(regex_like_id(&id), "{id}");
    spiral(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(&id))
        .stdout(predicate::str::contains("first visits, sleep"))
        .stdout(predicate::str::contains("0/23 answered"));
}

fn regex_like_id(id: &str) -> bool {
    id.len() == 20 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[test]
fn new_refuses_an_unknown_worksheet_or_an_empty_or_long_label() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .args(["new", "--worksheet", "nope", "--family", "K"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("spiral worksheets").and(predicate::str::contains(WS)));
    spiral(dir.path())
        .args(["new", "--worksheet", WS, "--family", "  "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("initials or a pseudonym"));
    spiral(dir.path())
        .args(["new", "--worksheet", WS, "--family", &"x".repeat(61)])
        .assert()
        .failure()
        .stderr(predicate::str::contains("at most 60"));
    assert!(
        !dir.path().join("entries").exists()
            || std::fs::read_dir(dir.path().join("entries"))
                .unwrap()
                .count()
                == 0
    );
}

#[test]
fn every_filter_narrows_the_list() {
    let dir = folder();
    let d = dir.path();
    assert_eq!(
        ids(d, &[]),
        ["family k", "Family M", "Family K", "Family J"]
    );
    assert_eq!(ids(d, &["--tag", "sleep"]), ["Family M", "Family K"]);
    assert_eq!(
        ids(d, &["--tag", "sleep", "--tag", "HOUSING"]),
        ["Family M"]
    );
    assert_eq!(ids(d, &["--family", "FAMILY K"]), ["family k", "Family K"]);
    assert_eq!(ids(d, &["--worksheet", "impactful"]).len(), 4);
    assert!(ids(d, &["--worksheet", "contracting"]).is_empty());
    assert_eq!(ids(d, &["--status", "complete"]), ["Family K"]);
    assert_eq!(ids(d, &["--status", "reviewed"]), ["family k"]);
    assert_eq!(
        ids(d, &["--status", "in-progress"]),
        ["Family M", "Family J"]
    );
    assert_eq!(ids(d, &["--since", "2026-11-21"]), ["family k", "Family M"]);
    assert_eq!(ids(d, &["--until", "2026-11-20"]), ["Family K", "Family J"]);
    assert_eq!(
        ids(d, &["--since", "2026-11-21", "--until", "2026-11-22"]),
        ["Family M"]
    );
    assert_eq!(ids(d, &["--search", "damp COLD"]), ["Family M"]);
    assert!(ids(d, &["--search", "damp warm"]).is_empty());
    assert_eq!(ids(d, &["--search", "tag:housing"]), ["Family M"]);
    // The same label sorts most recently changed first.
    assert_eq!(
        ids(d, &["--sort", "family"]),
        ["Family J", "family k", "Family K", "Family M"]
    );
}

#[test]
fn list_json_has_status_tags_and_dates() {
    let dir = folder();
    let out = spiral(dir.path())
        .args(["list", "--json", "--status", "reviewed"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "reviewed");
    assert_eq!(rows[0]["discussed"], "2026-11-25");
    let out = spiral(dir.path())
        .args(["list", "--json", "--tag", "housing"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["tags"], serde_json::json!(["housing", "Sleep"]));
    assert_eq!(rows[0]["status"], "in-progress");
}

#[test]
fn bad_filters_are_clear_errors() {
    let dir = folder();
    spiral(dir.path())
        .args(["list", "--since", "31/01/2026"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--since").and(predicate::str::contains("2026-01-31")));
    spiral(dir.path())
        .args(["list", "--status", "finished"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("in-progress"));
}

#[test]
fn a_filter_that_matches_nothing_says_so_and_piped_output_has_no_progress_bar() {
    let dir = folder();
    let out = spiral(dir.path())
        .args(["list", "--search", "nothing-like-this"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "No entry matches.\n"
    );
    assert!(out.stderr.is_empty(), "quiet when not on a terminal");
}

#[test]
fn show_gives_tags_completion_and_supervision() {
    let dir = tempfile::tempdir().unwrap();
    let id = new(dir.path(), "Family Q", &["sleep", "housing"]);
    edit(dir.path(), &id, |v| {
        v["completed"] = "2026-11-20T10:00:00+11:00".into();
        v["discussed"] = "2026-11-25".into();
    });
    spiral(dir.path())
        .args(["show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Tags: sleep, housing"))
        .stdout(predicate::str::contains("Completed 20 Nov 2026 10:00"))
        .stdout(predicate::str::contains(
            "Discussed in supervision 25 Nov 2026",
        ));
}
