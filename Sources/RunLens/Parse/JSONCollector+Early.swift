extension JSONCollector {
    /// Scans the object opened at `start`, handing each member whose value is a string, a
    /// number, `true`, `false` or `null` to `visitor` as soon as it is read.
    ///
    /// A member that begins with the text the visitor expects (`expectedKey()`: the key the
    /// previous record had there) has its key matched whole, not searched for and compared.
    /// From the first leaf the visitor declines on, such members are recorded as events
    /// instead; from the first member that is an object or an array, `collectRest` records
    /// that member and the rest. `replay` visits the events once the line is known to be
    /// valid, so the visitor sees the leaves in document order either way. Errors are those
    /// `collect` reports, at the same offsets: when this returns -1 the caller must restart
    /// the visitor's record.
    ///
    /// - Returns: the offset just past the object, or -1 with `failure` set.
    mutating func collectEarly<V: EarlyFieldVisitor>(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, visitor: inout V
    ) -> Int {
        var index = Self.skipWhitespace(p, start + 1, end)
        if index < end && p[index] == UInt8(ascii: "}") {
            return index + 1
        }
        var key = ByteRange()
        var early = true
        var expected = false
        if let guess = visitor.expectedKey(), guess.matches(p, index, end) {
            key = ByteRange(start: index + 1, length: guess.count - 4)
            index += guess.count
            expected = true
        } else {
            index = scanKey(p, index, end, into: &key)
        }

        // The usual member is read in this one loop body: as helpers, taking a value and
        // reading the next key were kept out of line by the compiler, two calls a member.
        members: while index >= 0 {
            index = Self.skipWhitespace(p, index, end)
            guard index < end else {
                return failAtEnd(p, end)
            }
            let byte = p[index]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                return collectRest(p, index, end, key: key)
            }
            if byte == UInt8(ascii: "\"") {
                index = takeString(p, index, end, key: key, early: &early, visitor: &visitor)
            } else {
                // A short number is taken as a number outright, with no kind to merge.
                let short = Self.scanShortNumber(p, index, end)
                if short.end >= 0 {
                    index = short.end
                    let scalar = Scalar(end: short.end, kind: .number, number: short.value)
                    take(
                        scalar, key: key, expected: expected, early: &early, p: p, visitor: &visitor
                    )
                } else {
                    let scalar = scanOtherScalar(p, index, end)
                    index = scalar.end
                    if index >= 0 {
                        take(
                            scalar, key: key, expected: expected, early: &early, p: p,
                            visitor: &visitor)
                    }
                }
            }
            if index < 0 {
                return -1
            }

            // The next members, while each has the key the visitor expects (as the last
            // record wrote it, matched whole) and a value that is no string, object or array,
            // are read here, without the general value dispatch above.
            while true {
                // A value is nearly always followed by its comma at once: no whitespace loop.
                if index >= end || p[index] != UInt8(ascii: ",") {
                    index = Self.skipWhitespace(p, index, end)
                    guard index < end else {
                        return failAtEnd(p, end)
                    }
                    guard p[index] == UInt8(ascii: ",") else {
                        guard p[index] == UInt8(ascii: "}") else {
                            return fail(.expectedCommaOrBrace, index)
                        }
                        return index + 1
                    }
                }
                guard early, let guess = visitor.expectedKey(), guess.matches(p, index + 2, end),
                    p[index + 1] == 0x20
                else { break }

                key = ByteRange(start: index + 3, length: guess.count - 4)
                index += 2 + guess.count
                expected = true
                guard index < end else { continue members }
                // A short number needs no look at its first byte beforehand: it starts with
                // a digit or `-`, which `startsScalar` accepts too.
                let short = Self.scanShortNumber(p, index, end)
                let scalar: Scalar
                if short.end >= 0 {
                    scalar = Scalar(end: short.end, kind: .number, number: short.value)
                } else {
                    guard Self.startsScalar(p[index]) else { continue members }
                    scalar = scanOtherScalar(p, index, end)
                    guard scalar.end >= 0 else { return -1 }
                }
                take(scalar, key: key, expected: true, early: &early, p: p, visitor: &visitor)
                index = scalar.end
            }
            expected = false
            let plain = Self.plainKey(p, index + 1, end)
            if plain.end >= 0 {
                key = ByteRange(start: plain.start, length: plain.end - plain.start)
                index = plain.end + 3
            } else {
                index = scanKey(p, index + 1, end, into: &key)
            }
        }
        return -1
    }

    /// Reads the string at `start`, the value of the member `key`: visits it while `early`
    /// holds and the visitor takes it, else records it as an event.
    ///
    /// - Returns: the offset just past the string, or -1 with `failure` set.
    private mutating func takeString<V: EarlyFieldVisitor>(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, key: ByteRange,
        early: inout Bool, visitor: inout V
    ) -> Int {
        var value = ByteRange()
        let stop = scanString(p, start, end, into: &value)
        guard stop >= 0 else {
            return -1
        }
        // The key's bytes are found after the value's: unescaping may move the arena.
        if early {
            early = visitor.visitEarly(key: bytes(key, in: p), string: bytes(value, in: p))
        }
        if !early {
            appendString(key: key, value: value, depth: 1)
        }
        return stop
    }

    /// Visits the scalar read as the value of the member `key` (the key the visitor
    /// `expected`, or another) while `early` holds and the visitor takes it, else records it as
    /// an event.
    @inline(__always)
    private mutating func take<V: EarlyFieldVisitor>(
        _ scalar: Scalar, key: ByteRange, expected: Bool, early: inout Bool,
        p: UnsafePointer<UInt8>, visitor: inout V
    ) {
        if early && expected && scalar.kind == .number {
            early = visitor.visitExpected(key: bytes(key, in: p), number: scalar.number)
        } else if early {
            early = Self.visitEarly(scalar, key: bytes(key, in: p), visitor: &visitor)
        }
        if !early {
            let payload = scalar.kind == .number ? scalar.number.bitPattern : 0
            appendEvent(Self.event(scalar.kind, key: key, depth: 1, payload: payload))
        }
    }

    /// Offers the scalar to `visitor`; whether it took it.
    @inline(__always)
    private static func visitEarly<V: EarlyFieldVisitor>(
        _ scalar: Scalar, key: UnsafeRawBufferPointer, visitor: inout V
    ) -> Bool {
        switch scalar.kind {
        case .number: return visitor.visitEarly(key: key, number: scalar.number)
        case .isTrue: return visitor.visitEarly(key: key, bool: true)
        case .isFalse: return visitor.visitEarly(key: key, bool: false)
        default: return visitor.visitEarlyNull(key: key)
        }
    }

    /// Whether a value starting with `byte` is read by `scanScalar` as it stands: it is no
    /// whitespace, string, object or array (what else it is, `scanScalar` tells).
    @inline(__always)
    private static func startsScalar(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "{")
            && byte != UInt8(ascii: "[")
    }

    /// The bytes of `range`: in the scanned text or in the arena.
    @inline(__always)
    private func bytes(_ range: ByteRange, in p: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
        let base = range.inArena ? UnsafePointer(arena) : p
        return UnsafeRawBufferPointer(start: base + range.start, count: range.length)
    }
}
