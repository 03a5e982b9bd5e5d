@testable import RunLens

/// A visitor that keeps every leaf it is given, for tests of the readers.
struct FieldRecorder: FieldVisitor {
    /// One visitor call, with its key and value copied.
    enum Event: Equatable, CustomStringConvertible {
        case number(String, Double)
        case indexed(String, Int, Double)
        case string(String, String)
        case bool(String, Bool)
        case null(String)

        static func == (lhs: Event, rhs: Event) -> Bool {
            switch (lhs, rhs) {
            case (.number(let a, let x), .number(let b, let y)):
                return a == b && sameNumber(x, y)
            case (.indexed(let a, let i, let x), .indexed(let b, let j, let y)):
                return a == b && i == j && sameNumber(x, y)
            case (.string(let a, let x), .string(let b, let y)):
                return a == b && x == y
            case (.bool(let a, let x), .bool(let b, let y)):
                return a == b && x == y
            case (.null(let a), .null(let b)):
                return a == b
            default:
                return false
            }
        }

        /// Equal bit for bit, except that any NaN equals any NaN.
        private static func sameNumber(_ x: Double, _ y: Double) -> Bool {
            x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        }

        var description: String {
            switch self {
            case .number(let key, let value): return "\(key)=\(value)"
            case .indexed(let key, let index, let value): return "\(key)[\(index)]=\(value)"
            case .string(let key, let value): return "\(key)=\"\(value)\""
            case .bool(let key, let value): return "\(key)=\(value)"
            case .null(let key): return "\(key)=null"
            }
        }
    }

    /// Totals for one key over many records.
    struct Figures: Equatable {
        var numbers = 0
        var nans = 0
        var nulls = 0
        var strings = 0
        var bools = 0
        /// The sum of the finite numbers, added in the order they came.
        var sum = 0.0
    }

    /// Every call, in order; left empty when `keepsEvents` is false.
    var events: [Event] = []
    /// Totals per key.
    var figures: [String: Figures] = [:]
    /// Whether to keep `events` (large inputs only need `figures`).
    var keepsEvents = true

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        let name = Self.text(key)
        if keepsEvents {
            events.append(index.map { .indexed(name, $0, value) } ?? .number(name, value))
        }

        figures[name, default: Figures()].numbers += 1
        if value.isNaN {
            figures[name, default: Figures()].nans += 1
        } else if value.isFinite {
            figures[name, default: Figures()].sum += value
        }
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let name = Self.text(key)
        if keepsEvents {
            events.append(.string(name, Self.text(value)))
        }
        figures[name, default: Figures()].strings += 1
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        let name = Self.text(key)
        if keepsEvents {
            events.append(.bool(name, value))
        }
        figures[name, default: Figures()].bools += 1
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        let name = Self.text(key)
        if keepsEvents {
            events.append(.null(name))
        }
        figures[name, default: Figures()].nulls += 1
    }

    private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
