/// Walks command-line arguments: flags with values (`-o DIR`, `--window=5m`), switches,
/// and positional arguments (`-` is positional; `--` ends the flags).
public struct ArgumentCursor {
    private var arguments: [String]
    private var position = 0
    private var pendingValue: String?
    private var flagsEnded = false

    /// Creates a cursor over `arguments` (without the program and command names).
    public init(_ arguments: [String]) {
        self.arguments = arguments
    }

    /// One argument: a flag name (with `--`), or a positional value.
    public enum Item: Equatable {
        case flag(String)
        case positional(String)
    }

    /// The next item, or `nil` at the end.
    public mutating func next() throws(UsageError) -> Item? {
        if let value = pendingValue {
            throw UsageError("flag takes no value: '\(value)' given with '=' to a switch")
        }
        guard position < arguments.count else { return nil }
        let argument = arguments[position]
        position += 1
        if flagsEnded || argument == "-" || !argument.hasPrefix("-") {
            return .positional(argument)
        }
        if argument == "--" {
            flagsEnded = true
            return try next()
        }
        if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
            pendingValue = String(argument[argument.index(after: equals)...])
            return .flag(String(argument[..<equals]))
        }
        return .flag(argument)
    }

    /// The value of `flag`: after `=`, or the next argument.
    public mutating func value(for flag: String, expecting: String) throws(UsageError) -> String {
        if let value = pendingValue {
            pendingValue = nil
            return value
        }
        guard position < arguments.count else {
            throw UsageError("\(flag) needs a value: \(expecting)")
        }
        let value = arguments[position]
        // `-o --strict` or `-o -q` is a value forgotten, not a folder named `--strict`.
        if Self.isOption(value), !flagsEnded {
            throw UsageError("\(flag) needs a value: \(expecting), not the option '\(value)'")
        }
        position += 1
        return value
    }

    /// Whether `argument` reads as an option: `--` and a name, or `-` and a letter. A value
    /// that starts so goes after `=` (`--output=-q`) or as a path (`./-q`); `-` (standard
    /// input) and negative numbers (`-5`, `-.5`) are values.
    static func isOption(_ argument: String) -> Bool {
        let bytes = Array(argument.utf8.prefix(3))
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "-") else { return false }
        if bytes[1] == UInt8(ascii: "-") { return bytes.count > 2 }
        let letter = bytes[1] | 0x20
        return letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")
    }

    /// Reads the value of `flag` as a positive integer.
    public mutating func positiveInteger(for flag: String) throws(UsageError) -> Int {
        try positiveInteger(for: flag, atMost: Int.max)
    }

    /// Reads the value of `flag` as a positive integer no larger than `limit`; the message
    /// quotes the value as given and names the limit when the value is a larger integer.
    public mutating func positiveInteger(for flag: String, atMost limit: Int) throws(UsageError)
        -> Int
    {
        let text = try value(for: flag, expecting: "a positive integer")
        if let number = Int(text), number > 0, number <= limit { return number }
        let digits = !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        let tooLarge = digits && (Int(text).map { $0 > limit } ?? true)
        let wanted = tooLarge ? "a positive integer of at most \(limit)" : "a positive integer"
        throw UsageError("\(flag) expects \(wanted), got '\(text)'")
    }
}
