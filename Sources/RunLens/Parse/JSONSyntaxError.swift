/// Why a JSON text failed to scan, and the byte offset where that was seen.
///
/// Kept as a small value on the hot path; the words for people are made only on demand.
struct JSONSyntaxError: Equatable {
    /// The kinds of failure, each with one fixed phrase.
    enum Kind: UInt8 {
        case notAnObject
        case expectedKey
        case expectedColon
        case expectedValue
        case expectedCommaOrBrace
        case expectedCommaOrBracket
        case unterminatedString
        case invalidEscape
        case controlCharacter
        case invalidNumber
        case invalidLiteral
        case tooDeep
        case dataAfterValue
        case unexpectedEnd
        case tooLong
        case notAnObjectOrArray
    }

    /// What the scanned text is, for the words of end-of-text failures.
    enum Text: String {
        case line
        case document
    }

    /// The kind of failure.
    var kind: Kind
    /// The 0-based byte offset of the offending byte (or of the token it starts).
    var offset: Int

    /// The deepest nesting of objects and arrays a record may have.
    static let depthLimit = 512

    /// The phrase for people, quoting the offending token where there is one.
    func reason(in p: UnsafePointer<UInt8>, end: Int, text: Text) -> String {
        switch kind {
        case .notAnObject: return "not a JSON object"
        case .expectedKey: return "expected a string key"
        case .expectedColon: return "expected ':' after a key"
        case .expectedValue: return "expected a value"
        case .expectedCommaOrBrace: return "expected ',' or '}' after a value"
        case .expectedCommaOrBracket: return "expected ',' or ']' after a value"
        case .unterminatedString: return "unterminated string"
        case .invalidEscape: return "invalid escape"
        case .controlCharacter: return "control character in string"
        case .invalidNumber: return "invalid number '\(token(p, end))'"
        case .invalidLiteral: return "invalid literal '\(token(p, end))'"
        case .tooDeep: return "nesting deeper than \(Self.depthLimit) levels"
        case .dataAfterValue:
            return text == .line ? "data after the object" : "data after the document"
        case .unexpectedEnd: return "unexpected end of \(text.rawValue)"
        case .tooLong: return "\(text.rawValue) longer than 4 GiB"
        case .notAnObjectOrArray: return "not a JSON object or array"
        }
    }

    /// The run of number and word characters at `offset`, cut to 32 bytes.
    private func token(_ p: UnsafePointer<UInt8>, _ end: Int) -> String {
        var stop = offset
        while stop < end && stop - offset < 32 && Self.isTokenByte(p[stop]) {
            stop += 1
        }
        let text = String(
            decoding: UnsafeBufferPointer(start: p + offset, count: stop - offset), as: UTF8.self)
        return stop < end && Self.isTokenByte(p[stop]) ? text + "..." : text
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-"),
            UInt8(ascii: "."), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
