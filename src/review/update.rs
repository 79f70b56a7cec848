//! The review's state machine: keys in, the feedback changed, a save asked
//! for. No disk, no clock, no terminal: time and a fresh comment id come in
//! as arguments. The bundle is only ever read.

use chrono::{DateTime, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};

use super::keymap::{self, Command, Context};
use super::layout::{self, Laid};
use super::msg::{Effect, Msg};
use super::state::{Overlay, Reading, Review, Screen, Status, Writing};
use super::text;
use crate::export::feedback::FEEDBACK_VERSION;
use crate::model::entry::Comment;
use crate::model::worksheet::parse_date;
use crate::state::{answer_editor, date_input, editor_text};

/// What `msg` does to the review, and what must be done about it. `now`
/// stamps comments and the file; `fresh_id` is the id a new comment gets.
pub fn update(
    model: &mut Review,
    msg: Msg,
    now: DateTime<FixedOffset>,
    fresh_id: &str,
) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(model, key, now, fresh_id),
        Msg::Paste(text) => {
            on_paste(model, &text);
            Vec::new()
        }
        Msg::Resize { width, height } => {
            model.width = width;
            model.height = height;
            keep_in_view(model);
            Vec::new()
        }
        Msg::Saved => {
            model.unsaved = false;
            if model.save_error.take().is_some() {
                say(model, text::SAVED_AGAIN);
            }
            if model.quit_after_save {
                model.should_quit = true;
            }
            Vec::new()
        }
        Msg::Stop(why) => stop(model, why, now, fresh_id),
        Msg::RecoveryWritten(folder) => {
            if let Some(why) = model.stopping {
                model.exit_message = Some(text::stopped_recovered(why.name(), &folder));
            }
            model.should_quit = true;
            Vec::new()
        }
        Msg::RecoveryFailed(error) => {
            if let Some(why) = model.stopping {
                model.exit_message = Some(text::stopped_lost(why.name(), &error));
            }
            model.should_quit = true;
            Vec::new()
        }
        Msg::SaveFailed(error) => {
            let shown = model.feedback_path.display().to_string();
            model.status = Some(Status {
                text: text::save_failed(&shown, &error),
                error: true,
            });
            model.save_error = Some(error);
            if model.stopping.is_some() {
                let name = model.feedback_path.file_name().map_or_else(
                    || "feedback.json".into(),
                    |n| n.to_string_lossy().into_owned(),
                );
                return vec![Effect::WriteRecovery {
                    name,
                    feedback: Box::new(model.feedback.clone()),
                }];
            }
            if model.quit_after_save {
                model.quit_after_save = false;
                model.overlay = Some(Overlay::ConfirmQuit);
            }
            Vec::new()
        }
    }
}

fn say(model: &mut Review, words: impl Into<String>) {
    model.status = Some(Status {
        text: words.into(),
        error: false,
    });
}

fn on_key(
    model: &mut Review,
    key: KeyEvent,
    now: DateTime<FixedOffset>,
    fresh_id: &str,
) -> Vec<Effect> {
    let context = model.context();
    let command = keymap::lookup(context, &key);
    // A message is about the last thing done; the next key clears it, but a
    // failing save stays said until a save works.
    if model.save_error.is_none() && !matches!(context, Context::Writing | Context::Date) {
        model.status = None;
    }
    match context {
        Context::Help => {
            on_help(model, command);
            Vec::new()
        }
        Context::Writing => on_writing(model, key, command, now, fresh_id),
        Context::Date => on_date(model, key, command, now),
        Context::Confirm => on_confirm(model, command, now),
        Context::QuitUnsaved => match command {
            Some(Command::Yes) => {
                model.should_quit = true;
                Vec::new()
            }
            Some(Command::No) => {
                model.overlay = None;
                Vec::new()
            }
            Some(Command::SaveNow) => {
                model.overlay = None;
                model.quit_after_save = true;
                save(model)
            }
            _ => Vec::new(),
        },
        Context::List | Context::Reading => on_screen(model, command, now),
    }
}

