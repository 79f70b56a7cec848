//! Worksheet files: the built-in ones validate, broken ones are refused with
//! the file, line, column and what is wrong, and the person's own load from
//! the data folder (a broken one skipped, the rest still working).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR")
        // Fixture paths are given relative to the project, as a person would.
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const GOOD: &str = include_str!("fixtures/user-worksheets/team-check-in.json");

#[test]
fn every_built_in_worksheet_validates() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = fs::read_dir(root().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
        .map(|p| format!("content/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(files.len() >= 5, "{files:?}");
    let out = spiral(dir.path())
        .args(["worksheets", "validate"])
        .args(&files)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for f in &files {
        assert!(stdout.contains(&format!("{f}: ok")), "{stdout}");
    }
}

/// Each broken fixture `NAME.json` sits beside `NAME.expected`: every line
/// `spiral worksheets validate` must print for it, exactly.
#[test]
fn each_broken_worksheet_is_refused_with_file_line_column_and_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let folder = root().join("tests/fixtures/broken-worksheets");
    let mut names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in names {
        let file = format!("tests/fixtures/broken-worksheets/{name}.json");
        let expected = fs::read_to_string(folder.join(format!("{name}.expected")))
            .unwrap_or_else(|_| panic!("{name}.expected is missing"));
        let out = spiral(dir.path())
            .args(["worksheets", "validate", &file])
            .assert()
            .failure()
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let mut lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines.pop(),
            Some("spiral: 1 of 1 worksheet file cannot be used (each problem is listed above)"),
            "{name}: {stderr}"
        );
        assert_eq!(lines, expected.lines().collect::<Vec<_>>(), "{name}");
        for line in &lines {
            let at = format!("{file}:");
            let rest = line
                .strip_prefix(&at)
                .unwrap_or_else(|| panic!("{name}: {line}"));
            let mut parts = rest.splitn(3, ':');
            let (l, c) = (parts.next().unwrap(), parts.next().unwrap());
            assert!(
                l.parse::<usize>().unwrap() >= 1 && c.parse::<usize>().unwrap() >= 1,
                "{name}: line and column in {line}"
            );
        }
    }
}

#[test]
fn validate_checks_every_file_and_fails_if_any_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .args([
            "worksheets",
            "validate",
            "tests/fixtures/user-worksheets/team-check-in.json",
            "tests/fixtures/broken-worksheets/unknown-kind.json",
            "tests/fixtures/broken-worksheets/no-such-file.json",
        ])
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "tests/fixtures/user-worksheets/team-check-in.json: ok",
        ))
        .stderr(predicate::str::contains("unknown variant `checklst`"))
        .stderr(predicate::str::contains(
            "no-such-file.json: the file cannot be read",
        ))
        .stderr(predicate::str::contains(
            "2 of 3 worksheet files cannot be used",
        ));
}

#[test]
fn worksheets_lists_built_in_and_own_worksheets_with_revision_and_origin() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("worksheets");
    fs::create_dir_all(&own).unwrap();
    fs::write(own.join("team.json"), GOOD).unwrap();
    let out = spiral(dir.path())
        .arg("worksheets")
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let row = |id: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} in {stdout}"))
            .to_string()
    };
    assert!(row("building-impactful-partnerships").contains("built in (content/"));
    let team = row("team-check-in");
    assert!(team.contains("Team check-in"), "{team}");
    assert!(
        team.contains(&own.join("team.json").display().to_string()),
        "{team}"
    );
    assert!(stdout.lines().next().unwrap().contains("REVISION"));
}

