//! A small but rich export for the HTML tests: two entries on built-in
//! worksheets (text, chosen questions, the map with a return, a table, a
//! date, a checklist, a scale, a yes/no with its follow-up), supervisor's
//! comments, the identifiers check and a supervision prep note. Every date
//! is fixed, so what is written from it never changes by itself.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use spiral::content;
use spiral::export::prep::Prep;
use spiral::export::{CheckSummary, DateRange, Export, LeftIn};
use spiral::model::entry::{Comment, Entry};
use spiral::model::map::MapIssue;
use spiral::model::worksheet::Worksheet;

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn worksheet(all: &[Worksheet], id: &str) -> Worksheet {
    all.iter()
        .find(|w| w.id == id)
        .unwrap_or_else(|| panic!("built-in worksheet {id}"))
        .clone()
}

pub fn comment(id: &str, key: Option<&str>, text: &str, reviewer: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        key: key.map(str::to_string),
        text: text.into(),
        reviewer: reviewer.map(str::to_string),
        written: at("2026-11-27T16:00:00+11:00"),
    }
}

fn issue(id: u32, text: &str, stage: &str) -> MapIssue {
    MapIssue {
        id,
        text: text.into(),
        stage: stage.into(),
        ..MapIssue::default()
    }
}

/// The partnerships worksheet: prompts, the map, chosen questions.
pub fn partnerships_entry(all: &[Worksheet]) -> Entry {
    let ws = worksheet(all, "building-impactful-partnerships");
    let mut e = Entry::new(
        "20261103-091500-ab12".into(),
        &ws,
        "Family K".into(),
        at("2026-11-03T09:15:00+11:00"),
    );
    e.updated = at("2026-11-20T17:40:00+11:00");
    e.set_answer(
        "kc-earning-acceptance",
        "Acceptance came slowly: three visits before mum sat down with me.\n\
         She said later it was because I came back when I said I would.\n\n\
         Being reliable mattered more than anything I said."
            .into(),
    );
    e.set_answer(
        "lp-repair-after-rupture",
        "After the missed appointment I rang the same day and owned my part.".into(),
    );
    let mut first = issue(1, "Getting through the door", "earning-acceptance");
    first.when = "visit 1".into();
    first.feeds = vec!["help".into()];
    let mut second = issue(2, "Dad's worry about the nursery", "subtle-intervention");
    second.when = "visit 3".into();
    second.shifted = "He asked what I thought, for the first time".into();
    second.feeds = vec!["challenge".into(), "possibility".into()];
    let third = issue(3, "The missed appointment", "repair-after-rupture");
    let mut fourth = issue(4, "The nursery again, now together", "obvious-intervention");
    fourth.return_of = Some(2);
    fourth.when = "2026-11-18".into();
    fourth.feeds = vec!["possibility".into()];
    e.maps
        .insert("wd-map".into(), vec![first, second, third, fourth]);
    e.chosen
        .insert("reflective-choice".into(), vec!["reflective-2".into()]);
    e.set_answer(
        "reflective-choice/reflective-2/answer",
        "I lean on humour when a visit gets tense.".into(),
    );
    e.tags = vec!["nursery".into(), "repair".into()];
    e.completed = Some(at("2026-11-20T17:40:00+11:00"));
    e.discussed = Some(day("2026-11-21"));
    e.feedback = vec![
        comment(
            "c1",
            Some("kc-earning-acceptance"),
            "Good to see reliability named. What did it cost you to keep those times?",
            Some("Alex"),
        ),
        comment(
            "c2",
            Some("wd-map"),
            "The return to the nursery is worth bringing to the group.",
            None,
        ),
        comment(
            "c3",
            None,
            "A thoughtful entry; let us pick up the repair next time.",
            Some("Alex"),
        ),
    ];
    e
}

/// The co-produced contracts worksheet: a table, a date, a checklist,
/// scales and a yes/no with its follow-up.
pub fn contracts_entry(all: &[Worksheet]) -> Entry {
    let ws = worksheet(all, "co-produced-contracts");
    let mut e = Entry::new(
        "20261110-140000-ab12".into(),
        &ws,
        "The M household".into(),
        at("2026-11-10T14:00:00+11:00"),
    );
    e.updated = at("2026-11-24T10:05:00+11:00");
    e.set_answer(
        "contract",
        "The family support contract for the M household.".into(),
    );
    e.set_answer(
        "who/commissioners",
        "The local authority's early help team.".into(),
    );
    e.set_answer("who/providers", "Our service, two workers.".into());
    e.set_answer("review-date", "2027-02-01".into());
    e.set_answer("rules/resources/state", "done".into());
    e.set_answer(
        "rules/resources/note",
        "Budget agreed at the first meeting.".into(),
    );
    e.set_answer("rules/project-management/state", "not-yet".into());
    e.set_answer("rules/representation/state", "not-relevant".into());
    e.set_answer("equal-status", "6".into());
    e.set_answer(
        "equal-status/note",
        "Both teams sign off changes, but the commissioners set the dates.".into(),
    );
    e.set_answer("leaders", "no".into());
    e.set_answer(
        "leaders/follow-up",
        "Time set aside for it, and someone to ask.".into(),
    );
    e.feedback = vec![comment(
        "c4",
        Some("who/providers"),
        "Name who holds the budget, too.",
        Some("Alex"),
    )];
    e
}

/// The export of both entries, with a check summary and a prep note.
pub fn rich_export() -> Export {
    let all = content::builtin().unwrap();
    let entries = vec![partnerships_entry(&all), contracts_entry(&all)];
    let range = DateRange {
        from: Some(day("2026-11-01")),
        to: Some(day("2026-11-28")),
    };
    let mut export = Export::new(entries, &all, at("2026-11-28T09:00:00+11:00"), range);
    export.practitioner = Some("Sam Rivera".into());
    export.check = CheckSummary {
        replaced: 2,
        accepted: 1,
        left_in: Some(LeftIn {
            count: 1,
            reason: "the nursery's name is needed to follow the story".into(),
        }),
    };
    export.prep = Some(Prep {
        answers: [
            "Time to think about the M household's contract.".into(),
            String::new(),
            "Rang the nursery, as agreed.".into(),
        ],
        since: Some(day("2026-11-01")),
    });
    export
}
