//! Undo and redo as a pair of stacks of records, each able to bring the map back one step and
//! to hand back the record that goes the other way. Every record comes from a model operation,
//! so undo is exact and never depends on what the page shows.

/// How many steps back a person can go.
const LIMIT: usize = 200;

#[derive(Clone, Debug)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
    /// Steps recorded, undone or redone so far: the same count means nothing happened between.
    made: u64,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
            made: 0,
        }
    }
}

impl<T> History<T> {
    /// Remembers how to take a change back; a new change forgets what could be redone.
    pub fn record(&mut self, undo: T) {
        if self.past.len() == LIMIT {
            self.past.remove(0);
        }
        self.past.push(undo);
        self.future.clear();
        self.made += 1;
    }

    /// Takes the latest step back with `restore`, which returns how to go forward again;
    /// whether there was a step to take back.
    pub fn undo(&mut self, restore: impl FnOnce(T) -> T) -> bool {
        match self.past.pop() {
            Some(step) => {
                self.future.push(restore(step));
                self.made += 1;
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, restore: impl FnOnce(T) -> T) -> bool {
        match self.future.pop() {
            Some(step) => {
                self.past.push(restore(step));
                self.made += 1;
                true
            }
            None => false,
        }
    }

    /// Where the history stands: `latest_since` and `forget_latest_since` take it.
    pub fn made(&self) -> u64 {
        self.made
    }

    /// The latest step, if nothing was recorded, undone or redone since `made`.
    pub fn latest_since(&mut self, made: u64) -> Option<&mut T> {
        if self.made == made {
            self.past.last_mut()
        } else {
            None
        }
    }

    /// Takes the latest step out of the history, for undoing it with nothing to redo, if
    /// nothing was recorded, undone or redone since `made`.
    pub fn forget_latest_since(&mut self, made: u64) -> Option<T> {
        if self.made != made {
            return None;
        }
        let step = self.past.pop()?;
        self.made += 1;
        Some(step)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
