//! Finding details that could identify someone, in free text, before a
//! reflection leaves spiral.
//!
//! Regulators in the UK and Australia expect a recorded reflection to
//! identify nobody. People slip all the same: a child's name typed from habit,
//! a phone number pasted from a case note, a date of birth written to be
//! precise. This module looks for the usual shapes of such details so that an
//! export can stop and ask before anything is written out.
//!
//! It is pure: text in, hits out. Nothing is read, written or sent anywhere.
//!
//! It is a safety net, not a guarantee. Where a choice had to be made it errs
//! towards asking: a harmless hit costs the practitioner a glance, a missed
//! one can identify a family.
//!
//! # Use
//!
//! Build a [`Detector`] from a [`Config`] (the entry's family label, the
//! practitioner's never-export names, their service's reference formats),
//! [`Detector::scan`] the text, show each [`Hit`] with [`Kind::describe`] and
//! [`context`], and take the ones the practitioner agrees to out with
//! [`replace`] or [`redact`].
//!
//! # What is found, and what is known to slip through
//!
//! Names are found from the family label (when it looks like a name, see
//! [`label_name_words`]), the never-export list, and in the text itself by
//! the word lists of `names` (a capitalised word on no list of words, or a
//! listed name where a name goes). Named places, streets without a number
//! and handles are in `places`. Each detector's own notes say more; in
//! short:
//!
//! - Names: whole words, any case. Misses a name spelt differently
//!   ("Jo"/"Joe"), a name in a script written without spaces between words,
//!   and accented names typed in decomposed form (e + combining accent) when
//!   the list has them composed. A label name that is also an everyday word
//!   (Rose, June) is taken as a pseudonym.
//! - E-mail: misses "jo at example dot com" and social-media handles.
//! - Phone: UK, Australian and "+" international numbers, checked for length
//!   and prefix. Misses numbers with dots or in words; may flag a run of
//!   numbers that fits the shape ("13 11 14").
//! - Postcode: misses an Australian postcode without its state, and the
//!   suburb before it; may flag a year after a state ("NSW 2019").
//! - NHS number: needs a valid check digit, so misses typos (unless "NHS
//!   no." comes before); flags about one in eleven other ten-digit numbers.
//! - Full date: day, month and year (or a birthday after "born on", "DOB").
//!   May flag dates that identify no one, such as a meeting's date.
//! - Exact age: "aged 7", "she is 7", "Kayla (7)", "turned 16"; misses an
//!   age with no cue ("Jo, 7 and Sam, 9"); may flag the age of a thing not
//!   listed ("a 30-year-old building") or a rule ("at age 18").
//! - Reference: needs a word such as "case no." or "ref" before the number,
//!   or the practitioner's own pattern; NI numbers are found bare.
//! - Street address: a house number and a capitalised street name, or a
//!   street after "on", "in", "to"… ("lives on Acacia Road"), a PO box, or
//!   a lowercase street with an unambiguous type ("14 acacia ave"); may
//!   flag "in 2019 Jo Street said".

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

/// What kind of identifying detail a hit looks like.
///
/// The order is the order the kinds are listed in when several hits start at
/// the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A word of the entry's family label, when the label looks like a real
    /// name rather than initials or a pseudonym.
    FamilyLabel,
    /// A name from the practitioner's own "never export" list.
    NeverExport,
    Email,
    Phone,
    /// A UK postcode, or an Australian state with its postcode.
    Postcode,
    /// An NHS number (or a Scottish CHI number, which has the same check
    /// digit).
    NhsNumber,
    /// A date with day, month and year, or a day and month given as a
    /// birthday.
    FullDate,
    ExactAge,
    /// A case, file or reference number, or a National Insurance number.
    Reference,
    StreetAddress,
    /// A person's name found in the text itself: a word that is not a
    /// known English word in a name's place, or a listed given name or
    /// surname where a name goes.
    Name,
    /// A named school, nursery, surgery, hospital or ward, family centre,
    /// refuge or named house: a place that narrows a family down.
    Institution,
    /// A social-media handle (`@name`).
    Handle,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 13] = [
        Kind::FamilyLabel,
        Kind::NeverExport,
        Kind::Email,
        Kind::Phone,
        Kind::Postcode,
        Kind::NhsNumber,
        Kind::FullDate,
        Kind::ExactAge,
        Kind::Reference,
        Kind::StreetAddress,
        Kind::Name,
        Kind::Institution,
        Kind::Handle,
    ];

    /// A stable name for the kind, for scripts (`spiral check --json`):
    /// it never changes once given, whatever `describe` says.
    pub fn id(self) -> &'static str {
        match self {
            Kind::FamilyLabel => "family-label",
            Kind::NeverExport => "never-export",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::Postcode => "postcode",
            Kind::NhsNumber => "nhs-number",
            Kind::FullDate => "full-date",
            Kind::ExactAge => "exact-age",
            Kind::Reference => "reference",
            Kind::StreetAddress => "street-address",
            Kind::Name => "name",
            Kind::Institution => "institution",
            Kind::Handle => "handle",
        }
    }

    /// The kind in plain words, to finish a sentence such as "This looks
    /// like …".
    pub fn describe(self) -> &'static str {
        match self {
            Kind::FamilyLabel => "the family's label, which looks like a real name",
            Kind::NeverExport => "a name on your never-export list",
            Kind::Email => "an e-mail address",
            Kind::Phone => "a phone number",
            Kind::Postcode => "a postcode",
            Kind::NhsNumber => "an NHS number",
            Kind::FullDate => "a full date, such as a date of birth",
            Kind::ExactAge => "someone's exact age",
            Kind::Reference => "a case or reference number",
            Kind::StreetAddress => "a street address",
            Kind::Name => "a person's name",
            Kind::Institution => "a named school, service or place",
            Kind::Handle => "a social-media handle",
        }
    }
}

/// The text that stands in for a detail of this kind when it is taken out,
/// so the sentence still reads: "Mum rang from `[phone]` about `[name]`".
pub fn placeholder(kind: Kind) -> &'static str {
    match kind {
        Kind::FamilyLabel | Kind::NeverExport | Kind::Name => "[name]",
        Kind::Email => "[e-mail]",
        Kind::Phone => "[phone]",
        Kind::Postcode => "[postcode]",
        Kind::NhsNumber => "[NHS number]",
        Kind::FullDate => "[date]",
        Kind::ExactAge => "[age]",
        Kind::Reference => "[reference]",
        Kind::StreetAddress => "[address]",
        Kind::Institution => "[place]",
        Kind::Handle => "[handle]",
    }
}

/// One likely identifying detail found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub kind: Kind,
    /// Where it is, in bytes, always on char boundaries, so `&text[range]`
    /// never panics and equals `matched`.
    pub range: Range<usize>,
    /// The text found, kept so a hit can be shown without the text at hand
    /// and so [`replace`] can tell when a hit no longer fits the text.
    pub matched: String,
}

/// The few words around a hit, on one line, for showing the practitioner
/// where it is: "…lives at 12 Acacia Road with her…".
///
/// `words` whole words are kept on each side of the hit; a word the hit
/// starts or ends inside is kept whole. Runs of white space, new lines
/// included, become one space. An ellipsis marks each end where text was
/// cut. A range past the end of the text, or inside a character, is pulled
/// back to the nearest character boundary rather than panicking, because a
/// preview must never bring the app down.
pub fn context(text: &str, range: Range<usize>, words: usize) -> String {
    context_parts(text, range, words).concat()
}

