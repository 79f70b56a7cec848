//! Loading worksheets: the built-in ones embedded from `content/` at build
//! time, and the person's own from `<data dir>/worksheets/*.json`. Every
//! problem names the file, the line and column, the place in the worksheet,
//! what is wrong and what was expected.

mod locate;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::worksheet::{Origin, Worksheet, place_of};
use locate::{Locations, Pos, escape, locate};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));
}

/// The folder inside the data folder that holds the person's own worksheets.
pub const USER_FOLDER: &str = "worksheets";

/// One problem in a worksheet file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Line and column from 1, when the problem has a place in the text.
    pub position: Option<(usize, usize)>,
    /// The place in the worksheet, e.g. `sections[0].items[2].stage`.
    pub place: String,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, column)) = self.position {
            write!(f, "line {line}, column {column}: ")?;
        }
        if !self.place.is_empty() {
            write!(f, "{}: ", self.place)?;
        }
        write!(f, "{}", self.message)
    }
}

/// Why a worksheet file could not be used, with where each problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentError {
    pub file: String,
    pub problems: Vec<Located>,
}

impl ContentError {
    fn whole_file(file: &str, message: String) -> ContentError {
        ContentError {
            file: file.to_string(),
            problems: vec![Located {
                position: None,
                place: String::new(),
                message,
            }],
        }
    }

    /// One line per problem, as compilers write them: `file:line:column: ...`.
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let at = match p.position {
                    Some((line, column)) => format!("{}:{line}:{column}", self.file),
                    None => self.file.clone(),
                };
                let place = if p.place.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", p.place)
                };
                format!("{at}: {place}{}", p.message)
            })
            .collect()
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "worksheet file {} cannot be used:", self.file)?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentError {}

/// Parses and validates one worksheet file's text. `file` names it in errors.
pub fn parse_worksheet(file: &str, text: &str) -> Result<Worksheet, ContentError> {
    let fail = |problems| ContentError {
        file: file.to_string(),
        problems,
    };
    // Syntax first: serde_json knows exactly where the text stops being JSON.
    let mut value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => v,
        Err(e) => {
            return Err(fail(vec![Located {
                position: Some((e.line(), e.column().max(1))),
                place: String::new(),
                message: without_position(&e),
            }]));
        }
    };
    let mut worksheet: Worksheet = match serde_json::from_str(text) {
        Ok(w) => w,
        Err(e) => return Err(fail(vec![data_error(text, &e, &locate(text))])),
    };
    // A worksheet may come from anyone: no control character or bidi
    // override in it reaches the screen or an export.
    if crate::safe::strip_value(&mut value)
        && let Ok(clean) = serde_json::from_value(value)
    {
        worksheet = clean;
    }
    let problems = worksheet.problems();
    if problems.is_empty() {
        return Ok(worksheet);
    }
    let at = locate(text);
    Err(fail(
        problems
            .into_iter()
            .map(|p| Located {
                position: at.find(&p.pointer).map(|pos| (pos.line, pos.column)),
                place: p.place(),
                message: p.message,
            })
            .collect(),
    ))
}

/// serde_json's message without its " at line L column C" (given apart).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// A well-formed file that does not fit the format. serde_json says where it
/// noticed; but an item is read whole before its `type` is known, so for a
/// problem inside an item that is somewhere after it. So each item is read
/// on its own to find the one at fault, then the field inside it.
fn data_error(text: &str, e: &serde_json::Error, at: &Locations) -> Located {
    let message = without_position(e);
    let located = |pos: Pos, pointer: &str| Located {
        position: Some((pos.line, pos.column.max(1))),
        place: place_of(pointer),
        message: message.clone(),
    };
    if let Some(item) = failing_item(text, &message) {
        let start = at.find(&item).unwrap_or(Pos { line: 1, column: 1 });
        if let Some((key, pos)) = field_named(at, &item, &message) {
            return located(pos, &key);
        }
        if message.starts_with("unknown variant `") {
            let tag = format!("{item}/type");
            if let Some(p) = at.values.get(&tag) {
                return located(*p, &tag);
            }
        }
        if let Some(leaf) = offending_value(text, &item, &message)
            && let Some(p) = at.values.get(&leaf)
        {
            return located(*p, &leaf);
        }
        return located(start, &item);
    }
    let pos = Pos {
        line: e.line(),
        column: e.column(),
    };
    let Some((pointer, start, _)) = at.object_at(pos) else {
        return located(pos, "");
    };
    if let Some((key, p)) = field_named(at, pointer, &message) {
        return located(p, &key);
    }
    if message.starts_with("missing field `") {
        return located(*start, pointer);
    }
    located(pos, pointer)
}

