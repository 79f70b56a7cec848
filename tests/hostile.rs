//! Nothing hostile goes in or out: control characters and bidi overrides
//! in an entry, a feedback file or a worksheet reach no terminal raw and no
//! document at all.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env("HOME", data.join("home"))
        .env_remove("NO_COLOR");
    cmd
}

/// Clears the screen, sets the window title, and turns the rest of the
/// line right to left.
const NASTY: &str = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\u{202e}\u{2066}";

fn hostile(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_clean(what: &str, out: &[u8]) -> String {
    let text = String::from_utf8(out.to_vec()).unwrap();
    assert!(!text.chars().any(hostile), "{what} printed raw: {text:?}");
    text
}

struct Setup {
    _dir: tempfile::TempDir,
    data: std::path::PathBuf,
    id: String,
}

/// One entry whose label, tag, answer and supervisor comment all carry
/// control characters, as a file from somewhere else might.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
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
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["family_label"] = json!(format!("Family {NASTY}K"));
    entry["tags"] = json!([format!("sleep{NASTY}")]);
    entry["answers"]["kc-earning-acceptance"] = json!(format!("Kept every{NASTY} appointment."));
    entry["feedback"] = json!([{
        "id": "c-1",
        "key": "kc-earning-acceptance",
        "text": format!("Good to{NASTY} name it."),
        "reviewer": format!("Sup{NASTY}ervisor"),
        "written": "2026-12-03T14:00:00+11:00"
    }]);
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    Setup {
        _dir: dir,
        data,
        id,
    }
}

