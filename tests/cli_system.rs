//! The command line when files and pipes are not what they seem: a reader
//! that stops early, FIFOs and other non-files, odd file names, damaged
//! files, folders spiral makes.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

fn bin() -> std::path::PathBuf {
    std::env::var_os("SPIRAL_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into())
}

/// spiral, on `data`, with no settings of the person's and a home of its own.
fn spiral(data: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env("HOME", data.join("home"));
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
fn every_printing_command_ends_quietly_when_its_reader_stops() {
    let dir = with_fixture();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["show", FIXTURE_ID],
        &["worksheets"],
        &["doctor"],
        &["config", "show"],
        &["man"],
        &["completions", "bash"],
        &["--help"],
    ];
    for args in commands {
        let mut child = spiral(dir.path())
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before spiral writes a word (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

/// Runs spiral to the end, or kills it after 10 s and fails: a hang is the bug.
fn finishes(mut cmd: Command, what: &str) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_among_the_entries_or_given_as_a_file_is_named_never_waited_on() {
    let dir = with_fixture();
    let fifo = dir.path().join("entries").join("20261102-100000-fifo.json");
    mkfifo(&fifo);
    for args in [&["list"][..], &["doctor"], &["show", FIXTURE_ID]] {
        let out = finishes(
            {
                let mut c = spiral(dir.path());
                c.args(args);
                c
            },
            &format!("spiral {args:?}"),
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("20261102-100000-fifo.json"), "{args:?}: {all}");
        assert!(all.contains("named pipe"), "{args:?}: {all}");
        if args[0] != "doctor" {
            assert!(
                all.contains(FIXTURE_ID),
                "the good entry still shows: {all}"
            );
        }
    }
    // A pipe given where a feedback file or a bundle is expected.
    let given = dir.path().join("given.feedback.json");
    mkfifo(&given);
    for args in [["import-feedback"], ["review"]] {
        let mut c = spiral(dir.path());
        c.args(args).arg(&given);
        let out = finishes(c, &format!("spiral {args:?} FIFO"));
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("named pipe"), "{args:?}: {err}");
    }
}

#[test]
fn an_error_from_the_system_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be.
    let data = dir.path().join("data");
    fs::write(&data, "not a folder").unwrap();
    let out = spiral(&data)
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            "K",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("File exists").count(), 1, "{err}");
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_feedback_file_is_read_past() {
    let dir = with_fixture();
    let json = r#"{"format": "spiral-feedback", "version": 1, "entries": []}"#;
    let said = |name: &str, text: String| {
        let file = dir.path().join(name);
        fs::write(&file, text).unwrap();
        let out = spiral(dir.path())
            .arg("import-feedback")
            .arg(&file)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).replace(name, "FILE")
    };
    let plain = said("plain.feedback.json", json.to_string());
    let with_bom = said("bom.feedback.json", format!("\u{feff}{json}"));
    assert_eq!(with_bom, plain, "the mark makes no difference");
}

#[cfg(unix)]
#[test]
fn every_folder_spiral_makes_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh").join("data");
    let out = dir.path().join("exports").join("2026").join("prep.md");
    let done = spiral(&data)
        .args([
            "prep",
            "--want",
            "time to think",
            "--since",
            "2026-01-01",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(out.exists());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for folder in [
        dir.path().join("fresh"),
        data.clone(),
        dir.path().join("exports"),
        dir.path().join("exports").join("2026"),
    ] {
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    }
}

/// A temporary export copy, as a kill during an export leaves it, `age` old.
fn left_by_a_kill(folder: &Path, name: &str, age: std::time::Duration) -> std::path::PathBuf {
    fs::create_dir_all(folder).unwrap();
    let path = folder.join(name);
    fs::write(&path, "# part of an export").unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() - age)
        .unwrap();
    path
}

#[test]
fn copies_left_by_an_interrupted_export_are_named_by_doctor_and_cleared_by_the_next_export() {
    let dir = with_fixture();
    let home = dir.path().join("home");
    let hour = std::time::Duration::from_secs(3600);
    let usual = left_by_a_kill(&home.join("spiral exports"), ".exporting-a1.tmp", hour);
    let doctor = spiral(dir.path())
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .arg("doctor")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&doctor.stdout);
    assert!(said.contains(".exporting-a1.tmp"), "{said}");
    assert!(said.contains("interrupted export"), "{said}");
    assert!(usual.exists(), "doctor changes nothing");

    let out = dir.path().join("out");
    let old = left_by_a_kill(&out, ".exporting-b2.tmp", hour);
    let now = left_by_a_kill(&out, ".exporting-c3.tmp", std::time::Duration::ZERO);
    let export = spiral(dir.path())
        .args(["export", "--all", "--out"])
        .arg(out.join("mine.md"))
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(!old.exists(), "an old leftover is cleared");
    assert!(
        now.exists(),
        "one that may be an export being written now is left"
    );
    let names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "the export and the fresh copy: {names:?}");
}