/// The pointer of the first item that fails on its own with this message.
fn failing_item(text: &str, message: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let sections = value.get("sections")?.as_array()?;
    for (s, section) in sections.iter().enumerate() {
        for (i, item) in section.get("items")?.as_array()?.iter().enumerate() {
            if let Err(e) = serde_json::from_value::<crate::model::worksheet::Item>(item.clone())
                && without_position(&e) == message
            {
                return Some(format!("/sections/{s}/items/{i}"));
            }
        }
    }
    None
}

/// For "invalid type: string "ten", expected u8" and the like: the first
/// value under `pointer` that serde would describe that way.
fn offending_value(text: &str, pointer: &str, message: &str) -> Option<String> {
    use serde_json::Value;
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))?;
    let value: Value = serde_json::from_str(text).ok()?;
    fn walk(v: &Value, at: String, rest: &str) -> Option<String> {
        let shown = match v {
            Value::String(s) => Some(format!("string {s:?}")),
            Value::Bool(b) => Some(format!("boolean `{b}`")),
            Value::Number(n) if n.is_f64() => Some(format!("floating point `{n}`")),
            Value::Number(n) => Some(format!("integer `{n}`")),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
        };
        if shown.is_some_and(|s| rest.starts_with(&format!("{s},"))) {
            return Some(at);
        }
        match v {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .find_map(|(n, x)| walk(x, format!("{at}/{n}"), rest)),
            Value::Object(o) => o
                .iter()
                .find_map(|(k, x)| walk(x, format!("{at}/{}", escape(k)), rest)),
            _ => None,
        }
    }
    walk(value.pointer(pointer)?, pointer.to_string(), rest)
}

/// For "unknown field `x`": where that key is, in or under `pointer`.
fn field_named(at: &Locations, pointer: &str, message: &str) -> Option<(String, Pos)> {
    let field = message.strip_prefix("unknown field `")?.split('`').next()?;
    let exact = format!("{pointer}/{}", escape(field));
    if let Some(p) = at.keys.get(&exact) {
        return Some((exact, *p));
    }
    let suffix = format!("/{}", escape(field));
    at.keys
        .iter()
        .filter(|(k, _)| k.starts_with(&format!("{pointer}/")) && k.ends_with(&suffix))
        .min_by_key(|(_, p)| **p)
        .map(|(k, p)| (k.clone(), *p))
}

/// Every worksheet built into this binary, in file-name order.
pub fn builtin() -> Result<Vec<Worksheet>, ContentError> {
    builtin::BUILTIN
        .iter()
        .map(|(file, text)| {
            let mut ws = parse_worksheet(file, text)?;
            ws.origin = Origin::Builtin(file.to_string());
            Ok(ws)
        })
        .collect()
}

/// The person's own worksheets, and the files that could not be used.
#[derive(Debug, Default)]
pub struct UserWorksheets {
    pub worksheets: Vec<Worksheet>,
    pub problems: Vec<ContentError>,
}

/// Where the person's own worksheets are kept.
pub fn user_folder(data_dir: &Path) -> PathBuf {
    data_dir.join(USER_FOLDER)
}

/// Reads `<data dir>/worksheets/*.json` in file-name order. A file that
/// cannot be used is reported and skipped; the rest still load. A missing
/// folder simply means there are none.
pub fn load_user(data_dir: &Path, builtin: &[Worksheet]) -> UserWorksheets {
    let folder = user_folder(data_dir);
    let mut out = UserWorksheets::default();
    let listing = match std::fs::read_dir(&folder) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            out.problems.push(ContentError::whole_file(
                &folder.display().to_string(),
                format!("the folder cannot be read: {e}"),
            ));
            return out;
        }
    };
    let mut files: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        // A copy of the schema for editors is not a worksheet.
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    files.sort();
    for path in files {
        let name = path.display().to_string();
        let text = match crate::files::read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                out.problems.push(ContentError::whole_file(
                    &name,
                    format!("the file cannot be read: {e}"),
                ));
                continue;
            }
        };
        let taken = builtin.iter().chain(&out.worksheets);
        match parse_worksheet(&name, &text).and_then(|ws| not_taken(&name, &text, ws, taken)) {
            Ok(mut ws) => {
                ws.origin = Origin::User(path);
                out.worksheets.push(ws);
            }
            Err(e) => out.problems.push(e),
        }
    }
    out
}

