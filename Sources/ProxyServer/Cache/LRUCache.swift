import Synchronization

/// A thread-safe least-recently-used map bounded by the total cost (bytes) of its values.
///
/// Entries live in an array of slots linked by index, so moving one to the newest end rewrites a few integers in
/// place: no key is hashed again and no value is copied. A read moves its entry only when it may have left the
/// newest quarter: every access counts one tick, and an entry moved at tick `t` has at most `now - t - 1` entries
/// ahead of it, so a hot entry is read with one lookup.
final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Slot {
        var key: Key?
        var value: Value?
        var cost = 0
        /// The tick at which it last moved to the newest end.
        var moved: UInt64 = 0
        var previous = -1
        var next = -1
    }

    private struct State {
        var index: [Key: Int] = [:]
        var slots: [Slot] = []
        var free: [Int] = []
        var newest = -1
        var oldest = -1
        var totalCost = 0
        var evictions = 0
        var tick: UInt64 = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    /// `capacity` is the largest total cost kept; a value costing more than that is never kept.
    init(capacity: Int) {
        self.capacity = capacity
    }

    var totalCost: Int { state.withLock { $0.totalCost } }
    var count: Int { state.withLock { $0.index.count } }
    var evictions: Int { state.withLock { $0.evictions } }

    /// The value, marked as most recently used.
    func value(for key: Key) -> Value? {
        state.withLock { state in
            state.tick &+= 1
            guard let slot = state.index[key] else { return nil }
            if state.tick - state.slots[slot].moved > UInt64(max(1, state.index.count / 4)) {
                Self.unlink(slot, &state)
                Self.pushNewest(slot, &state)
            }
            return state.slots[slot].value
        }
    }

    /// Stores a value, evicting the least recently used until the total fits.
    func insert(_ value: Value, for key: Key, cost: Int) {
        state.withLock { state in
            if let slot = state.index[key] { Self.remove(slot, &state) }
            guard cost <= capacity else { return }
            let slot: Int
            if let reused = state.free.popLast() {
                slot = reused
            } else {
                slot = state.slots.count
                state.slots.append(Slot())
            }
            state.slots[slot] = Slot(key: key, value: value, cost: cost)
            state.index[key] = slot
            Self.pushNewest(slot, &state)
            state.totalCost += cost
            while state.totalCost > capacity, state.oldest >= 0 {
                Self.remove(state.oldest, &state)
                state.evictions += 1
            }
        }
    }

    /// Removes one entry.
    func removeValue(for key: Key) {
        state.withLock { state in
            if let slot = state.index[key] { Self.remove(slot, &state) }
        }
    }

    /// Removes the entries whose keys match.
    func removeAll(where matches: (Key) -> Bool) {
        state.withLock { state in
            for (key, slot) in state.index where matches(key) { Self.remove(slot, &state) }
        }
    }

    /// Unlinks and empties one slot.
    private static func remove(_ slot: Int, _ state: inout State) {
        unlink(slot, &state)
        if let key = state.slots[slot].key { state.index[key] = nil }
        state.totalCost -= state.slots[slot].cost
        state.slots[slot] = Slot()
        state.free.append(slot)
    }

    private static func unlink(_ slot: Int, _ state: inout State) {
        let previous = state.slots[slot].previous
        let next = state.slots[slot].next
        if previous >= 0 { state.slots[previous].next = next } else { state.newest = next }
        if next >= 0 { state.slots[next].previous = previous } else { state.oldest = previous }
        state.slots[slot].previous = -1
        state.slots[slot].next = -1
    }

    private static func pushNewest(_ slot: Int, _ state: inout State) {
        state.tick &+= 1
        state.slots[slot].moved = state.tick
        state.slots[slot].previous = -1
        state.slots[slot].next = state.newest
        if state.newest >= 0 { state.slots[state.newest].previous = slot }
        state.newest = slot
        if state.oldest < 0 { state.oldest = slot }
    }
}
