//! Realistic made-up entries, for benchmarks and measurements: a decade of
//! weekly reflections about a few dozen families. Deterministic for a seed.
//! No real person is in here.

use chrono::{DateTime, Duration, FixedOffset};

use crate::model::entry::{Entry, choice_key};
use crate::model::map::MapIssue;
use crate::model::worksheet::{Item, Worksheet};

const WORDS: &[&str] = &[
    "visit",
    "trust",
    "mum",
    "dad",
    "baby",
    "sleep",
    "feeding",
    "routine",
    "worried",
    "calm",
    "listened",
    "talked",
    "together",
    "plan",
    "week",
    "tired",
    "proud",
    "noticed",
    "asked",
    "played",
    "floor",
    "cues",
    "cried",
    "settled",
    "support",
    "family",
    "helped",
    "challenge",
    "possibility",
    "again",
    "slowly",
    "small",
    "steps",
    "changed",
    "felt",
    "safe",
    "home",
    "nursery",
    "appointment",
    "missed",
    "repair",
    "apologised",
    "laughed",
    "tea",
    "garden",
    "grandmother",
    "partner",
    "work",
    "money",
    "housing",
    "school",
    "health",
    "doctor",
    "the",
    "and",
    "she",
    "he",
    "they",
    "we",
    "it",
    "was",
    "with",
    "about",
    "after",
    "before",
    "when",
];

const LABELS: &[&str] = &[
    "Family A",
    "Family B",
    "Family C",
    "Family D",
    "Family E",
    "Family F",
    "Family G",
    "Family H",
    "Family J",
    "Family K",
    "Family L",
    "Family M",
    "Family N",
    "Family P",
    "Family R",
    "Family S",
    "Family T",
    "Family W",
    "The Y household",
    "Little Z",
];

/// A small, seeded generator (xorshift64*): no dependency, same output everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| WORDS[self.below(WORDS.len())]).collect();
        let first = s[0].to_string();
        let mut out = first[..1].to_uppercase() + &first[1..];
        s.remove(0);
        for w in s {
            out.push(' ');
            out.push_str(w);
        }
        out.push('.');
        out
    }
}

/// Entry `i` of a corpus: about 275 words over a dozen answers, two chosen
/// questions in each bank, (for most entries) a map of a few issues, a tag
/// or two, and a status.
pub fn entry(ws: &Worksheet, i: usize, seed: u64) -> Entry {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2016-01-04T09:00:00+11:00").unwrap();
    let created =
        start + Duration::days(7 * i as i64 / 2) + Duration::minutes(rng.below(600) as i64);
    let label = LABELS[rng.below(LABELS.len())].to_string();
    let mut e = Entry::new(
        format!("{}-{i:05}", created.format("%Y%m%d-%H%M%S")),
        ws,
        label,
        created,
    );
    e.updated = created + Duration::minutes(30 + rng.below(600) as i64);
    let mut words = 0;
    for item in ws.sections.iter().flat_map(|s| &s.items) {
        match item {
            Item::Prompt(p) if words < 275 && rng.below(4) > 0 => {
                let n = 10 + rng.below(30);
                e.answers.insert(p.id.clone(), rng.sentence(n));
                words += n;
            }
            Item::Choose(c) => {
                if let Some(bank) = ws.bank(&c.bank) {
                    let first = rng.below(bank.questions.len());
                    let second =
                        (first + 1 + rng.below(bank.questions.len() - 1)) % bank.questions.len();
                    let chosen: Vec<String> = [first, second]
                        .iter()
                        .take(c.count)
                        .map(|&q| bank.questions[q].id.clone())
                        .collect();
                    for q in &chosen {
                        for p in &c.prompts {
                            let n = 8 + rng.below(15);
                            e.answers
                                .insert(choice_key(&c.id, q, &p.id), rng.sentence(n));
                        }
                    }
                    e.chosen.insert(c.id.clone(), chosen);
                }
            }
            Item::Map(m) if rng.below(4) > 0 && !ws.stages.is_empty() => {
                let count = 2 + rng.below(5);
                let mut issues: Vec<MapIssue> = Vec::new();
                for id in 1..=count as u32 {
                    let return_of = (id > 2 && rng.below(3) == 0)
                        .then(|| 1 + rng.below(id as usize - 1) as u32);
                    issues.push(MapIssue {
                        id,
                        text: {
                            let n = 3 + rng.below(4);
                            rng.sentence(n)
                        },
                        stage: ws.stages[rng.below(ws.stages.len())].id.clone(),
                        when: format!("visit {id}"),
                        shifted: String::new(),
                        return_of,
                        feeds: ws
                            .core
                            .parts
                            .iter()
                            .filter(|_| rng.below(2) == 0)
                            .map(|p| p.id.clone())
                            .collect(),
                    });
                }
                e.maps.insert(m.id.clone(), issues);
            }
            _ => {}
        }
    }
    // A tag or two on most entries; older ones mostly complete, some discussed.
    for _ in 0..rng.below(3) {
        let tag = TAGS[rng.below(TAGS.len())].to_string();
        if !e.tags.contains(&tag) {
            e.tags.push(tag);
        }
    }
    if rng.below(3) > 0 {
        e.completed = Some(e.updated);
        if rng.below(2) == 0 {
            e.discussed = Some((e.updated + Duration::days(3)).date_naive());
        }
    }
    e
}

const TAGS: &[&str] = &[
    "sleep",
    "first visits",
    "housing",
    "feeding",
    "school",
    "repair",
    "supervision",
    "student placement",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_entry_is_realistic_and_the_same_for_the_same_seed() {
        let ws = &crate::content::builtin().unwrap()[0];
        let a = entry(ws, 7, 42);
        assert_eq!(a, entry(ws, 7, 42));
        assert_ne!(a, entry(ws, 8, 42));
        let words: usize = a
            .answers
            .values()
            .map(|v| v.split_whitespace().count())
            .sum();
        assert!((150..=450).contains(&words), "{words} words");
        assert_eq!(a.chosen.len(), 2);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(crate::store::parse_entry(&json).unwrap(), a);
    }
}
