//! The person's settings: `settings.toml` in the platform's config folder.
//!
//! TOML, not JSON: people write this file by hand, and TOML allows comments
//! and says which line is wrong. Every setting is optional. A bad line never
//! stops spiral: it is reported as a [`Warning`] and its setting keeps its
//! default, while the good lines still count.

use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, FixedOffset, TimeZone as _, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::model::worksheet::Worksheet;

/// How dates are shown when the settings do not say.
pub const DEFAULT_DATE_FORMAT: &str = "%-d %b %Y %H:%M";

/// Every setting, in the order `spiral config show` prints them.
pub const KEYS: [&str; 9] = [
    "display_name",
    "default_worksheet",
    "theme",
    "editor",
    "date_format",
    "mouse",
    "never_export",
    "reference_patterns",
    "safe_words",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// What to call the person (kept for exports and greetings).
    pub display_name: Option<String>,
    /// The worksheet id selected first when starting a new entry.
    pub default_worksheet: Option<String>,
    pub theme: ThemeName,
    /// The command `Ctrl-E` runs, instead of `$VISUAL` / `$EDITOR`.
    pub editor: Option<String>,
    /// A strftime format for the dates spiral shows (chrono's syntax).
    pub date_format: Option<String>,
    pub mouse: bool,
    /// Names never to export.
    pub never_export: Vec<String>,
    /// Patterns (Rust regex syntax) for the case or reference numbers of the
    /// person's service, looked for before an export, like `MOS-\d{6}`.
    pub reference_patterns: Vec<String>,
    /// Words the identifying-details check should never ask about again
    /// (a programme's name, a town that is not where anyone lives).
    pub safe_words: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            display_name: None,
            default_worksheet: None,
            theme: ThemeName::Default,
            editor: None,
            date_format: None,
            mouse: true,
            never_export: Vec::new(),
            reference_patterns: Vec::new(),
            safe_words: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

impl ThemeName {
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
        }
    }
}

/// Something wrong in the settings file, and what spiral did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based, when the problem is on one line.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Where the settings file is: `override_path` (from `--config` or
/// `SPIRAL_CONFIG`) if given, else `settings.toml` in the platform's config
/// folder. `None` when there is no home folder to find that in.
pub fn path(override_path: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = override_path {
        return Some(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "spiral").map(|d| d.config_dir().join("settings.toml"))
}

/// Reads the settings at `path`. A missing file is simply the defaults.
pub fn load(path: &Path) -> (Settings, Vec<Warning>) {
    match crate::files::read_file(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => (
                Settings::default(),
                vec![whole_file(
                    path,
                    "is not plain text (UTF-8); using the default settings",
                )],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), Vec::new()),
        Err(e) => (
            Settings::default(),
            vec![whole_file(
                path,
                &format!("cannot be read ({e}); using the default settings"),
            )],
        ),
    }
}

fn whole_file(path: &Path, message: &str) -> Warning {
    Warning {
        path: path.to_path_buf(),
        line: None,
        message: message.to_string(),
    }
}

