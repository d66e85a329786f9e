//! The event calendar: a 4-ary min-heap keyed by (time, sequence number), with
//! cancellation.
//!
//! Events at the same instant leave in the order they were scheduled: every scheduled
//! event takes the next sequence number and the key is `(time << 64) | seq`, so ties are
//! broken by insertion order and never by anything else. An event scheduled as
//! cancellable can be cancelled by its [`EventKey`] in O(log n): its heap tracks each
//! entry's position (ordinary events live in a plain heap that pays no such cost), so a
//! cancelled timer (an abandonment timer when the call is answered) is removed at once
//! rather than left to fire and be ignored. Nothing lingers: [`Calendar::len`] is exactly
//! the number of pending events.
//!
//! ```
//! use sim_core::engine::calendar::Calendar;
//! use sim_core::time::SimTime;
//! let mut cal = Calendar::new();
//! cal.schedule(SimTime(5), 'b');
//! let k = cal.schedule_cancellable(SimTime(3), 'x');
//! cal.schedule(SimTime(5), 'c');
//! cal.schedule(SimTime(1), 'a');
//! assert!(cal.cancel(k));
//! let order: Vec<char> = std::iter::from_fn(|| cal.pop().map(|(_, e)| e)).collect();
//! assert_eq!(order, vec!['a', 'b', 'c']);
//! ```

use crate::time::SimTime;

/// Identifies a scheduled cancellable event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventKey {
    slot: u32,
    seq: u64,
}

const ARITY: usize = 4;

/// Bits of an entry key given to time, to the sequence number and to the event code.
const TIME_BITS: u32 = 44;
const SEQ_BITS: u32 = 44;
const CODE_BITS: u32 = 40;
/// The latest time the calendar can hold: 2^44 µs ≈ 203 days. Later times are held at
/// this instant (it means "never" for any realistic run).
pub const MAX_TIME: SimTime = SimTime((1 << TIME_BITS) - 1);

/// An event that packs into [`CODE_BITS`] (40) bits, so that a calendar entry is one
/// `u128`: `time (44 bits) | seq (44 bits) | code (40 bits)`.
pub trait EventCode: Copy {
    /// The event as at most 40 bits.
    fn encode(self) -> u64;
    /// The event back from its code.
    fn decode(code: u64) -> Self;
}

impl EventCode for u32 {
    fn encode(self) -> u64 {
        self as u64
    }
    fn decode(code: u64) -> Self {
        code as u32
    }
}

impl EventCode for char {
    fn encode(self) -> u64 {
        self as u64
    }
    fn decode(code: u64) -> Self {
        char::from_u32(code as u32).expect("encoded from a char")
    }
}

#[inline]
fn key(time: SimTime, seq: u64) -> u128 {
    debug_assert!(seq < 1 << SEQ_BITS, "more than 2^44 events in one run");
    ((time.0.min(MAX_TIME.0) as u128) << (SEQ_BITS + CODE_BITS)) | ((seq as u128) << CODE_BITS)
}

#[inline]
fn time_of(key: u128) -> SimTime {
    SimTime((key >> (SEQ_BITS + CODE_BITS)) as u64)
}

const CODE_MASK: u128 = (1 << CODE_BITS) - 1;

/// A plain 4-ary min-heap of packed `time | seq | code` keys.
#[derive(Clone, Debug)]
struct PlainHeap {
    heap: Vec<u128>,
}

impl PlainHeap {
    #[inline]
    fn push(&mut self, key: u128) {
        let mut pos = self.heap.len();
        self.heap.push(key);
        while pos > 0 {
            let parent = (pos - 1) / ARITY;
            if self.heap[parent] <= key {
                break;
            }
            self.heap[pos] = self.heap[parent];
            pos = parent;
        }
        self.heap[pos] = key;
    }

    #[inline]
    fn pop(&mut self) -> Option<u128> {
        let top = *self.heap.first()?;
        let last = self.heap.pop().expect("non-empty");
        let len = self.heap.len();
        if len > 0 {
            let mut pos = 0;
            loop {
                let first = pos * ARITY + 1;
                if first + ARITY <= len {
                    // A full node: a branch-free tournament of its four children.
                    let c = &self.heap[first..first + ARITY];
                    let (a, ia) = if c[1] < c[0] { (c[1], 1) } else { (c[0], 0) };
                    let (b, ib) = if c[3] < c[2] { (c[3], 3) } else { (c[2], 2) };
                    let (best_key, i) = if b < a { (b, ib) } else { (a, ia) };
                    if best_key >= last {
                        break;
                    }
                    self.heap[pos] = best_key;
                    pos = first + i;
                } else {
                    if first >= len {
                        break;
                    }
                    let mut best = first;
                    for c in first + 1..len {
                        if self.heap[c] < self.heap[best] {
                            best = c;
                        }
                    }
                    if self.heap[best] >= last {
                        break;
                    }
                    self.heap[pos] = self.heap[best];
                    pos = best;
                }
            }
            self.heap[pos] = last;
        }
        Some(top)
    }
}

