extension MLflowMetricReader {
    /// The space-separated fields of a line, without allocating: the first three ranges and
    /// how many fields there were in all.
    struct Fields {
        var first = 0..<0
        var second = 0..<0
        var third = 0..<0
        var count = 0

        mutating func add(_ range: Range<Int>) {
            switch count {
            case 0: first = range
            case 1: second = range
            case 2: third = range
            default: break
            }
            count += 1
        }
    }

    /// One point of a metric.
    struct Point: Equatable {
        var timestamp: Double
        var value: Double
        var step: Double?
    }

    /// Why a line is not a point, in the words shown to the user.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case fieldCount(Int)
        case timestamp(String)
        case value(String)
        case step(String)

        var description: String {
            switch self {
            case .fieldCount(let count):
                let found = count == 1 ? "1 field" : "\(count) fields"
                return "expected '<timestamp> <value> <step>', found \(found)"
            case .timestamp(let text): return "timestamp is not an integer: '\(text)'"
            case .value(let text): return "value is not a number: '\(text)'"
            case .step(let text): return "step is not an integer: '\(text)'"
            }
        }
    }

    /// Tells whether a line is a complete three-field MLflow point (for format sniffing).
    static func isPointLine(_ line: UnsafeRawBufferPointer) -> Bool {
        var fields = Fields()
        guard split(line, into: &fields), fields.count == 3 else {
            return false
        }

        if case .success = parse(line, fields) {
            return true
        }
        return false
    }

    /// Splits on runs of spaces and tabs; true when there are two or three fields.
    static func split(_ line: UnsafeRawBufferPointer, into fields: inout Fields) -> Bool {
        var start: Int?
        for index in 0...line.count {
            let separator = index == line.count || CSVCell.isBlank(line[index])
            if separator, let fieldStart = start {
                fields.add(fieldStart..<index)
                start = nil
            } else if !separator, start == nil {
                start = index
            }
        }
        return fields.count == 2 || fields.count == 3
    }

    static func parse(_ line: UnsafeRawBufferPointer, _ fields: Fields) -> Result<Point, Problem> {
        let timestampText = UnsafeRawBufferPointer(rebasing: line[fields.first])
        guard let timestamp = integer(timestampText) else {
            return .failure(.timestamp(quoted(timestampText)))
        }

        let valueText = UnsafeRawBufferPointer(rebasing: line[fields.second])
        guard let value = CSVCell.number(valueText) else {
            return .failure(.value(quoted(valueText)))
        }

        guard fields.count == 3 else {
            return .success(Point(timestamp: timestamp, value: value, step: nil))
        }

        let stepText = UnsafeRawBufferPointer(rebasing: line[fields.third])
        guard let step = integer(stepText) else {
            return .failure(.step(quoted(stepText)))
        }
        return .success(Point(timestamp: timestamp, value: value, step: step))
    }

    static func wrongShape(_ count: Int) -> MLflowLineResult {
        .malformed(Problem.fieldCount(count).description)
    }

    /// An optional `-` and 1 to 18 digits, as a double (exact below 2^53).
    static func integer(_ text: UnsafeRawBufferPointer) -> Double? {
        let negative = text.first == UInt8(ascii: "-")
        let digits = UnsafeRawBufferPointer(rebasing: text[(negative ? 1 : 0)...])
        guard !digits.isEmpty, digits.count <= 18 else {
            return nil
        }

        var value: Int64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else {
                return nil
            }
            value = value * 10 + Int64(digit)
        }
        return Double(negative ? -value : value)
    }

    /// The user's text for a message: at most 40 bytes, invalid UTF-8 replaced.
    private static func quoted(_ text: UnsafeRawBufferPointer) -> String {
        let shown = String(decoding: text.prefix(40), as: UTF8.self)
        return text.count > 40 ? shown + "..." : shown
    }
}
