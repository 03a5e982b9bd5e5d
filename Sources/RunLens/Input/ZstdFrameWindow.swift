/// The window a zstd frame asks its decoder to keep, read from the frame header (RFC 8878,
/// section 3.1.1.1).
///
/// A frame written with `zstd --long` asks for up to 2 GiB, more than a decoder keeps by
/// default (128 MiB); runlens decodes such frames and says how much memory they take.
enum ZstdFrameWindow {
    /// The most bytes a frame header takes: magic, descriptor, window, dictionary id and
    /// content size.
    static let maxHeaderBytes = 18

    /// The largest window a decoder keeps unless told otherwise (`zstd -d` refuses more
    /// without `--long` or `--memory`).
    static let defaultLimit: UInt64 = 1 << 27

    /// The largest window runlens decodes: the most the format allows on a 64-bit machine.
    static let maxLog: Int32 = 31

    /// The window size in bytes the frame whose header starts `bytes` (at its magic number)
    /// needs, or nil when `bytes` ends before the fields that say it.
    ///
    /// A single-segment frame keeps its whole content, so its window is its content size.
    static func size(ofFrameAt bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count > 4 else { return nil }
        let descriptor = bytes[4]
        let singleSegment = descriptor & 0x20 != 0
        if !singleSegment {
            guard bytes.count > 5 else { return nil }
            return windowSize(descriptor: bytes[5])
        }

        let dictionaryBytes = [0, 1, 2, 4][Int(descriptor & 0x03)]
        let contentBytes = [1, 2, 4, 8][Int(descriptor >> 6)]
        let start = 5 + dictionaryBytes
        guard bytes.count >= start + contentBytes else { return nil }
        let value = littleEndian(bytes, from: start, count: contentBytes)
        return contentBytes == 2 ? value + 256 : value
    }

    /// The window a window descriptor byte encodes: a power of two from 2^10 and up to seven
    /// eighths more.
    private static func windowSize(descriptor: UInt8) -> UInt64 {
        let base: UInt64 = 1 << (10 + UInt64(descriptor >> 3))
        return base + base / 8 * UInt64(descriptor & 0x07)
    }

    private static func littleEndian(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int)
        -> UInt64
    {
        (0..<count).reduce(0) { value, offset in
            value | UInt64(bytes[start + offset]) << UInt64(8 * offset)
        }
    }

    /// The window in the words of a warning: `256 MiB`, `2 GiB`, `160 MiB`.
    static func words(_ size: UInt64) -> String {
        let mebibytes = Double(size) / Double(1 << 20)
        if mebibytes >= 1024, mebibytes.truncatingRemainder(dividingBy: 1024) == 0 {
            return "\(Int(mebibytes / 1024)) GiB"
        }
        return "\(Int(mebibytes.rounded(.up))) MiB"
    }
}
