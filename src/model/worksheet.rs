//! Worksheet content: the types that `content/*.json` files deserialise into,
//! and the checks a worksheet must pass before the app uses it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The content format this build reads. A file with another `version` is
/// refused with a message rather than half-understood.
pub const CONTENT_FORMAT: &str = "spiral-worksheet";
pub const CONTENT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Worksheet {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub revision: u32,
    pub title: String,
    pub source: String,
    pub summary: String,
    pub credit: Credit,
    pub background: Vec<Page>,
    pub core: Core,
    pub stages: Vec<Concept>,
    pub framing_ideas: Vec<Idea>,
    pub question_banks: Vec<QuestionBank>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub authors: String,
    pub citation: String,
    pub url: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Core {
    pub title: String,
    pub summary: String,
    pub parts: Vec<Idea>,
}

/// A named idea with a short explanation (a framing idea, a part of the core).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    pub id: String,
    pub name: String,
    pub summary: String,
}

/// A stage of the spiral: an idea with examples of what it looks like in practice.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// A picture shown beside this section's prompts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagram: Option<Diagram>,
    pub items: Vec<Item>,
}

/// The pictures spiral can draw.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Diagram {
    /// The stages along a widening spiral around the core.
    Spiral,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Item {
    Prompt(Prompt),
    Choose(Choice),
    /// Map the issues worked on with a family along the spiral.
    Map(Prompt),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// A stage id: its summary and examples are shown as extra guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

/// "Choose `count` questions from `bank`, then answer `prompts` for each."
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub title: String,
    pub bank: String,
    pub count: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    pub prompts: Vec<Prompt>,
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Prompt(p) | Item::Map(p) => &p.id,
            Item::Choose(c) => &c.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Item::Prompt(p) | Item::Map(p) => &p.title,
            Item::Choose(c) => &c.title,
        }
    }

    /// How many answers this item asks for when it is complete.
    pub fn answer_slots(&self) -> usize {
        match self {
            Item::Prompt(_) | Item::Map(_) => 1,
            Item::Choose(c) => c.count * c.prompts.len(),
        }
    }
}

impl Worksheet {
    pub fn bank(&self, id: &str) -> Option<&QuestionBank> {
        self.question_banks.iter().find(|b| b.id == id)
    }

    /// The text of a question in a bank, if both still exist.
    pub fn question_text(&self, bank: &str, question: &str) -> Option<&str> {
        self.bank(bank)?
            .questions
            .iter()
            .find(|q| q.id == question)
            .map(|q| q.text.as_str())
    }

    pub fn stage(&self, id: &str) -> Option<&Concept> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .find_map(|item| match item {
                Item::Choose(c) if c.id == id => Some(c),
                _ => None,
            })
    }

    /// Every answer the worksheet asks for, across all sections.
    pub fn total_slots(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.items)
            .map(Item::answer_slots)
            .sum()
    }

    /// Checks what serde cannot: ids that must be unique or must refer to
    /// something, and counts that must make sense. Returns every problem
    /// found, each naming where it is.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.format != CONTENT_FORMAT {
            problems.push(format!(
                "\"format\" is {:?}; expected {CONTENT_FORMAT:?}",
                self.format
            ));
        }
        if self.version != CONTENT_VERSION {
            problems.push(format!(
                "\"version\" is {}; this build of spiral reads version {CONTENT_VERSION}",
                self.version
            ));
        }
        if !is_slug(&self.id) {
            problems.push(format!(
                "\"id\" {:?} should use only lowercase letters, digits and hyphens",
                self.id
            ));
        }
        if self.sections.is_empty() {
            problems.push("\"sections\" is empty; a worksheet needs at least one".into());
        }
        let mut seen = HashSet::new();
        let mut check_unique = |id: &str, place: String, problems: &mut Vec<String>| {
            if id.is_empty() {
                problems.push(format!("{place}: \"id\" is empty"));
            } else if !seen.insert(id.to_string()) {
                problems.push(format!("{place}: id {id:?} is used more than once"));
            }
        };
        for (b, bank) in self.question_banks.iter().enumerate() {
            check_unique(&bank.id, format!("question_banks[{b}]"), &mut problems);
            if bank.questions.is_empty() {
                problems.push(format!(
                    "question_banks[{b}] ({}) has no questions",
                    bank.id
                ));
            }
            for (q, question) in bank.questions.iter().enumerate() {
                check_unique(
                    &question.id,
                    format!("question_banks[{b}].questions[{q}]"),
                    &mut problems,
                );
            }
        }
        for (s, stage) in self.stages.iter().enumerate() {
            check_unique(&stage.id, format!("stages[{s}]"), &mut problems);
        }
        for (s, section) in self.sections.iter().enumerate() {
            check_unique(&section.id, format!("sections[{s}]"), &mut problems);
            if section.items.is_empty() {
                problems.push(format!("sections[{s}] ({}) has no items", section.id));
            }
            for (i, item) in section.items.iter().enumerate() {
                let place = format!("sections[{s}].items[{i}]");
                check_unique(item.id(), place.clone(), &mut problems);
                match item {
                    Item::Map(_) if self.stages.is_empty() => problems.push(format!(
                        "{place}: a map places issues in stages, and \"stages\" is empty"
                    )),
                    Item::Map(_) => {}
                    Item::Prompt(p) => {
                        if let Some(stage) = &p.stage
                            && self.stage(stage).is_none()
                        {
                            problems
                                .push(format!("{place}: \"stage\" {stage:?} is not a stage id"));
                        }
                    }
                    Item::Choose(c) => match self.bank(&c.bank) {
                        None => problems.push(format!(
                            "{place}: \"bank\" {:?} is not a question bank id",
                            c.bank
                        )),
                        Some(bank) => {
                            if c.count == 0 || c.count > bank.questions.len() {
                                problems.push(format!(
                                    "{place}: \"count\" is {}; it must be from 1 to {} (the questions in {:?})",
                                    c.count,
                                    bank.questions.len(),
                                    bank.id
                                ));
                            }
                            if c.prompts.is_empty() {
                                problems.push(format!("{place}: \"prompts\" is empty"));
                            }
                            let mut sub = HashSet::new();
                            for (p, prompt) in c.prompts.iter().enumerate() {
                                if !sub.insert(prompt.id.as_str()) || prompt.id.contains('/') {
                                    problems.push(format!(
                                        "{place}.prompts[{p}]: id {:?} must be unique here and contain no '/'",
                                        prompt.id
                                    ));
                                }
                            }
                        }
                    },
                }
            }
        }
        problems
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
