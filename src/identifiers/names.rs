//! People's names in free text, found without a list of the family's names.
//!
//! The idea is Philter's (UCSF, 2020): rather than know every name, know
//! which words are safe, and ask about the rest. A capitalised word is a
//! possible name when it is on none of the lists of words that are not
//! names: common English (SCOWL), the worksheets' own words, and
//! `safe.txt` (months, days, titles, place-type words, services and terms
//! of practice). A word on the given-name and surname lists is a name in a
//! name's place even when it is also a word: "with Grace" and "Mrs Hope"
//! are names, "Grace under pressure" at the start of a sentence and "I hope
//! we can" are not.
//!
//! Where a name goes:
//!
//! - after a title or a family word: Mr, Mrs, Ms, Dr, Nan, Aunty, baby, her
//!   brother (then even a lowercase word that is not a common one: "mrs
//!   smith" is found, "Mr and Mrs" is not);
//! - after "called" and "named";
//! - before "'s mum", "'s dad" and other family words, and before an age:
//!   "Kayla (7)", "Dad, 41,";
//! - anywhere a capital is not there for the sentence: mid-sentence.
//!
//! At the start of a sentence (after . ! ? : ; a new line or an opening
//! quote), a word is a name only when it is on no list of words at all, or
//! on the name lists and not an everyday word: "Kayla said" is found, "Will
//! you" and "Hope matters" are not.
//!
//! Misses: names in lowercase (unless after a title), names that are also
//! common words at the start of a sentence ("Rose said"), names written in
//! scripts without capitals (Arabic, Chinese, Devanagari…), and surnames
//! that SCOWL lists as places or brands when they start a sentence. Flags
//! wrongly: uncommon capitalised words that are on no list (a town, a
//! programme's name, a typo with a capital).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use fst::Map;

use super::{Found, Kind};

/// The word map built by build.rs: each lowercase word and the lists it is
/// on, as these flags.
const ENGLISH: u64 = 1;
const NAME: u64 = 2;
const PROPER: u64 = 4;
const SAFE: u64 = 8;

static WORDS: LazyLock<Map<&'static [u8]>> = LazyLock::new(|| {
    Map::new(&include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"))[..])
        .expect("the word map built by build.rs")
});

/// The lists a word is on (any case), 0 for none.
fn lookup(word: &str) -> u64 {
    let map = &*WORDS;
    let lower = word.to_lowercase().replace('’', "'");
    // A plural is also what its singular is: "Thursdays", "the Khans".
    let stem = lower
        .strip_suffix('s')
        .filter(|stem| stem.chars().count() >= 3)
        .and_then(|stem| map.get(stem))
        .unwrap_or(0);
    map.get(&lower).unwrap_or(0) | stem
}

/// Whether a capitalised `word` could be a name: on the name lists, or on
/// no list of words at all ("Rose", "Tyreese"; not "Option").
pub(super) fn could_be_name(word: &str) -> bool {
    let flags = lookup(word);
    flags & NAME != 0 || flags & (ENGLISH | SAFE) == 0
}

/// The flags of a word, for other detectors.
pub(super) fn flags_of(word: &str) -> (bool, bool, bool) {
    let flags = lookup(word);
    (flags & SAFE != 0, flags & PROPER != 0, flags & NAME != 0)
}

/// Whether `word` (lowercase) is on the safe list or among the worksheets'
/// own words.
pub(super) fn is_safe_word(word: &str) -> bool {
    lookup(word) & SAFE != 0
}

/// Whether `word` is on the given-name or surname lists (any case).
pub(super) fn is_listed_name(word: &str) -> bool {
    lookup(word) & NAME != 0
}

/// Words a name follows: titles and family words. After a title even a
/// lowercase uncommon word is a name.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "grandad", "granddad", "grandpa", "aunty", "auntie", "aunt", "uncle", "baby",
    "cousin", "nonna", "nonno", "sister", "brother", "pop", "poppy", "dc", "ds", "pc", "di", "sgt",
    "insp", "cllr", "rev", "revd", "fr", "judge",
];

/// Titles that only ever come before a surname.
const REAL_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "dc", "ds", "pc", "di", "sgt", "insp", "cllr",
    "rev", "revd",
];

