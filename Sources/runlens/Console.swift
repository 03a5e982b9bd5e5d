import RunLens

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and standard error; stops quietly when a pipe is closed.
enum Console {
    /// Prints `text` and a newline to standard output.
    static func out(_ text: String, newline: Bool = true) {
        write(newline ? text + "\n" : text, to: 1)
    }

    /// Colours for standard output: only on a terminal, never with `NO_COLOR`.
    static let outStyle = TerminalStyle(isTerminal: isTerminal(1), environment: variable)
    /// Colours for standard error.
    static let errorStyle = TerminalStyle(isTerminal: isTerminal(2), environment: variable)

    /// Prints `runlens: error: message` to standard error.
    static func error(_ message: String) {
        write("runlens: \(errorStyle.paint("error:", .boldRed)) \(message)\n", to: 2)
    }

    /// Prints `runlens: warning: message` to standard error.
    static func warning(_ message: String) {
        write("runlens: \(errorStyle.paint("warning:", .yellow)) \(message)\n", to: 2)
    }

    /// Prints `text` to standard error as it is.
    static func raw(_ text: String) {
        write(text, to: 2)
    }

    /// True when `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The value of the environment variable `name`, if set.
    static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(
                    descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                if errno == EPIPE && descriptor == 1 { exit(0) }
                return
            }
            offset += written
        }
    }
}
