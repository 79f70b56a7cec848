//! The command line, run as a person or a script would.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    // Never the person's own settings: a file that is not there.
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR");
    cmd
}

const FIXTURE: &str = include_str!("fixtures/entry-v1.json");
const FIXTURE_ID: &str = "20261101-100000-abcd";

fn with_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("entries")).unwrap();
    fs::write(
        dir.path()
            .join("entries")
            .join(format!("{FIXTURE_ID}.json")),
        FIXTURE,
    )
    .unwrap();
    dir
}

#[test]
fn worksheets_lists_the_built_in_worksheet() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .arg("worksheets")
        .assert()
        .success()
        .stdout(predicate::str::contains("building-impactful-partnerships"))
        .stdout(predicate::str::contains("Building impactful partnerships"));
}

#[test]
fn list_on_an_empty_folder_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    spiral(&dir.path().join("never-made"))
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("No entries yet"));
    assert!(
        !dir.path().join("never-made").exists(),
        "listing creates nothing"
    );
}

#[test]
fn list_shows_entries_with_their_progress() {
    let dir = with_fixture();
    spiral(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(FIXTURE_ID))
        .stdout(predicate::str::contains("Family R"))
        .stdout(predicate::str::is_match(r"1/\d+ answered").unwrap())
        .stdout(predicate::str::contains("2 Nov 2026 16:45"));
}

#[test]
fn list_json_is_machine_readable() {
    let dir = with_fixture();
    let out = spiral(dir.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["id"], FIXTURE_ID);
    assert_eq!(rows[0]["family_label"], "Family R");
    assert_eq!(rows[0]["worksheet"], "building-impactful-partnerships");
    assert_eq!(rows[0]["answered"], 1);
    assert_eq!(rows[0]["updated"], "2026-11-02T16:45:00+11:00");
}

#[test]
fn show_prints_the_entry_as_readable_text() {
    let dir = with_fixture();
    spiral(dir.path())
        .args(["show", FIXTURE_ID])
        .assert()
        .success()
        .stdout(predicate::str::contains("Family R"))
        .stdout(predicate::str::contains(
            "Who would say you are good at something?",
        ))
        .stdout(predicate::str::contains("(not answered yet)"))
        .stdout(predicate::str::contains("Hopwood"));
}

#[test]
fn show_accepts_the_start_of_an_id() {
    let dir = with_fixture();
    spiral(dir.path())
        .args(["show", "20261101"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Family R"));
}

#[test]
fn show_json_prints_the_entry_as_stored() {
    let dir = with_fixture();
    let out = spiral(dir.path())
        .args(["show", FIXTURE_ID, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut stored: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    // A version 1 file is shown as this spiral reads it: the current version, nothing lost.
    stored["version"] = spiral::model::entry::ENTRY_VERSION.into();
    assert_eq!(
        shown, stored,
        "every field, including answers to prompts the worksheet lost"
    );
}

#[test]
fn an_unknown_id_is_a_clear_error() {
    let dir = with_fixture();
    spiral(dir.path())
        .args(["show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no entry with id \"nope\""))
        .stderr(predicate::str::contains("spiral list"));
}

#[test]
fn a_bad_argument_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .arg("lst")
        .assert()
        .failure()
        .stderr(predicate::str::contains("unrecognized subcommand 'lst'"));
}

#[test]
fn a_broken_entry_beside_good_ones_is_named_and_left_alone() {
    let dir = with_fixture();
    let broken = dir.path().join("entries").join("broken.json");
    fs::write(&broken, "{\"format\": \"spiral-entry\", \"version\": 1,").unwrap();
    spiral(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("Family R"))
        .stderr(predicate::str::contains("broken.json"))
        .stderr(predicate::str::contains("line 1"));
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "{\"format\": \"spiral-entry\", \"version\": 1,"
    );
    spiral(dir.path())
        .args(["show", FIXTURE_ID])
        .assert()
        .success();
}

#[test]
fn the_workbook_without_a_terminal_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn version_and_help_work() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    spiral(dir.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--data-dir"));
}

#[test]
fn doctor_passes_a_healthy_folder() {
    let dir = with_fixture();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for d in [dir.path().to_path_buf(), dir.path().join("entries")] {
            fs::set_permissions(&d, fs::Permissions::from_mode(0o700)).unwrap();
        }
        let f = dir
            .path()
            .join("entries")
            .join(format!("{FIXTURE_ID}.json"));
        fs::set_permissions(&f, fs::Permissions::from_mode(0o600)).unwrap();
    }
    spiral(dir.path())
        .arg("doctor")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 entry read well"))
        .stdout(predicate::str::contains("Nothing is wrong."));
}

#[test]
fn doctor_names_a_damaged_file_says_how_to_fix_it_and_fails() {
    let dir = with_fixture();
    let broken = dir.path().join("entries").join("broken.json");
    fs::write(&broken, "{\n  \"format\": \"spiral-entry\",\n  oops\n}").unwrap();
    spiral(dir.path())
        .arg("doctor")
        .assert()
        .failure()
        .stdout(predicate::str::contains("broken.json"))
        .stdout(predicate::str::contains("line 3"))
        .stdout(predicate::str::contains("fix:"))
        .stderr(predicate::str::contains("problems"));
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "{\n  \"format\": \"spiral-entry\",\n  oops\n}"
    );
}

#[test]
fn show_prints_the_map_grouped_by_stage_and_loop_with_returns_linked() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("entries")).unwrap();
    fs::write(
        dir.path().join("entries").join("20261124-201500-ef01.json"),
        include_str!("fixtures/entry-v2.json"),
    )
    .unwrap();
    spiral(dir.path())
        .args(["show", "20261124-201500-ef01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Earning acceptance\n      loop 1: 1. Mum wary of home visits (visit 1); what shifted: she made tea; fed help"))
        .stdout(predicate::str::contains("Repair after rupture\n      loop 2: 3. Wary again after a missed visit, returning to 1; fed possibility"))
        .stdout(predicate::str::contains("The core was fed: help 2, challenge 1, possibility 1"));
}