fn on_screen(
    model: &mut Review,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) -> Vec<Effect> {
    match command {
        Some(Command::Quit) => return quit(model),
        Some(Command::Help) => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Command::SaveNow) => {
            if model.unsaved || model.save_error.is_some() {
                return save(model);
            }
            say(model, text::NOTHING_TO_SAVE);
        }
        Some(Command::Overall) => {
            if let Some(entry) = model.current() {
                open_writer(model, entry, None, "the entry as a whole".into());
            }
        }
        Some(Command::Discussed) => return toggle_discussed(model, now),
        _ => match model.screen {
            Screen::List => on_list(model, command),
            Screen::Entry(_) => on_reading(model, command),
        },
    }
    Vec::new()
}

/// Stopped from outside: the comment being written is kept as if the
/// supervisor had kept it, everything is saved, and the review ends.
fn stop(
    model: &mut Review,
    why: crate::msg::Stop,
    now: DateTime<FixedOffset>,
    fresh_id: &str,
) -> Vec<Effect> {
    if model.stopping.is_some() {
        return Vec::new();
    }
    model.stopping = Some(why);
    model.exit_message = Some(text::stopped_saved(why.name()));
    let mut fx = Vec::new();
    if let Some(Overlay::Write(writing)) = model.overlay.take() {
        // An emptied comment is left as it was: nobody chose to delete it.
        if !editor_text(&writing.editor).trim().is_empty() {
            fx = keep_comment(model, *writing, now, fresh_id);
        }
    }
    if fx.is_empty() && (model.unsaved || model.save_error.is_some()) {
        fx = save(model);
    }
    model.quit_after_save = true;
    if fx.is_empty() {
        model.should_quit = true;
    }
    fx
}

fn quit(model: &mut Review) -> Vec<Effect> {
    if model.unsaved || model.save_error.is_some() {
        // One more try; if it fails too, the person is asked.
        model.quit_after_save = true;
        return save(model);
    }
    model.should_quit = true;
    Vec::new()
}

fn on_list(model: &mut Review, command: Option<Command>) {
    let count = model.entries().len();
    match command {
        Some(Command::Down) if model.selected + 1 < count => model.selected += 1,
        Some(Command::Up) => model.selected = model.selected.saturating_sub(1),
        Some(Command::Open) if model.selected < count => {
            let entry = model.selected;
            let reading = model.places[entry].unwrap_or(Reading {
                entry,
                section: 0,
                cursor: 0,
                scroll: 0,
            });
            model.screen = Screen::Entry(reading);
            keep_in_view(model);
        }
        Some(Command::Open) => say(model, text::NO_ENTRIES),
        _ => {}
    }
}

/// The reading view's text width and height for the model's terminal size.
fn view_of(model: &Review) -> (u16, usize) {
    let area = ratatui::layout::Rect::new(0, 0, model.width, model.height);
    let content = super::ui::content_area(model, area);
    (super::ui::text_width(content), usize::from(content.height))
}

fn laid(model: &Review, r: &Reading) -> (Laid, usize) {
    let (width, view) = view_of(model);
    (
        layout::lay_out(model, r.entry, r.section, width),
        view.max(1),
    )
}

/// Scrolls so the marked answer shows, after a resize or a change.
fn keep_in_view(model: &mut Review) {
    let Screen::Entry(r) = model.screen else {
        return;
    };
    let (laid, view) = laid(model, &r);
    let mut r = r;
    r.cursor = r.cursor.min(laid.spots.len().saturating_sub(1));
    r.scroll = laid.scroll_to(r.cursor, r.scroll, view);
    model.screen = Screen::Entry(r);
}

/// After a comment changes: the marked answer's end, where its comments
/// are, is scrolled into view.
fn show_comments(model: &mut Review) {
    let Screen::Entry(mut r) = model.screen else {
        return;
    };
    let (laid, view) = laid(model, &r);
    r.scroll = laid.scroll_to_end(r.cursor, r.scroll, view);
    model.screen = Screen::Entry(r);
}

