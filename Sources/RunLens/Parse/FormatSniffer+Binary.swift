extension FormatSniffer {
    /// Whether a head is not text: its first line holds a NUL byte, or more than one byte in
    /// ten is a control character or not part of valid UTF-8.
    ///
    /// After the first line a run of NUL bytes counts as one suspicious byte: a file system
    /// that crashed while a log was written leaves such runs in it, and the lines around
    /// them are still worth reading. Binary formats put a NUL in their first bytes.
    static func isBinary(_ text: UnsafeRawBufferPointer, isCut: Bool) -> Bool {
        var suspicious = 0
        var index = 0
        var inFirstLine = true
        while index < text.count {
            let byte = text[index]
            if byte == 0 {
                if inFirstLine { return true }
                suspicious += index > 0 && text[index - 1] == 0 ? 0 : 1
                index += 1
                continue
            }
            inFirstLine = inFirstLine && byte != 0x0A

            if byte < 0x80 {
                suspicious += isControl(byte) ? 1 : 0
                index += 1
                continue
            }

            let length = sequenceLength(text, at: index)
            if length == 0 {
                let cutAtEnd = isCut && index + 4 > text.count
                suspicious += cutAtEnd ? 0 : 1
                index += 1
            } else {
                index += length
            }
        }
        return suspicious * 10 > text.count
    }

    /// The length of the whole lines at the start of `text` that hold no NUL, no control
    /// byte and nothing but valid UTF-8: up to the `\n` before the first byte that is not
    /// text.
    static func cleanLinesLength(_ text: UnsafeRawBufferPointer) -> Int {
        var clean = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x0A {
                clean = index + 1
            }

            let length = byte < 0x80 ? (isControl(byte) ? 0 : 1) : sequenceLength(text, at: index)
            guard length > 0 else {
                return clean
            }
            index += length
        }
        return clean
    }

    /// Control bytes that text logs do not hold (tab, line ends, form feed, escape do).
    private static func isControl(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B: return false
        default: return byte < 0x20 || byte == 0x7F
        }
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when it is not valid.
    private static func sequenceLength(_ text: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = text[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }

        guard index + length <= text.count else {
            return 0
        }

        for offset in 1..<length where text[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }
}
