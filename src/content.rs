//! Loading worksheets: the built-in ones embedded from `content/` at build time.

use std::fmt;

use crate::model::worksheet::Worksheet;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));
}

/// Why a worksheet file could not be used, with where the problem is.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentError {
    pub file: String,
    pub problems: Vec<String>,
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
    let worksheet: Worksheet = serde_json::from_str(text).map_err(|e| ContentError {
        file: file.to_string(),
        problems: vec![format!("line {}, column {}: {e}", e.line(), e.column())],
    })?;
    let problems = worksheet.validate();
    if problems.is_empty() {
        Ok(worksheet)
    } else {
        Err(ContentError {
            file: file.to_string(),
            problems,
        })
    }
}

/// Every worksheet built into this binary, in file-name order.
pub fn builtin() -> Result<Vec<Worksheet>, ContentError> {
    builtin::BUILTIN
        .iter()
        .map(|(file, text)| parse_worksheet(file, text))
        .collect()
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
                    Item::Choose(_) | Item::Map(_) => None,
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
                Item::Prompt(_) | Item::Map(_) => None,
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

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = parse_worksheet("content/broken.json", "{\n  \"format\": ,\n}").unwrap_err();
        assert_eq!(err.file, "content/broken.json");
        assert!(err.problems[0].starts_with("line 2, column"), "{err}");
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
