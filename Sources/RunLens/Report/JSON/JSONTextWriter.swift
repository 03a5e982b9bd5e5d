/// Writes a `JSONNode` as `JSONEncoder` does with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`: two spaces a level, `"key" : value`, keys in byte order, an
/// empty array or object as its brackets on two lines.
struct JSONTextWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Appends `node` as a value at nesting `depth` (0 for the document).
    mutating func write(_ node: JSONNode, depth: Int = 0) {
        switch node {
        case .literal(let text): append(text)
        case .int(let value): append(String(value))
        case .double(let value): writeNumber(value)
        case .string(let text): writeString(text)
        case .array(let array): writeArray(array, depth: depth)
        case .integers(let values): writeIntegers(values, depth: depth)
        case .object(let object): writeObject(object, depth: depth)
        case .later(let encoder): write(encoder.encoded, depth: depth)
        }
    }

    private mutating func writeArray(_ array: JSONArrayNode, depth: Int) {
        bytes.append(UInt8(ascii: "["))
        for (position, item) in array.items.enumerated() {
            startMember(first: position == 0, depth: depth + 1)
            write(item, depth: depth + 1)
        }
        close(UInt8(ascii: "]"), depth: depth, empty: array.items.isEmpty)
    }

    /// `values` as ``writeArray(_:depth:)`` writes an array of `.int` nodes.
    private mutating func writeIntegers(_ values: [Int], depth: Int) {
        bytes.append(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            startMember(first: position == 0, depth: depth + 1)
            append(String(value))
        }
        close(UInt8(ascii: "]"), depth: depth, empty: values.isEmpty)
    }

    private mutating func writeObject(_ object: JSONObjectNode, depth: Int) {
        bytes.append(UInt8(ascii: "{"))
        let members = object.sortedPositions()
        for (position, member) in members.enumerated() {
            startMember(first: position == 0, depth: depth + 1)
            writeString(object.keys[member])
            append(" : ")
            write(object.values[member], depth: depth + 1)
        }
        close(UInt8(ascii: "}"), depth: depth, empty: members.isEmpty)
    }

    /// The comma before all but the first member, then its line and indentation.
    private mutating func startMember(first: Bool, depth: Int) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        indent(depth)
    }

    /// The line break, indentation and bracket that end an array or object; an empty one
    /// gets an empty line between its brackets.
    private mutating func close(_ bracket: UInt8, depth: Int, empty: Bool) {
        bytes.append(UInt8(ascii: "\n"))
        if empty { bytes.append(UInt8(ascii: "\n")) }
        indent(depth)
        bytes.append(bracket)
    }

    private mutating func indent(_ depth: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// A finite number as `JSONEncoder` spells it (its description without a trailing
    /// `.0`); a non-finite one as a string.
    private mutating func writeNumber(_ value: Double) {
        guard value.isFinite else { return write(JSONNode.nonfinite(value)) }

        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ExactNumberWriter.capacity) {
            guard let out = $0.baseAddress else { return }
            var count = ExactNumberWriter.write(value, to: out)
            if count > 2, out[count - 2] == UInt8(ascii: "."), out[count - 1] == UInt8(ascii: "0") {
                count -= 2
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: count))
        }
    }

    /// `text` in quotes: quote and backslash escaped, control characters as `\b`, `\t`,
    /// `\n`, `\f`, `\r` or `\u00xx` (lowercase hex), everything else as it is.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x08: append("\\b")
            case 0x09: append("\\t")
            case 0x0A: append("\\n")
            case 0x0C: append("\\f")
            case 0x0D: append("\\r")
            case 0..<0x20: append("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