/// Family words a name follows when it has a capital ("her brother
/// Jayden"), and that follow a name in "Kayla's mum".
const FAMILY: &[&str] = &[
    "mum",
    "mam",
    "mom",
    "mummy",
    "dad",
    "daddy",
    "son",
    "daughter",
    "husband",
    "wife",
    "partner",
    "boyfriend",
    "girlfriend",
    "ex",
    "stepdad",
    "stepmum",
    "stepson",
    "stepdaughter",
    "niece",
    "nephew",
    "grandson",
    "granddaughter",
    "twin",
    "sister",
    "brother",
    "sibling",
    "siblings",
    "child",
    "children",
    "kids",
    "baby",
    "nan",
    "gran",
    "grandma",
    "grandad",
    "aunty",
    "auntie",
    "uncle",
    "cousin",
    "carer",
    "friend",
    "teacher",
    "worker",
    "house",
    "place",
    "school",
    "family",
    "room",
    "behaviour",
    "needs",
    "voice",
    "view",
    "views",
    "wishes",
    "father",
    "mother",
    "grandmother",
    "grandfather",
    "grandparents",
    "stepmother",
    "stepfather",
    "parents",
    "name",
];

/// Words a name is called by.
const CALLED: &[&str] = &["called", "named", "nicknamed", "calls", "renamed"];

/// Words after which a capitalised everyday word is no name ("the Hope
/// Centre", "a Will"), though an unknown one still is.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "every", "each",
    "any", "some", "no",
];

/// Words after which a place-name from SCOWL is a place, not a person: "in
/// Leeds", "from Newcastle".
const PLACE_WORDS: &[&str] = &[
    "in", "from", "near", "to", "around", "across", "outside", "towards", "into", "via", "of",
];

/// Words that are never names on their own, whatever list they are on.
const NEVER: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "the", "and", "or", "but", "if", "so", "a", "an", "of",
    "to", "in", "on", "at", "by", "for", "with", "we", "he", "she", "they", "it", "you", "my",
    "her", "his", "their", "our", "me", "him", "them", "us", "is", "was", "be", "not", "no", "yes",
    "as", "do", "did", "has", "had", "have", "am", "are", "can", "just", "said", "also",
];

/// Which of the lists above a word is on, as bits: looked up once per
/// word, not searched for again each time a neighbour asks.
const IS_TITLE: u8 = 1;
const IS_REAL_TITLE: u8 = 2;
const IS_FAMILY: u8 = 4;
const IS_CALLED: u8 = 8;
const IS_DETERMINER: u8 = 16;
const IS_PLACE_WORD: u8 = 32;
const IS_NEVER: u8 = 64;

static CLASSES: LazyLock<std::collections::HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map = std::collections::HashMap::new();
    for (list, bit) in [
        (TITLES, IS_TITLE),
        (REAL_TITLES, IS_REAL_TITLE),
        (FAMILY, IS_FAMILY),
        (CALLED, IS_CALLED),
        (DETERMINERS, IS_DETERMINER),
        (PLACE_WORDS, IS_PLACE_WORD),
        (NEVER, IS_NEVER),
    ] {
        for word in list {
            *map.entry(*word).or_insert(0) |= bit;
        }
    }
    map
});

/// The lists `word` (lowercase) is on, as the bits above.
fn class_of(word: &str) -> u8 {
    CLASSES.get(word).copied().unwrap_or(0)
}

/// One word of the text.
#[derive(Debug, Clone)]
struct Word {
    /// The word, a possessive "'s" left out.
    range: Range<usize>,
    /// The word has a possessive "'s" after it.
    possessive: bool,
    /// Joined to the word before by a hyphen ("Mia-Rose").
    hyphened: bool,
}

