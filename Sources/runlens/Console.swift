import RunLens

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and standard error; stops quietly when a pipe is closed.
///
/// When the reader of standard output goes away (`runlens analyze ... | head -1`), later
/// output is dropped and the run goes on: the report is still written and the exit code
/// still tells the verdict.
enum Console {
    nonisolated(unsafe) private static var outputClosed = false

    /// Prints `text` (and a newline) to standard output. Text from logs or file names must
    /// pass through `PrintableText.of` first; colours added by the caller are kept.
    static func out(_ text: String, newline: Bool = true) {
        write(newline ? text + "\n" : text, to: 1)
    }

    /// Colours for standard output: only on a terminal, never with `NO_COLOR`.
    static let outStyle = TerminalStyle(isTerminal: isTerminal(1), environment: variable)
    /// Colours for standard error.
    static let errorStyle = TerminalStyle(isTerminal: isTerminal(2), environment: variable)

    /// Prints `runlens: error: message` to standard error, on one line.
    static func error(_ message: String) {
        let label = errorStyle.paint("error:", .boldRed)
        write("runlens: \(label) \(PrintableText.of(message))\n", to: 2)
    }

    /// Prints `runlens: warning: message` to standard error, on one line.
    static func warning(_ message: String) {
        let label = errorStyle.paint("warning:", .yellow)
        write("runlens: \(label) \(PrintableText.of(message))\n", to: 2)
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
        if descriptor == 1 && outputClosed { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(
                    descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                if errno == EPIPE && descriptor == 1 { outputClosed = true }
                return
            }
            offset += written
        }
    }
}
