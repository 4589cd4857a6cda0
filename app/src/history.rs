//! Undo and redo as a pair of stacks of earlier and later states of the map. Every state
//! comes from a model operation, so undo is exact and never depends on what the page shows.

/// How many steps back a person can go.
const LIMIT: usize = 200;

#[derive(Clone, Debug)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Remembers the state before a change; a new change forgets what could be redone.
    pub fn record(&mut self, before: T) {
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push(before);
        self.future.clear();
    }

    pub fn undo(&mut self, current: T) -> Result<T, T> {
        match self.past.pop() {
            Some(previous) => {
                self.future.push(current);
                Ok(previous)
            }
            None => Err(current),
        }
    }

    pub fn redo(&mut self, current: T) -> Result<T, T> {
        match self.future.pop() {
            Some(next) => {
                self.past.push(current);
                Ok(next)
            }
            None => Err(current),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