/// Splits `text` into words: letters and marks, with apostrophes inside
/// ("O'Neill"); hyphens split words ("Mia-Rose" is two, joined).
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let letter = |c: char| c.is_alphabetic();
    while let Some((start, c)) = chars.next() {
        if !letter(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, c)) = chars.peek() {
            let joins = (c == '\'' || c == '’')
                && text[at + c.len_utf8()..].chars().next().is_some_and(letter);
            if letter(c) || is_mark(c) || joins {
                end = at + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let word = &text[start..end];
        let mut possessive = false;
        let mut range = start..end;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if word.len() > suffix.len() && word.ends_with(suffix) {
                range.end -= suffix.len();
                possessive = true;
                break;
            }
        }
        let hyphened = start > 0
            && text[..start].ends_with('-')
            && text[..start - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
        out.push(Word {
            range,
            possessive,
            hyphened,
        });
    }
    out
}

fn is_mark(c: char) -> bool {
    // Combining marks (decomposed accents): the common blocks.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// How a word starts.
fn has_capital(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// All capitals, like an acronym ("NHS", "CAMHS"): not taken for a name
/// except after a title.
fn all_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Whether the gap before a word ends a sentence: . ! ? : ; a new line, a
/// bullet, an opening quote; or it is the start of the text. "Mrs. Smith"
/// and "Dr. Patel" do not end one.
fn starts_sentence(gap: &str, before: Option<&str>) -> bool {
    let Some(before) = before else {
        return true;
    };
    if gap.contains(['!', '?', ':', ';', '\n', '•', '"', '“', '‘', '*', '–', '—']) {
        return true;
    }
    if gap.contains('.') {
        let title = class_of(&before.to_lowercase()) & IS_TITLE != 0;
        let initial = before.chars().count() == 1;
        return !(title || initial);
    }
    false
}

/// Whether what follows a word at `at` is an age: "(7)", "(aged 7)", ", 41,".
fn age_follows(text: &str, at: usize) -> bool {
    static AGE: LazyLock<regex::Regex> = LazyLock::new(|| {
        super::regex(concat!(
            r"^(?:\s*\(\s*(?:(?i:aged?)\s*)?\d{1,2}\s*(?:\)|,|yrs?|years?|y/?o)|,\s*\d{1,2}\s*,",
            r"|\s+(?:is|was|turned)\s+(?:nearly\s+|almost\s+|just\s+|only\s+)?\d{1,2}",
            r"(?:\s*[.,;)]|\s+and\b|\s+(?:years?|months?|weeks?)\s+old\b))",
        ))
    });
    let rest = text[at..].trim_start();
    if !(rest.starts_with(['(', ','])
        || rest.starts_with("is ")
        || rest.starts_with("was ")
        || rest.starts_with("turned "))
    {
        return false;
    }
    AGE.is_match(&text[at..super::floor_boundary(text, text.len().min(at + 40))])
}

/// Finds people's names; see the module's notes.
pub(super) fn names(found: &mut Found) {
    let text = found.text;
    let words = words(text);
    // Most words are lowercase already: borrowed, not copied.
    let lower: Vec<Cow<str>> = words
        .iter()
        .map(|w| {
            let surface = &text[w.range.clone()];
            if surface
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'\'')
            {
                Cow::Borrowed(surface)
            } else {
                Cow::Owned(surface.to_lowercase().replace('’', "'"))
            }
        })
        .collect();
    let class: Vec<u8> = lower.iter().map(|w| class_of(w)).collect();
    let mut flagged = vec![false; words.len()];
    // Whether each word could be part of a name beside a name.
    let mut nameish = vec![false; words.len()];
    for (i, word) in words.iter().enumerate() {
        let surface = &text[word.range.clone()];
        if surface.chars().count() < 2 {
            continue;
        }
        let me = lower[i].as_ref();
        if class[i] & IS_NEVER != 0 {
            continue;
        }
        let capital = has_capital(surface);
        let prev = i.checked_sub(1).map(|p| lower[p].as_ref());
        let gap = match i.checked_sub(1) {
            Some(p) => &text[words[p].range.end..word.range.start],
            None => &text[..word.range.start],
        };
        let prev_class = i.checked_sub(1).map_or(0, |p| class[p]);
        let prev_is = |bit: u8| prev_class & bit != 0;
        let close = gap.trim().is_empty() || gap.trim() == ".";
        let after_title = close && prev_is(IS_TITLE);
        let after_family = gap.trim().is_empty() && prev_is(IS_FAMILY);
        let after_called = gap.trim().is_empty() && prev_is(IS_CALLED);
        // Lowercase: a name only straight after a title ("mrs smith").
        if !capital {
            let real_title = close && prev_is(IS_REAL_TITLE);
            if real_title && !everyday_function(me) {
                let flags = lookup(me);
                if flags & NAME != 0 || flags & (ENGLISH | SAFE | PROPER) == 0 {
                    flagged[i] = true;
                }
            }
            continue;
        }
        let flags = lookup(me);
        let before_family = word.possessive && class.get(i + 1).is_some_and(|c| c & IS_FAMILY != 0);
        let before_age = age_follows(text, word.range.end);
        let unknown = flags & (ENGLISH | SAFE | PROPER | NAME) == 0;
        let listed = flags & NAME != 0;
        let everyday = flags & (ENGLISH | SAFE) != 0;
        nameish[i] = capital
            && !all_capitals(surface)
            && (listed || unknown || flags & PROPER != 0)
            && flags & SAFE == 0;

        if all_capitals(surface) && !after_title {
            continue;
        }
        let strong = after_title
            || after_called
            || before_family
            || before_age
            || (after_family && (listed || unknown));
        // After Mr, Mrs, Dr, DC…: any capitalised word but a safe one.
        // ("I miss Home" is not a title: Miss is one only with its capital.)
        let prev_capital = i
            .checked_sub(1)
            .is_some_and(|p| has_capital(&text[words[p].range.clone()]));
        let after_real_title =
            close && prev_is(IS_REAL_TITLE) && (prev != Some("miss") || prev_capital);
        if strong {
            if listed || unknown || flags & PROPER != 0 || (after_real_title && flags & SAFE == 0) {
                flagged[i] = true;
            }
            continue;
        }
        if flags & SAFE != 0 {
            continue;
        }
        let sentence_start = starts_sentence(gap, prev) && !word.hyphened;
        let plural_family = prev == Some("the") && me.ends_with('s') && listed;
        flagged[i] = if sentence_start {
            // SCOWL's capitalised words are places, brands and names; at
            // the start of a sentence in a reflection, more often names.
            unknown || (listed && !everyday) || (flags & PROPER != 0 && !everyday)
        } else if unknown {
            // "in Penrith", "near Dubbo": a place, not a person.
            word.possessive
                || !prev.is_some_and(|p| {
                    matches!(p, "in" | "near" | "around" | "outside" | "across" | "via")
                })
        } else if plural_family {
            true
        } else if listed {
            !prev_is(IS_DETERMINER) || !everyday
        } else if flags & PROPER != 0 {
            !everyday && !prev_is(IS_PLACE_WORD) && !prev_is(IS_DETERMINER)
        } else {
            false
        };
    }
    // A name runs on over the name-like words beside it: "Kayla Brown",
    // "Grace Mbeki", "Mia-Rose".
    let joined = |a: usize, b: usize| {
        let gap = &text[words[a].range.end..words[b].range.start];
        !words[a].possessive && (gap == " " || gap == "\u{a0}" || (gap == "-" && words[b].hyphened))
    };
    for i in 1..words.len() {
        if flagged[i - 1] && !flagged[i] && nameish[i] && joined(i - 1, i) {
            flagged[i] = true;
        }
    }
    for i in (0..words.len().saturating_sub(1)).rev() {
        if flagged[i + 1] && !flagged[i] && nameish[i] && joined(i, i + 1) {
            flagged[i] = true;
        }
    }
    let mut i = 0;
    while i < words.len() {
        if !flagged[i] {
            i += 1;
            continue;
        }
        let start = words[i].range.start;
        let mut end = words[i].range.end;
        let mut j = i + 1;
        while j < words.len() && flagged[j] && joined(j - 1, j) {
            end = words[j].range.end;
            j += 1;
        }
        found.add(Kind::Name, start..end);
        i = j;
    }
}

/// Little words that follow a title without being a name: "Mr and Mrs".
fn everyday_function(word: &str) -> bool {
    matches!(
        word,
        "and" | "or" | "&" | "the" | "a" | "said" | "was" | "is" | "has" | "had" | "who" | "to"
    ) || lookup(word) & SAFE != 0
}
