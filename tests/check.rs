//! `spiral check`: the export's check on its own, for scripts and for
//! measuring; it writes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env("HOME", data.join("home"))
        .current_dir(data.parent().unwrap())
        .env_remove("NO_COLOR");
    cmd
}

const KEY: &str = "kc-earning-acceptance";

/// An entry whose answer has a phone number after some non-ASCII text, so
/// character and byte offsets differ.
fn setup(label: &str, answer: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = spiral(&data)
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            label,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["answers"][KEY] = json!(answer);
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    (dir, data, id)
}

fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    for e in walk(dir) {
        let bytes = fs::read(&e).unwrap();
        all.push((e, bytes));
    }
    all.sort();
    all
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn json_gives_each_finding_with_exact_character_offsets_and_exits_1() {
    let answer = "Zoë’s mum — rang from 07700 900123 on Tuesday.";
    let (dir, data, id) = setup("Family K", answer);
    let before = files_in(dir.path());
    let out = spiral(&data)
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["format"], "spiral-check");
    assert_eq!(report["version"], 1);
    assert_eq!(report["entries"], 1);
    // Zoë is on no list of words, so the name finder asks about it too.
    assert_eq!(report["open"], 2);
    let name = &report["findings"][0];
    assert_eq!(name["kind"], "name");
    assert_eq!(name["text"], "Zoë");
    assert_eq!(
        (name["start"].as_u64(), name["end"].as_u64()),
        (Some(0), Some(3))
    );
    let f = &report["findings"][1];
    assert_eq!(f["entry_id"], json!(id));
    assert_eq!(f["family_label"], "Family K");
    assert_eq!(f["field"], "answer");
    assert_eq!(f["answer_key"], KEY);
    assert_eq!(f["kind"], "phone");
    assert_eq!(f["text"], "07700 900123");
    assert_eq!(f["decision"], "open");
    assert_eq!(f["place"], "1. Key concepts › Earning acceptance");
    let (start, end) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    let chars: Vec<char> = answer.chars().collect();
    assert_eq!(chars[start..end].iter().collect::<String>(), "07700 900123");
    assert_eq!(start, 22);
    // Nothing written anywhere: not the data folder, not the folder it ran in.
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn the_lines_for_a_person_are_one_per_finding_and_no_finding_exits_0() {
    let (_dir, data, id) = setup("Jordan Smith", "Jordan rang from jo@example.org.");
    let out = spiral(&data).args(["check", &id[..12]]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 3, "{said}");
    assert!(
        lines[0].starts_with(&format!(
            "{id} Jordan Smith · Family label · family-label \"Jordan Smith\""
        )),
        "{said}"
    );
    assert!(
        lines[2].contains("email \"jo@example.org\" (characters 17-31) · open"),
        "{said}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("3 possible identifying details, 3 still to decide. Nothing was written."),
        "{err}"
    );

    let (_dir, data, _) = setup("Family T", "Three visits before we sat down together.");
    let out = spiral(&data)
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"], json!([]));
    // Filters as `spiral list` takes them.
    let out = spiral(&data)
        .args(["check", "--family", "Family Q"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("nothing was checked")
    );
}

#[test]
fn a_finding_in_a_context_line_prints_no_control_character() {
    let (_dir, data, _) = setup("Family T", "Rang\u{1b}[2J 07700 900123\u{202e} today.");
    let out = spiral(&data).args(["check", "--all"]).output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        !said.contains('\u{1b}') && !said.contains('\u{202e}'),
        "{said:?}"
    );
    assert!(said.contains("phone \"07700 900123\""), "{said}");
}

