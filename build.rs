//! Embeds every `content/*.json` worksheet into the binary, so `spiral` works
//! from any folder and adding a worksheet needs no Rust; and builds the word
//! lists the identifying-details check reads (vendor/wordlists, the
//! worksheets' own words and src/identifiers/safe.txt) into one compact
//! `fst` map.

use std::collections::BTreeMap;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("content/ folder is missing")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        // The JSON Schema for editors sits beside the worksheets; it is not one.
        .filter(|p| !p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    files.sort();
    let mut out = String::from("pub static BUILTIN: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("content/{name}"),
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_content.rs");
    fs::write(dest, out).expect("cannot write the embedded content list");
    word_lists(&dir);
}

// The flags of a word in the map; src/identifiers/words.rs reads them.
const ENGLISH: u64 = 1;
const NAME: u64 = 2;
const PROPER: u64 = 4;
const SAFE: u64 = 8;

/// One `fst` map from each lowercase word to the lists it is on.
fn word_lists(content: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    let add_file = |path: &Path, flag: u64, words: &mut BTreeMap<String, u64>| {
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for line in text.lines() {
            let word = line.split('#').next().unwrap_or("").trim().to_lowercase();
            if !word.is_empty() {
                *words.entry(word).or_default() |= flag;
            }
        }
    };
    let lists = root.join("vendor/wordlists");
    add_file(&lists.join("english.txt"), ENGLISH, &mut words);
    add_file(&lists.join("names.txt"), NAME, &mut words);
    add_file(&lists.join("proper.txt"), PROPER, &mut words);
    add_file(&root.join("src/identifiers/safe.txt"), SAFE, &mut words);

    // The worksheets' own words (titles, stage names, prompts; not the
    // credits, which name real people) are safe, unless they are names.
    let mut vocabulary = Vec::new();
    for entry in fs::read_dir(content).expect("content/ folder is missing") {
        let path = entry.expect("content/ entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a worksheet");
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        strings(&value, &mut vocabulary);
    }
    for text in vocabulary {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let word = word.to_lowercase();
            if word.chars().count() < 2 {
                continue;
            }
            let flags = words.entry(word).or_default();
            if *flags & (NAME | PROPER) == 0 {
                *flags |= SAFE;
            }
        }
    }
    let mut bytes = Vec::new();
    let mut map = fst::MapBuilder::new(&mut bytes).expect("fst builder");
    for (word, flags) in &words {
        map.insert(word, *flags).expect("sorted words");
    }
    map.finish().expect("fst map");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("words.fst");
    fs::write(dest, bytes).expect("cannot write the word map");
}

/// Every string in a worksheet but those of its credit, source and links.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        serde_json::Value::Object(fields) => {
            for (key, item) in fields {
                if !matches!(key.as_str(), "credit" | "source" | "url" | "links") {
                    strings(item, out);
                }
            }
        }
        _ => {}
    }
}