/// log2 of a wheel bucket's width in µs: 2^20 µs ≈ 1.05 s.
const BUCKET_SHIFT: u32 = 20;
/// Buckets on the wheel: it covers the next 1,024 buckets (about 18 minutes).
const BUCKETS: usize = 1024;

/// A timing wheel for the ordinary events, with a heap for those beyond its reach.
///
/// The wheel covers the `BUCKETS` buckets of `2^BUCKET_SHIFT` µs from the one holding
/// the last event popped; each bucket is an unsorted list of keys. The least key is the
/// least of the first occupied bucket (found through a bitmap), kept up to date: a push
/// compares with it, a pop looks for the next one. Events beyond the wheel wait in a 4-ary heap and move onto the wheel
/// as it turns. A service end, an IVR exit or a wrap-up lands a few hundred buckets
/// ahead and leaves from a bucket of a handful of keys, instead of climbing and sinking
/// through the levels of a heap of every agent's next event. The order is exactly by key.
#[derive(Clone, Debug)]
struct Wheel {
    buckets: Vec<Vec<u128>>,
    occupied: [u64; BUCKETS / 64],
    /// The absolute bucket number (`time >> BUCKET_SHIFT`) of the last event popped.
    cursor: u64,
    /// Keys on the wheel.
    len: usize,
    /// Keys at or beyond bucket `cursor + BUCKETS`.
    beyond: PlainHeap,
    /// The least key on the wheel, with its slot and index: `(slot, index, key)`.
    least: Option<(u32, u32, u128)>,
}

impl Wheel {
    fn new() -> Self {
        Wheel {
            buckets: vec![Vec::new(); BUCKETS],
            occupied: [0; BUCKETS / 64],
            cursor: 0,
            len: 0,
            beyond: PlainHeap { heap: Vec::new() },
            least: None,
        }
    }

    fn total(&self) -> usize {
        self.len + self.beyond.heap.len()
    }

    #[inline]
    fn bucket_of(key: u128) -> u64 {
        time_of(key).0 >> BUCKET_SHIFT
    }

    #[inline]
    fn push(&mut self, key: u128) {
        let b = Self::bucket_of(key);
        debug_assert!(b >= self.cursor, "an event before the last one popped");
        if b >= self.cursor + BUCKETS as u64 {
            self.beyond.push(key);
            return;
        }
        let slot = b as usize & (BUCKETS - 1);
        let bucket = &mut self.buckets[slot];
        bucket.push(key);
        self.occupied[slot / 64] |= 1 << (slot % 64);
        self.len += 1;
        if self.least.is_none_or(|(_, _, least)| key < least) {
            self.least = Some((slot as u32, (bucket.len() - 1) as u32, key));
        }
    }

    /// The first occupied slot from the cursor's, in wheel order (the wheel is not empty).
    #[inline]
    fn first_slot(&self) -> usize {
        let start = self.cursor as usize & (BUCKETS - 1);
        let (w0, bit) = (start / 64, start % 64);
        let first = self.occupied[w0] & (!0u64 << bit);
        if first != 0 {
            return w0 * 64 + first.trailing_zeros() as usize;
        }
        let words = BUCKETS / 64;
        for i in 1..=words {
            let w = (w0 + i) % words;
            let bits = if w == w0 {
                self.occupied[w] & !(!0u64 << bit)
            } else {
                self.occupied[w]
            };
            if bits != 0 {
                return w * 64 + bits.trailing_zeros() as usize;
            }
        }
        unreachable!(
            "the wheel holds {} keys but no bucket is occupied",
            self.len
        )
    }

    /// The least key, or `u128::MAX` if there is none.
    #[inline]
    fn peek(&self) -> u128 {
        match self.least {
            Some((_, _, key)) => key,
            None => self.beyond.heap.first().copied().unwrap_or(u128::MAX),
        }
    }

