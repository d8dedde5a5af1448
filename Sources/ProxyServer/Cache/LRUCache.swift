import Synchronization

/// A thread-safe least-recently-used map bounded by the total cost (bytes) of its values.
final class LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Node {
        var value: Value
        var cost: Int
        var previous: Key?
        var next: Key?
    }

    private struct State {
        var nodes: [Key: Node] = [:]
        var newest: Key?
        var oldest: Key?
        var totalCost = 0
        var evictions = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    /// `capacity` is the largest total cost kept; a value costing more than that is never kept.
    init(capacity: Int) {
        self.capacity = capacity
    }

    var totalCost: Int { state.withLock { $0.totalCost } }
    var count: Int { state.withLock { $0.nodes.count } }
    var evictions: Int { state.withLock { $0.evictions } }

    /// The value, marked as most recently used.
    func value(for key: Key) -> Value? {
        state.withLock { state in
            guard let node = state.nodes[key] else { return nil }
            Self.unlink(key, &state)
            Self.pushNewest(key, node, &state)
            return node.value
        }
    }

    /// Stores a value, evicting the least recently used until the total fits.
    func insert(_ value: Value, for key: Key, cost: Int) {
        state.withLock { state in
            Self.remove(key, &state)
            guard cost <= capacity else { return }
            Self.pushNewest(key, Node(value: value, cost: cost), &state)
            state.totalCost += cost
            while state.totalCost > capacity, let oldest = state.oldest {
                Self.remove(oldest, &state)
                state.evictions += 1
            }
        }
    }

    /// Removes one entry.
    func removeValue(for key: Key) {
        state.withLock { Self.remove(key, &$0) }
    }

    /// Removes the entries whose keys match.
    func removeAll(where matches: (Key) -> Bool) {
        state.withLock { state in
            for key in state.nodes.keys where matches(key) { Self.remove(key, &state) }
        }
    }

    /// Unlinks and drops one entry, if present.
    private static func remove(_ key: Key, _ state: inout State) {
        guard let node = state.nodes[key] else { return }
        unlink(key, &state)
        state.nodes[key] = nil
        state.totalCost -= node.cost
    }

    private static func unlink(_ key: Key, _ state: inout State) {
        guard let node = state.nodes[key] else { return }
        if let previous = node.previous { state.nodes[previous]?.next = node.next } else { state.newest = node.next }
        if let next = node.next { state.nodes[next]?.previous = node.previous } else { state.oldest = node.previous }
        state.nodes[key]?.previous = nil
        state.nodes[key]?.next = nil
    }

    private static func pushNewest(_ key: Key, _ node: Node, _ state: inout State) {
        var node = node
        node.previous = nil
        node.next = state.newest
        if let newest = state.newest { state.nodes[newest]?.previous = key }
        state.nodes[key] = node
        state.newest = key
        if state.oldest == nil { state.oldest = key }
    }
}
