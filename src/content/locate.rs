//! Where things are in a JSON text: the line and column of every value, key
//! and object, by JSON pointer. serde_json reports where the parser stopped;
//! the checks after parsing only know a path (`/sections/0/items/2/stage`).
//! This maps one to the other so every problem can name its line and column.

use std::collections::HashMap;

/// A place in the text: line and column from 1 (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Default)]
pub struct Locations {
    /// Where each value starts, by pointer ("" is the whole document).
    pub values: HashMap<String, Pos>,
    /// Where each member's key starts, by the member's pointer.
    pub keys: HashMap<String, Pos>,
    /// Each object: its pointer, where it starts and where its `}` is.
    pub objects: Vec<(String, Pos, Pos)>,
}

impl Locations {
    /// The best place for a pointer: its key if it is a member, else its
    /// value, else the nearest enclosing thing that exists.
    pub fn find(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.keys.get(p).or_else(|| self.values.get(p)) {
                return Some(*pos);
            }
            let cut = p.rfind('/')?;
            p = &p[..cut];
        }
    }

    /// The innermost object that holds `pos` (its braces included).
    pub fn object_at(&self, pos: Pos) -> Option<&(String, Pos, Pos)> {
        self.objects
            .iter()
            .filter(|(_, start, end)| *start <= pos && pos <= *end)
            .max_by_key(|(_, start, _)| *start)
    }
}

/// The deepest nesting looked into; deeper text is left unlocated, not refused.
const MAX_DEPTH: usize = 200;

/// Locates what it can: a text with a syntax error is located up to it.
pub fn locate(text: &str) -> Locations {
    let mut s = Scanner {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        column: 1,
        out: Locations::default(),
    };
    s.value(String::new(), 0);
    s.out
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
    out: Locations,
}

impl Scanner {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// Reads one value; returns false where the text stops making sense.
    fn value(&mut self, pointer: String, depth: usize) -> bool {
        self.space();
        if depth > MAX_DEPTH {
            return false;
        }
        self.out.values.insert(pointer.clone(), self.pos());
        match self.peek() {
            Some('{') => self.object(pointer, depth),
            Some('[') => self.array(pointer, depth),
            Some('"') => self.string().is_some(),
            Some(_) => {
                let mut any = false;
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || "+-.".contains(c))
                {
                    self.bump();
                    any = true;
                }
                any
            }
            None => false,
        }
    }

    fn object(&mut self, pointer: String, depth: usize) -> bool {
        let start = self.pos();
        self.bump();
        loop {
            self.space();
            match self.peek() {
                Some('}') => break,
                Some('"') => {}
                _ => return false,
            }
            let key_pos = self.pos();
            let Some(key) = self.string() else {
                return false;
            };
            let member = format!("{pointer}/{}", escape(&key));
            self.out.keys.insert(member.clone(), key_pos);
            self.space();
            if self.bump() != Some(':') || !self.value(member, depth + 1) {
                return false;
            }
            self.space();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => break,
                _ => return false,
            }
        }
        self.out.objects.push((pointer, start, self.pos()));
        self.bump();
        true
    }

    fn array(&mut self, pointer: String, depth: usize) -> bool {
        self.bump();
        self.space();
        if self.peek() == Some(']') {
            self.bump();
            return true;
        }
        let mut n = 0;
        loop {
            if !self.value(format!("{pointer}/{n}"), depth + 1) {
                return false;
            }
            n += 1;
            self.space();
            match self.bump() {
                Some(',') => {}
                Some(']') => return true,
                _ => return false,
            }
        }
    }

    /// A string's text, escapes decoded (enough to name keys).
    fn string(&mut self) -> Option<String> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(out),
                '\\' => match self.bump()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            code = code * 16 + self.bump()?.to_digit(16)?;
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
    }
}

/// A key as a JSON pointer segment (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keys_and_objects_are_found_by_pointer() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c/d\": {}\n}";
        let at = locate(text);
        assert_eq!(at.values[""], Pos { line: 1, column: 1 });
        assert_eq!(at.keys["/a"], Pos { line: 2, column: 3 });
        assert_eq!(at.values["/a/0"], Pos { line: 2, column: 9 });
        assert_eq!(
            at.keys["/a/1/b"],
            Pos {
                line: 2,
                column: 13
            }
        );
        assert_eq!(at.keys["/c~1d"], Pos { line: 3, column: 3 });
        assert_eq!(
            at.find("/a/1/b/nothing/here"),
            Some(Pos {
                line: 2,
                column: 13
            })
        );
        let inner = at
            .object_at(Pos {
                line: 2,
                column: 20,
            })
            .unwrap();
        assert_eq!(inner.0, "/a/1");
    }

    #[test]
    fn a_broken_text_is_located_up_to_the_break_without_panicking() {
        let at = locate("{\"a\": [1, 2, {\"b\": ");
        assert!(at.keys.contains_key("/a/2/b"));
        for junk in ["", "{", "[[[[", "\"\\u12", "{\"a\" 1}", "}"] {
            let _ = locate(junk);
        }
        let deep = "[".repeat(10_000);
        let _ = locate(&deep);
    }
}
