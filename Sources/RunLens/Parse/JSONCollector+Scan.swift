extension JSONCollector {
    /// The longest array of numbers whose elements become leaves.
    static let arrayLimit = 64

    /// Validates the JSON value at `start` (after any whitespace) and records its leaves.
    ///
    /// With `keep`, a top-level object's members are recorded as events; otherwise the value
    /// is only validated. Iterative, with an explicit stack limited to 512 levels, so no
    /// input can overflow the call stack.
    ///
    /// - Returns: the offset just past the value, or -1 with `failure` set.
    // TODO(#8): JSON Lines records are now built during the scan (`collectEarly`): a
    // 200-byte line costs about 2,830 instructions to scan and build, 1,470 of them for its
    // eleven numbers; of the rest, a member of the expected key takes about 100, nearly all
    // fixed per member (the guess, the key's words, the hand-off to the builder). A first
    // pass classifying quotes, backslashes and separators a word at a time (simdjson's stage
    // 1) would remove the per-byte branching left in strings, unusual spacing and `collect`.
    // Members from the first nested object, array or new name on still go through events and
    // `replay`: keeping the key path during the scan, and visiting a top-level array of
    // numbers when it closes, would take them early too.
    mutating func collect(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, keep: Bool)
        -> Int
    {
        keptArray = false
        return scan(p, start, end, keep: keep, member: nil)
    }

    /// Goes on with a kept top-level object from the value of its member `key` at `start`,
    /// recording that member and the rest as events: where `collectEarly` stops visiting.
    ///
    /// - Returns: the offset just past the object, or -1 with `failure` set.
    mutating func collectRest(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, key: ByteRange
    ) -> Int {
        keptArray = false
        frames[1] = Frame.keptObject
        return scan(p, start, end, keep: true, member: key)
    }

    /// The scanning loop of `collect`: from the top, or (with `member`) from the value of that
    /// member of a kept top-level object.
    private mutating func scan(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, keep: Bool, member: ByteRange?
    ) -> Int {
        var index = start
        var depth = member == nil ? 0 : 1
        var key = member ?? ByteRange()
        var keeping = member != nil

        nextValue: while true {
            index = Self.skipWhitespace(p, index, end)
            guard index < end else {
                return failAtEnd(p, end)
            }

            switch p[index] {
            case UInt8(ascii: "\""):
                var value = ByteRange()
                index = scanString(p, index, end, into: &value)
                if index < 0 {
                    return -1
                }
                if keeping {
                    appendString(key: key, value: value, depth: depth)
                } else if keptArray {
                    dropArray(depth: depth)
                }

            case UInt8(ascii: "{"):
                guard depth < Self.depthLimit else {
                    return fail(.tooDeep, index)
                }
                let keepsMembers = depth == 0 ? keep : keeping
                if keptArray {
                    dropArray(depth: depth)
                }
                if keepsMembers && depth > 0 {
                    appendEvent(Self.event(.openObject, key: key, depth: depth, payload: 0))
                }
                depth += 1
                frames[depth] = keepsMembers ? Frame.keptObject : Frame.object
                keeping = keepsMembers

                index = Self.skipWhitespace(p, index + 1, end)
                if index >= end || p[index] != UInt8(ascii: "}") {
                    index = scanKey(p, index, end, into: &key)
                    if index < 0 {
                        return -1
                    }
                    continue nextValue
                }

            case UInt8(ascii: "["):
                guard depth < Self.depthLimit else {
                    return fail(.tooDeep, index)
                }
                if keptArray {
                    dropArray(depth: depth)
                }
                depth += 1
                frames[depth] = keeping ? Frame.numberArray : Frame.array
                if keeping {
                    keptArray = true
                    keptArrayKey = key
                    keptArrayFirst = numberCount
                }
                keeping = false

                index = Self.skipWhitespace(p, index + 1, end)
                if index >= end || p[index] != UInt8(ascii: "]") {
                    continue nextValue
                }

            default:
                let scalar = scanScalar(p, index, end)
                if scalar.end < 0 {
                    return -1
                }
                index = scalar.end
                if keeping {
                    let payload = scalar.kind == .number ? scalar.number.bitPattern : 0
                    appendEvent(Self.event(scalar.kind, key: key, depth: depth, payload: payload))
                } else if keptArray {
                    keepArrayElement(scalar, depth: depth)
                }
            }

            // After a value: close finished containers until the next value or the end.
            while depth > 0 {
                index = Self.skipWhitespace(p, index, end)
                guard index < end else {
                    return failAtEnd(p, end)
                }
                let byte = p[index]
                let inArray = frames[depth] >= Frame.array

                if byte == UInt8(ascii: ",") {
                    index += 1
                    if !inArray {
                        let plain = Self.plainKey(p, index, end)
                        if plain.end >= 0 {
                            key = ByteRange(start: plain.start, length: plain.end - plain.start)
                            index = plain.end + 3
                            continue nextValue
                        }
                        index = scanKey(p, index, end, into: &key)
                        if index < 0 {
                            return -1
                        }
                    }
                    continue nextValue
                }
                guard byte == (inArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) else {
                    return fail(inArray ? .expectedCommaOrBracket : .expectedCommaOrBrace, index)
                }

                index += 1
                if keptArray {
                    finishArray(depth: depth - 1)
                }
                depth -= 1
                keeping = frames[depth] == Frame.keptObject
            }
            return index
        }
    }

    /// Reads `"key"` and the `:` after it, starting at or before the opening quote.
    ///
    /// The usual layout, `, "key": value`, is matched two bytes at a time on each side of the
    /// key; any other spacing takes the general path, which also reports the errors.
    @inline(__always)
    mutating func scanKey(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into key: inout ByteRange
    ) -> Int {
        var index = start
        if index + 2 <= end && Self.bytePair(p, index) == Self.spaceQuote {
            index += 1
        } else {
            index = Self.skipWhitespace(p, start, end)
            guard index < end else {
                return failAtEnd(p, end)
            }
            guard p[index] == UInt8(ascii: "\"") else {
                return fail(.expectedKey, index)
            }
        }
        index = scanString(p, index, end, into: &key)
        if index < 0 {
            return -1
        }

        if index + 2 <= end && Self.bytePair(p, index) == Self.colonSpace {
            return index + 2
        }
        index = Self.skipWhitespace(p, index, end)
        guard index < end else {
            return failAtEnd(p, end)
        }
        guard p[index] == UInt8(ascii: ":") else {
            return fail(.expectedColon, index)
        }
        return index + 1
    }

    /// Finds the usual `␣"key":␣` without escapes at `start`, as `scanKey` would read it.
    ///
    /// - Returns: the key's first byte and its closing quote, or an `end` of -1 when the
    ///   text is laid out otherwise (then `scanKey` reads it, or reports the error).
    @inline(__always)
    static func plainKey(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> (start: Int, end: Int)
    {
        guard start + 2 <= end && bytePair(p, start) == spaceQuote else {
            return (0, -1)
        }
        let close = findSpecialByte(p, start + 2, end)
        guard
            close + 3 <= end && p[close] == UInt8(ascii: "\"")
                && bytePair(p, close + 1) == colonSpace
        else {
            return (0, -1)
        }
        return (start + 2, close)
    }

    /// The bytes `␣"` and `:␣` as read by `bytePair`.
    private static var spaceQuote: UInt16 { 0x2220 }
    private static var colonSpace: UInt16 { 0x203A }

    /// The two bytes at `index`, the first in the low half.
    @inline(__always)
    private static func bytePair(_ p: UnsafePointer<UInt8>, _ index: Int) -> UInt16 {
        UInt16(littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt16.self))
    }

    /// Adds a scalar element to the kept array, or gives the array up if it is not a number
    /// or the array is already full.
    private mutating func keepArrayElement(_ scalar: Scalar, depth: Int) {
        if scalar.kind == .number && numberCount - keptArrayFirst < Self.arrayLimit {
            appendNumber(scalar.number)
        } else {
            dropArray(depth: depth)
        }
    }

    /// Closes the kept array: its numbers, if any, become one event.
    private mutating func finishArray(depth: Int) {
        let count = numberCount - keptArrayFirst
        if count > 0 {
            let payload = JSONEvent.range(keptArrayFirst, count)
            appendEvent(Self.event(.numberArray, key: keptArrayKey, depth: depth, payload: payload))
        }
        keptArray = false
    }

    /// Gives up keeping the open array: it holds something other than up to 64 numbers.
    private mutating func dropArray(depth: Int) {
        keptArray = false
        numberCount = keptArrayFirst
        frames[depth] = Frame.array
    }

    /// An event for the member `key` of the object at `depth`.
    @inline(__always)
    static func event(
        _ kind: JSONEvent.Kind, key: ByteRange, depth: Int, payload: UInt64,
        valueInArena: Bool = false
    ) -> JSONEvent {
        let flags =
            (key.inArena ? JSONEvent.keyInArena : 0) | (valueInArena ? JSONEvent.valueInArena : 0)
        return JSONEvent(
            keyStart: UInt32(truncatingIfNeeded: key.start),
            keyLength: UInt32(truncatingIfNeeded: key.length), payload: payload, kind: kind,
            flags: flags, depth: UInt16(truncatingIfNeeded: depth))
    }

    @inline(__always)
    mutating func appendString(key: ByteRange, value: ByteRange, depth: Int) {
        let payload = JSONEvent.range(value.start, value.length)
        appendEvent(
            Self.event(
                .string, key: key, depth: depth, payload: payload, valueInArena: value.inArena))
    }
}
