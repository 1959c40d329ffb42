//! Values worked out before the write that asks for them: ingest prepares what depends only on
//! a claim's text (its search stems, its vector) beside extraction, on other cores, and the SQL
//! functions the triggers call on the writer's thread take them from here instead of working
//! them out again. Each value is a function of the text alone, so whoever asks for a text next
//! gets what it would have computed.

use rustc_hash::FxHashMap;

/// Values by the text they are of, taken once.
pub(super) struct Ahead<T> {
    by_text: FxHashMap<String, T>,
}

impl<T> Default for Ahead<T> {
    fn default() -> Self {
        Ahead {
            by_text: FxHashMap::default(),
        }
    }
}

impl<T> Ahead<T> {
    /// More than a batch of articles ever holds: values not asked for are dropped past it.
    const KEPT: usize = 50_000;

    /// Hands over the value of `text`.
    pub(super) fn put(&mut self, text: &str, value: T) {
        if self.by_text.len() >= Self::KEPT {
            self.by_text.clear();
        }
        self.by_text.insert(text.to_string(), value);
    }

    /// Takes the value of `text`, if one was handed over.
    pub(super) fn take(&mut self, text: &str) -> Option<T> {
        self.by_text.remove(text)
    }

    /// How many values are still waiting to be asked for.
    #[cfg(test)]
    pub(super) fn waiting(&self) -> usize {
        self.by_text.len()
    }
}