/// Reads settings from `text` (the contents of `path`, which is only named in
/// warnings). Never fails: whatever cannot be used is warned about and left
/// at its default.
pub fn parse(text: &str, path: &Path) -> (Settings, Vec<Warning>) {
    let mut settings = Settings::default();
    let mut warnings = Vec::new();
    let warn = |warnings: &mut Vec<Warning>, span: Option<std::ops::Range<usize>>, message| {
        warnings.push(Warning {
            path: path.to_path_buf(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        });
    };

    // Recovering parse: one broken line does not lose the good ones.
    let (table, errors) = DeTable::parse_recoverable(text);
    let broken_lines: Vec<usize> = errors
        .iter()
        .filter_map(|e| e.span().map(|s| line_of(text, s.start)))
        .collect();
    for e in &errors {
        warn(
            &mut warnings,
            e.span(),
            format!(
                "this is not valid TOML ({}); the line is skipped",
                e.message().trim_end()
            ),
        );
    }
    for (key, value) in table.into_inner() {
        let name: &str = key.get_ref();
        let span = Some(key.span());
        // The parser's guess at a broken line is not what the person meant.
        let lines = line_of(text, key.span().start)..=line_of(text, value.span().end);
        if broken_lines.iter().any(|l| lines.contains(l)) {
            continue;
        }
        let result = match name {
            "display_name" => field(text, value, "text in quotes, like \"Sam\"")
                .map(|v| settings.display_name = v),
            "default_worksheet" => field(
                text,
                value,
                "a worksheet id in quotes (`spiral worksheets` lists them)",
            )
            .map(|v| settings.default_worksheet = v),
            "theme" => {
                field(text, value, "\"default\" or \"high-contrast\"").map(|v| settings.theme = v)
            }
            "editor" => field::<String>(text, value, "a command in quotes, like \"nano\"")
                .and_then(|v| {
                    if v.trim().is_empty() {
                        Err("is empty: give a command in quotes, like \"nano\"".to_string())
                    } else {
                        settings.editor = Some(v);
                        Ok(())
                    }
                }),
            "date_format" => field::<String>(
                text,
                value,
                "a date format in quotes, like \"%Y-%m-%d %H:%M\"",
            )
            .and_then(|v| {
                check_date_format(&v)?;
                settings.date_format = Some(v);
                Ok(())
            }),
            "mouse" => field(text, value, "true or false").map(|v| settings.mouse = v),
            "never_export" => field(
                text,
                value,
                "a list of names in quotes, like [\"Family K\"]",
            )
            .map(|v| settings.never_export = v),
            "safe_words" => field(
                text,
                value,
                "a list of words in quotes, like [\"Sure Start\"]",
            )
            .map(|v| settings.safe_words = v),
            "reference_patterns" => field::<Vec<String>>(
                text,
                value,
                "a list of patterns in quotes, like ['MOS-\\d{6}']",
            )
            .and_then(|patterns| {
                for pattern in &patterns {
                    crate::identifiers::Detector::new(&crate::identifiers::Config {
                        reference_patterns: vec![pattern.clone()],
                        ..Default::default()
                    })
                    .map_err(|e| format!("has a pattern spiral cannot use: {e}"))?;
                }
                settings.reference_patterns = patterns;
                Ok(())
            }),
            _ => {
                warn(
                    &mut warnings,
                    span,
                    format!(
                        "spiral has no setting called {name:?}, so it is ignored. The settings are: {}",
                        KEYS.join(", ")
                    ),
                );
                continue;
            }
        };
        if let Err(why) = result {
            warn(
                &mut warnings,
                span,
                format!("{name} {why}; using the default instead"),
            );
        }
    }
    warnings.sort_by_key(|w| w.line);
    (settings, warnings)
}

/// One setting's value as `T`, or why not, in words.
fn field<T: DeserializeOwned>(
    text: &str,
    value: Spanned<DeValue<'_>>,
    expected: &str,
) -> Result<T, String> {
    let found = text.get(value.span()).unwrap_or_default().trim();
    let found = match found.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &found[..cut]),
        None => found.to_string(),
    };
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|_| format!("must be {expected}, not {found}"))
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Refuses a date format chrono cannot use, saying why.
pub fn check_date_format(format: &str) -> Result<(), String> {
    if format.trim().is_empty() {
        return Err("is empty: give a date format, like \"%Y-%m-%d %H:%M\"".to_string());
    }
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!(
            "{format:?} is not a date format spiral understands (a % must be followed by a \
letter such as %Y, %m, %d, %H or %M; %% writes a %)"
        ));
    }
    // Some formats parse but still cannot be written for a date with an offset.
    let mut out = String::new();
    if write!(out, "{}", sample_time().format(format)).is_err() {
        return Err(format!("{format:?} cannot be used to write a date"));
    }
    Ok(())
}

fn sample_time() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}

