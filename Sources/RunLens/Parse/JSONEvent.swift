/// One step of a scanned record, kept until the whole record is known to be valid.
///
/// Keys and string values are byte ranges into the scanned text or, when they held
/// escapes, into the collector's arena of unescaped bytes. 24 bytes each.
struct JSONEvent {
    /// What the event stands for.
    enum Kind: UInt8 {
        /// A member whose value is an object: its key becomes a path prefix.
        case openObject
        /// A number; `payload` holds the double's bits.
        case number
        /// An array of numbers; `payload` holds the first index into the numbers buffer
        /// (high 32 bits) and the count (low 32 bits).
        case numberArray
        /// A string; `payload` holds its start (high 32 bits) and length (low 32 bits).
        case string
        case isTrue
        case isFalse
        case null
    }

    /// Flag: the key bytes live in the arena, not in the scanned text.
    static let keyInArena: UInt8 = 1
    /// Flag: the string value's bytes live in the arena.
    static let valueInArena: UInt8 = 2

    var keyStart: UInt32
    var keyLength: UInt32
    var payload: UInt64
    var kind: Kind
    /// `keyInArena` and `valueInArena` bits.
    var flags: UInt8
    /// The depth of the object holding the member: 1 for the record's own members.
    var depth: UInt16

    /// Packs a start and a length into a payload.
    static func range(_ start: Int, _ length: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: start) << 32 | UInt64(truncatingIfNeeded: length)
    }
}