/// A user worksheet may not reuse the id of one already loaded: entries
/// name their worksheet by id, so two with one id would be confused.
pub fn not_taken<'a>(
    file: &str,
    text: &str,
    ws: Worksheet,
    mut taken: impl Iterator<Item = &'a Worksheet>,
) -> Result<Worksheet, ContentError> {
    let Some(other) = taken.find(|o| o.id == ws.id) else {
        return Ok(ws);
    };
    let whose = match &other.origin {
        Origin::Builtin(_) => format!("the built-in worksheet {:?}", other.title),
        Origin::User(path) => format!("the worksheet in {}", path.display()),
    };
    let position = locate(text).find("/id").map(|pos| (pos.line, pos.column));
    Err(ContentError {
        file: file.to_string(),
        problems: vec![Located {
            position,
            place: "id".into(),
            message: format!(
                "id {:?} is already used by {whose}; expected an id of its own (entries find their worksheet by id)",
                ws.id
            ),
        }],
    })
}

/// The built-in worksheets and then the person's own, with the problems.
pub fn load_all(data_dir: &Path) -> Result<UserWorksheets, ContentError> {
    let mut all = builtin()?;
    let user = load_user(data_dir, &all);
    all.extend(user.worksheets);
    Ok(UserWorksheets {
        worksheets: all,
        problems: user.problems,
    })
}

