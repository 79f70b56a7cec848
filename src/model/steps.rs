//! The worksheet as a sequence of steps the practitioner moves through:
//! one per prompt, one for choosing questions, and one per sub-prompt of
//! each chosen question. The sequence depends on what has been chosen.

use super::entry::{Entry, choice_key};
use super::worksheet::{Item, Prompt, Worksheet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Answer a prompt.
    Prompt { section: usize, item: usize },
    /// Choose questions from a bank.
    Choose { section: usize, item: usize },
    /// Map issues along the spiral.
    Map { section: usize, item: usize },
    /// Answer one sub-prompt about one chosen question.
    ChoiceAnswer {
        section: usize,
        item: usize,
        question: String,
        prompt: usize,
    },
}

impl Step {
    pub fn section(&self) -> usize {
        match self {
            Step::Prompt { section, .. }
            | Step::Choose { section, .. }
            | Step::Map { section, .. }
            | Step::ChoiceAnswer { section, .. } => *section,
        }
    }

    pub fn item<'w>(&self, ws: &'w Worksheet) -> &'w Item {
        let (section, item) = match self {
            Step::Prompt { section, item }
            | Step::Choose { section, item }
            | Step::Map { section, item }
            | Step::ChoiceAnswer { section, item, .. } => (*section, *item),
        };
        &ws.sections[section].items[item]
    }

    /// The key of the answer this step edits, if it edits one.
    pub fn answer_key(&self, ws: &Worksheet) -> Option<String> {
        match (self, self.item(ws)) {
            (Step::Prompt { .. }, Item::Prompt(p)) => Some(p.id.clone()),
            (
                Step::ChoiceAnswer {
                    question, prompt, ..
                },
                Item::Choose(c),
            ) => Some(choice_key(&c.id, question, &c.prompts[*prompt].id)),
            _ => None,
        }
    }

    /// A stable name for the step, saved as the entry's position.
    pub fn key(&self, ws: &Worksheet) -> String {
        self.answer_key(ws)
            .unwrap_or_else(|| self.item(ws).id().to_string())
    }

    /// The prompt being answered at this step, if any.
    pub fn prompt<'w>(&self, ws: &'w Worksheet) -> Option<&'w Prompt> {
        match (self, self.item(ws)) {
            (Step::Prompt { .. }, Item::Prompt(p)) => Some(p),
            (Step::ChoiceAnswer { prompt, .. }, Item::Choose(c)) => c.prompts.get(*prompt),
            _ => None,
        }
    }
}

/// Every step of the worksheet for this entry, in order.
pub fn steps(ws: &Worksheet, entry: &Entry) -> Vec<Step> {
    let mut out = Vec::new();
    for (s, section) in ws.sections.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            match item {
                Item::Prompt(_) => out.push(Step::Prompt {
                    section: s,
                    item: i,
                }),
                Item::Map(_) => out.push(Step::Map {
                    section: s,
                    item: i,
                }),
                Item::Choose(c) => {
                    out.push(Step::Choose {
                        section: s,
                        item: i,
                    });
                    for q in entry.chosen(&c.id).iter().take(c.count) {
                        for p in 0..c.prompts.len() {
                            out.push(Step::ChoiceAnswer {
                                section: s,
                                item: i,
                                question: q.clone(),
                                prompt: p,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// The index of the first step of a section.
pub fn first_of_section(steps: &[Step], section: usize) -> Option<usize> {
    steps.iter().position(|s| s.section() == section)
}