#[test]
fn list_and_show_print_escapes_not_controls() {
    let s = setup();
    for args in [vec!["list"], vec!["show", s.id.as_str()]] {
        let out = spiral(&s.data).args(&args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = assert_clean(&args.join(" "), &out.stdout);
        assert!(text.contains("Family \\u{1b}[2J"), "{args:?}: {text}");
        assert!(text.contains("\\u{202e}"), "{args:?}: {text}");
    }
}

#[test]
fn json_for_scripts_escapes_them_and_keeps_the_data() {
    let s = setup();
    for args in [
        vec!["list", "--json"],
        vec!["show", s.id.as_str(), "--json"],
    ] {
        let out = spiral(&s.data).args(&args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = assert_clean(&args.join(" "), &out.stdout);
        let value: Value = serde_json::from_str(&text).unwrap();
        let label = if args[0] == "list" {
            &value[0]["family_label"]
        } else {
            &value["family_label"]
        };
        assert_eq!(label, &json!(format!("Family {NASTY}K")));
    }
}

#[test]
fn exports_carry_none_of_them() {
    let s = setup();
    for format in ["md", "html", "json"] {
        let out = spiral(&s.data)
            .args([
                "export",
                "--all",
                "--allow-identifiers",
                "testing",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {out:?}");
        let text = assert_clean(format, &out.stdout);
        if format == "json" {
            // The bundle keeps the text, escaped.
            let bundle: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                bundle["entries"][0]["tags"],
                json!([format!("sleep{NASTY}")])
            );
        } else {
            assert!(text.contains("owned31m appointment."), "{format}: {text}");
            assert!(text.contains("owned31m name it."), "{format}: {text}");
        }
        assert_clean(format, &out.stderr);
    }
}

#[test]
fn a_feedback_file_brings_none_in_and_its_report_prints_none() {
    let s = setup();
    let file = s.data.join("x.feedback.json");
    let feedback = json!({
        "format": "spiral-feedback",
        "version": 1,
        "bundle": { "exported_at": "2026-12-01T10:00:00+11:00" },
        "reviewer": format!("Alex{NASTY}"),
        "updated": "2026-12-03T10:00:00+11:00",
        "entries": [
            {
                "entry_id": s.id,
                "family_label": "Family K",
                "worksheet": "building-impactful-partnerships",
                "comments": [{ "id": "c-2", "text": format!("Why{NASTY} then?"), "written": "2026-12-03T10:00:00+11:00" }]
            },
            {
                "entry_id": "20990101-000000-zzzz",
                "family_label": format!("Family {NASTY}Q"),
                "worksheet": "building-impactful-partnerships",
                "comments": [{ "id": "c-3", "text": "Not yours.", "written": "2026-12-03T10:05:00+11:00" }]
            }
        ]
    });
    fs::write(&file, serde_json::to_string(&feedback).unwrap()).unwrap();
    let out = spiral(&s.data)
        .arg("import-feedback")
        .arg(&file)
        .output()
        .unwrap();
    let report = assert_clean("import-feedback", &out.stdout);
    assert_clean("import-feedback", &out.stderr);
    assert!(report.contains("(Family [2J]0;owned31mQ,"), "{report}");
    let stored = fs::read_to_string(s.data.join("entries").join(format!("{}.json", s.id))).unwrap();
    let entry: Value = serde_json::from_str(&stored).unwrap();
    let added = entry["feedback"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "c-2")
        .unwrap();
    assert_eq!(added["text"], json!("Why[2J]0;owned31m then?"));
    assert_eq!(added["reviewer"], json!("Alex[2J]0;owned31m"));
}

#[test]
fn a_label_and_tags_are_stored_without_them_and_errors_print_none() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = spiral(&data)
        .args(["new", "--worksheet", "building-impactful-partnerships"])
        .arg("--family")
        .arg(format!("Family {NASTY}T"))
        .arg("--tag")
        .arg(format!("sl{NASTY}eep"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let stored = fs::read_to_string(data.join("entries").join(format!("{id}.json"))).unwrap();
    let entry: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(entry["family_label"], json!("Family [2J]0;owned31mT"));
    assert_eq!(entry["tags"], json!(["sl[2J]0;owned31meep"]));

    let out = spiral(&data)
        .args(["show", &format!("x{NASTY}")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = assert_clean("an error", &out.stderr);
    assert!(said.contains("\\u{1b}"), "{said}");
}

#[test]
fn a_worksheet_from_someone_else_shows_none() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("worksheets")).unwrap();
    let mut ws: Value = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/user-worksheets/team-check-in.json").unwrap(),
    )
    .unwrap();
    ws["title"] = json!(format!("Team{NASTY} check-in"));
    fs::write(
        data.join("worksheets").join("team.json"),
        serde_json::to_string(&ws).unwrap(),
    )
    .unwrap();
    let out = spiral(&data).arg("worksheets").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = assert_clean("worksheets", &out.stdout);
    assert!(text.contains("Team[2J]0;owned31m check-in"), "{text}");
}

/// Every C0 control but new line and tab, DEL, every C1 control, and the
/// bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
fn every_hostile_character() -> String {
    ('\u{0}'..='\u{1f}')
        .filter(|c| !matches!(c, '\n' | '\t'))
        .chain('\u{7f}'..='\u{9f}')
        .chain('\u{202a}'..='\u{202e}')
        .chain('\u{2066}'..='\u{2069}')
        .collect()
}

/// The check's context lines (the words around a detail, as an export
/// stopped by the check shows them) and `spiral check`'s own lines show
/// each one as a visible escape, as `list` and `show` do.
#[test]
fn the_checks_context_lines_print_every_control_and_bidi_character_as_an_escape() {
    let s = setup();
    let every = every_hostile_character();
    let file = s.data.join("entries").join(format!("{}.json", s.id));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["answers"]["kc-earning-acceptance"] =
        json!(format!("Rang{every} from 07700 900123 today."));
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    let out = spiral(&s.data)
        .args(["export", "--all", "--out", "-"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "stopped by the check: {out:?}");
    assert_clean("export", &out.stdout);
    let said = assert_clean("the check", &out.stderr);
    let context = said
        .lines()
        .find(|l| l.contains("from 07700 900123 today."))
        .unwrap_or_else(|| panic!("{said}"));
    // The context is one line: a line break of another kind (vertical
    // tab, form feed, carriage return, NEL) is a space there, as a new
    // line is; every other one is an escape.
    for c in every.chars().filter(|c| !c.is_whitespace()) {
        let escape = format!("\\u{{{:x}}}", c as u32);
        assert!(context.contains(&escape), "{escape} in {context}");
    }
    let out = spiral(&s.data).args(["check", "--all"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let lines = assert_clean("check", &out.stdout);
    assert!(lines.contains("Family \\u{1b}[2J"), "{lines}");
    assert_clean("check", &out.stderr);
}

/// Every such character, not only the common ones: `list` and `show` print
/// each as an escape, and Markdown and HTML exports carry none.
#[test]
fn every_control_and_bidi_character_is_an_escape_on_screen_and_absent_from_documents() {
    let s = setup();
    let every = every_hostile_character();
    let file = s.data.join("entries").join(format!("{}.json", s.id));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["family_label"] = json!(format!("Family {every}K"));
    entry["answers"]["kc-earning-acceptance"] = json!(format!("Kept every{every} appointment."));
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    let escapes: Vec<String> = every
        .chars()
        .map(|c| format!("\\u{{{:x}}}", c as u32))
        .collect();
    for args in [vec!["list"], vec!["show", s.id.as_str()]] {
        let out = spiral(&s.data).args(&args).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = assert_clean(&args.join(" "), &out.stdout);
        for escape in &escapes {
            assert!(
                text.contains(escape.as_str()),
                "{args:?}: {escape} in {text}"
            );
        }
    }
    for format in ["md", "html"] {
        let out = spiral(&s.data)
            .args([
                "export",
                "--all",
                "--allow-identifiers",
                "testing",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {out:?}");
        let text = assert_clean(format, &out.stdout);
        assert!(text.contains("Kept every appointment."), "{format}: {text}");
    }
}