#[test]
fn a_broken_own_worksheet_is_skipped_with_a_message_and_the_rest_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("worksheets");
    fs::create_dir_all(&own).unwrap();
    fs::write(own.join("a-team.json"), GOOD).unwrap();
    fs::write(
        own.join("b-broken.json"),
        include_str!("fixtures/broken-worksheets/unknown-kind.json"),
    )
    .unwrap();
    fs::write(
        own.join("c-clash.json"),
        include_str!("fixtures/broken-worksheets/builtin-id.json"),
    )
    .unwrap();
    // Not a worksheet: ignored.
    fs::write(own.join("notes.txt"), "hello").unwrap();
    spiral(dir.path())
        .arg("worksheets")
        .assert()
        .success()
        .stdout(predicate::str::contains("team-check-in"))
        .stdout(predicate::str::contains("building-impactful-partnerships"))
        .stderr(predicate::str::contains("worksheet file skipped").count(2))
        .stderr(predicate::str::contains("b-broken.json:27:19"))
        .stderr(predicate::str::contains("unknown variant `checklst`"))
        .stderr(predicate::str::contains(
            "is already used by the built-in worksheet \"Building impactful partnerships\"",
        ));
    // The other commands say it too, on stderr, and still work.
    spiral(dir.path())
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains("b-broken.json"));
}

#[test]
fn own_worksheets_load_through_the_library_and_a_broken_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("worksheets");
    fs::create_dir_all(&own).unwrap();
    fs::write(own.join("team.json"), GOOD).unwrap();
    fs::write(own.join("zz.json"), "{ \"format\": ").unwrap();
    let loaded = spiral::content::load_all(dir.path()).unwrap();
    let ids: Vec<&str> = loaded.worksheets.iter().map(|w| w.id.as_str()).collect();
    assert!(ids.contains(&"team-check-in"), "{ids:?}");
    assert_eq!(ids[0], "building-impactful-partnerships", "built in first");
    assert_eq!(loaded.problems.len(), 1);
    let said = spiral::text::worksheets_skipped(&loaded.problems).unwrap();
    assert!(
        said.contains("zz.json") && said.contains("line 1"),
        "what the status line says: {said}"
    );
    // No folder: no worksheets of one's own, and nothing to say.
    let none = spiral::content::load_all(&dir.path().join("nowhere")).unwrap();
    assert!(none.problems.is_empty());
    assert!(spiral::text::worksheets_skipped(&none.problems).is_none());
}

#[test]
fn an_entry_on_an_own_worksheet_shows_every_kind_of_answer() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("worksheets");
    fs::create_dir_all(&own).unwrap();
    fs::write(own.join("team.json"), GOOD).unwrap();
    fs::create_dir_all(dir.path().join("entries")).unwrap();
    let entry = serde_json::json!({
        "format": "spiral-entry",
        "version": 2,
        "id": "20261126-090000-abcd",
        "worksheet": { "id": "team-check-in", "revision": 1 },
        "family_label": "Team A",
        "created": "2026-11-26T09:00:00+11:00",
        "updated": "2026-11-26T09:30:00+11:00",
        "answers": {
            "went-well": "The Tuesday visit.",
            "days/monday": "Quiet.",
            "tasks/notes/state": "done",
            "tasks/notes/note": "All typed up.",
            "tasks/calls/state": "not-relevant",
            "energy": "7",
            "energy/note": "A day off.",
            "next-meeting": "26/11",
            "need-help": "yes",
            "need-help/follow-up": "The court report."
        }
    });
    fs::write(
        dir.path().join("entries/20261126-090000-abcd.json"),
        entry.to_string(),
    )
    .unwrap();
    spiral(dir.path())
        .args(["show", "20261126"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Team check-in · Team A"))
        .stdout(predicate::str::contains("Monday:\n      Quiet."))
        .stdout(predicate::str::contains(
            "Friday:\n      (not answered yet)",
        ))
        .stdout(predicate::str::contains(
            "[done] Notes written\n      All typed up.",
        ))
        .stdout(predicate::str::contains("[not relevant] Calls returned"))
        .stdout(predicate::str::contains("Energy: 7 out of 10"))
        .stdout(predicate::str::contains(
            "What would help?\n      A day off.",
        ))
        .stdout(predicate::str::contains(
            "Next meeting: \"26/11\" (not a date: write it as YYYY-MM-DD)",
        ))
        .stdout(predicate::str::contains(
            "Need help: yes\n    With what?\n      The court report.",
        ))
        .stdout(predicate::str::contains(
            "! Warning: There is no date for the next meeting.",
        ))
        .stdout(predicate::str::contains("Checks: 1 warning"))
        .stdout(predicate::str::contains("6/8 answered"));
}
