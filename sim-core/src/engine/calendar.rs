//! The event calendar: timing wheels keyed by (time, sequence number), with cancellation.
//!
//! Events at the same instant leave in the order they were scheduled: every scheduled
//! event takes the next sequence number and the key is `time | seq | code` in one `u128`,
//! so ties are broken by insertion order and never by anything else. An event scheduled
//! as cancellable can be cancelled by its [`EventKey`] in O(1): its wheel tracks where
//! each key is (ordinary events live on a wheel that pays no such cost), so a cancelled
//! timer (an abandonment timer when the call is answered) is removed at once rather than
//! left to fire and be ignored. Nothing lingers: [`Calendar::len`] is exactly the number
//! of pending events.
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
/// Where a key is: on the wheel (bucket, index) or beyond it.
const BEYOND: u32 = u32::MAX;

/// What a wheel tells about the keys it moves, and asks about the keys beyond it.
trait Track {
    /// `key` is now at `index` of `bucket` (or, with `bucket == BEYOND`, beyond the wheel).
    fn placed(&mut self, key: u128, bucket: u32, index: u32);
    /// Whether `key`, beyond the wheel, was cancelled (it is then dropped, not moved).
    fn cancelled(&mut self, key: u128) -> bool;
}

/// Ordinary events: nothing to track.
#[derive(Clone, Debug, Default)]
struct Untracked;

impl Track for Untracked {
    #[inline]
    fn placed(&mut self, _: u128, _: u32, _: u32) {}
    #[inline]
    fn cancelled(&mut self, _: u128) -> bool {
        false
    }
}

/// A timing wheel, with a heap for the keys beyond its reach.
///
/// The wheel covers the `BUCKETS` buckets of `2^BUCKET_SHIFT` µs from the one holding
/// the last event popped; each bucket is an unsorted list of keys. The least key is the
/// least of the first occupied bucket (found through a bitmap), kept up to date: a push
/// compares with it, a pop looks for the next one. Keys beyond the wheel wait in a 4-ary
/// heap and move onto the wheel as it turns. A service end, an IVR exit or a patience
/// timer lands a few hundred buckets ahead and leaves from a bucket of a handful of keys,
/// instead of climbing and sinking through the levels of a heap of every pending event
/// (and missing the cache on the way). The order is exactly by key. With a [`Track`]er,
/// every key's place is known, so any key can be removed in O(1) (cancellation); a key
/// cancelled beyond the wheel is dropped when the wheel reaches it.
#[derive(Clone, Debug)]
struct Wheel<T> {
    buckets: Vec<Vec<u128>>,
    occupied: [u64; BUCKETS / 64],
    /// The absolute bucket number (`time >> BUCKET_SHIFT`) of the last event popped.
    cursor: u64,
    /// Keys on the wheel.
    len: usize,
    /// Keys at or beyond bucket `cursor + BUCKETS` (with cancelled ones, if tracked).
    beyond: PlainHeap,
    /// The least key on the wheel, with its bucket and index.
    least: Option<(u32, u32, u128)>,
    track: T,
}

impl<T: Track> Wheel<T> {
    fn new(track: T) -> Self {
        Wheel {
            buckets: vec![Vec::new(); BUCKETS],
            occupied: [0; BUCKETS / 64],
            cursor: 0,
            len: 0,
            beyond: PlainHeap { heap: Vec::new() },
            least: None,
            track,
        }
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
            self.track.placed(key, BEYOND, 0);
            return;
        }
        let slot = b as usize & (BUCKETS - 1);
        let bucket = &mut self.buckets[slot];
        bucket.push(key);
        let index = (bucket.len() - 1) as u32;
        self.occupied[slot / 64] |= 1 << (slot % 64);
        self.len += 1;
        self.track.placed(key, slot as u32, index);
        if self.least.is_none_or(|(_, _, least)| key < least) {
            self.least = Some((slot as u32, index, key));
        }
    }

    /// The first occupied bucket from the cursor's, in wheel order (the wheel is not
    /// empty).
    #[inline]
    fn first_bucket(&self) -> usize {
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

    /// The least key, or `u128::MAX` if there is none (for a tracked wheel, a cancelled
    /// key is never at the top of the heap beyond: see `drop_cancelled`).
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
        let b = self.first_bucket();
        let bucket = &self.buckets[b];
        let (mut at, mut least) = (0, bucket[0]);
        for (i, &k) in bucket.iter().enumerate().skip(1) {
            if k < least {
                (at, least) = (i, k);
            }
        }
        self.least = Some((b as u32, at as u32, least));
    }

    /// Removes the key at `index` of `bucket` (the bucket's last key takes its place),
    /// without looking for the next least key.
    #[inline]
    fn take(&mut self, bucket: u32, index: u32) -> u128 {
        let keys = &mut self.buckets[bucket as usize];
        let key = keys.swap_remove(index as usize);
        if let Some(&moved) = keys.get(index as usize) {
            self.track.placed(moved, bucket, index);
        }
        if keys.is_empty() {
            self.occupied[bucket as usize / 64] &= !(1 << (bucket % 64));
        }
        self.len -= 1;
        key
    }

    /// Drops cancelled keys from the top of the heap beyond the wheel.
    #[inline]
    fn drop_cancelled(&mut self) {
        while let Some(&k) = self.beyond.heap.first() {
            if !self.track.cancelled(k) {
                break;
            }
            self.beyond.pop();
        }
    }

    /// Removes the key at `index` of `bucket`, keeping the least key known.
    fn remove(&mut self, bucket: u32, index: u32) {
        let last = self.buckets[bucket as usize].len() as u32 - 1;
        self.take(bucket, index);
        match self.least {
            Some((b, i, _)) if (b, i) == (bucket, index) => self.find_least(),
            // The least key was the bucket's last, and moved into the hole.
            Some((b, i, key)) if b == bucket && i == last => {
                self.least = Some((b, index, key));
            }
            _ => {}
        }
    }

    #[inline]
    fn pop(&mut self) -> Option<u128> {
        let key = match self.least {
            Some((bucket, index, _)) => self.take(bucket, index),
            None => self.beyond.pop()?,
        };
        self.least = None;
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
                if !self.track.cancelled(k) {
                    self.push(k);
                }
            }
        }
        self.find_least();
        self.drop_cancelled();
        Some(key)
    }
}

