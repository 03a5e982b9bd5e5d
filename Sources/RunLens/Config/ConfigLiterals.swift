import Foundation

/// The text of every number in a config file as its author wrote it, by key path, so that
/// messages quote `1e16` where the JSON parser would give `1e+16`, and a number too large or
/// too small for a double can be named by its key.
///
/// The scan follows JSON's grammar loosely: it is run on text the JSON parser reads too, and
/// gives up (`nil`) on anything it cannot follow rather than judging it.
struct ConfigLiterals {
    /// Number texts by where they sit; a key given twice keeps its last number.
    private(set) var numbers: [ConfigKeyPath: String] = [:]
    /// The first key an object gives twice, which JSON readers settle in ways of their own.
    private(set) var repeatedKey: ConfigKeyPath?

    private let bytes: [UInt8]
    private var position = 0

    /// Nesting deeper than this is left to the JSON parser (and its error).
    private static let deepest = 256

    /// Scans `text`, JSON with comments already removed; `nil` when it cannot be followed.
    init?(_ text: String) {
        bytes = Array(text.utf8)
        guard scanValue(at: ConfigKeyPath(), depth: 0) else { return nil }
    }

    /// The number at `path` as written, if there is one.
    subscript(path: ConfigKeyPath) -> String? { numbers[path] }

    private mutating func scanValue(at path: ConfigKeyPath, depth: Int) -> Bool {
        skipSpace()
        guard position < bytes.count, depth < Self.deepest else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"): return scanObject(at: path, depth: depth + 1)
        case UInt8(ascii: "["): return scanList(at: path, depth: depth + 1)
        case UInt8(ascii: "\""): return scanString() != nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            numbers[path] = scanRun(of: Self.numberBytes)
            return true
        default: return !scanRun(of: Self.letters).isEmpty
        }
    }

    private mutating func scanObject(at path: ConfigKeyPath, depth: Int) -> Bool {
        position += 1
        if take(UInt8(ascii: "}")) { return true }
        var keys: Set<String> = []
        repeat {
            skipSpace()
            guard let key = scanString(), take(UInt8(ascii: ":")),
                scanValue(at: path.appending(key), depth: depth)
            else { return false }
            if !keys.insert(key).inserted, repeatedKey == nil {
                repeatedKey = path.appending(key)
            }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    private mutating func scanList(at path: ConfigKeyPath, depth: Int) -> Bool {
        position += 1
        if take(UInt8(ascii: "]")) { return true }
        var index = 0
        repeat {
            guard scanValue(at: path.appending(index), depth: depth) else { return false }
            index += 1
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// A string's decoded text, with the position after its closing quote.
    private mutating func scanString() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position
        position += 1
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return Self.decode(bytes[start..<position])
            }
        }
        return nil
    }

    /// The text of a quoted JSON string, escapes resolved.
    private static func decode(_ quoted: ArraySlice<UInt8>) -> String? {
        guard quoted.contains(UInt8(ascii: "\\")) else {
            return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
        }
        let value = try? JSONSerialization.jsonObject(
            with: Data(quoted), options: [.fragmentsAllowed])
        return value as? String
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)
    private static let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    private mutating func scanRun(of allowed: Set<UInt8>) -> String {
        let start = position
        while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Skips white space, then takes `byte` when it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipSpace() {
        while position < bytes.count,
            [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position])
        {
            position += 1
        }
    }
}
