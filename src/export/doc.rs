//! An entry laid out for reading, independent of the output format.
//!
//! Markdown, HTML and the supervisor's review screen all show the same
//! things in the same order; they differ only in how. This module decides
//! the *what* once: each section, each item with its question and answer,
//! the chosen questions, the map's issues with their stages, and the
//! supervisor's comments placed beside the answers they are about.

use chrono::NaiveDate;

use crate::model::entry::{Comment, Entry, choice_key, is_about};
use crate::model::map::{self, MapIssue};
use crate::model::worksheet::{
    CheckState, Item, SCALE_MAX, Worksheet, check_note_key, follow_up_key, note_key, parse_date,
    parse_scale, parse_yes_no, row_key, state_key,
};

/// One entry, ready to be written out.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDoc {
    pub id: String,
    /// The worksheet's title.
    pub title: String,
    pub family_label: String,
    pub sections: Vec<SectionDoc>,
    /// Comments on the entry as a whole, and any whose answer is no longer
    /// in the worksheet (so none is lost).
    pub overall: Vec<Comment>,
    /// "Adapted from …": the worksheet's citation.
    pub credit: String,
    pub credit_url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionDoc {
    /// From 1.
    pub number: usize,
    pub title: String,
    /// False when the section does not apply to this entry (its `only_if`
    /// does not hold); its items are still listed.
    pub needed: bool,
    pub items: Vec<ItemDoc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemDoc {
    /// The item's id, which is also the key a comment on it is filed under.
    pub id: String,
    pub title: String,
    /// The question the item asks.
    pub question: String,
    pub body: Body,
    /// Comments on the item as a whole.
    pub comments: Vec<Comment>,
}

/// An item's answer, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Free text; `None` when not answered yet.
    Text(Option<String>),
    Choice {
        /// How many questions were to be chosen.
        count: usize,
        chosen: Vec<Chosen>,
    },
    Map(MapDoc),
    /// A table: one answer per row.
    Rows(Vec<Row>),
    Checklist {
        /// What the note beside each check asks for.
        note_label: Option<String>,
        checks: Vec<Check>,
    },
    Scale {
        value: Option<u8>,
        max: u8,
        /// What the nearest anchor says the number means.
        meaning: Option<(u8, String)>,
        note_label: Option<String>,
        note: Option<String>,
    },
    Date {
        /// As written, when it is not a date spiral can read.
        written: Option<String>,
        date: Option<NaiveDate>,
    },
    YesNo {
        answer: Option<bool>,
        /// The follow-up question and its answer, when it is asked or was
        /// answered.
        follow_up: Option<(String, Option<String>)>,
    },
}

/// One chosen question and the answers about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub question: String,
    pub answers: Vec<Row>,
}

/// A titled answer inside an item: a table row, or a prompt about a chosen
/// question.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The answer key, under which comments on it are filed.
    pub key: String,
    pub title: String,
    pub answer: Option<String>,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub key: String,
    pub title: String,
    pub state: Option<CheckState>,
    pub note: Option<String>,
    pub comments: Vec<Comment>,
}

/// The spiral map: the issues in order, the stages in order, and where each
/// issue sits along the spiral.
#[derive(Debug, Clone, PartialEq)]
pub struct MapDoc {
    /// The worksheet's stages (id, name), inner first, then any stage an
    /// issue names that the worksheet no longer has.
    pub stages: Vec<(String, String)>,
    pub issues: Vec<MapRow>,
    /// The core's parts and how many issues fed each.
    pub core: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    /// From 1, in the order mapped.
    pub number: usize,
    pub text: String,
    pub stage: String,
    pub stage_name: String,
    pub when: String,
    pub shifted: String,
    /// The number of the issue this one returns to.
    pub returns_to: Option<usize>,
    /// The names of the core's parts it fed.
    pub feeds: Vec<String>,
    /// How many turns round the spiral (see [`map::positions`]).
    pub position: f64,
}