    /// Finds the least key on the wheel again.
    fn find_least(&mut self) {
        if self.len == 0 {
            self.least = None;
            return;
        }
        let slot = self.first_slot();
        let bucket = &self.buckets[slot];
        let (mut at, mut least) = (0, bucket[0]);
        for (i, &k) in bucket.iter().enumerate().skip(1) {
            if k < least {
                (at, least) = (i, k);
            }
        }
        self.least = Some((slot as u32, at as u32, least));
    }

    #[inline]
    fn pop(&mut self) -> Option<u128> {
        let key = if self.len == 0 {
            self.beyond.pop()?
        } else {
            let (slot, at, key) = self.least.expect("the wheel is not empty");
            let bucket = &mut self.buckets[slot as usize];
            bucket.swap_remove(at as usize);
            if bucket.is_empty() {
                self.occupied[slot as usize / 64] &= !(1 << (slot % 64));
            }
            self.len -= 1;
            key
        };
        let b = Self::bucket_of(key);
        if b > self.cursor {
            // The wheel turns: what is now within its reach moves onto it.
            self.cursor = b;
            let end = self.cursor + BUCKETS as u64;
            while let Some(&k) = self.beyond.heap.first() {
                if Self::bucket_of(k) >= end {
                    break;
                }
                self.beyond.pop();
                self.push(k);
            }
        }
        self.find_least();
        Some(key)
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u128,
    slot: u32,
}

#[derive(Clone, Debug)]
struct Slot<E> {
    event: Option<E>,
    seq: u64,
    pos: u32,
}

/// A 4-ary min-heap that tracks each entry's position, so any entry can be removed.
#[derive(Clone, Debug)]
struct IndexedHeap<E> {
    heap: Vec<Entry>,
    slots: Vec<Slot<E>>,
    free: Vec<u32>,
}

impl<E> IndexedHeap<E> {
    fn push(&mut self, key: u128, seq: u64, event: E) -> EventKey {
        let slot = match self.free.pop() {
            Some(s) => {
                let sl = &mut self.slots[s as usize];
                sl.event = Some(event);
                sl.seq = seq;
                s
            }
            None => {
                self.slots.push(Slot {
                    event: Some(event),
                    seq,
                    pos: 0,
                });
                (self.slots.len() - 1) as u32
            }
        };
        let pos = self.heap.len();
        self.heap.push(Entry { key, slot });
        self.sift_up(pos);
        EventKey { slot, seq }
    }

    fn pop(&mut self) -> Option<(u128, E)> {
        let top = *self.heap.first()?;
        self.remove_at(0);
        Some((top.key, self.release(top.slot)))
    }

    fn cancel(&mut self, key: EventKey) -> bool {
        let Some(slot) = self.slots.get(key.slot as usize) else {
            return false;
        };
        if slot.seq != key.seq || slot.event.is_none() {
            return false;
        }
        let pos = slot.pos as usize;
        self.remove_at(pos);
        self.release(key.slot);
        true
    }

    fn release(&mut self, slot: u32) -> E {
        self.free.push(slot);
        self.slots[slot as usize].event.take().expect("live slot")
    }

    fn remove_at(&mut self, pos: usize) {
        let last = self.heap.pop().expect("non-empty");
        if pos < self.heap.len() {
            self.heap[pos] = last;
            self.slots[last.slot as usize].pos = pos as u32;
            if pos > 0 && last.key < self.heap[(pos - 1) / ARITY].key {
                self.sift_up(pos);
            } else {
                self.sift_down(pos);
            }
        }
    }

    fn sift_up(&mut self, mut pos: usize) {
        let entry = self.heap[pos];
        while pos > 0 {
            let parent = (pos - 1) / ARITY;
            let p = self.heap[parent];
            if p.key <= entry.key {
                break;
            }
            self.heap[pos] = p;
            self.slots[p.slot as usize].pos = pos as u32;
            pos = parent;
        }
        self.heap[pos] = entry;
        self.slots[entry.slot as usize].pos = pos as u32;
    }