fn on_reading(model: &mut Review, command: Option<Command>) {
    let Screen::Entry(mut r) = model.screen else {
        return;
    };
    let sections = model.worksheet(r.entry).sections.len();
    let (laid, view) = laid(model, &r);
    let last = laid.spots.len().saturating_sub(1);
    match command {
        Some(Command::Back) => {
            model.places[r.entry] = Some(r);
            model.selected = r.entry;
            model.screen = Screen::List;
            return;
        }
        Some(Command::Down) if r.cursor < last => {
            r.cursor += 1;
            r.scroll = laid.scroll_to(r.cursor, r.scroll, view);
        }
        // Past the last answer: what is left below it (the comments on the whole entry).
        Some(Command::Down | Command::Bottom) => {
            r.cursor = last;
            r.scroll = laid.clamp(laid.height, view);
        }
        Some(Command::Up) if r.cursor > 0 => {
            r.cursor -= 1;
            r.scroll = laid.scroll_to(r.cursor, r.scroll, view);
        }
        Some(Command::Up | Command::Top) => {
            r.cursor = 0;
            r.scroll = 0;
        }
        Some(Command::PageDown) => {
            r.scroll = laid.clamp(r.scroll + view.saturating_sub(1).max(1), view);
            r.cursor = follow(&laid, r.cursor, r.scroll, view);
        }
        Some(Command::PageUp) => {
            r.scroll = r.scroll.saturating_sub(view.saturating_sub(1).max(1));
            r.cursor = follow(&laid, r.cursor, r.scroll, view);
        }
        Some(Command::NextSection) if r.section + 1 < sections => {
            r = Reading {
                section: r.section + 1,
                cursor: 0,
                scroll: 0,
                ..r
            };
        }
        Some(Command::NextSection) => say(model, text::LAST_SECTION),
        Some(Command::PrevSection) if r.section > 0 => {
            r = Reading {
                section: r.section - 1,
                cursor: 0,
                scroll: 0,
                ..r
            };
        }
        Some(Command::PrevSection) => say(model, text::FIRST_SECTION),
        Some(Command::Comment) => match laid.spots.get(r.cursor) {
            Some(spot) => {
                let target = spot.target.clone();
                // The answer goes to the top, the box below it.
                r.scroll = laid.clamp(spot.top, view);
                model.screen = Screen::Entry(r);
                open_writer(model, r.entry, Some(target.key), target.about);
                return;
            }
            None => say(model, text::NOTHING_HERE),
        },
        Some(Command::Delete) => match laid.spots.get(r.cursor) {
            Some(spot) => {
                let key = spot.target.key.clone();
                let about = spot.target.about.clone();
                ask_delete(model, r.entry, &key, about);
            }
            None => say(model, text::NOTHING_HERE),
        },
        _ => {}
    }
    model.screen = Screen::Entry(r);
}

/// After paging, the marked answer is one that shows: kept if it still
/// does, else the first that starts on screen, else the one filling it.
fn follow(laid: &Laid, cursor: usize, scroll: usize, view: usize) -> usize {
    let shows = |n: usize| {
        laid.spots
            .get(n)
            .is_some_and(|s| s.top < scroll + view && s.bottom > scroll)
    };
    if shows(cursor) {
        return cursor;
    }
    laid.spots
        .iter()
        .position(|s| s.top >= scroll && s.top < scroll + view)
        .or_else(|| {
            laid.spots
                .iter()
                .position(|s| s.top < scroll + view && s.bottom > scroll)
        })
        .unwrap_or(cursor)
}