/// The cancellable events: each key's low 32 bits name a slot, which holds the event
/// and where its key is.
#[derive(Clone, Debug)]
struct Slots<E> {
    slots: Vec<Slot<E>>,
    free: Vec<u32>,
    /// Cancelled keys still beyond the wheel (their slots are freed when dropped).
    dead: usize,
}

#[derive(Clone, Debug)]
struct Slot<E> {
    /// `None` once the event happened or was cancelled.
    event: Option<E>,
    seq: u64,
    bucket: u32,
    index: u32,
}

const SLOT_MASK: u128 = (1 << 32) - 1;

impl<E> Track for Slots<E> {
    #[inline]
    fn placed(&mut self, key: u128, bucket: u32, index: u32) {
        let s = &mut self.slots[(key & SLOT_MASK) as usize];
        s.bucket = bucket;
        s.index = index;
    }

    #[inline]
    fn cancelled(&mut self, key: u128) -> bool {
        let slot = (key & SLOT_MASK) as u32;
        if self.slots[slot as usize].event.is_some() {
            return false;
        }
        // Its key is gone from the calendar: the slot can serve again.
        self.free.push(slot);
        self.dead -= 1;
        true
    }
}

impl<E> Wheel<Slots<E>> {
    fn push_event(&mut self, key: u128, seq: u64, event: E) -> EventKey {
        let slot = Slot {
            event: Some(event),
            seq,
            bucket: BEYOND,
            index: 0,
        };
        let slots = &mut self.track;
        let s = match slots.free.pop() {
            Some(s) => {
                slots.slots[s as usize] = slot;
                s
            }
            None => {
                slots.slots.push(slot);
                (slots.slots.len() - 1) as u32
            }
        };
        self.push(key | s as u128);
        EventKey { slot: s, seq }
    }

    fn pop_event(&mut self) -> Option<(u128, E)> {
        let key = self.pop()?;
        let slot = (key & SLOT_MASK) as u32;
        let event = self.track.slots[slot as usize]
            .event
            .take()
            .expect("a pending event");
        self.track.free.push(slot);
        Some((key & !SLOT_MASK, event))
    }

    /// Pending (not cancelled) events.
    fn live(&self) -> usize {
        self.len + self.beyond.heap.len() - self.track.dead
    }

    fn cancel(&mut self, key: EventKey) -> bool {
        let Some(slot) = self.track.slots.get_mut(key.slot as usize) else {
            return false;
        };
        if slot.seq != key.seq || slot.event.is_none() {
            return false;
        }
        slot.event = None;
        let (bucket, index) = (slot.bucket, slot.index);
        if bucket == BEYOND {
            // Dropped when the wheel reaches it (or now, if it is the top of the heap).
            self.track.dead += 1;
            self.drop_cancelled();
        } else {
            self.remove(bucket, index);
            self.track.free.push(key.slot);
        }
        true
    }
}

/// A short unsorted list of keys with its least one known: for a few recurring sources
/// (one pending event each), cheaper than any heap.
#[derive(Clone, Debug, Default)]
struct ShortList {
    keys: Vec<u128>,
    /// Index of the least key.
    least: usize,
}

