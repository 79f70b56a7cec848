//! content/worksheet.schema.json, the JSON Schema for editors, agrees with
//! what spiral reads: every built-in worksheet validates against it, its
//! item kinds are spiral's, each kind's required keys are the ones spiral
//! requires, and structurally broken fixtures fail it too.
//!
//! The schema is written by hand (its descriptions are for authors), so this
//! keeps it honest. The checker below covers the parts of JSON Schema the
//! file uses.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};
use spiral::model::worksheet::{ITEM_KINDS, Item};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    serde_json::from_str(include_str!("../content/worksheet.schema.json")).unwrap()
}

/// Every problem with `v` against `s`, as "pointer: what".
fn check(root: &Value, s: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("no {r}"));
        return check(root, target, v, at, out);
    }
    let mut fail = |what: String| out.push(format!("{at}: {what}"));
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            other => panic!("type {other} is not checked here"),
        };
        if !ok {
            return fail(format!("not a {t}"));
        }
    }
    if let Some(c) = s.get("const")
        && c != v
    {
        fail(format!("{v} is not {c}"));
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        fail(format!("{v} is not one of {e:?}"));
    }
    if let (Some(p), Some(text)) = (s.get("pattern").and_then(Value::as_str), v.as_str())
        && !regex::Regex::new(p).unwrap().is_match(text)
    {
        fail(format!("{text:?} does not match {p}"));
    }
    if let Some(n) = v.as_i64() {
        if s.get("minimum")
            .and_then(Value::as_i64)
            .is_some_and(|m| n < m)
        {
            fail(format!("{n} is below the minimum"));
        }
        if s.get("maximum")
            .and_then(Value::as_i64)
            .is_some_and(|m| n > m)
        {
            fail(format!("{n} is above the maximum"));
        }
    }
    if let Some(items) = v.as_array() {
        if s.get("minItems")
            .and_then(Value::as_u64)
            .is_some_and(|m| (items.len() as u64) < m)
        {
            fail("too few items".into());
        }
        if let Some(each) = s.get("items") {
            for (n, item) in items.iter().enumerate() {
                check(root, each, item, &format!("{at}/{n}"), out);
            }
        }
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = r.as_str().unwrap();
            if !obj.contains_key(key) {
                out.push(format!("{at}: missing {key}"));
            }
        }
        if s.get("maxProperties")
            .and_then(Value::as_u64)
            .is_some_and(|m| obj.len() as u64 > m)
        {
            out.push(format!("{at}: too many properties"));
        }
        for (key, value) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(sub) => check(root, sub, value, &format!("{at}/{key}"), out),
                None if s.get("additionalProperties") == Some(&json!(false)) => {
                    out.push(format!("{at}: unexpected {key}"))
                }
                None => {}
            }
        }
    }
    if let Some(one_of) = s.get("oneOf").and_then(Value::as_array) {
        let passing = one_of
            .iter()
            .filter(|sub| {
                let mut errors = Vec::new();
                check(root, sub, v, at, &mut errors);
                errors.is_empty()
            })
            .count();
        if passing != 1 {
            out.push(format!("{at}: matches {passing} of oneOf, not exactly one"));
        }
    }
    if let Some(not) = s.get("not") {
        let mut errors = Vec::new();
        check(root, not, v, at, &mut errors);
        if errors.is_empty() {
            out.push(format!("{at}: matches what it must not"));
        }
    }
}

fn problems(doc: &Value) -> Vec<String> {
    let s = schema();
    let mut out = Vec::new();
    check(&s, &s, doc, "", &mut out);
    out
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    files.sort();
    files
}

fn read(path: &PathBuf) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_built_in_worksheet_validates_against_the_schema() {
    let files = json_files("content");
    assert!(files.len() >= 5);
    for f in files
        .iter()
        .chain(&json_files("tests/fixtures/user-worksheets"))
    {
        assert_eq!(problems(&read(f)), Vec::<String>::new(), "{}", f.display());
    }
}

#[test]
fn the_schema_knows_exactly_spirals_item_kinds() {
    let s = schema();
    let kinds: BTreeSet<String> = s["$defs"]["item"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let def = s.pointer(r["$ref"].as_str().unwrap().trim_start_matches('#'));
            def.unwrap()["properties"]["type"]["const"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let spiral: BTreeSet<String> = ITEM_KINDS.iter().map(|k| k.to_string()).collect();
    assert_eq!(kinds, spiral);
}

/// For one example of each kind: dropping a key the schema requires makes
/// spiral refuse the item, and dropping an optional one does not.
#[test]
fn each_kinds_required_keys_are_the_ones_spiral_requires() {
    let s = schema();
    let mut examples: Vec<Value> = Vec::new();
    let sources = json_files("content")
        .into_iter()
        .chain(json_files("tests/fixtures/user-worksheets"));
    for f in sources {
        for section in read(&f)["sections"].as_array().unwrap() {
            for item in section["items"].as_array().unwrap() {
                if !examples.iter().any(|e| e["type"] == item["type"]) {
                    examples.push(item.clone());
                }
            }
        }
    }
    assert_eq!(examples.len(), ITEM_KINDS.len(), "an example of every kind");
    for example in examples {
        let kind = example["type"].as_str().unwrap();
        let def = &s["$defs"][kind];
        let required: Vec<&str> = def["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert!(serde_json::from_value::<Item>(example.clone()).is_ok());
        for key in example.as_object().unwrap().keys() {
            if key == "type" {
                continue;
            }
            let mut without = example.clone();
            without.as_object_mut().unwrap().remove(key);
            let refused = serde_json::from_value::<Item>(without).is_err();
            assert_eq!(
                refused,
                required.contains(&key.as_str()),
                "{kind}.{key}: spiral {} it, the schema says it is {}",
                if refused {
                    "requires"
                } else {
                    "does not require"
                },
                if required.contains(&key.as_str()) {
                    "required"
                } else {
                    "optional"
                }
            );
        }
    }
}

#[test]
fn structurally_broken_worksheets_fail_the_schema_too() {
    for name in [
        "unknown-field",
        "unknown-kind",
        "item-unknown-field",
        "missing-title",
        "wrong-type",
        "newer-version",
        "check-two-messages",
        "check-two-forms",
    ] {
        let doc = read(&root().join(format!("tests/fixtures/broken-worksheets/{name}.json")));
        assert!(!problems(&doc).is_empty(), "{name} passes the schema");
    }
}
