extension JSONCollector {
    /// Reads the string whose opening quote is at `start`.
    ///
    /// A string without escapes is left in place and `range` points into the text; one with
    /// escapes is unescaped into the arena. Bytes that are not valid UTF-8 are kept as they
    /// are.
    ///
    /// - Returns: the offset just past the closing quote, or -1 with `failure` set.
    @inline(__always)
    mutating func scanString(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into range: inout ByteRange
    ) -> Int {
        let index = Self.findSpecialByte(p, start + 1, end)
        guard index < end else {
            return fail(.unterminatedString, start)
        }

        let byte = p[index]
        if byte == UInt8(ascii: "\"") {
            range = ByteRange(start: start + 1, length: index - start - 1, inArena: false)
            return index + 1
        }
        if byte < 0x20 {
            return fail(.controlCharacter, index)
        }
        return unescape(p, start, index, end, into: &range)
    }

    /// The first offset at or after `start` holding `"`, `\` or a control byte, else `end`.
    ///
    /// Looks at eight bytes at a time: for each byte pattern the classic "has zero byte" bit
    /// trick flags the first match exactly (false flags only appear above a true one).
    @inline(__always)
    static func findSpecialByte(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= end {
            let word = UInt64(
                littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self))
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let found =
                ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes
                    | (word &- ones &* 0x20) & ~word) & highBits
            if found != 0 {
                return index + found.trailingZeroBitCount >> 3
            }
            index += 8
        }

        while index < end {
            let byte = p[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                return index
            }
            index += 1
        }
        return end
    }

    /// Copies the string opened at `start` into the arena, resolving escapes from the first
    /// backslash at `escape` on.
    private mutating func unescape(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ escape: Int, _ end: Int,
        into range: inout ByteRange
    ) -> Int {
        // Unescaping never lengthens text, so the rest of the input bounds the output.
        reserveArena(end - start)
        let first = arenaCount
        var out = arena + arenaCount
        out.update(from: p + start + 1, count: escape - start - 1)
        out += escape - start - 1

        var index = escape
        while true {
            guard index < end else {
                return fail(.unterminatedString, start)
            }
            let byte = p[index]
            if byte == UInt8(ascii: "\"") {
                break
            }
            if byte < 0x20 {
                return fail(.controlCharacter, index)
            }
            if byte != UInt8(ascii: "\\") {
                out.pointee = byte
                out += 1
                index += 1
                continue
            }

            guard index + 1 < end else {
                return fail(.unterminatedString, start)
            }
            index = unescapeOne(p, index, end, &out)
            if index < 0 {
                return -1
            }
        }

        arenaCount = out - arena
        range = ByteRange(start: first, length: arenaCount - first, inArena: true)
        return index + 1
    }

    /// Writes the byte(s) of the escape at `index` and returns the offset after it.
    private mutating func unescapeOne(
        _ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int,
        _ out: inout UnsafeMutablePointer<UInt8>
    ) -> Int {
        let plain: UInt8
        switch p[index + 1] {
        case UInt8(ascii: "\""): plain = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): plain = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): plain = UInt8(ascii: "/")
        case UInt8(ascii: "b"): plain = 0x08
        case UInt8(ascii: "f"): plain = 0x0C
        case UInt8(ascii: "n"): plain = 0x0A
        case UInt8(ascii: "r"): plain = 0x0D
        case UInt8(ascii: "t"): plain = 0x09
        case UInt8(ascii: "u"): return unescapeUnicode(p, index, end, &out)
        default: return fail(.invalidEscape, index)
        }
        out.pointee = plain
        out += 1
        return index + 2
    }

    /// Writes the UTF-8 of a `\uXXXX` escape, joining a surrogate pair; a lone surrogate
    /// becomes U+FFFD.
    private mutating func unescapeUnicode(
        _ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int,
        _ out: inout UnsafeMutablePointer<UInt8>
    ) -> Int {
        var scalar = Self.hexQuad(p, index + 2, end)
        guard scalar >= 0 else {
            return fail(.invalidEscape, index)
        }

        var next = index + 6
        if scalar & 0xFC00 == 0xD800 {
            let low =
                next + 1 < end && p[next] == UInt8(ascii: "\\") && p[next + 1] == UInt8(ascii: "u")
                ? Self.hexQuad(p, next + 2, end) : -1
            if low >= 0 && low & 0xFC00 == 0xDC00 {
                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                next += 6
            } else {
                scalar = 0xFFFD
            }
        } else if scalar & 0xFC00 == 0xDC00 {
            scalar = 0xFFFD
        }

        Self.writeUTF8(scalar, to: &out)
        return next
    }

    /// The value of four hex digits at `start`, or -1.
    private static func hexQuad(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard start + 4 <= end else {
            return -1
        }
        var value = 0
        for index in start..<start + 4 {
            let byte = p[index]
            let digit: UInt8
            if byte &- UInt8(ascii: "0") < 10 {
                digit = byte &- UInt8(ascii: "0")
            } else if (byte | 0x20) &- UInt8(ascii: "a") < 6 {
                digit = (byte | 0x20) &- UInt8(ascii: "a") + 10
            } else {
                return -1
            }
            value = value << 4 | Int(digit)
        }
        return value
    }

    private static func writeUTF8(_ scalar: Int, to out: inout UnsafeMutablePointer<UInt8>) {
        if scalar < 0x80 {
            out[0] = UInt8(scalar)
            out += 1
        } else if scalar < 0x800 {
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            out += 2
        } else if scalar < 0x10000 {
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            out += 3
        } else {
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            out += 4
        }
    }
}
