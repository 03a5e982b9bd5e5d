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

    /// Prints `text` and a newline to standard output.
    static func out(_ text: String) {
        write(PrintableText.of(text, keepingNewlines: true) + "\n", to: 1)
    }

    /// Prints `runlens: error: message` to standard error, on one line.
    static func error(_ message: String) {
        write("runlens: error: \(PrintableText.of(message))\n", to: 2)
    }

    /// Prints `runlens: warning: message` to standard error, on one line.
    static func warning(_ message: String) {
        write("runlens: warning: \(PrintableText.of(message))\n", to: 2)
    }

    /// Prints `text` to standard error as it is.
    static func raw(_ text: String) {
        write(text, to: 2)
    }

    /// True when `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
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
