/// Interns flattened field names: each distinct byte string gets a small integer id once.
///
/// Lookups hash the key bytes and compare them with the stored copy; nothing is
/// allocated for a name already seen. The table holds `capacity` names; later new names get
/// `nil` and are counted in `overflowed`, except those that detectors or positions need (a
/// metric with a role, a step, time or rank field): up to ``reservePerClass`` of them per
/// role, and as many of the other positions, are kept past the limit and listed in
/// `keptPastCapacity`.
public final class FieldTable {
    /// Everything known about each interned name, indexed by id.
    public private(set) var infos: [FieldInfo] = []
    /// How many lookups found no room for a new name.
    public private(set) var overflowed = 0
    /// The names interned past `capacity` because detectors or positions need them, in order.
    public private(set) var keptPastCapacity: [String] = []

    /// Names kept past `capacity` per role (names that match by their last path component
    /// apart from those that match as a whole), and positions.
    public static let reservePerClass = 64

    /// What a name kept past `capacity` is kept for.
    enum ReserveClass: Hashable {
        case position
        case role(MetricRole, whole: Bool)
    }

    /// How names map to roles.
    let matcher: RoleMatcher
    private let capacity: Int
    private var reserve = PastLimitReserve<ReserveClass>(perClass: reservePerClass)
    /// The hashes of names refused past `capacity` (at most `capacity` of them), so that a
    /// name met again is refused without working out its kind again.
    private var refused: Set<UInt64> = []
    /// The units logs stated for names, by raw name: the first stated wins.
    private var statedUnits: [String: String] = [:]
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
            return Self.equalBytes(base + span.start, other, span.count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal: names are short, so eight or four
    /// bytes at a time (the last load overlapping the one before) beat a call to `memcmp`.
    @inline(__always)
    static func equalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == b.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count
        where a.load(fromByteOffset: offset, as: UInt8.self)
            != b.load(fromByteOffset: offset, as: UInt8.self)
        {
            return false
        }
        return true
    }

    /// The id of `key`, interning it when new; `nil` when the table is full.
    public func intern(_ key: UnsafeRawBufferPointer) -> Int32? {
        let found = find(key)
        return found.id >= 0 ? found.id : insert(key, at: found.slot)
    }

    /// Notes that a log states `unit` for the field named `name` (a CSV column's `[MiB]`);
    /// a unit stated before for that name is kept.
    public func stateUnit(_ unit: String, for name: String) {
        guard statedUnits[name] == nil, statedUnits.count < capacity else { return }
        statedUnits[name] = unit
        let id = Array(name.utf8).withUnsafeBytes { existingID($0) }
        if let id, infos[Int(id)].unit == nil { infos[Int(id)].unit = unit }
    }

    /// The id of `key` when it was interned already, without interning it.
    func existingID(_ key: UnsafeRawBufferPointer) -> Int32? {
        let id = find(key).id
        return id >= 0 ? id : nil
    }

    /// The id of `key`, or -1 and the free slot where it would go.
    private func find(_ key: UnsafeRawBufferPointer) -> (id: Int32, slot: Int) {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let id = slots[slot]
            if id < 0 || matches(id, key) { return (id, slot) }
            slot = (slot + 1) & mask
        }
    }

    private func insert(_ key: UnsafeRawBufferPointer, at slot: Int) -> Int32? {
        let full = infos.count >= capacity
        let hash = full ? Self.hash(key) : 0
        if full, refused.contains(hash) {
            overflowed += 1
            return nil
        }
        var info = FieldInfo(rawName: String(decoding: key, as: UTF8.self), matcher: matcher)
        if !statedUnits.isEmpty { info.unit = statedUnits[info.rawName] }
        if full {
            guard reserve.take(reserveClass(info)) else {
                overflowed += 1
                if refused.count < capacity { refused.insert(hash) }
                return nil
            }
            keptPastCapacity.append(info.rawName)
        }
        let id = Int32(infos.count)
        spans.append((arena.count, key.count))
        arena.append(contentsOf: key)
        infos.append(info)
        slots[slot] = id
        if infos.count * 2 > slots.count { grow() }
        return id
    }

    /// What `info` would be kept for past `capacity`; `nil` for a metric without a role and
    /// for bookkeeping.
    func reserveClass(_ info: FieldInfo) -> ReserveClass? {
        switch info.kind {
        case .metric(let role?): return .role(role, whole: matcher.isWholeRoleName(info.name))
        case .metric(nil), .ignored: return nil
        default: return .position
        }
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