impl ShortList {
    #[inline]
    fn peek(&self) -> u128 {
        self.keys.get(self.least).copied().unwrap_or(u128::MAX)
    }

    #[inline]
    fn push(&mut self, key: u128) {
        self.keys.push(key);
        if key < self.peek() {
            self.least = self.keys.len() - 1;
        }
    }

    #[inline]
    fn pop(&mut self) -> Option<u128> {
        if self.keys.is_empty() {
            return None;
        }
        let key = self.keys.swap_remove(self.least);
        self.find_least();
        Some(key)
    }

    fn find_least(&mut self) {
        self.least = 0;
        for (i, &k) in self.keys.iter().enumerate().skip(1) {
            if k < self.keys[self.least] {
                self.least = i;
            }
        }
    }
}

/// A priority queue of future events.
///
/// Three stores, one order. Ordinary events go to a timing wheel; events of a few
/// recurring sources (each contact type's next arrival, scheduled with
/// [`Calendar::schedule_side`]) go to a short list of their own, which can be filtered
/// ([`Calendar::retain_side`]); cancellable events ([`Calendar::schedule_cancellable`]) go
/// to a wheel that tracks where each key is. All draw sequence numbers from one counter
/// and [`Calendar::pop`] takes the least of the three, so the order is exactly
/// `(time, seq)` over all events: where an event is kept changes speed, never order.
///
/// Time only moves forward: an event scheduled before the last event popped is held at
/// that event's time (it happens next, after the events already due then).
#[derive(Clone, Debug)]
pub struct Calendar<E> {
    plain: Wheel<Untracked>,
    side: ShortList,
    cancellable: Wheel<Slots<E>>,
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
            plain: Wheel::new(Untracked),
            side: ShortList::default(),
            cancellable: Wheel::new(Slots {
                slots: Vec::new(),
                free: Vec::new(),
                dead: 0,
            }),
            next_seq: 0,
            now: SimTime(0),
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.plain.len
            + self.plain.beyond.heap.len()
            + self.side.keys.len()
            + self.cancellable.live()
    }

    /// True if no event is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn top_keys(&self) -> (u128, u128, u128) {
        (self.plain.peek(), self.side.peek(), self.cancellable.peek())
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
        self.cancellable
            .push_event(key(time.max(self.now), seq), seq, event)
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
            self.cancellable.pop_event()?
        };
        self.now = time_of(k);
        Some((self.now, e))
    }

    /// Removes the pending side events (see [`Calendar::schedule_side`]) for which `keep`
    /// is false. Linear in the side list's length, which is short by design.
    pub fn retain_side(&mut self, mut keep: impl FnMut(E) -> bool) {
        self.side
            .keys
            .retain(|&k| keep(E::decode((k & CODE_MASK) as u64)));
        self.side.find_least();
    }

    /// Cancels a pending cancellable event. Returns false if it already happened or was
    /// cancelled.
    pub fn cancel(&mut self, key: EventKey) -> bool {
        self.cancellable.cancel(key)
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

    /// The wheels turning over many revolutions, with events far beyond their reach and
    /// in the bucket of the clock, ordinary and cancellable, some cancelled on the wheel
    /// and some beyond it: pops in key order, and the count is exact throughout.
    #[test]
    fn the_wheels_keep_the_order_over_days() {
        let mut cal: Calendar<u32> = Calendar::new();
        let mut model: Vec<(u64, u32)> = Vec::new();
        let mut keys = Vec::new();
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
            let r = next();
            if r % 2 == 0 {
                keys.push((cal.schedule_cancellable(SimTime(now + ahead), i), i));
            } else {
                cal.schedule(SimTime(now + ahead), i);
            }
            model.push((now + ahead, i));
            if r % 7 == 0 && !keys.is_empty() {
                let (k, id) = keys.swap_remove((next() % keys.len() as u64) as usize);
                let live = model.iter().any(|&(_, m)| m == id);
                assert_eq!(cal.cancel(k), live);
                model.retain(|&(_, m)| m != id);
            }
            if r % 3 != 0 && !model.is_empty() {
                model.sort();
                let expect = model.remove(0);
                assert_eq!(cal.pop(), Some((SimTime(expect.0), expect.1)));
                now = expect.0;
            }
            assert_eq!(cal.len(), model.len());
        }
        model.sort();
        for expect in model {
            assert_eq!(cal.peek_time(), Some(SimTime(expect.0)));
            assert_eq!(cal.pop(), Some((SimTime(expect.0), expect.1)));
        }
        assert_eq!(cal.pop(), None);
        assert_eq!(cal.peek_time(), None);
        assert!(cal.is_empty());
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