/// [`context`] in three parts: the words before the hit (after any
/// ellipsis), the hit itself, and the words after it, so the hit can be
/// shown highlighted. Joined, they are exactly what `context` gives.
pub fn context_parts(text: &str, range: Range<usize>, words: usize) -> [String; 3] {
    let start = floor_boundary(text, range.start.min(text.len()));
    let end = ceil_boundary(text, range.end.min(text.len())).max(start);

    let mut from = back_over(text, start, |c| !c.is_whitespace());
    for _ in 0..words {
        let gap = back_over(text, from, char::is_whitespace);
        if gap == 0 {
            from = 0;
            break;
        }
        from = back_over(text, gap, |c| !c.is_whitespace());
    }

    let mut to = forward_over(text, end, |c| !c.is_whitespace());
    for _ in 0..words {
        let gap = forward_over(text, to, char::is_whitespace);
        if gap == text.len() {
            to = gap;
            break;
        }
        to = forward_over(text, gap, |c| !c.is_whitespace());
    }

    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let all = squash(&text[from..to]);
    // Where the hit starts in the squashed words: after the words before
    // it, and the one space between them if the text had any there.
    let before = squash(&text[from..start]);
    let gap = !before.is_empty()
        && (text[from..start].ends_with(char::is_whitespace)
            || text[start..end].starts_with(char::is_whitespace));
    let at = (before.len() + usize::from(gap)).min(all.len());
    let hit_end = (at + squash(&text[start..end]).len()).min(all.len());

    let mut head = String::new();
    if !text[..from].trim().is_empty() {
        head.push('…');
    }
    head.push_str(&all[..at]);
    let mut tail = all[hit_end..].to_string();
    if !text[to..].trim().is_empty() {
        tail.push('…');
    }
    [head, all[at..hit_end].to_string(), tail]
}

/// `text` with every hit swapped for `placeholder(hit)`.
///
/// Hits may overlap (a number can look like both a phone number and an NHS
/// number). Overlapping hits are taken out together as one stretch, covering
/// all of them, and replaced once, with the placeholder of the longest hit in
/// the stretch (the first of them, in [`Kind`] order, on a tie), so no
/// fragment of either is left behind and no placeholder is doubled.
///
/// A hit that does not fit `text` (outside it, off a char boundary, or
/// matching other text than it did when found) is left out rather than
/// cutting the wrong words: hits from an older version of the text must not
/// mangle the new one.
pub fn replace(text: &str, hits: &[Hit], placeholder: impl Fn(&Hit) -> String) -> String {
    let mut usable: Vec<&Hit> = hits.iter().filter(|hit| fits(text, hit)).collect();
    usable.sort_by_key(|hit| (hit.range.start, Reverse(hit.range.end), hit.kind));

    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < usable.len() {
        let start = usable[i].range.start;
        let mut end = usable[i].range.end;
        let mut longest = usable[i];
        let mut j = i + 1;
        while j < usable.len() && usable[j].range.start < end {
            end = end.max(usable[j].range.end);
            let this = usable[j];
            if this.range.len() > longest.range.len()
                || (this.range.len() == longest.range.len() && this.kind < longest.kind)
            {
                longest = this;
            }
            j += 1;
        }
        out.push_str(&text[copied..start]);
        out.push_str(&placeholder(longest));
        copied = end;
        i = j;
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with every hit swapped for the usual placeholder of its kind
/// ([`placeholder`]).
pub fn redact(text: &str, hits: &[Hit]) -> String {
    replace(text, hits, |hit| placeholder(hit.kind).to_string())
}

/// What a [`Detector`] looks for beyond its built-in patterns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The entry's family label. Its words are looked for only when they
    /// look like a real name (see [`label_name_words`]): a label of initials
    /// or a pseudonym is safe to repeat.
    pub family_label: Option<String>,
    /// Names the practitioner never wants to leave spiral: the children and
    /// adults they work with, colleagues, places. Matched as whole words,
    /// ignoring case. Blank entries are skipped.
    pub never_export: Vec<String>,
    /// Regular expressions (Rust `regex` syntax) for the case or reference
    /// numbers of the practitioner's own service, such as `MOS-\d{6}`. They
    /// are matched as written, so add `(?i)` to ignore case.
    pub reference_patterns: Vec<String>,
    /// Words and details the practitioner marked safe: never a finding,
    /// whatever kind they look like (ignoring case), unless they are on the
    /// never-export list or in the family label.
    pub safe_words: Vec<String>,
}

/// Why a [`Config`] could not be used. Each names the pattern at fault,
/// because the practitioner has to find it in their settings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("The reference pattern {pattern:?} is not a pattern spiral can read: {reason}.")]
    BadPattern { pattern: String, reason: String },
    #[error(
        "The reference pattern {pattern:?} matches empty text, so it would mark every gap \
         between letters. Make it need at least one character."
    )]
    MatchesEmpty { pattern: String },
    /// A never-export entry longer than any name (over 200 characters).
    #[error("The name {name:?} is too long to look for: a name is at most 200 characters.")]
    NameTooLong { name: String },
}

/// Finds likely identifying details in text. Build one per entry (the label
/// differs) and scan as often as you like; it holds only compiled patterns.
#[derive(Debug, Clone)]
pub struct Detector {
    label: Vec<Regex>,
    /// Shared, not copied, between a detector and those made from it by
    /// [`Detector::with_family_label`]: a cloned `Regex` starts with an
    /// empty cache, and filling it again for every entry of an export cost
    /// more than the search itself.
    never_export: std::sync::Arc<[Regex]>,
    references: std::sync::Arc<[Regex]>,
    /// [`Config::safe_words`], in lower case.
    safe: std::sync::Arc<std::collections::HashSet<String>>,
}

impl Default for Detector {
    /// A detector with the built-in patterns only.
    fn default() -> Self {
        Detector {
            label: Vec::new(),
            never_export: std::sync::Arc::new([]),
            references: std::sync::Arc::new([]),
            safe: Default::default(),
        }
    }
}

impl Detector {
    /// Compiles the label, the never-export list and the reference patterns.
    /// The reference patterns can fail, being regular expressions the
    /// practitioner wrote; names fail only when one is absurdly long.
    pub fn new(config: &Config) -> Result<Detector, ConfigError> {
        let mut label_words: Vec<String> = Vec::new();
        for word in config
            .family_label
            .as_deref()
            .map(label_name_words)
            .unwrap_or_default()
        {
            label_words.push(word.to_string());
            if let Some(singular) = singular_surname(word) {
                label_words.push(singular.to_string());
            }
        }
        let label = names_regexes(&label_words)?;
        let never_export = names_regexes(&config.never_export)?;
        let mut references = Vec::new();
        for pattern in &config.reference_patterns {
            let regex = RegexBuilder::new(pattern)
                .size_limit(1 << 20)
                .build()
                .map_err(|error| ConfigError::BadPattern {
                    pattern: pattern.clone(),
                    reason: short_regex_error(&error),
                })?;
            if regex.is_match("") {
                return Err(ConfigError::MatchesEmpty {
                    pattern: pattern.clone(),
                });
            }
            references.push(regex);
        }
        let safe = config
            .safe_words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        Ok(Detector {
            label,
            never_export: never_export.into(),
            references: references.into(),
            safe: std::sync::Arc::new(safe),
        })
    }

