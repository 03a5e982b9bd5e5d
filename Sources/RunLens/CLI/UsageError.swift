/// A command line that cannot be run: an unknown flag, a missing or wrong value.
public struct UsageError: Error, Equatable, CustomStringConvertible {
    /// One line naming the flag and what was expected.
    public var message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
