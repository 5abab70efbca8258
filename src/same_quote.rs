//! One quotation reported by several articles: the same words, or nearly
//! (“We’re still a long ways off” and “We are still a long ways off”), by the
//! same person.
//!
//! Each quotation is fingerprinted at index time by its word trigrams
//! (lower-cased, accents folded, punctuation ignored); two quotations are
//! one when at least half of the shorter one's trigrams occur in the other.
//! Quotations of fewer than six words must match all of the shorter one's
//! trigrams, and quotations of one or two words must be word for word the
//! same, so that stock phrases ("severe consequences") do not merge every
//! article that uses them. Two named speakers must share a surname (the
//! last word of their ids: `index::speaker_id::last_word_hash`).
//!
//! The index holds each trigram's [`key`], which finds candidates; their
//! full hashes decide.

/// How much of the shorter quotation must be shared, as a fraction.
const MIN_SHARED: f64 = 0.5;
/// Quotations with at most this many trigrams must share all of them.
const SHORT: usize = 3;

/// The hashes of the quotation's words, lower-cased and without accents.
/// Words are hashed once and combined into trigrams: a search computes
/// this for every quotation it shows and every report it confirms.
fn word_hashes(text: &str) -> Vec<u64> {
    crate::extract::names::lower_unaccented(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
        .collect()
}

/// An order-sensitive hash of word hashes.
fn combine(words: &[u64]) -> u64 {
    words.iter().fold(words.len() as u64, |h, &w| {
        let h = (h.rotate_left(29) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 32)
    })
}

/// The sorted, distinct hashes of the quotation's word trigrams (one hash of
/// all its words when it has fewer than three).
pub fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let mut out: Vec<u64> = if words.len() < 3 {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![combine(&words)]
        }
    } else {
        words.windows(3).map(combine).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The index term of a trigram hash: its low 32 bits. Term keys of 32
/// bits make the term dictionary of a 60 MB corpus's trigrams half the size
/// of 64-bit ones (9.9 against 19.4 MB); two trigrams that share a key are
/// rare (one look-up in a few hundred finds a stranger), and the reports
/// a search finds by keys are checked against their full hashes
/// ([`same_words`]) unless the keys decide beyond one chance agreement
/// ([`same_by_keys`]), so a shared key never merges two quotations.
pub fn key(shingle: u64) -> u64 {
    shingle & 0xffff_ffff
}

/// Whether two fingerprints are the same quotation's.
pub fn same_words(a: &[u64], b: &[u64]) -> bool {
    same_counts(a.len(), b.len(), shared_count(a, b))
}

/// Whether two quotations of `a` and `b` trigrams that share `shared` of
/// them are one.
pub fn same_counts(a: usize, b: usize, shared: usize) -> bool {
    let shorter = a.min(b);
    if shorter == 0 {
        return false;
    }
    if shorter <= SHORT {
        shared == shorter
    } else {
        shared as f64 >= MIN_SHARED * shorter as f64
    }
}

/// Whether two quotations of `a` and `b` trigrams, `keys` of whose index
/// keys the hit's trigrams find, are one whatever their keys' chance
/// agreements: the keys never count fewer shared trigrams than the full
/// hashes, and with one more than [`same_counts`] needs, deciding
/// otherwise would take two of the counted keys to be shared by different
/// trigrams (about one chance in 2^64 for a pair of them), so the words
/// need no reading. Quotations of [`SHORT`] trigrams or fewer, which must
/// share all, are always read: one chance agreement would decide there.
pub fn same_by_keys(a: usize, b: usize, keys: usize) -> bool {
    let shorter = a.min(b);
    shorter > SHORT && keys as f64 >= MIN_SHARED * shorter as f64 + 1.0
}

/// How many values two sorted lists share.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_words(&shingles(a), &shingles(b))
    }

    #[test]
    fn reports_of_one_quotation_merge() {
        // Seed articles 000 and 002.
        assert!(same(
            "We are still a long ways off.",
            "We’re still a long ways off… but we’re a lot closer than we were a week ago."
        ));
        assert!(same(
            "We made progress in the sense that we identified potential areas of agreement",
            "We made progress in the sense that we identified potential areas of agreement, but we also identified the big areas of disagreement."
        ));
        assert!(same("Big progress!", "big PROGRESS"));
    }

    #[test]
    fn a_decision_by_keys_survives_one_chance_agreement() {
        for a in 1..40 {
            for b in 1..40 {
                for keys in 0..=a.min(b) + 2 {
                    if same_by_keys(a, b, keys) {
                        // One key shared by chance: the full hashes share
                        // one fewer, and still decide the same.
                        assert!(same_counts(a, b, keys - 1), "{a} {b} {keys}");
                        assert!(a.min(b) > SHORT);
                    }
                }
            }
        }
        assert!(same_by_keys(10, 10, 10) && same_by_keys(10, 30, 6));
        assert!(!same_by_keys(10, 10, 5) && !same_by_keys(3, 3, 3));
    }

    #[test]
    fn keys_are_the_low_half_of_the_hashes() {
        for s in shingles("We made progress in the sense that we identified potential areas") {
            assert_eq!(key(s), s & 0xffff_ffff);
            assert!(key(s) <= u64::from(u32::MAX));
        }
    }

    #[test]
    fn different_quotations_stay_apart() {
        assert!(!same("severe consequences", "very severe consequences"));
        assert!(!same(
            "We may end up being at a place where we have to walk away",
            "We need to create space for concessions on both sides"
        ));
        assert!(!same("", ""));
        assert!(!same(
            "there is a lot of work that remains",
            "a lot of people were killed on both sides"
        ));
    }
}
