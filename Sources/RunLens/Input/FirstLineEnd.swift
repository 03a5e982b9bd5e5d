import Glibc

/// Whether a decoded stream has given a line end (`\n`, or `\r` in a file of bare CRs) yet,
/// so that a warning about damage says no whole line came before it when none did.
///
/// Only the bytes before the first line end are searched: after it, `note` is one test.
struct FirstLineEnd {
    /// True once a line end was decoded.
    private(set) var seen = false

    /// Looks for a line end in `bytes`, just decoded, until one is seen.
    mutating func note(_ bytes: UnsafeRawBufferPointer) {
        guard !seen, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        seen = memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
    }
}