    fn sift_down(&mut self, mut pos: usize) {
        let len = self.heap.len();
        let entry = self.heap[pos];
        loop {
            let first = pos * ARITY + 1;
            if first >= len {
                break;
            }
            let end = (first + ARITY).min(len);
            let mut best = first;
            let mut best_key = self.heap[first].key;
            for c in first + 1..end {
                let k = self.heap[c].key;
                if k < best_key {
                    best = c;
                    best_key = k;
                }
            }
            if best_key >= entry.key {
                break;
            }
            let child = self.heap[best];
            self.heap[pos] = child;
            self.slots[child.slot as usize].pos = pos as u32;
            pos = best;
        }
        self.heap[pos] = entry;
        self.slots[entry.slot as usize].pos = pos as u32;
    }
}

/// A priority queue of future events.
///
/// Three heaps, one order. Ordinary events go to a plain heap; events of a few recurring
/// sources (each contact type's next arrival, scheduled with [`Calendar::schedule_side`])
/// go to a small heap of their own, so the many-entry heap is not walked twice per call;
/// cancellable events ([`Calendar::schedule_cancellable`]) go to a heap that tracks
/// positions. All draw sequence numbers from one counter and [`Calendar::pop`] takes the
/// least of the three tops, so the order is exactly `(time, seq)` over all events: where
/// an event is kept changes speed, never order.
///
/// Time only moves forward: an event scheduled before the last event popped is held at
/// that event's time (it happens next, after the events already due then).
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    plain: Wheel,
    side: PlainHeap,
    indexed: IndexedHeap<E>,
    next_seq: u64,
    /// The time of the last event popped.
    now: SimTime,
}

impl<E: EventCode> Default for Calendar<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: EventCode> Calendar<E> {
    /// An empty calendar.
    pub fn new() -> Self {
        Calendar {
            plain: Wheel::new(),
            side: PlainHeap { heap: Vec::new() },
            indexed: IndexedHeap {
                heap: Vec::new(),
                slots: Vec::new(),
                free: Vec::new(),
            },
            next_seq: 0,
            now: SimTime(0),
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.plain.total() + self.side.heap.len() + self.indexed.heap.len()
    }

    /// True if no event is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn top_keys(&self) -> (u128, u128, u128) {
        (
            self.plain.peek(),
            self.side.heap.first().copied().unwrap_or(u128::MAX),
            self.indexed.heap.first().map_or(u128::MAX, |e| e.key),
        )
    }

    /// The time of the next event.
    #[inline]
    pub fn peek_time(&self) -> Option<SimTime> {
        let (a, b, c) = self.top_keys();
        let k = a.min(b).min(c);
        (k != u128::MAX).then(|| time_of(k))
    }

    #[inline]
    fn next_seq(&mut self) -> u64 {
        let s = self.next_seq;
        self.next_seq += 1;
        s
    }

    /// Schedules `event` at `time`; events at equal times leave in scheduling order.
    #[inline]
    pub fn schedule(&mut self, time: SimTime, event: E) {
        let seq = self.next_seq();
        let code = event.encode();
        debug_assert!(code <= CODE_MASK as u64, "event code wider than 40 bits");
        self.plain.push(key(time.max(self.now), seq) | code as u128);
    }

    /// Schedules an event of a recurring source that keeps few events pending (at most
    /// a handful at any time): same order, cheaper heap.
    #[inline]
    pub fn schedule_side(&mut self, time: SimTime, event: E) {
        let seq = self.next_seq();
        let code = event.encode();
        debug_assert!(code <= CODE_MASK as u64, "event code wider than 40 bits");
        self.side.push(key(time.max(self.now), seq) | code as u128);
    }

    /// Schedules an event that may be cancelled before it happens.
    #[inline]
    pub fn schedule_cancellable(&mut self, time: SimTime, event: E) -> EventKey {
        let seq = self.next_seq();
        self.indexed.push(key(time.max(self.now), seq), seq, event)
    }