fn ask_delete(model: &mut Review, entry: usize, key: &str, about: String) {
    if let Some(c) = model.our_comment(entry, Some(key)) {
        model.overlay = Some(Overlay::ConfirmDelete {
            entry,
            comment: c.id.clone(),
            about,
        });
        return;
    }
    let earlier = model.entry(entry).comments_on(key).next().is_some();
    say(
        model,
        if earlier {
            text::EARLIER_ONLY
        } else {
            text::NONE_TO_DELETE
        },
    );
}

fn open_writer(model: &mut Review, entry: usize, key: Option<String>, about: String) {
    let existing = model.our_comment(entry, key.as_deref());
    let editor = answer_editor(existing.map_or("", |c| c.text.as_str()));
    let mut editor = editor;
    editor.set_placeholder_text("Write your comment here…");
    model.overlay = Some(Overlay::Write(Box::new(Writing {
        entry,
        comment: existing.map(|c| c.id.clone()),
        key,
        about,
        editor,
    })));
}

fn on_writing(
    model: &mut Review,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
    fresh_id: &str,
) -> Vec<Effect> {
    let Some(Overlay::Write(writing)) = &mut model.overlay else {
        return Vec::new();
    };
    match command {
        Some(Command::Keep) => {}
        Some(Command::NewLine) => {
            writing.editor.insert_newline();
            return Vec::new();
        }
        Some(Command::Undo) => {
            writing.editor.undo();
            return Vec::new();
        }
        Some(Command::Redo) => {
            writing.editor.redo();
            return Vec::new();
        }
        _ => {
            writing.editor.input(key);
            return Vec::new();
        }
    }
    let Some(Overlay::Write(writing)) = model.overlay.take() else {
        return Vec::new();
    };
    keep_comment(model, *writing, now, fresh_id)
}

/// Files what was written: a new comment, a changed one, or (emptied) none.
fn keep_comment(
    model: &mut Review,
    writing: Writing,
    now: DateTime<FixedOffset>,
    fresh_id: &str,
) -> Vec<Effect> {
    let written = editor_text(&writing.editor).trim().to_string();
    if writing.comment.is_none() && written.is_empty() {
        say(model, text::NOTHING_WRITTEN);
        return Vec::new();
    }
    let entry = model.entry(writing.entry).clone();
    let reviewer = model.reviewer.clone();
    let feedback = model.feedback.entry_mut(&entry);
    let said = match writing.comment {
        Some(id) => {
            let Some(at) = feedback.comments.iter().position(|c| c.id == id) else {
                return Vec::new();
            };
            if written.is_empty() {
                feedback.comments.remove(at);
                text::COMMENT_REMOVED
            } else if feedback.comments[at].text == written {
                say(model, text::COMMENT_UNCHANGED);
                keep_in_view(model);
                return Vec::new();
            } else {
                let c = &mut feedback.comments[at];
                c.text = written;
                c.written = now;
                c.reviewer = reviewer;
                text::COMMENT_KEPT
            }
        }
        None => {
            feedback.comments.push(Comment {
                id: fresh_id.to_string(),
                key: writing.key,
                text: written,
                reviewer,
                written: now,
            });
            text::COMMENT_KEPT
        }
    };
    say(model, said);
    show_comments(model);
    changed(model, now)
}