/// `time` in `format` (already checked when the settings were read), or in
/// the default format. Never panics, whatever the format.
pub fn format_date(time: &DateTime<FixedOffset>, format: Option<&str>) -> String {
    let format = format.unwrap_or(DEFAULT_DATE_FORMAT);
    let mut out = String::new();
    if write!(out, "{}", time.format(format)).is_ok() {
        return out;
    }
    out.clear();
    let _ = write!(out, "{}", time.format(DEFAULT_DATE_FORMAT));
    out
}

impl Settings {
    /// `time` as the person asked dates to be shown.
    pub fn when(&self, time: &DateTime<FixedOffset>) -> String {
        format_date(time, self.date_format.as_deref())
    }

    /// The most columns a date takes in this format, for table columns.
    pub fn when_width(&self) -> u16 {
        let mut widest = 0;
        // Every month, and every weekday, at a two-digit hour: the longest names.
        for month in 1..=12 {
            for day in 22..=28 {
                if let Some(t) = Utc.with_ymd_and_hms(2026, month, day, 23, 59, 59).single() {
                    widest = widest.max(self.when(&t.fixed_offset()).chars().count());
                }
            }
        }
        u16::try_from(widest).unwrap_or(u16::MAX)
    }

    /// Where the worksheet picker starts: the `default_worksheet`, or the first.
    pub fn worksheet_index(&self, worksheets: &[Worksheet]) -> usize {
        self.default_worksheet
            .as_deref()
            .and_then(|id| worksheets.iter().position(|w| w.id == id))
            .unwrap_or(0)
    }

    /// Warns about settings that name things this spiral does not have.
    pub fn check_against(&self, worksheets: &[Worksheet], path: &Path) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if let Some(id) = &self.default_worksheet
            && !worksheets.iter().any(|w| &w.id == id)
        {
            warnings.push(Warning {
                path: path.to_path_buf(),
                line: None,
                message: format!(
                    "default_worksheet {id:?} is not a worksheet this spiral has (`spiral worksheets` \
lists them); the first one is selected instead"
                ),
            });
        }
        warnings
    }

    /// The settings in effect, as a settings file: unset ones as comments.
    pub fn show(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let optional = |key: &str, value: &Option<String>, unset: &str| match value {
            Some(v) => format!("{key} = {}\n", quote(v)),
            None => format!("# {key} is not set: {unset}\n"),
        };
        let mut out = String::new();
        out.push_str(&optional(
            "display_name",
            &self.display_name,
            "no name is used",
        ));
        out.push_str(&optional(
            "default_worksheet",
            &self.default_worksheet,
            "the first worksheet is selected",
        ));
        out.push_str(&format!("theme = {}\n", quote(self.theme.as_str())));
        out.push_str(&optional(
            "editor",
            &self.editor,
            "Ctrl-E uses $VISUAL, then $EDITOR, then vi",
        ));
        out.push_str(&optional(
            "date_format",
            &self.date_format,
            &format!("dates look like {DEFAULT_DATE_FORMAT:?}"),
        ));
        out.push_str(&format!("mouse = {}\n", self.mouse));
        let names: Vec<String> = self.never_export.iter().map(|n| quote(n)).collect();
        out.push_str(&format!("never_export = [{}]\n", names.join(", ")));
        let patterns: Vec<String> = self.reference_patterns.iter().map(|n| quote(n)).collect();
        out.push_str(&format!("reference_patterns = [{}]\n", patterns.join(", ")));
        let safe: Vec<String> = self.safe_words.iter().map(|n| quote(n)).collect();
        out.push_str(&format!("safe_words = [{}]\n", safe.join(", ")));
        out
    }
}

