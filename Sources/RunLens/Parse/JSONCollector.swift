/// The first phase of JSON scanning: validates a value and records its leaves as events.
///
/// Owns reusable buffers (events, array numbers, unescaped bytes, the nesting stack and
/// the key path), allocated once and grown only when a larger input needs it, so a warmed
/// up collector allocates nothing per record. `collect` never calls a visitor; `replay`
/// does, once the whole record is known to be valid. `collectEarly` visits the leaves of a
/// line's flat members as it reads them, for a visitor that can restart its record when the
/// line turns out malformed. The owner must call `deallocate()`.
///
/// Memory stays proportional to the longest input seen and is kept for reuse: a 24-byte
/// event per member (at least 5 input bytes), 8 bytes per kept array element (at least 2),
/// unescaped text no longer than its source; with doubling growth, under about ten bytes
/// per input byte.
struct JSONCollector {
    /// A byte range of a key or string: in the scanned text, or in `arena` when unescaped.
    struct ByteRange {
        var start = 0
        var length = 0
        var inArena = false
    }

    /// Values of `frames`.
    enum Frame {
        /// An object whose members are not kept (inside an array, or skipped).
        static let object: UInt8 = 0
        /// An object whose members become leaves.
        static let keptObject: UInt8 = 1
        /// An array whose elements are not kept.
        static let array: UInt8 = 2
        /// An array of numbers being kept, until an element or its length disqualifies it.
        static let numberArray: UInt8 = 3
    }

    static let depthLimit = JSONSyntaxError.depthLimit

    var events: UnsafeMutablePointer<JSONEvent>
    var eventCapacity = 64
    var eventCount = 0

    var numbers: UnsafeMutablePointer<Double>
    var numberCapacity = 64
    var numberCount = 0

    var arena: UnsafeMutablePointer<UInt8>
    var arenaCapacity = 256
    var arenaCount = 0

    /// Kind of each open container by depth (1-based); see `Frame`.
    let frames: UnsafeMutablePointer<UInt8>
    /// Bytes of the flattened key prefix while replaying.
    var path: UnsafeMutablePointer<UInt8>
    var pathCapacity = 256
    /// Length of the key prefix in front of the members of the object at each depth.
    let prefixLengths: UnsafeMutablePointer<Int>

    /// Whether the innermost open array is an array of numbers still being kept; its key
    /// and its first element's index in `numbers`.
    var keptArray = false
    var keptArrayKey = ByteRange()
    var keptArrayFirst = 0

    /// Set by the last failed `collect`.
    var failure = JSONSyntaxError(kind: .notAnObject, offset: 0)

    /// Creates a collector with small buffers.
    init() {
        events = .allocate(capacity: eventCapacity)
        numbers = .allocate(capacity: numberCapacity)
        arena = .allocate(capacity: arenaCapacity)
        frames = .allocate(capacity: Self.depthLimit + 1)
        frames.initialize(repeating: Frame.object, count: Self.depthLimit + 1)
        path = .allocate(capacity: pathCapacity)
        prefixLengths = .allocate(capacity: Self.depthLimit + 2)
        prefixLengths.initialize(repeating: 0, count: Self.depthLimit + 2)
    }

    /// Frees every buffer; the collector must not be used afterwards.
    func deallocate() {
        events.deallocate()
        numbers.deallocate()
        arena.deallocate()
        frames.deallocate()
        path.deallocate()
        prefixLengths.deallocate()
    }

    /// Forgets the previous record, keeping the buffers unless they grew large for a record
    /// that used much less: then they shrink, so one huge line does not pin its memory.
    mutating func reset() {
        if eventCapacity > Self.largeEventCapacity || arenaCapacity > Self.largeByteCapacity
            || numberCapacity > Self.largeEventCapacity || pathCapacity > Self.largeByteCapacity
        {
            shrinkUnusedBuffers()
        }
        eventCount = 0
        numberCount = 0
        arenaCount = 0
    }

    /// Buffer sizes (in elements) past which `reset` considers shrinking.
    private static let largeEventCapacity = 1 << 16
    private static let largeByteCapacity = 1 << 20

    /// Replaces each large buffer that the last record used less than a quarter of.
    private mutating func shrinkUnusedBuffers() {
        if eventCapacity > Self.largeEventCapacity && eventCount < eventCapacity / 4 {
            events.deallocate()
            eventCapacity = max(64, eventCount * 2)
            events = .allocate(capacity: eventCapacity)
        }
        if numberCapacity > Self.largeEventCapacity && numberCount < numberCapacity / 4 {
            numbers.deallocate()
            numberCapacity = max(64, numberCount * 2)
            numbers = .allocate(capacity: numberCapacity)
        }
        if arenaCapacity > Self.largeByteCapacity && arenaCount < arenaCapacity / 4 {
            arena.deallocate()
            arenaCapacity = max(256, arenaCount * 2)
            arena = .allocate(capacity: arenaCapacity)
        }
        if pathCapacity > Self.largeByteCapacity {
            path.deallocate()
            pathCapacity = 256
            path = .allocate(capacity: pathCapacity)
        }
    }

    /// Records the failure and returns -1, the failed offset of the scanning functions.
    mutating func fail(_ kind: JSONSyntaxError.Kind, _ offset: Int) -> Int {
        failure = JSONSyntaxError(kind: kind, offset: offset)
        return -1
    }

    /// Records an end-of-text failure, placed just after the last non-whitespace byte.
    mutating func failAtEnd(_ p: UnsafePointer<UInt8>, _ end: Int) -> Int {
        var offset = end
        while offset > 0 && Self.isWhitespace(p[offset - 1]) {
            offset -= 1
        }
        return fail(.unexpectedEnd, offset)
    }

    @inline(__always)
    mutating func appendEvent(_ event: JSONEvent) {
        if eventCount == eventCapacity {
            events = Self.grow(
                events, count: eventCount, to: &eventCapacity, needed: eventCount + 1)
        }
        events[eventCount] = event
        eventCount += 1
    }

    @inline(__always)
    mutating func appendNumber(_ value: Double) {
        if numberCount == numberCapacity {
            numbers = Self.grow(
                numbers, count: numberCount, to: &numberCapacity, needed: numberCount + 1)
        }
        numbers[numberCount] = value
        numberCount += 1
    }

    /// Makes room for `extra` more unescaped bytes.
    mutating func reserveArena(_ extra: Int) {
        if arenaCount + extra > arenaCapacity {
            arena = Self.grow(
                arena, count: arenaCount, to: &arenaCapacity, needed: arenaCount + extra)
        }
    }

    /// Makes the key path buffer hold at least `needed` bytes, keeping its first `kept`.
    mutating func reservePath(_ needed: Int, keeping kept: Int) {
        if needed > pathCapacity {
            path = Self.grow(path, count: kept, to: &pathCapacity, needed: needed)
        }
    }

    /// Moves `count` elements to a buffer at least twice as large and at least `needed` long.
    private static func grow<T>(
        _ buffer: UnsafeMutablePointer<T>, count: Int, to capacity: inout Int, needed: Int
    ) -> UnsafeMutablePointer<T> {
        capacity = max(capacity * 2, needed)
        let larger = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        larger.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        return larger
    }

    /// JSON whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (0x1_0000_2600 as UInt64) >> UInt64(byte) & 1 != 0
    }

    /// The first offset at or after `start` that is not whitespace.
    @inline(__always)
    static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && isWhitespace(p[index]) {
            index += 1
        }
        return index
    }
}
