/// Why a configuration file cannot be used.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file as given.
    public var path: String
    /// The dotted key path at fault, or empty for the whole file.
    public var key: String
    /// What is wrong, and what is allowed.
    public var reason: String

    /// Creates an error.
    public init(path: String, key: String = "", reason: String) {
        self.path = path
        self.key = key
        self.reason = reason
    }

    /// One line: the file, the key in quotes, the reason.
    public var description: String {
        key.isEmpty ? "config '\(path)': \(reason)" : "config '\(path)': '\(key)': \(reason)"
    }
}
