#if canImport(Glibc)
    import Glibc
#endif

/// Interns flattened field names: each distinct byte string gets a small integer id once.
///
/// Lookups hash the key bytes and compare them with the stored copy; nothing is
/// allocated for a name already seen. The table holds at most `capacity` names; later
/// new names get `nil` and are counted in `overflowed`.
public final class FieldTable {
    /// Everything known about each interned name, indexed by id.
    public private(set) var infos: [FieldInfo] = []
    /// How many lookups found no room for a new name.
    public private(set) var overflowed = 0

    private let matcher: RoleMatcher
    private let capacity: Int
    private var arena: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []
    private var slots: [Int32]
    private var mask: Int

    /// Creates an empty table that maps names with `matcher` and holds up to `capacity`.
    public init(matcher: RoleMatcher, capacity: Int = 10_000) {
        self.matcher = matcher
        self.capacity = capacity
        slots = Array(repeating: -1, count: 256)
        mask = 255
    }

    /// The number of distinct names interned.
    public var count: Int { infos.count }

    /// True when the stored name of `id` equals `key` byte for byte.
    @inline(__always)
    public func matches(_ id: Int32, _ key: UnsafeRawBufferPointer) -> Bool {
        let span = spans[Int(id)]
        guard span.count == key.count else { return false }
        if span.count == 0 { return true }
        return arena.withUnsafeBytes { stored in
            guard let base = stored.baseAddress, let other = key.baseAddress else { return false }
            return memcmp(base + span.start, other, span.count) == 0
        }
    }

    /// The id of `key`, interning it when new; `nil` when the table is full.
    public func intern(_ key: UnsafeRawBufferPointer) -> Int32? {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return insert(key, at: slot) }
            if matches(id, key) { return id }
            slot = (slot + 1) & mask
        }
    }

    private func insert(_ key: UnsafeRawBufferPointer, at slot: Int) -> Int32? {
        guard infos.count < capacity else {
            overflowed += 1
            return nil
        }
        let id = Int32(infos.count)
        spans.append((arena.count, key.count))
        arena.append(contentsOf: key)
        let name = String(decoding: key, as: UTF8.self)
        infos.append(FieldInfo(rawName: name, matcher: matcher))
        slots[slot] = id
        if infos.count * 2 > slots.count { grow() }
        return id
    }

    private func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<spans.count {
            let span = spans[id]
            let hash = arena.withUnsafeBytes { stored in
                Self.hash(
                    UnsafeRawBufferPointer(rebasing: stored[span.start..<span.start + span.count]))
            }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// FNV-1a over the key bytes: names are short, so this is cheap and spreads well.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
