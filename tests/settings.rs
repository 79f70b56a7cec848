//! Settings: `spiral config`, every broken settings file under
//! `tests/fixtures/settings/`, and what the settings change on screen.
//! Every test names its settings file through SPIRAL_CONFIG or --config, so
//! a person's own settings play no part.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use predicates::prelude::*;
use ratatui::style::Color;
use ratatui::{Terminal, backend::TestBackend};
use spiral::content;
use spiral::model::entry::Entry;
use spiral::msg::Msg;
use spiral::settings::{self, Settings, ThemeName};
use spiral::state::{Model, Screen};
use spiral::ui::theme::Theme;

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/settings")
        .join(name)
}

fn spiral(data: &Path, config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", config)
        .env_remove("NO_COLOR");
    cmd
}

/// `spiral config show` with the fixture `name`; the file is named by path.
fn show_fixture(name: &str) -> assert_cmd::assert::Assert {
    let data = tempfile::tempdir().unwrap();
    spiral(data.path(), &fixture(name))
        .args(["config", "show"])
        .assert()
        .success()
}

#[test]
fn config_path_prints_the_file_named_by_spiral_config() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my-settings.toml");
    spiral(dir.path(), &file)
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", file.display()))
        .stderr(predicate::str::contains("no file there yet"));
    fs::write(&file, "").unwrap();
    spiral(dir.path(), &file)
        .args(["config", "path"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_config_flag_wins_over_spiral_config() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("from-flag.toml");
    spiral(dir.path(), &dir.path().join("from-env.toml"))
        .args(["config", "path", "--config"])
        .arg(&flag)
        .assert()
        .success()
        .stdout(format!("{}\n", flag.display()));
}

#[cfg(target_os = "linux")]
#[test]
fn the_settings_file_is_in_the_platform_config_folder() {
    // A made-up home folder: the real one is never looked at.
    let home = tempfile::tempdir().unwrap();
    Command::cargo_bin("spiral")
        .unwrap()
        .env_remove("SPIRAL_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", home.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            home.path().join(".config/spiral/settings.toml").display()
        ));
}

#[test]
fn config_show_without_a_file_prints_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path(), &dir.path().join("none.toml"))
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# The default settings"))
        .stdout(predicate::str::contains("theme = \"default\""))
        .stdout(predicate::str::contains("mouse = true"))
        .stdout(predicate::str::contains("# date_format is not set"))
        .stderr("");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "showing creates nothing"
    );
}

#[test]
fn config_show_prints_every_setting_in_effect() {
    show_fixture("every-setting.toml")
        .stdout(predicate::str::contains("display_name = \"Sam\""))
        .stdout(predicate::str::contains(
            "default_worksheet = \"building-impactful-partnerships\"",
        ))
        .stdout(predicate::str::contains("theme = \"high-contrast\""))
        .stdout(predicate::str::contains("editor = \"nano -w\""))
        .stdout(predicate::str::contains("date_format = \"%Y-%m-%d\""))
        .stdout(predicate::str::contains("mouse = false"))
        .stdout(predicate::str::contains(
            "never_export = [\"Family K\", \"J & baby\"]",
        ))
        .stderr("");
}