    /// This detector for another family label: the never-export names and
    /// reference patterns are shared, not compiled again, so one detector
    /// can be built per export and cheaply adapted to each entry.
    pub fn with_family_label(&self, label: &str) -> Detector {
        let mut words: Vec<String> = Vec::new();
        for word in label_name_words(label) {
            words.push(word.to_string());
            if let Some(singular) = singular_surname(word) {
                words.push(singular.to_string());
            }
        }
        Detector {
            // A label's words are short, so they always make a pattern.
            label: names_regexes(&words).unwrap_or_default(),
            never_export: self.never_export.clone(),
            references: self.references.clone(),
            safe: self.safe.clone(),
        }
    }

    /// Every likely identifying detail in `text`, sorted by where it starts
    /// (then where it ends, then kind). Hits of different kinds may overlap;
    /// [`replace`] copes with that. The same kind is never reported twice for
    /// the same stretch.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut found = Found::new(text);
        for regex in &self.label {
            for m in regex.find_iter(text) {
                found.add(Kind::FamilyLabel, m.range());
            }
        }
        for regex in self.never_export.iter() {
            for m in regex.find_iter(text) {
                found.add(Kind::NeverExport, m.range());
            }
        }
        // Most reflective writing has no digits and no @, and every
        // detector below but the ages needs one or the other: checking
        // first saves running a dozen patterns over every answer.
        // (`\d` is any Unicode digit, so other scripts' digits count too.)
        let digits = text.bytes().any(|b| b.is_ascii_digit())
            || (!text.is_ascii() && text.chars().any(char::is_numeric));
        if text.contains('@') {
            emails(&mut found);
        }
        if digits {
            phones(&mut found);
            postcodes(&mut found);
            nhs_numbers(&mut found);
            dates(&mut found);
            references(&mut found);
        }
        // "aged seven" and "a seven-year-old" need no digit.
        ages(&mut found);
        for regex in self.references.iter() {
            for m in regex.find_iter(text) {
                found.add(Kind::Reference, m.range());
            }
        }
        if digits {
            street_addresses(&mut found);
        }
        places::institutions(&mut found);
        places::streets(&mut found);
        if text.contains('@') {
            places::handles(&mut found);
        }
        names::names(&mut found);
        let mut hits = found.finish();
        if !self.safe.is_empty() {
            hits.retain(|h| {
                matches!(h.kind, Kind::FamilyLabel | Kind::NeverExport)
                    || !self.safe.contains(&h.matched.trim().to_lowercase())
            });
        }
        hits
    }
}

/// The hits gathered so far for one text. Every range goes through
/// [`Found::add`], which drops any that are empty or off a char boundary,
/// so no detector's slip can hand out a range that panics.
struct Found<'t> {
    text: &'t str,
    hits: Vec<Hit>,
}

impl<'t> Found<'t> {
    fn new(text: &'t str) -> Self {
        Found {
            text,
            hits: Vec::new(),
        }
    }

    fn add(&mut self, kind: Kind, range: Range<usize>) {
        if range.start >= range.end {
            return;
        }
        if let Some(matched) = self.text.get(range.clone()) {
            self.hits.push(Hit {
                kind,
                range,
                matched: matched.to_string(),
            });
        }
    }

    /// Sorts the hits and drops repeats: the same kind found twice for one
    /// stretch, or inside a longer hit of the same kind (two ways of reading
    /// one reference number), says nothing new.
    fn finish(mut self) -> Vec<Hit> {
        self.place_names_in_addresses();
        // Kind by kind, widest first among hits that start together: a hit
        // is inside another exactly when an earlier one reaches as far.
        self.hits
            .sort_by_key(|hit| (hit.kind, hit.range.start, Reverse(hit.range.end)));
        let mut kind = None;
        let mut reach = 0;
        self.hits.retain(|hit| {
            if kind != Some(hit.kind) {
                kind = Some(hit.kind);
                reach = 0;
            }
            let inside = hit.range.end <= reach;
            reach = reach.max(hit.range.end);
            !inside
        });
        self.hits
            .sort_by_key(|hit| (hit.range.start, hit.range.end, hit.kind));
        self.hits
    }
}

impl Found<'_> {
    /// What the name finder took for a name may be part of another hit: a
    /// name inside a hit of another kind ("Kayla" of a listed "Kayla
    /// Brown", "Smith" of "J.Smith@example.com") is that hit; a town just
    /// before a postcode ("Parramatta NSW 2150") is part of the postcode,
    /// narrowing it further; a town just after one ("M1 1AE, Manchester")
    /// adds nothing to it.
    fn place_names_in_addresses(&mut self) {
        let text = self.text;
        let only_commas = |gap: &str| gap.chars().all(|c| c == ',' || c.is_whitespace());
        let postcodes: Vec<usize> = (0..self.hits.len())
            .filter(|&i| self.hits[i].kind == Kind::Postcode)
            .collect();
        let mut drop = vec![false; self.hits.len()];
        #[allow(clippy::needless_range_loop)] // hits are changed in the loop
        for i in 0..self.hits.len() {
            if self.hits[i].kind != Kind::Name {
                continue;
            }
            let name = self.hits[i].range.clone();
            let inside = self.hits.iter().any(|other| {
                other.kind != Kind::Name
                    && other.range.start < name.end
                    && name.start < other.range.end
            });
            let after_postcode = self.hits.iter().any(|other| {
                matches!(other.kind, Kind::Postcode | Kind::StreetAddress)
                    && other.range.end <= name.start
                    && only_commas(&text[other.range.end..name.start])
            });
            for &p in &postcodes {
                let code = self.hits[p].range.clone();
                if name.end <= code.start && only_commas(&text[name.end..code.start]) {
                    self.hits[p].range = name.start..code.end;
                    self.hits[p].matched = text[name.start..code.end].to_string();
                    drop[i] = true;
                }
            }
            if inside || after_postcode {
                drop[i] = true;
            }
        }
        // A street inside a place's name ("Marsh Lane Surgery") is the place.
        for (street, drop) in self.hits.iter().zip(drop.iter_mut()) {
            if street.kind == Kind::StreetAddress
                && self.hits.iter().any(|place| {
                    place.kind == Kind::Institution
                        && place.range.start <= street.range.start
                        && street.range.end <= place.range.end
                })
            {
                *drop = true;
            }
        }
        let mut index = 0;
        self.hits.retain(|_| {
            index += 1;
            !drop[index - 1]
        });
    }
}

/// The first line of a regex error that says what is wrong ("unclosed
/// group"), without the caret drawing, which reads badly in one message.
fn short_regex_error(error: &regex::Error) -> String {
    let full = error.to_string();
    full.lines()
        .find_map(|line| line.trim().strip_prefix("error: "))
        .map(str::to_string)
        .unwrap_or(full)
}

// ---------------------------------------------------------------------------
// Names: the family label and the never-export list.
// ---------------------------------------------------------------------------

/// Patterns that find any of `names` as whole words, ignoring case
/// (Unicode-aware, so "ZOË" finds "Zoë"). Spaces inside a name match any run
/// of white space, so a name broken over a line is still found; straight and
/// curly apostrophes match each other. Longer names are tried first, so
/// "Jo Bloggs" is found whole rather than as "Jo" (and a "Jo" found by
/// another pattern inside it is dropped by [`Found::finish`]).
///
/// The names go into patterns of [`NAMES_PER_PATTERN`] each, so a long list
/// can never outgrow the size a single pattern may have: a list that could
/// not be searched must not be quietly searched as nothing.
fn names_regexes(names: &[String]) -> Result<Vec<Regex>, ConfigError> {
    let mut names: Vec<&str> = names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_by_key(|name| (Reverse(name.len()), *name));
    names.dedup();
    if let Some(long) = names
        .iter()
        .find(|name| name.chars().count() > MAX_NAME_CHARS)
    {
        return Err(ConfigError::NameTooLong {
            name: long.to_string(),
        });
    }
    names
        .chunks(NAMES_PER_PATTERN)
        .map(|chunk| {
            let alternatives: Vec<String> = chunk.iter().map(|name| name_pattern(name)).collect();
            Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))).map_err(|_| {
                ConfigError::NameTooLong {
                    name: chunk
                        .first()
                        .map(|name| name.to_string())
                        .unwrap_or_default(),
                }
            })
        })
        .collect()
}