/// Adds `value` to the list setting `key` (`never_export` or `safe_words`)
/// in the settings file at `path`, keeping everything else in it as it was,
/// comments and layout included. True when it was added, false when the
/// list had it already (in any case). A file that is not valid TOML, or
/// where `key` is not a list, is left alone and the error says why.
pub fn add_to_list(path: &Path, key: &str, value: &str) -> Result<bool, String> {
    let text = match crate::files::read_file(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| format!("{} is not plain text (UTF-8)", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        format!(
            "{} is not valid TOML ({}): fix it first, nothing was changed",
            path.display(),
            e.message()
        )
    })?;
    let item = doc
        .entry(key)
        .or_insert_with(|| toml_edit::value(toml_edit::Array::new()));
    let Some(list) = item.as_array_mut() else {
        return Err(format!(
            "{key} in {} is not a list in [ ]: fix it first, nothing was changed",
            path.display()
        ));
    };
    let lower = value.to_lowercase();
    if list
        .iter()
        .any(|v| v.as_str().is_some_and(|s| s.to_lowercase() == lower))
    {
        return Ok(false);
    }
    list.push(value);
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::store::make_private_dir(dir)
        .map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    crate::store::write_atomically(dir, path, doc.to_string().as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// What the person sees first when settings had problems: how many and
/// where to see them all (first, as the status line may be cut), then the
/// first one.
pub fn status_text(warnings: &[Warning]) -> Option<String> {
    let first = warnings.first()?;
    Some(match warnings.len() {
        1 => format!("Settings: {first}"),
        n => {
            format!("Settings: {n} problems (`spiral config show` lists them). The first: {first}")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PathBuf {
        PathBuf::from("/home/sam/.config/spiral/settings.toml")
    }

    fn parse_ok(text: &str) -> Settings {
        let (settings, warnings) = parse(text, &p());
        assert!(warnings.is_empty(), "{warnings:?}");
        settings
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse_ok(""), Settings::default());
        assert_eq!(parse_ok("# just a comment\n\n"), Settings::default());
    }

    #[test]
    fn empty_braces_are_the_defaults_through_serde_too() {
        let s: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, Settings::default());
        let s: Settings = toml::from_str("").unwrap();
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn the_defaults_are_what_the_readme_says() {
        let d = Settings::default();
        assert!(d.mouse);
        assert_eq!(d.theme, ThemeName::Default);
        assert!(d.never_export.is_empty());
        assert_eq!(
            (d.display_name, d.default_worksheet, d.editor, d.date_format),
            (None, None, None, None)
        );
    }

    #[test]
    fn every_field_parses() {
        let s = parse_ok(
            r#"
display_name = "Sam"
default_worksheet = "building-impactful-partnerships"
theme = "high-contrast"
editor = "nano -w"
date_format = "%Y-%m-%d %H:%M"
mouse = false
never_export = ["Family K", "Family T"]
reference_patterns = ['MOS-\d{6}']
"#,
        );
        assert_eq!(
            s,
            Settings {
                display_name: Some("Sam".into()),
                default_worksheet: Some("building-impactful-partnerships".into()),
                theme: ThemeName::HighContrast,
                editor: Some("nano -w".into()),
                date_format: Some("%Y-%m-%d %H:%M".into()),
                mouse: false,
                never_export: vec!["Family K".into(), "Family T".into()],
                reference_patterns: vec![r"MOS-\d{6}".into()],
                safe_words: vec![],
            }
        );
    }

    #[test]
    fn every_field_of_the_struct_is_read_by_parse() {
        // A field added to Settings but forgotten in `parse` fails here.
        let full = Settings {
            display_name: Some("Sam".into()),
            default_worksheet: Some("w".into()),
            theme: ThemeName::HighContrast,
            editor: Some("nano".into()),
            date_format: Some("%F".into()),
            mouse: false,
            never_export: vec!["x".into()],
            reference_patterns: vec!["REF-\\d+".into()],
            safe_words: vec!["Sure Start".into()],
        };
        let text = toml::to_string(&full).unwrap();
        assert_eq!(parse_ok(&text), full);
        let table: toml::Table = toml::from_str(&text).unwrap();
        let keys: Vec<&str> = table.keys().map(String::as_str).collect();
        let mut known = KEYS.to_vec();
        known.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, known);
    }

    #[test]
    fn adding_to_a_list_keeps_the_comments_and_everything_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spiral").join("settings.toml");
        // No file yet: one is made with just the list.
        assert_eq!(add_to_list(&path, "safe_words", "Sure Start"), Ok(true));
        assert_eq!(
            parse_ok(&std::fs::read_to_string(&path).unwrap()).safe_words,
            ["Sure Start"]
        );

        let text = "# My settings\ndisplay_name = \"Sam\" # me\n\n# The families\nnever_export = [\"Kayla\"] # first\nmouse = false\n";
        std::fs::write(&path, text).unwrap();
        assert_eq!(add_to_list(&path, "never_export", "Jordan Reeve"), Ok(true));
        assert_eq!(
            add_to_list(&path, "never_export", "KAYLA"),
            Ok(false),
            "there already"
        );
        let after = std::fs::read_to_string(&path).unwrap();
        for kept in [
            "# My settings",
            "display_name = \"Sam\" # me",
            "# The families",
            "# first",
            "mouse = false",
        ] {
            assert!(after.contains(kept), "{kept:?} kept in:\n{after}");
        }
        let s = parse_ok(&after);
        assert_eq!(s.never_export, ["Kayla", "Jordan Reeve"]);
        assert!(!s.mouse);
    }

    #[test]
    fn a_broken_settings_file_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        for text in [
            "never_export = [\"Kayla\"\n# cut short",
            "never_export = \"Kayla\"\n",
        ] {
            std::fs::write(&path, text).unwrap();
            let e = add_to_list(&path, "never_export", "Jordan").unwrap_err();
            assert!(
                e.contains("nothing was changed") && e.contains("settings.toml"),
                "{e}"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn show_prints_a_file_that_reads_back_the_same() {
        for s in [
            Settings::default(),
            parse_ok(
                "display_name = \"Sam \\\"S\\\"\"\ntheme = \"high-contrast\"\ndate_format = \"%F\"\nmouse = false\nnever_export = [\"a\", \"b\"]\neditor = \"code --wait\"\ndefault_worksheet = \"w\"",
            ),
        ] {
            assert_eq!(parse_ok(&s.show()), s, "{}", s.show());
        }
        assert!(
            Settings::default()
                .show()
                .contains("# date_format is not set")
        );
    }

    #[test]
    fn a_broken_file_names_the_file_and_line_and_keeps_the_good_lines() {
        let (s, warnings) = parse(
            "display_name = \"Sam\"\ntheme = \"high-contrast\nmouse = false\n",
            &p(),
        );
        assert!(!warnings.is_empty());
        let text = warnings[0].to_string();
        assert!(
            text.starts_with("/home/sam/.config/spiral/settings.toml, line 2:"),
            "{text}"
        );
        assert!(text.contains("not valid TOML"), "{text}");
        assert_eq!(s.display_name.as_deref(), Some("Sam"));
        assert!(!s.mouse, "the line after the broken one still counts");
        assert_eq!(s.theme, ThemeName::Default);
    }

    #[test]
    fn garbage_is_defaults_with_a_warning() {
        let (s, warnings) = parse("this is not toml at all {{{", &p());
        assert_eq!(s, Settings::default());
        assert!(!warnings.is_empty());
        assert_eq!(warnings[0].line, Some(1));
    }

    #[test]
    fn an_unknown_key_is_warned_about_by_name() {
        let (s, warnings) = parse("mouse = false\n\ncolour = \"blue\"\n", &p());
        assert!(!s.mouse);
        assert_eq!(warnings.len(), 1);
        let text = warnings[0].to_string();
        assert!(text.contains("line 3"), "{text}");
        assert!(text.contains("\"colour\""), "{text}");
        assert!(text.contains("theme"), "lists the real settings: {text}");
    }

    #[test]
    fn an_unknown_table_is_warned_about_by_name() {
        let (_, warnings) = parse("[colours]\ntitle = \"red\"\n", &p());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("\"colours\""));
        assert_eq!(warnings[0].line, Some(1));
    }

    #[test]
    fn a_bad_value_keeps_its_default_and_the_rest() {
        let (s, warnings) = parse(
            "theme = \"dark\"\nmouse = \"yes\"\ndisplay_name = \"Sam\"\nnever_export = \"Family K\"\n",
            &p(),
        );
        assert_eq!(s.theme, ThemeName::Default);
        assert!(s.mouse);
        assert!(s.never_export.is_empty());
        assert_eq!(s.display_name.as_deref(), Some("Sam"));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let all: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(
            all.iter().any(|w| w.contains("line 1")
                && w.contains("theme must be \"default\" or \"high-contrast\"")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|w| w.contains("line 2") && w.contains("mouse must be true or false")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|w| w.contains("line 4") && w.contains("never_export")),
            "{all:?}"
        );
    }

    #[test]
    fn a_bad_date_format_is_refused_with_a_message() {
        let (s, warnings) = parse("date_format = \"%Y-%Q\"\n", &p());
        assert_eq!(s.date_format, None);
        assert_eq!(warnings.len(), 1);
        let text = warnings[0].to_string();
        assert!(text.contains("line 1"), "{text}");
        assert!(text.contains("date_format"), "{text}");
        assert!(text.contains("not a date format"), "{text}");
        for bad in ["%", "abc %", "", "   "] {
            assert!(check_date_format(bad).is_err(), "{bad:?}");
        }
        for good in [
            "%Y-%m-%d",
            "%-d %b %Y %H:%M",
            "%A %e %B, %I:%M %p",
            "%F %T %z",
        ] {
            assert!(check_date_format(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn an_empty_editor_is_refused() {
        let (s, warnings) = parse("editor = \"  \"\n", &p());
        assert_eq!(s.editor, None);
        assert!(warnings[0].message.contains("editor is empty"));
    }

    #[test]
    fn dates_follow_the_format() {
        let t = DateTime::parse_from_rfc3339("2026-11-24T09:31:00+11:00").unwrap();
        let mut s = Settings::default();
        assert_eq!(s.when(&t), "24 Nov 2026 09:31");
        assert_eq!(s.when_width(), 17, "the default fits Home's old column");
        s.date_format = Some("%Y-%m-%d".into());
        assert_eq!(s.when(&t), "2026-11-24");
        assert_eq!(s.when_width(), 10);
        s.date_format = Some("%A %-d %B".into());
        assert_eq!(s.when_width(), "Wednesday 23 September".len() as u16);
        // An unchecked bad format falls back rather than panicking.
        assert_eq!(format_date(&t, Some("%Q %")), "24 Nov 2026 09:31");
    }

    #[test]
    fn the_default_worksheet_is_found_or_the_first_is_used() {
        // One built-in worksheet and a second one after it.
        let mut ws = crate::content::builtin().unwrap();
        ws.truncate(1);
        let mut second = ws[0].clone();
        second.id = "second".into();
        ws.push(second);
        let mut s = Settings::default();
        assert_eq!(s.worksheet_index(&ws), 0);
        s.default_worksheet = Some("second".into());
        assert_eq!(s.worksheet_index(&ws), 1);
        assert!(s.check_against(&ws, &p()).is_empty());
        s.default_worksheet = Some("nope".into());
        assert_eq!(s.worksheet_index(&ws), 0);
        let warnings = s.check_against(&ws, &p());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("\"nope\""));
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_no_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (s, warnings) = load(&dir.path().join("settings.toml"));
        assert_eq!(s, Settings::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_file_that_is_not_text_is_defaults_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.toml");
        std::fs::write(&file, [0xff, 0xfe, 0x00]).unwrap();
        let (s, warnings) = load(&file);
        assert_eq!(s, Settings::default());
        assert!(warnings[0].to_string().contains("not plain text"));
    }

    #[test]
    fn the_status_line_names_the_first_problem_and_counts_the_rest() {
        assert_eq!(status_text(&[]), None);
        let w = |line| Warning {
            path: p(),
            line: Some(line),
            message: "x".into(),
        };
        assert_eq!(
            status_text(&[w(1)]).unwrap(),
            "Settings: /home/sam/.config/spiral/settings.toml, line 1: x"
        );
        assert!(
            status_text(&[w(1), w(2)])
                .unwrap()
                .starts_with("Settings: 2 problems (`spiral config show` lists them). The first: ")
        );
    }
}
