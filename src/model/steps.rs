//! The worksheet as a sequence of steps the practitioner moves through:
//! one per prompt, table row, check, scale, date and yes/no question, one for
//! choosing questions, and one per sub-prompt of each chosen question. The
//! sequence depends on what has been chosen.

use super::entry::{Entry, choice_key};
use super::worksheet::{
    Item, Prompt, Worksheet, check_note_key, follow_up_key, note_key, parse_yes_no, row_key,
    state_key,
};

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
    /// Answer one row of a table.
    Row {
        section: usize,
        item: usize,
        row: usize,
    },
    /// Give one check of a checklist a state and a note.
    Check {
        section: usize,
        item: usize,
        check: usize,
    },
    /// Pick a number on a scale, with a note.
    Scale { section: usize, item: usize },
    /// Write a date.
    Date { section: usize, item: usize },
    /// Answer yes or no, then the follow-up.
    YesNo { section: usize, item: usize },
}

/// The kinds of step whose answer is picked, not typed: each has its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Check,
    Scale,
    YesNo,
}

impl Step {
    fn at(&self) -> (usize, usize) {
        match self {
            Step::Prompt { section, item }
            | Step::Choose { section, item }
            | Step::Map { section, item }
            | Step::ChoiceAnswer { section, item, .. }
            | Step::Row { section, item, .. }
            | Step::Check { section, item, .. }
            | Step::Scale { section, item }
            | Step::Date { section, item }
            | Step::YesNo { section, item } => (*section, *item),
        }
    }

    pub fn section(&self) -> usize {
        self.at().0
    }

    pub fn item<'w>(&self, ws: &'w Worksheet) -> &'w Item {
        let (section, item) = self.at();
        &ws.sections[section].items[item]
    }

    /// Whether this step's answer is picked with keys, and which kind.
    pub fn pick(&self) -> Option<Pick> {
        match self {
            Step::Check { .. } => Some(Pick::Check),
            Step::Scale { .. } => Some(Pick::Scale),
            Step::YesNo { .. } => Some(Pick::YesNo),
            _ => None,
        }
    }

    /// The key of the text this step's editor edits, if it has one: the
    /// answer to a prompt or row, a check's or scale's note, a follow-up, or
    /// the date as typed.
    pub fn answer_key(&self, ws: &Worksheet) -> Option<String> {
        match (self, self.item(ws)) {
            (Step::Prompt { .. }, Item::Prompt(p)) | (Step::Date { .. }, Item::Date(p)) => {
                Some(p.id.clone())
            }
            (
                Step::ChoiceAnswer {
                    question, prompt, ..
                },
                Item::Choose(c),
            ) => Some(choice_key(&c.id, question, &c.prompts[*prompt].id)),
            (Step::Row { row, .. }, Item::Table(t)) => Some(row_key(&t.id, &t.rows[*row].id)),
            (Step::Check { check, .. }, Item::Checklist(c)) => {
                Some(check_note_key(&c.id, &c.checks[*check].id))
            }
            (Step::Scale { .. }, Item::Scale(s)) => Some(note_key(&s.id)),
            (Step::YesNo { .. }, Item::YesNo(y)) if y.follow_up.is_some() => {
                Some(follow_up_key(&y.id))
            }
            _ => None,
        }
    }

    /// The key of the answer picked at this step (a check's state, the
    /// number on a scale, yes or no), if it is that kind of step.
    pub fn pick_key(&self, ws: &Worksheet) -> Option<String> {
        match (self, self.item(ws)) {
            (Step::Check { check, .. }, Item::Checklist(c)) => {
                Some(state_key(&c.id, &c.checks[*check].id))
            }
            (Step::Scale { .. }, Item::Scale(s)) => Some(s.id.clone()),
            (Step::YesNo { .. }, Item::YesNo(y)) => Some(y.id.clone()),
            _ => None,
        }
    }

    /// Whether the step has a note (or follow-up) to write after the pick,
    /// given the entry's answers so far.
    pub fn has_note(&self, ws: &Worksheet, entry: &Entry) -> bool {
        match (self, self.item(ws)) {
            (Step::Check { .. } | Step::Scale { .. }, _) => true,
            (Step::YesNo { .. }, Item::YesNo(y)) => y
                .follow_up
                .as_ref()
                .is_some_and(|f| f.applies(parse_yes_no(entry.answer(&y.id)))),
            _ => false,
        }
    }

    /// A stable name for the step, saved as the entry's position: the
    /// prompt's answer key, `item/row` or `item/check`, or the item id.
    pub fn key(&self, ws: &Worksheet) -> String {
        match (self, self.item(ws)) {
            (Step::Check { check, .. }, Item::Checklist(c)) => row_key(&c.id, &c.checks[*check].id),
            (Step::Prompt { .. } | Step::ChoiceAnswer { .. } | Step::Row { .. }, _) => self
                .answer_key(ws)
                .unwrap_or_else(|| self.item(ws).id().to_string()),
            (_, item) => item.id().to_string(),
        }
    }

    /// The prompt being answered at this step, if any: a prompt, a
    /// sub-prompt, a table row, a check or a date.
    pub fn prompt<'w>(&self, ws: &'w Worksheet) -> Option<&'w Prompt> {
        match (self, self.item(ws)) {
            (Step::Prompt { .. }, Item::Prompt(p)) | (Step::Date { .. }, Item::Date(p)) => Some(p),
            (Step::ChoiceAnswer { prompt, .. }, Item::Choose(c)) => c.prompts.get(*prompt),
            (Step::Row { row, .. }, Item::Table(t)) => t.rows.get(*row),
            (Step::Check { check, .. }, Item::Checklist(c)) => c.checks.get(*check),
            _ => None,
        }
    }
}

/// Every step of the worksheet for this entry, in order.
pub fn steps(ws: &Worksheet, entry: &Entry) -> Vec<Step> {
    let mut out = Vec::new();
    for (s, section) in ws.sections.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            let (section, item_index) = (s, i);
            match item {
                Item::Prompt(_) => out.push(Step::Prompt {
                    section,
                    item: item_index,
                }),
                Item::Map(_) => out.push(Step::Map {
                    section,
                    item: item_index,
                }),
                Item::Scale(_) => out.push(Step::Scale {
                    section,
                    item: item_index,
                }),
                Item::Date(_) => out.push(Step::Date {
                    section,
                    item: item_index,
                }),
                Item::YesNo(_) => out.push(Step::YesNo {
                    section,
                    item: item_index,
                }),
                Item::Table(t) => out.extend((0..t.rows.len()).map(|row| Step::Row {
                    section,
                    item: item_index,
                    row,
                })),
                Item::Checklist(c) => out.extend((0..c.checks.len()).map(|check| Step::Check {
                    section,
                    item: item_index,
                    check,
                })),
                Item::Choose(c) => {
                    out.push(Step::Choose {
                        section,
                        item: item_index,
                    });
                    for q in entry.chosen(&c.id).iter().take(c.count) {
                        for p in 0..c.prompts.len() {
                            out.push(Step::ChoiceAnswer {
                                section,
                                item: item_index,
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