#[test]
fn a_supervisors_comment_and_a_prep_answer_are_checked_before_they_go_out() {
    let (_dir, data, id) = setup("Family T", "Three visits before we sat down together.");
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["feedback"] = json!([{
        "id": "c-1", "key": KEY, "text": "Did mum ring 07700 900123 back?",
        "reviewer": "jo@example.org", "written": "2026-12-03T14:00:00+11:00"
    }]);
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();

    let out = spiral(&data)
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(Value, Value, Value)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].clone(),
                f["comment"]["part"].clone(),
                f["kind"].clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (json!("comment"), json!("text"), json!("phone")),
            (json!("comment"), json!("reviewer"), json!("email")),
        ]
    );
    assert_eq!(report["findings"][0]["start"], 13);

    for format in ["md", "html"] {
        let out = spiral(&data)
            .args([
                "export",
                "--all",
                "--placeholders",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains("07700") && !text.contains("jo@example.org"),
            "{text}"
        );
        let phone = if format == "md" {
            "\\[phone\\]"
        } else {
            "[phone]"
        };
        assert!(
            text.contains(&format!("Did mum ring {phone} back?")),
            "{text}"
        );
    }
    // The entry itself keeps the comment as it came.
    assert!(fs::read_to_string(&file).unwrap().contains("07700 900123"));

    let out = spiral(&data)
        .args([
            "prep",
            "--since",
            "2020-01-01",
            "--want",
            "Ask about 07700 900123",
            "--placeholders",
            "--out",
            "-",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Ask about \\[phone\\]") && !text.contains("07700"),
        "{text}"
    );
}

#[test]
fn spiral_new_notes_a_label_that_looks_like_a_real_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (label, noted) in [("Jordan Smith", true), ("Family K", false)] {
        let out = spiral(&data)
            .args([
                "new",
                "--worksheet",
                "building-impactful-partnerships",
                "--family",
                label,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            err.contains("This looks like a real name."),
            noted,
            "{label}: {err}"
        );
    }
}

/// A detail decided at one export is decided the same way at the next,
/// so only what is new is asked about; `--ask-again` asks about all.
#[test]
fn decisions_are_remembered_per_entry_and_only_new_details_are_asked_about() {
    let (dir, data, id) = setup("Family K", "She rang from 07700 900123 on Tuesday.");
    let out = spiral(&data)
        .args(["export", "--all", "--placeholders", "--out", "first.md"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let first = fs::read_to_string(dir.path().join("first.md")).unwrap();
    assert!(!first.contains("07700 900123"), "{first}");
    let kept: Value =
        serde_json::from_str(&fs::read_to_string(data.join("decisions.json")).unwrap()).unwrap();
    assert_eq!(kept["format"], "spiral-decisions");
    assert_eq!(kept["entries"][&id][0]["decision"], "replace");
    assert!(
        !first.contains("decisions"),
        "the decisions never go into an export"
    );

    // A new detail in the same answer: the old one is decided already.
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["answers"][KEY] = json!("She rang from 07700 900123 on Tuesday, then from 07700 900456.");
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    let out = spiral(&data)
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the new one is open");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let decisions: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["text"].as_str().unwrap(), f["decision"].as_str().unwrap()))
        .collect();
    assert_eq!(
        decisions,
        [("07700 900123", "replace"), ("07700 900456", "open")]
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("1 possible identifying detail is decided as at an earlier export"),
        "{said}"
    );

    // Left in with a reason, the one replaced before is still replaced.
    let out = spiral(&data)
        .args(["export", "--all", "--out", "second.md"])
        .args(["--allow-identifiers", "my supervisor needs the number"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let second = fs::read_to_string(dir.path().join("second.md")).unwrap();
    assert!(!second.contains("07700 900123"), "{second}");
    assert!(second.contains("07700 900456"), "{second}");

    // Asked afresh, both are left in.
    let out = spiral(&data)
        .args(["export", "--all", "--out", "third.md", "--ask-again"])
        .args(["--allow-identifiers", "all of it, this once"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let third = fs::read_to_string(dir.path().join("third.md")).unwrap();
    assert!(third.contains("07700 900123") && third.contains("07700 900456"));
}

/// A decisions file that cannot be read is named, every detail is asked
/// about, and the file is never written over.
#[test]
fn a_damaged_decisions_file_is_named_and_kept() {
    let (_dir, data, _id) = setup("Family K", "She rang from 07700 900123 on Tuesday.");
    fs::write(data.join("decisions.json"), "{ cut sho").unwrap();
    let out = spiral(&data)
        .args(["export", "--all", "--placeholders", "--out", "first.md"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("decisions.json") && said.contains("left as it is"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(data.join("decisions.json")).unwrap(),
        "{ cut sho"
    );
}

/// Every word that leaves is checked: a name put in the label, a tag, each
/// part of a map issue, a supervisor's comment and the reviewer's name on
/// it, and a prep answer is found, and replaced in Markdown, HTML and the
/// bundle alike.
#[test]
fn a_name_in_every_field_that_leaves_is_found_and_replaced_in_every_format() {
    let (_dir, data, id) = setup("Kayla Smith", "Three visits before we sat down together.");
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    entry["tags"] = json!(["first visits", "Priya"]);
    entry["maps"] = json!({ "wd-map": [{
        "id": 1, "text": "Visit with Tomasz", "stage": "earning-acceptance",
        "when": "the day Oluwaseun came", "shifted": "Bartholomew trusted me"
    }]});
    entry["feedback"] = json!([{
        "id": "c-1", "key": KEY, "text": "Ask Zofia about it.",
        "reviewer": "Mehmet Yilmaz", "written": "2026-12-03T14:00:00+11:00"
    }]);
    fs::write(&file, serde_json::to_string_pretty(&entry).unwrap()).unwrap();
    let names = [
        "Kayla",
        "Smith",
        "Priya",
        "Tomasz",
        "Oluwaseun",
        "Bartholomew",
        "Zofia",
        "Mehmet",
        "Yilmaz",
    ];

    let out = spiral(&data)
        .args(["check", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut places: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| match f["field"].as_str().unwrap() {
            "map" => format!("map {}", f["map"]["part"].as_str().unwrap()),
            "comment" => format!("comment {}", f["comment"]["part"].as_str().unwrap()),
            field => field.to_string(),
        })
        .collect();
    places.sort();
    places.dedup();
    assert_eq!(
        places,
        [
            "comment reviewer",
            "comment text",
            "label",
            "map text",
            "map what-shifted",
            "map when",
            "tag"
        ],
        "{}",
        serde_json::to_string_pretty(&report).unwrap()
    );

    for format in ["md", "html", "json"] {
        let out = spiral(&data)
            .args([
                "export",
                "--all",
                "--placeholders",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for name in names {
            assert!(!text.contains(name), "{format}: {name} left in:\n{text}");
        }
        // Markdown shows \[name\] as [name].
        assert!(
            text.contains("[name]") || text.contains("\\[name\\]"),
            "{format}: {text}"
        );
    }

    for format in ["md", "html"] {
        let out = spiral(&data)
            .args([
                "prep",
                "--since",
                "2020-01-01",
                "--want",
                "Talk about Zainab",
                "--placeholders",
                "--format",
                format,
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for name in names.iter().chain(&["Zainab"]) {
            assert!(
                !text.contains(name),
                "prep {format}: {name} left in:\n{text}"
            );
        }
    }
}