/// The longest name looked for. No one's name comes near it; a longer entry
/// is a paste gone wrong, and would make a needlessly large pattern.
const MAX_NAME_CHARS: usize = 200;

/// How many names share one pattern: enough that scanning stays quick,
/// few enough that a pattern stays far below the regex size limit.
const NAMES_PER_PATTERN: usize = 100;

/// A pattern for one name: escaped, with `\b` at each end that is a word
/// character (a name such as "J.S." cannot end in a word boundary).
fn name_pattern(name: &str) -> String {
    let body = name
        .split_whitespace()
        .map(|word| regex::escape(word).replace(['\'', '’'], "['’]"))
        .collect::<Vec<_>>()
        .join(r"\s+");
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let front = if word_char(name.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let back = if word_char(name.chars().next_back()) {
        r"\b"
    } else {
        ""
    };
    format!("{front}{body}{back}")
}

/// The words of a family label that look like a real name, and so should
/// not appear in an exported reflection.
///
/// The label is split into words at spaces, hyphens and punctuation (a
/// trailing possessive "'s" is dropped). A word looks like a name when all
/// of these hold:
///
/// - it is all letters (an inner apostrophe allowed): "F1" and "2" are not;
/// - it has at least two letters: "K" and "K." are initials;
/// - it is not initials in capitals: an all-capital word of up to three
///   letters ("JK", "ABC"), or one with no vowel, or such initials with a
///   plural "s" ("the Ks"). "SMITH" is a name; "JO" is taken as initials;
/// - it is not an everyday word: not on the short built-in list (family,
///   the, Mr, Mrs, mum, colours, trees, birds, months and the like, which
///   are the usual stuff of labels and pseudonyms), and not ending like an
///   abstract noun (-ness, -tion, -sion, -ship, -ment, and long -ance or
///   -ence words such as "Acceptance").
///
/// So "Smith family" gives "Smith", "Mrs Patel" gives "Patel", "Jo" gives
/// "Jo", and "Family K", "F1", "K", "the Ks", "JK" and "Family Blue" give
/// nothing.
pub fn label_name_words(label: &str) -> Vec<&str> {
    label
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|word| {
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            word.trim_matches(['\'', '’'])
        })
        .filter(|word| looks_like_a_name(word))
        .collect()
}

/// Whether any word of the label looks like a real name
/// (see [`label_name_words`]). Useful for warning when the label is typed.
pub fn label_looks_like_a_name(label: &str) -> bool {
    !label_name_words(label).is_empty()
}

fn looks_like_a_name(word: &str) -> bool {
    if !word
        .chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    {
        return false;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    // Two letters at least ("K" is an initial); and no name is 40 letters.
    if letters.len() < 2 || letters.len() > 40 {
        return false;
    }
    if is_initials(&letters) {
        return false;
    }
    let lower = word.to_lowercase();
    if EVERYDAY_WORDS
        .iter()
        .any(|group| group.split_whitespace().any(|everyday| everyday == lower))
    {
        return false;
    }
    let long_abstract = |ending: &str, min: usize| lower.ends_with(ending) && letters.len() >= min;
    !(long_abstract("ness", 6)
        || long_abstract("tion", 6)
        || long_abstract("sion", 6)
        || long_abstract("ship", 7)
        || long_abstract("ment", 8)
        || long_abstract("ance", 10)
        || long_abstract("ence", 10))
}

fn is_initials(letters: &[char]) -> bool {
    let all_capitals = |letters: &[char]| letters.iter().all(|c| c.is_uppercase());
    let has_vowel = letters
        .iter()
        .any(|c| "AEIOUYaeiouy".contains(*c) || !c.is_ascii());
    if all_capitals(letters) {
        return letters.len() <= 3 || !has_vowel;
    }
    // "Ks", "JKs": capitals with a plural s.
    match letters.split_last() {
        Some(('s', rest)) => rest.len() <= 3 && all_capitals(rest),
        _ => false,
    }
}

/// "Smiths" or "Patels" in a label is a family name in the plural; the text
/// is likelier to say "Mr Smith". Only for longer words, so "Jess" stays.
fn singular_surname(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    (stem.chars().count() >= 4 && !stem.ends_with('s')).then_some(stem)
}

/// Words that may appear in a family label without being a name: the words
/// around a label ("the Smith family") and the everyday words pseudonyms are
/// made of (colours, trees, birds, stones, months), in groups of words
/// separated by spaces. A real name that is also one of these words (Rose,
/// Amber, June) is therefore taken as a pseudonym; the never-export list is
/// the place for it.
const EVERYDAY_WORDS: &[&str] = &[
    AROUND_A_LABEL,
    COLOURS,
    PLANTS,
    LANDSCAPE,
    ANIMALS,
    STONES,
    MONTHS_AND_DAYS,
    SPELLING_ALPHABET,
    QUALITIES,
];

/// Around a label.
const AROUND_A_LABEL: &str = "\
    the a an and of for with in on at to by from new old family families fam household house \
    home case client clients referral children child kids kid baby babies twins siblings \
    parents parent carer carers mum mom dad mother father nan nana gran grandma grandmother \
    grandad grandpa grandfather aunt auntie uncle cousin brother sister son daughter boy girl \
    boys girls young person people group team visit plan mr mrs ms miss mx dr master sir madam \
    lady prof one two three four five six seven eight nine ten first second third fourth fifth \
    other another unnamed unknown anon anonymous example test";

/// Colours.
const COLOURS: &str = "\
    red blue green yellow orange purple pink black white grey gray brown gold golden silver \
    teal indigo violet amber scarlet crimson navy turquoise cyan magenta lilac lavender maroon \
    beige cream bronze";

/// Trees, plants and flowers.
const PLANTS: &str = "\
    oak ash elm pine birch willow maple cedar rowan holly ivy hazel beech yew larch alder \
    aspen cherry apple plum pear olive palm fir spruce wattle gum banksia acacia jacaranda \
    eucalyptus rose daisy lily poppy iris fern moss heather thistle clover tulip orchid lotus \
    jasmine bluebell primrose buttercup sunflower lupin sage mint thyme basil";

/// Landscape, weather and sky.
const LANDSCAPE: &str = "\
    river lake sea ocean bay beach shore island sky star stars moon sun sunny rain rainbow \
    snow storm cloud wind breeze hill mountain valley stone rock brook stream meadow forest \
    wood woods field garden bridge harbour spring summer autumn winter north south east west \
    dawn dusk";

/// Animals and birds.
const ANIMALS: &str = "\
    fox wolf bear owl robin wren hawk eagle swan dove crow finch lark sparrow magpie \
    kingfisher heron otter badger deer hare rabbit tiger lion koala wombat kangaroo emu possum \
    dolphin whale kiwi kookaburra platypus echidna penguin seal squirrel hedgehog panda zebra \
    giraffe elephant dragon butterfly bee";

/// Stones and treasures.
const STONES: &str = "\
    ruby pearl jade opal coral jewel diamond crystal emerald sapphire garnet onyx topaz";

/// Months and days.
const MONTHS_AND_DAYS: &str = "\
    january february march april may june july august september october november december \
    monday tuesday wednesday thursday friday saturday sunday";

/// Spelling alphabet words used as labels that are not common first names.
const SPELLING_ALPHABET: &str = "\
    alpha bravo delta echo foxtrot golf hotel kilo lima papa quebec sierra tango uniform \
    whiskey xray yankee zulu";

/// Qualities often chosen for a pseudonym, and everyday abstract words.
const QUALITIES: &str = "\
    hope faith joy peace grace courage trust kindness care calm safety change growth strength \
    respect dignity honesty harmony unity balance journey progress support patience guidance \
    learning healing tolerance";

// ---------------------------------------------------------------------------
// The built-in detectors. Each runs over the whole text and adds its hits.
// ---------------------------------------------------------------------------

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// The text just before `at` ends a cue that a date is a date of birth:
/// "DOB", "D.O.B.", "date of birth", "born (on) (the)", "birthday (is)".
fn after_birth_cue(text: &str, at: usize) -> bool {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)(?:\bd\.?o\.?b\b\.?",
            r"|\bdate\s+of\s+birth",
            r"|\bborn(?:\s+on)?(?:\s+the)?",
            r"|\bbirthday(?:\s+(?:is|was|on))?(?:\s+the)?",
            r")\s*[:\-–]?\s*$",
        ))
    });
    let from = floor_boundary(text, at.saturating_sub(40));
    CUE.is_match(&text[from..at])
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// E-mail addresses: something@domain.tld. A trailing full stop is left out.
///
/// Misses: addresses written to dodge spam filters ("jo at example dot com")
/// and social-media handles ("@jo_b").
fn emails(found: &mut Found) {
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)\b[a-z0-9._%+\-]+@",                               // who
            r"[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?",                     // domain
            r"(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,}\b", // .more.tld
        ))
    });
    for m in EMAIL.find_iter(found.text) {
        found.add(Kind::Email, m.range());
    }
}