#[test]
fn config_show_output_is_itself_a_settings_file() {
    let out = show_fixture("every-setting.toml")
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let (reread, warnings) = settings::parse(&text, Path::new("shown.toml"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(reread, settings::load(&fixture("every-setting.toml")).0);
}

#[test]
fn a_broken_line_is_named_with_its_file_and_line_and_the_rest_still_counts() {
    let file = fixture("broken-line.toml");
    show_fixture("broken-line.toml")
        .stderr(predicate::str::contains(format!(
            "warning: {}, line 2:",
            file.display()
        )))
        .stderr(predicate::str::contains("not valid TOML"))
        .stdout(predicate::str::contains("display_name = \"Sam\""))
        .stdout(predicate::str::contains("date_format = \"%Y-%m-%d\""))
        .stdout(predicate::str::contains("theme = \"default\""));
}

#[test]
fn an_unknown_key_is_warned_about_by_name() {
    show_fixture("unknown-key.toml")
        .stderr(predicate::str::contains("unknown-key.toml, line 2:"))
        .stderr(predicate::str::contains(
            "spiral has no setting called \"colour\"",
        ))
        .stdout(predicate::str::contains("date_format = \"%Y-%m-%d\""));
}

#[test]
fn a_bad_date_format_is_refused_with_a_message() {
    show_fixture("bad-date-format.toml")
        .stderr(predicate::str::contains("bad-date-format.toml, line 2:"))
        .stderr(predicate::str::contains(
            "\"%Y-%Q\" is not a date format spiral understands",
        ))
        .stdout(predicate::str::contains("# date_format is not set"))
        .stdout(predicate::str::contains("display_name = \"Sam\""));
}

#[test]
fn bad_values_each_keep_their_default_and_say_what_is_expected() {
    show_fixture("bad-values.toml")
        .stderr(predicate::str::contains(
            "line 1: theme must be \"default\" or \"high-contrast\", not \"dark\"",
        ))
        .stderr(predicate::str::contains(
            "line 2: mouse must be true or false, not \"yes\"",
        ))
        .stderr(predicate::str::contains(
            "line 3: never_export must be a list",
        ))
        .stdout(predicate::str::contains("theme = \"default\""))
        .stdout(predicate::str::contains("mouse = true"))
        .stdout(predicate::str::contains("display_name = \"Sam\""));
}

#[test]
fn a_file_that_is_not_toml_gives_the_defaults_and_a_warning() {
    show_fixture("not-toml.toml")
        .stderr(predicate::str::contains("not-toml.toml, line 1:"))
        .stdout(predicate::str::contains("theme = \"default\""));
}

#[test]
fn a_default_worksheet_this_spiral_lacks_is_warned_about() {
    show_fixture("unknown-worksheet.toml").stderr(predicate::str::contains(
        "default_worksheet \"no-such-worksheet\" is not a worksheet this spiral has",
    ));
}

#[test]
fn show_writes_dates_in_the_date_format() {
    let data = tempfile::tempdir().unwrap();
    fs::create_dir_all(data.path().join("entries")).unwrap();
    fs::write(
        data.path().join("entries/20261101-100000-abcd.json"),
        include_str!("fixtures/entry-v1.json"),
    )
    .unwrap();
    spiral(data.path(), &fixture("every-setting.toml"))
        .args(["show", "20261101-100000-abcd"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "started 2026-11-01 · last changed 2026-11-02",
        ));
    spiral(data.path(), &fixture("bad-date-format.toml"))
        .args(["show", "20261101-100000-abcd"])
        .assert()
        .success()
        .stdout(predicate::str::contains("started 1 Nov 2026 10:00"))
        .stderr(predicate::str::contains("bad-date-format.toml, line 2:"));
}

// What the settings change in the workbook itself.

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap()
}

fn model_with(settings: Settings) -> Model {
    let mut m = Model::new(
        content::builtin().unwrap(),
        vec![],
        vec![],
        "/home/pat/.local/share/spiral".into(),
        "ab12".into(),
    );
    m.theme = Theme::named(settings.theme, true);
    m.settings = settings;
    m
}

fn draw(model: &Model, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| spiral::ui::view(model, f)).unwrap();
    terminal
}

fn press(m: &mut Model, code: KeyCode) {
    spiral::update::update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), t0());
}