fn on_confirm(
    model: &mut Review,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) -> Vec<Effect> {
    match command {
        Some(Command::Yes) => {
            let Some(Overlay::ConfirmDelete { entry, comment, .. }) = model.overlay.take() else {
                return Vec::new();
            };
            let e = model.entry(entry).clone();
            model
                .feedback
                .entry_mut(&e)
                .comments
                .retain(|c| c.id != comment);
            say(model, text::COMMENT_DELETED);
            show_comments(model);
            changed(model, now)
        }
        Some(Command::No) => {
            model.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn toggle_discussed(model: &mut Review, now: DateTime<FixedOffset>) -> Vec<Effect> {
    let Some(entry) = model.current() else {
        say(model, text::NO_ENTRIES);
        return Vec::new();
    };
    if let Some(day) = model.discussed(entry) {
        let e = model.entry(entry).clone();
        model.feedback.entry_mut(&e).discussed = None;
        say(model, text::undiscussed(day));
        return changed(model, now);
    }
    let today = now.date_naive().format("%Y-%m-%d").to_string();
    model.overlay = Some(Overlay::Discussed {
        entry,
        input: Box::new(date_input(&today)),
        error: None,
    });
    Vec::new()
}

/// The longest a day can be typed: 2026-12-03.
const DAY_CHARS: usize = 10;

fn on_date(
    model: &mut Review,
    key: KeyEvent,
    command: Option<Command>,
    now: DateTime<FixedOffset>,
) -> Vec<Effect> {
    let Some(Overlay::Discussed {
        entry,
        input,
        error,
    }) = &mut model.overlay
    else {
        return Vec::new();
    };
    let entry = *entry;
    match command {
        Some(Command::Back) => {
            model.overlay = None;
            Vec::new()
        }
        Some(Command::Today) => {
            **input = date_input(&now.date_naive().format("%Y-%m-%d").to_string());
            *error = None;
            Vec::new()
        }
        Some(Command::Keep) => {
            let typed = input.lines().concat();
            match check_day(&typed, now.date_naive()) {
                Ok(day) => {
                    model.overlay = None;
                    let e = model.entry(entry).clone();
                    model.feedback.entry_mut(&e).discussed = Some(day);
                    say(model, text::discussed(day));
                    changed(model, now)
                }
                Err(why) => {
                    *error = Some(why.to_string());
                    Vec::new()
                }
            }
        }
        _ => {
            if key.code != KeyCode::Enter && input.input(key) {
                *error = None;
                if input.lines().concat().chars().count() > DAY_CHARS {
                    input.undo();
                }
            }
            Vec::new()
        }
    }
}

/// A day typed as YYYY-MM-DD, no later than `today`.
pub fn check_day(typed: &str, today: NaiveDate) -> Result<NaiveDate, &'static str> {
    let day = parse_date(typed).ok_or(text::DATE_SHAPE)?;
    if day > today {
        return Err(text::DATE_AHEAD);
    }
    Ok(day)
}

fn on_paste(model: &mut Review, pasted: &str) {
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    match &mut model.overlay {
        Some(Overlay::Write(w)) => {
            w.editor.insert_str(&pasted);
        }
        Some(Overlay::Discussed { input, error, .. }) => {
            let room = DAY_CHARS.saturating_sub(input.lines().concat().chars().count());
            let one_line: String = pasted.trim().chars().take(room).collect();
            input.insert_str(one_line);
            *error = None;
        }
        _ => {}
    }
}

fn on_help(model: &mut Review, command: Option<Command>) {
    let Some(Overlay::Help { scroll }) = &mut model.overlay else {
        return;
    };
    match command {
        Some(Command::Down) => *scroll = scroll.saturating_add(1),
        Some(Command::Up) => *scroll = scroll.saturating_sub(1),
        Some(Command::PageDown) => *scroll = scroll.saturating_add(10),
        Some(Command::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Command::Back) => model.overlay = None,
        _ => {}
    }
}

/// After any change to the feedback: stamp it and save all of it.
fn changed(model: &mut Review, now: DateTime<FixedOffset>) -> Vec<Effect> {
    let fb = &mut model.feedback;
    fb.updated = now;
    fb.version = FEEDBACK_VERSION;
    if model.reviewer.is_some() {
        fb.reviewer = model.reviewer.clone();
    }
    fb.bundle.exported_at = model.bundle.exported_at;
    fb.bundle.practitioner = model.bundle.practitioner.clone();
    // An entry with nothing left on it is not kept.
    fb.entries.retain(|e| !e.is_empty());
    model.unsaved = true;
    save(model)
}

fn save(model: &Review) -> Vec<Effect> {
    vec![Effect::Save {
        path: model.feedback_path.clone(),
        feedback: Box::new(model.feedback.clone()),
    }]
}