/// Checks worksheet files as `spiral worksheets validate` does: each must
/// parse and pass every check, and may not take the id of another worksheet
/// (a built-in file checked against itself is fine).
pub fn validate_file(path: &Path, builtin: &[Worksheet]) -> Result<Worksheet, ContentError> {
    let name = path.display().to_string();
    let text = crate::files::read_text(path)
        .map_err(|e| ContentError::whole_file(&name, format!("the file cannot be read: {e}")))?;
    let ws = parse_worksheet(&name, &text)?;
    let others: Vec<&Worksheet> = builtin
        .iter()
        .filter(|b| {
            let mut same = (*b).clone();
            same.origin = Origin::default();
            same != ws
        })
        .collect();
    not_taken(&name, &text, ws, others.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::worksheet::Item;

    fn main_worksheet() -> Worksheet {
        builtin()
            .expect("built-in content is valid")
            .into_iter()
            .find(|w| w.id == "building-impactful-partnerships")
            .expect("the main worksheet is built in")
    }

    #[test]
    fn every_builtin_worksheet_is_valid() {
        let all = builtin().unwrap_or_else(|e| panic!("{e}"));
        assert!(!all.is_empty());
    }

    #[test]
    fn main_worksheet_has_the_whole_structure() {
        let ws = main_worksheet();
        assert_eq!(ws.stages.len(), 5);
        assert_eq!(ws.framing_ideas.len(), 5);
        assert_eq!(ws.core.parts.len(), 3);
        assert_eq!(ws.sections.len(), 5);
        for bank in &ws.question_banks {
            assert_eq!(bank.questions.len(), 8, "bank {}", bank.id);
        }
        assert_eq!(ws.question_banks.len(), 2);
        for stage in &ws.stages {
            assert!(
                !stage.examples.is_empty(),
                "stage {} has examples",
                stage.id
            );
        }
        // Sections 1 and 2 ask about each stage in turn.
        for section in &ws.sections[..2] {
            let stages: Vec<_> = section
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Prompt(p) => p.stage.clone(),
                    _ => None,
                })
                .collect();
            let expected: Vec<_> = ws.stages.iter().map(|s| s.id.clone()).collect();
            assert_eq!(stages, expected, "section {}", section.id);
        }
        // Section 5: two from each bank.
        let choices: Vec<_> = ws.sections[4]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Choose(c) => Some((c.bank.as_str(), c.count)),
                _ => None,
            })
            .collect();
        assert_eq!(choices, vec![("reflective", 2), ("with-parents", 2)]);
        // Section 4 maps the family's issues along the spiral.
        assert!(
            ws.sections[3]
                .items
                .iter()
                .any(|i| matches!(i, Item::Map(_)))
        );
        assert!(ws.credit.citation.contains("Hopwood"));
        assert!(ws.credit.url.starts_with("https://"));
    }

    fn by_id(id: &str) -> Worksheet {
        builtin()
            .unwrap()
            .into_iter()
            .find(|w| w.id == id)
            .unwrap_or_else(|| panic!("{id} is built in"))
    }

    fn kinds(ws: &Worksheet) -> Vec<&'static str> {
        ws.items().map(Item::kind).collect()
    }

    #[test]
    fn the_four_practice_worksheets_are_built_in_with_their_structure() {
        let contracting = by_id("contracting-with-a-family");
        assert_eq!(
            contracting.sections.len(),
            3,
            "plan, record, re-contracting review"
        );
        for kind in ["table", "checklist", "date", "yesno", "scale", "prompt"] {
            assert!(
                kinds(&contracting).contains(&kind),
                "contracting has a {kind}"
            );
        }
        let agreement = by_id("working-agreement");
        let rows: Vec<&str> = match agreement.items().find(|i| i.id() == "agreement") {
            Some(Item::Table(t)) => t.rows.iter().map(|r| r.id.as_str()).collect(),
            _ => panic!("the agreement is a table"),
        };
        assert_eq!(
            rows,
            [
                "why-involved",
                "what-we-will-do",
                "worker-commitments",
                "family-expectations",
                "timescale"
            ]
        );
        assert!(agreement.checks.len() >= 8);
        let rbp = by_id("relationship-based-practice");
        let mut scales: Vec<&str> = rbp
            .items()
            .filter(|i| i.kind() == "scale")
            .map(Item::title)
            .collect();
        // The qualities families named, one scale each (compared sorted).
        scales.sort_unstable();
        assert_eq!(
            scales,
            [
                "Capable",
                "Change can happen",
                "Compassion",
                "Equal",
                "Honesty",
                "Kindness",
                "Listened to",
                "Respected",
                "Supported",
                "Understood",
                "Worthy"
            ]
        );
        let contracts = by_id("co-produced-contracts");
        let rules = contracts
            .items()
            .find_map(|i| match i {
                Item::Checklist(c) => Some(c.checks.len()),
                _ => None,
            })
            .unwrap();
        assert_eq!(rules, 13, "every golden rule");
        for ws in [&contracting, &agreement, &rbp, &contracts] {
            assert_eq!(ws.version, 2, "{}", ws.id);
            assert!(!ws.credit.authors.is_empty() && !ws.credit.citation.is_empty());
            assert!(ws.credit.note.contains("our own words"), "{}", ws.id);
        }
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = parse_worksheet("content/broken.json", "{\n  \"format\": ,\n}").unwrap_err();
        assert_eq!(err.file, "content/broken.json");
        assert!(
            err.problems[0].to_string().starts_with("line 2, column"),
            "{err}"
        );
    }

    #[test]
    fn a_misspelt_field_is_refused_by_name() {
        let mut value: serde_json::Value =
            serde_json::from_str(builtin::BUILTIN[0].1).expect("json");
        value["titel"] = value["title"].take();
        value.as_object_mut().unwrap().remove("title");
        let err = parse_worksheet("x.json", &value.to_string()).unwrap_err();
        assert!(err.to_string().contains("titel"), "{err}");
    }

    #[test]
    fn broken_references_are_each_reported() {
        let mut ws = main_worksheet();
        if let Item::Choose(c) = &mut ws.sections[4].items[0] {
            c.bank = "nope".into();
        }
        if let Item::Prompt(p) = &mut ws.sections[0].items[0] {
            p.stage = Some("earning-acceptence".into());
        }
        let dup = ws.sections[0].items[0].clone();
        ws.sections[1].items.push(dup);
        let problems = ws.validate();
        assert!(
            problems.iter().any(|p| p.contains("\"nope\"")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("earning-acceptence")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("more than once")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_newer_format_version_is_refused() {
        let mut ws = main_worksheet();
        ws.version = 99;
        assert!(ws.validate().iter().any(|p| p.contains("version")));
    }
}