impl MapDoc {
    pub fn of(issues: &[MapIssue], ws: &Worksheet) -> MapDoc {
        let mut stages: Vec<(String, String)> = ws
            .stages
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        for i in issues {
            if !stages.iter().any(|(id, _)| *id == i.stage) {
                stages.push((i.stage.clone(), i.stage.clone()));
            }
        }
        let at = map::positions(issues);
        let rows = issues
            .iter()
            .enumerate()
            .map(|(n, i)| MapRow {
                number: n + 1,
                text: i.text.clone(),
                stage: i.stage.clone(),
                stage_name: stages
                    .iter()
                    .find(|(id, _)| *id == i.stage)
                    .map_or(i.stage.clone(), |(_, name)| name.clone()),
                when: i.when.clone(),
                shifted: i.shifted.clone(),
                returns_to: i.return_of.and_then(|o| map::number_of(issues, o)),
                feeds: i
                    .feeds
                    .iter()
                    .map(|f| {
                        ws.core
                            .parts
                            .iter()
                            .find(|p| &p.id == f)
                            .map_or(f.clone(), |p| p.name.clone())
                    })
                    .collect(),
                position: at[n],
            })
            .collect();
        let counts = map::core_counts(issues, ws.core.parts.iter().map(|p| p.id.as_str()));
        MapDoc {
            stages,
            issues: rows,
            core: ws
                .core
                .parts
                .iter()
                .zip(counts)
                .map(|(p, c)| (p.name.clone(), c))
                .collect(),
        }
    }
}

/// Lays `entry` out along `ws`.
pub fn entry_doc(entry: &Entry, ws: &Worksheet) -> EntryDoc {
    let mut placed: Vec<bool> = vec![false; entry.feedback.len()];
    let mut take = |key: &str| -> Vec<Comment> {
        entry
            .feedback
            .iter()
            .enumerate()
            .filter(|(_, c)| c.key.as_deref() == Some(key))
            .map(|(n, c)| {
                placed[n] = true;
                c.clone()
            })
            .collect()
    };
    let text = |key: &str| -> Option<String> {
        let answer = entry.answer(key);
        (!answer.trim().is_empty()).then(|| answer.to_string())
    };
    let mut sections = Vec::new();
    for (s, section) in ws.sections.iter().enumerate() {
        let mut items = Vec::new();
        for item in &section.items {
            let body = match item {
                Item::Prompt(p) => Body::Text(text(&p.id)),
                Item::Map(p) => Body::Map(MapDoc::of(entry.map(&p.id), ws)),
                Item::Choose(c) => Body::Choice {
                    count: c.count,
                    chosen: entry
                        .chosen(&c.id)
                        .iter()
                        .map(|q| Chosen {
                            question: ws.question_text(&c.bank, q).unwrap_or(q).to_string(),
                            answers: c
                                .prompts
                                .iter()
                                .map(|p| {
                                    let key = choice_key(&c.id, q, &p.id);
                                    Row {
                                        title: p.title.clone(),
                                        answer: text(&key),
                                        comments: take(&key),
                                        key,
                                    }
                                })
                                .collect(),
                        })
                        .collect(),
                },
                Item::Table(t) => Body::Rows(
                    t.rows
                        .iter()
                        .map(|r| {
                            let key = row_key(&t.id, &r.id);
                            Row {
                                title: r.title.clone(),
                                answer: text(&key),
                                comments: take(&key),
                                key,
                            }
                        })
                        .collect(),
                ),
                Item::Checklist(c) => Body::Checklist {
                    note_label: c.note.clone(),
                    checks: c
                        .checks
                        .iter()
                        .map(|k| {
                            let key = row_key(&c.id, &k.id);
                            let mut comments = take(&key);
                            comments.extend(take(&state_key(&c.id, &k.id)));
                            comments.extend(take(&check_note_key(&c.id, &k.id)));
                            Check {
                                title: k.title.clone(),
                                state: CheckState::parse(entry.answer(&state_key(&c.id, &k.id))),
                                note: text(&check_note_key(&c.id, &k.id)),
                                comments,
                                key,
                            }
                        })
                        .collect(),
                },
                Item::Scale(scale) => {
                    let value = parse_scale(entry.answer(&scale.id));
                    let note = text(&note_key(&scale.id));
                    Body::Scale {
                        value,
                        max: SCALE_MAX,
                        meaning: value.and_then(|n| {
                            crate::report::nearest_anchor(scale, n)
                                .map(|a| (a.value, a.text.clone()))
                        }),
                        note_label: scale.note.clone(),
                        note,
                    }
                }
                Item::Date(d) => {
                    let raw = entry.answer(&d.id);
                    let date = parse_date(raw);
                    Body::Date {
                        written: (date.is_none() && !raw.trim().is_empty())
                            .then(|| raw.to_string()),
                        date,
                    }
                }
                Item::YesNo(y) => {
                    let answer = parse_yes_no(entry.answer(&y.id));
                    let follow = text(&follow_up_key(&y.id));
                    Body::YesNo {
                        answer,
                        follow_up: y
                            .follow_up
                            .as_ref()
                            .filter(|f| f.applies(answer) || follow.is_some())
                            .map(|f| (f.text.clone(), follow)),
                    }
                }
            };
            let mut comments = take(item.id());
            // Comments filed under an item's sub-keys not shown on their own
            // (a scale's note, a yes/no's follow-up) belong with the item.
            match item {
                Item::Scale(s) => comments.extend(take(&note_key(&s.id))),
                Item::YesNo(y) => comments.extend(take(&follow_up_key(&y.id))),
                _ => {}
            }
            items.push(ItemDoc {
                id: item.id().to_string(),
                title: item.title().to_string(),
                question: item.text().to_string(),
                body,
                comments,
            });
        }
        sections.push(SectionDoc {
            number: s + 1,
            title: section.title.clone(),
            needed: section.needed(ws, entry),
            items,
        });
    }
    // A comment on a part of an item not shown on its own (a question no
    // longer chosen, a row since removed) sits with the item, as on the
    // worksheet screen and in `spiral show`; the rest with the whole entry.
    let mut overall = Vec::new();
    for (c, _) in entry.feedback.iter().zip(&placed).filter(|(_, p)| !**p) {
        let item = c.key.as_deref().and_then(|key| {
            sections
                .iter_mut()
                .flat_map(|s: &mut SectionDoc| s.items.iter_mut())
                .find(|i| is_about(key, &i.id))
        });
        match item {
            Some(item) => item.comments.push(c.clone()),
            None => overall.push(c.clone()),
        }
    }
    EntryDoc {
        id: entry.id.clone(),
        title: ws.title.clone(),
        family_label: entry.family_label.clone(),
        sections,
        overall,
        credit: ws.credit.citation.clone(),
        credit_url: ws.credit.url.clone(),
    }
}