/// UK and Australian phone numbers, and any number written in international
/// form with a "+".
///
/// A stretch of digits, joined by single spaces or dashes and perhaps
/// bracketed, is split into the parts people type between spaces (digits
/// joined by dashes stay together, so a date such as 01-02-2019 is never
/// taken apart), and the longest run of parts that makes a valid number is
/// taken, so "0113 496 0000 2019" finds the phone number and leaves the year.
///
/// Valid: 0 and ten digits (UK: 01, 02, 03, 05, 07, 08, 09), 0 and nine
/// digits (UK short numbers, AU: 02, 03, 04, 07, 08), +44 or 0044 with a UK
/// number, +61 or 0061 with an Australian one (a "(0)" in between is
/// allowed), 1300 or 1800 and six digits, 13 and four digits (as "13xxxx"
/// or "13 xx xx"), and + with 9 to 15 digits for anywhere else. Every part
/// but one right after the country code has two digits or more, so a list of
/// single numbers ("0 1 2 3 …") is not a phone number.
///
/// Misses: numbers written in words, or with dots between the parts.
/// Flags wrongly: a run of other numbers that happens to fit the shape,
/// such as "13 11 14" used as a list.
fn phones(found: &mut Found) {
    static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
        regex(r"\+?\(?\d(?:\d|\)|\(\d)*(?:(?: ?- ?|[ \u{a0}])\(?\d(?:\d|\)|\(\d)*)*")
    });
    static GROUP: LazyLock<Regex> = LazyLock::new(|| regex(r"\+?\(?\d(?:\d|\)|\(\d)*"));
    let text = found.text;
    let mut spans = Vec::new();
    for candidate in CANDIDATE.find_iter(text) {
        let base = candidate.start();
        // Parts: groups of digits, merged across dashes.
        let mut parts: Vec<Range<usize>> = Vec::new();
        for group in GROUP.find_iter(candidate.as_str()) {
            let range = base + group.start()..base + group.end();
            match parts.last_mut() {
                Some(last) if text[last.end..range.start].contains('-') => last.end = range.end,
                _ => parts.push(range),
            }
        }
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "_/.@".contains(c));
        let first_usable = usize::from(glued(char_before(text, candidate.start())));
        let last_ok = !glued(char_after(text, candidate.end()))
            || char_after(text, candidate.end()) == Some('.')
                && !text[candidate.end() + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
        let mut i = first_usable;
        while i < parts.len() {
            let mut taken = None;
            for j in (i..parts.len().min(i + 5)).rev() {
                if j + 1 == parts.len() && !last_ok {
                    continue;
                }
                let span = trim_unbalanced(text, parts[i].start..parts[j].end);
                let part_texts: Vec<&str> = parts[i..=j].iter().map(|p| &text[p.clone()]).collect();
                if is_phone(&text[span.clone()], &part_texts) {
                    taken = Some((j, span));
                    break;
                }
            }
            match taken {
                Some((j, span)) => {
                    spans.push(span);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
    for span in spans {
        found.add(Kind::Phone, span);
    }
}

/// Drops a closing bracket at the end that was never opened ("(call 07700
/// 900123)"), so the hit is just the number.
fn trim_unbalanced(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    if s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        span.start..span.end - 1
    } else {
        span
    }
}

fn is_phone(span: &str, parts: &[&str]) -> bool {
    let international = span.starts_with('+') || span.starts_with("00");
    let cleaned = if international {
        span.replace("(0)", "")
    } else {
        span.to_string()
    };
    let digits: String = cleaned.chars().filter(char::is_ascii_digit).collect();
    let part_digits: Vec<usize> = parts
        .iter()
        .map(|p| {
            let p = if international {
                p.replace("(0)", "")
            } else {
                p.to_string()
            };
            p.chars().filter(char::is_ascii_digit).count()
        })
        .collect();
    let short_part_ok = |index: usize, count: usize| count >= 2 || (international && index <= 2);
    if part_digits
        .iter()
        .enumerate()
        .any(|(index, &count)| count > 0 && !short_part_ok(index, count))
    {
        return false;
    }
    let second = |d: &str| d.chars().nth(1);
    if international {
        let plus = span.starts_with('+');
        let number = if plus { digits.as_str() } else { &digits[2..] };
        if let Some(rest) = number.strip_prefix("44") {
            let rest = rest.strip_prefix('0').unwrap_or(rest);
            let first = rest.chars().next();
            return (rest.len() == 10 && first.is_some_and(|c| "12378".contains(c)))
                || (rest.len() == 9 && first == Some('1'));
        }
        if let Some(rest) = number.strip_prefix("61") {
            let rest = rest.strip_prefix('0').unwrap_or(rest);
            return rest.len() == 9 && rest.chars().next().is_some_and(|c| "23478".contains(c));
        }
        return plus && (9..=15).contains(&digits.len());
    }
    if digits.starts_with('0') {
        return match digits.len() {
            11 => second(&digits).is_some_and(|c| "1235789".contains(c)),
            10 => second(&digits).is_some_and(|c| "123478".contains(c)),
            _ => false,
        };
    }
    if digits.starts_with("1300") || digits.starts_with("1800") {
        return digits.len() == 10;
    }
    if digits.starts_with("13") && digits.len() == 6 {
        return part_digits == [6] || part_digits == [2, 2, 2];
    }
    false
}

/// UK postcodes ("SW1A 1AA", "M1 1AE", "ls1 4ap"; any case, space optional)
/// and Australian postcodes after their state ("NSW 2000", "Vic 3000").
///
/// UK postcodes are checked letter by letter against the Royal Mail format,
/// which keeps out most words. Lowercase ordinals are not taken as the
/// inward part ("Y5 2nd", "p1 3rd"), as they are far more often school
/// years than postcodes.
///
/// Australian postcodes must fit their state (NSW 1 or 2, ACT 0 or 2, Vic 3
/// or 8, Qld 4 or 9, SA 5, WA 6, Tas 7, NT 0). "SA", "WA", "NT" and "ACT" must
/// be in capitals ("the Children Act 1989" is not a postcode).
///
/// Misses: the suburb or town before an Australian postcode, and a
/// postcode on its own with no state. Flags wrongly: a year after a state
/// ("in NSW 2019").
fn postcodes(found: &mut Found) {
    static UK: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            // Outward code: A9, A99, A9A, AA9, AA99, AA9A, with the letters
            // Royal Mail allows in each place.
            r"(?i)\b([A-PR-UWYZ](?:[A-HK-Y]\d[ABEHMNPRVWXY0-9]?|\d[A-HJKPSTUW0-9]?))",
            r"[ \u{a0}]?",
            // Inward code: a digit and two letters, never C, I, K, M, O or V.
            r"(\d[ABD-HJLNP-UW-Z]{2})\b",
        ))
    });
    static AU: LazyLock<Regex> =
        LazyLock::new(|| regex(r"\b((?i:nsw|vic|qld|tas)|SA|WA|NT|ACT)\b,?[ \u{a0}]*(\d{4})\b"));
    let text = found.text;
    let mut spans = Vec::new();
    for caps in UK.captures_iter(text) {
        let (Some(all), Some(inward)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let letters = &inward.as_str()[1..];
        if ["st", "nd", "rd", "th"].contains(&letters) {
            continue;
        }
        spans.push(all.range());
    }
    for caps in AU.captures_iter(text) {
        let (Some(all), Some(state), Some(code)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let first = code.as_str().chars().next().unwrap_or('x');
        let allowed = match state.as_str().to_ascii_uppercase().as_str() {
            "NSW" => "12",
            "ACT" => "02",
            "VIC" => "38",
            "QLD" => "49",
            "SA" => "5",
            "WA" => "6",
            "TAS" => "7",
            "NT" => "0",
            _ => "",
        };
        if allowed.contains(first) {
            spans.push(all.range());
        }
    }
    for span in spans {
        found.add(Kind::Postcode, span);
    }
}

/// Whether ten digits (spaces and dashes between them allowed) make an NHS
/// number with a valid modulus-11 check digit: the first nine digits are
/// weighted 10 down to 2 and summed; 11 less the remainder mod 11 is the
/// check digit, where 11 means 0 and 10 means no valid number. Scottish CHI
/// numbers use the same check.
pub fn is_valid_nhs_number(number: &str) -> bool {
    if number
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '-'))
    {
        return false;
    }
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(digit, weight)| digit * weight)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        check => check,
    };
    check == digits[9]
}

