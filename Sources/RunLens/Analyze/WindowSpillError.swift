/// Why window rows could not be moved to, or read back from, their temporary file.
public struct WindowSpillError: Error, Equatable, CustomStringConvertible {
    /// What was being done with the file.
    public enum Operation: Sendable, Equatable {
        /// Creating it.
        case create
        /// Writing rows to it.
        case write
        /// Reading rows back.
        case read
    }

    /// What failed.
    public var operation: Operation
    /// The folder the file is in (the command line's report folder).
    public var directory: String
    /// The system's reason.
    public var reason: String

    /// One line for the user.
    public var description: String {
        let file = "a temporary file in '\(directory)'"
        return switch operation {
        case .create: "cannot create \(file) for window rows: \(reason)"
        case .write: "cannot write window rows to \(file): \(reason)"
        case .read: "cannot read window rows back from \(file): \(reason)"
        }
    }
}