impl Body {
    /// Whether anything at all was written or chosen.
    pub fn is_answered(&self) -> bool {
        match self {
            Body::Text(t) => t.is_some(),
            Body::Choice { chosen, .. } => !chosen.is_empty(),
            Body::Map(m) => !m.issues.is_empty(),
            Body::Rows(rows) => rows.iter().any(|r| r.answer.is_some()),
            Body::Checklist { checks, .. } => {
                checks.iter().any(|c| c.state.is_some() || c.note.is_some())
            }
            Body::Scale { value, note, .. } => value.is_some() || note.is_some(),
            Body::Date { written, date } => written.is_some() || date.is_some(),
            Body::YesNo { answer, follow_up } => {
                answer.is_some() || follow_up.as_ref().is_some_and(|(_, a)| a.is_some())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use chrono::DateTime;

    fn comment(id: &str, key: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            key: key.map(str::to_string),
            text: format!("comment {id}"),
            reviewer: None,
            written: DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap(),
        }
    }

    #[test]
    fn comments_sit_beside_their_answers_and_none_is_lost() {
        let ws = content::builtin().unwrap().remove(0);
        let first = ws.sections[0].items[0].id().to_string();
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let mut entry = Entry::new("e1".into(), &ws, "Family T".into(), now);
        entry.set_answer(&first, "What I did".into());
        entry.feedback = vec![
            comment("a", Some(&first)),
            comment("b", None),
            comment("c", Some("an-answer-no-longer-there")),
        ];
        let doc = entry_doc(&entry, &ws);
        let item = &doc.sections[0].items[0];
        assert_eq!(item.body, Body::Text(Some("What I did".into())));
        assert_eq!(
            item.comments.iter().map(|c| &c.id).collect::<Vec<_>>(),
            ["a"]
        );
        let overall: Vec<&str> = doc.overall.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(overall, ["b", "c"]);
        // A comment on a question no longer chosen stays with its item.
        entry.feedback = vec![comment("d", Some("reflective-choice/reflective-9/answer"))];
        let doc = entry_doc(&entry, &ws);
        assert!(doc.overall.is_empty());
        let choice = doc
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.id == "reflective-choice")
            .unwrap();
        assert_eq!(choice.comments.len(), 1);
        assert_eq!(doc.sections.len(), ws.sections.len());
    }
}