/// NHS (and CHI) numbers: ten digits, perhaps grouped 3-3-4 by spaces or
/// dashes, whose check digit is valid, so about nine in ten random ten-digit
/// numbers are left alone.
///
/// Misses: an NHS number with a typo (the check digit then fails; an "NHS
/// no." before it still makes it a reference number). Flags wrongly: one in
/// eleven or so other ten-digit numbers.
fn nhs_numbers(found: &mut Found) {
    static NHS: LazyLock<Regex> =
        LazyLock::new(|| regex(r"\b\d{3}[ \u{a0}\-]?\d{3}[ \u{a0}\-]?\d{4}\b"));
    let text = found.text;
    let spans: Vec<Range<usize>> = NHS
        .find_iter(text)
        .filter(|m| is_valid_nhs_number(&m.as_str().replace('\u{a0}', " ")))
        .filter(|m| !joined_to_number(text, m.range()))
        .map(|m| m.range())
        .collect();
    for span in spans {
        found.add(Kind::NhsNumber, span);
    }
}

/// Whether the number at `span` is part of a longer one, such as
/// "1.12.2019.3" or "12/03/2019/4": a ".", "/" or "-" and a digit on either
/// side.
fn joined_to_number(text: &str, span: Range<usize>) -> bool {
    let mut before = text[..span.start].chars().rev();
    let mut after = text[span.end..].chars();
    let joiner = |c: Option<char>| c.is_some_and(|c| "./-".contains(c));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    (joiner(before.next()) && digit(before.next())) || (joiner(after.next()) && digit(after.next()))
}

const MONTHS: &str = concat!(
    "january|february|march|april|may|june|july|august|september|october|november|december",
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec",
);

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    let number = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

fn valid_day(day: u32, month: u32) -> bool {
    let last = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=last).contains(&day)
}

fn valid_year(year: u32) -> bool {
    (1900..=2100).contains(&year)
}

/// Full dates: day, month and year together, which is what makes a date of
/// birth identifying. Numeric ("12/03/2019", "12-03-19", "2019-03-12"; day
/// and month either way round), and in words ("3 March 2019", "3rd of March
/// 2019", "March 3rd, 2019", "Sept 5, 2018"). After a birth cue ("DOB",
/// "date of birth", "born on", "birthday is") a day and month alone count
/// too ("born on 4 June"), and so do dotted dates with a two-digit year
/// ("DOB 1.2.15"), which elsewhere are more often section numbers.
///
/// Not dates: "Sunday at 3pm", "in March", "March 2019", "3pm", "1.2.15".
///
/// Misses: dates with the year in words or with an apostrophe ("3 March
/// '19"), and a birthday without its year unless the cue comes just before
/// it ("her birthday is 4 June" is caught, "4 June was her birthday" is
/// not). Flags wrongly: dates that identify no one, such as the date of a
/// meeting or of a new law.
fn dates(found: &mut Found) {
    static NUMERIC: LazyLock<Regex> =
        LazyLock::new(|| regex(r"\b(\d{1,2})([/.\-])(\d{1,2})([/.\-])(\d{4}|\d{2})\b"));
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| regex(r"\b((?:19|20)\d{2})([/.\-])(\d{1,2})([/.\-])(\d{1,2})\b"));
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTHS})\b\.?(?:,?\s+(\d{{4}})\b)?"
        ))
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\b({MONTHS})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
        ))
    });
    let text = found.text;
    let number = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    let mut spans = Vec::new();

    for caps in NUMERIC.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let (Some(a), Some(b), Some(year_text)) =
            (number(caps.get(1)), number(caps.get(3)), caps.get(5))
        else {
            continue;
        };
        let same_separator = caps.get(2).map(|m| m.as_str()) == caps.get(4).map(|m| m.as_str());
        if !same_separator || joined_to_number(text, all.range()) {
            continue;
        }
        let dotted = caps.get(2).is_some_and(|m| m.as_str() == ".");
        let short_year = year_text.as_str().len() == 2;
        if dotted && short_year && !after_birth_cue(text, all.start()) {
            continue;
        }
        let year_ok = short_year || number(Some(year_text)).is_some_and(valid_year);
        let day_month_ok =
            (1..=12).contains(&b) && valid_day(a, b) || (1..=12).contains(&a) && valid_day(b, a);
        if year_ok && day_month_ok {
            spans.push(all.range());
        }
    }
    for caps in ISO.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let (Some(year), Some(month), Some(day)) = (
            number(caps.get(1)),
            number(caps.get(3)),
            number(caps.get(5)),
        ) else {
            continue;
        };
        let same_separator = caps.get(2).map(|m| m.as_str()) == caps.get(4).map(|m| m.as_str());
        if same_separator
            && !joined_to_number(text, all.range())
            && valid_year(year)
            && valid_day(day, month)
        {
            spans.push(all.range());
        }
    }
    for (regex, day_group, month_group) in [(&*DAY_MONTH, 1, 2), (&*MONTH_DAY, 2, 1)] {
        for caps in regex.captures_iter(text) {
            let Some(all) = caps.get(0) else { continue };
            let (Some(day), Some(month)) = (
                number(caps.get(day_group)),
                caps.get(month_group).and_then(|m| month_number(m.as_str())),
            ) else {
                continue;
            };
            if !valid_day(day, month) {
                continue;
            }
            let full = match caps.get(3) {
                Some(year) => number(Some(year)).is_some_and(valid_year),
                None => after_birth_cue(text, all.start()),
            };
            if full {
                spans.push(all.range());
            }
        }
    }
    for span in spans {
        found.add(Kind::FullDate, span);
    }
}

