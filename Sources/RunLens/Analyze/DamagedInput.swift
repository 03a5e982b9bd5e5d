/// A compressed input whose data was damaged or cut short, which `--strict` does not pass:
/// the file, what the decoder found, and what was read of it.
public struct DamagedInput: Sendable, Equatable {
    /// The file as given or found.
    public var path: String
    /// The decoder's warning: what was wrong, where, and what it kept (``ByteStream/damage``).
    public var reason: String
    /// The lines read from the file, by what they were.
    public var read: Accounting

    /// Creates the damage of one input.
    public init(path: String, reason: String, read: Accounting) {
        self.path = path
        self.reason = reason
        self.read = read
    }
}
