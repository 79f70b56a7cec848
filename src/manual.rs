//! Shell completions and the manual page. Both are made from the clap
//! definitions in `cli.rs`, so they can never drift from the real commands.

use std::io::{self, Write};

use clap::CommandFactory as _;
use clap_complete::Shell;
use roff::{Roff, bold, italic, roman};

use crate::cli::Cli;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "spiral", out);
}

/// The definitions roff writes before every page so apostrophes print
/// straight; written once, after `.TH`.
const APOSTROPHES: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// Writes the manual page (section 1, roff) for `spiral` and every command.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let cmd = Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let render = |section: &dyn Fn(&mut dyn Write) -> io::Result<()>| -> io::Result<String> {
        let mut buf = Vec::new();
        section(&mut buf)?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        Ok(text
            .strip_prefix(APOSTROPHES)
            .map_or(text.clone(), str::to_string))
    };
    // `.TH` first, as man pages begin; then the apostrophe definitions once.
    let mut text = render(&|w| page.render_title(w))?;
    text.push_str(APOSTROPHES);
    text.push_str(&render(&|w| page.render_name_section(w))?);
    text.push_str(&render(&|w| page.render_synopsis_section(w))?);
    text.push_str(&render(&|w| page.render_description_section(w))?);
    text.push_str(&render(&|w| page.render_options_section(w))?);
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    about_settings(&mut roff);
    text.push_str(&render(&|w| roff.to_writer(w))?);
    text.push_str(&render(&|w| page.render_version_section(w))?);
    out.write_all(text.as_bytes())
}

/// Every command on this one page (clap_mangen would point at a page per
/// command, which we do not install).
fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    roff.text([
        roman("With no command, "),
        bold("spiral"),
        roman(" opens the workbook in the terminal."),
    ]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        command(roff, sub, "spiral");
    }
}

fn command(roff: &mut Roff, cmd: &clap::Command, parent: &str) {
    let name = format!("{parent} {}", cmd.get_name());
    if cmd.has_subcommands() {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            command(roff, sub, &name);
        }
        return;
    }
    let mut usage = vec![bold(name)];
    let mut described = Vec::new();
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() && !a.is_hide_set())
    {
        let value = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
        let shown = match arg.get_long() {
            Some(long) if arg.get_action().takes_values() => format!("[--{long} {value}]"),
            Some(long) => format!("[--{long}]"),
            None => value,
        };
        usage.push(roman(" "));
        usage.push(italic(shown.clone()));
        if let Some(help) = arg.get_help() {
            described.push((shown, help.to_string()));
        }
    }
    roff.control("TP", []);
    roff.text(usage);
    if let Some(about) = cmd.get_about() {
        roff.text([roman(about.to_string())]);
    }
    for (shown, help) in described {
        roff.control("br", []);
        roff.text([italic(shown), roman(format!(": {help}"))]);
    }
    let values = cmd
        .get_arguments()
        .filter(|a| a.get_long().is_none() && !a.is_hide_set())
        .flat_map(|a| a.get_possible_values())
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>();
    if !values.is_empty() {
        roff.control("br", []);
        roff.text([roman(format!("One of: {}.", values.join(", ")))]);
    }
}

fn about_settings(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    let entries: [(&str, &str); 5] = [
        (
            "SPIRAL_DATA_DIR",
            "The folder where entries are kept, as --data-dir.",
        ),
        (
            "SPIRAL_CONFIG",
            "The settings file, as --config. Tests set it so a person's own settings play no part.",
        ),
        (
            "NO_COLOR",
            "Set to anything, turns colour off in either theme; nothing depends on colour alone.",
        ),
        (
            "VISUAL, EDITOR",
            "The editor Ctrl-E opens when the settings name none; vi if neither is set.",
        ),
        (
            "XDG_CONFIG_HOME, XDG_DATA_HOME",
            "On Linux, where the config and data folders are.",
        ),
    ];
    for (name, what) in entries {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(what)]);
    }

    roff.control("SH", ["FILES"]);
    let files: [(&str, &str); 3] = [
        (
            "~/.config/spiral/settings.toml",
            "Your settings (Linux; spiral config path prints where it is on any system). \
Every setting is optional: display_name, default_worksheet, theme (\"default\" or \"high-contrast\"), \
editor, date_format (a strftime format), mouse (true or false), never_export (names an export must never contain) \
and reference_patterns (patterns for your service's case numbers, looked for before an export). \
A line spiral cannot use is reported with its line number, and only that setting keeps its default; \
spiral config show lists every problem and the settings in effect.",
        ),
        (
            "~/.local/share/spiral/entries/",
            "Your entries, one JSON file each (Linux). Private to you (0700 and 0600).",
        ),
        (
            "~/.local/share/spiral/trash/",
            "Deleted entries, until you empty the trash.",
        ),
    ];
    for (name, what) in files {
        roff.control("TP", []);
        roff.text([italic(name)]);
        roff.text([roman(what)]);
    }

    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(
        "0 when all went well; 1 when something went wrong (said on stderr), \
and from spiral doctor when the data folder has problems.",
    )]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        let mut out = Vec::new();
        man(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_man_page_starts_with_its_title_and_defines_apostrophes_once() {
        let page = page();
        assert!(page.starts_with(".TH spiral 1"), "{page}");
        assert_eq!(page.matches(".ds Aq").count(), 2, "one .ie/.el pair");
    }

    #[test]
    fn the_man_page_has_every_command_on_it() {
        let page = page();
        for sub in Cli::command().get_subcommands() {
            assert!(
                // roff writes a hyphen as \-.
                page.contains(&format!("spiral {}", sub.get_name().replace('-', "\\-"))),
                "{} is missing",
                sub.get_name()
            );
        }
        for text in [
            "spiral config path",
            "spiral config show",
            "SPIRAL_CONFIG",
            "ENVIRONMENT",
        ] {
            assert!(page.contains(text), "{text}");
        }
        assert!(
            !page.contains("spiral-list(1)"),
            "no pointers to pages we do not install"
        );
    }

    #[test]
    fn completions_name_every_command() {
        let mut out = Vec::new();
        completions(Shell::Bash, &mut out);
        let script = String::from_utf8(out).unwrap();
        for sub in Cli::command().get_subcommands() {
            assert!(script.contains(sub.get_name()), "{}", sub.get_name());
        }
    }
}