const NUMBER_WORDS: &str = concat!(
    "one|two|three|four|five|six|seven|eight|nine|ten",
    "|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty",
);

/// Exact ages: "aged 7", "age: 7", "aged seven", "a 7-year-old", "7 years
/// old", "14 months old", "7yo", "7 y/o".
///
/// Not ages: "7 years of work", "for 3 years", "3 years older", "year 7",
/// "7 year olds" (a group), and age bands ("aged 5 to 11", "age 16 and
/// over", "aged 18+").
///
/// And the everyday forms in [`more_ages`]: "she is 7", "turned 16", "(7)".
///
/// Misses: "twenty-one", an age with no cue ("Jo, 7 and Sam, 9"). Flags
/// wrongly: the age of things not listed ("a 30-year-old building") and
/// rules about ages ("at age 18 you leave care").
fn ages(found: &mut Found) {
    static AGED: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"(?i)\baged?\b\s*:?\s*(\d{{1,3}}|{NUMBER_WORDS})\b"
        ))
    });
    static BAND: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)^\s*(?:\+|[\-–]\s*\d|to\s+\d",
            r"|(?:and|or)\s+(?:over|under|above|below|up|older|younger|more|less))",
        ))
    });
    static OLD: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            "{}{}{}",
            format_args!(r"(?i)\b(\d{{1,3}}|{NUMBER_WORDS})(?:\s*-\s*|\s+)"),
            r"(?:and\s+a\s+half\s+)?(?:years?|yrs?|months?|weeks?|days?)",
            r"(?:\s*-\s*|\s+)old\b",
        ))
    });
    static YO: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b\d{1,2}\s?(?:y/o\b|y\.o\.|yo\b)"));
    let text = found.text;
    let mut spans = Vec::new();
    for caps in AGED.captures_iter(text) {
        let (Some(all), Some(age)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if age.as_str().parse::<u32>().is_ok_and(|n| n > 120) {
            continue;
        }
        if BAND.is_match(&text[all.end()..]) {
            continue;
        }
        spans.push(all.range());
    }
    for m in OLD.find_iter(text) {
        if !about_a_thing(text, m.start()) {
            spans.push(m.range());
        }
    }
    spans.extend(YO.find_iter(text).map(|m| m.range()));
    more_ages(text, &mut spans);
    for span in spans {
        found.add(Kind::ExactAge, span);
    }
}

/// Whether the few words before `at` say a thing's age is meant: "the
/// boiler is 20 years old", "a 30-year-old building" is left to the words
/// after it.
fn about_a_thing(text: &str, at: usize) -> bool {
    static THING: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)\b(?:boiler|house|flat|home|building|car|van|bike|fridge|freezer|cooker|oven",
            r"|washing\s+machine|machine|roof|windows?|sofa|bed|cot|pram|buggy|phone|laptop|tv",
            r"|telly|carpet|kitchen|bathroom|property|estate|school|church|tree|dog|cat|pet",
            r"|law|act|policy|service|team|scheme|building|caravan|furniture)s?\b",
            r"(?:\s+\S+){0,3}\s*$",
        ))
    });
    let from = floor_boundary(text, at.saturating_sub(48));
    THING.is_match(&text[from..at])
}

/// The everyday ways of writing a person's age: "she is 7", "He's 15",
/// "Dad is nearly 3"… "Kayla (7)", "Dad, 41,", "turned 16", "turning 11",
/// "the baby is 10 wks", "he's 8 weeks".
///
/// Not ages: "I am 34" (the practitioner's own), "it is 3 miles", "she is
/// 3 weeks late", "he was 5 minutes early", "option (2)".
fn more_ages(text: &str, spans: &mut Vec<Range<usize>>) {
    // Every form needs a number, in digits or words.
    static NUMBER_WORD: LazyLock<Regex> =
        LazyLock::new(|| regex(&format!(r"(?i)(?:{NUMBER_WORDS})")));
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    if !digits && !NUMBER_WORD.is_match(text) {
        return;
    }
    static IS: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            concat!(
                r"(?:\b(?i:she|he|they|who|mum|dad|baby|son|daughter|brother|sister|nan|nana",
                r"|gran|grandad|grandma|child|boy|girl|twins)|\b\p{{Lu}}[\p{{Ll}}'’\-]+)",
                r"(?:\s+[\x22“]?(?i:is|was|turned|turns|is\s+turning|will\s+be|has\s+just\s+turned|is\s+now)|['’]s)",
                r"\s+((?i:(?:nearly|almost|just|only|now|barely|already|about|still)\s+)?",
                r"(?:\d{{1,2}}|(?i:{})))\b",
                r"(?:\s+(?i:(weeks?|wks?|months?|mths?|mos?|years?|yrs?))\b)?",
            ),
            NUMBER_WORDS
        ))
    });
    static TURNED: LazyLock<Regex> = LazyLock::new(|| {
        regex(&format!(
            r"\b(?i:turned|turns|turning)\s+(?:\d{{1,2}}|(?i:{NUMBER_WORDS}))\b"
        ))
    });
    static BRACKET: LazyLock<Regex> =
        LazyLock::new(|| regex(r"(\p{Lu}[\p{L}\p{M}'’\-]*)\s*(\(\s*\d{1,2}\s*\))"));
    static COMMAS: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?:\b(?i:mum|dad|mother|father|nan|grandad|grandma|stepdad|stepmum|partner|uncle",
            r"|aunty|auntie|son|daughter|brother|sister|baby)|\b\p{Lu}[\p{Ll}'’\-]+)",
            r",\s*(\d{1,2}),",
        ))
    });
    // What may follow an age after "is": the end of the clause, or a word
    // that does not make the number a count of something.
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)^(?:\s*(?:$|[.,;:!?)\-–—]|and\b|next\b|now\b|in\b|this\b|today\b|going\b",
            r"|but\b|so\b|or\b|with\b|when\b|yet\b|soon\b|already\b|last\b|at\b|on\b",
            r"|[\x22”’]|he\b|she\b|they\b|and\s+a\s+half\b|too\b|then\b))",
        ))
    });
    static NOT_AGE_AFTER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"(?i)^\s*(?:pregnant|late|behind|ago|overdue|later|early|of|in\s+care|sober|clean)\b",
        )
    });
    for caps in IS.captures_iter(text) {
        let (Some(all), Some(age)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let end = caps.get(2).map_or(age.end(), |unit| unit.end());
        let rest = &text[end..];
        let unit = caps.get(2).map(|unit| unit.as_str().to_lowercase());
        let ok = match unit.as_deref() {
            Some(u) if u.starts_with('y') => false, // "7 years" without "old": a duration
            Some(_) => !NOT_AGE_AFTER_UNIT.is_match(rest),
            None => AFTER.is_match(rest),
        };
        if ok && !all.as_str().to_lowercase().starts_with("it") {
            spans.push(age.start()..end);
        }
    }
    spans.extend(TURNED.find_iter(text).map(|m| m.range()));
    // "(7)" after a name, not after "Option" or "Section".
    for caps in BRACKET.captures_iter(text) {
        if let (Some(word), Some(age)) = (caps.get(1), caps.get(2))
            && names::could_be_name(word.as_str())
        {
            spans.push(age.range());
        }
    }
    for caps in COMMAS.captures_iter(text) {
        if let Some(age) = caps.get(1) {
            spans.push(age.range());
        }
    }
}