    /// Removes and returns the earliest event.
    #[inline]
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let (a, b, c) = self.top_keys();
        if a == u128::MAX && b == u128::MAX && c == u128::MAX {
            return None;
        }
        let (k, e) = if a < b && a < c {
            let k = self.plain.pop()?;
            (k, E::decode((k & CODE_MASK) as u64))
        } else if b < c {
            let k = self.side.pop()?;
            (k, E::decode((k & CODE_MASK) as u64))
        } else {
            self.indexed.pop()?
        };
        self.now = time_of(k);
        Some((self.now, e))
    }

    /// Removes the pending side events (see [`Calendar::schedule_side`]) for which `keep`
    /// is false. Linear in the side heap's size, which is small by design.
    pub fn retain_side(&mut self, mut keep: impl FnMut(E) -> bool) {
        let entries = std::mem::take(&mut self.side.heap);
        for k in entries {
            if keep(E::decode((k & CODE_MASK) as u64)) {
                self.side.push(k);
            }
        }
    }

    /// Cancels a pending cancellable event. Returns false if it already happened or was
    /// cancelled.
    pub fn cancel(&mut self, key: EventKey) -> bool {
        self.indexed.cancel(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Against a sorted-list model: pops come out in (time, insertion) order and
        /// cancellations remove exactly the cancelled events.
        #[test]
        fn matches_a_sorted_model(ops in proptest::collection::vec((0u64..50, 0u8..3, any::<bool>(), any::<bool>()), 1..300)) {
            let mut cal: Calendar<u32> = Calendar::new();
            let mut model: Vec<(u64, u32)> = Vec::new();
            let mut keys = Vec::new();
            let mut now = 0;
            for (i, (t, cancellable, cancel_one, pop_one)) in ops.into_iter().enumerate() {
                let i = i as u32;
                // Mostly ahead of the clock (near, or hours and days ahead, past the
                // wheel), sometimes behind it, which means now.
                let t = match t % 5 {
                    0 => (now + t * 997_000_000).max(now),
                    1 => now + t * 50_000_000,
                    _ => (now + t).saturating_sub(10).max(now),
                };
                match cancellable {
                    0 => keys.push((cal.schedule_cancellable(SimTime(t), i), i)),
                    1 => cal.schedule_side(SimTime(t), i),
                    _ => cal.schedule(SimTime(t), i),
                }
                model.push((t, i));
                if cancel_one && keys.len() > 2 {
                    let (k, id) = keys[keys.len() / 2];
                    let live = model.iter().any(|&(_, m)| m == id);
                    prop_assert_eq!(cal.cancel(k), live);
                    model.retain(|&(_, m)| m != id);
                }
                if pop_one {
                    model.sort();
                    let expect = if model.is_empty() { None } else { Some(model.remove(0)) };
                    if let Some((t, _)) = expect {
                        now = t;
                    }
                    prop_assert_eq!(cal.pop().map(|(t, e)| (t.0, e)), expect);
                }
                prop_assert_eq!(cal.len(), model.len());
            }
            model.sort();
            for expect in model {
                prop_assert_eq!(cal.pop().map(|(t, e)| (t.0, e)), Some(expect));
            }
            prop_assert!(cal.pop().is_none());
        }
    }

    #[test]
    fn an_event_scheduled_in_the_past_happens_now() {
        let mut cal: Calendar<u32> = Calendar::new();
        cal.schedule(SimTime(10), 1);
        cal.schedule(SimTime(20), 2);
        assert_eq!(cal.pop(), Some((SimTime(10), 1)));
        cal.schedule(SimTime(5), 3);
        cal.schedule_cancellable(SimTime(0), 4);
        assert_eq!(cal.pop(), Some((SimTime(10), 3)));
        assert_eq!(cal.pop(), Some((SimTime(10), 4)));
        assert_eq!(cal.pop(), Some((SimTime(20), 2)));
    }

    /// The wheel turning over many revolutions, with events far beyond its reach and
    /// events in the bucket of the clock, pops in key order.
    #[test]
    fn the_wheel_keeps_the_order_over_days() {
        let mut cal: Calendar<u32> = Calendar::new();
        let mut model = Vec::new();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut now = 0u64;
        for i in 0..20_000u32 {
            let ahead = match next() % 4 {
                0 => next() % 2_000_000,
                1 => next() % 600_000_000,
                2 => next() % 20_000_000_000,
                _ => 0,
            };
            cal.schedule(SimTime(now + ahead), i);
            model.push((now + ahead, i));
            if next() % 3 != 0 {
                model.sort();
                let expect = model.remove(0);
                assert_eq!(cal.pop(), Some((SimTime(expect.0), expect.1)));
                now = expect.0;
            }
        }
        model.sort();
        for expect in model {
            assert_eq!(cal.pop(), Some((SimTime(expect.0), expect.1)));
        }
        assert_eq!(cal.pop(), None);
    }

    #[test]
    fn a_fired_event_cannot_be_cancelled_even_if_its_slot_is_reused() {
        let mut cal: Calendar<u32> = Calendar::new();
        let k = cal.schedule_cancellable(SimTime(1), 1);
        assert_eq!(cal.pop(), Some((SimTime(1), 1)));
        let _k2 = cal.schedule_cancellable(SimTime(2), 2); // reuses the slot
        assert!(!cal.cancel(k));
        assert_eq!(cal.len(), 1);
    }
}