#[test]
fn a_new_entry_starts_on_the_default_worksheet() {
    let mut m = model_with(Settings {
        default_worksheet: Some("second".into()),
        ..Settings::default()
    });
    // The main worksheet, then a second one.
    m.worksheets.truncate(1);
    let mut second = m.worksheets[0].clone();
    second.id = "second".into();
    second.title = "A second worksheet".into();
    m.worksheets.push(second);
    press(&mut m, KeyCode::Char('n'));
    assert!(matches!(m.screen, Screen::Picker { selected: 1 }));
    let screen = draw(&m, 100, 30).backend().to_string();
    assert!(screen.contains("A second worksheet"), "{screen}");

    // Without the setting, the first is selected, as before.
    let mut m = model_with(Settings::default());
    press(&mut m, KeyCode::Char('n'));
    assert!(matches!(m.screen, Screen::Picker { selected: 0 }));
}

#[test]
fn home_shows_dates_in_the_date_format_and_makes_room_for_them() {
    let settings = Settings {
        date_format: Some("%A %-d %B %Y, %H:%M".into()),
        ..Settings::default()
    };
    let mut m = model_with(settings);
    let mut e = Entry::new(
        "20260930-101500-ab12".into(),
        &m.worksheets[0],
        "Family K".into(),
        DateTime::parse_from_rfc3339("2026-09-30T10:15:00+10:00").unwrap(),
    );
    e.updated = e.created;
    m.set_entries(vec![e]);
    let screen = draw(&m, 120, 30).backend().to_string();
    assert!(
        screen.contains("Wednesday 30 September 2026, 10:15"),
        "the whole date shows in the list:\n{screen}"
    );
}

#[test]
fn the_high_contrast_theme_draws_no_dark_grey() {
    let mut m = model_with(Settings {
        theme: ThemeName::HighContrast,
        ..Settings::default()
    });
    let e = Entry::new(
        "20261120-101500-ab12".into(),
        &m.worksheets[0],
        "Family K".into(),
        t0(),
    );
    m.set_entries(vec![e]);
    // The same screen in the default theme has dark grey, so the check can fail.
    let mut normal = model_with(Settings::default());
    normal.entries = m.entries.clone();
    normal.refresh_view();
    let grey = draw(&normal, 120, 40);
    assert!(
        grey.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg == Color::DarkGray)
    );
    let mut screens = vec![draw(&m, 120, 40)];
    press(&mut m, KeyCode::Enter);
    screens.push(draw(&m, 120, 40));
    press(&mut m, KeyCode::F(3));
    screens.push(draw(&m, 120, 40));
    for terminal in screens {
        for cell in terminal.backend().buffer().content() {
            assert_ne!(cell.fg, Color::DarkGray, "{cell:?}");
            assert_ne!(cell.bg, Color::DarkGray, "{cell:?}");
        }
    }
}

#[test]
fn the_real_binary_reads_its_settings_warns_at_start_and_uses_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config = dir.path().join("settings.toml");
    fs::write(
        &config,
        "date_format = \"%Y-%m-%d\"\ncolour = \"blue\"\n\
editor = \"printf 'Written by the settings editor' >\"\n",
    )
    .unwrap();
    let env = format!(
        "SPIRAL_CONFIG='{}' VISUAL=false EDITOR=false",
        config.display()
    );
    let Some(tmux) = common::Tmux::start_with("settings", &data, 160, 30, &env) else {
        return;
    };
    // The problem is the status line at start, and spiral still opens.
    let screen = tmux.wait_for("No reflections yet");
    assert!(screen.contains("settings.toml, line 2:"), "{screen}");
    assert!(screen.contains("no setting called \"colour\""), "{screen}");

    let before = chrono::Local::now().format("%Y-%m-%d").to_string();
    tmux.keys(&["n"]);
    tmux.wait_for("Building impactful partnerships");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family S");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    // Ctrl-E runs the settings' editor, not $VISUAL or $EDITOR (both fail).
    tmux.keys(&["C-e"]);
    tmux.wait_for("Written by the settings editor");
    tmux.keys(&["Escape"]);
    let home = tmux.wait_for("Your entries (1)");
    let after = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert!(
        home.contains(&before) || home.contains(&after),
        "Home shows the date as %Y-%m-%d:\n{home}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}