/// Built-in case and reference numbers.
///
/// After a word that says a number follows ("case no.", "case number",
/// "file ref", "client ID:", "ref", "reference:", "CRN", "NHS no."), the
/// number itself is the hit: letters, digits, "/" and "-", with at least two
/// digits ("AB-1234", "2019/456"). Words like "case" and "file" need "no.",
/// "number", "#", "ID", "ref" or ":" after them, so "in case 2 we…" and "a
/// case of neglect" are left alone. And UK National Insurance numbers
/// ("QQ123456C", "QQ 12 34 56 C"), in capitals, or lowercase when written
/// without spaces.
///
/// Misses: a bare number with no such word before it; your service's own
/// formats belong in [`Config::reference_patterns`].
fn references(found: &mut Found) {
    static AFTER_WORD: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"(?i)(?:",
            // A word that needs a marker after it: "case no.", "client ID".
            r"\b(?:case|file|client|record|referral|child|person|service\s+user|family",
            r"|nhs|chi|medicare|ni|national\s+insurance)",
            r"\s*(?:no\b\.?|num\b\.?|number|#|id\b|ref\b\.?|reference|:)",
            // Words that are enough on their own: "ref 1234", "CRN 1234".
            r"|\b(?:crn|urn|ref\b\.?)(?:\s*(?:no\b\.?|num\b\.?|number|#))?",
            r"|\breference\s*(?:no\b\.?|num\b\.?|number|#|:)",
            r"|\bid\s*[:#]",
            r")\s*[:#]?\s*",
            // The number: letters, digits, / and -, then more digit groups.
            r"([a-z0-9](?:[a-z0-9/\-]*[a-z0-9])?(?:[ \u{a0}]\d+\b)*)",
        ))
    });
    static NI: LazyLock<Regex> = LazyLock::new(|| {
        regex(concat!(
            r"\b(?:[A-CEGHJ-TW-Z]{2}[ \u{a0}]?\d{2}[ \u{a0}]?\d{2}[ \u{a0}]?\d{2}[ \u{a0}]?[A-D]",
            r"|(?i:[a-ceghj-tw-z]{2}\d{6}[a-d]))\b",
        ))
    });
    let text = found.text;
    let mut spans = Vec::new();
    for caps in AFTER_WORD.captures_iter(text) {
        let Some(number) = caps.get(1) else { continue };
        if number.as_str().chars().filter(char::is_ascii_digit).count() >= 2 {
            spans.push(number.range());
        }
    }
    spans.extend(NI.find_iter(text).map(|m| m.range()));
    for span in spans {
        found.add(Kind::Reference, span);
    }
}

/// Street types that are rarely anything else, found in any case
/// ("12 Acacia road").
const STREET_TYPES_ANY_CASE: &[&str] = &[
    "road",
    "street",
    "avenue",
    "lane",
    "crescent",
    "terrace",
    "boulevard",
];

/// Street types that are also everyday words or abbreviations ("close",
/// "way", "St"), found only when capitalised or in capitals.
const STREET_TYPES_CAPITALISED: &[&str] = &[
    "Rd",
    "St",
    "Ave",
    "Av",
    "Ln",
    "Close",
    "Cl",
    "Drive",
    "Dr",
    "Way",
    "Cres",
    "Court",
    "Ct",
    "Place",
    "Pl",
    "Tce",
    "Terr",
    "Grove",
    "Gr",
    "Gardens",
    "Gdns",
    "Parade",
    "Pde",
    "Blvd",
    "Highway",
    "Hwy",
    "Square",
    "Sq",
    "Mews",
    "Row",
    "Walk",
    "Rise",
    "Circuit",
    "Cct",
    "Esplanade",
    "Esp",
    "Wynd",
    "Hill",
    "Green",
    "Vale",
    "View",
    "Gate",
    "Quay",
    "Approach",
];

/// Street addresses: a house number (perhaps "12a", "3/45", "12-14", and a
/// "Flat 2," or "Unit 4" before it), one to three capitalised words, and a
/// street type: "12 Acacia Road", "3/45 Smith St", "Flat 2, 10 High
/// Street".
///
/// The name words must start with a capital, which is what keeps out "3
/// ways of working", "5 stages" and "3 very close friends".
///
/// Misses: addresses in lowercase with an everyday street type ("12 acacia
/// close"), streets without a number ("lives on Acacia Road"), and house
/// names. Flags wrongly: a number before a capitalised name that ends like
/// a street ("in 2019 Jo Street said").
fn street_addresses(found: &mut Found) {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        let mut capitalised: Vec<String> = Vec::new();
        for street_type in STREET_TYPES_CAPITALISED {
            capitalised.push((*street_type).to_string());
            capitalised.push(street_type.to_uppercase());
        }
        regex(&format!(
            "{}{}{}(?:(?i:{})|{})\\b",
            r"(?:\b(?i:flat|unit|apartment|apt|suite)\s+\d{1,4}[A-Za-z]?,?\s+)?",
            r"\b\d{1,5}[A-Za-z]?(?:[/\-]\d{1,5}[A-Za-z]?)?,?\s+",
            r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?\s+){1,3}",
            STREET_TYPES_ANY_CASE.join("|"),
            capitalised.join("|"),
        ))
    });
    let spans: Vec<Range<usize>> = ADDRESS.find_iter(found.text).map(|m| m.range()).collect();
    for span in spans {
        found.add(Kind::StreetAddress, span);
    }
}

/// Whether a hit still describes this text exactly.
fn fits(text: &str, hit: &Hit) -> bool {
    hit.range.start < hit.range.end && text.get(hit.range.clone()) == Some(hit.matched.as_str())
}

/// The nearest char boundary at or before `at` (which must be ≤ len).
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary at or after `at` (which must be ≤ len).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Steps back from `at` over characters that satisfy `keep`.
fn back_over(text: &str, mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some(c) = text[..at].chars().next_back() {
        if !keep(c) {
            break;
        }
        at -= c.len_utf8();
    }
    at
}

/// Steps forward from `at` over characters that satisfy `keep`.
fn forward_over(text: &str, mut at: usize, keep: impl Fn(char) -> bool) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !keep(c) {
            break;
        }
        at += c.len_utf8();
    }
    at
}

mod names;
mod places;
pub mod score;

#[cfg(test)]
mod tests;
